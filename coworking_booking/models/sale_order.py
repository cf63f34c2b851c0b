# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    coworking_booking_ids = fields.One2many(
        "coworking.booking",
        "sale_order_id",
        string="Bookings",
        groups="coworking_base.group_coworking_user",
    )
    coworking_booking_count = fields.Integer(
        compute="_compute_coworking_booking_count",
        groups="coworking_base.group_coworking_user",
    )

    @api.depends("coworking_booking_ids")
    def _compute_coworking_booking_count(self):
        for order in self:
            order.coworking_booking_count = len(order.coworking_booking_ids)

    def action_confirm(self):
        res = super().action_confirm()
        # whoever confirms the order (a salesperson, the payment of a guest),
        # its bookings follow
        self.sudo().coworking_booking_ids._on_order_confirmed()
        return res

    def _action_cancel(self):
        res = super()._action_cancel()
        self.sudo().coworking_booking_ids.filtered(
            lambda booking: booking.state in ("held", "confirmed")
        )._cancel(self.env._("The order was cancelled."))
        return res

    def action_view_coworking_bookings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_booking.coworking_booking_action"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {}
        return action
