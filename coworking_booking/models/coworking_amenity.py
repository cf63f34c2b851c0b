# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class CoworkingAmenity(models.Model):
    """Amenities are listed with the spaces: a change clears the cached
    lists (``coworking.catalogue.mixin``)."""

    _name = "coworking.amenity"
    _inherit = ["coworking.amenity", "coworking.catalogue.mixin"]
