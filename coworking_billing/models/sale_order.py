# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    coworking_on_account = fields.Boolean(
        string="Charged to the Membership",
        copy=False,
        tracking=True,
        help="Confirmed without payment: the monthly invoice of the member or "
        "team bills its lines (e.g. event registrations of members).",
    )
    coworking_paid_online = fields.Boolean(
        compute="_compute_coworking_paid_online",
        help="Paid at once, online: it has a receipt.",
    )

    def _compute_coworking_paid_online(self):
        for order in self:
            order.coworking_paid_online = bool(
                order.state == "sale"
                and order.transaction_ids.filtered(lambda tx: tx.state == "done")
                and order.order_line.filtered(
                    lambda line: line._is_coworking_one_time_sale()
                )
            )

    def action_coworking_charge_to_account(self):
        """Confirm the order for a member: its lines go on the member's (or
        team's) next monthly invoice instead of being paid now."""
        Booking = self.env["coworking.booking"]
        for order in self:
            if order.state not in ("draft", "sent"):
                raise UserError(
                    self.env._("Only a quotation can be charged to a membership.")
                )
            if not Booking._membership_for(
                order.partner_id,
                company=order.company_id,
                day=fields.Date.context_today(order),
            ):
                raise UserError(
                    self.env._(
                        "%(partner)s has no active membership of %(company)s "
                        "to charge today.",
                        partner=order.partner_id.display_name,
                        company=order.company_id.name,
                    )
                )
        self.write({"coworking_on_account": True, "require_payment": False})
        self.action_confirm()
        return True

    def _get_confirmation_template(self):
        """An order of the suite paid online (a booking, an event
        registration, a pack of hours) is confirmed with its receipt; other
        orders keep the confirmation configured in Sales."""
        self.ensure_one()
        if self.coworking_paid_online:
            template = self.env.ref(
                "coworking_billing.mail_template_order_receipt",
                raise_if_not_found=False,
            )
            if template:
                return template
        return super()._get_confirmation_template()
