# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..exceptions import QueueRefused

# ticket types served before normal tickets
PRIORITY_TYPES = ("vip", "express")
TICKET_TYPES = [
    ("normal", "Normal"),
    ("express", "Express"),
    ("vip", "VIP"),
    ("appointment", "Appointment"),
]


class CoworkingQueue(models.Model):
    """A service of a location and the queue of visitors waiting for it.

    Tickets are numbered per queue and day (``A-042``) by the queue's
    sequence, which has one subsequence per day. The order in which tickets
    are called is the ``rank`` of each ticket (see ``coworking.queue.ticket``)
    and the rule against priority streaks of the counter calling."""

    _name = "coworking.queue"
    _description = "Queue Service"
    _order = "location_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(string="Service", required=True, translate=True)
    description = fields.Char(
        translate=True, help="One line shown under the service at the kiosk."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    location_id = fields.Many2one(
        "coworking.location", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="location_id.company_id", store=True, index=True, precompute=True
    )
    tz = fields.Selection(related="location_id.tz")
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Opening Hours",
        check_company=True,
        help="When tickets can be taken. Empty: the location's opening hours.",
    )
    accepting = fields.Boolean(
        string="Taking Tickets",
        default=True,
        help="Untick to close the queue now, whatever its opening hours.",
    )
    prefix = fields.Char(
        required=True,
        size=3,
        help="Letters before the ticket numbers of this queue, e.g. A for A-042.",
    )
    sequence_id = fields.Many2one(
        "ir.sequence",
        string="Numbering",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    counter_ids = fields.Many2many(
        "coworking.queue.counter",
        "coworking_queue_counter_queue_rel",
        "queue_id",
        "counter_id",
        string="Counters",
        check_company=True,
    )
    offer_express = fields.Boolean(
        string="Express Tickets",
        default=True,
        help="The kiosk offers express tickets (quick errands, served first).",
    )
    offer_vip = fields.Boolean(
        string="VIP Tickets at the Kiosk",
        help="Anyone may take a VIP ticket at the kiosk. Without it, only "
        "staff and the API give VIP tickets.",
    )
    members_priority = fields.Boolean(
        string="Members First",
        default=True,
        help="A member who shows their personal QR code gets a VIP ticket.",
    )
    priority_advance = fields.Integer(
        string="Priority Advance (min)",
        default=10,
        help="A VIP or express ticket is called as if it had been taken this "
        "many minutes earlier: a normal ticket never waits more than this "
        "because of priority tickets taken after it.",
    )
    max_priority_streak = fields.Integer(
        string="Priority Calls in a Row",
        default=3,
        help="After this many priority tickets called in a row, a counter "
        "calls the longest-waiting normal ticket. 0: no limit.",
    )
    appointment_window = fields.Integer(
        string="Appointment Window (min)",
        default=5,
        help="An appointment is called from this many minutes before its time.",
    )
    no_show_grace = fields.Integer(
        string="No-show Grace (min)",
        default=5,
        help="A called visitor who has not come to the counter after this "
        "many minutes is marked as a no-show.",
    )
    notify_ahead = fields.Integer(
        string="Notify at Position",
        default=3,
        help="Visitors who left an email are told when this many tickets "
        "or fewer are before theirs.",
    )
    default_service_minutes = fields.Integer(
        string="Usual Service (min)",
        default=5,
        help="Service time used for wait estimates until the queue has served "
        "tickets recently.",
    )
    near_template_id = fields.Many2one(
        "mail.template",
        string="Near the Front Email",
        domain=[("model", "=", "coworking.queue.ticket")],
        default=lambda self: self.env.ref(
            "coworking_queue.mail_template_ticket_near", raise_if_not_found=False
        ),
    )
    called_template_id = fields.Many2one(
        "mail.template",
        string="Called Email",
        domain=[("model", "=", "coworking.queue.ticket")],
        default=lambda self: self.env.ref(
            "coworking_queue.mail_template_ticket_called", raise_if_not_found=False
        ),
    )
    ticket_ids = fields.One2many("coworking.queue.ticket", "queue_id")
    waiting_count = fields.Integer(compute="_compute_today_counts")
    served_today_count = fields.Integer(compute="_compute_today_counts")

    _sql_constraints = [
        (
            "prefix_location_uniq",
            "UNIQUE (prefix, location_id)",
            "Another service of this location already uses this prefix.",
        ),
        (
            "settings_positive",
            "CHECK (priority_advance >= 0 AND max_priority_streak >= 0 "
            "AND appointment_window >= 0 AND no_show_grace >= 0 "
            "AND notify_ahead >= 0 AND default_service_minutes > 0)",
            "Durations and counts of a queue cannot be negative, and its usual "
            "service takes at least one minute.",
        ),
    ]

    def _compute_today_counts(self):
        """Tickets waiting now, and served on the queue's current day."""
        yesterday = fields.Date.today() - timedelta(days=1)
        groups = self.env["coworking.queue.ticket"]._read_group(
            [
                ("queue_id", "in", self.ids),
                ("state", "in", ("waiting", "served")),
                ("day", ">=", yesterday),
            ],
            ["queue_id", "state", "day:day"],
            ["__count"],
        )
        waiting, served = {}, {}
        for queue, state, day, count in groups:
            if state == "waiting":
                waiting[queue.id] = waiting.get(queue.id, 0) + count
            elif day == queue._today():
                served[queue.id] = count
        for queue in self:
            queue.waiting_count = waiting.get(queue.id, 0)
            queue.served_today_count = served.get(queue.id, 0)

    @api.constrains("prefix")
    def _check_prefix(self):
        for queue in self:
            if not (queue.prefix or "").isalnum():
                raise ValidationError(
                    self.env._(
                        "The prefix of service '%(name)s' must be letters or digits.",
                        name=queue.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("prefix"):
                vals["prefix"] = vals["prefix"].upper()
        queues = super().create(vals_list)
        for queue in queues:
            queue.sequence_id = (
                self.env["ir.sequence"].sudo().create(queue._sequence_values())
            )
        queues._prepare_days(fields.Date.context_today(self), days=2)
        return queues

    def write(self, vals):
        if vals.get("prefix"):
            vals["prefix"] = vals["prefix"].upper()
        result = super().write(vals)
        if "prefix" in vals or "name" in vals:
            for queue in self:
                queue.sequence_id.sudo().write(queue._sequence_values())
        return result

    def _sequence_values(self):
        return {
            "name": self.env._("Queue %(name)s", name=self.name),
            "prefix": f"{self.prefix}-",
            "padding": 3,
            # numbers are drawn in the transaction: a refused or rolled back
            # ticket leaves no hole, and two kiosks at once queue on the
            # day's row (Odoo retries the one that finds it locked)
            "implementation": "no_gap",
            "use_date_range": True,
            "company_id": self.company_id.id,
        }

    # ------------------------------------------------------------------
    # Days and numbers
    # ------------------------------------------------------------------

    def _today(self, now=None):
        """The current day at the queue's location."""
        self.ensure_one()
        return self._localize(now or fields.Datetime.now()).date()

    def _localize(self, moment):
        """A naive UTC datetime as an aware one at the queue's location."""
        self.ensure_one()
        return pytz.utc.localize(moment).astimezone(pytz.timezone(self.tz))

    def _prepare_days(self, first_day, days=1):
        """Give each queue's sequence a subsequence for each of ``days`` days
        from ``first_day``, so that numbers restart every day. The daily cron
        prepares tomorrow's ahead of the first ticket."""
        ranges = self.env["ir.sequence.date_range"].sudo()
        wanted = [first_day + timedelta(days=offset) for offset in range(days)]
        existing = ranges.search(
            [
                ("sequence_id", "in", self.sequence_id.ids),
                ("date_from", "in", wanted),
            ]
        )
        have = {(r.sequence_id.id, r.date_from) for r in existing}
        ranges.create(
            [
                {"sequence_id": queue.sequence_id.id, "date_from": day, "date_to": day}
                for queue in self
                for day in wanted
                if (queue.sequence_id.id, day) not in have
            ]
        )

    def _next_number(self, day):
        """Draw the next ticket number of ``day`` (``("A-042", 42)``)."""
        self.ensure_one()
        sequence = self.sequence_id.sudo()
        if (
            not self.env["ir.sequence.date_range"]
            .sudo()
            .search_count(
                [("sequence_id", "=", sequence.id), ("date_from", "=", day)], limit=1
            )
        ):
            # first ticket of a day the cron did not prepare: one creator
            self.env.cr.execute(
                SQL("SELECT pg_advisory_xact_lock(%s, %s)", 8642, sequence.id)
            )
            self._prepare_days(day)
        name = sequence.next_by_id(sequence_date=day)
        return name, int(name.rsplit("-", 1)[-1])

    # ------------------------------------------------------------------
    # Opening
    # ------------------------------------------------------------------

    def _opening_calendar(self):
        self.ensure_one()
        return self.resource_calendar_id or self.location_id.resource_calendar_id

    def _is_open(self, now=None):
        """Whether the queue takes tickets at ``now`` (naive UTC)."""
        self.ensure_one()
        if not self.accepting or not self.active:
            return False
        now = pytz.utc.localize(now or fields.Datetime.now())
        intervals = self._opening_calendar()._work_intervals_batch(
            now - timedelta(minutes=1),
            now + timedelta(minutes=1),
            tz=pytz.timezone(self.tz),
        )[False]
        return any(start <= now < stop for start, stop, _meta in intervals)

    def _closing_time(self, day):
        """When the queue closes on ``day`` (naive UTC), or None if closed all day."""
        self.ensure_one()
        tz = pytz.timezone(self.tz)
        start = tz.localize(datetime.combine(day, time.min))
        intervals = self._opening_calendar()._work_intervals_batch(
            start, start + timedelta(days=1), tz=tz
        )[False]
        stops = [stop for _start, stop, _meta in intervals]
        if not stops:
            return None
        return max(stops).astimezone(pytz.utc).replace(tzinfo=None)

    def _ensure_open(self, now=None):
        for queue in self:
            if not queue._is_open(now):
                raise QueueRefused(
                    self.env._(
                        "The service '%(name)s' is closed now: no ticket can be taken.",
                        name=queue.name,
                    ),
                    code="closed",
                )

    def _offered_types(self, partner=None, staff=False):
        """Ticket types a visitor (or staff) may take in this queue."""
        self.ensure_one()
        if staff:
            return [code for code, _label in TICKET_TYPES]
        types = ["normal"]
        if self.offer_express:
            types.append("express")
        if self.offer_vip or (
            partner and partner.is_coworking_member and self.members_priority
        ):
            types.append("vip")
        return types

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_queue.coworking_queue_ticket_action"
        )
        action["domain"] = [("queue_id", "=", self.id)]
        action["context"] = {"default_queue_id": self.id, "search_default_today": 1}
        return action
