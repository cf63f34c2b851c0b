# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

import psycopg2.errors
from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import BILLING_DAY, NOVEMBER, BillingCommon

EXPECTED = {
    # party: untaxed total of its November invoice
    "alice": 5.0 + 36.0 + 63.0,
    "bob": 2.5,
    "carol": 1.0,
    "team": 40.0 + 12.0 + 30.0,
    "guest": 2.5,
}


@tagged("post_install", "-at_install")
class TestMonthlyRun(BillingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_month()

    def test_a_month_of_mixed_members_gives_exact_invoices(self):
        run = self.run_month()
        self.assertEqual(run.state, "done")
        self.assertEqual(self.totals(), EXPECTED)
        for party in self.parties().values():
            invoice = self.invoice_of(party)
            self.assertEqual(len(invoice), 1, party.name)
            self.assertEqual(invoice.state, "posted")
            self.assertEqual(invoice.invoice_date, date(2026, 12, 1))
            self.assertEqual(invoice.partner_id, party)
        self.assertFalse(self.invoice_of(self.frank), "nothing to bill")
        self.assertFalse(self.invoice_of(self.dave), "billed to the team")
        alice = self.invoice_of(self.alice)
        self.assertEqual(
            self.lines(alice),
            [
                ("Membership fees, November 2026", 1.0, 5.0),
                ("Bookings", 1.0, 63.0),
                ("Bookings", 1.0, 36.0),
            ],
            "the bookings in the order they happened",
        )
        self.assertEqual(alice.subscription_id, self.m_alice.subscription_id)
        names = alice.invoice_line_ids.sorted("sequence").mapped("name")
        self.assertTrue(names[3].startswith("Late cancellation"), names)
        team = self.invoice_of(self.team)
        self.assertEqual(
            self.lines(team),
            [
                ("Membership fees, November 2026", 2.0, 20.0),
                ("Events", 1.0, 30.0),
                ("Other usage", 120.0, 0.1),
            ],
        )
        self.assertIn(
            "(15 of 30 days)", self.invoice_of(self.bob).invoice_line_ids[-1].name
        )
        self.assertIn(
            "(10 of 30 days)", self.invoice_of(self.carol).invoice_line_ids[-1].name
        )
        # every source points to its line, and counts as invoiced
        self.assertEqual(self.overage.coworking_invoice_line_id.move_id, alice)
        self.assertEqual(self.office_booking.coworking_invoice_id, alice)
        self.assertEqual(self.print_usage.state, "invoiced")
        self.assertEqual(self.print_usage.invoice_id, team)
        self.assertEqual(self.order.order_line.qty_invoiced, 1.0)
        self.assertEqual(self.order.invoice_status, "invoiced")
        self.assertEqual(
            self.m_alice.subscription_id.recurring_next_date, date(2027, 1, 1)
        )
        # what is billed beyond the credits is named by the hourly rate
        overage_line = self.invoice_of(self.alice).invoice_line_ids.filtered(
            lambda line: line.coworking_source == f"coworking.booking,{self.overage.id}"
        )
        self.assertEqual(overage_line.product_id, self.rate_hour)
        # streams, for the revenue report
        self.assertEqual(
            set(team.invoice_line_ids.mapped("coworking_stream")) - {False},
            {"membership", "event", "usage"},
        )

    def test_a_second_run_adds_nothing(self):
        self.run_month()
        invoices = self.env["account.move"].search_count([])
        run = self.run_month()
        with freeze_time(BILLING_DAY):
            self.assertEqual(run._process()[1], 0)
            run.action_retry()
        self.assertEqual(self.env["account.move"].search_count([]), invoices)
        self.assertEqual(self.totals(), EXPECTED)

    def test_an_interrupted_run_completes_the_rest(self):
        with freeze_time(BILLING_DAY):
            remaining = self.Run._cron_monthly_billing(batch_size=2)
        run = self.Run.search(
            [("period_start", "=", NOVEMBER), ("company_id", "=", self.env.company.id)]
        )
        self.assertTrue(remaining, "stopped after a batch")
        self.assertEqual(run.invoice_count, 2)
        self.assertEqual(run.state, "running")
        run = self.run_month(batch_size=2)
        self.assertEqual(run.state, "done")
        self.assertEqual(self.totals(), EXPECTED, "the rest, and nothing twice")
        for party in self.parties().values():
            self.assertEqual(len(self.invoice_of(party)), 1)

    def test_the_database_keeps_one_invoice_per_party_and_month(self):
        self.run_month()
        alice = self.invoice_of(self.alice)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
        ):
            with self.env.cr.savepoint():
                alice.copy(
                    {
                        "coworking_billing_partner_id": self.alice.id,
                        "coworking_period_start": NOVEMBER,
                    }
                )
        # and a booking is invoiced once
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
        ):
            with self.env.cr.savepoint():
                self.env["account.move"].create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": self.alice.id,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": self.rate_hour.id,
                                    "price_unit": 1,
                                    "coworking_source": (
                                        f"coworking.booking,{self.overage.id}"
                                    ),
                                }
                            )
                        ],
                    }
                ).action_post()

    def test_a_member_whose_invoice_fails_is_set_aside(self):
        account = self.env["account.account"].create(
            {
                "name": "Closed income",
                "code": "709999",
                "account_type": "income",
                "deprecated": True,
            }
        )
        self.printing.property_account_income_id = account
        with mute_logger("odoo.addons.coworking_billing.models.coworking_billing_run"):
            run = self.run_month()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.failed_partner_ids, self.team)
        self.assertIn("Team Co", run.log)
        self.assertFalse(self.invoice_of(self.team))
        self.assertEqual(self.print_usage.state, "to_invoice", "nothing half-done")
        self.assertEqual(self.totals()["alice"], EXPECTED["alice"], "others billed")
        account.deprecated = False
        with freeze_time(BILLING_DAY):
            run.action_retry()
        self.assertEqual(self.totals(), EXPECTED)
        self.assertFalse(run.failed_partner_ids)

    @freeze_time("2026-11-24 08:00:00")
    def test_subscription_oca_does_not_bill_memberships_twice(self):
        # a subscription started in November, due on the billing day
        other = self.env["sale.subscription"].create(
            {
                "partner_id": self.frank.id,
                "template_id": self.template.id,
                "pricelist_id": self.env["product.pricelist"]
                ._coworking_standard_pricelist()
                .id,
                "sale_subscription_line_ids": [
                    Command.create({"product_id": self.coffee.id})
                ],
            }
        )
        other.action_start_subscription()
        with freeze_time(BILLING_DAY):
            self.env["sale.subscription"].cron_subscription_management()
        self.assertTrue(other.invoice_ids, "other subscriptions are still invoiced")
        self.assertFalse(self.m_alice.subscription_id.invoice_ids)
        self.run_month()
        self.assertEqual(self.totals(), EXPECTED)

    def test_usage_recorded_late_goes_on_next_month(self):
        self.run_month()
        late = self.env["coworking.usage"].create(
            {
                "partner_id": self.alice.id,
                "product_id": self.coffee.id,
                "date": date(2026, 11, 29),
            }
        )
        with freeze_time("2027-01-01 03:00:00"):
            while self.Run._cron_monthly_billing():
                pass
        december = self.invoice_of(self.alice, date(2026, 12, 1))
        # both sides must exist: two empty recordsets would compare equal
        self.assertEqual(len(december), 1, "Alice has a December invoice")
        self.assertEqual(late.state, "invoiced")
        self.assertEqual(late.invoice_id, december)
        self.assertEqual(late.invoice_line_id.quantity, 1.0)
        self.assertAlmostEqual(
            late.invoice_line_id.price_subtotal, 2.25, msg="member price, once"
        )
        self.assertAlmostEqual(december.amount_untaxed, 5.0 + 2.25)
        self.assertEqual(self.totals(), EXPECTED, "November is untouched")
