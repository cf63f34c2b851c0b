# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.coworking_base.tests.common import CronRunnerMixin

from ..tools import maintenance_risk as risk
from .maintenance_common import PAGES_PER_DAY, MaintenanceCommon


@tagged("post_install", "-at_install")
class TestMaintenanceCron(CronRunnerMixin, MaintenanceCommon):
    """The daily cron, run by Odoo's cron runner, on the fleet of
    ``company_b``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("coworking_ai.ir_cron_maintenance_risk")
        cls.fleet = cls.worn | cls.fresh | cls.peer | cls.new_projector

    def test_the_worn_printer_gets_one_request_explained(self):
        self.run_cron(self.cron)
        request = self.predicted(self.worn)
        self.assertEqual(len(request), 1)
        self.assertEqual(request.coworking_ai_reason, "wear")
        self.assertEqual(request.maintenance_type, "preventive")
        self.assertEqual(request.coworking_equipment_id, self.worn)
        self.assertEqual(request.maintenance_team_id, self.team_b)
        self.assertAlmostEqual(
            request.coworking_ai_score, self.worn.maintenance_risk, places=3
        )
        self.assertIn("9,900 pages since the last maintenance", request.description)
        self.assertIn("learned from 9 failures", request.coworking_ai_explanation)
        self.assertLessEqual(
            request.schedule_date.date(), self.today + timedelta(days=14)
        )
        self.assertFalse(self.predicted(self.fresh) | self.predicted(self.peer))
        self.assertFalse(self.predicted(self.new_projector))
        self.assertEqual(self.progress_of(self.cron)[-1][1], 0)

    def test_the_explanation_is_in_the_language_of_the_company(self):
        self._load_french("coworking_ai")
        self.company_b.partner_id.lang = "fr_FR"
        self.run_cron(self.cron)
        request = self.predicted(self.worn)
        self.assertIn("de risque de panne d'ici 14 jours", request.description)

    def test_the_scores_stored_on_the_equipment(self):
        self.run_cron(self.cron)
        worn, fresh = self.worn, self.fresh
        self.assertEqual(worn.usage_unit, "pages")
        self.assertAlmostEqual(worn.usage_since_maintenance, 99 * PAGES_PER_DAY)
        self.assertAlmostEqual(worn.usage_per_day, PAGES_PER_DAY)
        self.assertEqual(worn.last_maintenance_date, self.start + timedelta(days=301))
        self.assertEqual(worn.maintenance_risk_level, "high")
        self.assertEqual(worn.maintenance_reason, "wear")
        self.assertGreater(worn.maintenance_risk, 0.3)
        # about 10,000 pages between failures: the median life, a day away
        self.assertAlmostEqual(worn.learned_life, 10000, delta=500)
        self.assertLess(worn.predicted_failure_date, self.today + timedelta(days=10))
        self.assertEqual(fresh.maintenance_risk_level, "low")
        self.assertLess(fresh.maintenance_risk, 0.01)
        self.assertFalse(fresh.maintenance_reason)
        self.assertGreater(
            fresh.predicted_failure_date, self.today + timedelta(days=60)
        )
        self.assertEqual(self.new_projector.maintenance_risk_level, "unknown")
        self.assertEqual(self.new_projector.usage_unit, "days")
        self.assertIn(
            "Not enough history", self.new_projector.maintenance_risk_explanation
        )
        self.assertTrue(all(self.fleet.mapped("maintenance_risk_date")))

    def test_a_second_run_refreshes_the_open_request(self):
        self.run_cron(self.cron)
        request = self.predicted(self.worn)
        request.coworking_ai_score = 0.01
        self.run_cron(self.cron)
        self.assertEqual(self.predicted(self.worn), request)
        self.assertAlmostEqual(
            request.coworking_ai_score, self.worn.maintenance_risk, places=3
        )

    def test_the_cron_works_in_batches(self):
        self.cron.code = "model._cron_maintenance_risk(batch_size=2)"
        before = self.progress_of(self.cron)
        self.run_cron(self.cron)
        progress = self.progress_of(self.cron)[len(before) :]
        self.assertEqual(progress[0][0], 2)
        self.assertGreater(progress[0][1], 0)
        self.assertEqual(progress[-1][1], 0)
        self.assertTrue(all(self.fleet.mapped("maintenance_risk_date")))
        self.assertEqual(len(self.predicted(self.worn)), 1)

    def test_a_maintenance_done_renews_the_equipment(self):
        self.run_cron(self.cron)
        request = self.predicted(self.worn)
        request.write({"stage_id": self.done_stage.id, "close_date": self.today})
        self.assertFalse(request.coworking_ai_open)
        self.run_cron(self.cron)
        self.assertFalse(self.predicted(self.worn))
        self.assertEqual(self.worn.last_maintenance_date, self.today)
        self.assertEqual(self.worn.maintenance_risk_level, "low")

    def test_a_request_open_by_a_person_is_left_alone(self):
        reported = self.Request.create(
            {
                "name": "Noisy fuser",
                "equipment_id": self.worn.maintenance_equipment_id.id,
                "company_id": self.company_b.id,
                "maintenance_team_id": self.team_b.id,
            }
        )
        self.assertEqual(reported.coworking_equipment_id, self.worn)
        outcome = self.worn._maintenance_risk_refresh()
        self.assertEqual(outcome["skipped"], 1)
        self.assertFalse(self.predicted(self.worn))
        self.assertEqual(self.worn.maintenance_reason, "wear")

    def test_without_a_team_nothing_is_created(self):
        self.team_b.company_id = self.company
        outcome = self.worn._maintenance_risk_refresh()
        self.assertEqual(
            outcome, {"assessed": 1, "created": 0, "already_open": 0, "skipped": 1}
        )

    def test_a_counter_replaced_or_jumping_adds_no_usage(self):
        """The worn printer's counter replaced 10 days ago (back to 0), then a
        jump of a million pages in an hour: neither is usage."""
        device = self.worn.iot_device_ids
        self.env["coworking.iot.reading.hourly"].search(
            [
                ("device_id", "=", device.id),
                ("hour", ">=", self.today - timedelta(days=10)),
            ]
        ).unlink()
        self._write_counter(
            device, [PAGES_PER_DAY] * 5, start=self.today - timedelta(days=10)
        )
        self._write_counter(
            device,
            [1e6] + [PAGES_PER_DAY] * 4,
            start=self.today - timedelta(days=5),
            total=5 * PAGES_PER_DAY,
        )
        self.worn._maintenance_risk_refresh(create_requests=False)
        # 89 days of 100 pages, the counter replaced: 5 days of 100 pages
        # (the first counted within its hour), the jump: 0, then 4 days
        self.assertAlmostEqual(self.worn.usage_since_maintenance, 9800, delta=1)

    def test_odoo_estimate_is_the_maintenance_app_own(self):
        record = self.worn.maintenance_equipment_id
        failures = [self.start + timedelta(days=d) for d in (100, 195, 300)]
        self.assertEqual(
            risk.odoo_mtbf(record.effective_date, failures),
            (record.mtbf, record.estimated_next_failure),
        )
        self.worn._maintenance_risk_refresh(create_requests=False)
        self.assertEqual(
            self.worn.odoo_next_failure_date, record.estimated_next_failure
        )

    def test_bad_settings_are_bounded(self):
        params = self.env["ir.config_parameter"].sudo()
        for horizon, threshold, expected in (
            ("abc", "x", (14, 0.3)),
            ("-3", "-1", (1, 0.05)),
            ("100000", "7", (90, 0.95)),
            ("21", "0.5", (21, 0.5)),
        ):
            params.set_param("coworking_ai.maintenance_horizon_days", horizon)
            params.set_param("coworking_ai.maintenance_risk_threshold", threshold)
            self.assertEqual(self.Equipment._maintenance_settings(), expected)
        self.worn._maintenance_risk_refresh()
        self.assertEqual(len(self.predicted(self.worn)), 1)

    def test_bad_batch_sizes(self):
        with self.assertRaises(UserError):
            self.Equipment._cron_maintenance_risk(batch_size="many")
        self.Equipment._cron_maintenance_risk(batch_size=-5)
        self.assertEqual(
            len(
                self.Equipment.search([("maintenance_risk_date", "!=", False)])
                & self.fleet
            ),
            1,
        )
        self.Equipment._cron_maintenance_risk(batch_size=10**9)
        self.assertTrue(all(self.fleet.mapped("maintenance_risk_date")))

    def test_equipment_not_followed_is_not_assessed(self):
        loose = self.Equipment.create(
            {"name": "Loose", "kind": "printer", "location_id": self.location_b.id}
        )
        self.assertEqual(
            loose._maintenance_risk_refresh(),
            {"assessed": 0, "created": 0, "already_open": 0, "skipped": 0},
        )
        self.assertEqual(loose.maintenance_risk_level, "unknown")


@tagged("post_install", "-at_install")
class TestMaintenanceRequestGuard(MaintenanceCommon):
    """One open predicted request per equipment and reason: the message
    first, the database's unique index under it."""

    def setUp(self):
        super().setUp()
        self.worn._maintenance_risk_refresh()
        self.request = self.predicted(self.worn)

    def _second(self, reason="wear"):
        return self.Request.create(
            {
                "name": "Second",
                "equipment_id": self.worn.maintenance_equipment_id.id,
                "company_id": self.company_b.id,
                "maintenance_team_id": self.team_b.id,
                "coworking_ai_reason": reason,
            }
        )

    def test_a_second_open_request_for_the_reason_is_refused(self):
        with self.assertRaises(ValidationError):
            self._second()
        self.assertTrue(self._second("overdue"))

    def test_the_database_refuses_it_too(self):
        other = self._second("overdue")
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.cr.execute(
                "UPDATE maintenance_request SET coworking_ai_reason = 'wear' "
                "WHERE id = %s",
                [other.id],
            )

    def test_cancelled_or_done_requests_leave_room(self):
        self.request.archive_equipment_request()
        self.assertFalse(self.request.coworking_ai_open)
        second = self._second()
        with self.assertRaises(ValidationError):
            self.request.reset_equipment_request()
        self.close(second)
        self.request.reset_equipment_request()
        self.assertTrue(self.request.coworking_ai_open)

    def test_the_open_flag_follows_sql_writes_and_stages(self):
        """A request written in SQL: the trigger follows; a stage no longer
        *done*: the ORM follows."""
        self.cr.execute(
            "UPDATE maintenance_request SET stage_id = %s WHERE id = %s",
            [self.done_stage.id, self.request.id],
        )
        self.cr.execute(
            "SELECT coworking_ai_open FROM maintenance_request WHERE id = %s",
            [self.request.id],
        )
        self.assertFalse(self.cr.fetchone()[0])
        self.env.invalidate_all()
        self.done_stage.done = False
        self.assertTrue(self.request.coworking_ai_open)
        self.env.flush_all()
        self.cr.execute(
            "SELECT coworking_ai_open FROM maintenance_request WHERE id = %s",
            [self.request.id],
        )
        self.assertTrue(self.cr.fetchone()[0])


@tagged("post_install", "-at_install")
class TestMaintenanceAccess(MaintenanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.user_manager, cls.user_front, cls.user_portal):
            cls.add_to_company_b(user)
        cls.worn._maintenance_risk_refresh()

    def test_front_desk_reads_the_risk_and_cannot_assess(self):
        worn = self.worn.with_user(self.user_front)
        self.assertEqual(worn.maintenance_risk_level, "high")
        self.assertIn("pages since", worn.maintenance_risk_explanation)
        with self.assertRaises(AccessError):
            worn.action_assess_maintenance_risk()

    def test_a_manager_assesses_now(self):
        self.worn.maintenance_risk_date = False
        self.worn.with_user(self.user_manager).action_assess_maintenance_risk()
        self.assertTrue(self.worn.maintenance_risk_date)
        self.assertEqual(len(self.predicted(self.worn)), 1, "no new request")

    def test_portal_users_see_nothing(self):
        with self.assertRaises(AccessError):
            self.worn.with_user(self.user_portal).maintenance_risk  # noqa: B018

    def test_other_companies_do_not_see_the_equipment(self):
        self.assertFalse(
            self.Equipment.with_user(self.user_employee).search(
                [("id", "=", self.worn.id)]
            )
        )
