# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _check_amount_and_confirm_order(self):
        """A payment that lands on the quotation of a released booking books
        it again when the time is still free (then Sales confirms it as any
        paid quotation), or asks for a refund and tells the customer."""
        for tx in self.filtered(lambda tx: tx.state in ("authorized", "done")):
            tx.sale_order_ids._coworking_rebook_after_payment()
        return super()._check_amount_and_confirm_order()
