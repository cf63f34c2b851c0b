# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading
import time
from datetime import datetime, timedelta

import pytz

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import ValidationError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCreditConcurrency(TransactionCase):
    """Two real transactions, on two connections, book for the same member at
    once, each needing 6 of the 10 credit hours of a pack (Moussa's demo
    membership, whose plan refuses bookings beyond the credits): one gets
    them, the other is refused, never both."""

    def _env(self, cr):
        # The test runner holds the registry lock while tests run: give the
        # cursor its transaction here rather than look the registry up.
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {})

    def setUp(self):
        super().setUp()
        self.membership = self.env.ref(
            "coworking_membership.coworking_membership_moussa_demo"
        )
        self.partner = self.env.ref("coworking_base.res_partner_moussa_demo")
        self.rooms = self.env.ref(
            "coworking_base.coworking_space_paris_seine_demo"
        ) | self.env.ref("coworking_base.coworking_space_paris_montmartre_demo")
        # next week's Wednesday, 09:00-15:00 in Paris: within the plan's horizon
        tz = pytz.timezone("Europe/Paris")
        today = fields.Date.context_today(self.env["coworking.booking"])
        day = today + timedelta(days=(2 - today.weekday()) % 7 + 7)
        start = tz.localize(datetime.combine(day, datetime.min.time()).replace(hour=9))
        self.start = start.astimezone(pytz.utc).replace(tzinfo=None)
        self.stop = self.start + timedelta(hours=6)
        self.assertEqual(self.membership.state, "active")
        self.assertEqual(self.membership.plan_id.overage, "refuse")
        self.assertAlmostEqual(self.membership.credit_balance, 10.0)
        self.addCleanup(self._delete_bookings)

    def _delete_bookings(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id FROM coworking_booking WHERE partner_id = %s "
                "AND start = %s",
                (self.partner.id, self.start),
            )
            ids = tuple(row[0] for row in cr.fetchall()) or (0,)
            cr.execute(
                "DELETE FROM coworking_membership_credit WHERE booking_id IN %s", (ids,)
            )
            cr.execute("DELETE FROM coworking_booking WHERE id IN %s", (ids,))

    def _book(self, env, room):
        return (
            env["coworking.booking"]
            .with_context(coworking_booking_staff=False)
            ._book(
                room.with_env(env),
                self.start,
                self.stop,
                self.partner.with_env(env),
            )
        )

    def _wait_until_blocked(self, thread, timeout=15.0):
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

    def test_two_bookings_cannot_spend_the_same_credits(self):
        outcome = {"retries": 0}

        def second():
            # what Odoo's request loop does: retry a serialization failure
            # with a fresh transaction
            for _attempt in range(5):
                try:
                    with self.registry.cursor() as cr:
                        env = self._env(cr)
                        try:
                            outcome["result"] = self._book(env, self.rooms[1]).ids
                        except ValidationError as error:
                            cr.rollback()
                            outcome["error"] = error
                        return
                except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                    outcome["retries"] += 1

        with mute_logger("odoo.sql_db"):
            cr_a = self.registry.cursor()
            try:
                first = self._book(self._env(cr_a), self.rooms[0])
                self.assertEqual(first.credit_hours, 6.0)
                thread = threading.Thread(target=second)
                thread.start()
                waited = self._wait_until_blocked(thread)
                cr_a.commit()
            finally:
                cr_a.close()
            thread.join(30)
        self.assertFalse(thread.is_alive(), "transaction B never finished")
        self.assertTrue(waited, "B queues on the membership")
        self.assertGreaterEqual(outcome["retries"], 1, "B retried on a fresh snapshot")
        self.assertNotIn("result", outcome, "B must not spend the same credits")
        self.assertEqual(
            [code for code, _m in outcome["error"].reasons], ["no_credits"]
        )
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT COALESCE(SUM(amount), 0) FROM coworking_membership_credit "
                "WHERE membership_id = %s AND unit = 'hours'",
                (self.membership.id,),
            )
            self.assertAlmostEqual(float(cr.fetchone()[0]), 4.0, "10 - 6, once")
