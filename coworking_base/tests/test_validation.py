# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

import pytz
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import CoworkingCommon


@tagged("post_install", "-at_install")
class TestValidation(CoworkingCommon):
    def _space(self, **values):
        return self.env["coworking.space"].create(
            dict({"name": "Space", "location_id": self.location.id}, **values)
        )

    def test_space_takes_company_hours_and_timezone_of_its_location(self):
        self.assertEqual(self.room.company_id, self.location.company_id)
        self.assertEqual(self.room.resource_calendar_id, self.calendar_paris)
        self.assertEqual(self.room.tz, "Europe/Paris")
        self.assertEqual(self.room.resource_id.resource_type, "material")
        self.assertEqual(self.room.resource_id.name, "Test Room")
        self.assertEqual(self.room.display_name, "Test Room (TPA)")

    def test_location_counts_spaces_and_bookable_capacity(self):
        self.assertEqual(self.location.space_count, 2)
        self.assertEqual(self.location.total_capacity, 26)
        self.hot_desk.is_bookable = False
        self.assertEqual(self.location.space_count, 2)
        self.assertEqual(self.location.total_capacity, 6)

    def test_booking_mode_follows_kind(self):
        self.assertEqual(self.room.booking_mode, "exclusive")
        self.assertEqual(self.hot_desk.booking_mode, "pooled")
        with Form(self.env["coworking.space"]) as form:
            form.name = "Lounge"
            form.location_id = self.location
            form.kind = "hot_desk"
            self.assertEqual(form.booking_mode, "pooled")
            form.kind = "lounge"
            self.assertEqual(form.booking_mode, "exclusive")
            form.capacity = 40

    def test_zero_or_negative_capacity_is_refused(self):
        for capacity in (0, -3):
            with self.subTest(capacity=capacity):
                with (
                    mute_logger("odoo.sql_db"),
                    self.assertRaisesRegex(IntegrityError, "capacity_positive"),
                    self.env.cr.savepoint(),
                ):
                    self._space(capacity=capacity)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.room.capacity = 0
            self.room.flush_recordset()

    def test_negative_surface_is_refused(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(IntegrityError, "surface_positive"),
            self.env.cr.savepoint(),
        ):
            self._space(surface=-1)

    def test_dedicated_desk_holds_one_person(self):
        with self.assertRaisesRegex(ValidationError, "holds exactly one person"):
            self._space(kind="dedicated_desk", capacity=2)
        desk = self._space(kind="dedicated_desk", capacity=1)
        self.assertEqual(desk.capacity, 1)

    def test_location_without_timezone_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "needs a timezone"):
            self.env["coworking.location"].create({"name": "Nowhere"})
        with self.assertRaisesRegex(ValidationError, "needs a timezone"):
            self.location.tz = False

    def test_location_timezone_defaults_from_its_opening_hours(self):
        calendar = self._create_calendar("Dakar", "Africa/Dakar")
        location = self.env["coworking.location"].create(
            {"name": "Dakar", "resource_calendar_id": calendar.id}
        )
        self.assertEqual(location.tz, "Africa/Dakar")
        self.assertEqual(location.utc_offset, "+00:00")

    def test_opening_hours_in_another_timezone_are_refused(self):
        calendar = self._create_calendar("Dakar", "Africa/Dakar")
        with self.assertRaisesRegex(ValidationError, "in timezone Africa/Dakar"):
            self.location.resource_calendar_id = calendar
        with self.assertRaisesRegex(ValidationError, "its location is in"):
            self.room.resource_calendar_id = calendar

    def test_opening_hours_without_open_day_are_refused(self):
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Never open",
                "tz": "Europe/Paris",
                "attendance_ids": [Command.clear()],
            }
        )
        with self.assertRaisesRegex(ValidationError, "define no open day"):
            self.location.resource_calendar_id = calendar

    def test_timezone_change_reaches_spaces(self):
        calendar = self._create_calendar("Dakar", "Africa/Dakar")
        self.hot_desk.action_archive()
        self.location.write({"tz": "Africa/Dakar", "resource_calendar_id": calendar.id})
        self.assertEqual(self.room.resource_id.tz, "Africa/Dakar")
        self.assertEqual(self.hot_desk.tz, "Africa/Dakar")

    def test_equipment_must_stay_in_its_location(self):
        other = self.env["coworking.location"].create(
            {
                "name": "Other",
                "tz": "Europe/Paris",
                "resource_calendar_id": self.calendar_paris.id,
            }
        )
        with self.assertRaisesRegex(ValidationError, "another location"):
            self.env["coworking.equipment"].create(
                {
                    "name": "Printer",
                    "location_id": other.id,
                    "space_id": self.room.id,
                }
            )

    def test_equipment_serial_is_unique_per_company(self):
        values = {"name": "Locker", "location_id": self.location.id, "serial_no": "X1"}
        self.env["coworking.equipment"].create(values)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(IntegrityError, "serial_company_uniq"),
            self.env.cr.savepoint(),
        ):
            self.env["coworking.equipment"].create(values)

    def test_equipment_is_followed_in_maintenance(self):
        printer = self.env["coworking.equipment"].create(
            {
                "name": "Printer",
                "kind": "printer",
                "location_id": self.location.id,
                "serial_no": "PRN-9",
            }
        )
        printer.action_create_maintenance_equipment()
        record = printer.maintenance_equipment_id
        self.assertEqual(record.name, "Printer")
        self.assertEqual(record.serial_no, "PRN-9")
        self.assertEqual(record.location, "Test Paris")
        self.env["maintenance.request"].create(
            {"name": "Paper jam", "equipment_id": record.id}
        )
        self.assertEqual(printer.maintenance_request_count, 1)
        # A second call links nothing new.
        printer.action_create_maintenance_equipment()
        self.assertEqual(printer.maintenance_equipment_id, record)

    def test_opening_intervals_follow_dst_and_closures(self):
        utc = pytz.utc
        # Friday 2026-03-27 is in winter time (UTC+1), Monday 2026-03-30 in
        # summer time (UTC+2): 8:00 in Paris is 7:00 then 6:00 UTC.
        intervals = self.location._get_opening_intervals(
            utc.localize(datetime(2026, 3, 27)), utc.localize(datetime(2026, 3, 31))
        )
        starts = [
            start.astimezone(utc).replace(tzinfo=None) for start, _s, _r in intervals
        ]
        self.assertEqual(
            starts, [datetime(2026, 3, 27, 7, 0), datetime(2026, 3, 30, 6, 0)]
        )
        # A closure of the location removes the day.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Closed for works",
                "calendar_id": self.calendar_paris.id,
                "date_from": datetime(2026, 3, 29, 22, 0),
                "date_to": datetime(2026, 3, 30, 21, 59),
            }
        )
        intervals = self.location._get_opening_intervals(
            utc.localize(datetime(2026, 3, 27)), utc.localize(datetime(2026, 3, 31))
        )
        self.assertEqual(len(list(intervals)), 1)
        # A closure of one space only removes that space's day.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Room painted",
                "calendar_id": self.calendar_paris.id,
                "resource_id": self.room.resource_id.id,
                "date_from": datetime(2026, 3, 27, 0, 0),
                "date_to": datetime(2026, 3, 27, 23, 0),
            }
        )
        intervals = self.location._get_opening_intervals(
            utc.localize(datetime(2026, 3, 27)),
            utc.localize(datetime(2026, 3, 31)),
            resource=self.room.resource_id,
        )
        self.assertEqual(len(list(intervals)), 0)

    def test_space_of_another_company_location_is_refused(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        with self.assertRaises(UserError):
            self.env["coworking.space"].create(
                {
                    "name": "Mixed",
                    "location_id": self.location.id,
                    "company_id": company_b.id,
                    "amenity_ids": [
                        Command.create({"name": "B only", "company_id": company_b.id})
                    ],
                }
            )
