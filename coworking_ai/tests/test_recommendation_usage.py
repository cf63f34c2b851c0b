# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

import pytz
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.coworking_booking.tests.common import BookingCommon

PARIS = pytz.timezone("Europe/Paris")


@tagged("post_install", "-at_install")
class TestSpaceUsage(BookingCommon):
    """The under- and over-used spaces of a location open 8:00-20:00 on
    weekdays, from a history built over the 30 days before today (the
    report reads the database's clock)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_company_b()
        calendar = cls._create_calendar("Usage hours", "Europe/Paris")
        cls.usage_location = cls.env["coworking.location"].create(
            {
                "name": "Usage Lyon",
                "code": "ULY",
                "tz": "Europe/Paris",
                "resource_calendar_id": calendar.id,
            }
        )
        Space = cls.env["coworking.space"]

        def space(name, kind, capacity=6, **values):
            return Space.create(
                {
                    "name": name,
                    "location_id": cls.usage_location.id,
                    "kind": kind,
                    "capacity": capacity,
                    **values,
                }
            )

        cls.busy = space("Busy Room", "meeting_room")
        cls.mid = space("Mid Room", "meeting_room")
        cls.idle = space("Idle Room", "meeting_room")
        cls.desks = space("Desks", "hot_desk", 4, booking_max_minutes=720)
        cls.lounge = space("Lounge", "lounge", 30)
        today = pytz.utc.localize(fields.Datetime.now()).astimezone(PARIS).date()
        cls.open_days = [
            day
            for day in (today - timedelta(days=n) for n in range(1, 31))
            if day.weekday() < 5
        ]

        def at(day, hour):
            moment = PARIS.localize(datetime.combine(day, time(hour)))
            return moment.astimezone(pytz.utc).replace(tzinfo=None)

        plan = []
        for day in cls.open_days:
            plan += [
                (cls.busy, at(day, 8), at(day, 18), 1, "done"),
                (cls.mid, at(day, 9), at(day, 15), 1, "done"),
                (cls.desks, at(day, 8), at(day, 20), 1, "done"),
                # a cancelled booking is no use
                (cls.idle, at(day, 8), at(day, 12), 1, "cancelled"),
            ]
        with freeze_time(min(p[1] for p in plan) - timedelta(days=1)):
            bookings = cls.env["coworking.booking"].create(
                [
                    {
                        "space_id": target.id,
                        "partner_id": cls.member.id,
                        "start": start,
                        "stop": stop,
                        "seats": seats,
                        "state": "confirmed",
                    }
                    for target, start, stop, seats, _state in plan
                ]
            )
        for booking, (*_rest, state) in zip(bookings, plan, strict=True):
            booking.state = state
        # the forecast expects the lounges full over the next two weeks
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        hours = [now + timedelta(hours=n) for n in range(1, 14 * 24)]
        cls.env["coworking.ai.demand"].create(
            [
                {
                    "company_id": cls.company.id,
                    "location_id": cls.usage_location.id,
                    "space_kind": "lounge",
                    "hour": hour,
                    "hour_of_day": pytz.utc.localize(hour).astimezone(PARIS).hour,
                    "weekday": str(pytz.utc.localize(hour).astimezone(PARIS).weekday()),
                    "forecast_rate": 0.9,
                    "capacity": 1,
                }
                for hour in hours
            ]
        )
        cls.env.flush_all()

    def rows(self, user=None):
        Usage = self.env["coworking.ai.space.usage"]
        if user:
            Usage = Usage.with_user(user)
        rows = Usage.search([("location_id", "=", self.usage_location.id)])
        return {row.space_id: row for row in rows}

    def test_verdicts_of_a_constructed_history(self):
        rows = self.rows()
        open_hours = 12 * len(self.open_days)
        expected = {
            # space: (use %, verdict)
            self.busy: (round(10 / 12 * 100, 1), "over"),
            self.mid: (50.0, "balanced"),
            self.idle: (0.0, "under"),
            # one seat of four all day: a quarter of the zone
            self.desks: (25.0, "balanced"),
            # never booked, but forecast full
            self.lounge: (0.0, "over"),
        }
        self.assertEqual(set(rows), set(expected))
        for space, (use, verdict) in expected.items():
            with self.subTest(space=space.name):
                row = rows[space]
                self.assertEqual(row.open_hours, open_hours)
                self.assertAlmostEqual(row.utilisation, use, places=1)
                self.assertEqual(row.verdict, verdict)
                self.assertEqual(row.kind, space.kind)
                self.assertEqual(row.company_id, self.company)
        self.assertEqual(rows[self.busy].booking_count, len(self.open_days))
        self.assertEqual(rows[self.idle].booking_count, 0)
        # the average of the meeting rooms of the location
        self.assertAlmostEqual(
            rows[self.mid].group_utilisation, (10 / 12 + 0.5) / 3 * 100, places=1
        )
        self.assertAlmostEqual(rows[self.lounge].forecast_rate, 90.0, places=1)
        self.assertFalse(rows[self.busy].forecast_rate)

    def test_a_space_far_below_its_kind_is_under_used(self):
        # a quarter of the opening hours would do alone, but it is less than
        # half the average of the rooms of its kind (the busy one and itself)
        self.mid.active = False
        starts = []
        for day in self.open_days:
            moment = PARIS.localize(datetime.combine(day, time(8)))
            starts.append(moment.astimezone(pytz.utc).replace(tzinfo=None))
        with freeze_time(min(starts) - timedelta(days=1)):
            bookings = self.env["coworking.booking"].create(
                [
                    {
                        "space_id": self.idle.id,
                        "partner_id": self.member.id,
                        "start": start,
                        "stop": start + timedelta(hours=3),
                        "state": "confirmed",
                    }
                    for start in starts
                ]
            )
        bookings.write({"state": "done"})
        rows = self.rows()
        self.assertNotIn(self.mid, rows)
        self.assertAlmostEqual(rows[self.idle].utilisation, 25.0, places=1)
        self.assertAlmostEqual(
            rows[self.idle].group_utilisation, (10 / 12 + 0.25) / 2 * 100, places=1
        )
        self.assertEqual(rows[self.idle].verdict, "under")
        self.assertEqual(rows[self.busy].verdict, "over")

    def test_each_company_sees_its_own_spaces(self):
        manager_rows = self.env["coworking.ai.space.usage"].with_user(self.user_manager)
        front_rows = self.env["coworking.ai.space.usage"].with_user(self.user_front)
        for Usage in (manager_rows, front_rows):
            spaces = Usage.search([]).space_id
            self.assertIn(self.busy, spaces)
            self.assertNotIn(self.space_b, spaces)
        everything = self.env["coworking.ai.space.usage"].search([]).space_id
        self.assertIn(self.space_b, everything)
        with self.assertRaises(AccessError):
            self.env["coworking.ai.space.usage"].with_user(self.user_portal).search([])
        with self.assertRaises(AccessError):
            front_rows.search([("space_id", "=", self.busy.id)]).write(
                {"verdict": "under"}
            )
