# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.coworking_base.tests.common import CronRunnerMixin

from .common import BILLING_DAY, NOVEMBER, BillingCommon


@tagged("post_install", "-at_install")
class TestPartialPaymentAndSuspension(CronRunnerMixin, BillingCommon):
    """Alice and Bob owe 5.00 each for November, due on 1 December. Bob pays
    it all; Alice pays 2.00. Day after day the reminder cron and the payment
    cron run as the server runs them: a partial payment neither stops the
    reminders nor the suspension, paying the rest reactivates at once, and
    a member who paid in full is never reminded nor suspended."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-11-01 08:00:00"):
            cls.m_alice = cls.make_membership(cls.alice, cls.plan_credits)
            cls.m_bob = cls.make_membership(cls.bob, cls.plan_credits)
        with freeze_time(BILLING_DAY):
            cls.Run._cron_monthly_billing()
        cls.cron_reminders = cls.env.ref("coworking_billing.ir_cron_invoice_reminders")
        cls.cron_payments = cls.env.ref(
            "coworking_membership.ir_cron_membership_payments"
        )

    def register_payment(self, invoice, amount):
        """What the accountant does: Register Payment for ``amount``."""
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount, "payment_difference_handling": "open"})
            ._create_payments()
        )

    def live_a_day(self, day):
        """The daily crons of ``day``, in the order the server runs them."""
        with freeze_time(f"{day} 02:00:00"):
            self.run_cron(self.cron_reminders)
            self.run_cron(self.cron_payments)

    def reminders(self, invoice):
        return invoice.message_ids.filtered(
            lambda message: "reminder" in (message.subject or "").lower()
        ).sorted("id")

    def test_partial_payment_is_reminded_then_suspended_and_the_rest_reactivates(
        self,
    ):
        alice, bob = self.invoice_of(self.alice), self.invoice_of(self.bob)
        self.assertEqual((len(alice), len(bob)), (1, 1))
        self.assertEqual((alice.amount_total, bob.amount_total), (5.0, 5.0))
        self.assertEqual(alice.invoice_date_due, NOVEMBER + timedelta(days=30))
        with freeze_time("2026-12-02 10:00:00"):
            self.register_payment(alice, 2.0)
            self.register_payment(bob, 5.0)
        self.assertEqual(alice.payment_state, "partial")
        self.assertAlmostEqual(alice.amount_residual, 3.0)
        self.assertIn(bob.payment_state, ("paid", "in_payment"))

        levels, suspended_on = {}, None
        day = date(2026, 12, 2)
        while day <= date(2026, 12, 20):
            self.live_a_day(day)
            levels.setdefault(alice.coworking_reminder_level, day)
            if self.m_alice.state == "suspended" and not suspended_on:
                suspended_on = day
            self.assertEqual(self.m_bob.state, "active", f"Bob paid ({day})")
            day += timedelta(days=1)
        # each step on its day after the due date (1 December): 3, 8, 12
        self.assertEqual(
            levels,
            {
                0: date(2026, 12, 2),
                1: date(2026, 12, 4),
                2: date(2026, 12, 9),
                3: date(2026, 12, 13),
            },
        )
        sent = self.reminders(alice)
        self.assertEqual(len(sent), 3, "one email per step, none twice")
        self.assertEqual(sent.partner_ids, self.alice)
        self.assertIn("3.00", str(sent[1].body), "what is left to pay")
        self.assertIn("Last reminder", sent[2].subject)
        # suspended once the 15 days of grace are over, not before
        self.assertEqual(suspended_on, date(2026, 12, 17))
        self.assertEqual(self.m_alice.suspend_reason, "unpaid")
        self.assertFalse(self.alice.is_coworking_member)
        self.assertFalse(self.reminders(bob), "Bob paid in full")
        self.assertEqual(bob.coworking_reminder_level, 0)

        with freeze_time("2026-12-21 10:00:00"):
            self.register_payment(alice, alice.amount_residual)
        self.assertIn(alice.payment_state, ("paid", "in_payment"))
        self.assertEqual(self.m_alice.state, "active", "reactivated at once")
        self.assertFalse(self.m_alice.suspend_reason)
        self.assertTrue(self.alice.is_coworking_member)
        self.live_a_day(date(2026, 12, 22))
        self.assertEqual(self.m_alice.state, "active", "the next crons agree")
        self.assertEqual(len(self.reminders(alice)), 3, "no reminder once paid")


@tagged("post_install", "-at_install")
class TestSendingMonthlyInvoices(CronRunnerMixin, BillingCommon):
    """The hourly job emails the posted monthly invoices, a batch at a time,
    through Odoo's cron runner: five monthly invoices, a batch of two."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_month()
        with freeze_time(BILLING_DAY):
            while cls.Run._cron_monthly_billing():
                pass
        cls.parties = cls.alice | cls.bob | cls.carol | cls.team | cls.guest
        Move = cls.env["account.move"]
        cls.monthly = Move.search(
            [
                ("coworking_billing_partner_id", "in", cls.parties.ids),
                ("coworking_period_start", "=", NOVEMBER),
            ]
        )
        # the demo members' invoices of the month went out already
        Move.search(
            [("coworking_run_id", "!=", False), ("id", "not in", cls.monthly.ids)]
        ).is_move_sent = True
        cls.guest.email = False
        cls.unreachable = cls.monthly.filtered(lambda m: m.partner_id == cls.guest)
        cls.reachable = cls.monthly - cls.unreachable
        cls.other = Move.create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.alice.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create({"product_id": cls.coffee.id, "price_unit": 2.5})
                ],
            }
        )
        cls.other.action_post()
        cls.cron = cls.env.ref("coworking_billing.ir_cron_send_invoices")
        # the server action passes the batch size the job was given
        cls.cron.code = "model._cron_send_invoices(batch_size=2)"

    def emails(self, invoice):
        """The messages that emailed ``invoice`` with its PDF."""
        return invoice.message_ids.filtered(
            lambda message: message.message_type == "comment"
            and message.attachment_ids.filtered(
                lambda att: att.mimetype == "application/pdf"
            )
        )

    def test_the_job_emails_every_monthly_invoice_in_batches(self):
        self.assertEqual(len(self.monthly), 5)
        self.assertEqual(len(self.unreachable), 1)
        self.assertFalse(any((self.monthly | self.other).mapped("is_move_sent")))
        # due: its next call has come
        self.cron.nextcall = self.cr.now() - timedelta(minutes=1)
        self.env.flush_all()
        self.assertIn(
            self.cron.id,
            [job["id"] for job in self.cron._get_all_ready_jobs(self.env.cr)],
            "the job is due",
        )
        self.run_cron(self.cron)

        self.assertEqual(
            self.progress_of(self.cron),
            [(2, 3), (2, 1), (1, 0)],
            "three calls of the runner: two, two, then the last one",
        )
        self.assertEqual(self.cron.failure_count, 0)
        self.assertNotIn(
            self.cron.id,
            [job["id"] for job in self.cron._get_all_ready_jobs(self.env.cr)],
            "fully done: rescheduled for later",
        )
        for invoice in self.reachable:
            with self.subTest(partner=invoice.partner_id.name):
                self.assertTrue(invoice.is_move_sent)
                email = self.emails(invoice)
                self.assertEqual(len(email), 1, "sent once")
                pdf = email.attachment_ids
                self.assertEqual(pdf.name, invoice._get_invoice_report_filename())
                self.assertEqual(invoice.invoice_pdf_report_id.name, pdf.name)
                self.assertIn(invoice.partner_id, email.partner_ids)
                self.assertIn(invoice.name, email.subject)
                notified = email.notification_ids.filtered(
                    lambda n: n.notification_type == "email"
                ).res_partner_id
                self.assertEqual(notified, invoice.partner_id)
                self.assertTrue(invoice.partner_id.email)
        # no address: marked as handled, nothing sent
        self.assertTrue(self.unreachable.is_move_sent)
        self.assertFalse(self.emails(self.unreachable))
        self.assertFalse(self.unreachable.invoice_pdf_report_id)
        # an invoice that is not a monthly one is not the job's business
        self.assertFalse(self.other.is_move_sent)
        self.assertFalse(self.emails(self.other))
        # once all are sent, the next call has nothing to do
        self.run_cron(self.cron)
        self.assertEqual(self.progress_of(self.cron)[-1], (0, 0))
        self.assertEqual(sum(len(self.emails(inv)) for inv in self.monthly), 4)
