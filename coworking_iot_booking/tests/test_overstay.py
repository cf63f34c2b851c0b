# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import IotBookingCommon


@tagged("post_install", "-at_install")
class TestOverstay(IotBookingCommon):
    """The meeting room is booked from 9:00 to 10:00 UTC on Tuesday by the
    front desk; its sensor sees someone from 9:05 (the booking is checked
    in); an overstay is noticed 15 minutes after the end (the default)."""

    def setUp(self):
        super().setUp()
        self.booking = self.book(
            start=self.at(9), stop=self.at(10), user_id=self.user_front.id
        )
        self.sense(self.room_sensor, 1, self.at(9, 5))
        self.assertEqual(self.booking.state, "checked_in")
        self.activity_type = self.env.ref(
            "coworking_iot_booking.mail_activity_type_booking_overstay"
        )

    def overstay_activities(self, booking):
        return booking.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )

    def test_people_after_the_end_are_flagged_once_with_an_activity(self):
        self.run_cron_at(self.overstay_cron, self.at(10, 10))
        self.assertFalse(self.booking.overstay_detected_at, "within the delay")
        self.run_cron_at(self.overstay_cron, self.at(10, 20))
        self.assertEqual(self.booking.overstay_detected_at, self.at(10, 20))
        activity = self.overstay_activities(self.booking)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_front, "who made the booking")
        self.assertIn("still see people 20 minutes", str(activity.note))
        messages = len(self.booking.message_ids)
        self.assertEqual(self.progress_of(self.overstay_cron)[-1], (1, 0))
        self.assertIn(
            self.booking,
            self.Booking.search([("overstay_detected_at", "!=", False)]),
            "the Overstayed filter",
        )
        # the people are still there: nobody is told twice
        self.run_cron_at(self.overstay_cron, self.at(10, 30))
        self.assertEqual(self.booking.overstay_detected_at, self.at(10, 20))
        self.assertEqual(len(self.overstay_activities(self.booking)), 1)
        self.assertEqual(len(self.booking.message_ids), messages)

    def test_a_booking_made_online_tells_a_coworking_manager(self):
        self.booking.user_id = self.user_portal
        self.run_cron_at(self.overstay_cron, self.at(10, 20))
        self.assertEqual(
            self.overstay_activities(self.booking).user_id,
            self.company._coworking_responsible(),
        )

    def test_not_flagged_while_the_next_booking_holds_the_room(self):
        following = self.book(start=self.at(10, 30), stop=self.at(11, 30))
        # its check-in window is open from 10:15: the people may be its own
        self.run_cron_at(self.overstay_cron, self.at(10, 20))
        self.assertFalse(self.booking.overstay_detected_at)
        # nobody left, so it is checked in before the no-show rule runs
        self.run_cron_at(self.no_show_cron, self.at(11, 5))
        self.assertEqual(following.state, "checked_in")
        # after its end, the overstay is the last booking's
        self.run_cron_at(self.overstay_cron, self.at(11, 50))
        self.assertTrue(following.overstay_detected_at)
        self.assertFalse(self.booking.overstay_detected_at)

    def test_a_room_emptied_then_taken_again_is_no_overstay(self):
        self.sense(self.room_sensor, 0, self.at(10, 2))
        self.sense(self.room_sensor, 1, self.at(10, 10))
        self.assertEqual(self.room.iot_occupied_since, self.at(10, 10))
        self.run_cron_at(self.overstay_cron, self.at(10, 30))
        self.assertFalse(self.booking.overstay_detected_at)
        self.assertEqual(self.progress_of(self.overstay_cron)[-1], (0, 0))

    def test_the_delay_is_a_setting_within_bounds(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.coworking_overstay_minutes, 15)
        settings.coworking_overstay_minutes = 30
        settings.execute()
        self.run_cron_at(self.overstay_cron, self.at(10, 20))
        self.assertFalse(self.booking.overstay_detected_at)
        self.run_cron_at(self.overstay_cron, self.at(10, 35))
        self.assertTrue(self.booking.overstay_detected_at)
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"coworking_overstay_minutes": 2000})
