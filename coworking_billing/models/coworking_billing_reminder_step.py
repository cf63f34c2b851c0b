# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models


class CoworkingBillingReminderStep(models.Model):
    """The escalating reminders of an overdue invoice of a member: each step
    goes out once, so many days after the due date. A membership is
    suspended for an unpaid invoice only after the last step."""

    _name = "coworking.billing.reminder.step"
    _description = "Coworking Invoice Reminder Step"
    _order = "days, id"

    name = fields.Char(required=True, translate=True)
    days = fields.Integer(
        string="Days After the Due Date",
        required=True,
        help="The reminder goes out this many days after the invoice's due date.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email",
        required=True,
        domain="[('model', '=', 'account.move')]",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("days_positive", "CHECK (days >= 0)", "A reminder follows the due date."),
        ("days_uniq", "UNIQUE (days)", "Two reminder steps cannot share a day."),
    ]

    @api.model
    def _cron_send_reminders(self, today=None):
        """Send each overdue invoice of a member the steps it is due, once
        each; a late cron sends only the latest step due."""
        today = today or fields.Date.context_today(self)
        steps = self.search([])
        if not steps:
            return self.env["account.move"]
        invoices = self.env["account.move"].search(
            [
                ("coworking_billing_partner_id", "!=", False),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<=", today - timedelta(days=steps[0].days)),
            ]
        )
        sent = self.env["account.move"]
        for invoice in invoices:
            overdue = (today - invoice.invoice_date_due).days
            due = [index for index, step in enumerate(steps, 1) if overdue >= step.days]
            level = max(due, default=0)
            if level <= invoice.coworking_reminder_level:
                continue
            step = steps[level - 1]
            invoice.with_context(lang=invoice.partner_id.lang).message_post_with_source(
                step.mail_template_id,
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )
            invoice.write(
                {"coworking_reminder_level": level, "coworking_reminder_date": today}
            )
            sent |= invoice
        return sent
