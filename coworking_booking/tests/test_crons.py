# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import NOW, BookingCommon


@tagged("post_install", "-at_install")
class TestBookingCrons(BookingCommon):
    def test_no_show_and_done(self):
        with freeze_time(NOW):
            late = self.book(start=self.at(9), stop=self.at(10))
            present = self.book(start=self.at(11), stop=self.at(12))
        with freeze_time(self.at(11)):
            present.action_check_in()
            self.Booking._cron_mark_no_shows()
        self.assertEqual(late.state, "no_show")
        self.assertEqual(present.state, "checked_in")
        with freeze_time(self.at(12, 5)):
            self.Booking._cron_mark_no_shows()
        self.assertEqual(present.state, "done")

    def test_reminder_is_sent_once(self):
        with freeze_time(NOW):
            booking = self.book(start=self.at(9), stop=self.at(10))
        with freeze_time(self.at(9) - timedelta(hours=30)):
            self.Booking._cron_send_reminders()
            self.assertFalse(booking.reminder_sent, "too early")
        with freeze_time(self.at(9) - timedelta(hours=20)):
            self.Booking._cron_send_reminders()
            self.assertTrue(booking.reminder_sent)
            count = len(booking.message_ids)
            self.Booking._cron_send_reminders()
            self.assertEqual(len(booking.message_ids), count)
        self.assertTrue(
            booking.message_ids.filtered(lambda m: "reminder" in (m.body or ""))
        )

    def test_check_in_and_no_show_buttons_check_the_state(self):
        with freeze_time(NOW):
            booking = self.book(start=self.at(9), stop=self.at(10))
            with self.assertRaises(UserError):
                booking.action_check_in()  # a week early
            with self.assertRaises(UserError):
                booking.action_no_show()  # not started
            with self.assertRaises(UserError):
                booking.action_done()
