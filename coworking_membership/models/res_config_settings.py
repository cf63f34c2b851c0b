# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coworking_membership_grace_days = fields.Integer(
        string="Suspend After (days)",
        config_parameter="coworking_membership.grace_days",
        default=15,
        help="A membership whose fee is still unpaid this many days after the "
        "invoice's due date is suspended, and reactivated once paid.",
    )
