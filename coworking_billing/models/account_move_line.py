# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

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

    # ------------------------------------------------------------------
    # Sources handed back when a monthly invoice is cancelled or deleted
    # ------------------------------------------------------------------

    def _coworking_sources(self):
        """``(bookings, usage entries)`` billed by these lines."""
        lines = self.filtered("coworking_source")
        if not lines:
            return (self.env["coworking.booking"], self.env["coworking.usage"])
        bookings = (
            self.env["coworking.booking"]
            .sudo()
            .with_context(active_test=False)
            .search([("coworking_invoice_line_id", "in", lines.ids)])
        )
        usages = (
            self.env["coworking.usage"]
            .sudo()
            .search([("invoice_line_id", "in", lines.ids)])
        )
        return bookings, usages

    def _coworking_release_sources(self):
        """Give the bookings and usage entries of these lines back to the
        monthly run: the next pass bills them again."""
        bookings, usages = self._coworking_sources()
        if bookings:
            bookings.write({"coworking_invoice_line_id": False})
        if usages:
            usages.write({"state": "to_invoice", "invoice_line_id": False})

    def _coworking_check_sources_free(self):
        """Refuse to bring back lines whose sources another live invoice
        bills now (the unique index would refuse it less clearly)."""
        lines = self.filtered("coworking_source")
        if not lines:
            return
        taken = self.search(
            [
                ("coworking_source", "in", lines.mapped("coworking_source")),
                ("id", "not in", lines.ids),
                ("parent_state", "!=", "cancel"),
            ],
            limit=1,
        )
        if taken:
            raise UserError(
                self.env._(
                    "%(line)s was billed again on %(move)s: this invoice stays "
                    "cancelled.",
                    line=taken.name,
                    move=taken.move_id.display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_coworking_release_sources(self):
        self._coworking_release_sources()
