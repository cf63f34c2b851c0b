# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .coworking_booking import DEFAULT_OVERSTAY_MINUTES, MAX_OVERSTAY_MINUTES


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coworking_overstay_minutes = fields.Integer(
        string="Overstay After (min)",
        config_parameter="coworking_iot_booking.overstay_minutes",
        default=DEFAULT_OVERSTAY_MINUTES,
        help="People the sensors still see this long after the end of a booking "
        "of a whole space, when no other booking holds it, are an overstay: "
        "the staff is told.",
    )

    @api.constrains("coworking_overstay_minutes")
    def _check_coworking_overstay_minutes(self):
        for settings in self:
            if not 0 <= settings.coworking_overstay_minutes <= MAX_OVERSTAY_MINUTES:
                raise ValidationError(
                    self.env._(
                        "An overstay is noticed 0 to %(max)s minutes after a "
                        "booking's end.",
                        max=MAX_OVERSTAY_MINUTES,
                    )
                )
