# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models


class CoworkingSpace(models.Model):
    _name = "coworking.space"
    _inherit = [
        "coworking.space",
        "website.published.mixin",
        "coworking.catalogue.mixin",
    ]

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
        return self._get_rate_summaries(partner=partner, pricelist=pricelist)[self]

    def _get_rate_summaries(self, partner=None, pricelist=None):
        """``{space: rate summary}`` for several spaces at once: one pricelist
        per company, and the prices of their rate products read from the
        registry's cache of rate tables (``_coworking_rate_table``)."""
        Booking = self.env["coworking.booking"]
        Product = self.env["product.product"]
        by_company = defaultdict(list)
        for space in self:
            by_company[space.company_id].append(space)
        # prices as of this minute: a pricelist rule starting later in the
        # day is not applied early
        now = Product._coworking_rate_moment(
            fields.Datetime.now().replace(second=0, microsecond=0)
        )
        summaries = {}
        for company, spaces in by_company.items():
            company_pricelist = pricelist or Booking._pricelist_for(partner, company)
            rates = {
                space: space.rate_product_ids or space.product_id for space in spaces
            }
            products = Product.union(*rates.values())
            table = Product._coworking_rate_table(
                tuple(sorted(products.ids)),
                company_pricelist.id,
                partner.id if partner else False,
                now,
            )
            for space, space_products in rates.items():
                summaries[space] = sorted(
                    (
                        (product, *table[product.id])
                        for product in space_products
                        if table[product.id][0] > 0
                    ),
                    key=lambda rate: (rate[1], rate[2]),
                )
        return summaries
