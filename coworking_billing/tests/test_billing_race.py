# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger

from .common import BILLING_DAY, NOVEMBER, BillingCommon
from .test_monthly_run import EXPECTED

# what Odoo's cron runner writes besides the job's own work
RUNNER_TABLES = {"ir_cron", "ir_cron_progress", "ir_cron_trigger", "bus_bus"}


def written_tables(cr):
    """The tables the open transaction of ``cr`` wrote to, pending
    precommit work included."""
    cr.flush()
    cr.execute(
        "SELECT relname FROM pg_stat_xact_user_tables WHERE schemaname = 'public'"
        " AND n_tup_ins + n_tup_upd + n_tup_del > 0"
    )
    return {row[0] for row in cr.fetchall()}


def build_november(env):
    """``BillingCommon``'s month of November, built on the cursor of
    ``env`` instead of a test transaction; the class holds the fixtures."""

    class November(BillingCommon):
        pass

    def bind(cls):
        # every write of the month in this transaction, where the test sees
        # it: coworking_event_badges, when installed, gives the attendees of
        # the month's registrations their credential after the commit
        # otherwise
        cls.env = env(context=dict(env.context, coworking_attendees_now=True))

    with patch.object(TransactionCase, "setUpClass", classmethod(bind)):
        November.setUpClass()
    November.make_month()
    return November


class ErrorRecorder(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(f"{record.name}: {record.getMessage()}")


@tagged("post_install", "-at_install")
class TestBillingRace(TransactionCase):
    """The cron's pass over November and a manager's Retry of the same run,
    at the same time, in two real transactions on two connections (the
    cron through Odoo's cron runner, Retry through Odoo's request loop,
    which retries serialization failures): every party gets exactly one
    invoice, with the totals of ``test_monthly_run``; the later one waits
    for the first or leaves the month to it, and ends cleanly, without an
    ERROR in the log.

    The month must be committed for two connections to see it: the test
    copies the tables the scenario writes to, and puts them back after."""

    _tables = None

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            cr.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if not cr.fetchone()[0]:
                self.skipTest("restoring the tables needs a PostgreSQL superuser")
        if TestBillingRace._tables is None:
            TestBillingRace._tables = self._learn_tables()
        self._snapshot(self._tables)
        self.fixture = self._commit_fixture()
        self.assertLessEqual(self.fixture["written"], self._tables)

    # ------------------------------------------------------------------
    # The database state
    # ------------------------------------------------------------------

    def _env(self, cr):
        # give the cursor its transaction rather than look the registry up
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {})

    def _learn_tables(self):
        """The tables written by the whole scenario, played once in a
        transaction that is rolled back."""
        cr = self.registry.cursor()
        try:
            env = self._env(cr)
            build_november(env)
            Run = env["coworking.billing.run"]
            with freeze_time(BILLING_DAY):
                Run._cron_monthly_billing(batch_size=2)
                Run._cron_monthly_billing()
                Run.search([("period_start", "=", NOVEMBER)]).action_retry()
            return written_tables(cr) | RUNNER_TABLES
        finally:
            cr.rollback()
            cr.close()

    def _snapshot(self, tables):
        schema = f"cw_billing_race_{uuid.uuid4().hex[:8]}"
        with self.registry.cursor() as cr:
            cr.execute(SQL("CREATE SCHEMA %s", SQL.identifier(schema)))
            for table in sorted(tables):
                cr.execute(
                    SQL(
                        "CREATE TABLE %s AS TABLE %s",
                        SQL.identifier(schema, table),
                        SQL.identifier(table),
                    )
                )
        self.addCleanup(self._restore, schema, tables)

    def _restore(self, schema, tables):
        with self.registry.cursor() as cr:
            # foreign keys and triggers are off: the rows come back as they were
            cr.execute("SET LOCAL session_replication_role = replica")
            # a transaction of the race left open fails the test, not the run
            cr.execute("SET LOCAL lock_timeout = '60s'")
            for table in sorted(tables):
                cr.execute(SQL("DELETE FROM %s", SQL.identifier(table)))
                cr.execute(
                    SQL(
                        "INSERT INTO %s SELECT * FROM %s",
                        SQL.identifier(table),
                        SQL.identifier(schema, table),
                    )
                )
            cr.execute(SQL("DROP SCHEMA %s CASCADE", SQL.identifier(schema)))
        self.registry.clear_all_caches()

    def _commit_fixture(self):
        """November, and the run interrupted after a first batch of two
        parties; the cron's next call is due."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            november = build_november(env)
            Run = env["coworking.billing.run"]
            with freeze_time(BILLING_DAY):
                self.assertTrue(Run._cron_monthly_billing(batch_size=2))
            run = Run.search(
                [("period_start", "=", NOVEMBER), ("company_id", "=", env.company.id)]
            )
            self.assertEqual((run.state, run.invoice_count), ("running", 2))
            cron = env.ref("coworking_billing.ir_cron_monthly_billing")
            cron.write({"active": True, "nextcall": cr.now() - timedelta(minutes=1)})
            return {
                "run": run.id,
                "left": len(run._parties_to_invoice()),
                "cron": cron.id,
                "parties": {key: getattr(november, key).id for key in EXPECTED},
                "frank": november.frank.id,
                "written": written_tables(cr),
            }

    # ------------------------------------------------------------------
    # The two transactions
    # ------------------------------------------------------------------

    def _cron_worker(self, outcome):
        """What a cron worker does with the due job: acquire it, then let
        Odoo's runner call it and commit."""
        IrCron = self.registry["ir.cron"]
        cron_cr = self.registry.cursor()
        try:
            self._env(cron_cr)
            job = IrCron._acquire_one_job(cron_cr, self.fixture["cron"])
            outcome["acquired"] = bool(job)
            if job:
                IrCron._process_job(self.registry.db_name, cron_cr, job)
        except Exception as error:  # noqa: BLE001 - reported to the test
            outcome["error"] = error
        finally:
            cron_cr.close()

    def _retry(self, outcome, pause=None):
        """The Retry button, through the request loop's ``retrying``."""
        try:
            with self.registry.cursor() as cr:
                env = self._env(cr)

                def action():
                    outcome["attempts"] += 1
                    env["coworking.billing.run"].browse(
                        self.fixture["run"]
                    ).action_retry()
                    outcome["written"] = written_tables(cr)
                    if pause:
                        pause["done"].set()
                        pause["release"].wait(60)

                retrying(action, env)
        except Exception as error:  # noqa: BLE001 - reported to the test
            outcome["error"] = error

    def _wait_until_blocked(self, thread, timeout=30.0):
        """Whether another transaction waits for a lock, while ``thread``
        runs (``time.monotonic`` may be frozen: count the naps)."""
        with self.registry.cursor() as cr:
            for _nap in range(int(timeout / 0.05)):
                if not thread.is_alive():
                    return False
                cr.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                if cr.fetchone()[0]:
                    return True
                cr.rollback()
                time.sleep(0.05)
        return False

    @contextmanager
    def _race(self):
        """The clock of the billing day, the expected ``bad query`` lines
        of the losing transaction muted, and every other ERROR recorded.

        The test runner holds the registry lock while tests run, and both
        the cron runner and the request loop's retry look the registry up:
        as in Odoo's test mode, the lock is a dummy meanwhile."""
        recorder = ErrorRecorder()
        root = logging.getLogger()
        root.addHandler(recorder)
        try:
            with (
                freeze_time(BILLING_DAY),
                mute_logger("odoo.sql_db"),
                patch.object(Registry, "_lock", DummyRLock()),
            ):
                yield recorder
        finally:
            root.removeHandler(recorder)

    # ------------------------------------------------------------------
    # The outcome
    # ------------------------------------------------------------------

    def assertOneInvoicePerParty(self, written):
        self.assertLessEqual(written, self._tables, "the cleanup covers them")
        with self.registry.cursor() as cr:
            env = self._env(cr)
            run = env["coworking.billing.run"].browse(self.fixture["run"])
            self.assertEqual(run.state, "done")
            self.assertFalse(run.failed_partner_ids)
            self.assertFalse(run._parties_to_invoice(), "no party left behind")
            moves = env["account.move"].search(
                [
                    ("coworking_period_start", "=", NOVEMBER),
                    ("move_type", "=", "out_invoice"),
                ]
            )
            self.assertLessEqual(run.invoice_ids, moves)
            self.assertEqual(set(moves.mapped("state")), {"posted"})
            # counted in every state: not even a duplicate cancelled
            self.assertEqual(len(moves), len(moves.coworking_billing_partner_id))
            totals = {}
            for key, party_id in self.fixture["parties"].items():
                invoice = moves.filtered(
                    lambda move, pid=party_id: move.coworking_billing_partner_id.id
                    == pid
                )
                self.assertEqual(len(invoice), 1, key)
                totals[key] = invoice.amount_untaxed
            self.assertEqual(totals, EXPECTED)
            frank = moves.filtered(
                lambda move: move.coworking_billing_partner_id.id
                == self.fixture["frank"]
            )
            self.assertFalse(frank, "nothing to bill")
            cron = env["ir.cron"].browse(self.fixture["cron"])
            self.assertEqual(cron.failure_count, 0)
            last = env["ir.cron.progress"].search(
                [("cron_id", "=", cron.id)], order="id desc", limit=1
            )
            return last.done, last.remaining

    def test_retry_during_the_cron_pass_waits_then_finds_it_done(self):
        """The cron bills the rest of the month; Retry, clicked meanwhile,
        waits for its commit, meets a serialization failure, and its retry
        finds nothing left to bill."""
        self.assertGreaterEqual(self.fixture["left"], 2, "work for both")
        Run = self.registry["coworking.billing.run"]
        original = Run._cron_monthly_billing
        cron_out, retry_out = {}, {"attempts": 0}
        billed, release = threading.Event(), threading.Event()

        def paused(model, *args, **kwargs):
            """The cron's pass, held open until the Retry is waiting."""
            result = original(model, *args, **kwargs)
            cron_out["written"] = written_tables(model.env.cr)
            billed.set()
            release.wait(60)
            return result

        threads = []
        with self._race() as errors, patch.object(Run, "_cron_monthly_billing", paused):
            try:
                threads.append(
                    threading.Thread(target=self._cron_worker, args=[cron_out])
                )
                threads[0].start()
                self.assertTrue(billed.wait(120), "the cron billed the month")
                threads.append(threading.Thread(target=self._retry, args=[retry_out]))
                threads[1].start()
                waited = self._wait_until_blocked(threads[1])
            finally:
                release.set()
                for thread in threads:
                    thread.join(120)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        self.assertEqual(errors.messages, [], "no ERROR in the log")
        self.assertNotIn("error", cron_out)
        self.assertNotIn("error", retry_out)
        self.assertTrue(cron_out["acquired"])
        self.assertTrue(waited, "Retry waits for the cron's transaction")
        self.assertGreaterEqual(retry_out["attempts"], 2, "and tries again")
        progress = self.assertOneInvoicePerParty(
            cron_out["written"] | retry_out["written"] | self.fixture["written"]
        )
        self.assertEqual(
            progress, (self.fixture["left"], 0), "the cron billed the rest"
        )

    def test_cron_pass_during_a_retry_leaves_the_month_to_it(self):
        """Retry bills the rest of the month; the cron's pass, started
        meanwhile, bills nothing twice and ends without an error (the job
        is not failed)."""
        cron_out, retry_out = {}, {"attempts": 0}
        pause = {"done": threading.Event(), "release": threading.Event()}
        threads = []
        with self._race() as errors:
            try:
                threads.append(
                    threading.Thread(target=self._retry, args=[retry_out, pause])
                )
                threads[0].start()
                self.assertTrue(pause["done"].wait(120), "Retry billed the month")
                threads.append(
                    threading.Thread(target=self._cron_worker, args=[cron_out])
                )
                threads[1].start()
                # the cron's pass runs while Retry's transaction is open
                threads[1].join(5)
            finally:
                pause["release"].set()
                for thread in threads:
                    thread.join(120)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        self.assertEqual(errors.messages, [], "no ERROR in the log")
        self.assertNotIn("error", cron_out)
        self.assertNotIn("error", retry_out)
        self.assertTrue(cron_out["acquired"])
        self.assertEqual(retry_out["attempts"], 1, "Retry was not disturbed")
        progress = self.assertOneInvoicePerParty(
            retry_out["written"] | self.fixture["written"]
        )
        self.assertEqual(progress, (0, 0), "the cron billed nobody twice")
