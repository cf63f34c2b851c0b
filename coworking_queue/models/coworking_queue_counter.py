# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..exceptions import QueueRefused

ACTIVE_STATES = ("called", "serving")


class CoworkingQueueCounter(models.Model):
    """A desk where an agent calls and serves the tickets of one or several
    queues. One agent at a counter at a time, one ticket at a time."""

    _name = "coworking.queue.counter"
    _description = "Queue Counter"
    _order = "location_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    location_id = fields.Many2one(
        "coworking.location", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="location_id.company_id", store=True, index=True, precompute=True
    )
    queue_ids = fields.Many2many(
        "coworking.queue",
        "coworking_queue_counter_queue_rel",
        "counter_id",
        "queue_id",
        string="Services",
        check_company=True,
        domain="[('location_id', '=', location_id)]",
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Agents",
        domain=[("share", "=", False)],
        help="Agents who may open this counter.",
    )
    state = fields.Selection(
        [("closed", "Closed"), ("open", "Open"), ("paused", "Paused")],
        default="closed",
        required=True,
        readonly=True,
    )
    agent_id = fields.Many2one(
        "res.users",
        string="Agent at the Counter",
        readonly=True,
        index="btree_not_null",
    )
    ticket_ids = fields.One2many("coworking.queue.ticket", "counter_id")
    current_ticket_id = fields.Many2one(
        "coworking.queue.ticket", compute="_compute_current_ticket_id"
    )

    _sql_constraints = [
        (
            "open_has_agent",
            "CHECK (state = 'closed' OR agent_id IS NOT NULL)",
            "An open or paused counter has an agent.",
        ),
        (
            "agent_one_counter",
            "EXCLUDE USING btree (agent_id WITH =) WHERE (state != 'closed')",
            "This agent already holds another counter: close it first.",
        ),
    ]

    @api.depends("ticket_ids.state")
    def _compute_current_ticket_id(self):
        tickets = self.env["coworking.queue.ticket"].search(
            [("counter_id", "in", self.ids), ("state", "in", ACTIVE_STATES)]
        )
        by_counter = {ticket.counter_id.id: ticket for ticket in tickets}
        for counter in self:
            counter.current_ticket_id = by_counter.get(counter.id, False)

    @api.depends("name", "location_id.code")
    def _compute_display_name(self):
        for counter in self:
            code = counter.location_id.code
            counter.display_name = (
                f"{counter.name} ({code})" if code else counter.name or ""
            )

    # ------------------------------------------------------------------
    # The agent at the counter
    # ------------------------------------------------------------------

    def _ensure_agent(self, user=None):
        """Refuse a user who is not an agent of this counter."""
        user = user or self.env.user
        for counter in self:
            if user in counter.user_ids or user.has_group(
                "coworking_base.group_coworking_manager"
            ):
                continue
            raise QueueRefused(
                self.env._(
                    "%(user)s is not an agent of counter %(counter)s.",
                    user=user.name,
                    counter=counter.display_name,
                ),
                code="not_agent",
            )

    def _ensure_at_counter(self, states=("open",)):
        """Refuse work at a counter the current user does not hold."""
        for counter in self:
            if counter.state not in states or counter.agent_id != self.env.user:
                raise QueueRefused(
                    self.env._(
                        "Counter %(counter)s is not open for you: open it first.",
                        counter=counter.display_name,
                    )
                    if counter.state == "closed" or counter.agent_id != self.env.user
                    else self.env._(
                        "Counter %(counter)s is paused: resume it first.",
                        counter=counter.display_name,
                    ),
                    code="counter_closed",
                )

    def _ensure_free(self):
        """Refuse a counter where a visitor is called or being served."""
        for counter in self:
            if counter.current_ticket_id:
                raise QueueRefused(
                    self.env._(
                        "Ticket %(ticket)s is at counter %(counter)s: finish, "
                        "put back or transfer it first.",
                        ticket=counter.current_ticket_id.name,
                        counter=counter.display_name,
                    ),
                    code="busy",
                )

    def action_open(self):
        """The current user opens the counter (and leaves any other)."""
        self._ensure_agent()
        self.ensure_one()
        if self.state != "closed" and self.agent_id != self.env.user:
            raise QueueRefused(
                self.env._(
                    "%(agent)s holds counter %(counter)s.",
                    agent=self.agent_id.name,
                    counter=self.display_name,
                ),
                code="busy",
            )
        held = self.search(
            [
                ("agent_id", "=", self.env.user.id),
                ("state", "!=", "closed"),
                ("id", "!=", self.id),
            ]
        )
        held.action_close()
        self.write({"state": "open", "agent_id": self.env.user.id})
        self._queue_changed()
        return True

    def action_pause(self):
        self._ensure_at_counter()
        self.write({"state": "paused"})
        self._queue_changed()
        return True

    def action_resume(self):
        self._ensure_at_counter(states=("paused",))
        self.write({"state": "open"})
        self._queue_changed()
        return True

    def action_close(self):
        """Close the counter. A visitor called or being served there stays
        with it: finish, mark a no-show or transfer the ticket first. Agents
        close the counter they hold; managers any counter."""
        if not self.env.user.has_group("coworking_base.group_coworking_manager"):
            self.filtered(lambda c: c.state != "closed")._ensure_at_counter(
                states=("open", "paused")
            )
        self._ensure_free()
        self.write({"state": "closed", "agent_id": False})
        self._queue_changed()
        return True

    def action_call_next(self):
        """Call the next ticket of this counter's queues (see
        ``coworking.queue.ticket._call_next``)."""
        self.ensure_one()
        return self.env["coworking.queue.ticket"]._call_next(self)

    def _queue_changed(self):
        """Tell the screens of these counters' queues that something moved."""
        self.queue_ids._push_later()
