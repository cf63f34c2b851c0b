# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import datetime, timedelta
from urllib.parse import urlencode

from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from ..controllers.openapi import API_PREFIX
from .common import NOW, BookingCommon

try:
    import jsonschema
except ImportError:  # tests/requirements.txt installs it
    jsonschema = None


class ApiCommon(HttpCase, BookingCommon):
    """Portal members with API keys, a guest customer with a key, front
    desk staff, and a space of another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = new_test_user(
            cls.env,
            "cw_api_a",
            groups="base.group_portal",
            name="Member A",
            email="api.a@example.com",
        )
        cls.user_b = new_test_user(
            cls.env,
            "cw_api_b",
            groups="base.group_portal",
            name="Member B",
            email="api.b@example.com",
        )
        (cls.user_a | cls.user_b).partner_id.is_coworking_member = True
        cls.user_guest = new_test_user(
            cls.env,
            "cw_api_guest",
            groups="base.group_portal",
            name="Guest With Account",
            email="api.guest@example.com",
        )
        Keys = cls.env["res.users.apikeys"]
        cls.key_a = Keys.with_user(cls.user_a).sudo()._generate(None, "a", None)
        cls.key_b = Keys.with_user(cls.user_b).sudo()._generate(None, "b", None)
        cls.key_guest = (
            Keys.with_user(cls.user_guest).sudo()._generate(None, "guest", None)
        )
        cls.key_front = (
            Keys.with_user(cls.user_front).sudo()._generate(None, "front", None)
        )
        cls.hidden_room = cls.env["coworking.space"].create(
            {
                "name": "Unpublished Room",
                "location_id": cls.location.id,
                "kind": "meeting_room",
                "capacity": 4,
                "is_published": False,
            }
        )
        other = cls.env["res.company"].create({"name": "Other Coworking"})
        calendar = cls._create_calendar("Other hours", "Europe/Paris", other)
        other_location = cls.env["coworking.location"].create(
            {
                "name": "Other Place",
                "tz": "Europe/Paris",
                "company_id": other.id,
                "resource_calendar_id": calendar.id,
            }
        )
        cls.foreign_room = cls.env["coworking.space"].create(
            {"name": "Foreign Room", "location_id": other_location.id, "capacity": 4}
        )
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        cls.provider.write({"state": "test", "company_id": cls.env.company.id})
        cls._openapi = None

    # -- helpers --------------------------------------------------------

    def call(
        self, method, path, key=None, body=None, params=None, raw=None, headers=None
    ):
        url = f"{API_PREFIX}{path}"
        if params:
            url += "?" + urlencode(params)
        all_headers = dict(headers or {})
        if key:
            all_headers["Authorization"] = f"Bearer {key}"
        if method == "GET":
            return self.url_open(url, headers=all_headers)
        all_headers.setdefault("Content-Type", "application/json")
        data = raw if raw is not None else json.dumps(body or {})
        return self.url_open(url, data=data, headers=all_headers)

    def openapi(self):
        """The document the server publishes (read once per test class)."""
        cls = type(self)
        if not cls._openapi:
            cls._openapi = self.url_open(f"{API_PREFIX}/openapi.json").json()
        return cls._openapi

    def assertSchema(self, data, name):
        """``data`` matches the component schema ``name`` of the OpenAPI
        document the server publishes."""
        if jsonschema is None:
            self.fail("jsonschema is missing: pip install -r tests/requirements.txt")
        document = self.openapi()
        schema = {**document, "$ref": f"#/components/schemas/{name}"}
        jsonschema.Draft202012Validator(schema).validate(data)

    def assertError(self, response, status, code=None):
        self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(
            response.headers["Content-Type"], "application/json; charset=utf-8"
        )
        data = response.json()
        self.assertSchema(data, "Error")
        self.assertEqual(data["error"]["status"], status)
        self.assertTrue(data["error"]["message"])
        if code:
            self.assertEqual(data["error"]["code"], code, data)
        return data["error"]

    def snapshot(self):
        """What a refused request must leave as it was."""
        self.env.invalidate_all()
        bookings = self.env["coworking.booking"].search([])
        return (
            sorted(bookings.mapped(lambda b: (b.id, b.state, b.start, b.stop))),
            self.env["sale.order"].search_count([]),
            self.env["res.partner"].search_count([]),
        )

    def body(self, target=None, start=None, stop=None, **values):
        target = target or self.room
        return {
            "space_id": target.id,
            "start": (start or "2026-12-01T10:00:00+01:00"),
            "stop": (stop or "2026-12-01T12:00:00+01:00"),
            **values,
        }


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestApiBookings(ApiCommon):
    """Tuesday 1 December 2026 in Paris (UTC+1), rooms open 08:00-20:00 local;
    the clock says Tuesday 24 November, 08:00 UTC."""

    def test_member_books_with_an_api_key(self):
        response = self.call("POST", "/booking/create", self.key_a, self.body())
        self.assertEqual(response.status_code, 201, response.text)
        data = response.json()
        self.assertSchema(data, "BookingResult")
        booking = data["booking"]
        self.assertEqual(booking["state"], "confirmed")
        self.assertEqual(booking["start"], "2026-12-01T09:00:00Z")
        self.assertEqual(booking["start_local"], "2026-12-01T10:00:00+01:00")
        self.assertEqual(booking["location"]["tz"], "Europe/Paris")
        self.assertEqual(booking["price"], 50.0)
        record = self.env["coworking.booking"].browse(booking["id"])
        self.assertEqual(record.partner_id, self.user_a.partner_id)
        self.assertEqual((record.start, record.stop), (self.at(9), self.at(11)))

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
            ("missing_field", {**good, "equipment_id": self.projector.id}, None),
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
                    400,
                    "invalid_field",
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
        # staff see both
        listed = self.call("GET", "/bookings", self.key_front).json()
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
@freeze_time(NOW)
class TestApiAvailability(ApiCommon):
    def test_availability_of_a_free_time(self):
        response = self.call(
            "GET",
            "/room/availability",
            params={
                "space_id": self.room.id,
                "start": "2026-12-01T10:00:00+01:00",
                "stop": "2026-12-01T12:00:00+01:00",
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        data = response.json()
        self.assertSchema(data, "Availability")
        self.assertTrue(data["available"])
        self.assertEqual(data["reasons"], [])
        self.assertEqual(data["price"]["amount"], 50.0)

    def test_availability_says_why_not_and_suggests(self):
        self.book(start=self.at(9), stop=self.at(11))
        data = self.call(
            "GET",
            "/room/availability",
            self.key_a,
            params={
                "space_id": self.room.id,
                "start": "2026-12-01T10:30:00+01:00",
                "stop": "2026-12-01T11:30:00+01:00",
            },
        ).json()
        self.assertSchema(data, "Availability")
        self.assertFalse(data["available"])
        self.assertEqual([r["code"] for r in data["reasons"]], ["taken"])
        self.assertIn(
            "2026-12-01T11:30:00Z",
            [slot["start"] for slot in data["suggestions"]["slots"]],
            "12:30 local: the first time after the booking and its buffer",
        )

    def test_pooled_space_tells_the_seats_left(self):
        self.book(self.hot_desk, self.at(9), self.at(11), seats=2)
        data = self.call(
            "GET",
            "/room/availability",
            params={
                "space_id": self.hot_desk.id,
                "start": "2026-12-01T10:00:00+01:00",
                "stop": "2026-12-01T11:00:00+01:00",
                "seats": 2,
            },
        ).json()
        self.assertFalse(data["available"])
        self.assertEqual(data["seats_left"], 1)
        self.assertEqual([r["code"] for r in data["reasons"]], ["full"])

    def test_slots_of_a_space_and_of_a_kind(self):
        self.book(start=self.at(9), stop=self.at(11))
        data = self.call(
            "GET",
            "/room/slots",
            params={
                "space_id": self.room.id,
                "date_from": "2026-12-01",
                "duration": 60,
            },
        ).json()
        self.assertSchema(data, "SlotList")
        starts = [slot["start_local"][11:16] for slot in data["spaces"][0]["slots"]]
        # booked 10:00-12:00 local; each booking keeps 15 minutes free after it
        self.assertEqual(starts[:3], ["08:00", "08:30", "12:30"])
        self.assertEqual(starts[-1], "19:00")
        data = self.call(
            "GET",
            "/room/slots",
            params={
                "location_id": self.location.id,
                "kind": "meeting_room",
                "date_from": "2026-12-01",
                "date_to": "2026-12-02",
            },
        ).json()
        self.assertSchema(data, "SlotList")
        names = [space["name"] for space in data["spaces"]]
        self.assertIn("Test Room 2", names)
        self.assertNotIn("Unpublished Room", names)
        self.assertNotIn("Test Open Space", names)

    def test_slots_follow_the_clock_change(self):
        # Monday 29 March 2027, the day after the change: 08:00 local = 06:00 UTC
        data = self.call(
            "GET",
            "/room/slots",
            self.key_front,
            params={"space_id": self.room.id, "date_from": "2027-03-29"},
        ).json()
        first = data["spaces"][0]["slots"][0]
        self.assertEqual(first["start"], "2027-03-29T06:00:00Z")
        self.assertEqual(first["start_local"], "2027-03-29T08:00:00+02:00")

    def test_bad_queries(self):
        cases = [
            ({"space_id": self.room.id}, "missing_field"),
            ({"space_id": "x", "date_from": "2026-12-01"}, "invalid_field"),
            ({"date_from": "2026-12-01"}, "missing_field"),
            ({"space_id": self.room.id, "date_from": "2026-13-45"}, "invalid_field"),
            (
                {
                    "space_id": self.room.id,
                    "date_from": "2026-12-01",
                    "date_to": "2027-03-01",
                },
                "invalid_field",
            ),
            (
                {
                    "space_id": self.room.id,
                    "date_from": "2026-12-02",
                    "date_to": "2026-12-01",
                },
                "invalid_field",
            ),
            (
                {"space_id": self.room.id, "date_from": "2026-12-01", "duration": 0},
                "invalid_field",
            ),
            (
                {"space_id": self.room.id, "date_from": "2026-12-01", "hours": 2},
                "unknown_parameter",
            ),
            (
                {
                    "location_id": self.location.id,
                    "kind": "castle",
                    "date_from": "2026-12-01",
                },
                "invalid_field",
            ),
        ]
        for params, code in cases:
            with self.subTest(params=params):
                self.assertError(
                    self.call("GET", "/room/slots", params=params), 400, code
                )
        for space in (self.hidden_room, self.foreign_room):
            self.assertError(
                self.call(
                    "GET",
                    "/room/slots",
                    self.key_a,
                    params={"space_id": space.id, "date_from": "2026-12-01"},
                ),
                404,
            )

    def test_spaces(self):
        data = self.call(
            "GET", "/spaces", params={"location_id": self.location.id}
        ).json()
        self.assertSchema(data, "SpaceList")
        names = {space["name"] for space in data["spaces"]}
        self.assertIn("Test Room", names)
        self.assertNotIn("Unpublished Room", names)
        self.assertNotIn("Foreign Room", names)
        room = next(s for s in data["spaces"] if s["id"] == self.room.id)
        self.assertEqual([r["hours"] for r in room["rates"]], [1.0, 4.0, 8.0])
        self.assertEqual(room["rules"]["buffer_minutes"], 15)
        staff = self.call(
            "GET", "/spaces", self.key_front, params={"kind": "meeting_room"}
        )
        self.assertIn("Unpublished Room", {s["name"] for s in staff.json()["spaces"]})
        self.assertError(self.call("GET", "/spaces", params={"kind": "castle"}), 400)


@tagged("post_install", "-at_install")
class TestOpenApi(ApiCommon):
    def test_document_lists_exactly_the_routes_served(self):
        document = self.openapi()
        self.assertEqual(document["openapi"], "3.1.0")
        documented = {
            (f"{API_PREFIX}{path}", method.upper())
            for path, operations in document["paths"].items()
            for method in operations
        }
        served = set()
        for rule in self.env["ir.http"].routing_map().iter_rules():
            if rule.rule.startswith(API_PREFIX):
                methods = rule.endpoint.routing.get("methods") or ["GET", "POST"]
                served.update((rule.rule, method) for method in methods)
        self.assertEqual(documented, served)
        self.assertTrue(document["servers"][0]["url"].endswith(API_PREFIX))

    def test_document_is_valid_openapi(self):
        document = self.openapi()
        # every $ref points to a schema that exists
        refs = set()

        def walk(node):
            if isinstance(node, dict):
                if "$ref" in node:
                    refs.add(node["$ref"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(document)
        schemas = document["components"]["schemas"]
        for ref in refs:
            self.assertIn(ref.rsplit("/", 1)[-1], schemas, ref)
        for name, schema in schemas.items():
            with self.subTest(schema=name):
                jsonschema.Draft202012Validator.check_schema(schema)
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                self.assertTrue(operation.get("operationId"), (path, method))
                self.assertIn(
                    "200" if method == "get" or "create" not in path else "201",
                    operation["responses"],
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
