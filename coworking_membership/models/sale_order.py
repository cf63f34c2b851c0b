# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.tools import float_compare, float_round

from .coworking_membership_credit import HOURS_DIGITS


class SaleOrder(models.Model):
    """Packs of credit hours sold by an order credit the member's ledger."""

    _inherit = "sale.order"

    def action_confirm(self):
        res = super().action_confirm()
        self.sudo()._grant_coworking_packs()
        return res

    def _action_cancel(self):
        res = super()._action_cancel()
        self.sudo()._withdraw_coworking_packs()
        return res

    def _withdraw_coworking_packs(self):
        """A cancelled order takes back the hours of its packs that are
        left; hours already used cannot be taken back, so a person is asked
        to settle them with the member."""
        Credit = self.env["coworking.membership.credit"].sudo()
        lots = Credit.search(
            [("sale_line_id", "in", self.order_line.ids), ("type", "=", "pack")]
        )
        if not lots:
            return
        remaining = Credit._lot_remaining(lots.ids)
        expired = Credit.search(
            [("lot_id", "in", lots.ids), ("type", "=", "expire")]
        ).lot_id
        for lot in lots - expired:
            membership = lot.membership_id
            membership._lock()
            left = float_round(
                remaining.get(lot.id, 0.0), precision_digits=HOURS_DIGITS
            )
            if left > 0:
                Credit.create(
                    {
                        "membership_id": membership.id,
                        "type": "expire",
                        "unit": lot.unit,
                        "amount": -left,
                        "lot_id": lot.id,
                        "note": self.env._(
                            "Order %(order)s cancelled",
                            order=lot.sale_line_id.order_id.name,
                        ),
                    }
                )
            used = float_round(lot.amount - left, precision_digits=HOURS_DIGITS)
            membership.message_post(
                body=self.env._(
                    "Order %(order)s was cancelled: %(left)s h of its pack taken "
                    "back.",
                    order=lot.sale_line_id.order_id.name,
                    left=left,
                )
            )
            if float_compare(used, 0.0, precision_digits=HOURS_DIGITS) > 0:
                membership.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=(
                        lot.sale_line_id.order_id.user_id
                        or membership.company_id._coworking_responsible()
                    ).id,
                    summary=self.env._("Settle the hours of a cancelled pack"),
                    note=self.env._(
                        "%(used)s h of the pack sold on %(order)s were used "
                        "before the order was cancelled: invoice them or "
                        "settle them with the member.",
                        used=used,
                        order=lot.sale_line_id.order_id.name,
                    ),
                )

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
                self.env["coworking.membership.credit"]._grant_pack(membership, line)
            membership.message_post(
                body=self.env._("Packs of hours bought: %(order)s.", order=order.name)
            )
