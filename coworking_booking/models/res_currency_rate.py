# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ResCurrencyRate(models.Model):
    """A change here may change the rates of spaces: it clears the cached
    lists of spaces (``coworking.catalogue.mixin``)."""

    _name = "res.currency.rate"
    _inherit = ["res.currency.rate", "coworking.catalogue.mixin"]
