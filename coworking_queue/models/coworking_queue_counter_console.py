# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# pylint: disable=R8180
# (one model in several files, one per concern: see CONTRIBUTING.md)
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

from ..exceptions import QueueRefused

# waiting tickets listed on the console (the count says how many more)
CONSOLE_WAITING_LIMIT = 50


class CoworkingQueueCounter(models.Model):
    """What the agent console (the ``coworking_queue.console`` client action)
    reads and the entry points its buttons call. Each entry point acts on
    the ticket the agent sees at their counter and answers the console's
    data, so that a button needs one call."""

    _inherit = "coworking.queue.counter"

    # ------------------------------------------------------------------
    # What the console shows
    # ------------------------------------------------------------------

    @api.model
    def console_data(self, counter_id=None):
        """Everything the console shows, in a bounded number of queries
        whatever the number of waiting tickets.

        ``counter_id``: the counter looked at; by default the one the user
        holds. Without one, ``counter`` is ``None`` and the console shows
        the counters to choose from.
        """
        user = self.env.user
        counters = self.search(
            ["|", ("user_ids", "in", user.ids), ("agent_id", "=", user.id)]
        )
        if counter_id:
            counter = self.browse(int(counter_id)).exists()
            if not counter:
                raise QueueRefused(
                    self.env._("This counter no longer exists."), code="not_agent"
                )
            counter._ensure_agent()
        else:
            counter = counters.filtered(
                lambda c: c.agent_id == user and c.state != "closed"
            )[:1]
        data = {
            "now": fields.Datetime.to_string(fields.Datetime.now()),
            "counters": counters._console_counters(),
            "counter": None,
            "ticket": None,
            "waiting": [],
            "waiting_count": 0,
            "stats": {},
            "transfer": {"queues": [], "counters": []},
            "channels": sorted(
                {location._queue_channel() for location in counters.location_id}
            ),
        }
        if counter:
            data.update(counter._console_counter_data())
        return data

    def _console_counters(self):
        """The counters to choose from, with who holds them."""
        return [
            {
                "id": counter.id,
                "name": counter.name,
                "location": counter.location_id.name,
                "services": counter.queue_ids.mapped("name"),
                "state": counter.state,
                "agent": counter.agent_id.name or "",
                "mine": counter.agent_id == self.env.user,
            }
            for counter in self
        ]

    def _console_counter_data(self):
        """The counter, its ticket, its waiting list, its figures of the day
        and where its ticket can be sent."""
        self.ensure_one()
        states = dict(self._fields["state"]._description_selection(self.env))
        ticket = self.current_ticket_id
        waiting, waiting_count = self._console_waiting()
        return {
            "counter": {
                "id": self.id,
                "name": self.name,
                "display_name": self.display_name,
                "location": self.location_id.name,
                "location_id": self.location_id.id,
                "state": self.state,
                "state_label": states[self.state],
                "agent": self.agent_id.name or "",
                "mine": self.agent_id == self.env.user,
                "services": [
                    {"id": queue.id, "name": queue.name, "prefix": queue.prefix}
                    for queue in self.queue_ids
                ],
            },
            "ticket": self._console_ticket_values(ticket) if ticket else None,
            "waiting": waiting,
            "waiting_count": waiting_count,
            "stats": self._console_stats(),
            "transfer": self._console_transfer_targets(ticket),
            "channels": sorted(
                [queue._channel() for queue in self.queue_ids]
                + [self.location_id._queue_channel()]
            ),
        }

    def _console_waiting(self, limit=CONSOLE_WAITING_LIMIT):
        """The tickets this counter may call, in the order it calls them
        (those sent to it first), at most ``limit``, and how many there are."""
        self.ensure_one()
        queues = self.queue_ids
        live = self.env["coworking.queue"]._live_positions(queues)
        Ticket = self.env["coworking.queue.ticket"]
        domain = [
            ("queue_id", "in", queues.ids),
            ("state", "=", "waiting"),
            "|",
            ("target_counter_id", "=", False),
            ("target_counter_id", "=", self.id),
        ]
        count = Ticket.search_count(domain)
        sent_here = Ticket.search(
            domain + [("target_counter_id", "=", self.id)],
            order="rank, id",
            limit=limit,
        )
        tickets = sent_here + Ticket.search(
            domain + [("target_counter_id", "=", False)],
            order="rank, id",
            limit=limit - len(sent_here),
        )
        types = dict(Ticket._fields["ticket_type"]._description_selection(self.env))
        names = {p.id: p.name for p in tickets.partner_id.sudo()}
        return [
            {
                "id": ticket.id,
                "name": ticket.name,
                "type": ticket.ticket_type,
                "type_label": types[ticket.ticket_type],
                "service": ticket.queue_id.name,
                "visitor": names.get(ticket.partner_id.id, ""),
                "position": live.get(ticket.id, (0, 0, 0))[0],
                "wait": list(live.get(ticket.id, (0, 0, 0))[1:]),
                "taken_at": fields.Datetime.to_string(ticket.taken_at),
                "appointment_at": fields.Datetime.to_string(ticket.appointment_at),
                "sent_here": bool(ticket.target_counter_id),
            }
            for ticket in tickets
        ], count

    def _console_ticket_values(self, ticket):
        """The ticket at the counter, as the console shows it big."""
        Ticket = self.env["coworking.queue.ticket"]
        types = dict(Ticket._fields["ticket_type"]._description_selection(self.env))
        states = dict(Ticket._fields["state"]._description_selection(self.env))
        return {
            "id": ticket.id,
            "name": ticket.name,
            "type": ticket.ticket_type,
            "type_label": types[ticket.ticket_type],
            "state": ticket.state,
            "state_label": states[ticket.state],
            "service": ticket.queue_id.name,
            "visitor": ticket.partner_id.sudo().name or "",
            "email": ticket.email or "",
            "taken_at": fields.Datetime.to_string(ticket.taken_at),
            "called_at": fields.Datetime.to_string(ticket.called_at),
            "serving_at": fields.Datetime.to_string(ticket.serving_at),
            "appointment_at": fields.Datetime.to_string(ticket.appointment_at),
            "wait_minutes": round(ticket.wait_minutes),
            "recall_count": ticket.recall_count,
            "transferred_from": ticket.transferred_from_id.name or "",
        }

    def _console_stats(self, now=None):
        """The counter's figures of the location's current day: tickets
        served and no-shows, average wait of the tickets it called and
        average service time, in minutes."""
        self.ensure_one()
        start, stop = self._console_day_bounds(now)
        Ticket = self.env["coworking.queue.ticket"]
        Ticket.flush_model(
            [
                "counter_id",
                "state",
                "called_at",
                "done_at",
                "wait_minutes",
                "service_minutes",
            ]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT count(*) FILTER (WHERE state = 'served'
                                          AND done_at >= %(start)s
                                          AND done_at < %(stop)s),
                       count(*) FILTER (WHERE state = 'no_show'
                                          AND done_at >= %(start)s
                                          AND done_at < %(stop)s),
                       avg(wait_minutes) FILTER (WHERE called_at >= %(start)s
                                                   AND called_at < %(stop)s),
                       avg(service_minutes) FILTER (WHERE state = 'served'
                                                      AND done_at >= %(start)s
                                                      AND done_at < %(stop)s)
                  FROM coworking_queue_ticket
                 WHERE counter_id = %(counter)s
                   AND (called_at >= %(start)s OR done_at >= %(start)s)
                """,
                counter=self.id,
                start=start,
                stop=stop,
            )
        )
        served, no_show, avg_wait, avg_service = self.env.cr.fetchone()
        return {
            "served": served,
            "no_show": no_show,
            "avg_wait": round(float(avg_wait), 1) if avg_wait is not None else None,
            "avg_service": round(float(avg_service), 1)
            if avg_service is not None
            else None,
        }

    def _console_day_bounds(self, now=None):
        """The current day at the counter's location, as naive UTC bounds."""
        self.ensure_one()
        tz = pytz.timezone(self.location_id.tz or "UTC")
        now = now or fields.Datetime.now()
        day = pytz.utc.localize(now).astimezone(tz).date()
        start = tz.localize(datetime.combine(day, time.min))
        stop = tz.localize(datetime.combine(day + timedelta(days=1), time.min))
        return (
            start.astimezone(pytz.utc).replace(tzinfo=None),
            stop.astimezone(pytz.utc).replace(tzinfo=None),
        )

    def _console_transfer_targets(self, ticket):
        """Where the ticket at the counter can be sent: the other services of
        the location, and the other counters serving its service."""
        self.ensure_one()
        if not ticket:
            return {"queues": [], "counters": []}
        queues = self.env["coworking.queue"].search(
            [
                ("location_id", "=", self.location_id.id),
                ("id", "!=", ticket.queue_id.id),
            ]
        )
        counters = self.search(
            [
                ("location_id", "=", self.location_id.id),
                ("queue_ids", "in", ticket.queue_id.ids),
                ("id", "!=", self.id),
            ]
        )
        states = dict(self._fields["state"]._description_selection(self.env))
        return {
            "queues": [
                {
                    "id": queue.id,
                    "name": queue.name,
                    "prefix": queue.prefix,
                    "waiting_count": queue.waiting_count,
                }
                for queue in queues
            ],
            "counters": [
                {
                    "id": counter.id,
                    "name": counter.name,
                    "state": counter.state,
                    "state_label": states[counter.state],
                    "agent": counter.agent_id.name or "",
                }
                for counter in counters
            ],
        }

    # ------------------------------------------------------------------
    # The console's buttons: each answers the console's data
    # ------------------------------------------------------------------

    def _console_ticket(self, ticket_id):
        """The ticket at this counter, held by the user, that the agent saw
        on their screen (``ticket_id``)."""
        self.ensure_one()
        self._ensure_at_counter(states=("open", "paused"))
        ticket = self.current_ticket_id
        if not ticket or ticket.id != ticket_id:
            raise QueueRefused(
                self.env._(
                    "This ticket is no longer at counter %(counter)s.",
                    counter=self.display_name,
                ),
                code="not_at_counter",
            )
        return ticket

    def _console_answer(self, message=None):
        data = self.console_data(self.id)
        data["message"] = message
        return data

    def console_open(self):
        """Open the counter for the user and show it."""
        self.ensure_one()
        self.action_open()
        return self._console_answer()

    def console_pause(self):
        self.ensure_one()
        self.action_pause()
        return self._console_answer()

    def console_resume(self):
        self.ensure_one()
        self.action_resume()
        return self._console_answer()

    def console_close(self):
        """Close the counter; the console goes back to the counters."""
        self.ensure_one()
        self.action_close()
        return self.console_data()

    def console_call_next(self):
        self.ensure_one()
        ticket = self.action_call_next()
        return self._console_answer(
            None if ticket else self.env._("Nobody is waiting for this counter.")
        )

    def console_recall(self, ticket_id):
        self._console_ticket(ticket_id).action_recall()
        return self._console_answer()

    def console_start(self, ticket_id):
        self._console_ticket(ticket_id).action_start()
        return self._console_answer()

    def console_served(self, ticket_id):
        self._console_ticket(ticket_id).action_served()
        return self._console_answer()

    def console_no_show(self, ticket_id):
        self._console_ticket(ticket_id).action_no_show()
        return self._console_answer()

    def console_requeue(self, ticket_id):
        self._console_ticket(ticket_id).action_requeue()
        return self._console_answer()

    def console_transfer(self, ticket_id, queue_id=None, counter_id=None):
        """Send the ticket at the counter to another service (``queue_id``)
        or to another counter of its service (``counter_id``)."""
        ticket = self._console_ticket(ticket_id)
        queue = self.env["coworking.queue"].browse(queue_id or ()).exists()
        counter = self.browse(counter_id or ()).exists()
        if (queue_id and not queue) or (counter_id and not counter):
            raise QueueRefused(
                self.env._("This service or counter no longer exists."),
                code="not_served_here",
            )
        if counter == self:
            raise QueueRefused(
                self.env._("Choose another counter than yours."), code="same_queue"
            )
        if counter and counter.state == "closed":
            raise QueueRefused(
                self.env._(
                    "Counter %(counter)s is closed: nobody would call the visitor "
                    "there.",
                    counter=counter.display_name,
                ),
                code="counter_closed",
            )
        name = ticket.name
        result = ticket.action_transfer(queue=queue or None, counter=counter or None)
        if queue and queue != ticket.queue_id:
            message = self.env._(
                "%(ticket)s sent to %(service)s: new ticket %(new)s.",
                ticket=name,
                service=queue.name,
                new=result.name,
            )
        else:
            message = self.env._(
                "%(ticket)s sent to %(counter)s.", ticket=name, counter=counter.name
            )
        return self._console_answer(message)
