# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PERIOD_UNITS = {"days": "days", "weeks": "weeks", "months": "months", "years": "years"}


class CoworkingMembershipPlan(models.Model):
    """What a membership offers: its fee, access, credit hours and guest passes."""

    _name = "coworking.membership.plan"
    _description = "Coworking Membership Plan"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    _sql_constraints = [
        (
            "figures_positive",
            "CHECK (credit_hours >= 0 AND guest_passes >= 0 "
            "AND booking_horizon_days >= 0)",
            "Hours, guest passes and horizon cannot be negative.",
        ),
        (
            "code_company_uniq",
            "UNIQUE (code, company_id)",
            "Another plan of this company uses this code.",
        ),
    ]

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(help="Short code, e.g. UNL.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    description = fields.Html(translate=True, help="Shown to members in the portal.")
    billing = fields.Selection(
        [
            ("recurring", "Recurring fee"),
            ("packs", "Pay as you go (packs of hours)"),
        ],
        required=True,
        default="recurring",
        tracking=True,
        help="Recurring fee: a subscription invoices the fee every period and "
        "the plan grants its credit hours each period. Pay as you go: no fee; "
        "members buy packs of hours.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Fee",
        check_company=True,
        domain="[('subscribable', '=', True)]",
        tracking=True,
        help="The subscribable product invoiced every period, per member; its "
        "subscription template sets the period.",
    )
    price = fields.Float(
        string="Price per Period",
        compute="_compute_price",
        digits="Product Price",
        help="The fee's sales price, per member and period.",
    )
    period_label = fields.Char(compute="_compute_period_label", string="Period")
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Member Pricelist",
        check_company=True,
        tracking=True,
        help="Prices of the bookings (and events) of the plan's members: put "
        "the members' discounts here.",
    )
    line_ids = fields.One2many(
        "coworking.membership.plan.line",
        "plan_id",
        string="Access",
        copy=True,
        help="The kinds of space the plan's members can book, and how.",
    )
    credit_hours = fields.Float(
        string="Shared Hours per Period",
        digits=(16, 2),
        tracking=True,
        help="Credit hours per member and period, for every kind of space the "
        "plan books with credit hours.",
    )
    rollover = fields.Boolean(
        string="Roll Over Unused Hours",
        help="Hours of a period left unused stay valid one more period instead "
        "of expiring at its end.",
    )
    overage = fields.Selection(
        [
            ("pay", "Pay the difference at the member price"),
            ("refuse", "Refuse the booking"),
        ],
        string="Beyond the Credits",
        required=True,
        default="pay",
        help="What happens when a booking needs more credit hours than are left.",
    )
    booking_horizon_days = fields.Integer(
        string="Booking Horizon (days)",
        help="How many days ahead members can book; 0: the spaces' own horizon.",
    )
    guest_passes = fields.Integer(
        string="Guest Passes per Period",
        help="Day passes per member and period for the members' guests.",
    )
    pack_product_ids = fields.Many2many(
        "product.product",
        string="Packs of Hours",
        check_company=True,
        domain="[('coworking_pack_hours', '>', 0)]",
        help="Packs of credit hours the members can buy from the portal.",
    )
    membership_ids = fields.One2many("coworking.membership", "plan_id")
    membership_count = fields.Integer(compute="_compute_membership_count")

    @api.depends("product_id.lst_price")
    def _compute_price(self):
        for plan in self:
            plan.price = plan.product_id.lst_price if plan.billing == "recurring" else 0

    @api.depends("product_id.subscription_template_id", "billing")
    @api.depends_context("lang")
    def _compute_period_label(self):
        units = dict(
            self.env["sale.subscription.template"]
            ._fields["recurring_rule_type"]
            ._description_selection(self.env)
        )
        for plan in self:
            template = plan.product_id.subscription_template_id
            if plan.billing != "recurring" or not template:
                plan.period_label = self.env._("Month")
            elif template.recurring_interval == 1:
                plan.period_label = units.get(template.recurring_rule_type)
            else:
                plan.period_label = self.env._(
                    "%(count)s %(unit)s",
                    count=template.recurring_interval,
                    unit=units.get(template.recurring_rule_type),
                )

    def _compute_membership_count(self):
        data = self.env["coworking.membership"]._read_group(
            [("plan_id", "in", self.ids), ("state", "in", ("active", "suspended"))],
            ["plan_id"],
            ["__count"],
        )
        counts = {plan.id: count for plan, count in data}
        for plan in self:
            plan.membership_count = counts.get(plan.id, 0)

    @api.constrains("billing", "product_id")
    def _check_product(self):
        for plan in self:
            if plan.billing != "recurring":
                continue
            product = plan.product_id
            if not product or not product.subscribable:
                raise ValidationError(
                    self.env._(
                        "Plan '%(plan)s' has a recurring fee: give it a "
                        "subscribable product.",
                        plan=plan.display_name,
                    )
                )
            if not product.subscription_template_id:
                raise ValidationError(
                    self.env._(
                        "The fee '%(product)s' of plan '%(plan)s' needs a "
                        "subscription template: it sets the period.",
                        product=product.display_name,
                        plan=plan.display_name,
                    )
                )

    def action_view_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_membership.coworking_membership_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    def _period_step(self):
        """One period of the plan, as a relativedelta (a month for plans
        without a recurring fee)."""
        self.ensure_one()
        template = self.product_id.subscription_template_id
        if self.billing != "recurring" or not template:
            return relativedelta(months=1)
        unit = PERIOD_UNITS.get(template.recurring_rule_type, "months")
        return relativedelta(**{unit: max(template.recurring_interval, 1)})

    def _line_for(self, kind_code):
        """The access line of a kind of space, empty when the plan gives no
        access to it."""
        self.ensure_one()
        return self.line_ids.filtered(lambda line: line.kind_id.code == kind_code)[:1]
