# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class CoworkingResourceMixin(models.AbstractModel):
    """The rules a member's plan adds to the booking of a space."""

    _inherit = "coworking.resource.mixin"

    def _rule_refusals(self, start, stop, seats, staff, now, partner=None):
        reasons = super()._rule_refusals(
            start, stop, seats, staff, now, partner=partner
        )
        if staff or not partner or self._name != "coworking.space":
            return reasons
        membership = self.env["coworking.booking"]._membership_for(partner, self, start)
        if not membership:
            return reasons
        plan = membership.plan_id
        if not plan._line_for(self.kind):
            kinds = dict(self._fields["kind"]._description_selection(self.env))
            message = self.env._(
                "Your plan %(plan)s does not give access to %(kind)s spaces.",
                plan=plan.name,
                kind=kinds.get(self.kind, self.kind),
            )
            return [*reasons, ("no_access", message)]
        return reasons + membership._credit_refusals(self, start, stop, seats)

    def _booking_horizon_days(self, partner=None):
        days = super()._booking_horizon_days(partner)
        membership = (
            self.env["coworking.booking"]._membership_for(partner, self)
            if partner
            else None
        )
        if membership and membership.plan_id.booking_horizon_days:
            return membership.plan_id.booking_horizon_days
        return days
