# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields, models


class CoworkingMembership(models.Model):
    _inherit = "coworking.membership"

    def _overdue_invoices(self, today=None):
        """The monthly invoices of the membership's billed party count too,
        and a membership is suspended only once its member was sent every
        reminder step."""
        today = today or fields.Date.context_today(self)
        invoices = super()._overdue_invoices(today)
        limit = today - timedelta(days=self._grace_days())
        invoices |= (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("coworking_billing_partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("invoice_date_due", "<", limit),
                ]
            )
        )
        last_step = self.env["coworking.billing.reminder.step"].sudo().search_count([])
        if last_step:
            invoices = invoices.filtered(
                lambda move: move.coworking_reminder_level >= last_step
            )
        return invoices
