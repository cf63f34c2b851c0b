# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CoworkingBookingCancel(models.TransientModel):
    _name = "coworking.booking.cancel"
    _description = "Cancel Coworking Bookings"

    booking_ids = fields.Many2many("coworking.booking", required=True)
    reason = fields.Char()
    apply_fee = fields.Boolean(
        default=True,
        help="Charge the late cancellation fee of the location's policy. Staff "
        "can waive it.",
    )
    fee = fields.Monetary(compute="_compute_fee")
    currency_id = fields.Many2one(related="booking_ids.currency_id")
    policy_note = fields.Char(compute="_compute_fee")

    @api.depends("booking_ids", "apply_fee")
    def _compute_fee(self):
        for wizard in self:
            fees = [booking._get_cancel_fee() for booking in wizard.booking_ids]
            wizard.fee = sum(fees) if wizard.apply_fee else 0.0
            late = wizard.booking_ids.filtered(lambda b: b._get_cancel_fee())
            wizard.policy_note = (
                self.env._(
                    "%(count)s booking(s) cancelled after the free cancellation "
                    "deadline.",
                    count=len(late),
                )
                if late
                else self.env._("Free cancellation.")
            )

    def action_cancel(self):
        self.ensure_one()
        for booking in self.booking_ids:
            fee = booking._get_cancel_fee() if self.apply_fee else 0.0
            if booking.state not in ("held", "confirmed"):
                continue
            # a waived fee waives every late charge (e.g. credits kept)
            booking.with_context(coworking_cancel_waived=not self.apply_fee)._cancel(
                self.reason, fee=fee
            )
        return {"type": "ir.actions.act_window_close"}
