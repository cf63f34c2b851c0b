# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models, tools

# fields of products whose change changes a rate table
RATE_FIELDS = {"list_price", "uom_id", "coworking_rate_hours", "active"}


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    @tools.ormcache("product_ids", "pricelist_id", "partner_id", "moment")
    def _coworking_rate_table(self, product_ids, pricelist_id, partner_id, moment):
        """``{product id: (hours covered, unit price)}`` of rate products for
        a pricelist at a moment, kept in the registry's cache: the website's
        and the API's lists of spaces show the same rates to every visitor,
        and pricing them is most of their cost. Whatever changes a rate
        (product prices and units, pricelists and their rules, currency
        rates) clears the cache (``coworking.catalogue.mixin``)."""
        products = self.sudo().browse(product_ids)
        pricelist = self.env["product.pricelist"].sudo().browse(pricelist_id)
        partner = self.env["res.partner"].sudo().browse(partner_id)
        units = (
            self.env["coworking.booking"]
            .sudo()
            ._unit_prices(products, pricelist, partner or None, date=moment or False)
        )
        return {
            product.id: (product._coworking_hours_covered(), units[product.id])
            for product in products
        }

    @api.model
    def _coworking_rate_moment(self, moment):
        """The moment a rate table is computed for: ``moment``, or None when
        no pricelist rule of the database starts or ends at a date, so that
        the tables of every moment are one."""
        return moment if self._coworking_dated_rules() else None

    @api.model
    @tools.ormcache()
    def _coworking_dated_rules(self):
        Item = self.env["product.pricelist.item"].sudo().with_context(active_test=False)
        return bool(
            Item.search_count(
                ["|", ("date_start", "!=", False), ("date_end", "!=", False)], limit=1
            )
        )

    def write(self, vals):
        if RATE_FIELDS & vals.keys():
            self.env["coworking.space"]._coworking_clear_catalogue()
        return super().write(vals)

    def _coworking_hours_covered(self):
        """Hours of booking one unit covers: the explicit setting, else the
        length of the product's unit of measure when it is a unit of time."""
        self.ensure_one()
        if self.coworking_rate_hours:
            return self.coworking_rate_hours
        # the id is cached by the registry; ``env.ref`` would also query
        # whether the record exists, for every product priced
        hour_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "uom.product_uom_hour", raise_if_not_found=False
        )
        hour = self.env["uom.uom"].browse(hour_id)
        if hour and self.uom_id.category_id == hour.category_id:
            return self.uom_id._compute_quantity(1.0, hour, round=False)
        return 0.0

    def _coworking_is_fractional(self):
        """Hourly rates are sold by fractions of an hour, longer rates by unit."""
        self.ensure_one()
        return self._coworking_hours_covered() <= 1.0
