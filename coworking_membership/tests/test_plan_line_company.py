# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import NOW, MembershipCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestPlanLineCompany(MembershipCommon):
    """What a plan gives per kind of space is as private to its company as
    the plan itself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Coworking B"})
        cls.user_manager_b = new_test_user(
            cls.env,
            "cw_plan_manager_b",
            groups="coworking_base.group_coworking_manager",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.user_both = new_test_user(
            cls.env,
            "cw_plan_front_ab",
            groups="coworking_base.group_coworking_user",
            company_ids=[Command.set((cls.company + cls.company_b).ids)],
        )
        cls.plan_b = cls.plan_strict.copy(
            {"company_id": cls.company_b.id, "code": "TSB"}
        )

    def _env(self, user, companies):
        return self.env(user=user, context={"allowed_company_ids": companies.ids})

    def test_lines_carry_their_plan_company(self):
        self.assertEqual(self.plan_credits.line_ids.company_id, self.company)
        self.assertEqual(self.plan_b.line_ids.company_id, self.company_b)
        self.assertEqual(
            self.env["coworking.membership.plan.line"].search(
                [("company_id", "=", self.company_b.id)]
            ),
            self.plan_b.line_ids,
        )

    def test_user_of_another_company_cannot_read_the_lines(self):
        lines_a = self.plan_credits.line_ids
        env_b = self._env(self.user_manager_b, self.company_b)
        Line = env_b["coworking.membership.plan.line"]
        found = Line.search([])
        self.assertFalse(found & lines_a)
        self.assertEqual(found & self.plan_b.line_ids, self.plan_b.line_ids)
        with self.assertRaises(AccessError):
            lines_a.with_env(env_b).read(["mode", "hours"])
        with self.assertRaises(AccessError):
            lines_a.with_env(env_b).write({"hours": 1})

    def test_user_of_both_companies_reads_the_active_ones(self):
        lines_a = self.plan_credits.line_ids
        both = self._env(self.user_both, self.company + self.company_b)
        self.assertEqual(lines_a.with_env(both).mapped("mode"), lines_a.mapped("mode"))
        only_b = self._env(self.user_both, self.company_b)
        self.assertFalse(
            only_b["coworking.membership.plan.line"].search([("id", "in", lines_a.ids)])
        )
