# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo.tests import tagged
from odoo.tools import html2plaintext

from odoo.addons.coworking_booking.tests.common import TUESDAY

from .common import IotBookingCommon


@tagged("post_install", "-at_install")
class TestPresenceCheckIn(IotBookingCommon):
    """The meeting room is booked from 9:00 to 10:00 UTC on Tuesday; its
    check-in window opens at 8:45; a booking is a no-show from 9:30."""

    def notes(self, booking):
        return booking.message_ids.filtered(
            lambda m: html2plaintext(m.body or "")
            == "Checked in by the space's sensors."
        )

    def test_a_live_reading_checks_the_booking_in(self):
        booking = self.book(start=self.at(9), stop=self.at(10))
        wednesday = TUESDAY + timedelta(days=1)
        tomorrow = self.book(
            start=self.at(9, day=wednesday), stop=self.at(10, day=wednesday)
        )
        self.sense(self.room_sensor, 0, self.at(8, 50))
        self.assertEqual(booking.state, "confirmed", "nobody seen yet")
        self.sense(self.room_sensor, 1, self.at(8, 55))
        self.assertEqual(booking.state, "checked_in")
        self.assertEqual(booking.checked_in_at, self.at(8, 55))
        self.assertEqual(len(self.notes(booking)), 1)
        self.assertEqual(tomorrow.state, "confirmed", "its window is not open")
        # seen again: nothing more
        self.sense(self.room_sensor, 0, self.at(9, 10))
        self.sense(self.room_sensor, 1, self.at(9, 15))
        self.assertEqual(booking.checked_in_at, self.at(8, 55))
        self.assertEqual(len(self.notes(booking)), 1)

    def test_someone_there_before_the_start_is_not_a_no_show(self):
        booking = self.book(start=self.at(9), stop=self.at(10))
        # seen before the window opens, then the sensor says nothing new
        self.sense(self.room_sensor, 1, self.at(8, 30))
        self.assertEqual(booking.state, "confirmed")
        self.run_cron_at(self.no_show_cron, self.at(9, 35))
        self.assertEqual(booking.state, "checked_in")
        self.assertEqual(booking.checked_in_at, self.at(8, 45), "the window's opening")
        self.assertEqual(len(self.notes(booking)), 1)

    def test_an_empty_room_is_still_a_no_show(self):
        booking = self.book(start=self.at(9), stop=self.at(10))
        unseen = self.book(target=self.room_2, start=self.at(9), stop=self.at(10))
        # someone left the room before the window opened
        self.sense(self.room_sensor, 1, self.at(8))
        self.sense(self.room_sensor, 0, self.at(8, 20))
        self.run_cron_at(self.no_show_cron, self.at(9, 35))
        self.assertEqual(booking.state, "no_show")
        self.assertEqual(unseen.state, "no_show", "a room without sensors")
        self.assertFalse(self.notes(booking | unseen))

    def test_per_seat_spaces_are_not_checked_in(self):
        desk = self.book(target=self.hot_desk, start=self.at(9), stop=self.at(10))
        self.sense(self.desk_sensor, 1, self.at(8, 55))
        self.assertEqual(desk.state, "confirmed", "who is there is not known")
        self.run_cron_at(self.no_show_cron, self.at(9, 35))
        self.assertEqual(desk.state, "no_show")

    def test_a_device_of_another_company_checks_nothing_in(self):
        booking = self.book(start=self.at(9), stop=self.at(10))
        foreign_space = self._create_foreign_space()
        foreign = self.Device.create(
            {
                "name": "Foreign presence",
                "uid": "t-foreign-presence",
                "kind": "occupancy",
                "company_id": foreign_space.company_id.id,
                "space_id": foreign_space.id,
                "secret": "s-foreign",
            }
        )
        self.sense(foreign, 1, self.at(8, 50))
        self.assertEqual(booking.state, "confirmed")
        # even attached to the first company's room behind the ORM's back,
        # its readings (of its own company) do not count for the booking
        self.env.cr.execute(
            "UPDATE coworking_iot_device SET space_id = %s WHERE id = %s",
            [self.room.id, foreign.id],
        )
        self.env.invalidate_all()
        self.sense(foreign, 0, self.at(8, 55))
        self.sense(foreign, 1, self.at(9))
        self.assertEqual(self.room.people_now, 1, "the room's figure moved")
        self.assertEqual(booking.state, "confirmed")
        self.run_cron_at(self.no_show_cron, self.at(9, 35))
        self.assertEqual(booking.state, "no_show")
