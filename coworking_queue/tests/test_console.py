# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coworking_base.tests.common import EVERY_DAY
from odoo.addons.coworking_queue.exceptions import QueueRefused

from .common import QueueCommon


class TestConsoleData(QueueCommon):
    """What the agent console reads (``console_data``) and the refusals of
    the entry points its buttons call."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visitor = cls.env["res.partner"].create({"name": "Fatou Sow"})

    def console(self, counter_id=None, user=None):
        Counter = self.env["coworking.queue.counter"].with_user(user or self.user_agent)
        return Counter.console_data(counter_id)

    def test_console_data_shows_the_ticket_the_waiting_list_and_the_day(self):
        served = self.take(0)
        missing = self.take(1)
        called = self.take(2, partner=self.visitor)
        parcel = self.take(4, queue=self.parcels)
        later = self.take(5)
        counter = self.open_counter()
        self.assertEqual(self.serve(counter, 10), served)  # waited 10, served in 1
        Ticket = self.Ticket.with_user(self.user_agent)
        no_show = Ticket._call_next(counter, now=self.at(12))
        self.assertEqual(no_show, missing)
        no_show.action_no_show(now=self.at(15))
        self.assertEqual(Ticket._call_next(counter, now=self.at(20)), called)
        vip = self.take(21, "vip")
        with freeze_time(self.at(25)):
            data = self.console(counter.id)
        self.assertEqual(data["counter"]["id"], counter.id)
        self.assertEqual(data["counter"]["state"], "open")
        self.assertTrue(data["counter"]["mine"])
        self.assertEqual(
            [s["name"] for s in data["counter"]["services"]], ["Reception", "Parcels"]
        )
        ticket = data["ticket"]
        self.assertEqual(ticket["id"], called.id)
        self.assertEqual(ticket["name"], called.name)
        self.assertEqual(ticket["state"], "called")
        self.assertEqual(ticket["service"], "Reception")
        self.assertEqual(ticket["visitor"], "Fatou Sow")
        self.assertEqual(ticket["wait_minutes"], 18)
        # in the order of the ranks (the VIP ticket's is 10 minutes earlier
        # than when it was taken)
        self.assertEqual(
            [line["name"] for line in data["waiting"]],
            [parcel.name, later.name, vip.name],
        )
        self.assertEqual(data["waiting_count"], 3)
        lines = {line["id"]: line for line in data["waiting"]}
        self.assertEqual(lines[parcel.id]["service"], "Parcels")
        self.assertEqual(lines[parcel.id]["position"], 1)
        self.assertEqual(lines[later.id]["position"], 1)
        self.assertEqual(lines[vip.id]["position"], 2)
        self.assertEqual(lines[vip.id]["type"], "vip")
        low, high = lines[vip.id]["wait"]
        self.assertLess(low, high)
        self.assertEqual(
            data["stats"],
            {"served": 1, "no_show": 1, "avg_wait": 13.0, "avg_service": 1.0},
        )
        # where the visitor can be sent: the other service, the other counter
        self.assertEqual([q["name"] for q in data["transfer"]["queues"]], ["Parcels"])
        self.assertEqual(
            [c["id"] for c in data["transfer"]["counters"]], [self.counter_2.id]
        )
        self.assertIn(f"coworking_queue.queue.{self.reception.id}", data["channels"])
        self.assertIn(f"coworking_queue.location.{self.location.id}", data["channels"])

    def test_console_opens_on_the_counter_the_agent_holds(self):
        counter = self.open_counter(self.counter_2)
        data = self.console()
        self.assertEqual(data["counter"]["id"], counter.id)
        self.assertEqual(
            {c["id"] for c in data["counters"]},
            {self.counter_1.id, self.counter_2.id},
        )
        # the other agent holds nothing: the console lists the counters
        data = self.console(user=self.agent_2)
        self.assertIsNone(data["counter"])
        held = {c["id"]: c for c in data["counters"]}[counter.id]
        self.assertEqual(held["agent"], self.user_agent.name)
        self.assertFalse(held["mine"])

    def test_console_data_reads_a_bounded_number_of_queries(self):
        counter = self.open_counter()

        def take_some(count, start):
            for index in range(count):
                self.take(
                    start + index / 10,
                    ticket_type="vip" if index % 7 == 0 else "normal",
                    queue=self.parcels if index % 2 else self.reception,
                    partner=self.visitor if index % 3 == 0 else None,
                )

        take_some(10, 0)
        self.Ticket.with_user(self.user_agent)._call_next(counter, now=self.at(20))

        def queries():
            self.env.invalidate_all()
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            with freeze_time(self.at(30)):
                data = self.console(counter.id)
            return self.env.cr.sql_log_count - before, data

        queries()  # the caches of access rules are filled once
        few, data = queries()
        self.assertEqual(len(data["waiting"]), 9)
        take_some(80, 10)
        many, data = queries()
        self.assertEqual(data["waiting_count"], 89)
        self.assertEqual(len(data["waiting"]), 50)
        self.assertEqual(many, few, "console_data reads a query per ticket")
        self.assertLessEqual(many, 30)

    def test_buttons_answer_the_new_screen(self):
        taken = self.take(0, partner=self.visitor)
        counter = self.open_counter()
        with freeze_time(self.at(5)):
            data = counter.console_call_next()
            self.assertEqual(data["ticket"]["id"], taken.id)
            self.assertFalse(data["message"])
            data = counter.console_start(taken.id)
            self.assertEqual(data["ticket"]["state"], "serving")
            self.assertEqual(data["ticket"]["visitor"], "Fatou Sow")
            data = counter.console_served(taken.id)
        self.assertIsNone(data["ticket"])
        self.assertEqual(data["stats"]["served"], 1)
        self.assertEqual(taken.state, "served")
        with freeze_time(self.at(6)):
            data = counter.console_call_next()
        self.assertIsNone(data["ticket"])
        self.assertTrue(data["message"])
        data = counter.console_close()
        self.assertIsNone(data["counter"])
        self.assertEqual(self.counter_1.state, "closed")

    def test_transfer_to_a_service_and_to_a_counter(self):
        first = self.take(0)
        second = self.take(1)
        counter = self.open_counter()
        with freeze_time(self.at(5)):
            counter.console_call_next()
            data = counter.console_transfer(first.id, queue_id=self.parcels.id)
        self.assertEqual(first.state, "transferred")
        new = first.transferred_to_id
        self.assertEqual(new.queue_id, self.parcels)
        self.assertIn(new.name, data["message"])
        self.assertIn(new.id, [line["id"] for line in data["waiting"]])
        with freeze_time(self.at(6)):
            data = counter.console_call_next()
            # sent back to the queue, it keeps its place: the new ticket first
            self.assertEqual(data["ticket"]["id"], new.id)
            with self.assertRaises(QueueRefused) as refused:
                counter.console_transfer(new.id, counter_id=counter.id)
            self.assertEqual(refused.exception.code, "same_queue")
            # nobody would call the visitor at a closed counter
            with self.assertRaises(QueueRefused) as refused:
                counter.console_transfer(new.id, counter_id=self.counter_2.id)
            self.assertEqual(refused.exception.code, "counter_closed")
            counter_2 = self.open_counter(self.counter_2, self.agent_2)
            counter.console_transfer(new.id, counter_id=self.counter_2.id)
        self.assertEqual(new.state, "waiting")
        self.assertEqual(new.target_counter_id, self.counter_2)
        # the other counter sees it first, marked as sent to it
        data = self.console(counter_2.id, user=self.agent_2)
        self.assertEqual(data["waiting"][0]["id"], new.id)
        self.assertTrue(data["waiting"][0]["sent_here"])
        self.assertNotIn(
            new.id, [line["id"] for line in self.console(counter.id)["waiting"]]
        )
        self.assertEqual(second.state, "waiting")

    def test_entry_points_refuse_an_agent_who_does_not_hold_the_counter(self):
        taken = self.take(0)
        counter = self.open_counter()
        counter.console_call_next()
        other = self.counter_1.with_user(self.agent_2)
        calls = {
            "console_call_next": lambda: other.console_call_next(),
            "console_recall": lambda: other.console_recall(taken.id),
            "console_start": lambda: other.console_start(taken.id),
            "console_served": lambda: other.console_served(taken.id),
            "console_no_show": lambda: other.console_no_show(taken.id),
            "console_requeue": lambda: other.console_requeue(taken.id),
            "console_transfer": lambda: other.console_transfer(
                taken.id, queue_id=self.parcels.id
            ),
            "console_pause": lambda: other.console_pause(),
            "console_close": lambda: other.console_close(),
        }
        for name, call in calls.items():
            with self.subTest(name), self.assertRaises(QueueRefused) as refused:
                call()
            self.assertEqual(refused.exception.code, "counter_closed", name)
        # and opening a counter held by someone else
        with self.assertRaises(QueueRefused) as refused:
            other.console_open()
        self.assertEqual(refused.exception.code, "busy")
        self.assertEqual(taken.state, "called")
        self.assertEqual(self.counter_1.agent_id, self.user_agent)

    def test_entry_points_refuse_a_ticket_no_longer_at_the_counter(self):
        first = self.take(0)
        self.take(1)
        counter = self.open_counter()
        counter.console_call_next()
        counter.console_no_show(first.id)
        counter.console_call_next()
        with self.assertRaises(QueueRefused) as refused:
            counter.console_start(first.id)
        self.assertEqual(refused.exception.code, "not_at_counter")

    def test_console_refuses_a_counter_of_other_agents(self):
        stranger = new_test_user(
            self.env,
            "cw_agent_stranger",
            groups="coworking_base.group_coworking_queue_agent",
            name="Stranger",
        )
        self.assertEqual(self.console(user=stranger)["counters"], [])
        with self.assertRaises(QueueRefused) as refused:
            self.console(self.counter_1.id, user=stranger)
        self.assertEqual(refused.exception.code, "not_agent")


@tagged("post_install", "-at_install")
class TestConsoleTour(HttpCase, QueueCommon):
    """An agent opens a counter, calls, starts and serves a visitor, calls
    the next one and sends them to another service."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # open every hour of every day: the tickets are taken now
        always = cls._create_calendar(
            "Always open", "Europe/Paris", days=EVERY_DAY, hours=(0, 24)
        )
        (cls.reception | cls.parcels).resource_calendar_id = always

    def test_agent_serves_and_transfers_from_the_console(self):
        Ticket = self.env["coworking.queue.ticket"]
        first = Ticket._take(self.reception)
        second = Ticket._take(self.reception)
        self.assertEqual((first.name, second.name), ("A-001", "A-002"))
        self.start_tour(
            "/odoo/action-coworking_queue.coworking_queue_console_action",
            "coworking_queue_console_tour",
            login="cw_agent",
        )
        self.assertEqual(first.state, "served")
        self.assertEqual(first.agent_id, self.user_agent)
        self.assertEqual(second.state, "transferred")
        self.assertEqual(second.transferred_to_id.queue_id, self.parcels)
        self.assertEqual(second.transferred_to_id.state, "waiting")
        self.assertEqual(self.counter_1.state, "open")
