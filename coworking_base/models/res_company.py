# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _coworking_responsible(self):
        """Who is asked to act when money needs a person (a refund to make,
        hours to settle): a coworking administrator of the company, or the
        administrator of the database."""
        self.ensure_one()
        managers = self.env.ref("coworking_base.group_coworking_manager").users
        return managers.filtered(
            lambda user: self in user.company_ids and not user.share
        ).sorted("id")[:1] or self.env.ref("base.user_admin")
