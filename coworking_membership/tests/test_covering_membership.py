# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import NOW, MembershipCommon

# The membership of these tests ends on Sunday 29 November, five days after
# the clock (Tuesday 24 November), and does not renew.
LAST_DAY = date(2026, 11, 29)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCoveringMembership(MembershipCommon):
    """Only the membership that covers the booking's company and day bills
    it: without one, a member books and pays like anyone, so that no
    confirmed booking is left that nothing bills."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.membership = cls.make_membership(
            cls.alice, cls.plan_credits, date_end=LAST_DAY, auto_renew=False
        )

    def assertBilledLikeAGuest(self, booking, public_price):
        self.assertTrue(self.alice.is_coworking_member, "still a member today")
        self.assertEqual(booking.state, "held")
        self.assertFalse(booking.membership_id)
        self.assertFalse(booking.credit_ids, "no credits taken")
        order = booking.sale_order_id
        self.assertTrue(order, "a quotation to pay")
        self.assertEqual(order.state, "draft")
        self.assertEqual(booking.payment_state, "to_pay")
        self.assertEqual(booking.price, public_price, "the public price")
        self.assertEqual(order.amount_untaxed, public_price)

    def test_a_day_inside_the_membership_is_billed_with_it(self):
        booking = self.book_for(
            self.alice, datetime(2026, 11, 26, 9), datetime(2026, 11, 26, 11)
        )
        self.assertEqual(booking.state, "confirmed")
        self.assertEqual(booking.membership_id, self.membership)
        self.assertFalse(booking.sale_order_id)
        self.assertEqual(booking.credit_hours, 2.0)

    def test_a_day_after_the_membership_ends_is_paid_like_a_guest(self):
        # half a day on Tuesday 1 December: 80.00 for everyone, 72.00 for
        # members of the plan; the membership ended on Sunday
        day = date(2026, 11, 26)
        before = self.membership._credits_left_on(day, "meeting_room")
        booking = self.book_for(self.alice, self.at(9), self.at(13))
        self.assertBilledLikeAGuest(booking, 80.0)
        self.assertEqual(
            self.membership._credits_left_on(day, "meeting_room"),
            before,
            "the membership's credits are untouched",
        )
        self.assertFalse(self.membership.credit_ids.filtered("booking_id"))

    def test_a_membership_starting_after_the_day_does_not_bill_it(self):
        self.membership.action_cancel()
        later = self.make_membership(
            self.alice, self.plan_credits, start=date(2026, 12, 7)
        )
        self.assertNotEqual(later.state, "draft")
        booking = self.book_for(self.alice, self.at(9), self.at(13))
        self.assertBilledLikeAGuest(booking, 80.0)

    def test_a_space_of_another_company_is_paid_like_a_guest(self):
        room = self._create_foreign_space(
            kind="meeting_room", rate_product_ids=[Command.set(self.rate_hour.ids)]
        )
        other = room.company_id
        booking = self.book_for(
            self.alice,
            datetime(2026, 11, 26, 9),
            datetime(2026, 11, 26, 11),
            target=room,
        )
        self.assertBilledLikeAGuest(booking, 50.0)
        self.assertEqual(booking.sale_order_id.company_id, other)

    def test_the_space_page_tells_the_terms_of_the_day(self):
        Booking = self.Booking.sudo()
        inside = Booking._booking_terms(
            self.room,
            datetime(2026, 11, 26, 9),
            datetime(2026, 11, 26, 13),
            1,
            self.alice,
        )
        after = Booking._booking_terms(
            self.room, self.at(9), self.at(13), 1, self.alice
        )
        self.assertEqual(inside["membership"], self.membership)
        self.assertFalse(inside["pay_now"])
        self.assertEqual(inside["price"], 72.0, "the plan's pricelist")
        self.assertFalse(after["membership"])
        self.assertTrue(after["pay_now"])
        self.assertEqual(after["price"], 80.0, "the public pricelist")

    def test_the_front_desk_confirming_an_uncovered_booking_sells_it(self):
        booking = self.Booking.create(
            {
                "space_id": self.room.id,
                "partner_id": self.alice.id,
                "start": self.at(9),
                "stop": self.at(11),
            }
        )
        self.assertEqual(booking.state, "held")
        booking.action_confirm()
        self.assertEqual(booking.state, "confirmed")
        self.assertFalse(booking.membership_id)
        order = booking.sale_order_id
        self.assertEqual(order.state, "sale", "a confirmed order for Sales")
        self.assertEqual(order.invoice_status, "to invoice")
        self.assertEqual(order.amount_untaxed, booking.price)
        # a covered day is billed by the membership, not by an order
        covered = self.Booking.create(
            {
                "space_id": self.room.id,
                "partner_id": self.alice.id,
                "start": datetime(2026, 11, 26, 9),
                "stop": datetime(2026, 11, 26, 10),
            }
        )
        covered.action_confirm()
        self.assertEqual(covered.membership_id, self.membership)
        self.assertFalse(covered.sale_order_id)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCoveringMembershipApi(HttpCase, MembershipCommon):
    """The case seen on the JSON API: a member whose membership ends in five
    days books a day after that."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            "cw_cover_api",
            groups="base.group_portal",
            name="Covered Member",
            email="covered@example.com",
        )
        cls.make_membership(
            cls.user.partner_id,
            cls.plan_credits,
            date_end=LAST_DAY,
            auto_renew=False,
        )
        cls.key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.user)
            .sudo()
            ._generate(None, "cover", None)
        )

    def create_booking(self, start, stop):
        response = self.url_open(
            "/coworking/api/booking/create",
            data=json.dumps({"space_id": self.room.id, "start": start, "stop": stop}),
            headers={
                "Authorization": f"Bearer {self.key}",
                "Content-Type": "application/json",
            },
        )
        self.assertEqual(response.status_code, 201, response.text)
        return response.json()["booking"]

    def test_the_api_bills_only_covered_days_with_the_membership(self):
        inside = self.create_booking("2026-11-26T10:00:00", "2026-11-26T12:00:00")
        self.assertEqual(inside["state"], "confirmed")
        self.assertEqual(inside["payment_state"], "none")
        after = self.create_booking("2026-12-01T10:00:00", "2026-12-01T12:00:00")
        self.assertEqual(after["state"], "held", "not confirmed for free")
        self.assertEqual(after["payment_state"], "to_pay")
        self.assertEqual(after["price"], 50.0)
        record = self.env["coworking.booking"].browse(after["id"])
        self.assertTrue(record.sale_order_id, "a quotation to pay")
        self.assertFalse(record.membership_id)
