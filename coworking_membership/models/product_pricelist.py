# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    coworking_plan_ids = fields.One2many(
        "coworking.membership.plan", "pricelist_id", string="Membership Plans"
    )

    def _get_partner_pricelist_multi_search_domain_hook(self, company_id):
        # a members' pricelist is given by a plan, never picked as anybody's
        # default pricelist
        return super()._get_partner_pricelist_multi_search_domain_hook(company_id) + [
            ("coworking_plan_ids", "=", False)
        ]
