# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models

# a question or a confirmation waits this long for its answer
PENDING_MINUTES = 15


class CoworkingAiAssistantPending(models.Model):
    """What the assistant waits for from one person: the answer to its
    question (``ask``: the request so far) or a yes or no (``confirm``: the
    booking or cancellation to carry out). One per person; the assistant
    reads and writes it for the person asking only."""

    _name = "coworking.ai.assistant.pending"
    _description = "Coworking Assistant Pending Request"
    _order = "id desc"

    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    intent = fields.Char(required=True, readonly=True)
    stage = fields.Selection(
        [("ask", "Waiting for an answer"), ("confirm", "Waiting for a yes or no")],
        required=True,
        readonly=True,
    )
    payload = fields.Json(readonly=True)
    expires_at = fields.Datetime(
        required=True,
        readonly=True,
        default=lambda self: fields.Datetime.now() + timedelta(minutes=PENDING_MINUTES),
    )

    _sql_constraints = [
        (
            "user_uniq",
            "UNIQUE (user_id)",
            "The assistant waits for one answer per person.",
        ),
    ]

    @api.model
    def _for_current_user(self):
        """The pending request of the person asking, if still valid (as
        superuser: only the assistant reads it)."""
        return self.sudo().search(
            [
                ("user_id", "=", self.env.uid),
                ("expires_at", ">", fields.Datetime.now()),
            ],
            limit=1,
        )

    @api.model
    def _set_for_current_user(self, intent, stage, payload):
        """Replace the pending request of the person asking."""
        self._clear_for_current_user()
        return self.sudo().create(
            {
                "user_id": self.env.uid,
                "intent": intent,
                "stage": stage,
                "payload": payload,
            }
        )

    @api.model
    def _clear_for_current_user(self):
        self.sudo().search([("user_id", "=", self.env.uid)]).unlink()

    @api.autovacuum
    def _gc_expired(self):
        self.sudo().search([("expires_at", "<", fields.Datetime.now())]).unlink()
