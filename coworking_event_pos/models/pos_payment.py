# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PosPayment(models.Model):
    _inherit = "pos.payment"

    coworking_config_id = fields.Many2one(
        related="session_id.config_id",
        string="Desk",
        store=True,
        index="btree_not_null",
        help="The desk (Point of Sale) where the payment was taken.",
    )
