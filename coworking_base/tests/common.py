# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import SUPERUSER_ID, Command, api
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

WEEKDAYS = (0, 1, 2, 3, 4)
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)


def create_calendar(env, name, tz, company=None, days=WEEKDAYS, hours=(8, 20)):
    """Opening hours: ``hours`` on ``days`` (0 is Monday); by default
    8:00-20:00 on weekdays, ``days=EVERY_DAY, hours=(0, 24)`` for a place open
    day and night."""
    return env["resource.calendar"].create(
        {
            "name": name,
            "tz": tz,
            "company_id": (company or env.company).id,
            "attendance_ids": [Command.clear()]
            + [
                Command.create(
                    {
                        "name": f"Day {day}",
                        "dayofweek": str(day),
                        "hour_from": hours[0],
                        "hour_to": hours[1],
                        "day_period": "morning",
                    }
                )
                for day in days
            ],
        }
    )


class TwoTransactionsMixin:
    """For tests that run real transactions on connections of their own (two
    front desks, two agents, two scanners at once), with committed fixtures
    they remove themselves."""

    def _env(self, cr, uid=SUPERUSER_ID):
        # the test runner holds the registry lock while tests run: give the
        # cursor its transaction here rather than look the registry up
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, uid, {})

    def run_retrying(self, work, outcome, tries=5):
        """What Odoo's request loop does (``odoo.service.model.retrying``):
        run ``work(cr)`` in a fresh transaction, again on a serialization
        failure. ``outcome`` receives ``result`` and the number of
        ``retries``."""
        outcome["retries"] = 0
        for _attempt in range(tries):
            try:
                with self.registry.cursor() as cr:
                    outcome["result"] = work(cr)
                    return
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                outcome["retries"] += 1


class CoworkingCommon(BaseCommon):
    """A company with a Paris location, its spaces, and one user per role."""

    @classmethod
    def _load_french(cls, *modules):
        """French active, with the terms of ``modules``."""
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(list(modules), ["fr_FR"])

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.calendar_paris = cls._create_calendar("Paris hours", "Europe/Paris")
        cls.location = cls.env["coworking.location"].create(
            {
                "name": "Test Paris",
                "code": "TPA",
                "tz": "Europe/Paris",
                "resource_calendar_id": cls.calendar_paris.id,
            }
        )
        cls.room = cls.env["coworking.space"].create(
            {
                "name": "Test Room",
                "location_id": cls.location.id,
                "kind": "meeting_room",
                "capacity": 6,
            }
        )
        cls.hot_desk = cls.env["coworking.space"].create(
            {
                "name": "Test Open Space",
                "location_id": cls.location.id,
                "kind": "hot_desk",
                "capacity": 20,
            }
        )
        cls.member = cls.env["res.partner"].create(
            {"name": "Test Member", "is_coworking_member": True}
        )
        group = "coworking_base.group_coworking_"
        cls.user_manager = new_test_user(
            cls.env, "cw_manager", groups=f"{group}manager", name="Manager"
        )
        cls.user_front = new_test_user(
            cls.env, "cw_front", groups=f"{group}user", name="Front Desk"
        )
        cls.user_cashier = new_test_user(
            cls.env, "cw_cashier", groups=f"{group}cashier", name="Cashier"
        )
        cls.user_agent = new_test_user(
            cls.env, "cw_agent", groups=f"{group}queue_agent", name="Agent"
        )
        cls.user_controller = new_test_user(
            cls.env,
            "cw_controller",
            groups=f"{group}badge_controller",
            name="Controller",
        )
        cls.user_room_manager = new_test_user(
            cls.env, "cw_room", groups=f"{group}room_manager", name="Room Manager"
        )
        cls.user_employee = new_test_user(
            cls.env, "cw_employee", groups="base.group_user", name="Employee"
        )
        cls.user_portal = new_test_user(
            cls.env, "cw_portal", groups="base.group_portal", name="Portal Member"
        )

    @classmethod
    def _create_company_b(cls):
        """A second company, ``company_b``, with its Dakar location
        ``location_b`` and a room ``space_b`` (capacity 4)."""
        cls.company_b = cls.env["res.company"].create({"name": "Coworking B"})
        calendar_b = cls._create_calendar("B hours", "Africa/Dakar", cls.company_b)
        cls.location_b = cls.env["coworking.location"].create(
            {
                "name": "Dakar B",
                "company_id": cls.company_b.id,
                "tz": "Africa/Dakar",
                "resource_calendar_id": calendar_b.id,
            }
        )
        cls.space_b = cls.env["coworking.space"].create(
            {"name": "Room B", "location_id": cls.location_b.id, "capacity": 4}
        )

    @classmethod
    def _create_calendar(cls, name, tz, company=None, days=WEEKDAYS, hours=(8, 20)):
        return create_calendar(cls.env, name, tz, company, days, hours)


class CronRunnerMixin:
    """Run a scheduled action through Odoo's cron runner, as a cron worker
    does it (``_process_job``: progress records, up to ten calls while work
    is done and some is left, then the job is rescheduled), inside the test
    transaction: see ``odoo/addons/base/tests/test_ir_cron.py``."""

    def run_cron(self, cron):
        cron._trigger()
        self.env.flush_all()
        self.registry.enter_test_mode(self.cr)
        try:
            with self.registry.cursor() as cron_cr:
                self.registry["ir.cron"]._process_job(
                    self.registry.db_name,
                    cron_cr,
                    {
                        **cron.read(load=None)[0],
                        "done": 0,
                        "remaining": 0,
                        "timed_out_counter": 0,
                    },
                )
        finally:
            self.registry.leave_test_mode()
        self.env.invalidate_all()

    def progress_of(self, cron):
        """``[(done, remaining)]`` the job reported, call after call."""
        return (
            self.env["ir.cron.progress"]
            .search([("cron_id", "=", cron.id)], order="id")
            .mapped(lambda progress: (progress.done, progress.remaining))
        )
