# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_cancel(self):
        """A cancelled order takes back the access its tickets gave: scans
        answer ``revoked`` with the order's name."""
        confirmed = self.order_line.registration_ids.filtered(
            lambda registration: registration.state in ("open", "done")
        )
        result = super()._action_cancel()
        for order in self:
            confirmed.filtered(
                lambda registration, order=order: registration.sale_order_id == order
            )._coworking_revoke(self.env._("order %s cancelled", order.name))
        return result
