# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import BILLING_DAY, BillingCommon


@tagged("post_install", "-at_install")
class TestRevenueAndRights(BillingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_month()
        with freeze_time(BILLING_DAY):
            while cls.env["coworking.billing.run"]._cron_monthly_billing():
                pass

    def test_revenue_by_stream_and_location(self):
        parties = self.alice | self.bob | self.carol | self.team | self.guest
        data = self.env["coworking.revenue.report"]._read_group(
            [("partner_id", "in", parties.ids), ("date", ">=", date(2026, 12, 1))],
            ["stream"],
            ["amount:sum"],
        )
        self.assertEqual(
            dict(data),
            {
                "membership": 5.0 + 2.5 + 1.0 + 40.0,
                "booking": 36.0 + 63.0,
                "event": 30.0,
                "usage": 12.0 + 2.5,
            },
        )
        by_location = dict(
            self.env["coworking.revenue.report"]._read_group(
                [("partner_id", "in", parties.ids), ("stream", "=", "booking")],
                ["location_id"],
                ["amount:sum"],
            )
        )
        self.assertEqual(by_location, {self.location: 99.0})

    def test_front_desk_records_usage_and_cannot_rewrite_invoiced(self):
        Usage = self.env["coworking.usage"]
        for user in (self.user_front, self.user_cashier):
            with self.subTest(user=user.login):
                usage = Usage.with_user(user).create(
                    {"partner_id": self.alice.id, "product_id": self.coffee.id}
                )
                self.assertEqual(usage.billed_partner_id, self.alice)
                self.assertAlmostEqual(usage.price_unit, 2.25, msg="member price")
        with self.assertRaises(UserError):
            self.print_usage.with_user(self.user_front).write({"quantity": 1})
        with self.assertRaises(UserError):
            self.print_usage.unlink()
        with self.assertRaises(UserError):
            self.print_usage.action_cancel()

    def test_who_sees_billing(self):
        for user in (self.user_employee, self.user_agent, self.user_portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["coworking.usage"].with_user(user).search([])
        with self.assertRaises(AccessError):
            self.env["coworking.billing.run"].with_user(self.user_front).search(
                []
            ).write({"state": "done"})
        runs = self.env["coworking.billing.run"].with_user(self.user_manager).search([])
        self.assertTrue(runs)
        self.assertTrue(
            self.env["coworking.revenue.report"].with_user(self.user_manager).search([])
        )
        with self.assertRaises(AccessError):
            self.env["coworking.revenue.report"].with_user(self.user_front).search([])
