# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.coworking_booking.exceptions import BookingRefused

from .common import NOW, BookingCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestBookingRules(BookingCommon):
    def assertRefused(self, code, **values):
        count = self.Booking.search_count([])
        with self.assertRaises(BookingRefused) as caught:
            self.book(**values)
        codes = [reason[0] for reason in caught.exception.reasons]
        self.assertIn(code, codes, caught.exception)
        self.assertEqual(self.Booking.search_count([]), count, "nothing written")
        return caught.exception

    def test_a_free_slot_is_booked_with_its_price(self):
        booking = self.book(start=self.at(9), stop=self.at(11))
        self.assertEqual(booking.state, "confirmed")
        self.assertEqual(booking.location_id, self.location)
        self.assertEqual(booking.resource_id, self.room.resource_id)
        self.assertEqual(booking.blocked_stop, self.at(11, 15), "15 min buffer")
        self.assertEqual(booking.price, 50.0)
        self.assertTrue(booking.name.startswith("BK/"))
        self.assertEqual(booking.start_local, "Tue 1 Dec 2026, 10:00")

    def test_overlap_is_refused_with_suggestions(self):
        self.book(start=self.at(9), stop=self.at(11))
        refusal = self.assertRefused("taken", start=self.at(10), stop=self.at(11))
        self.assertIn("Already booked", str(refusal))
        slots = refusal.suggestions["slots"]
        self.assertTrue(slots, "nearest free slots are suggested")
        for start, stop, _left in slots:
            self.assertFalse(start < self.at(11, 15) and stop > self.at(9))
        self.assertIn(self.room_2, refusal.suggestions["spaces"])

    def test_buffer_keeps_time_free_after_a_booking(self):
        self.book(start=self.at(9), stop=self.at(10))
        self.assertRefused("taken", start=self.at(10), stop=self.at(11))
        # the other space has no buffer and the room is free 30 min later
        self.book(start=self.at(10, 30), stop=self.at(11))
        self.book(target=self.room_2, start=self.at(10), stop=self.at(11))

    def test_database_refuses_overlap_even_without_the_orm_check(self):
        booking = self.book(start=self.at(9), stop=self.at(10))
        other = self.book(start=self.at(12), stop=self.at(13))
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE coworking_booking SET start = %s, stop = %s, "
                    "blocked_stop = %s WHERE id = %s",
                    (self.at(9, 30), self.at(10, 30), self.at(10, 45), other.id),
                )
        self.assertEqual(booking.state, "confirmed")

    def test_cancelled_bookings_free_their_slot(self):
        booking = self.book(start=self.at(9), stop=self.at(10))
        booking._cancel("test")
        self.book(start=self.at(9), stop=self.at(10))

    def test_bad_inputs_are_refused_and_change_nothing(self):
        self.assertRefused("invalid", start=self.at(11), stop=self.at(10))
        self.assertRefused("invalid", start=self.at(10), stop=self.at(10))
        self.assertRefused(
            "past", start=datetime(2026, 11, 23, 9), stop=datetime(2026, 11, 23, 10)
        )
        # 06:00 UTC is 07:00 in Paris, before opening
        self.assertRefused("closed", start=self.at(6), stop=self.at(8))
        # Saturday: closed all day
        saturday = datetime(2026, 12, 5)
        self.assertRefused(
            "closed", start=self.at(9, day=saturday), stop=self.at(10, day=saturday)
        )
        self.assertRefused("too_short", start=self.at(9), stop=self.at(9, 15))
        self.assertRefused(
            "too_long", start=self.at(7), stop=self.at(7) + timedelta(days=3)
        )
        self.assertRefused("misaligned", start=self.at(9, 10), stop=self.at(10, 10))
        self.assertRefused("too_many_people", seats=7)
        self.assertRefused("invalid", seats=0)

    def test_unknown_or_unbookable_target(self):
        with self.assertRaises(ValidationError):
            self.Booking.create(
                {
                    "space_id": 999999,
                    "partner_id": self.member.id,
                    "start": self.at(9),
                    "stop": self.at(10),
                }
            )
        self.room_2.is_bookable = False
        self.assertRefused("not_bookable", target=self.room_2)

    def test_public_holiday_closes_the_location(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Closed for works",
                "calendar_id": self.location.resource_calendar_id.id,
                "date_from": self.at(0),
                "date_to": self.at(23),
                "resource_id": False,
            }
        )
        self.assertRefused("closed", start=self.at(9), stop=self.at(10))

    def test_notice_and_horizon_bind_members_not_staff(self):
        soon = (NOW + timedelta(minutes=30), NOW + timedelta(minutes=90))
        far = (NOW + timedelta(days=120), NOW + timedelta(days=120, hours=1))
        Booking = self.Booking.with_context(coworking_booking_staff=False)
        codes = [
            code
            for code, _m in Booking._request_refusals(self.room, *soon, 1, staff=False)
        ]
        self.assertIn("too_late", codes)
        codes = [
            code
            for code, _m in Booking._request_refusals(self.room, *far, 1, staff=False)
        ]
        self.assertIn("beyond_horizon", codes)
        self.assertNotIn(
            "too_late",
            [code for code, _m in Booking._request_refusals(self.room, *soon, 1, True)],
        )

    def test_pooled_space_holds_its_capacity(self):
        self.book(target=self.hot_desk, start=self.at(9), stop=self.at(12), seats=2)
        self.book(target=self.hot_desk, start=self.at(10), stop=self.at(11))
        refusal = self.assertRefused(
            "full", target=self.hot_desk, start=self.at(10), stop=self.at(11)
        )
        self.assertIn("0 of 3 seats", str(refusal))
        # after 11:00 one seat frees up
        self.book(target=self.hot_desk, start=self.at(11), stop=self.at(12))

    def test_database_refuses_overbooking_a_pooled_space(self):
        self.book(target=self.hot_desk, start=self.at(9), stop=self.at(12), seats=3)
        other = self.book(target=self.hot_desk, start=self.at(13), stop=self.at(14))
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE coworking_booking SET start = %s, stop = %s, "
                    "blocked_stop = %s WHERE id = %s",
                    (self.at(10), self.at(11), self.at(11), other.id),
                )

    def test_free_slots_skip_taken_time_and_respect_rules(self):
        self.book(start=self.at(9), stop=self.at(10))
        slots = self.Booking._get_free_slots(
            self.room, self.at(0), self.at(23), timedelta(hours=1), staff=True
        )[self.room]
        starts = [start for start, _stop, _left in slots]
        # Paris 08:00-20:00 is 07:00-19:00 UTC; 09:00-10:15 is taken
        self.assertEqual(starts[0], self.at(7))
        self.assertEqual(starts[-1], self.at(18))
        # a slot keeps its own 15 min buffer: 07:30-08:30 fits, 08:00-09:00 not
        self.assertIn(self.at(7, 30), starts)
        for blocked in (self.at(8), self.at(9), self.at(9, 30), self.at(10)):
            self.assertNotIn(blocked, starts)
        self.assertIn(self.at(10, 30), starts)
        pooled = self.Booking._get_free_slots(
            self.hot_desk,
            self.at(0),
            self.at(23),
            timedelta(hours=1),
            seats=2,
            staff=True,
        )[self.hot_desk]
        self.assertTrue(all(left >= 2 for _s, _e, left in pooled))

    def test_equipment_added_to_a_room_moves_and_cancels_with_it(self):
        room = self.book(start=self.at(9), stop=self.at(10))
        projector = self.book(
            target=self.projector,
            start=self.at(9),
            stop=self.at(10),
            parent_id=room.id,
        )
        room.write({"start": self.at(13), "stop": self.at(14)})
        self.assertEqual(projector.start, self.at(13))
        room._cancel("test")
        self.assertEqual(projector.state, "cancelled")
        with self.assertRaises(ValidationError):
            self.book(
                target=self.projector,
                start=self.at(15),
                stop=self.at(16),
                parent_id=self.book(start=self.at(15), stop=self.at(17)).id,
            )

    def test_moving_a_booking_keeps_the_guarantees(self):
        first = self.book(start=self.at(9), stop=self.at(10))
        second = self.book(start=self.at(12), stop=self.at(13))
        with self.assertRaises(BookingRefused):
            second.write({"start": self.at(9, 30), "stop": self.at(10, 30)})
        self.assertEqual(second.start, self.at(12))
        second.write({"start": self.at(10, 30), "stop": self.at(11, 30)})
        self.assertEqual(first.state, "confirmed")
