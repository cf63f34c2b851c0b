# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CoworkingAmenity(models.Model):
    _name = "coworking.amenity"
    _description = "Coworking Amenity"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    icon = fields.Char(
        default="fa-check",
        help="Font Awesome class shown next to the amenity, e.g. fa-wifi.",
    )
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the amenity between all companies.",
    )
    space_ids = fields.Many2many(
        "coworking.space",
        "coworking_space_amenity_rel",
        "amenity_id",
        "space_id",
        string="Spaces",
    )
