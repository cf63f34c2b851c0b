# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .product_product import RATE_FIELDS


class ProductTemplate(models.Model):
    _inherit = "product.template"

    coworking_rate_hours = fields.Float(
        string="Booking Hours Covered",
        digits=(16, 2),
        help="How many hours of booking one unit of this product covers: 1 for "
        "an hourly rate (sold by fractions of an hour), 4 for a half-day, 8 for "
        "a day. Leave empty for a product that is not a booking rate.",
    )

    def write(self, vals):
        if RATE_FIELDS & vals.keys():
            self.env["coworking.space"]._coworking_clear_catalogue()
        return super().write(vals)

    @api.constrains("coworking_rate_hours")
    def _check_coworking_rate_hours(self):
        for template in self:
            if template.coworking_rate_hours < 0:
                raise ValidationError(
                    self.env._(
                        "'%(product)s' cannot cover a negative number of hours.",
                        product=template.display_name,
                    )
                )
