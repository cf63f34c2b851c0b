# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading
import time
from datetime import datetime

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

# a Tuesday, far enough ahead to meet no other booking
DAY = datetime(2031, 3, 4)


@tagged("post_install", "-at_install")
class TestBookingConcurrency(TransactionCase):
    """Two real transactions on two connections book the same slot at once,
    as two customers would: one wins, the other gets a clear refusal."""

    def _env(self, cr):
        # The test runner holds the registry lock while tests run: give the
        # cursor its transaction here rather than look the registry up.
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {})

    def setUp(self):
        super().setUp()
        self.room = self.env.ref("coworking_base.coworking_space_paris_seine_demo")
        self.zone = self.env.ref("coworking_base.coworking_space_paris_open_demo")
        self.partner = self.env.ref("coworking_base.res_partner_camille_demo")
        self.addCleanup(self._delete_bookings)

    def _delete_bookings(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM coworking_booking WHERE start >= %s AND start < %s",
                (DAY, DAY.replace(hour=23)),
            )

    def _bookings(self, space):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id, seats FROM coworking_booking WHERE space_id = %s "
                "AND start >= %s AND start < %s AND state = 'confirmed'",
                (space.id, DAY, DAY.replace(hour=23)),
            )
            return cr.fetchall()

    def _book(self, env, space, seats=1):
        return env["coworking.booking"].create(
            {
                "space_id": space.id,
                "partner_id": self.partner.id,
                "start": DAY.replace(hour=10),
                "stop": DAY.replace(hour=12),
                "seats": seats,
                "state": "confirmed",
            }
        )

    def _wait_until_blocked(self, thread, timeout=15.0):
        """Return True once another transaction waits for a lock held by A."""
        deadline = time.monotonic() + timeout
        with self.registry.cursor() as cr:
            while thread.is_alive() and time.monotonic() < deadline:
                cr.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                if cr.fetchone()[0]:
                    return True
                cr.rollback()
                time.sleep(0.05)
        return False

    def _run_concurrently(self, action):
        """Run ``action(env)`` in transaction A, then in transaction B while A
        is still open; commit A; return B's outcome and whether B waited."""
        outcome = {"retries": 0}

        def second():
            # What Odoo's request loop does (odoo.service.model.retrying): retry
            # on serialization failures with a fresh transaction.
            for _attempt in range(5):
                try:
                    with self.registry.cursor() as cr:
                        env = self._env(cr)
                        try:
                            outcome["result"] = action(env).ids
                        except ValidationError as error:
                            cr.rollback()
                            outcome["error"] = error
                        return
                except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                    outcome["retries"] += 1

        cr_a = self.registry.cursor()
        try:
            env_a = self._env(cr_a)
            first = action(env_a).ids
            thread = threading.Thread(target=second)
            thread.start()
            outcome["waited"] = self._wait_until_blocked(thread)
            cr_a.commit()
        finally:
            cr_a.close()
        thread.join(30)
        self.assertFalse(thread.is_alive(), "transaction B never finished")
        return first, outcome

    def test_same_room_same_slot_one_wins(self):
        with mute_logger("odoo.sql_db"):
            first, outcome = self._run_concurrently(
                lambda env: self._book(env, self.room)
            )
        self.assertTrue(outcome["waited"], "B waits for A's booking to commit")
        self.assertNotIn("result", outcome, "B must not book the same slot")
        self.assertIn("Already booked", str(outcome["error"]))
        self.assertEqual([reason[0] for reason in outcome["error"].reasons], ["taken"])
        self.assertEqual([row[0] for row in self._bookings(self.room)], first)

    def test_last_seat_of_a_pooled_zone_goes_to_one(self):
        capacity = self.zone.capacity
        with self.registry.cursor() as cr:
            self._book(self._env(cr), self.zone, seats=capacity - 1)
        with mute_logger("odoo.sql_db"):
            first, outcome = self._run_concurrently(
                lambda env: self._book(env, self.zone)
            )
        self.assertTrue(outcome["waited"], "B queues on the zone's row")
        self.assertEqual(outcome["retries"], 1, "B retried on a fresh snapshot")
        self.assertNotIn("result", outcome)
        self.assertEqual([reason[0] for reason in outcome["error"].reasons], ["full"])
        seats = sum(row[1] for row in self._bookings(self.zone))
        self.assertEqual(seats, capacity, "never more seats than the capacity")
        self.assertIn(first[0], [row[0] for row in self._bookings(self.zone)])
