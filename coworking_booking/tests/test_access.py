# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import NOW, BookingCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestBookingAccess(BookingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_portal.partner_id.is_coworking_member = True
        cls.mine = cls.Booking.create(
            {
                "space_id": cls.room.id,
                "partner_id": cls.user_portal.partner_id.id,
                "start": cls.at(9),
                "stop": cls.at(10),
                "state": "confirmed",
            }
        )
        cls.theirs = cls.Booking.create(
            {
                "space_id": cls.room.id,
                "partner_id": cls.member.id,
                "start": cls.at(13),
                "stop": cls.at(14),
                "state": "confirmed",
            }
        )

    def test_portal_sees_only_its_bookings(self):
        Booking = self.Booking.with_user(self.user_portal)
        self.assertEqual(Booking.search([]), self.mine)
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.user_portal).read(["name"])
        with self.assertRaises(AccessError):
            self.mine.with_user(self.user_portal).write({"seats": 2})

    def test_front_desk_books_for_anyone_but_cannot_delete(self):
        booking = self.Booking.with_user(self.user_front).create(
            {
                "space_id": self.room_2.id,
                "partner_id": self.member.id,
                "start": self.at(9),
                "stop": self.at(10),
                "state": "confirmed",
            }
        )
        self.assertEqual(booking.user_id, self.user_front)
        action = booking.with_user(self.user_front).action_cancel()
        self.assertEqual(action["res_model"], "coworking.booking.cancel")
        wizard = (
            self.env["coworking.booking.cancel"]
            .with_user(self.user_front)
            .with_context(**action["context"])
            .create({})
        )
        wizard.action_cancel()
        self.assertEqual(booking.state, "cancelled", "the desk cancels")
        with self.assertRaises(AccessError):
            booking.with_user(self.user_front).unlink()
        self.assertTrue(booking.exists(), "but does not delete")

    def test_other_employees_and_roles_have_no_access(self):
        for user in (self.user_employee, self.user_cashier, self.user_agent):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Booking.with_user(user).search([])

    def test_manager_deletes_only_cancelled_bookings(self):
        with self.assertRaises(UserError):
            self.theirs.with_user(self.user_manager).unlink()
        self.assertTrue(self.theirs.exists(), "a live booking stays")
        self.theirs._cancel("test")
        self.theirs.with_user(self.user_manager).unlink()
        self.assertFalse(self.theirs.exists(), "a cancelled one is deleted")

    def test_another_company_is_invisible(self):
        space = self._create_foreign_space()
        booking = self.Booking.create(
            {
                "space_id": space.id,
                "partner_id": self.member.id,
                "start": self.at(9),
                "stop": self.at(10),
                "state": "confirmed",
            }
        )
        self.assertEqual(booking.company_id, space.company_id)
        self.assertNotEqual(booking.company_id, self.env.company)
        self.assertNotIn(booking, self.Booking.with_user(self.user_manager).search([]))
        with self.assertRaises(AccessError):
            self.Booking.with_user(self.user_manager).create(
                {
                    "space_id": space.id,
                    "partner_id": self.member.id,
                    "start": self.at(11),
                    "stop": self.at(12),
                }
            )
