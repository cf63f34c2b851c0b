# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.coworking_base.tests.common import TwoTransactionsMixin

from .common import GROUP, nonce


@tagged("post_install", "-at_install")
class TestScanConcurrency(TwoTransactionsMixin, TransactionCase):
    """Two scanners send at once, in two real transactions on two
    connections. Fixtures are committed (and removed afterwards) so that
    each transaction sees them."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            env = env(context={"coworking_attendees_now": True})
            now = fields.Datetime.now()
            event = env["event.event"].create(
                {
                    "name": "Race Expo",
                    "date_begin": now - timedelta(hours=1),
                    "date_end": now + timedelta(hours=5),
                    "date_tz": "UTC",
                }
            )
            users = env["res.users"].create(
                [
                    {
                        "name": f"Race controller {number}",
                        "login": f"cw_race_controller_{number}",
                        "groups_id": [
                            Command.set(env.ref(f"{GROUP}badge_controller").ids)
                        ],
                    }
                    for number in (1, 2)
                ]
            )
            env["coworking.event.role"].create(
                [
                    {
                        "event_id": event.id,
                        "user_id": user.id,
                        "role": "badge_controller",
                    }
                    for user in users
                ]
            )
            partner = env["res.partner"].create(
                {"name": "Racing Visitor", "email": "race@t.example"}
            )
            registration = env["event.registration"].create(
                {
                    "event_id": event.id,
                    "partner_id": partner.id,
                    "name": partner.name,
                    "email": partner.email,
                    "state": "open",
                }
            )
            self.fixture = {
                "event": event.id,
                "users": users.ids,
                "partner": partner.id,
                "registration": registration.id,
                "token": registration._coworking_credential().token,
            }
        self.addCleanup(self._remove_fixtures)

    def _remove_fixtures(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            ids = self.fixture
            env["coworking.event.scan"].search(
                [("event_id", "=", ids["event"])]
            ).unlink()
            env["coworking.event.scan.guard"].search(
                [("event_id", "=", ids["event"])]
            ).unlink()
            env["event.registration"].browse(ids["registration"]).unlink()
            env["event.event"].browse(ids["event"]).unlink()
            env["coworking.credential"].search(
                [("partner_id", "=", ids["partner"])]
            ).unlink()
            env["res.users"].browse(ids["users"]).unlink()
            env["res.partner"].browse(ids["partner"]).unlink()

    def _scan(self, cr, index, key):
        env = self._env(cr, self.fixture["users"][index])
        scan, duplicate = env["coworking.event.scan"]._coworking_scan(
            env["event.event"].browse(self.fixture["event"]), self.fixture["token"], key
        )
        return scan.id, scan.verdict, duplicate

    def _scan_in_thread(self, index, key, outcome):
        self.run_retrying(lambda cr: self._scan(cr, index, key), outcome)

    def _rows(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT nonce, verdict FROM coworking_event_scan WHERE event_id = %s "
                "ORDER BY id",
                [self.fixture["event"]],
            )
            return cr.fetchall()

    def _race(self, key_a, key_b):
        """A scans and has not committed; B scans meanwhile; then A commits."""
        outcome = {}
        cr_a = self.registry.cursor()
        try:
            first = self._scan(cr_a, 0, key_a)
            thread = threading.Thread(
                target=self._scan_in_thread, args=(1, key_b, outcome)
            )
            thread.start()
            thread.join(2)
            self.assertTrue(thread.is_alive(), "B did not wait for A's transaction")
            cr_a.commit()
        finally:
            cr_a.close()
        thread.join(30)
        self.assertFalse(thread.is_alive())
        # B waited on A's guard row, then its stale snapshot was refused
        self.assertEqual(outcome["retries"], 1)
        return first, outcome["result"]

    def test_a_retried_nonce_is_recorded_once(self):
        """The scanner resends a scan whose answer it lost while the first
        request is still running: one row, both answers name it."""
        key = nonce()
        first, second = self._race(key, key)
        self.assertEqual(first[1:], ("granted", False))
        self.assertEqual(second, (first[0], "granted", True))
        self.assertEqual(self._rows(), [(key, "granted")])

    def test_one_person_at_two_doors_at_once_enters_once(self):
        """The same badge at two scanners of one door at the same moment
        (a shared badge): the second is already inside."""
        key_a, key_b = nonce(), nonce()
        first, second = self._race(key_a, key_b)
        self.assertEqual(first[1], "granted")
        self.assertEqual(second[1:], ("already_inside", False))
        self.assertEqual(self._rows(), [(key_a, "granted"), (key_b, "already_inside")])
