# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _invoice_paid_hook(self):
        """A paid fee reactivates a membership suspended for it, at once."""
        res = super()._invoice_paid_hook()
        subscriptions = self.subscription_id | (
            self.line_ids.sale_line_ids.order_id.order_subscription_id
        )
        if subscriptions:
            self.env["coworking.membership"].sudo().search(
                [
                    ("subscription_id", "in", subscriptions.ids),
                    ("state", "=", "suspended"),
                    ("suspend_reason", "=", "unpaid"),
                ]
            )._reactivate_if_paid()
        return res
