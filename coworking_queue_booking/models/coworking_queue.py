# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CoworkingQueue(models.Model):
    _inherit = "coworking.queue"

    booking_appointments = fields.Boolean(
        string="Bookings Bring Appointments",
        default=True,
        help="A visitor who booked a space of this location gets an "
        "appointment ticket, called near the booking's start.",
    )
    booking_lead_minutes = fields.Integer(
        string="Booking Check-in Window (min)",
        default=60,
        help="A booking starting within this many minutes (or started less "
        "than this many minutes ago) makes the ticket an appointment.",
    )

    _sql_constraints = [
        (
            "booking_lead_positive",
            "CHECK (booking_lead_minutes >= 0)",
            "The booking check-in window cannot be negative.",
        ),
    ]
