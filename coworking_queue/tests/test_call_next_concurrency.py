# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading

from odoo import Command
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.coworking_base.tests.common import (
    TwoTransactionsMixin,
    create_calendar,
)

from .common import MONDAY

WAITING = 6


@tagged("post_install", "-at_install")
class TestCallNextConcurrency(TwoTransactionsMixin, TransactionCase):
    """Agents at two counters call next in two real transactions, on two
    connections, as two consoles would. Fixtures are committed (and removed
    afterwards) so that each transaction sees them."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            calendar = create_calendar(env, "Concurrency hours", "Europe/Paris")
            location = env["coworking.location"].create(
                {
                    "name": "Concurrency",
                    "tz": "Europe/Paris",
                    "resource_calendar_id": calendar.id,
                }
            )
            queue = env["coworking.queue"].create(
                {"name": "Race", "location_id": location.id, "prefix": "R"}
            )
            group = env.ref("coworking_base.group_coworking_queue_agent")
            users = env["res.users"].create(
                [
                    {
                        "name": f"Racing agent {number}",
                        "login": f"cw_race_agent_{number}",
                        "groups_id": [Command.set(group.ids)],
                    }
                    for number in (1, 2)
                ]
            )
            counters = env["coworking.queue.counter"].create(
                [
                    {
                        "name": f"Race {number}",
                        "location_id": location.id,
                        "queue_ids": [Command.set(queue.ids)],
                        "user_ids": [Command.set(user.ids)],
                    }
                    for number, user in zip((1, 2), users, strict=True)
                ]
            )
            for counter, user in zip(counters, users, strict=True):
                counter.with_user(user).action_open()
            tickets = env["coworking.queue.ticket"]
            for minute in range(WAITING):
                tickets |= tickets._take(
                    queue, now=MONDAY.replace(minute=minute), staff=True
                )
            self.fixture = {
                "calendar": calendar.id,
                "location": location.id,
                "queue": queue.id,
                "users": users.ids,
                "counters": counters.ids,
                "tickets": tickets.ids,
            }
        self.addCleanup(self._remove_fixtures)

    def _remove_fixtures(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            ids = self.fixture
            env["coworking.queue.ticket"].search(
                [("queue_id", "=", ids["queue"])]
            ).unlink()
            counters = env["coworking.queue.counter"].browse(ids["counters"])
            counters.write({"state": "closed", "agent_id": False})
            counters.unlink()
            queue = env["coworking.queue"].browse(ids["queue"])
            sequence = queue.sequence_id
            queue.unlink()
            sequence.unlink()
            env["res.users"].browse(ids["users"]).unlink()
            env["coworking.location"].browse(ids["location"]).unlink()
            env["resource.calendar"].browse(ids["calendar"]).unlink()

    def _call(self, cr, index):
        """Call next at counter ``index`` as its agent, in cursor ``cr``."""
        env = self._env(cr, self.fixture["users"][index])
        counter = env["coworking.queue.counter"].browse(self.fixture["counters"][index])
        return env["coworking.queue.ticket"]._call_next(
            counter, now=MONDAY.replace(minute=30)
        )

    def _call_with_retries(self, index, outcome):
        self.run_retrying(lambda cr: self._call(cr, index).id, outcome)

    def _called_steps(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT ticket_id, count(*) FROM coworking_queue_ticket_event "
                "WHERE ticket_id = ANY(%s) AND action = 'called' GROUP BY ticket_id",
                [self.fixture["tickets"]],
            )
            return dict(cr.fetchall())

    def test_two_agents_calling_at_once_get_two_tickets(self):
        """A has called the first ticket and not committed; B calls at the
        same moment: B does not wait for A, and gets the second ticket."""
        outcome = {}
        cr_a = self.registry.cursor()
        try:
            first = self._call(cr_a, 0)
            thread = threading.Thread(target=self._call_with_retries, args=(1, outcome))
            thread.start()
            thread.join(30)
            self.assertFalse(thread.is_alive(), "B waited for A's transaction")
            cr_a.commit()
        finally:
            cr_a.close()
        first_id, second_id = self.fixture["tickets"][:2]
        self.assertEqual(first.id, first_id)
        self.assertEqual(outcome, {"retries": 0, "result": second_id})
        self.assertEqual(self._called_steps(), {first_id: 1, second_id: 1})

    def test_a_call_committed_after_the_other_began_is_not_taken_twice(self):
        """B's transaction began before A committed its call: B cannot take
        A's ticket (it is refused a stale snapshot and retries, as Odoo
        does), and gets the next one."""
        outcome = {"retries": 0}
        cr_b = self.registry.cursor()
        try:
            # B's snapshot is taken now, before A's call exists
            cr_b.execute("SELECT count(*) FROM coworking_queue_ticket")
            with self.registry.cursor() as cr_a:
                first = self._call(cr_a, 0).id
            with mute_logger("odoo.sql_db"):
                try:
                    second = self._call(cr_b, 1).id
                    cr_b.commit()
                except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                    cr_b.rollback()
                    outcome["retries"] += 1
                    second = None
        finally:
            cr_b.close()
        if second is None:
            self._call_with_retries(1, outcome)
            second = outcome["result"]
        self.assertNotEqual(first, second)
        steps = self._called_steps()
        self.assertEqual(set(steps.values()), {1}, "no ticket called twice")
        self.assertEqual(set(steps), {first, second})

    def test_many_calls_in_parallel_never_call_a_ticket_twice(self):
        """Both agents call, serve and call again as fast as they can until
        no one waits: every ticket is called exactly once."""
        results = {0: [], 1: []}

        def agent(index):
            for _round in range(WAITING):
                outcome = {}
                for _attempt in range(10):
                    try:
                        with self.registry.cursor() as cr:
                            ticket = self._call(cr, index)
                            if ticket:
                                when = MONDAY.replace(minute=31)
                                ticket.action_start(now=when)
                                ticket.action_served(now=when)
                            outcome["ticket"] = ticket.id
                            break
                    except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                        continue
                if not outcome.get("ticket"):
                    return
                results[index].append(outcome["ticket"])

        with mute_logger("odoo.sql_db"):
            threads = [threading.Thread(target=agent, args=(i,)) for i in (0, 1)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        called = results[0] + results[1]
        self.assertEqual(sorted(called), sorted(self.fixture["tickets"]))
        self.assertEqual(len(called), len(set(called)), "a ticket called twice")
        self.assertEqual(set(self._called_steps().values()), {1})
