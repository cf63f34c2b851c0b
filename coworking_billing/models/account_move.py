# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError


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

    def write(self, vals):
        """A monthly invoice that is cancelled hands what it billed back to
        its month's run; one taken out of the cancelled state takes it back,
        unless another invoice billed it meanwhile."""
        state = vals.get("state")
        reviving = self.browse()
        if state and state != "cancel":
            reviving = self.filtered(
                lambda move: move.state == "cancel" and move.coworking_run_id
            )
            reviving._coworking_check_not_rebilled()
            reviving.invoice_line_ids._coworking_check_sources_free()
        cancelling = self.browse()
        if state == "cancel":
            cancelling = self.filtered(
                lambda move: move.state != "cancel" and move.coworking_run_id
            )
            cancelling._coworking_check_not_credited()
        res = super().write(vals)
        if cancelling:
            cancelling.invoice_line_ids._coworking_release_sources()
            # accountants cancel invoices; the run is the suite's record
            cancelling.sudo()._coworking_reopen_runs()
        if reviving:
            # point the sources back to these lines, as the run links them
            self.env["coworking.billing.run"]._link_sources(reviving)
        return res

    def unlink(self):
        monthly = self.filtered("coworking_run_id")
        runs = monthly.sudo().coworking_run_id
        notes = [(move.coworking_run_id.sudo(), move.display_name) for move in monthly]
        res = super().unlink()
        # the lines handed their sources back as they were deleted
        for run, name in notes:
            run._coworking_note_handed_back(name)
        runs._coworking_reopen()
        return res

    def _coworking_reopen_runs(self):
        for move in self:
            move.coworking_run_id._coworking_note_handed_back(move.display_name)
            move.message_post(
                body=self.env._(
                    "Cancelled: its charges go back to %(run)s, which bills them "
                    "again at its next pass (or at once with Retry). To forgive "
                    "charges, issue a credit note instead.",
                    run=move.coworking_run_id.display_name,
                )
            )
        self.coworking_run_id._coworking_reopen()

    def _coworking_check_not_credited(self):
        """A monthly invoice that a credit note already forgave is not also
        cancelled: its charges would be billed again while the credit note
        stays."""
        for move in self:
            credit_notes = move.reversal_move_ids.filtered(
                lambda credit: credit.state == "posted"
            )
            if credit_notes:
                raise UserError(
                    self.env._(
                        "%(move)s was credited by %(credit)s: cancel the credit "
                        "note first, or keep both.",
                        move=move.display_name,
                        credit=", ".join(credit_notes.mapped("display_name")),
                    )
                )

    def _coworking_check_not_rebilled(self):
        """Refuse to reset a cancelled monthly invoice whose period was
        invoiced again."""
        for move in self:
            other = self.search(
                [
                    ("id", "!=", move.id),
                    ("company_id", "=", move.company_id.id),
                    (
                        "coworking_billing_partner_id",
                        "=",
                        move.coworking_billing_partner_id.id,
                    ),
                    ("coworking_period_start", "=", move.coworking_period_start),
                    ("move_type", "=", "out_invoice"),
                    ("state", "!=", "cancel"),
                ],
                limit=1,
            )
            if other:
                raise UserError(
                    self.env._(
                        "%(move)s was billed again on %(other)s: it stays cancelled.",
                        move=move.display_name,
                        other=other.display_name,
                    )
                )
