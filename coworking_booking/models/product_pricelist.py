# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ProductPricelist(models.Model):
    """A change here may change the rates of spaces: it clears the cached
    lists of spaces (``coworking.catalogue.mixin``)."""

    _name = "product.pricelist"
    _inherit = ["product.pricelist", "coworking.catalogue.mixin"]
