# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coworking_hold_minutes = fields.Integer(
        string="Hold Unpaid Bookings (min)",
        config_parameter="coworking_booking.hold_minutes",
        default=30,
        help="A guest's booking waits this long for its payment, then the slot "
        "is released.",
    )
    coworking_no_show_minutes = fields.Integer(
        string="No-Show After (min)",
        config_parameter="coworking_booking.no_show_minutes",
        default=30,
        help="A confirmed booking not checked in this long after its start is "
        "marked as a no-show.",
    )
    coworking_reminder_hours = fields.Integer(
        string="Reminder (hours before)",
        config_parameter="coworking_booking.reminder_hours",
        default=24,
    )
