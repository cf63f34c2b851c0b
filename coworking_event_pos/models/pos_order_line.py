# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    coworking_usage_ids = fields.One2many(
        "coworking.usage",
        "pos_order_line_id",
        string="Membership Charges",
        readonly=True,
        groups="coworking_base.group_coworking_user,coworking_base.group_coworking_cashier",
    )
