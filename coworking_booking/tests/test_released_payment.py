# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import NOW, BookingCommon

EXPIRED = NOW + timedelta(minutes=31)  # the hold lasts 30 minutes


class ReleasedCommon(BookingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        cls.provider.write({"state": "test", "company_id": cls.env.company.id})
        cls.method = cls.env.ref("payment_demo.payment_method_demo")
        with freeze_time(NOW):
            cls.booking = cls.Booking._book(
                cls.room,
                cls.at(9),
                cls.at(11),
                cls.guest,
                equipment=cls.projector,
                contact={"name": "Guest", "email": "guest@example.com"},
            )
        cls.order = cls.booking.sale_order_id

    def release(self):
        with freeze_time(EXPIRED):
            self.Booking._cron_release_holds()
        self.assertEqual(self.booking.state, "cancelled")
        self.assertEqual(self.order.state, "cancel")

    def pay(self, order, when=EXPIRED):
        """A payment that lands: the provider says done, Odoo post-processes."""
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
                    "reference": f"{order.name}-{when:%H%M}",
                    "operation": "online_redirect",
                    "sale_order_ids": [Command.set(order.ids)],
                }
            )
        )
        with freeze_time(when):
            tx._set_done()
            tx._post_process()
        return tx


@tagged("post_install", "-at_install")
class TestPaymentOfAReleasedBooking(ReleasedCommon):
    """A payment begun near the end of the hold lands after it: the money
    is taken, so the booking is made again or a refund is asked for."""

    def test_a_late_payment_books_the_time_again_when_it_is_free(self):
        self.release()
        self.pay(self.order)
        self.assertEqual(self.order.state, "sale")
        self.assertEqual(self.booking.state, "confirmed")
        self.assertEqual(self.booking.child_ids.state, "confirmed", "its equipment")
        self.assertEqual(self.booking.payment_state, "paid")
        self.assertFalse(self.booking.cancel_reason)
        self.assertIn("booked again", " ".join(self.order.message_ids.mapped("body")))

    def test_a_late_payment_for_a_taken_time_asks_for_a_refund(self):
        self.release()
        with freeze_time(EXPIRED):
            other = self.Booking._book(self.room, self.at(10), self.at(12), self.member)
            self.assertIn(other.state, ("held", "confirmed"))
        self.pay(self.order)
        self.assertEqual(self.booking.state, "cancelled", "the time is someone else's")
        self.assertEqual(self.order.state, "cancel")
        activity = self.order.activity_ids
        self.assertEqual(len(activity), 1, "a person is asked to refund")
        self.assertIn("Refund", activity.summary)
        self.assertIn(self.booking.name, activity.note)
        told = self.booking.message_ids.filtered(
            lambda m: "will be refunded" in (m.subject or "")
        )
        self.assertEqual(len(told), 1, "the customer is told by email")
        self.assertIn(self.guest, told.partner_ids)
        self.assertFalse(
            self.order.message_ids.filtered(
                lambda m: "payment" in (m.subject or "").lower()
            ),
            "no 'payment received' email for an order that was let go",
        )

    def test_a_late_payment_after_the_booked_time_asks_for_a_refund(self):
        self.release()
        self.pay(self.order, when=self.at(12))
        self.assertEqual(self.booking.state, "cancelled")
        self.assertEqual(self.order.state, "cancel")
        self.assertEqual(len(self.order.activity_ids), 1)


@tagged("post_install", "-at_install")
class TestNoPaymentStartsForAReleasedBooking(HttpCase, ReleasedCommon):
    def start_payment(self):
        """Start a payment as the payment form does; the JSON-RPC result,
        or the error's message."""
        response = self.url_open(
            f"/my/orders/{self.order.id}/transaction",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": self.payment_params(),
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        data = response.json()
        if "error" in data:
            return {"error": data["error"]["data"]["message"]}
        return data["result"]

    def payment_params(self):
        return {
            "access_token": self.order._portal_ensure_token(),
            "provider_id": self.provider.id,
            "payment_method_id": self.method.id,
            "token_id": None,
            "amount": self.order.amount_total,
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": self.booking.get_portal_url(),
            "is_validation": False,
        }

    def test_a_held_booking_can_be_paid(self):
        with freeze_time(NOW + timedelta(minutes=5)):
            values = self.start_payment()
        self.assertEqual(values["provider_code"], "demo")
        self.assertTrue(self.order.transaction_ids)

    def test_a_released_booking_cannot_be_paid(self):
        self.release()
        with freeze_time(EXPIRED), mute_logger("odoo.http"):
            answer = self.start_payment()
        self.assertIn("no longer held", answer["error"])
        self.assertFalse(self.order.transaction_ids, "no transaction started")

    def test_an_expired_hold_not_yet_released_cannot_be_paid(self):
        with freeze_time(EXPIRED), mute_logger("odoo.http"):
            answer = self.start_payment()
        self.assertIn("no longer held", answer["error"])
        self.assertFalse(self.order.transaction_ids)

    def test_the_page_of_an_expired_hold_offers_no_payment(self):
        with freeze_time(EXPIRED):
            page = self.url_open(self.booking.get_portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_payment_form", page.text)
        self.assertEqual(self.booking.state, "cancelled", "let go as it is shown")
        self.assertEqual(self.order.state, "cancel")
