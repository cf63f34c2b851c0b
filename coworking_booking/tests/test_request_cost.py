# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.coworking_booking.exceptions import BookingRefused
from odoo.addons.resource.models.resource_calendar import ResourceCalendar

from .common import NOW, BookingCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestRequestCost(BookingCommon):
    """A refused request reads the opening hours once, for its check and its
    suggestions, and says the same as the checks made one by one."""

    def refuse(self, start, stop):
        calls = []
        original = ResourceCalendar._work_intervals_batch

        def counted(calendar, *args, **kwargs):
            calls.append(args)
            return original(calendar, *args, **kwargs)

        with (
            patch.object(ResourceCalendar, "_work_intervals_batch", counted),
            self.assertRaises(BookingRefused) as caught,
        ):
            self.Booking._book(self.room, start, stop, self.member)
        return caught.exception, len(calls)

    def assertSameAsOneByOne(self, refusal, start, stop):
        Booking = self.Booking.sudo().with_context(coworking_booking_staff=True)
        reasons = Booking._request_refusals(
            self.room, start, stop, 1, staff=True, partner=self.member
        )
        expected = Booking._refusal(self.room, start, stop, 1, reasons)
        self.assertEqual(refusal.reasons, expected.reasons)
        self.assertEqual(refusal.suggestions, expected.suggestions)
        self.assertEqual(str(refusal), str(expected))

    def test_taken_slot_reads_opening_hours_once(self):
        self.Booking._book(self.room, self.at(9), self.at(11), self.member)
        refusal, calls = self.refuse(self.at(10), self.at(11))
        self.assertEqual([r[0] for r in refusal.reasons], ["taken"])
        self.assertTrue(refusal.suggestions["slots"])
        self.assertEqual(calls, 1, "one computation for the check and suggestions")
        self.assertSameAsOneByOne(refusal, self.at(10), self.at(11))

    def test_closed_and_misaligned_reads_opening_hours_once(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Closed for works",
                "calendar_id": self.location.resource_calendar_id.id,
                "date_from": self.at(0),
                "date_to": self.at(12),
                "resource_id": False,
            }
        )
        refusal, calls = self.refuse(self.at(9, 10), self.at(10))
        self.assertEqual(
            [r[0] for r in refusal.reasons], ["misaligned", "closed"], refusal
        )
        self.assertEqual(calls, 1)
        self.assertSameAsOneByOne(refusal, self.at(9, 10), self.at(10))

    def test_accepted_booking_is_still_checked_against_opening_hours(self):
        refusal, _calls = self.refuse(self.at(2), self.at(3))
        self.assertEqual([r[0] for r in refusal.reasons], ["closed"])
        booking = self.Booking._book(self.room, self.at(9), self.at(10), self.member)
        self.assertEqual(booking.start, self.at(9), "the open hour is booked")
