# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        """A posted credit note on a ticket sold through a sale order
        refunds it: the registrations of that sale line lose their access
        (paid workshops included)."""
        posted = super()._post(soft=soft)
        refunds = posted.filtered(lambda move: move.move_type == "out_refund")
        registrations = refunds.invoice_line_ids.sale_line_ids.registration_ids
        if registrations:
            registrations._coworking_revoke(
                self.env._("refunded by %s", ", ".join(refunds.mapped("name")))
            )
        return posted
