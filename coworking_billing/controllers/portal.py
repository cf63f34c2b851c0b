# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.sale.controllers.portal import CustomerPortal


class CoworkingBillingPortal(CustomerPortal):
    @http.route(
        ["/my/orders/<int:order_id>/receipt"], type="http", auth="public", website=True
    )
    def portal_order_receipt(self, order_id, access_token=None, download=None, **kw):
        """The receipt of an order paid online (a booking, an event)."""
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not order_sudo.coworking_paid_online:
            return request.redirect(order_sudo.get_portal_url())
        return self._show_report(
            model=order_sudo,
            report_type="pdf",
            report_ref="coworking_billing.action_report_order_receipt",
            download=download == "true",
        )
