# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class CoworkingMembershipChangePlan(models.TransientModel):
    """Upgrade or downgrade: the new plan takes effect at the start of the
    next period, so the current period keeps its price and credits."""

    _name = "coworking.membership.change.plan"
    _description = "Change the Plan of a Coworking Membership"

    membership_id = fields.Many2one("coworking.membership", required=True)
    current_plan_id = fields.Many2one(related="membership_id.plan_id")
    plan_id = fields.Many2one(
        "coworking.membership.plan",
        string="New Plan",
        required=True,
        domain="[('id', '!=', current_plan_id), " "('company_id', '=', company_id)]",
    )
    company_id = fields.Many2one(related="membership_id.company_id")
    effective_date = fields.Date(compute="_compute_effective_date")

    @api.depends("membership_id")
    def _compute_effective_date(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            membership = wizard.membership_id
            if membership.state == "draft":
                wizard.effective_date = membership.date_start
            elif membership:
                _start, stop = membership._period_bounds(
                    max(today, membership.date_start)
                )
                wizard.effective_date = stop + timedelta(days=1)
            else:
                wizard.effective_date = False

    def action_apply(self):
        self.ensure_one()
        membership = self.membership_id
        if membership.state in ("expired", "cancelled"):
            raise UserError(self.env._("This membership has ended."))
        if membership.state == "draft":
            # not started yet: the plan is simply replaced
            membership.write({"plan_id": self.plan_id.id})
        else:
            membership.write(
                {
                    "next_plan_id": self.plan_id.id,
                    "next_plan_date": self.effective_date,
                }
            )
            membership.message_post(
                body=self.env._(
                    "Plan %(plan)s from %(date)s.",
                    plan=self.plan_id.name,
                    date=self.effective_date,
                )
            )
        return {"type": "ir.actions.act_window_close"}
