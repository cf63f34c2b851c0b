# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields, models


class CoworkingMembership(models.Model):
    _inherit = "coworking.membership"

    def _overdue_invoices(self, today=None):
        """The monthly invoices of the membership's billed party count too,
        once their member was sent every reminder step."""
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
        # the monthly invoices are reminded step by step: they count once the
        # last step was sent; other invoices (say, a fee invoiced by hand from
        # the subscription) are never reminded and keep the grace period alone
        last_step = self.env["coworking.billing.reminder.step"].sudo().search_count([])
        if last_step:
            invoices = invoices.filtered(
                lambda move: not move.coworking_billing_partner_id
                or move.coworking_reminder_level >= last_step
            )
        return invoices
