# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coworking_billing_day = fields.Integer(
        string="Billing Day",
        config_parameter="coworking_billing.day",
        default=1,
        help="Day of the month (1 to 28) when last month is billed.",
    )
    coworking_billing_auto_post = fields.Boolean(
        string="Post Monthly Invoices",
        config_parameter="coworking_billing.auto_post",
        default=True,
        help="Post the monthly invoices (and email them) at once; otherwise "
        "they wait as drafts for a check.",
    )
