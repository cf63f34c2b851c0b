# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.coworking_base.tests.common import CronRunnerMixin

from .common import BillingCommon

PARTIES = 250


@tagged("post_install", "-at_install")
class TestMonthlyBillingThroughTheCronRunner(CronRunnerMixin, BillingCommon):
    """The monthly run as production runs it: Odoo's cron runner calls the
    job again at once while it reports work done and work left, so a month
    of many members is billed on the billing day, a batch at a time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("coworking_billing.ir_cron_monthly_billing")
        # the month the cron bills today, whatever today is
        cls.period = cls.Run._due_period()
        cls.parties = cls.env["res.partner"].create(
            [{"name": f"Cron Party {index:03d}"} for index in range(PARTIES)]
        )
        cls.env["coworking.usage"].create(
            [
                {
                    "partner_id": partner.id,
                    "product_id": cls.coffee.id,
                    "date": cls.period + timedelta(days=9),
                }
                for partner in cls.parties
            ]
        )

    def test_every_party_is_billed_on_the_billing_day(self):
        progress_before = self.env["ir.cron.progress"].search(
            [("cron_id", "=", self.cron.id)]
        )
        self.run_cron(self.cron)
        invoices = self.env["account.move"].search(
            [
                ("coworking_billing_partner_id", "in", self.parties.ids),
                ("coworking_period_start", "=", self.period),
                ("state", "!=", "cancel"),
            ]
        )
        self.assertEqual(
            len(invoices), PARTIES, "all billed in one pass, not 100 a day"
        )
        self.assertEqual(invoices.coworking_billing_partner_id, self.parties)
        self.assertEqual(
            set(invoices.mapped("invoice_date")),
            {fields.Date.context_today(self.cron)},
            "one invoice date",
        )
        self.assertEqual(set(invoices.mapped("amount_untaxed")), {2.5})
        run = self.Run.search(
            [
                ("company_id", "=", self.env.company.id),
                ("period_start", "=", self.period),
            ]
        )
        self.assertEqual(run.state, "done")
        # the runner was told the truth: work done and left at each call,
        # then nothing left
        progress = (
            self.env["ir.cron.progress"].search([("cron_id", "=", self.cron.id)])
            - progress_before
        ).sorted("id")
        self.assertGreaterEqual(len(progress), 3, "called again while work was left")
        self.assertEqual(progress[0].done, 100)
        self.assertGreater(progress[0].remaining, 0)
        self.assertEqual(progress[-1].remaining, 0)
        self.assertGreaterEqual(sum(progress.mapped("done")), PARTIES)
        # fully done: the job waits for its next day
        self.assertGreater(self.cron.nextcall, fields.Datetime.now())
        # and a second pass bills nothing more
        self.run_cron(self.cron)
        self.assertEqual(
            self.env["account.move"].search_count(
                [
                    ("coworking_billing_partner_id", "in", self.parties.ids),
                    ("coworking_period_start", "=", self.period),
                ]
            ),
            PARTIES,
        )
