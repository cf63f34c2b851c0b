# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks (issue 12):
# pylint: disable=consider-merging-classes-inherited
from datetime import timedelta

from odoo import Command, api, fields, models

DEFAULT_GRACE_DAYS = 15


class CoworkingMembership(models.Model):
    """The fee of a membership: an OCA subscription invoices it, and the
    membership is suspended while it is unpaid."""

    _inherit = "coworking.membership"

    # === BUSINESS METHODS === #

    def _prepare_subscription_values(self):
        self.ensure_one()
        plan = self.plan_id
        # the fee at its own price: the member pricelist is for bookings
        pricelist = self.env["product.pricelist"]._coworking_standard_pricelist(
            self.company_id
        )
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "template_id": plan.product_id.subscription_template_id.id,
            "pricelist_id": pricelist.id,
            "date_start": self.date_start,
            "recurring_next_date": self.date_start,
            "description": self.env._(
                "Membership %(name)s, plan %(plan)s",
                name=self.name,
                plan=plan.name,
            ),
            "sale_subscription_line_ids": [
                Command.create(
                    {
                        "product_id": plan.product_id.id,
                        "product_uom_qty": max(len(self.member_line_ids), 1),
                    }
                )
            ],
        }

    def _start_subscription(self):
        """Recurring plans: the fee is invoiced by a subscription, started on
        the membership's first day."""
        self.ensure_one()
        if self.plan_id.billing != "recurring" or self.subscription_id:
            return
        Subscription = self.env["sale.subscription"].sudo()
        subscription = Subscription.create(self._prepare_subscription_values())
        if self.date_start <= fields.Date.context_today(self):
            subscription.action_start_subscription()
        else:
            ready = self.env["sale.subscription.stage"].search(
                [("type", "=", "pre")], limit=1
            )
            subscription.stage_id = ready
        self.subscription_id = subscription

    def _close_subscription(self):
        self.ensure_one()
        subscription = self.subscription_id.sudo()
        if subscription and subscription.stage_id.type != "post":
            subscription.close_subscription()

    def _overdue_invoices(self, today=None):
        """Unpaid invoices of the memberships' fee, due more than the grace
        period ago."""
        today = today or fields.Date.context_today(self)
        subscriptions = self.subscription_id
        if not subscriptions:
            return self.env["account.move"]
        limit = today - timedelta(days=self._grace_days())
        return (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    "|",
                    ("subscription_id", "in", subscriptions.ids),
                    (
                        "line_ids.sale_line_ids.order_id.order_subscription_id",
                        "in",
                        subscriptions.ids,
                    ),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("invoice_date_due", "<", limit),
                ]
            )
        )

    def _reactivate_if_paid(self):
        for membership in self:
            if (
                membership.state == "suspended"
                and membership.suspend_reason == "unpaid"
            ):
                if not membership._overdue_invoices():
                    membership._move_to(
                        "active",
                        self.env._("the overdue invoices are paid"),
                        suspend_reason=False,
                    )

    # === CRON METHODS === #

    @api.model
    def _cron_check_payments(self):
        """Suspend the memberships with a fee unpaid after the grace period;
        reactivate those suspended for it once it is paid."""
        today = fields.Date.context_today(self)
        active = self.search(
            [("state", "=", "active"), ("subscription_id", "!=", False)]
        )
        for membership in active:
            overdue = membership._overdue_invoices(today)
            if overdue:
                membership._move_to(
                    "suspended",
                    self.env._(
                        "invoice %(invoices)s unpaid %(days)s days after its due date",
                        invoices=", ".join(overdue.mapped("name")),
                        days=self._grace_days(),
                    ),
                    suspend_reason="unpaid",
                )
        self.search(
            [("state", "=", "suspended"), ("suspend_reason", "=", "unpaid")]
        )._reactivate_if_paid()

    # === TOOLING === #

    @api.model
    def _grace_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("coworking_membership.grace_days", DEFAULT_GRACE_DAYS)
        )
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return DEFAULT_GRACE_DAYS
