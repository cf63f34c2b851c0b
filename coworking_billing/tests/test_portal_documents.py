# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from urllib.parse import urlparse

from odoo import Command
from odoo.tests import new_test_user, tagged

from . import test_payment_reminders


@tagged("post_install", "-at_install")
class TestOthersCannotOpenDocuments(test_payment_reminders.PaymentCommon):
    """Alice's monthly invoice and the receipt of an order she paid online
    open for her, and for whoever holds the document's access token (the
    link of the email); another member logged in, or a visitor without the
    token or with a wrong one, is sent to ``/my`` and gets no PDF.

    Requests do not follow redirects: a refusal ends on a 200 page too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_bob = new_test_user(
            cls.env, "cw_bill_bob", groups="base.group_portal", name="Bob Portal"
        )
        cls.user_bob.partner_id = cls.bob
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.alice.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.ticket.product_id.id,
                            "event_id": cls.event.id,
                            "event_ticket_id": cls.ticket.id,
                        }
                    )
                ],
            }
        )

    def open(self, url, login=None):
        self.authenticate(login, login)
        return self.url_open(url, allow_redirects=False)

    def assertPdf(self, response, document):
        self.assertEqual(response.status_code, 200, response.url)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        # tests render the report's HTML in the place of the PDF
        self.assertIn(document.name, response.text)

    def assertRefused(self, response, document):
        self.assertEqual(response.status_code, 303, response.url)
        self.assertEqual(urlparse(response.headers["Location"]).path, "/my")
        self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")
        self.assertNotIn(document.name, response.text)

    def check(self, path, document, token):
        """``path`` opens for its owner and with the token, for no one else."""
        sep = "&" if "?" in path else "?"
        self.assertTrue(token)
        self.assertPdf(self.open(path, "cw_bill_alice"), document)
        self.assertPdf(self.open(f"{path}{sep}access_token={token}"), document)
        for login, url in (
            ("cw_bill_bob", path),
            (None, path),
            (None, f"{path}{sep}access_token=wrong"),
            (None, f"{path}{sep}access_token="),
        ):
            with self.subTest(login=login, url=url):
                self.assertRefused(self.open(url, login), document)

    def test_the_invoice_pdf_is_only_for_its_member(self):
        invoice = self.invoice
        self.assertEqual(invoice.state, "posted")
        self.check(
            f"/my/invoices/{invoice.id}?report_type=pdf",
            invoice,
            invoice._portal_ensure_token(),
        )
        # nor the invoice's page, nor its download
        for url in (
            f"/my/invoices/{invoice.id}",
            f"/my/invoices/{invoice.id}?report_type=pdf&download=true",
        ):
            with self.subTest(url=url):
                self.assertRefused(self.open(url, "cw_bill_bob"), invoice)
                self.assertRefused(self.open(url), invoice)

    def test_the_receipt_is_only_for_its_member(self):
        order = self.order
        self.pay(order, order.amount_total)
        self.assertTrue(order.coworking_paid_online)
        self.check(
            f"/my/orders/{order.id}/receipt", order, order._portal_ensure_token()
        )
        self.assertRefused(self.open(f"/my/orders/{order.id}", "cw_bill_bob"), order)
