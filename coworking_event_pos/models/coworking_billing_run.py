# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, models


class CoworkingBillingRun(models.Model):
    _inherit = "coworking.billing.run"

    def _usage_line(self, usage):
        """A desk's sale charged to the membership was booked (income and
        taxes) by the desk's closing, on the clearing account of membership
        charges: the invoice line clears that account, tax included, and
        books no income or tax a second time."""
        values = super()._usage_line(usage)
        if usage.pos_order_line_id:
            clearing = usage.company_id._coworking_membership_clearing_account()
            values.update(
                {
                    "account_id": clearing.id,
                    "tax_ids": [Command.clear()],
                }
            )
        return values
