# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import tagged

from .api_common import ApiCommon
from .common import NOW


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
            ({"space_id": self.room.id, "date_from": "2026-13-45"}, "invalid_field"),
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
@freeze_time(NOW)
class TestApiBoundedInput(ApiCommon):
    """Every range and date is bounded before any work: a clear 400 with a
    JSON body, never a 500 or a worker held for minutes."""

    def test_out_of_range_dates_are_a_400(self):
        for start, stop in (
            ("0001-01-01T00:00:00+01:00", "2026-12-01T12:00:00+01:00"),
            ("2026-12-01T10:00:00+01:00", "9999-12-31T20:00:00Z"),
            ("9999-12-31T23:00:00-05:00", "9999-12-31T23:30:00-05:00"),
        ):
            with self.subTest(start=start, stop=stop):
                response = self.call(
                    "GET",
                    "/room/availability",
                    params={"space_id": self.room.id, "start": start, "stop": stop},
                )
                error = self.assertError(response, 400, "invalid_field")
                self.assertIn("between the years", error["message"])
        response = self.call(
            "GET",
            "/room/slots",
            params={"space_id": self.room.id, "date_from": "0001-01-01"},
        )
        self.assertError(response, 400, "invalid_field")
        response = self.call(
            "POST",
            "/booking/create",
            self.key_a,
            self.body(start="0001-01-01T00:00:00+01:00"),
        )
        self.assertError(response, 400, "invalid_field")

    def test_an_unbounded_range_is_refused_before_any_work(self):
        params = {
            "space_id": self.room.id,
            "start": "2026-12-01T10:00:00+01:00",
            "stop": "2028-12-01T10:00:00+01:00",
        }
        response = self.call("GET", "/room/availability", params=params)
        error = self.assertError(response, 422, "range_too_long")
        self.assertIn("at most 31 days", error["message"])
        bookings = self.env["coworking.booking"].search_count([])
        response = self.call(
            "POST",
            "/booking/create",
            self.key_a,
            self.body(stop="2028-12-01T10:00:00+01:00"),
        )
        self.assertGreaterEqual(response.status_code, 400, response.text)
        self.assertLess(response.status_code, 500, response.text)
        self.assertIn("at most 31 days", response.json()["error"]["message"])
        self.assertEqual(self.env["coworking.booking"].search_count([]), bookings)
