# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

STREAMS = [
    ("membership", "Memberships"),
    ("booking", "Bookings"),
    ("event", "Events"),
    ("usage", "Usage"),
    ("other", "Other"),
]


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    coworking_source = fields.Char(
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="What the monthly run invoiced on this line, e.g. "
        "coworking.booking,12: each source is invoiced once.",
    )
    coworking_stream = fields.Selection(
        STREAMS,
        string="Revenue Stream",
        compute="_compute_coworking_stream",
        store=True,
        readonly=False,
    )
    coworking_location_id = fields.Many2one(
        "coworking.location",
        string="Coworking Location",
        compute="_compute_coworking_stream",
        store=True,
        readonly=False,
    )

    def init(self):
        res = super().init()
        # every booking, usage entry and fee is invoiced once
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS account_move_line_coworking_source_uniq
                ON account_move_line (coworking_source)
             WHERE coworking_source IS NOT NULL AND parent_state != 'cancel'
            """
        )
        return res

    @api.depends("product_id", "sale_line_ids", "move_id.move_type")
    def _compute_coworking_stream(self):
        for line in self:
            if line.coworking_stream and line.coworking_source:
                continue  # set by the monthly run
            sale_lines = line.sale_line_ids.sudo()
            bookings = sale_lines.coworking_booking_id
            if bookings:
                line.coworking_stream = "booking"
                line.coworking_location_id = bookings[:1].location_id
            elif sale_lines.event_id:
                line.coworking_stream = "event"
                line.coworking_location_id = False
            elif line.product_id.subscribable or line.product_id.coworking_pack_hours:
                line.coworking_stream = "membership"
                line.coworking_location_id = False
            elif line.move_id.is_sale_document() and line.display_type == "product":
                line.coworking_stream = "other"
                line.coworking_location_id = False
            else:
                line.coworking_stream = False
                line.coworking_location_id = False
