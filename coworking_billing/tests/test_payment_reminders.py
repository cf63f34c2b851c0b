# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date
from urllib.parse import urlparse

from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import BILLING_DAY, NOVEMBER, BillingCommon


class PaymentCommon(HttpCase, BillingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        cls.provider.write({"state": "test", "company_id": cls.env.company.id})
        cls.method = cls.env.ref("payment_demo.payment_method_demo")
        cls.user_alice = new_test_user(
            cls.env, "cw_bill_alice", groups="base.group_portal", name="Alice Portal"
        )
        cls.user_alice.partner_id = cls.alice
        with freeze_time("2026-11-01 08:00:00"):
            cls.membership = cls.make_membership(cls.alice, cls.plan_credits)
        with freeze_time(BILLING_DAY):
            cls.env["coworking.billing.run"]._cron_monthly_billing()
        cls.invoice = cls.env["account.move"].search(
            [
                ("coworking_billing_partner_id", "=", cls.alice.id),
                ("coworking_period_start", "=", NOVEMBER),
            ]
        )

    def pay(self, documents, amount):
        field = "invoice_ids" if documents._name == "account.move" else "sale_order_ids"
        tx = self.env["payment.transaction"].create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.method.id,
                "amount": amount,
                "currency_id": documents.currency_id.id,
                "partner_id": documents.partner_id.id,
                "reference": f"{documents.name}-test",
                "operation": "online_redirect",
                field: [Command.set(documents.ids)],
            }
        )
        tx._set_done()
        tx._post_process()
        return tx


@tagged("post_install", "-at_install")
class TestRemindersAndSuspension(PaymentCommon):
    """The invoice of November is due on 1 December; reminders go out 3, 8
    and 12 days later; the membership is suspended 15 days after the due
    date, once the last reminder is sent; paying reactivates it."""

    def test_reminders_escalate_then_suspend_then_payment_reactivates(self):
        Step = self.env["coworking.billing.reminder.step"]
        self.assertEqual(self.invoice.invoice_date_due, date(2026, 12, 1))
        self.assertNotIn(self.invoice, Step._cron_send_reminders(date(2026, 12, 2)))
        self.assertIn(self.invoice, Step._cron_send_reminders(date(2026, 12, 5)))
        self.assertEqual(self.invoice.coworking_reminder_level, 1)
        self.assertNotIn(
            self.invoice, Step._cron_send_reminders(date(2026, 12, 6)), "once per step"
        )
        with freeze_time("2026-12-20 09:00:00"):
            # the second reminder never went out: not suspended yet
            self.env["coworking.membership"]._cron_check_payments()
            self.assertEqual(self.membership.state, "active")
            Step._cron_send_reminders(date(2026, 12, 20))
            self.assertEqual(self.invoice.coworking_reminder_level, 3, "the latest")
            subjects = self.invoice.message_ids.mapped("subject")
            self.assertTrue(any("Last reminder" in (s or "") for s in subjects))
            self.env["coworking.membership"]._cron_check_payments()
            self.assertEqual(self.membership.state, "suspended")
            self.assertEqual(self.membership.suspend_reason, "unpaid")
            self.assertFalse(self.alice.is_coworking_member)
            self.pay(self.invoice, self.invoice.amount_total)
            self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
            self.assertEqual(self.membership.state, "active", "reactivated at once")
            self.assertNotIn(
                self.invoice, Step._cron_send_reminders(date(2026, 12, 21))
            )


@tagged("post_install", "-at_install")
class TestPortalPayment(PaymentCommon):
    def test_the_member_pays_the_invoice_from_the_portal(self):
        self.authenticate("cw_bill_alice", "cw_bill_alice")
        page = self.url_open(self.invoice.get_portal_url()).text
        self.assertIn("o_payment_form", page, "Odoo's payment form")
        self.assertIn(self.invoice.name, page)
        self.pay(self.invoice, self.invoice.amount_total)
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        self.assertTrue(
            self.invoice.transaction_ids.filtered(lambda tx: tx.state == "done")
        )

    def test_the_member_pays_in_a_browser(self):
        self.start_tour(
            "/my/invoices",
            "coworking_billing_invoice_payment_tour",
            login="cw_bill_alice",
        )
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        tx = self.invoice.transaction_ids
        self.assertEqual((tx.state, tx.provider_code), ("done", "demo"))

    def test_an_order_paid_online_has_a_receipt(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.guest.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.ticket.product_id.id,
                            "event_id": self.event.id,
                            "event_ticket_id": self.ticket.id,
                        }
                    )
                ],
            }
        )
        self.pay(order, order.amount_total)
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.coworking_paid_online)
        message = order.message_ids.filtered(
            lambda m: "we received your payment" in (m.body or "")
        )
        self.assertEqual(len(message), 1, "confirmed with the receipt")
        self.assertEqual(
            message.attachment_ids.mapped("name"), [f"Receipt {order.name}.html"]
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("coworking_billing.report_order_receipt", order.ids)[0]
            .decode()
        )
        self.assertIn("Test Workshop", html)
        self.assertIn(self.method.name, html)
        self.assertIn("Total paid", html)
        # the portal page offers it
        self.authenticate(None, None)
        page = self.url_open(order.get_portal_url()).text
        self.assertIn("o_coworking_order_receipt", page)
        # the receipt itself, without following redirects: a refusal is a
        # redirect that would end on a 200 page too
        receipt = self.url_open(
            order.get_portal_url(suffix="/receipt"), allow_redirects=False
        )
        self.assertEqual(receipt.status_code, 200)
        self.assertEqual(receipt.headers["Content-Type"], "application/pdf")
        # tests render the report's HTML in the place of the PDF
        self.assertIn(order.name, receipt.text)
        self.assertIn("Total paid", receipt.text)
        for query in ("", "?access_token=wrong"):
            refused = self.url_open(
                f"/my/orders/{order.id}/receipt{query}", allow_redirects=False
            )
            self.assertEqual(refused.status_code, 303, query)
            self.assertEqual(urlparse(refused.headers["Location"]).path, "/my")
            self.assertNotIn("Total paid", refused.text)

    def test_an_order_of_other_goods_keeps_the_sales_confirmation(self):
        """Orders that sell nothing of the suite are left to Sales: paid
        online, they get the confirmation configured there, not a receipt."""
        order = self.env["sale.order"].create(
            {
                "partner_id": self.guest.id,
                "order_line": [Command.create({"product_id": self.coffee.id})],
            }
        )
        self.pay(order, order.amount_total)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.coworking_paid_online)
        self.assertEqual(
            order._get_confirmation_template(),
            self.env.ref("sale.mail_template_sale_confirmation"),
        )
        self.assertFalse(
            order.message_ids.filtered(
                lambda m: "we received your payment" in (m.body or "")
            )
        )

    def test_an_unpaid_order_has_no_receipt(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.guest.id,
                "order_line": [Command.create({"product_id": self.coffee.id})],
            }
        )
        self.authenticate(None, None)
        response = self.url_open(
            order.get_portal_url(suffix="/receipt"), allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(
            urlparse(response.headers["Location"]).path,
            f"/my/orders/{order.id}",
            "back to the order, which has no receipt",
        )
