# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# pylint: disable=R8180
# (one model in several files, one per concern: see CONTRIBUTING.md)
from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from ..exceptions import QueueRefused
from .coworking_queue import PRIORITY_TYPES
from .coworking_queue_ticket import STATE_DATES, STATES, TRANSITIONS

# waiting tickets a call tries to lock, in calling order, before leaving
# it to Odoo's retry of the request
CALL_CANDIDATES = 20


class CoworkingQueueTicket(models.Model):
    """Calling, serving and moving tickets."""

    _inherit = "coworking.queue.ticket"

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------

    def _log(self, action, at=None, note=None):
        self.env["coworking.queue.ticket.event"].sudo().create(
            [
                {
                    "ticket_id": ticket.id,
                    "origin_id": ticket.origin_id.id or ticket.id,
                    "action": action,
                    "date": at or fields.Datetime.now(),
                    "queue_id": ticket.queue_id.id,
                    "counter_id": ticket.counter_id.id,
                    "user_id": self.env.uid,
                    "note": note,
                }
                for ticket in self
            ]
        )

    def _ensure_transition(self, state):
        labels = dict(STATES)
        for ticket in self:
            if state not in TRANSITIONS.get(ticket.state, ()):
                raise QueueRefused(
                    self.env._(
                        "Ticket %(ticket)s is %(state)s: it cannot become %(target)s.",
                        ticket=ticket.name,
                        state=labels[ticket.state].lower(),
                        target=labels[state].lower(),
                    ),
                    code="invalid_transition",
                )

    def _move(self, state, now=None, action=None, note=None, **values):
        """Move the tickets to ``state``, date the step and log it. Staff
        need the right to change tickets; visitors' own steps (take,
        cancel) run as superuser after their token was checked."""
        if not self.env.su:
            self.check_access("write")
        self._ensure_transition(state)
        now = now or fields.Datetime.now()
        if state in STATE_DATES:
            values[STATE_DATES[state]] = now
        # the waiting lists change when a ticket leaves or joins them; a
        # visitor moving at a counter changes the displays only
        waiting = state == "waiting" or "waiting" in self.mapped("state")
        self.write(dict(values, state=state))
        self._log(action or state, at=now, note=note)
        self.queue_id._push_later(waiting=waiting)

    def _ensure_at_own_counter(self):
        """Refuse work on a ticket at a counter the user does not hold."""
        for ticket in self:
            if ticket.state in ("called", "serving"):
                ticket.counter_id._ensure_at_counter(states=("open", "paused"))

    # ------------------------------------------------------------------
    # Call next
    # ------------------------------------------------------------------

    @api.model
    def _call_next(self, counter, now=None):
        """Call the next ticket for ``counter``; an empty recordset when no
        one waits.

        The ticket is locked (``FOR UPDATE SKIP LOCKED``, see
        ``_lock_next``): agents calling at the same time each get a
        different ticket, never the same one. Order: tickets sent to this
        counter, then by ``rank`` — except after the queue's limit of
        priority calls in a row, when normal tickets come first.
        """
        counter = counter.with_env(self.env)
        counter._ensure_at_counter()
        counter._ensure_free()
        queues = counter.queue_ids
        if not queues:
            return self.browse()
        self.flush_model()
        ticket = self.browse(self._lock_next(counter, queues))
        if not ticket:
            return self.browse()
        now = now or fields.Datetime.now()
        values = {"counter_id": counter.id, "agent_id": self.env.uid}
        if ticket.target_counter_id:
            values["target_counter_id"] = False
        if not ticket.called_at:
            # the wait is until the first call, not a later one after a
            # visitor was put back or sent to another counter
            values["wait_minutes"] = (now - ticket.taken_at).total_seconds() / 60
        ticket._move("called", now=now, **values)
        ticket._notify("called")
        return ticket

    @api.model
    def _lock_next(self, counter, queues):
        """The id of the next ticket of ``counter``, locked; None when
        nobody waits.

        The first waiting tickets are read in calling order, then locked one
        at a time, each in a savepoint: a ticket another agent is calling
        (locked) is skipped, and so is one another agent called since this
        transaction began (under repeatable read, locking it fails to
        serialize), rather than failing the whole request, which Odoo would
        retry after a random pause of up to seconds."""
        cr = self.env.cr
        order = SQL(
            """
            WHERE state = 'waiting' AND queue_id = ANY(%(queues)s)
              AND (target_counter_id IS NULL OR target_counter_id = %(counter)s)
            ORDER BY target_counter_id IS NULL,
                     CASE WHEN %(normal_first)s AND ticket_type NOT IN %(priority)s
                          THEN 0 ELSE 1 END,
                     rank, id
            """,
            queues=queues.ids,
            counter=counter.id,
            normal_first=self._priority_streak_reached(queues),
            priority=PRIORITY_TYPES,
        )
        cr.execute(
            SQL(
                "SELECT id FROM coworking_queue_ticket %s LIMIT %s",
                order,
                CALL_CANDIDATES,
            )
        )
        candidates = [row[0] for row in cr.fetchall()]
        for candidate in candidates:
            try:
                with cr.savepoint(flush=False):
                    cr.execute(
                        SQL(
                            "SELECT id FROM coworking_queue_ticket WHERE id = %s "
                            "AND state = 'waiting' FOR UPDATE SKIP LOCKED",
                            candidate,
                        ),
                        log_exceptions=False,
                    )
                    row = cr.fetchone()
            except SerializationFailure:
                continue
            if row:
                return row[0]
        if len(candidates) < CALL_CANDIDATES:
            return None
        # all taken meanwhile: one statement, a conflict retries the request
        cr.execute(
            SQL(
                "SELECT id FROM coworking_queue_ticket %s LIMIT 1 "
                "FOR UPDATE SKIP LOCKED",
                order,
            )
        )
        row = cr.fetchone()
        return row and row[0]

    @api.model
    def _priority_streak_reached(self, queues):
        """Whether the last calls of ``queues`` were the most priority calls
        allowed in a row (the smallest limit of the queues)."""
        limits = [limit for limit in queues.mapped("max_priority_streak") if limit]
        if not limits:
            return False
        limit = min(limits)
        self.env.cr.execute(
            SQL(
                """
                SELECT ticket_type FROM coworking_queue_ticket
                 WHERE queue_id = ANY(%s) AND called_at IS NOT NULL
                 ORDER BY called_at DESC, id DESC
                 LIMIT %s
                """,
                queues.ids,
                limit,
            )
        )
        types = [row[0] for row in self.env.cr.fetchall()]
        return len(types) == limit and all(t in PRIORITY_TYPES for t in types)

    # ------------------------------------------------------------------
    # At the counter
    # ------------------------------------------------------------------

    def action_recall(self, now=None):
        """Call the visitor again (display and email)."""
        self._ensure_at_own_counter()
        for ticket in self:
            ticket._move(
                "called",
                now=now,
                action="recalled",
                recall_count=ticket.recall_count + 1,
            )
        self._notify("called")
        return True

    def action_start(self, now=None):
        """The visitor is at the counter: the service starts."""
        self._ensure_at_own_counter()
        self._move("serving", now=now)
        return True

    def action_served(self, now=None):
        self._ensure_at_own_counter()
        now = now or fields.Datetime.now()
        for ticket in self:
            ticket._move(
                "served",
                now=now,
                service_minutes=(now - ticket.serving_at).total_seconds() / 60
                if ticket.serving_at
                else 0.0,
            )
        return True

    def action_no_show(self, now=None):
        self._ensure_at_own_counter()
        self._move("no_show", now=now)
        return True

    def action_requeue(self, now=None):
        """Put a called visitor back in the queue at their place."""
        self._ensure_at_own_counter()
        self._move(
            "waiting", now=now, action="requeued", counter_id=False, agent_id=False
        )
        return True

    def action_cancel(self, now=None):
        """The visitor leaves (ticket page, API) or staff cancels."""
        self._move("cancelled", now=now)
        return True

    # ------------------------------------------------------------------
    # Transfers
    # ------------------------------------------------------------------

    def action_transfer(self, queue=None, counter=None, now=None):
        """Send the visitor to another service (a new ticket there, the
        history kept) or to another counter of the same service (the same
        ticket, called first by that counter)."""
        self.ensure_one()
        self._ensure_at_own_counter()
        now = now or fields.Datetime.now()
        if queue and queue != self.queue_id:
            return self._transfer_to_queue(queue, counter, now)
        if not counter:
            raise QueueRefused(
                self.env._("Choose the service or the counter to send the visitor to."),
                code="same_queue",
            )
        if self.queue_id not in counter.queue_ids:
            raise QueueRefused(
                self.env._(
                    "Counter %(counter)s does not serve %(queue)s.",
                    counter=counter.display_name,
                    queue=self.queue_id.name,
                ),
                code="not_served_here",
            )
        self._move(
            "waiting",
            now=now,
            action="sent_to_counter",
            note=counter.display_name,
            counter_id=False,
            agent_id=False,
            target_counter_id=counter.id,
        )
        return self

    def _transfer_to_queue(self, queue, counter, now):
        if queue.location_id != self.location_id:
            raise QueueRefused(
                self.env._(
                    "A visitor can only be sent to a service of the same place."
                ),
                code="other_location",
            )
        if counter and queue not in counter.queue_ids:
            raise QueueRefused(
                self.env._(
                    "Counter %(counter)s does not serve %(queue)s.",
                    counter=counter.display_name,
                    queue=queue.name,
                ),
                code="not_served_here",
            )
        self._ensure_transition("transferred")
        day = queue._today(now)
        name, number = queue._next_number(day)
        ticket_type = (
            "normal" if self.ticket_type == "appointment" else self.ticket_type
        )
        new = self.sudo().create(
            {
                "name": name,
                "number": number,
                "day": day,
                "queue_id": queue.id,
                "ticket_type": ticket_type,
                "partner_id": self.partner_id.id,
                "email": self.email,
                "lang": self.lang,
                "taken_at": now,
                # the visitor keeps their place of arrival
                "rank": min(self.rank, now),
                "hour": self.hour,
                "target_counter_id": counter.id if counter else False,
                "transferred_from_id": self.id,
                "origin_id": (self.origin_id or self).id,
            }
        )
        self._move("transferred", now=now, note=new.name, transferred_to_id=new.id)
        new._log("waiting", at=now, note=self.name)
        queue._push_later()
        return new

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------

    @api.model
    def _cron_close_days(self, batch_size=200):
        """Mark called visitors who never came as no-shows (after the
        queue's grace time), expire the tickets still waiting once their
        queue has closed for the day, and prepare tomorrow's numbers. A
        batch at a time; progress goes to the cron runner."""
        now = fields.Datetime.now()
        queues = self.env["coworking.queue"].with_context(active_test=False).search([])
        queues._prepare_days(fields.Date.context_today(self), days=2)
        domain = self._closing_domain(queues, now)
        tickets = self.search(domain, order="id", limit=batch_size)
        for ticket in tickets:
            if ticket.state == "called":
                ticket._move("no_show", now=now, note=self.env._("Did not come"))
            else:
                ticket._move("expired", now=now)
        self.env["ir.cron"]._notify_progress(
            done=len(tickets), remaining=self.search_count(domain)
        )
        return tickets

    @api.model
    def _closing_domain(self, queues, now):
        """Tickets to close at ``now``: called too long ago, or waiting in
        a queue closed for the rest of the day (or since an earlier day)."""
        parts = []
        for queue in queues:
            today = queue._today(now)
            closing = queue._closing_time(today)
            grace = now - timedelta(minutes=queue.no_show_grace)
            parts.append(
                [
                    ("queue_id", "=", queue.id),
                    "|",
                    "&",
                    ("state", "=", "called"),
                    ("called_at", "<", grace),
                    "&",
                    ("state", "=", "waiting"),
                    ("day", "<" if closing and closing > now else "<=", today),
                ]
            )
        return expression.OR(parts) if parts else expression.FALSE_DOMAIN
