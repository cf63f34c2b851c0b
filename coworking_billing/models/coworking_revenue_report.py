# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools

from .account_move_line import STREAMS


class CoworkingRevenueReport(models.Model):
    """Invoiced revenue by stream, location and month, from the posted
    customer invoices and credit notes."""

    _name = "coworking.revenue.report"
    _description = "Coworking Revenue"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    stream = fields.Selection(STREAMS, readonly=True)
    location_id = fields.Many2one("coworking.location", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    amount = fields.Monetary(string="Revenue", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT line.id AS id,
                       move.invoice_date AS date,
                       move.company_id AS company_id,
                       COALESCE(line.coworking_stream, 'other') AS stream,
                       line.coworking_location_id AS location_id,
                       move.commercial_partner_id AS partner_id,
                       line.product_id AS product_id,
                       move.id AS move_id,
                       -line.balance AS amount
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                 WHERE move.state = 'posted'
                   AND move.move_type IN ('out_invoice', 'out_refund')
                   AND line.display_type = 'product'
            )
            """
        )
