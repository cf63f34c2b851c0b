# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_confirm(self):
        res = super().action_confirm()
        self.sudo()._grant_coworking_packs()
        return res

    def _grant_coworking_packs(self):
        """Packs of hours sold (paid online or confirmed by staff) credit the
        running membership of the customer."""
        Booking = self.env["coworking.booking"]
        for order in self:
            lines = order.order_line.filtered(
                lambda line: line.product_id.coworking_pack_hours > 0
            )
            if not lines:
                continue
            membership = Booking._membership_for(
                order.partner_id, company=order.company_id
            )
            if not membership:
                membership = self.env["coworking.membership"].search(
                    [
                        ("partner_id", "=", order.partner_id.commercial_partner_id.id),
                        ("state", "=", "active"),
                        ("company_id", "=", order.company_id.id),
                    ],
                    limit=1,
                )
            if not membership:
                order.message_post(
                    body=self.env._(
                        "This order sells packs of hours, but %(partner)s has no "
                        "running membership to credit: create one, then confirm "
                        "the packs from it.",
                        partner=order.partner_id.display_name,
                    )
                )
                continue
            for line in lines:
                membership._grant_pack(line)
            membership.message_post(
                body=self.env._("Packs of hours bought: %(order)s.", order=order.name)
            )
