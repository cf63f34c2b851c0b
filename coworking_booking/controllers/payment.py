# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.http import request

from odoo.addons.sale.controllers.portal import PaymentPortal


class CoworkingPaymentPortal(PaymentPortal):
    """Sales lets a quotation be paid whatever its state; the quotation of a
    booking whose hold ran out (or that was cancelled) is not paid at all."""

    @http.route()
    def portal_order_transaction(self, order_id, access_token, **kwargs):
        """Refuse to start a payment for a released booking."""
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, access_token
            )
        except (AccessError, MissingError):
            order_sudo = None  # Sales answers with its own error
        if order_sudo and order_sudo._coworking_released():
            raise ValidationError(
                request.env._(
                    "This booking is no longer held: its hold ran out or it was "
                    "cancelled, so it cannot be paid. Please book again."
                )
            )
        return super().portal_order_transaction(order_id, access_token, **kwargs)
