# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading
import time
from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.coworking_base.tests.common import (
    TwoTransactionsMixin,
    create_calendar,
)

# a phone booth without counter: its life counted in days, failures about
# 100 days apart, the last one 110 days ago
FAILURE_DAYS = (440, 340, 238, 110)


@tagged("post_install", "-at_install")
class TestMaintenanceConcurrency(TwoTransactionsMixin, TransactionCase):
    """Two cron runs at once, in two real transactions on two connections:
    the worn equipment gets one request, the second run finds it open."""

    def setUp(self):
        super().setUp()
        today = fields.Date.today()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            calendar = create_calendar(env, "Race hours", "Europe/Paris")
            location = env["coworking.location"].create(
                {
                    "name": "Race",
                    "tz": "Europe/Paris",
                    "resource_calendar_id": calendar.id,
                }
            )
            team = env["maintenance.team"].create({"name": "Race team"})
            booth = env["coworking.equipment"].create(
                {
                    "name": "Race booth",
                    "kind": "phone_booth",
                    "location_id": location.id,
                }
            )
            booth.action_create_maintenance_equipment()
            record = booth.maintenance_equipment_id
            record.write(
                {
                    "effective_date": today - timedelta(days=540),
                    "maintenance_team_id": team.id,
                }
            )
            stage = env["maintenance.stage"].search([("done", "=", True)], limit=1)
            env["maintenance.request"].create(
                [
                    {
                        "name": f"Door broken {days}",
                        "equipment_id": record.id,
                        "maintenance_team_id": team.id,
                        "request_date": today - timedelta(days=days),
                        "close_date": today - timedelta(days=days),
                        "stage_id": stage.id,
                    }
                    for days in FAILURE_DAYS
                ]
            )
            self.fixture = {
                "calendar": calendar.id,
                "location": location.id,
                "team": team.id,
                "booth": booth.id,
                "record": record.id,
            }
        self.addCleanup(self._remove_fixtures)

    def _remove_fixtures(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            ids = self.fixture
            env["maintenance.request"].search(
                [("equipment_id", "=", ids["record"])]
            ).unlink()
            env["coworking.equipment"].browse(ids["booth"]).unlink()
            env["maintenance.equipment"].browse(ids["record"]).unlink()
            env["maintenance.team"].browse(ids["team"]).unlink()
            env["coworking.location"].browse(ids["location"]).unlink()
            env["resource.calendar"].browse(ids["calendar"]).unlink()

    def _run(self, cr):
        """A run of the cron's work on the booth, in cursor ``cr``."""
        booth = self._env(cr)["coworking.equipment"].browse(self.fixture["booth"])
        return booth._maintenance_risk_refresh()

    def _open_requests(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM maintenance_request "
                "WHERE equipment_id = %s AND coworking_ai_reason IS NOT NULL "
                "AND coworking_ai_open",
                [self.fixture["record"]],
            )
            return cr.fetchone()[0]

    def _wait_for_a_lock(self, timeout=20):
        """Until a connection of this database waits for a lock."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                if cr.fetchone()[0]:
                    return True
            time.sleep(0.05)
        return False

    def test_two_runs_at_once_create_one_request(self):
        """A has created the request and not committed; B runs meanwhile:
        B waits on the unique index, and once A commits, counts the request
        as already open instead of creating a second one."""
        outcome = {}
        cr_a = self.registry.cursor()
        try:
            first = self._run(cr_a)
            self.assertEqual(first["created"], 1)
            with mute_logger("odoo.sql_db"):
                thread = threading.Thread(
                    target=self.run_retrying, args=(self._run, outcome)
                )
                thread.start()
                self.assertTrue(self._wait_for_a_lock(), "B never met A's request")
                cr_a.commit()
                thread.join(30)
            self.assertFalse(thread.is_alive())
        finally:
            cr_a.close()
        self.assertEqual(outcome["retries"], 0)
        self.assertEqual(
            outcome["result"],
            {"assessed": 1, "created": 0, "already_open": 1, "skipped": 0},
        )
        self.assertEqual(self._open_requests(), 1)

    def test_runs_one_after_the_other_create_one_request(self):
        outcomes = [{}, {}]
        for outcome in outcomes:
            self.run_retrying(self._run, outcome)
        self.assertEqual(outcomes[0]["result"]["created"], 1)
        self.assertEqual(outcomes[1]["result"]["already_open"], 1)
        self.assertEqual(self._open_requests(), 1)
