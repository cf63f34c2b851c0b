# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading
import time

from psycopg2 import IntegrityError

from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY, _as_validation_error
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import TwoTransactionsMixin


@tagged("post_install", "-at_install")
class TestCredentialConcurrency(TwoTransactionsMixin, TransactionCase):
    """Two real transactions on two connections, as two front desks would."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            self.partner_id = env["res.partner"].create({"name": "Concurrent"}).id
        self.addCleanup(self._delete_partner)

    def _delete_partner(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            env["res.partner"].browse(self.partner_id).unlink()

    def _active_credentials(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            return (
                env["coworking.credential"]
                .search(
                    [("partner_id", "=", self.partner_id), ("state", "=", "active")]
                )
                .ids
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
        outcome = {}

        def second():
            # What Odoo's request loop does (odoo.service.model.retrying): retry
            # on serialization failures with a fresh transaction, turn integrity
            # errors into the message the user sees.
            outcome["retries"] = 0
            for _attempt in range(5):
                try:
                    with self.registry.cursor() as cr:
                        env = self._env(cr)
                        try:
                            outcome["result"] = action(env).ids
                        except IntegrityError as error:
                            cr.rollback()
                            outcome["error"] = _as_validation_error(env, error)
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

    def test_two_rotations_at_once_keep_one_active_credential(self):
        with mute_logger("odoo.sql_db"):
            first, outcome = self._run_concurrently(
                lambda env: env["res.partner"]
                .browse(self.partner_id)
                ._coworking_issue_credential()
            )
        self.assertTrue(outcome["waited"], "B should wait for A's lock")
        self.assertNotIn("error", outcome)
        self.assertEqual(outcome["retries"], 1, "B retried on a fresh snapshot")
        # B ran after A committed: it revoked A's credential and holds the only
        # active one.
        self.assertEqual(self._active_credentials(), outcome["result"])
        self.assertNotEqual(first, outcome["result"])

    def test_database_refuses_two_active_credentials_created_at_once(self):
        with mute_logger("odoo.sql_db"):
            first, outcome = self._run_concurrently(
                lambda env: env["coworking.credential"].create(
                    {"partner_id": self.partner_id}
                )
            )
        self.assertTrue(outcome["waited"])
        self.assertIn("already holds an active credential", str(outcome["error"]))
        self.assertEqual(outcome["retries"], 0)
        self.assertEqual(self._active_credentials(), first)
