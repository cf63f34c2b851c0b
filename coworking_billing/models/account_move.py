# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    coworking_billing_partner_id = fields.Many2one(
        "res.partner",
        string="Coworking Billed Party",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The member or team this monthly invoice is for.",
    )
    coworking_period_start = fields.Date(
        string="Coworking Period",
        readonly=True,
        copy=False,
        help="First day of the month the monthly invoice bills.",
    )
    coworking_run_id = fields.Many2one(
        "coworking.billing.run", readonly=True, copy=False, index="btree_not_null"
    )
    coworking_reminder_level = fields.Integer(
        string="Reminders Sent",
        readonly=True,
        copy=False,
        help="How many reminder steps of an overdue invoice were sent.",
    )
    coworking_reminder_date = fields.Date(
        string="Last Reminder", readonly=True, copy=False
    )

    def init(self):
        res = super().init()
        # one monthly invoice per party, company and period: a second run,
        # or two runs at once, cannot invoice a month twice
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS account_move_coworking_period_uniq
                ON account_move (company_id, coworking_billing_partner_id,
                                 coworking_period_start)
             WHERE coworking_period_start IS NOT NULL
               AND move_type = 'out_invoice'
               AND state != 'cancel'
            """
        )
        return res
