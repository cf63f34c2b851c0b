# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from ..exceptions import QueueRefused
from .common import QueueCommon


@tagged("post_install", "-at_install")
class TestTaking(QueueCommon):
    def test_numbers_restart_every_day(self):
        self.assertEqual(self.take(0).name, "A-001")
        self.assertEqual(self.take(1).name, "A-002")
        self.assertEqual(self.take(0, queue=self.parcels).name, "B-001")
        tuesday = self.Ticket._take(self.reception, now=self.at(24 * 60), staff=True)
        self.assertEqual((tuesday.name, tuesday.number), ("A-001", 1))
        self.assertEqual(tuesday.day, self.at(24 * 60).date())

    def test_one_kiosk_tap_gives_one_ticket(self):
        first = self.take(0, nonce="kiosk-1-abc")
        again = self.take(1, nonce="kiosk-1-abc")
        self.assertEqual(first, again)
        self.assertEqual(
            self.Ticket.search_count([("queue_id", "=", self.reception.id)]), 1
        )
        with self.assertRaises(QueueRefused) as refusal:
            self.take(2, queue=self.parcels, nonce="kiosk-1-abc")
        self.assertEqual(refusal.exception.code, "nonce_reused")

    def test_a_closed_queue_gives_no_ticket(self):
        saturday = self.at(5 * 24 * 60)
        with self.assertRaises(QueueRefused) as refusal:
            self.Ticket._take(self.reception, now=saturday)
        self.assertEqual(refusal.exception.code, "closed")
        self.assertIn("closed", str(refusal.exception))
        self.reception.accepting = False
        with self.assertRaises(QueueRefused):
            self.take(0)

    def test_visitors_take_only_the_offered_types(self):
        self.reception.write({"offer_express": False, "members_priority": True})
        with self.assertRaises(QueueRefused) as refusal:
            self.Ticket._take(self.reception, "express", now=self.at(0))
        self.assertEqual(refusal.exception.code, "not_offered")
        with self.assertRaises(QueueRefused):
            self.Ticket._take(self.reception, "vip", now=self.at(0))
        member = self.Ticket._take(
            self.reception, "vip", partner=self.member, now=self.at(1)
        )
        self.assertEqual(member.ticket_type, "vip")
        self.assertEqual(member.partner_id, self.member)


@tagged("post_install", "-at_install")
class TestAtTheCounter(QueueCommon):
    def setUp(self):
        super().setUp()
        self.counter = self.open_counter()
        self.AgentTicket = self.Ticket.with_user(self.user_agent)

    def test_each_step_is_dated_and_logged(self):
        ticket = self.take(0, email="visitor@example.com")
        self.AgentTicket._call_next(self.counter, now=self.at(4))
        ticket.with_user(self.user_agent).action_recall(now=self.at(5))
        ticket.with_user(self.user_agent).action_start(now=self.at(6))
        ticket.with_user(self.user_agent).action_served(now=self.at(16))
        self.assertEqual(ticket.state, "served")
        self.assertEqual(
            (ticket.taken_at, ticket.called_at, ticket.serving_at, ticket.done_at),
            (self.at(0), self.at(5), self.at(6), self.at(16)),
        )
        self.assertEqual(ticket.wait_minutes, 4, "until the first call")
        self.assertEqual(ticket.service_minutes, 10)
        self.assertEqual(ticket.recall_count, 1)
        self.assertEqual(
            ticket.event_ids.mapped("action"),
            ["waiting", "called", "recalled", "serving", "served"],
        )
        self.assertEqual(ticket.event_ids[1].user_id, self.user_agent)
        self.assertEqual(ticket.event_ids[1].counter_id, self.counter)

    def test_a_served_ticket_cannot_be_called_again(self):
        self.take(0)
        ticket = self.serve(self.counter, 1)
        self.assertEqual(ticket.state, "served")
        with self.assertRaises(QueueRefused) as refusal:
            ticket.with_user(self.user_agent).action_recall()
        self.assertEqual(refusal.exception.code, "invalid_transition")
        with self.assertRaises(QueueRefused) as refusal:
            ticket.action_cancel()
        self.assertEqual(refusal.exception.code, "invalid_transition")
        self.assertIn("served", str(refusal.exception))

    def test_an_agent_serves_one_ticket_at_a_time(self):
        self.take(0)
        self.take(1)
        self.AgentTicket._call_next(self.counter, now=self.at(2))
        with self.assertRaises(QueueRefused) as refusal:
            self.AgentTicket._call_next(self.counter, now=self.at(3))
        self.assertEqual(refusal.exception.code, "busy")

    def test_the_database_refuses_two_tickets_at_one_counter(self):
        first, second = self.take(0), self.take(1)
        self.AgentTicket._call_next(self.counter, now=self.at(2))
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                second.write(
                    {
                        "state": "called",
                        "called_at": self.at(2),
                        "counter_id": self.counter.id,
                        "agent_id": self.agent_2.id,
                    }
                )
                second.flush_recordset()
        self.assertEqual(first.state, "called")

    def test_nothing_waiting_calls_no_one(self):
        self.assertFalse(self.AgentTicket._call_next(self.counter, now=self.at(0)))

    def test_counters_refuse_who_does_not_hold_them(self):
        self.counter_2.user_ids -= self.agent_2
        with self.assertRaises(QueueRefused) as refusal:
            self.counter_2.with_user(self.agent_2).action_open()
        self.assertEqual(refusal.exception.code, "not_agent")
        with self.assertRaises(QueueRefused) as refusal:
            self.counter.with_user(self.agent_2).action_open()
        self.assertEqual(refusal.exception.code, "busy", "held by the first agent")
        self.take(0)
        with self.assertRaises(QueueRefused) as refusal:
            self.Ticket.with_user(self.agent_2)._call_next(self.counter)
        self.assertEqual(refusal.exception.code, "counter_closed")

    def test_a_paused_counter_calls_no_one_and_closes_only_when_free(self):
        ticket = self.take(0)
        self.counter.action_pause()
        with self.assertRaises(QueueRefused):
            self.AgentTicket._call_next(self.counter, now=self.at(1))
        self.counter.action_resume()
        self.AgentTicket._call_next(self.counter, now=self.at(1))
        with self.assertRaises(QueueRefused) as refusal:
            self.counter.action_close()
        self.assertEqual(refusal.exception.code, "busy")
        ticket.with_user(self.user_agent).action_no_show(now=self.at(9))
        self.counter.action_close()
        self.assertEqual(
            (self.counter.state, self.counter.agent_id.id), ("closed", False)
        )

    def test_a_transfer_to_another_service_keeps_the_history(self):
        ticket = self.take(0, email="v@example.com")
        later = self.take(20, queue=self.parcels)
        self.AgentTicket._call_next(self.counter, now=self.at(30))
        ticket.with_user(self.user_agent).action_start(now=self.at(31))
        new = ticket.with_user(self.user_agent).action_transfer(
            queue=self.parcels, now=self.at(35)
        )
        self.assertEqual(ticket.state, "transferred")
        self.assertEqual(ticket.transferred_to_id, new)
        self.assertEqual(
            (new.name, new.state, new.transferred_from_id, new.origin_id),
            ("B-002", "waiting", ticket, ticket),
        )
        self.assertEqual(new.email, "v@example.com")
        # the visitor keeps their place of arrival: before B-001 taken at 20
        self.assertEqual(self.serve(self.counter, 40), new)
        self.assertEqual(self.serve(self.counter, 42), later)
        history = self.env["coworking.queue.ticket.event"].search(
            [("origin_id", "=", ticket.id)]
        )
        self.assertEqual(
            [(e.ticket_id.name, e.action) for e in history],
            [
                ("A-001", "waiting"),
                ("A-001", "called"),
                ("A-001", "serving"),
                ("A-001", "transferred"),
                ("B-002", "waiting"),
                ("B-002", "called"),
                ("B-002", "serving"),
                ("B-002", "served"),
            ],
        )

    def test_transfer_refusals(self):
        ticket = self.take(0)
        self.AgentTicket._call_next(self.counter, now=self.at(1))
        agent_ticket = ticket.with_user(self.user_agent)
        with self.assertRaises(QueueRefused) as refusal:
            agent_ticket.action_transfer()
        self.assertEqual(refusal.exception.code, "same_queue")
        elsewhere = self.env["coworking.location"].create(
            {
                "name": "Elsewhere",
                "tz": "Europe/Paris",
                "resource_calendar_id": self.calendar_paris.id,
            }
        )
        far = self.env["coworking.queue"].create(
            {"name": "Far", "location_id": elsewhere.id, "prefix": "F"}
        )
        with self.assertRaises(QueueRefused) as refusal:
            agent_ticket.action_transfer(queue=far)
        self.assertEqual(refusal.exception.code, "other_location")
        lonely = self.env["coworking.queue.counter"].create(
            {
                "name": "Parcels only",
                "location_id": self.location.id,
                "queue_ids": [(6, 0, self.parcels.ids)],
            }
        )
        with self.assertRaises(QueueRefused) as refusal:
            agent_ticket.action_transfer(counter=lonely)
        self.assertEqual(refusal.exception.code, "not_served_here")
        self.assertEqual(ticket.state, "called", "nothing moved")


@tagged("post_install", "-at_install")
class TestLiveAndMessages(QueueCommon):
    def setUp(self):
        super().setUp()
        self.counter = self.open_counter()
        self.env["mail.mail"].search([]).unlink()

    def bus_messages(self, channel):
        self.env.cr.flush()  # runs the pushes registered for the commit
        return [
            message
            for message in self.env["bus.bus"].search([], order="id")
            if channel in message.channel
        ]

    def test_a_call_pushes_positions_and_the_display(self):
        self.take(0)
        self.take(1)
        self.take(2)
        self.env["bus.bus"].search([]).unlink()
        self.Ticket.with_user(self.user_agent)._call_next(self.counter)
        queue_messages = self.bus_messages(self.reception._channel())
        self.assertEqual(len(queue_messages), 1, "one push per queue and commit")
        payload = json.loads(queue_messages[0].message)["payload"]
        self.assertEqual(payload["waiting_count"], 2)
        self.assertEqual(
            payload["waiting"][0], {"name": "A-002", "position": 1, "wait": [0, 10]}
        )
        display = self.bus_messages(self.location._queue_channel())
        self.assertEqual(len(display), 1)
        counters = json.loads(display[0].message)["payload"]["counters"]
        self.assertEqual(
            [(c["name"], c["ticket"]) for c in counters], [("Counter 1", "A-001")]
        )

    def test_visitors_are_told_when_near_and_when_called(self):
        self.reception.notify_ahead = 1
        first = self.take(0, email="first@example.com")
        second = self.take(1, email="second@example.com")
        self.env.cr.flush()
        near = self.env["mail.mail"].search([("email_to", "=", "first@example.com")])
        self.assertEqual(len(near), 1, "position 1: near the front")
        self.assertIn("A-001", near.subject)
        self.assertFalse(second.near_notified)
        self.Ticket.with_user(self.user_agent)._call_next(self.counter)
        self.env.cr.flush()
        self.assertTrue(second.near_notified)
        called = self.env["mail.mail"].search([("email_to", "=", "first@example.com")])
        self.assertEqual(len(called), 2)
        self.assertIn("Counter 1", called.sorted("id")[-1].subject)
        self.assertEqual(first.state, "called")
        self.env.cr.flush()
        self.assertEqual(
            self.env["mail.mail"].search_count(
                [("email_to", "=", "second@example.com")]
            ),
            1,
            "told once",
        )

    def test_the_visitor_can_cancel(self):
        ticket = self.take(0)
        ticket.sudo().action_cancel(now=self.at(3))
        self.assertEqual(ticket.state, "cancelled")
        self.assertEqual(ticket.done_at, self.at(3))
        self.assertFalse(self.env["coworking.queue"]._live_positions(self.reception))
        self.assertTrue(timedelta)
