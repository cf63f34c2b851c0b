# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    coworking_pack_hours = fields.Float(
        string="Credit Hours in the Pack",
        digits=(16, 2),
        help="Selling one unit of this product adds these credit hours to the "
        "buyer's membership.",
    )
    coworking_pack_validity_days = fields.Integer(
        string="Pack Valid for (days)",
        default=90,
        help="The pack's hours can be used this many days after the purchase.",
    )

    _sql_constraints = [
        (
            "coworking_pack_positive",
            "CHECK (coworking_pack_hours >= 0 AND coworking_pack_validity_days >= 0)",
            "The hours and validity of a pack cannot be negative.",
        ),
    ]
