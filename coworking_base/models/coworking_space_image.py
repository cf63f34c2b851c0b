# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CoworkingSpaceImage(models.Model):
    _name = "coworking.space.image"
    _description = "Coworking Space Photo"
    _inherit = ["image.mixin"]
    _order = "sequence, id"

    name = fields.Char(translate=True, help="Caption shown under the photo.")
    sequence = fields.Integer(default=10)
    space_id = fields.Many2one(
        "coworking.space", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="space_id.company_id", store=True, index=True)
    image_1920 = fields.Image(required=True)
