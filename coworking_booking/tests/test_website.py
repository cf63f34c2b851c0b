# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from freezegun import freeze_time

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import NOW, BookingCommon


class WebsiteCommon(HttpCase, BookingCommon):
    """The public pages on the test location: Test Room (25/h, 15-minute
    buffer), Test Room 2, the hot-desk zone, and an unpublished room."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hidden_room = cls.env["coworking.space"].create(
            {
                "name": "Hidden Room",
                "location_id": cls.location.id,
                "kind": "meeting_room",
                "capacity": 4,
                "is_published": False,
            }
        )
        cls.member_user = new_test_user(
            cls.env,
            "cw_web_member",
            groups="base.group_portal",
            name="Web Member",
            email="web.member@example.com",
        )
        cls.member_user.partner_id.is_coworking_member = True
        cls._enable_demo_payment()

    def setUp(self):
        super().setUp()
        # a visitor's session, for the CSRF token of the forms
        self.authenticate(None, None)

    def page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response.text

    def book_form(self, space=None, **values):
        """POST the booking form of ``space`` as the current visitor."""
        space = space or self.room
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "date": "2026-12-01",
            "duration": "120",
            "seats": "2",
            "start_time": "10:00",
            "name": "Camille Visitor",
            "email": "camille.visitor@example.com",
            "phone": "+33 6 12 34 56 78",
            **values,
        }
        return self.url_open(
            f"/coworking/space/{space.id}/book", data=data, allow_redirects=False
        )

    def snapshot(self):
        self.env.invalidate_all()
        return (
            self.env["coworking.booking"].search_count([]),
            self.env["sale.order"].search_count([]),
            self.env["res.partner"].with_context(active_test=False).search_count([]),
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestWebsitePages(WebsiteCommon):
    """Tuesday 1 December 2026 in Paris (UTC+1); the clock says Tuesday
    24 November, 08:00 UTC."""

    def test_spaces_page_lists_published_spaces_with_prices(self):
        html = self.page(f"/coworking?location={self.location.id}")
        self.assertIn('data-space-name="Test Room"', html)
        self.assertIn('data-space-name="Test Open Space"', html)
        self.assertNotIn("Hidden Room", html)
        card = html.split('data-space-name="Test Room"', 1)[1].split("</section>")[0]
        self.assertRegex(card, r"25\.00")
        html = self.page(f"/coworking?location={self.location.id}&kind=hot_desk")
        self.assertIn("Test Open Space", html)
        self.assertNotIn('data-space-name="Test Room"', html)
        html = self.page(f"/coworking?location={self.location.id}&people=7")
        self.assertIn('data-space-name="Test Room 2"', html)
        self.assertNotIn('data-space-name="Test Room"', html)
        # nonsense filters are ignored, not errors
        self.page("/coworking?location=abc&kind=castle&people=-3")

    def test_space_page_shows_the_free_times_of_the_day(self):
        self.book(start=self.at(9), stop=self.at(11))
        html = self.page(f"{self.room.website_url}?date=2026-12-01&duration=60")
        starts = re.findall(r'name="start_time"[^>]*value="(\d\d:\d\d)"', html)
        self.assertEqual(starts[:2], ["08:00", "08:30"])
        self.assertNotIn("10:00", starts, "booked 10:00-12:00 local")
        self.assertNotIn("12:00", starts, "the 15-minute buffer")
        self.assertIn("12:30", starts)
        self.assertEqual(starts[-1], "19:00")
        self.assertIn("Tuesday 1 December 2026", html)
        # the day strip starts today and counts the free times per day
        days = re.findall(r'data-date="([\d-]+)"\s+data-free="(\d+)"', html)
        self.assertEqual(days[0], ("2026-11-24", "19"), "notice: 10:00 to 19:00 local")
        self.assertEqual(dict(days)["2026-11-28"], "0", "closed on Saturday")

    def test_out_of_range_days_show_the_first_free_day(self):
        def day_heading(page):
            return re.search(r'<h3 class="h6 mb-2">\s*([^<]+?)\s*<small', page)[1]

        first_free_day = day_heading(self.page(self.room.website_url))
        for day in ("0001-01-01", "9999-12-31", "2026-02-30", "x" * 5000):
            with self.subTest(day=day[:12]):
                page = self.page(f"{self.room.website_url}?date={day}")
                self.assertEqual(day_heading(page), first_free_day)

    def test_pooled_space_shows_the_seats_left(self):
        self.book(self.hot_desk, self.at(9), self.at(11), seats=2)
        html = self.page(f"{self.hot_desk.website_url}?date=2026-12-01&duration=60")
        self.assertRegex(html, r"o_coworking_seats_left\">\s*1 seat left")

    def test_unpublished_and_foreign_spaces_are_not_found(self):
        response = self.url_open(self.hidden_room.website_url)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.book_form(self.hidden_room).status_code, 404)
        # staff see an unpublished space, with a warning
        self.authenticate("cw_front", "cw_front")
        self.assertIn("not published", self.page(self.hidden_room.website_url))

    def test_guest_books_and_lands_on_the_payment_form(self):
        before = self.snapshot()
        response = self.book_form(equipment_ids=str(self.projector.id))
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertIn("/my/bookings/", response.headers["Location"])
        booking = self.env["coworking.booking"].search(
            [("space_id", "=", self.room.id)], order="id desc", limit=1
        )
        self.assertEqual(booking.state, "held")
        self.assertEqual((booking.start, booking.stop), (self.at(9), self.at(11)))
        self.assertEqual(booking.seats, 2)
        self.assertEqual(booking.partner_id.name, "Camille Visitor")
        self.assertEqual(booking.partner_id.email, "camille.visitor@example.com")
        self.assertEqual(booking.child_ids.equipment_id, self.projector)
        self.assertEqual(booking.sale_order_id.amount_untaxed, 100.0)
        self.assertEqual(self.snapshot(), (before[0] + 2, before[1] + 1, before[2] + 1))
        page = self.page(response.headers["Location"])
        self.assertIn("Pay to confirm", page)
        self.assertIn("o_payment_form", page)
        # the same visitor books again: same contact, no duplicate partner
        response = self.book_form(start_time="14:00")
        self.assertEqual(response.status_code, 303)
        again = self.env["coworking.booking"].search(
            [("space_id", "=", self.room.id)], order="id desc", limit=1
        )
        self.assertEqual(again.partner_id, booking.partner_id)

    def test_taken_time_is_refused_with_suggestions(self):
        self.book(start=self.at(9), stop=self.at(11))
        before = self.snapshot()
        response = self.book_form(start_time="11:00", duration="60")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coworking_booking_error", response.text)
        self.assertIn("Already booked", response.text)
        self.assertIn("o_coworking_suggested_slots", response.text)
        self.assertIn("Test Room 2", response.text, "another room free then")
        # what the visitor typed is kept
        self.assertIn('value="Camille Visitor"', response.text)
        self.assertEqual(self.snapshot(), before)

    def test_bad_inputs_get_a_form_message_and_change_nothing(self):
        before = self.snapshot()
        cases = {
            "past": {"date": "2026-11-20"},
            "closed": {"date": "2026-11-28"},
            "no time picked": {"start_time": ""},
            "time garbage": {"start_time": "25:99"},
            "date garbage": {"date": "someday"},
            "length not offered": {"duration": "7"},
            "length garbage": {"duration": "two hours"},
            "nobody": {"seats": "0"},
            "too many people": {"seats": "7"},
            "no name": {"name": "   "},
            "bad email": {"email": "camille@"},
            "far ahead": {"date": "2027-06-01"},
            # out of the years any page reads: a message, never an overflow
            "year one": {"date": "0001-01-01", "start_time": "00:30"},
            "year 9999": {"date": "9999-12-31", "start_time": "23:30"},
        }
        for label, values in cases.items():
            with self.subTest(label):
                response = self.book_form(**values)
                self.assertEqual(response.status_code, 200, label)
                self.assertIn("o_coworking_booking_error", response.text, label)
        response = self.book_form(name="")
        self.assertIn("Give your name.", response.text)
        response = self.book_form(email="nope")
        self.assertIn("Give a valid email address", response.text)
        self.assertEqual(self.snapshot(), before)

    def test_a_visitor_cannot_book_in_a_members_name(self):
        before = self.snapshot()
        response = self.book_form(email="web.member@example.com")
        self.assertEqual(response.status_code, 200)
        self.assertIn("sign in to book", response.text)
        self.assertEqual(self.snapshot(), before)

    def test_form_needs_the_csrf_token(self):
        before = self.snapshot()
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.url_open(
                f"/coworking/space/{self.room.id}/book",
                data={"date": "2026-12-01", "start_time": "10:00", "duration": "60"},
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.snapshot(), before)

    def test_a_flagged_member_without_membership_pays_like_anyone(self):
        """Signed in, a member books without the contact form; with no
        membership to bill the booking, the page shows the price, and the
        booking is held until its quotation is paid."""
        self.assertTrue(self.member_user.partner_id.is_coworking_member)
        self.authenticate("cw_web_member", "cw_web_member")
        html = self.page(self.room.website_url)
        self.assertNotIn('id="coworking_email"', html, "no contact form")
        self.assertIn("Booking as", html)
        self.assertNotIn("Included in your membership", html)
        self.assertIn("Book and pay", html)
        response = self.book_form(name="", email="")
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertNotIn("success=booked", response.headers["Location"])
        booking = self.env["coworking.booking"].search(
            [("partner_id", "=", self.member_user.partner_id.id)]
        )
        self.assertEqual(booking.state, "held")
        self.assertEqual(booking.payment_state, "to_pay")
        self.assertEqual(booking.sale_order_id.state, "draft")
        self.assertEqual(booking.sale_order_id.amount_untaxed, 50.0, "the public price")
        page = self.page(response.headers["Location"])
        self.assertIn("Pay to confirm", page)
        self.assertIn("o_payment_form", page)
        self.assertNotIn("Your booking is confirmed.", page)


@tagged("post_install", "-at_install")
class TestWebsiteTour(WebsiteCommon):
    """In a browser, on the real clock: a visitor books the test room, pays
    with the demo provider, and sees the booking confirmed."""

    def test_guest_books_and_pays_from_the_public_page(self):
        self.start_tour(
            f"/coworking?location={self.location.id}",
            "coworking_booking_website_tour",
            login=None,
        )
        booking = self.env["coworking.booking"].search(
            [("partner_id.email", "=", "camille.visitor@example.com")]
        )
        self.assertEqual(len(booking), 1)
        self.assertEqual(booking.state, "confirmed")
        self.assertEqual(booking.payment_state, "paid")
        self.assertEqual(booking.stop - booking.start, (self.at(11) - self.at(9)))
        transaction = booking.sale_order_id.transaction_ids
        self.assertEqual(transaction.state, "done")
        self.assertEqual(transaction.provider_code, "demo")
        self.assertIn(booking, self.env["coworking.booking"]._cron_send_confirmations())
        self.assertTrue(
            booking.message_ids.filtered(lambda m: "is confirmed" in (m.body or "")),
            "the confirmation is emailed",
        )
        self.assertEqual(booking.lead_id.partner_id, booking.partner_id)
