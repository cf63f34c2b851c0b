# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    coworking_booking_id = fields.Many2one(
        "coworking.booking",
        string="Booking",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        groups="coworking_base.group_coworking_user",
    )
