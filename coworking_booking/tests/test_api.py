# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import datetime, timedelta
from urllib.parse import urlencode

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .api_common import ApiCommon
from .common import NOW


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestApiBookings(ApiCommon):
    """Tuesday 1 December 2026 in Paris (UTC+1), rooms open 08:00-20:00 local;
    the clock says Tuesday 24 November, 08:00 UTC."""

    def test_a_flagged_member_without_membership_pays_like_anyone(self):
        """A member books with an API key; with no membership to bill the
        booking, it is held at the public price until it is paid in the
        portal, like anyone's."""
        self.assertTrue(self.user_a.partner_id.is_coworking_member)
        response = self.call("POST", "/booking/create", self.key_a, self.body())
        self.assertEqual(response.status_code, 201, response.text)
        data = response.json()
        self.assertSchema(data, "BookingResult")
        booking = data["booking"]
        self.assertEqual(booking["state"], "held")
        self.assertEqual(booking["payment_state"], "to_pay")
        self.assertEqual(booking["hold_until"], "2026-11-24T08:30:00Z")
        self.assertEqual(booking["start"], "2026-12-01T09:00:00Z")
        self.assertEqual(booking["start_local"], "2026-12-01T10:00:00+01:00")
        self.assertEqual(booking["location"]["tz"], "Europe/Paris")
        self.assertEqual(booking["price"], 50.0)
        record = self.env["coworking.booking"].browse(booking["id"])
        self.assertEqual(record.partner_id, self.user_a.partner_id)
        self.assertEqual((record.start, record.stop), (self.at(9), self.at(11)))
        self.assertEqual(record.sale_order_id.amount_untaxed, 50.0)
        self.assertEqual(record.sale_order_id.partner_id, self.user_a.partner_id)
        # the portal page carries Odoo's payment form for the quotation
        page = self.url_open(booking["portal_url"])
        self.assertIn("o_payment_form", page.text)
        self.assertIn(
            record.sale_order_id.get_portal_url(suffix="/transaction"), page.text
        )
        self._pay(record.sale_order_id)
        self.assertEqual(record.state, "confirmed")
        listed = self.call("GET", "/bookings", self.key_a).json()
        self.assertEqual(
            [(b["id"], b["state"], b["payment_state"]) for b in listed["bookings"]],
            [(record.id, "confirmed", "paid")],
        )

    def test_local_times_without_offset_are_read_in_the_location_timezone(self):
        body = self.body(start="2026-12-01T10:00:00", stop="2026-12-01T11:30:00")
        response = self.call("POST", "/booking/create", self.key_a, body)
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(response.json()["booking"]["start"], "2026-12-01T09:00:00Z")

    def test_guest_gets_a_held_booking_to_pay_in_the_portal(self):
        body = self.body(equipment_ids=[self.projector.id], seats=3)
        response = self.call("POST", "/booking/create", self.key_guest, body)
        self.assertEqual(response.status_code, 201, response.text)
        booking = response.json()["booking"]
        self.assertSchema(response.json(), "BookingResult")
        self.assertEqual(booking["state"], "held")
        self.assertEqual(booking["payment_state"], "to_pay")
        self.assertEqual(booking["hold_until"], "2026-11-24T08:30:00Z")
        self.assertEqual(len(booking["added_equipment"]), 1)
        self.assertIn("/my/bookings/", booking["portal_url"])
        self.assertIn("access_token=", booking["portal_url"])
        record = self.env["coworking.booking"].browse(booking["id"])
        self.assertEqual(record.sale_order_id.amount_untaxed, 100.0)
        # the portal page carries Odoo's payment form for the quotation
        page = self.url_open(booking["portal_url"])
        self.assertIn("o_payment_form", page.text)
        self.assertIn(
            record.sale_order_id.get_portal_url(suffix="/transaction"), page.text
        )

    def test_equipment_can_be_booked_alone(self):
        body = {
            "equipment_id": self.projector.id,
            "start": "2026-12-01T14:00:00+01:00",
            "stop": "2026-12-01T15:00:00+01:00",
        }
        response = self.call("POST", "/booking/create", self.key_a, body)
        self.assertEqual(response.status_code, 201, response.text)
        booking = response.json()["booking"]
        self.assertIsNone(booking["space"])
        self.assertEqual(booking["equipment"]["id"], self.projector.id)

    def test_overlap_is_a_409_with_suggestions_and_changes_nothing(self):
        self.book(start=self.at(9), stop=self.at(11))
        before = self.snapshot()
        body = self.body(
            start="2026-12-01T11:00:00+01:00", stop="2026-12-01T12:00:00+01:00"
        )
        error = self.assertError(
            self.call("POST", "/booking/create", self.key_a, body), 409, "taken"
        )
        self.assertEqual([r["code"] for r in error["reasons"]], ["taken"])
        self.assertTrue(error["suggestions"]["slots"])
        suggested = [space["id"] for space in error["suggestions"]["spaces"]]
        self.assertIn(self.room_2.id, suggested)
        self.assertNotIn(self.hidden_room.id, suggested, "not offered to customers")
        self.assertEqual(self.snapshot(), before)

    def test_rule_refusals_are_422_and_change_nothing(self):
        before = self.snapshot()
        cases = {
            "past": ("2026-11-20T10:00:00+01:00", "2026-11-20T11:00:00+01:00"),
            "closed": ("2026-12-01T20:00:00+01:00", "2026-12-01T21:00:00+01:00"),
            "too_short": ("2026-12-01T10:00:00+01:00", "2026-12-01T10:00:00+01:00"),
            "too_long": ("2026-12-01T08:00:00+01:00", "2026-12-02T08:00:00+01:00"),
            "beyond_horizon": (
                "2027-06-01T10:00:00+02:00",
                "2027-06-01T11:00:00+02:00",
            ),
            "misaligned": ("2026-12-01T10:10:00+01:00", "2026-12-01T11:10:00+01:00"),
            "too_late": ("2026-11-24T09:30:00+01:00", "2026-11-24T10:30:00+01:00"),
        }
        for code, (start, stop) in cases.items():
            with self.subTest(code=code):
                error = self.assertError(
                    self.call(
                        "POST",
                        "/booking/create",
                        self.key_a,
                        self.body(start=start, stop=stop),
                    ),
                    422,
                )
                codes = [reason["code"] for reason in error["reasons"]]
                if code == "too_short":
                    self.assertEqual(codes, ["invalid"], "zero length")
                else:
                    self.assertIn(code, codes)
        error = self.assertError(
            self.call("POST", "/booking/create", self.key_a, self.body(seats=7)), 422
        )
        self.assertIn("too_many_people", [r["code"] for r in error["reasons"]])
        error = self.assertError(
            self.call(
                "POST",
                "/booking/create",
                self.key_a,
                self.body(
                    start="2026-12-01T12:00:00+01:00", stop="2026-12-01T10:00:00+01:00"
                ),
            ),
            422,
            "invalid",
        )
        self.assertIn("end must come after the start", error["message"])
        self.assertEqual(self.snapshot(), before)

    def test_malformed_requests_are_400_and_change_nothing(self):
        before = self.snapshot()
        good = self.body()
        cases = [
            ("malformed_json", None, "{not json"),
            ("malformed_json", None, "[1, 2]"),
            ("missing_field", {"space_id": self.room.id}, None),
            ("missing_field", {"start": good["start"], "stop": good["stop"]}, None),
            ("unknown_field", {**good, "strat": "x"}, None),
            ("invalid_field", {**good, "space_id": "abc"}, None),
            ("invalid_field", {**good, "space_id": True}, None),
            ("invalid_field", {**good, "space_id": 1.5}, None),
            ("invalid_field", {**good, "seats": "2"}, None),
            ("invalid_field", {**good, "seats": 0}, None),
            ("invalid_field", {**good, "seats": 10**12}, None),
            ("invalid_field", {**good, "start": "tomorrow"}, None),
            ("invalid_field", {**good, "start": 1764579600}, None),
            ("invalid_field", {**good, "equipment_ids": "1"}, None),
            ("invalid_field", {**good, "equipment_ids": [True]}, None),
            ("invalid_field", {**good, "note": ["x"]}, None),
            ("invalid_field", {**good, "note": "x" * 1001}, None),
            ("invalid_field", {**good, "equipment_id": self.projector.id}, None),
        ]
        for code, body, raw in cases:
            with self.subTest(code=code, body=body, raw=raw):
                self.assertError(
                    self.call("POST", "/booking/create", self.key_a, body, raw=raw),
                    400,
                    code,
                )
        self.assertError(
            self.call(
                "POST",
                "/booking/create",
                self.key_a,
                raw=urlencode(good),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            ),
            415,
            "unsupported_media_type",
        )
        self.assertError(
            self.call(
                "POST",
                "/booking/create",
                self.key_a,
                raw=json.dumps({**good, "note": "x" * 70000}),
            ),
            413,
            "payload_too_large",
        )
        self.assertEqual(self.snapshot(), before)

    def test_a_local_time_made_ambiguous_by_dst_is_refused(self):
        # Paris: 02:30 does not exist on 28 March 2027, happens twice on 31 October
        for start in ("2027-03-28T02:30:00", "2027-10-31T02:30:00"):
            with self.subTest(start=start):
                error = self.assertError(
                    self.call(
                        "GET",
                        "/room/availability",
                        self.key_a,
                        params={
                            "space_id": self.room.id,
                            "start": start,
                            "stop": start.replace("02:30", "03:30"),
                        },
                    ),
                    422,
                    "ambiguous_time",
                )
                self.assertIn("daylight saving", error["message"])

    def test_unknown_hidden_and_foreign_spaces_are_404(self):
        before = self.snapshot()
        for space_id in (999999, self.hidden_room.id, self.foreign_room.id):
            with self.subTest(space_id=space_id):
                self.assertError(
                    self.call(
                        "POST",
                        "/booking/create",
                        self.key_a,
                        self.body(space_id=space_id),
                    ),
                    404,
                    "not_found",
                )
        self.assertError(
            self.call(
                "POST",
                "/booking/create",
                self.key_a,
                self.body(equipment_ids=[999999]),
            ),
            404,
        )
        self.assertEqual(self.snapshot(), before)

    def test_staff_books_unpublished_spaces_and_for_customers(self):
        body = self.body(space_id=self.hidden_room.id, partner_id=self.guest.id)
        response = self.call("POST", "/booking/create", self.key_front, body)
        self.assertEqual(response.status_code, 201, response.text)
        booking = self.env["coworking.booking"].browse(response.json()["booking"]["id"])
        self.assertEqual(booking.partner_id, self.guest)
        # but not in a company they do not work for
        self.assertError(
            self.call(
                "POST",
                "/booking/create",
                self.key_front,
                self.body(space_id=self.foreign_room.id),
            ),
            404,
        )

    def test_customers_book_only_for_themselves(self):
        before = self.snapshot()
        self.assertError(
            self.call(
                "POST",
                "/booking/create",
                self.key_a,
                self.body(partner_id=self.user_b.partner_id.id),
            ),
            403,
            "forbidden",
        )
        self.assertEqual(self.snapshot(), before)

    def test_authentication(self):
        before = self.snapshot()
        self.assertError(self.call("POST", "/booking/create", None, self.body()), 401)
        response = self.call("POST", "/booking/create", "not-a-key", self.body())
        self.assertError(response, 401, "unauthorized")
        self.assertIn("Bearer", response.headers["WWW-Authenticate"])
        self.assertError(
            self.call(
                "POST",
                "/booking/create",
                body=self.body(),
                headers={"Authorization": f"Basic {self.key_a}"},
            ),
            401,
        )
        self.assertError(self.call("GET", "/bookings"), 401)
        self.assertEqual(self.snapshot(), before)
        # a logged-in portal session works as well, with a JSON body
        self.authenticate("cw_api_a", "cw_api_a")
        response = self.call("POST", "/booking/create", body=self.body())
        self.assertEqual(response.status_code, 201, response.text)
        # and the key of another user does not mix with the session
        self.assertError(self.call("GET", "/bookings", self.key_b), 401, "unauthorized")

    def test_cancel_and_reschedule_own_bookings(self):
        created = self.call("POST", "/booking/create", self.key_a, self.body()).json()
        booking_id = created["booking"]["id"]
        response = self.call(
            "POST",
            "/booking/reschedule",
            self.key_a,
            {"booking_id": booking_id, "start": "2026-12-02T14:00:00+01:00"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertSchema(response.json(), "BookingResult")
        moved = response.json()["booking"]
        self.assertEqual(moved["start_local"], "2026-12-02T14:00:00+01:00")
        self.assertEqual(
            moved["stop_local"], "2026-12-02T16:00:00+01:00", "same length"
        )
        response = self.call(
            "POST",
            "/booking/cancel",
            self.key_a,
            {"booking_id": booking_id, "reason": "Plans changed"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["booking"]["state"], "cancelled")
        self.assertEqual(response.json()["booking"]["cancel_fee"], 0.0)
        # cancelled twice: refused by the policy
        self.assertError(
            self.call(
                "POST", "/booking/cancel", self.key_a, {"booking_id": booking_id}
            ),
            422,
            "refused",
        )

    def test_reschedule_onto_a_taken_time_is_409(self):
        mine = self.call("POST", "/booking/create", self.key_a, self.body()).json()
        self.book(start=self.at(13), stop=self.at(14))
        before = self.snapshot()
        self.assertError(
            self.call(
                "POST",
                "/booking/reschedule",
                self.key_a,
                {
                    "booking_id": mine["booking"]["id"],
                    "start": "2026-12-01T13:30:00+01:00",
                },
            ),
            409,
            "taken",
        )
        self.assertEqual(self.snapshot(), before)

    def test_others_bookings_are_invisible(self):
        theirs = self.call("POST", "/booking/create", self.key_b, self.body()).json()
        booking_id = theirs["booking"]["id"]
        before = self.snapshot()
        self.assertError(
            self.call(
                "POST", "/booking/cancel", self.key_a, {"booking_id": booking_id}
            ),
            404,
        )
        self.assertError(
            self.call(
                "POST",
                "/booking/reschedule",
                self.key_a,
                {"booking_id": booking_id, "start": "2026-12-02T10:00:00+01:00"},
            ),
            404,
        )
        self.assertEqual(self.snapshot(), before)
        listed = self.call("GET", "/bookings", self.key_a).json()
        self.assertSchema(listed, "BookingList")
        self.assertNotIn(booking_id, [b["id"] for b in listed["bookings"]])
        listed = self.call("GET", "/bookings", self.key_b).json()
        self.assertEqual([b["id"] for b in listed["bookings"]], [booking_id])
        # staff see both (from the booking's day: a front desk's list begins
        # with the oldest of a history of any length)
        listed = self.call(
            "GET",
            "/bookings",
            self.key_front,
            params={"date_from": theirs["booking"]["start"]},
        ).json()
        self.assertIn(booking_id, [b["id"] for b in listed["bookings"]])

    def test_equipment_of_a_room_booking_is_changed_with_the_room(self):
        created = self.call(
            "POST",
            "/booking/create",
            self.key_a,
            self.body(equipment_ids=[self.projector.id]),
        ).json()
        child_id = created["booking"]["added_equipment"][0]["id"]
        self.assertError(
            self.call("POST", "/booking/cancel", self.key_a, {"booking_id": child_id}),
            422,
        )


@tagged("post_install", "-at_install")
class TestApiDetails(ApiCommon):
    def test_refusals_are_not_logged_as_server_errors(self):
        with self.assertNoLogs("odoo.http", "WARNING"):
            response = self.call("POST", "/booking/create", self.key_a, raw="{")
        self.assertEqual(response.status_code, 400)

    def test_space_ids_of_equipment_must_match_the_location(self):
        other = self.env["coworking.location"].create(
            {
                "name": "Second Site",
                "tz": "Europe/Paris",
                "resource_calendar_id": self.calendar_paris.id,
            }
        )
        lamp = self.env["coworking.equipment"].create(
            {
                "name": "Far Lamp",
                "location_id": other.id,
                "kind": "projector",
                "is_bookable": True,
                "rate_product_ids": [Command.set(self.rate_hour.ids)],
            }
        )
        with freeze_time(NOW):
            self.assertError(
                self.call(
                    "POST",
                    "/booking/create",
                    self.key_a,
                    self.body(equipment_ids=[lamp.id]),
                ),
                404,
            )

    def test_times_are_answered_in_utc_and_local(self):
        with freeze_time(NOW):
            booking = self.call(
                "POST",
                "/booking/create",
                self.key_a,
                self.body(start="2026-12-01T09:00:00Z", stop="2026-12-01T10:00:00Z"),
            ).json()["booking"]
        self.assertEqual(booking["start"], "2026-12-01T09:00:00Z")
        self.assertEqual(booking["start_local"], "2026-12-01T10:00:00+01:00")
        self.assertEqual(
            datetime.fromisoformat(booking["stop_local"])
            - datetime.fromisoformat(booking["start_local"]),
            timedelta(hours=1),
        )
