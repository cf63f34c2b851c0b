# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import BILLING_DAY, NOVEMBER, BillingCommon


@tagged("post_install", "-at_install")
class TestRevenueAndRights(BillingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_accountant = new_test_user(
            cls.env,
            "cw_accountant",
            groups="account.group_account_readonly",
            name="Accountant",
        )
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
        """Each group reads exactly what its rights give, and the others get
        an AccessError: usage entries for the front desk and the cashiers,
        billing runs for the front desk (read) and the managers, revenue
        for the managers and the accountants."""
        Usage = self.env["coworking.usage"]
        Run = self.env["coworking.billing.run"]
        Revenue = self.env["coworking.revenue.report"]
        usages, runs, revenue = Usage.search([]), Run.search([]), Revenue.search([])
        # something to see, or equal results would prove nothing
        self.assertIn(self.print_usage, usages)
        self.assertIn(self.coffee_usage, usages)
        self.assertEqual(
            runs.filtered("invoice_ids").mapped("period_start"), [NOVEMBER]
        )
        self.assertIn(self.invoice_of(self.team), revenue.move_id)
        readers = {
            Usage: (self.user_manager, self.user_front, self.user_cashier),
            Run: (self.user_manager, self.user_front),
            Revenue: (self.user_manager, self.user_accountant),
        }
        refused = {
            Usage: (
                self.user_employee,
                self.user_agent,
                self.user_controller,
                self.user_room_manager,
                self.user_portal,
            ),
            Run: (
                self.user_cashier,
                self.user_employee,
                self.user_agent,
                self.user_portal,
            ),
            Revenue: (
                self.user_front,
                self.user_cashier,
                self.user_employee,
                self.user_portal,
            ),
        }
        expected = {Usage: usages, Run: runs, Revenue: revenue}
        for model, users in readers.items():
            for user in users:
                with self.subTest(model=model._name, user=user.login):
                    # another company's records (the demo's second company
                    # has its own runs) stay out of sight
                    mine = expected[model].filtered(
                        lambda record, user=user: record.company_id in user.company_ids
                    )
                    self.assertEqual(model.with_user(user).search([]), mine)
        for model, users in refused.items():
            for user in users:
                with self.subTest(model=model._name, user=user.login):
                    with self.assertRaises(AccessError):
                        model.with_user(user).search([])
                    with self.assertRaises(AccessError):
                        expected[model][:1].with_user(user).read(["display_name"])

    def test_who_changes_billing(self):
        """The front desk reads the runs but cannot change them; managers
        annotate them but never delete one; cashiers record usage but do not
        delete it, the front desk does."""
        run = self.env["coworking.billing.run"].search(
            [("period_start", "=", NOVEMBER), ("company_id", "=", self.env.company.id)]
        )
        self.assertEqual(len(run), 1)
        self.assertEqual(run.with_user(self.user_front).state, "done")
        with self.assertRaises(AccessError):
            run.with_user(self.user_front).write({"state": "running"})
        with self.assertRaises(AccessError):
            run.with_user(self.user_front).action_retry()
        run.with_user(self.user_manager).write({"log": "checked"})
        self.assertEqual(run.log, "checked")
        with self.assertRaises(AccessError):
            run.with_user(self.user_manager).unlink()
        self.assertTrue(run.exists())
        Usage = self.env["coworking.usage"]
        entry = Usage.with_user(self.user_cashier).create(
            {"partner_id": self.alice.id, "product_id": self.coffee.id}
        )
        with self.assertRaises(AccessError):
            entry.with_user(self.user_cashier).unlink()
        entry.with_user(self.user_front).unlink()
        self.assertFalse(entry.exists())
