# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import NOW, BookingCommon


@tagged("post_install", "-at_install")
class TestSaleFlow(BookingCommon):
    """A guest's booking is held, sold through a quotation, paid with Odoo's
    payment flow (the demo provider), then confirmed with a receipt."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        cls.provider.write({"state": "test", "company_id": cls.env.company.id})
        cls.method = cls.env.ref("payment_demo.payment_method_demo")

    def _pay(self, order):
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": self.provider.id,
                    "payment_method_id": self.method.id,
                    "amount": order.amount_total,
                    "currency_id": order.currency_id.id,
                    "partner_id": order.partner_id.id,
                    "reference": f"{order.name}-test",
                    "operation": "online_redirect",
                    "sale_order_ids": [(6, 0, order.ids)],
                }
            )
        )
        tx._set_done()
        tx._post_process()
        return tx

    @freeze_time(NOW)
    def test_guest_books_pays_and_is_confirmed(self):
        booking = self.Booking._book(
            self.room,
            self.at(9),
            self.at(11),
            self.guest,
            seats=4,
            equipment=self.projector,
            contact={"name": "Guest", "email": "guest@example.com"},
        )
        self.assertEqual(booking.state, "held")
        self.assertEqual(booking.hold_until, NOW + timedelta(minutes=30))
        order = booking.sale_order_id
        self.assertEqual(order.state, "draft")
        self.assertEqual(booking.child_ids.sale_order_id, order)
        self.assertEqual(order.amount_untaxed, 100.0, "room 50 + projector 50")
        self.assertEqual(booking.payment_state, "to_pay")
        tx = self._pay(order)
        self.assertEqual(tx.state, "done")
        self.assertEqual(order.state, "sale")
        self.assertEqual(booking.state, "confirmed")
        self.assertEqual(booking.child_ids.state, "confirmed")
        self.assertFalse(booking.hold_until)
        self.assertEqual(booking.payment_state, "paid")
        cron = self.env.ref("coworking_booking.ir_cron_send_confirmations")
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
            "the confirmation job is started at once",
        )
        sent = self.Booking._cron_send_confirmations()
        self.assertIn(booking, sent)
        self.assertNotIn(
            booking.child_ids, sent, "one email for the room and its equipment"
        )
        message = booking.message_ids.filtered(
            lambda m: "is confirmed" in (m.body or "")
        )
        self.assertEqual(len(message), 1, "the confirmation is emailed")
        self.assertEqual(message.partner_ids, self.guest)
        self.assertFalse(self.Booking._cron_send_confirmations(), "and only once")
        # (reports render as HTML rather than PDF while tests run)
        self.assertEqual(
            message.attachment_ids.mapped("name"),
            [f"Booking {booking.name}.html"],
            "with the receipt",
        )
        lead = booking.lead_id
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.partner_id, self.guest)
        self.assertEqual(lead.expected_revenue, 50.0)
        # a second booking updates the same opportunity
        second = self.Booking._book(self.room, self.at(13), self.at(14), self.guest)
        self._pay(second.sale_order_id)
        self.assertEqual(second.lead_id, lead)
        self.assertEqual(lead.expected_revenue, 75.0)

    def test_receipt_shows_amounts_and_payment(self):
        with freeze_time(NOW):
            booking = self.Booking._book(self.room, self.at(9), self.at(10), self.guest)
            self._pay(booking.sale_order_id)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("coworking_booking.report_booking_receipt", booking.ids)[
                0
            ]
            .decode()
        )
        self.assertIn(booking.name, html)
        self.assertIn("Test Room", html)
        self.assertIn("Tue 1 Dec 2026, 10:00", html)
        self.assertIn("Europe/Paris", html)
        self.assertIn("Untaxed Amount", html)
        self.assertIn(self.method.name, html)

    def test_unpaid_hold_is_released(self):
        with freeze_time(NOW):
            booking = self.Booking._book(self.room, self.at(9), self.at(10), self.guest)
        order = booking.sale_order_id
        with freeze_time(NOW + timedelta(minutes=31)):
            self.Booking._cron_release_holds()
            self.assertEqual(booking.state, "cancelled")
            self.assertEqual(order.state, "cancel")
            # and the slot is free again
            self.book(start=self.at(9), stop=self.at(10))

    def test_expired_hold_does_not_block_a_new_booking(self):
        with freeze_time(NOW):
            held = self.Booking._book(self.room, self.at(9), self.at(10), self.guest)
        with freeze_time(NOW + timedelta(hours=1)):
            self.book(start=self.at(9), stop=self.at(10))
        self.assertEqual(held.state, "cancelled")

    @freeze_time(NOW)
    def test_confirmation_goes_out_without_a_pdf_engine(self):
        """Without wkhtmltopdf the receipt cannot be rendered: the booking
        stays confirmed and the email goes out, without the attachment."""
        booking = self.Booking._book(self.room, self.at(9), self.at(10), self.member)
        Report = type(self.env["ir.actions.report"])
        missing = UserError("Unable to find Wkhtmltopdf on this system.")
        with (
            patch.object(Report, "_render_qweb_pdf", side_effect=missing),
            self.assertLogs("odoo.addons.coworking_booking", "WARNING") as logs,
        ):
            self.Booking._cron_send_confirmations()
        self.assertIn("without its attachment", logs.output[0])
        message = booking.message_ids.filtered(
            lambda m: "is confirmed" in (m.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertFalse(message.attachment_ids)
        self.assertTrue(booking.confirmation_sent)
        self.assertEqual(booking.state, "confirmed")

    @freeze_time(NOW)
    def test_member_is_confirmed_without_payment(self):
        booking = self.Booking._book(self.room, self.at(9), self.at(10), self.member)
        self.assertEqual(booking.state, "confirmed")
        self.assertFalse(booking.sale_order_id)
        self.assertFalse(booking.lead_id, "members are not prospects")

    @freeze_time(NOW)
    def test_portal_user_books_only_for_itself(self):
        user = self.user_portal
        with self.assertRaises(AccessError):
            self.Booking.with_user(user)._book(
                self.room, self.at(9), self.at(10), self.member
            )
        user.partner_id.is_coworking_member = True
        booking = self.Booking.with_user(user)._book(
            self.room, self.at(9), self.at(10), user.partner_id
        )
        self.assertEqual(booking.partner_id, user.partner_id)

    @freeze_time(NOW)
    def test_cancel_policy(self):
        booking = self.Booking._book(self.room, self.at(9), self.at(11), self.guest)
        self._pay(booking.sale_order_id)
        self.assertEqual(booking._get_cancel_fee(), 0.0, "free > 24 h before")
        late = booking.start - timedelta(hours=2)
        self.assertEqual(booking._get_cancel_fee(now=late), 25.0, "50% of 50")
        with freeze_time(late):
            booking._action_cancel_with_policy("Plans changed")
        self.assertEqual(booking.state, "cancelled")
        self.assertEqual(booking.cancel_fee, 25.0)
        fee_line = booking.sale_order_id.order_line.filtered(
            lambda line: line.product_id
            == self.env.ref("coworking_booking.product_cancellation_fee")
        )
        self.assertEqual(fee_line.price_unit, 25.0)
        with self.assertRaises(UserError):
            booking._action_cancel_with_policy()

    @freeze_time(NOW)
    def test_reschedule_policy(self):
        booking = self.Booking._book(self.room, self.at(9), self.at(10), self.guest)
        order = booking.sale_order_id
        booking.with_context(coworking_booking_staff=False)._action_reschedule(
            self.at(13), self.at(15)
        )
        self.assertEqual((booking.start, booking.stop), (self.at(13), self.at(15)))
        self.assertEqual(order.amount_untaxed, 50.0, "the quotation follows")
        self._pay(order)
        with self.assertRaises(UserError):
            booking.with_context(coworking_booking_staff=False)._action_reschedule(
                self.at(9), self.at(10)
            )
        with freeze_time(booking.start - timedelta(hours=3)):
            with self.assertRaises(UserError):
                booking.with_context(coworking_booking_staff=False)._action_reschedule(
                    self.at(16)
                )
        self.assertEqual(booking.start, self.at(13))
