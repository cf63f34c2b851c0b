# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CoworkingSpace(models.Model):
    _name = "coworking.space"
    _inherit = ["coworking.space", "website.published.mixin"]

    website_description = fields.Char(
        string="Teaser",
        translate=True,
        help="One line under the space's name on the public booking pages.",
    )

    def _default_is_published(self):
        # a bookable space is offered on the website unless staff hide it
        return True

    @api.depends("name")
    def _compute_website_url(self):
        for space in self:
            space.website_url = (
                f"/coworking/space/{self.env['ir.http']._slug(space)}"
                if space.id
                else "#"
            )

    def _get_rate_summary(self, partner=None, pricelist=None):
        """The rates of the space for the customer's pricelist, shortest
        first: ``[(product, hours covered, unit price)]``."""
        self.ensure_one()
        Booking = self.env["coworking.booking"]
        pricelist = pricelist or Booking._pricelist_for(partner, self.company_id)
        summary = []
        for product in self._get_rate_products():
            if pricelist:
                price = pricelist._get_product_price(product, 1.0, partner=partner)
            else:
                price = product.lst_price
            summary.append((product, product._coworking_hours_covered(), price))
        return sorted(summary, key=lambda rate: (rate[1], rate[2]))
