# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models, tools


class CoworkingCatalogueMixin(models.AbstractModel):
    """What the lists of spaces show: spaces, locations, amenities, and their
    prices (pricelists, their rules, currency rates). Those lists are the same
    for every visitor with the same pricelist, so they are kept in the
    registry's cache (``_coworking_cached``); any change to a record of a
    model inheriting this mixin clears it, in every worker."""

    _name = "coworking.catalogue.mixin"
    _description = "Coworking Catalogue (cache invalidation)"

    @api.model
    @tools.ormcache("key")
    def _coworking_cached(self, key, build):
        """``build()``, kept under ``key`` until the catalogue changes. The
        key holds all that the result depends on; the result is shared: never
        change it."""
        return build()

    @api.model
    def _coworking_clear_catalogue(self):
        self.env.registry.clear_cache()

    @api.model_create_multi
    def create(self, vals_list):
        self._coworking_clear_catalogue()
        return super().create(vals_list)

    def write(self, vals):
        self._coworking_clear_catalogue()
        return super().write(vals)

    def unlink(self):
        self._coworking_clear_catalogue()
        return super().unlink()
