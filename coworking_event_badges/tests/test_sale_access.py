# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from .common import EventBadgesCommon


@tagged("post_install", "-at_install")
class TestSaleAccess(EventBadgesCommon):
    """A workshop sold through a sale order opens its room once paid, and
    closes it when refunded: the money and the access move together."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Ivy Buyer", "email": "ivy@t.example"}
        )
        cls._register(cls.buyer, cls.pass_ticket)
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.buyer.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.workshop_ticket.product_id.id,
                            "event_id": cls.event.id,
                            "event_ticket_id": cls.workshop_ticket.id,
                            "product_uom_qty": 1,
                            "price_unit": 40,
                        }
                    )
                ],
            }
        )

    def _workshop_registration(self):
        return self.order.order_line.registration_ids

    def _invoice_and_pay(self):
        invoice = self.order._create_invoices()
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        return invoice

    def test_confirmed_but_unpaid_order_does_not_open_the_workshop(self):
        self.order.action_confirm()
        registration = self._workshop_registration()
        self.assertEqual(registration.sale_status, "sold")
        self.assertEqual(registration.coworking_attendee_id, self.buyer)
        self.assertFalse(registration.coworking_paid)
        scan = self.scan(self.token(self.buyer), location=self.lab)
        self.assertEqual(scan.verdict, "unpaid", scan.message)
        # the event itself is open to the pass
        self.assertEqual(self.scan(self.token(self.buyer)).verdict, "granted")

    def test_paid_invoice_opens_the_workshop(self):
        self.order.action_confirm()
        self._invoice_and_pay()
        registration = self._workshop_registration()
        self.assertTrue(registration.coworking_paid)
        scan = self.scan(self.token(self.buyer), location=self.lab)
        self.assertEqual(scan.verdict, "granted", scan.message)
        self.assertEqual(scan.registration_id, registration)

    def test_refund_revokes_the_workshop_and_tells_the_organizer(self):
        self.order.action_confirm()
        invoice = self._invoice_and_pay()
        refund = invoice._reverse_moves(cancel=True)
        self.assertEqual(refund.state, "posted")
        registration = self._workshop_registration()
        self.assertTrue(registration.coworking_revoked)
        self.assertEqual(registration.state, "cancel")
        self.assertIn(refund.name, registration.coworking_revoke_reason)
        self.assertIn("Access revoked", registration.message_ids[:1].body or "")
        scan = self.scan(self.token(self.buyer), location=self.lab)
        self.assertEqual(scan.verdict, "revoked", scan.message)
        # only the refunded ticket: the pass still opens the event
        self.assertEqual(self.scan(self.token(self.buyer)).verdict, "granted")

    def test_cancelled_order_revokes_the_workshop(self):
        self.order.action_confirm()
        self.order._action_cancel()
        registration = self._workshop_registration()
        self.assertEqual(registration.state, "cancel")
        self.assertTrue(registration.coworking_revoked)
        scan = self.scan(self.token(self.buyer), location=self.lab)
        self.assertEqual(scan.verdict, "revoked", scan.message)
        self.assertIn(self.order.name, scan.message)
