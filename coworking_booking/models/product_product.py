# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _coworking_hours_covered(self):
        """Hours of booking one unit covers: the explicit setting, else the
        length of the product's unit of measure when it is a unit of time."""
        self.ensure_one()
        if self.coworking_rate_hours:
            return self.coworking_rate_hours
        hour = self.env.ref("uom.product_uom_hour", raise_if_not_found=False)
        if hour and self.uom_id.category_id == hour.category_id:
            return self.uom_id._compute_quantity(1.0, hour, round=False)
        return 0.0

    def _coworking_is_fractional(self):
        """Hourly rates are sold by fractions of an hour, longer rates by unit."""
        self.ensure_one()
        return self._coworking_hours_covered() <= 1.0
