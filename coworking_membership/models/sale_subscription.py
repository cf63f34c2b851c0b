# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SaleSubscription(models.Model):
    _inherit = "sale.subscription"

    coworking_membership_ids = fields.One2many(
        "coworking.membership", "subscription_id", string="Coworking Memberships"
    )
