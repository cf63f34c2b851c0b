# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _is_coworking_one_time_sale(self):
        """Whether this line is a one-time sale of the suite, which gets a
        receipt when paid online: a booking, an event registration, a pack of
        credit hours."""
        self.ensure_one()
        return bool(
            self.coworking_booking_id
            or self.event_id
            or self.product_id.coworking_pack_hours
        )
