# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..exceptions import QueueRefused
from .coworking_queue import PRIORITY_TYPES, TICKET_TYPES

STATES = [
    ("waiting", "Waiting"),
    ("called", "Called"),
    ("serving", "Serving"),
    ("served", "Served"),
    ("cancelled", "Cancelled"),
    ("expired", "Expired"),
    ("no_show", "No-show"),
    ("transferred", "Transferred"),
]
OPEN_STATES = ("waiting", "called", "serving")
# state -> the states it may move to
TRANSITIONS = {
    "waiting": {"called", "cancelled", "expired", "transferred"},
    "called": {"called", "serving", "waiting", "no_show", "cancelled", "transferred"},
    "serving": {"served", "transferred", "waiting"},
}
# the timestamp set when a ticket enters a state
STATE_DATES = {
    "called": "called_at",
    "serving": "serving_at",
    "served": "done_at",
    "cancelled": "done_at",
    "expired": "done_at",
    "no_show": "done_at",
    "transferred": "done_at",
}


class CoworkingQueueTicket(models.Model):
    """A visitor's place in a queue.

    ``rank`` orders the waiting tickets of a queue: the time a ticket was
    taken, moved earlier by the queue's priority advance for VIP and express
    tickets, or the appointment time minus the queue's window. Calling,
    transitions and transfers are in ``coworking_queue_ticket_calling.py``;
    positions, estimates and live pushes in ``coworking_queue_ticket_live.py``.
    """

    _name = "coworking.queue.ticket"
    _description = "Queue Ticket"
    _inherit = ["portal.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, readonly=True, copy=False)
    number = fields.Integer(string="Number of the Day", readonly=True, copy=False)
    day = fields.Date(
        required=True, readonly=True, index=True, help="Day at the location."
    )
    queue_id = fields.Many2one(
        "coworking.queue",
        string="Service",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    location_id = fields.Many2one(
        related="queue_id.location_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="queue_id.company_id", store=True, index=True, precompute=True
    )
    ticket_type = fields.Selection(
        TICKET_TYPES, string="Type", required=True, default="normal", readonly=True
    )
    state = fields.Selection(
        STATES, required=True, default="waiting", readonly=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Visitor", readonly=True, index="btree_not_null"
    )
    email = fields.Char(readonly=True)
    lang = fields.Selection(
        selection=lambda self: self.env["res.lang"].get_installed(),
        readonly=True,
        help="Language of the visitor's messages and ticket page.",
    )
    kiosk_nonce = fields.Char(
        readonly=True,
        copy=False,
        help="Set by the kiosk or app that took the ticket: taking it again "
        "with the same key gives the same ticket.",
    )
    taken_at = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now, index=True
    )
    appointment_at = fields.Datetime(string="Appointment", readonly=True)
    rank = fields.Datetime(
        required=True,
        readonly=True,
        help="Waiting tickets are called in this order (earliest first).",
    )
    called_at = fields.Datetime(readonly=True)
    serving_at = fields.Datetime(string="Service Started", readonly=True)
    done_at = fields.Datetime(string="Closed At", readonly=True)
    recall_count = fields.Integer(readonly=True)
    counter_id = fields.Many2one(
        "coworking.queue.counter",
        readonly=True,
        index="btree_not_null",
        check_company=True,
    )
    agent_id = fields.Many2one("res.users", readonly=True, index="btree_not_null")
    target_counter_id = fields.Many2one(
        "coworking.queue.counter",
        string="Sent to Counter",
        readonly=True,
        check_company=True,
        help="A ticket transferred to a counter is called by that counter only, "
        "before its other tickets.",
    )
    transferred_from_id = fields.Many2one(
        "coworking.queue.ticket", readonly=True, index="btree_not_null"
    )
    transferred_to_id = fields.Many2one("coworking.queue.ticket", readonly=True)
    origin_id = fields.Many2one(
        "coworking.queue.ticket",
        string="First Ticket",
        readonly=True,
        index="btree_not_null",
        help="The ticket the visitor took, before any transfer.",
    )
    wait_minutes = fields.Float(
        readonly=True, aggregator="avg", help="From taken to first called."
    )
    service_minutes = fields.Float(
        readonly=True,
        aggregator="avg",
        help="From the start of the service to served.",
    )
    hour = fields.Integer(
        string="Hour Taken", readonly=True, aggregator=False, help="Local hour."
    )
    near_notified = fields.Boolean(readonly=True, copy=False)
    event_ids = fields.One2many(
        "coworking.queue.ticket.event", "ticket_id", string="History"
    )

    _sql_constraints = [
        (
            "number_uniq",
            "UNIQUE (queue_id, day, number)",
            "This ticket number is already taken in this queue today.",
        ),
        (
            "nonce_uniq",
            "UNIQUE (kiosk_nonce)",
            "A ticket was already taken with this kiosk key.",
        ),
        (
            "appointment_has_time",
            "CHECK (ticket_type != 'appointment' OR appointment_at IS NOT NULL)",
            "An appointment ticket needs its appointment time.",
        ),
        (
            "dates_follow_state",
            "CHECK ((state = 'waiting' OR called_at IS NOT NULL "
            "OR state IN ('cancelled', 'expired', 'transferred')) "
            "AND (state NOT IN ('serving', 'served') OR serving_at IS NOT NULL) "
            "AND (state IN ('waiting', 'called', 'serving') OR done_at IS NOT NULL))",
            "A ticket's dates must match its state.",
        ),
        (
            "at_counter_has_counter",
            "CHECK (state NOT IN ('called', 'serving') "
            "OR (counter_id IS NOT NULL AND agent_id IS NOT NULL))",
            "A called or served ticket has its counter and agent.",
        ),
    ]

    def init(self):
        result = super().init()
        cr = self.env.cr
        # one visitor at a time at a counter, and for an agent: a second
        # call-next in parallel fails here rather than calling two people
        for column in ("counter_id", "agent_id"):
            cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX IF NOT EXISTS %s ON coworking_queue_ticket "
                    "(%s) WHERE state IN ('called', 'serving')",
                    SQL.identifier(f"coworking_queue_ticket_one_{column}"),
                    SQL.identifier(column),
                )
            )
        # the order in which call-next reads the waiting tickets, the last
        # calls (priority streaks) and the recent services (estimates): the
        # history grows by the day, these stay small
        for name, definition in (
            ("waiting_rank", "(queue_id, rank, id) WHERE state = 'waiting'"),
            ("last_calls", "(queue_id, called_at DESC) WHERE called_at IS NOT NULL"),
            ("recent_services", "(queue_id, done_at) WHERE state = 'served'"),
        ):
            cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s ON coworking_queue_ticket %s",
                    SQL.identifier(f"coworking_queue_ticket_{name}"),
                    SQL(definition),
                )
            )
        return result

    def _compute_access_url(self):
        for ticket in self:
            ticket.access_url = f"/queue/ticket/{ticket.id}"

    @api.depends("name", "queue_id.name")
    def _compute_display_name(self):
        for ticket in self:
            ticket.display_name = f"{ticket.name} {ticket.queue_id.name or ''}".strip()

    # ------------------------------------------------------------------
    # Taking a ticket
    # ------------------------------------------------------------------

    @api.model
    def _rank_for(self, queue, ticket_type, taken_at, appointment_at=None):
        """When a ticket of this type enters the queue's order."""
        if ticket_type == "appointment" and appointment_at:
            return appointment_at - timedelta(minutes=queue.appointment_window)
        if ticket_type in PRIORITY_TYPES:
            return taken_at - timedelta(minutes=queue.priority_advance)
        return taken_at

    @api.model
    def _take(
        self,
        queue,
        ticket_type="normal",
        partner=None,
        email=None,
        lang=None,
        nonce=None,
        appointment_at=None,
        staff=False,
        now=None,
    ):
        """Give a visitor a ticket of ``queue``; one per ``nonce``.

        Refused with a ``QueueRefused`` when the queue is closed or does not
        offer the type. Taking again with the same ``nonce`` answers the
        ticket already given (a double tap at the kiosk, a retried request).
        Runs as superuser: the kiosk and the API's visitors are not staff.
        """
        queue.ensure_one()
        if nonce:
            given = self.sudo().search([("kiosk_nonce", "=", nonce)], limit=1)
            if given:
                if given.queue_id != queue:
                    raise QueueRefused(
                        self.env._(
                            "This kiosk key was already used for another service."
                        ),
                        code="nonce_reused",
                    )
                return given
        now = now or fields.Datetime.now()
        queue._ensure_open(now)
        partner = partner or self.env["res.partner"]
        appointment = (
            {"appointment_at": appointment_at}
            if appointment_at
            else self._appointment_for(queue, partner, now)
        )
        if appointment:
            ticket_type = "appointment"
        elif ticket_type not in queue._offered_types(partner, staff=staff):
            raise QueueRefused(
                self.env._(
                    "The service '%(name)s' does not offer %(type)s tickets.",
                    name=queue.name,
                    type=dict(TICKET_TYPES).get(ticket_type, ticket_type),
                ),
                code="not_offered",
            )
        day = queue._today(now)
        name, number = queue._next_number(day)
        local_hour = queue._localize(now).hour
        ticket = self.sudo().create(
            {
                "name": name,
                "number": number,
                "day": day,
                "queue_id": queue.id,
                "ticket_type": ticket_type,
                "partner_id": partner.id if partner else False,
                "email": email or (partner.email if partner else False),
                "lang": lang or (partner.lang if partner else False),
                "kiosk_nonce": nonce or False,
                "taken_at": now,
                "rank": self._rank_for(
                    queue, ticket_type, now, appointment.get("appointment_at")
                ),
                "hour": local_hour,
                **appointment,
            }
        )
        ticket.origin_id = ticket
        ticket._log("waiting", at=now)
        queue._push_later()
        return ticket

    @api.model
    def _appointment_for(self, queue, partner, now):
        """The values of the appointment a visitor's ticket is for (at least
        ``appointment_at``), or an empty dict. Addons that know appointments
        (bookings) override it."""
        return {}
