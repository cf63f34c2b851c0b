# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.coworking_booking.tests.common import NOW, BookingCommon


@tagged("post_install", "-at_install")
class TestAppointmentFromBooking(BookingCommon):
    """Camille booked the room from 9:00 to 10:00 UTC on Tuesday; she takes
    a reception ticket at 8:30 UTC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.queue = cls.env["coworking.queue"].create(
            {"name": "Reception", "location_id": cls.location.id, "prefix": "R"}
        )
        with freeze_time(NOW):
            cls.booking = cls.Booking.create(
                {
                    "space_id": cls.room.id,
                    "partner_id": cls.member.id,
                    "start": cls.at(9),
                    "stop": cls.at(10),
                    "state": "confirmed",
                }
            )
        cls.Ticket = cls.env["coworking.queue.ticket"]

    def take(self, partner, minute=30):
        return self.Ticket._take(self.queue, partner=partner, now=self.at(8, minute))

    def test_a_booking_makes_the_ticket_an_appointment_at_its_start(self):
        ticket = self.take(self.member)
        self.assertEqual(ticket.ticket_type, "appointment")
        self.assertEqual(ticket.appointment_at, self.booking.start)
        self.assertEqual(ticket.booking_id, self.booking)
        # called from five minutes before the booking: after a visitor who
        # came at 8:40, before one who came at 8:56
        first = self.Ticket._take(self.queue, now=self.at(8, 40))
        last = self.Ticket._take(self.queue, now=self.at(8, 56))
        self.assertLess(first.rank, ticket.rank)
        self.assertLess(ticket.rank, last.rank)

    def test_without_a_booking_near_the_ticket_is_normal(self):
        self.assertEqual(self.take(self.member, minute=0).ticket_type, "appointment")
        stranger = self.env["res.partner"].create({"name": "Walk-in"})
        self.assertEqual(self.take(stranger).ticket_type, "normal")

    def test_a_cancelled_booking_or_a_queue_without_appointments_gives_none(self):
        self.booking.sudo().write({"state": "cancelled"})
        self.assertEqual(self.take(self.member).ticket_type, "normal")
        self.booking.sudo().write({"state": "confirmed"})
        self.queue.booking_appointments = False
        self.assertEqual(self.take(self.member, minute=31).ticket_type, "normal")

    def test_a_booking_long_before_the_window_gives_none(self):
        self.queue.booking_lead_minutes = 15
        self.assertEqual(self.take(self.member, minute=30).ticket_type, "normal")
