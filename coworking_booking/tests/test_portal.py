# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from dateutil.relativedelta import TU, relativedelta
from freezegun import freeze_time

from odoo import fields, http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import NOW, TUESDAY, BookingCommon


class PortalCommon(HttpCase, BookingCommon):
    """Two portal users, A and B, who book the test rooms themselves. Both
    are flagged as members, but no membership bills their bookings (this
    addon has none): they pay like anyone, so their bookings are confirmed
    once their quotations are paid."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = new_test_user(
            cls.env,
            "cw_portal_a",
            groups="base.group_portal",
            name="Member A",
            email="member.a@example.com",
        )
        cls.user_b = new_test_user(
            cls.env,
            "cw_portal_b",
            groups="base.group_portal",
            name="Member B",
            email="member.b@example.com",
        )
        (cls.user_a | cls.user_b).partner_id.is_coworking_member = True
        cls.fee_product = cls.env.ref("coworking_booking.product_cancellation_fee")
        cls._enable_demo_payment()

    @classmethod
    def book_as(
        cls, user, hour, minute=0, hours=2, day=TUESDAY, target=None, pay=False, **kw
    ):
        """Book as the portal user, the way the website does (UTC hours);
        with ``pay``, pay its quotation too, as the customer would online."""
        start = cls.at(hour, minute, day)
        booking = cls.Booking.with_user(user)._book(
            target or cls.room,
            start,
            start + timedelta(hours=hours),
            user.partner_id,
            **kw,
        )
        booking = booking.with_env(cls.env)
        if pay:
            cls._pay(booking.sale_order_id)
        return booking

    def post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data)

    def assertUnchanged(self, booking, state, start, stop):
        booking.invalidate_recordset()
        self.assertEqual(
            (booking.state, booking.start, booking.stop), (state, start, stop)
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestBookingPortal(PortalCommon):
    """Tuesday 1 December 2026: Paris is at UTC+1, the rooms open 08:00-20:00
    local time, the clock says Tuesday 24 November 08:00 UTC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 10:00-12:00 local for A, 14:00-16:00 local for B, same room, both
        # paid online (so confirmed)
        cls.booking_a = cls.book_as(cls.user_a, 9, pay=True)
        cls.booking_b = cls.book_as(cls.user_b, 13, pay=True)

    def test_a_flagged_member_without_membership_pays_like_anyone(self):
        """The member flag bills nothing: with no membership to bill it, a
        flagged member's booking is held with a quotation at the public
        price, the portal asks for the payment, and the booking is confirmed
        only once it is paid."""
        self.assertTrue(self.user_a.partner_id.is_coworking_member)
        booking = self.book_as(self.user_a, 9, target=self.room_2)
        self.assertEqual(booking.state, "held")
        self.assertEqual(booking.payment_state, "to_pay")
        order = booking.sale_order_id
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.amount_untaxed, 50.0, "two hours at 25.00")
        self.authenticate("cw_portal_a", "cw_portal_a")
        page = self.url_open(f"/my/bookings/{booking.id}").text
        self.assertIn("Awaiting your payment.", page)
        self.assertIn("o_payment_form", page)
        self.assertNotIn("Included in your membership", page)
        self._pay(order)
        self.assertEqual(booking.state, "confirmed")
        self.assertEqual(booking.payment_state, "paid")
        page = self.url_open(f"/my/bookings/{booking.id}").text
        self.assertNotIn("Awaiting your payment.", page)
        self.assertRegex(page, rf'Paid\s*<span class="text-muted">{order.name}</span>')

    # ------------------------------------------------------------------
    # Home, list, detail
    # ------------------------------------------------------------------

    def test_home_counts_own_bookings(self):
        self.authenticate("cw_portal_a", "cw_portal_a")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["booking_count"]}
        )
        self.assertEqual(counters["booking_count"], 1)
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        self.assertIn('href="/my/bookings"', response.text)

    def test_list_shows_only_own_bookings(self):
        self.authenticate("cw_portal_a", "cw_portal_a")
        for filterby in ("upcoming", "all"):
            response = self.url_open(f"/my/bookings?filterby={filterby}")
            self.assertEqual(response.status_code, 200)
            self.assertIn(self.booking_a.name, response.text)
            self.assertNotIn(self.booking_b.name, response.text)
        self.assertIn("Tue 1 Dec 2026, 10:00", response.text, "local time")
        self.assertIn('href="/coworking"', response.text, "a link to book")
        for filterby in ("past", "cancelled"):
            response = self.url_open(f"/my/bookings?filterby={filterby}")
            self.assertNotIn(self.booking_a.name, response.text)
        for sortby in ("date", "reference", "state"):
            response = self.url_open(f"/my/bookings?sortby={sortby}&filterby=all")
            self.assertIn(self.booking_a.name, response.text)

    def test_list_filters_past_and_cancelled(self):
        with freeze_time(self.at(16)):
            self.authenticate("cw_portal_a", "cw_portal_a")
            response = self.url_open("/my/bookings?filterby=past")
            self.assertIn(self.booking_a.name, response.text)
            response = self.url_open("/my/bookings")
            self.assertNotIn(self.booking_a.name, response.text)
        self.booking_a._action_cancel_with_policy()
        self.authenticate("cw_portal_a", "cw_portal_a")
        response = self.url_open("/my/bookings?filterby=cancelled")
        self.assertIn(self.booking_a.name, response.text)

    def test_detail_page(self):
        self.authenticate("cw_portal_a", "cw_portal_a")
        response = self.url_open(f"/my/bookings/{self.booking_a.id}")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn(self.booking_a.name, page)
        self.assertIn(self.room.name, page)
        self.assertIn(self.location.name, page)
        self.assertIn("Tue 1 Dec 2026, 10:00", page)
        self.assertIn("Europe/Paris", page)
        self.assertIn(f"/my/bookings/{self.booking_a.id}/ics", page)
        self.assertIn("report_type=pdf", page)
        self.assertIn("o_portal_chatter", page)
        self.assertIn("Free cancellation until", page)
        self.assertIn("Mon 30 Nov 2026, 10:00", page, "24 hours before, local")
        # the free times of the day, for the same length: between A's own
        # 10:00-12:00 and B's 14:00-16:00, with 15-minute buffers, two hours
        # do not fit; after B they do, until closing time
        self.assertNotIn("12:30 – 14:30", page)
        self.assertNotIn("16:00 – 18:00", page)
        self.assertIn("16:30 – 18:30", page)
        self.assertIn("18:00 – 20:00", page)
        self.assertNotIn("18:30 – 20:30", page)
        response = self.url_open(
            f"/my/bookings/{self.booking_a.id}?reschedule_date=2026-12-02"
        )
        self.assertIn("08:00 – 10:00", response.text)
        self.assertIn("Wednesday 2 December 2026", response.text)
        # a day out of the years read from requests: the booking's own day
        for day in ("9999-12-31", "0001-01-01"):
            response = self.url_open(
                f"/my/bookings/{self.booking_a.id}?reschedule_date={day}"
            )
            self.assertEqual(response.status_code, 200, day)
            self.assertIn("Tuesday 1 December 2026", response.text)

    def test_detail_of_guest_links_the_quotation(self):
        guest = new_test_user(
            self.env,
            "cw_portal_guest",
            groups="base.group_portal",
            name="Guest C",
            email="guest.c@example.com",
        )
        booking = self.book_as(guest, 9, target=self.room_2)
        self.assertEqual(booking.state, "held")
        self.assertEqual(booking.payment_state, "to_pay")
        self.authenticate("cw_portal_guest", "cw_portal_guest")
        response = self.url_open(f"/my/bookings/{booking.id}")
        self.assertIn(f"/my/orders/{booking.sale_order_id.id}", response.text)
        self.assertIn("Pay now", response.text)

    def test_receipt(self):
        self.authenticate("cw_portal_a", "cw_portal_a")
        response = self.url_open(f"/my/bookings/{self.booking_a.id}?report_type=html")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.booking_a.name, response.text)

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------

    def test_other_member_cannot_reach_the_booking(self):
        booking = self.booking_b
        before = (booking.state, booking.start, booking.stop)
        self.authenticate("cw_portal_a", "cw_portal_a")
        base = f"/my/bookings/{booking.id}"
        for url in (base, f"{base}/ics", f"{base}?report_type=html"):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        response = self.post(f"{base}/cancel")
        self.assertEqual(response.status_code, 404)
        response = self.post(
            f"{base}/reschedule", date="2026-12-01", start_time="16:30"
        )
        self.assertEqual(response.status_code, 404)
        self.assertUnchanged(booking, *before)
        # a booking that does not exist looks the same
        self.assertEqual(self.url_open("/my/bookings/999999").status_code, 404)

    def test_changes_need_the_csrf_token(self):
        booking = self.booking_a
        before = (booking.state, booking.start, booking.stop)
        self.authenticate("cw_portal_a", "cw_portal_a")
        base = f"/my/bookings/{booking.id}"
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.url_open(f"{base}/cancel", data={"reason": "forged"})
        self.assertEqual(response.status_code, 400)
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.url_open(
                f"{base}/reschedule",
                data={"date": "2026-12-01", "start_time": "16:30", "csrf_token": "x"},
            )
        self.assertEqual(response.status_code, 400)
        self.assertUnchanged(booking, *before)

    def test_access_token(self):
        booking = self.booking_a
        token = booking._portal_ensure_token()
        self.authenticate(None, None)
        response = self.url_open(f"/my/bookings/{booking.id}?access_token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(booking.name, response.text)
        response = self.url_open(f"/my/bookings/{booking.id}/ics?access_token={token}")
        self.assertIn(b"BEGIN:VCALENDAR", response.content)
        # without the token, or with a wrong one, the visitor must log in
        for query in ("", "?access_token=wrong"):
            response = self.url_open(f"/my/bookings/{booking.id}{query}")
            self.assertIn("/web/login", response.url)
            self.assertNotIn(booking.name, response.text)
        # the token also lets the holder move the booking
        response = self.post(
            f"/my/bookings/{booking.id}/reschedule",
            access_token=token,
            date="2026-12-02",
            start_time="10:00",
        )
        self.assertEqual(response.status_code, 200)
        booking.invalidate_recordset()
        self.assertEqual(booking.start, self.at(9, day=TUESDAY + timedelta(days=1)))

    def test_portal_user_sees_own_booking_only_through_rules(self):
        Booking = self.env["coworking.booking"].with_user(self.user_a)
        self.assertEqual(Booking.search([]), self.booking_a)

    # ------------------------------------------------------------------
    # Calendar file
    # ------------------------------------------------------------------

    def test_ics(self):
        self.authenticate("cw_portal_a", "cw_portal_a")
        response = self.url_open(f"/my/bookings/{self.booking_a.id}/ics")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/calendar"))
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertIn(".ics", response.headers["Content-Disposition"])
        content = response.content.decode()
        lines = content.split("\r\n")
        self.assertEqual(lines[0], "BEGIN:VCALENDAR")
        self.assertIn("END:VCALENDAR", lines)
        self.assertIn("BEGIN:VEVENT", lines)
        # 10:00 in Paris is 09:00 UTC
        self.assertIn("DTSTART:20261201T090000Z", lines)
        self.assertIn("DTEND:20261201T110000Z", lines)

    # ------------------------------------------------------------------
    # Cancel
    # ------------------------------------------------------------------

    def test_cancel_in_time_is_free(self):
        self.authenticate("cw_portal_a", "cw_portal_a")
        response = self.url_open(f"/my/bookings/{self.booking_a.id}")
        self.assertIn("Cancelling is free until", response.text)
        response = self.post(
            f"/my/bookings/{self.booking_a.id}/cancel", reason="Plans changed"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your booking has been cancelled.", response.text)
        self.booking_a.invalidate_recordset()
        self.assertEqual(self.booking_a.state, "cancelled")
        self.assertEqual(self.booking_a.cancel_fee, 0.0)
        self.assertEqual(self.booking_a.cancel_reason, "Plans changed")
        self.assertFalse(
            self.booking_a.sale_order_id.order_line.filtered(
                lambda line: line.product_id == self.fee_product
            ),
            "no fee on its order",
        )
        # cancelling twice says why it cannot
        response = self.post(f"/my/bookings/{self.booking_a.id}/cancel")
        self.assertIn("can no longer be cancelled", response.text)

    def test_cancel_late_costs_a_fee(self):
        order = self.booking_a.sale_order_id
        # two hours before the start: past the 24-hour free cancellation
        with freeze_time(self.at(7)):
            self.authenticate("cw_portal_a", "cw_portal_a")
            response = self.url_open(f"/my/bookings/{self.booking_a.id}")
            self.assertIn("a late cancellation fee of", response.text)
            self.assertIn("25.00", response.text, "half of the 50.00 price")
            self.assertIn("can no longer be moved", response.text)
            response = self.post(f"/my/bookings/{self.booking_a.id}/cancel")
            self.assertIn("Your booking has been cancelled.", response.text)
            self.assertIn("Late cancellation fee:", response.text)
        self.booking_a.invalidate_recordset()
        self.assertEqual(self.booking_a.state, "cancelled")
        self.assertEqual(self.booking_a.cancel_fee, 25.0)
        # the booking was paid: the fee goes on its confirmed order, whose
        # booking line no longer counts
        self.assertEqual(order.state, "sale")
        fee_line = order.order_line.filtered(
            lambda line: line.product_id == self.fee_product
        )
        self.assertEqual(fee_line.price_unit, 25.0)
        self.assertEqual(fee_line.product_uom_qty, 1.0)
        self.assertEqual(self.booking_a.sale_line_ids.product_uom_qty, 0.0)

    def test_cancel_cancels_added_equipment_not_alone(self):
        booking = self.book_as(
            self.user_a,
            9,
            day=TUESDAY + timedelta(days=1),
            equipment=self.projector,
            pay=True,
        )
        child = booking.child_ids
        self.assertEqual(child.state, "confirmed")
        self.authenticate("cw_portal_a", "cw_portal_a")
        response = self.post(f"/my/bookings/{child.id}/cancel")
        self.assertIn("cancel the room booking instead", response.text)
        child.invalidate_recordset()
        self.assertEqual(child.state, "confirmed")
        self.post(f"/my/bookings/{booking.id}/cancel")
        (booking | child).invalidate_recordset()
        self.assertEqual((booking | child).mapped("state"), ["cancelled"] * 2)

    # ------------------------------------------------------------------
    # Reschedule
    # ------------------------------------------------------------------

    def test_reschedule_to_a_free_time(self):
        self.authenticate("cw_portal_a", "cw_portal_a")
        response = self.post(
            f"/my/bookings/{self.booking_a.id}/reschedule",
            date="2026-12-01",
            start_time="16:30",
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your booking has been moved.", response.text)
        self.booking_a.invalidate_recordset()
        self.assertEqual(self.booking_a.start, self.at(15, 30))
        self.assertEqual(self.booking_a.stop, self.at(17, 30), "same length")
        self.assertEqual(self.booking_a.state, "confirmed")
        self.assertEqual(self.booking_a.payment_state, "paid", "still paid")

    def test_reschedule_refusals_change_nothing(self):
        booking = self.booking_a
        before = (booking.state, booking.start, booking.stop)
        self.authenticate("cw_portal_a", "cw_portal_a")
        url = f"/my/bookings/{booking.id}/reschedule"
        cases = [
            # B's 14:00-16:00
            ({"date": "2026-12-01", "start_time": "14:00"}, "Already booked"),
            # 19:00-21:00 runs past closing time
            ({"date": "2026-12-01", "start_time": "19:00"}, "is closed"),
            # a Sunday
            ({"date": "2026-12-06", "start_time": "10:00"}, "is closed"),
            # not on a 30-minute step
            ({"date": "2026-12-01", "start_time": "16:40"}, "steps of 30"),
            ({"date": "2026-11-20", "start_time": "10:00"}, "in the past"),
            ({"date": "nonsense", "start_time": "10:00"}, "Pick a day"),
            ({"date": "0001-01-01", "start_time": "00:30"}, "Pick a day"),
            ({"date": "9999-12-31", "start_time": "23:30"}, "Pick a day"),
            ({"date": "2026-12-01"}, "Pick a day"),
        ]
        for data, message in cases:
            with self.subTest(data=data):
                response = self.post(url, **data)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_coworking_booking_error", response.text)
                self.assertIn(message, response.text)
                self.assertUnchanged(booking, *before)

    def test_reschedule_after_deadline_is_refused(self):
        booking = self.booking_a
        before = (booking.state, booking.start, booking.stop)
        with freeze_time(self.at(7)):
            self.authenticate("cw_portal_a", "cw_portal_a")
            response = self.post(
                f"/my/bookings/{booking.id}/reschedule",
                date="2026-12-01",
                start_time="16:30",
            )
            self.assertIn("can no longer be moved", response.text)
        self.assertUnchanged(booking, *before)

    def test_reschedule_keeps_added_equipment_in_step(self):
        day = TUESDAY + timedelta(days=1)
        booking = self.book_as(
            self.user_a, 9, day=day, equipment=self.projector, pay=True
        )
        # the projector is taken at 16:00-18:00 local by B
        self.book_as(self.user_b, 15, day=day, target=self.projector, pay=True)
        self.authenticate("cw_portal_a", "cw_portal_a")
        url = f"/my/bookings/{booking.id}/reschedule"
        response = self.post(url, date="2026-12-02", start_time="16:00")
        self.assertIn("o_coworking_booking_error", response.text)
        (booking | booking.child_ids).invalidate_recordset()
        self.assertEqual(booking.start, self.at(9, day=day), "room not moved")
        self.assertEqual(booking.child_ids.start, self.at(9, day=day))
        response = self.post(url, date="2026-12-02", start_time="13:00")
        self.assertIn("Your booking has been moved.", response.text)
        (booking | booking.child_ids).invalidate_recordset()
        self.assertEqual(booking.start, self.at(12, day=day))
        self.assertEqual(booking.child_ids.start, self.at(12, day=day))


@tagged("post_install", "-at_install")
class TestBookingPortalTour(PortalCommon):
    """The member's journey in a browser, on the real clock: a booking on
    Tuesday next week, paid online, then moved, then cancelled."""

    def test_portal_tour(self):
        now = fields.Datetime.now()
        tuesday = (now + relativedelta(weekday=TU, weeks=1)).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        # 09:00 UTC is 10:00 or 11:00 in Paris: inside opening hours
        booking = self.book_as(self.user_a, 9, day=tuesday, pay=True)
        self.assertEqual(booking.state, "confirmed")
        self.assertEqual(booking.payment_state, "paid")
        self.start_tour(
            "/my/bookings", "coworking_booking_portal_tour", login="cw_portal_a"
        )
        booking.invalidate_recordset()
        self.assertEqual(booking.state, "cancelled")
        self.assertNotEqual(booking.start, self.at(9, day=tuesday), "moved first")
        self.assertEqual(booking.stop - booking.start, timedelta(hours=2))
