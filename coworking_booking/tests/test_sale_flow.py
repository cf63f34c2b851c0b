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
        cls._enable_demo_payment()

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
        self.assertIn(self.payment_method.name, html)

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
        booking = self.Booking._book(self.room, self.at(9), self.at(10), self.guest)
        self._pay(booking.sale_order_id)
        self.assertEqual(booking.state, "confirmed")
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
    def test_a_flagged_member_without_membership_pays_like_anyone(self):
        """The member flag bills nothing: with no membership to bill it (this
        addon has none), a flagged member's booking is held with a quotation
        at the public price and confirmed only once paid. Opportunities are
        for non-members, once they pay: a member is not a prospect."""
        self.assertTrue(self.member.is_coworking_member)
        booking = self.Booking._book(self.room, self.at(9), self.at(10), self.member)
        guest_booking = self.Booking._book(
            self.room_2, self.at(9), self.at(10), self.guest
        )
        self.assertEqual(booking.state, "held")
        self.assertEqual(booking.hold_until, NOW + timedelta(minutes=30))
        self.assertEqual(booking.price, 25.0, "the public hourly rate")
        self.assertEqual(booking.payment_state, "to_pay")
        order = booking.sale_order_id
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.member)
        self.assertEqual(order.amount_untaxed, 25.0)
        self.assertFalse(booking.lead_id | guest_booking.lead_id, "nobody paid yet")
        self.assertNotIn(booking, self.Booking._cron_send_confirmations())
        self._pay(order)
        self.assertEqual(order.state, "sale")
        self.assertEqual(booking.state, "confirmed")
        self.assertFalse(booking.hold_until)
        self.assertEqual(booking.payment_state, "paid")
        self.assertFalse(booking.lead_id, "members are not prospects")
        self._pay(guest_booking.sale_order_id)
        self.assertEqual(guest_booking.lead_id.partner_id, self.guest)
        self.assertEqual(guest_booking.lead_id.expected_revenue, 25.0)

    @freeze_time(NOW)
    def test_a_flagged_member_without_membership_loses_an_unpaid_hold(self):
        """Unpaid, a flagged member's hold runs out like anyone's: the
        booking is cancelled with its quotation, never confirmed unbilled."""
        booking = self.Booking._book(self.room, self.at(9), self.at(10), self.member)
        order = booking.sale_order_id
        with freeze_time(NOW + timedelta(minutes=31)):
            self.Booking._cron_release_holds()
        self.assertEqual(booking.state, "cancelled")
        self.assertEqual(order.state, "cancel")

    @freeze_time(NOW)
    def test_front_desk_confirms_a_room_with_its_added_equipment(self):
        """The equipment added to a held room is confirmed and sold with it,
        not left held until its hold runs out; the booking says it is to
        invoice, not paid."""
        Booking = self.Booking.with_user(self.user_front)
        room = Booking.create(
            {
                "space_id": self.room.id,
                "partner_id": self.member.id,
                "start": self.at(9),
                "stop": self.at(11),
            }
        )
        projector = Booking.create(
            {
                "equipment_id": self.projector.id,
                "partner_id": self.member.id,
                "parent_id": room.id,
                "start": self.at(9),
                "stop": self.at(11),
            }
        )
        room.action_confirm()
        self.assertEqual(projector.state, "confirmed")
        self.assertFalse(projector.hold_until)
        order = room.sale_order_id
        self.assertEqual(projector.sale_order_id, order, "one order for both")
        self.assertEqual(order.order_line.coworking_booking_id, room | projector)
        self.assertEqual(order.state, "sale")
        self.assertEqual(room.payment_state, "to_invoice", "nothing was paid")

    @freeze_time(NOW)
    def test_front_desk_confirms_an_unbilled_booking_into_a_sale_order(self):
        """A held booking of a priced space that nothing bills, confirmed at
        the desk, gets a confirmed sale order, which Sales then invoices; a
        free booking gets none."""
        Booking = self.Booking.with_user(self.user_front)
        booking = Booking.create(
            {
                "space_id": self.room.id,
                "partner_id": self.member.id,
                "start": self.at(9),
                "stop": self.at(11),
            }
        )
        self.assertEqual(booking.state, "held")
        self.assertFalse(booking.sale_order_id)
        booking.action_confirm()
        self.assertEqual(booking.state, "confirmed")
        self.assertFalse(booking.hold_until)
        order = booking.sale_order_id
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_id, self.member)
        self.assertEqual(order.amount_untaxed, 50.0, "two hours at 25.00")
        self.assertEqual(order.order_line.coworking_booking_id, booking)
        self.assertEqual(order.invoice_status, "to invoice")
        # nothing to bill, nothing sold
        lounge = self.env["coworking.space"].create(
            {"name": "Free Lounge", "location_id": self.location.id, "capacity": 4}
        )
        free = Booking.create(
            {
                "space_id": lounge.id,
                "partner_id": self.member.id,
                "start": self.at(9),
                "stop": self.at(11),
            }
        )
        self.assertEqual(free.price, 0.0)
        orders = self.env["sale.order"].search_count([])
        free.action_confirm()
        self.assertEqual(free.state, "confirmed")
        self.assertFalse(free.sale_order_id)
        self.assertEqual(self.env["sale.order"].search_count([]), orders)

    @freeze_time(NOW)
    def test_front_desk_confirms_the_quotation_of_a_held_booking(self):
        """A held booking that already has a quotation, confirmed at the
        desk: that quotation is confirmed with it (room and equipment), no
        second order is made."""
        booking = self.Booking._book(
            self.room, self.at(9), self.at(11), self.guest, equipment=self.projector
        )
        order = booking.sale_order_id
        self.assertEqual(order.state, "draft")
        orders = self.env["sale.order"].search_count([])
        booking.with_user(self.user_front).action_confirm()
        self.assertEqual(booking.state, "confirmed")
        self.assertEqual(booking.child_ids.state, "confirmed")
        self.assertEqual((booking | booking.child_ids).sale_order_id, order)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.amount_untaxed, 100.0, "room 50 + projector 50")
        self.assertEqual(order.invoice_status, "to invoice")
        self.assertEqual(self.env["sale.order"].search_count([]), orders)
        with self.assertRaises(UserError):
            booking.with_user(self.user_front).action_confirm()

    @freeze_time(NOW)
    def test_portal_user_books_only_for_itself(self):
        user = self.user_portal
        with self.assertRaises(AccessError):
            self.Booking.with_user(user)._book(
                self.room, self.at(9), self.at(10), self.member
            )
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

    def test_saving_the_settings_keeps_the_pricelists(self):
        """The pricelist feature is on: saving the settings as they are
        archives no pricelist (Odoo archives them all when it is off)."""
        pricelists = self.env["product.pricelist"].search([])
        self.assertTrue(pricelists)
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.group_product_pricelist)
        settings.execute()
        self.assertEqual(self.env["product.pricelist"].search([]), pricelists)
        self.assertTrue(
            self.user_front.has_group("product.group_product_pricelist"),
            "every employee sees the pricelists the prices come from",
        )
