# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import pytz

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

    def _coworking_tz(self):
        """The timezone the company's days and months are counted in, for
        what has no location of its own (orders, the billing day): that of
        its coworking locations when they all share one, else the company's
        (its partner's), else UTC."""
        self.ensure_one()
        zones = (
            self.env["coworking.location"]
            .sudo()
            ._read_group([("company_id", "=", self.id)], ["tz"])
        )
        if len(zones) == 1 and zones[0][0]:
            return pytz.timezone(zones[0][0])
        return pytz.timezone(self.partner_id.tz or "UTC")
