# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    coworking_plan_ids = fields.One2many(
        "coworking.membership.plan", "pricelist_id", string="Membership Plans"
    )

    def _get_partner_pricelist_multi(self, partner_ids):
        """Members get their plan's pricelist wherever Odoo prices for them
        (sales orders, events, the website), unless a pricelist was set on
        the contact itself or the plan's pricelist is archived."""
        result = super()._get_partner_pricelist_multi(partner_ids)
        company = self.env.company
        lines = (
            self.env["coworking.membership.member"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", list(partner_ids)),
                    ("state", "=", "active"),
                    ("company_id", "=", company.id),
                ]
            )
        )
        partners = self.env["res.partner"].browse(lines.partner_id.ids)
        for line in lines:
            pricelist = line.membership_id.plan_id.pricelist_id
            partner = partners.filtered(lambda p, line=line: p == line.partner_id)
            if pricelist.active and not partner.specific_property_product_pricelist:
                result[line.partner_id.id] = pricelist
        return result

    @api.model
    def _coworking_standard_pricelist(self, company=None):
        """The pricelist of everyone: the first one no plan reserves to its
        members (created when there is none)."""
        company = company or self.env.company
        pricelist = self.search(
            self._get_partner_pricelist_multi_search_domain_hook(company.id), limit=1
        )
        if not pricelist:
            # only members' pricelists so far: the company's default one, as
            # Odoo makes it when pricelists are enabled
            pricelist = self.sudo().create(company._get_default_pricelist_vals())
        return pricelist

    def _get_partner_pricelist_multi_search_domain_hook(self, company_id):
        # a members' pricelist is given by a plan, never picked as anybody's
        # default pricelist
        return super()._get_partner_pricelist_multi_search_domain_hook(company_id) + [
            ("coworking_plan_ids", "=", False)
        ]
