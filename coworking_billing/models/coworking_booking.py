# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CoworkingBooking(models.Model):
    _inherit = "coworking.booking"

    coworking_invoice_line_id = fields.Many2one(
        "account.move.line",
        string="Invoice Line",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The line of the monthly invoice that billed what the member's "
        "plan charges for this booking.",
    )
    coworking_invoice_id = fields.Many2one(
        related="coworking_invoice_line_id.move_id", string="Monthly Invoice"
    )
