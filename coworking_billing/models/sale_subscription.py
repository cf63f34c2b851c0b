# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class SaleSubscription(models.Model):
    _inherit = "sale.subscription"

    @api.model
    def cron_subscription_management(self):
        """The fees of memberships are invoiced by the monthly run, with the
        members' usage, in one invoice: subscription_oca's own cron leaves
        those subscriptions alone, so a member never gets two invoices for a
        month."""
        return super(
            SaleSubscription, self.with_context(coworking_billing_skip_memberships=True)
        ).cron_subscription_management()

    @api.model
    def search(self, domain, offset=0, limit=None, order=None):
        if self.env.context.get("coworking_billing_skip_memberships"):
            domain = [*domain, ("coworking_membership_ids", "=", False)]
        return super().search(domain, offset=offset, limit=limit, order=order)
