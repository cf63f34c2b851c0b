# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CoworkingUsage(models.Model):
    _inherit = "coworking.usage"

    pos_order_line_id = fields.Many2one(
        "pos.order.line",
        string="Desk Order Line",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The desk's sale charged to the membership: its price includes "
        "the taxes the desk already booked.",
    )
    pos_order_id = fields.Many2one(
        related="pos_order_line_id.order_id",
        string="Desk Order",
        store=True,
        index="btree_not_null",
    )

    _sql_constraints = [
        (
            "pos_order_line_uniq",
            "UNIQUE (pos_order_line_id)",
            "A desk's sale is charged to a membership once.",
        ),
    ]
