# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .coworking_queue_ticket import STATES

ACTIONS = STATES + [
    ("recalled", "Recalled"),
    ("requeued", "Put Back in the Queue"),
    ("sent_to_counter", "Sent to a Counter"),
]


class CoworkingQueueTicketEvent(models.Model):
    """One step of a ticket: who did what, where and when. A transferred
    visitor's steps stay with the ticket of each queue, and the whole story
    is read through the first ticket (``origin_id``)."""

    _name = "coworking.queue.ticket.event"
    _description = "Queue Ticket Step"
    _order = "date, id"
    _log_access = False

    ticket_id = fields.Many2one(
        "coworking.queue.ticket", required=True, index=True, ondelete="cascade"
    )
    origin_id = fields.Many2one(
        "coworking.queue.ticket", string="First Ticket", index=True
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True, precompute=True
    )
    action = fields.Selection(ACTIONS, required=True)
    date = fields.Datetime(required=True)
    queue_id = fields.Many2one("coworking.queue", string="Service")
    counter_id = fields.Many2one("coworking.queue.counter")
    user_id = fields.Many2one("res.users", string="By")
    note = fields.Char()
