# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CoworkingUsage(models.Model):
    """Billable usage recorded by the front desk (printing, coffee, a day
    pass...): invoiced once, on the monthly invoice of the member or team."""

    _name = "coworking.usage"
    _description = "Coworking Usage Entry"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    membership_id = fields.Many2one(
        "coworking.membership",
        compute="_compute_membership_id",
        store=True,
        precompute=True,
        readonly=False,
        check_company=True,
        help="The membership whose invoice carries this usage.",
    )
    billed_partner_id = fields.Many2one(
        "res.partner",
        string="Billed To",
        compute="_compute_billed_partner_id",
        store=True,
        precompute=True,
        index=True,
    )
    location_id = fields.Many2one("coworking.location", check_company=True)
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        domain="[('sale_ok', '=', True)]",
        tracking=True,
    )
    quantity = fields.Float(
        default=1.0, required=True, digits="Product Unit of Measure"
    )
    price_unit = fields.Float(
        string="Unit Price",
        compute="_compute_price_unit",
        store=True,
        precompute=True,
        readonly=False,
        digits="Product Price",
        help="The product's price for this customer (their pricelist).",
    )
    amount = fields.Monetary(
        compute="_compute_amount", store=True, precompute=True, string="Untaxed"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [
            ("to_invoice", "To Invoice"),
            ("invoiced", "Invoiced"),
            ("cancelled", "Cancelled"),
        ],
        default="to_invoice",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    invoice_line_id = fields.Many2one(
        "account.move.line", readonly=True, copy=False, index="btree_not_null"
    )
    invoice_id = fields.Many2one(related="invoice_line_id.move_id", string="Invoice")
    user_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda s: s.env.user
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK (quantity > 0)", "The quantity must be positive."),
        (
            "price_positive",
            "CHECK (price_unit >= 0)",
            "The unit price cannot be negative.",
        ),
        (
            "invoiced_has_line",
            "CHECK (state != 'invoiced' OR invoice_line_id IS NOT NULL)",
            "An invoiced usage entry points to its invoice line.",
        ),
    ]

    @api.depends("product_id")
    def _compute_name(self):
        for usage in self:
            if usage.product_id and not usage.name:
                usage.name = usage.product_id.display_name

    @api.depends("partner_id", "date", "company_id")
    def _compute_membership_id(self):
        Booking = self.env["coworking.booking"]
        for usage in self:
            # the membership of that company covering that day, if any
            usage.membership_id = Booking._membership_for(
                usage.partner_id, company=usage.company_id, day=usage.date
            )

    @api.depends("membership_id.partner_id", "partner_id")
    def _compute_billed_partner_id(self):
        for usage in self:
            usage.billed_partner_id = (
                usage.membership_id.partner_id or usage.partner_id.commercial_partner_id
            )

    @api.depends("product_id", "partner_id", "quantity", "date")
    def _compute_price_unit(self):
        for usage in self:
            if not usage.product_id:
                usage.price_unit = 0.0
                continue
            pricelist = usage.partner_id.with_company(
                usage.company_id
            ).property_product_pricelist
            if pricelist:
                usage.price_unit = pricelist._get_product_price(
                    usage.product_id,
                    usage.quantity or 1.0,
                    partner=usage.partner_id,
                    date=usage.date,
                )
            else:
                usage.price_unit = usage.product_id.lst_price

    @api.depends("quantity", "price_unit")
    def _compute_amount(self):
        for usage in self:
            usage.amount = usage.currency_id.round(usage.quantity * usage.price_unit)

    def write(self, vals):
        if set(vals) - {"state", "invoice_line_id", "message_main_attachment_id"}:
            if any(usage.state == "invoiced" for usage in self):
                raise UserError(
                    self.env._("An invoiced usage entry cannot be changed.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        if any(usage.state == "invoiced" for usage in self):
            raise UserError(self.env._("An invoiced usage entry cannot be deleted."))

    def action_cancel(self):
        if any(usage.state == "invoiced" for usage in self):
            raise UserError(
                self.env._("An invoiced usage entry is cancelled by a credit note.")
            )
        self.write({"state": "cancelled"})
        return True

    def action_reset(self):
        self.filtered(lambda usage: usage.state == "cancelled").write(
            {"state": "to_invoice"}
        )
        return True
