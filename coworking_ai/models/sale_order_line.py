# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

from ..tools import pricing


class SaleOrderLine(models.Model):
    """A booking's line keeps the move of its price with demand when Odoo
    prices it again (*Update prices*, a changed quantity)."""

    _inherit = "sale.order.line"

    def _get_display_price(self):
        price = super()._get_display_price()
        booking = self.sudo().coworking_booking_id
        percent = booking.price_adjustment_percent
        if not percent or self.product_id.id not in booking._demand_moved_products():
            return price
        return self.currency_id.round(pricing.scaled(price, percent))
