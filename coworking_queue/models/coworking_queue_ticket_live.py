# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# pylint: disable=R8180
# (one model in several files, one per concern: see CONTRIBUTING.md)
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import wait

# recent history the estimates read
SERVICE_WINDOW = timedelta(hours=3)
SERVICE_SAMPLES = 30
ACTIVE_COUNTER_WINDOW = timedelta(minutes=45)


class CoworkingQueueTicket(models.Model):
    """Positions, wait estimates and what the screens are told."""

    _inherit = "coworking.queue.ticket"

    position = fields.Integer(
        compute="_compute_live", help="Place among the waiting tickets (1: next)."
    )
    wait_low = fields.Integer(string="Wait From (min)", compute="_compute_live")
    wait_high = fields.Integer(string="Wait Up To (min)", compute="_compute_live")

    def _compute_live(self):
        live = self.env["coworking.queue"]._live_positions(self.queue_id)
        for ticket in self:
            position, low, high = live.get(ticket.id, (0, 0, 0))
            ticket.position, ticket.wait_low, ticket.wait_high = position, low, high

    def _notify(self, template_kind):
        """Email the visitors of these tickets (``near`` or ``called``)."""
        for ticket in self.filtered("email"):
            queue = ticket.queue_id
            template = (
                queue.near_template_id
                if template_kind == "near"
                else queue.called_template_id
            )
            if template:
                template.sudo().send_mail(ticket.id, email_layout_xmlid=None)


class CoworkingQueue(models.Model):
    _inherit = "coworking.queue"

    @api.model
    def _live_positions(self, queues, now=None):
        """``{ticket id: (position, wait low, wait high)}`` of the waiting
        tickets of ``queues``, in minutes (see ``_live_estimates``)."""
        return {
            ticket_id: (position, *wait.promise(delay))
            for ticket_id, (position, delay) in self._live_estimates(
                queues, now
            ).items()
        }

    @api.model
    def _live_estimates(self, queues, now=None):
        """``{ticket id: (position, minutes until called)}`` of the waiting
        tickets of ``queues`` (see ``_estimate_state``)."""
        if not queues:
            return {}
        waiting, at_work, services = self._estimate_state(queues, now)
        delays = wait.shared_start_delays(
            [queue_id for _ticket, queue_id in waiting], at_work, services
        )
        wanted = set(queues.ids)
        result, positions = {}, {}
        for (ticket_id, queue_id), delay in zip(waiting, delays, strict=True):
            if queue_id in wanted:
                positions[queue_id] = positions.get(queue_id, 0) + 1
                result[ticket_id] = (positions[queue_id], delay)
        return result

    @api.model
    def _estimate_state(self, queues, now=None):
        """What the wait estimates of ``queues`` start from, in three
        queries: the waiting tickets ``[(ticket id, queue id)]`` in calling
        order, the counters at work ``[(queue ids served, minutes until
        free)]`` and the typical service ``{queue id: minutes}``.

        Counters may serve several queues: the tickets of every queue of
        the counters at work at these queues' locations are taken into
        account, each counter taking the first ticket of any of its queues
        when it is free (``tools.wait.shared_start_delays``)."""
        now = now or fields.Datetime.now()
        self.env["coworking.queue.ticket"].flush_model()
        self.env["coworking.queue.counter"].flush_model()
        counters = self._estimate_counters(queues.location_id, now)
        # the queues these counters serve, and of the tickets at them
        sharing = queues | self.browse(
            {
                queue_id
                for queue_ids, busy_queue, _elapsed in counters
                for queue_id in [*queue_ids, busy_queue]
                if queue_id
            }
        )
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT id, queue_id FROM coworking_queue_ticket
                 WHERE state = 'waiting' AND queue_id = ANY(%s)
                 ORDER BY target_counter_id IS NULL, rank, id
                """,
                sharing.ids,
            )
        )
        waiting = cr.fetchall()
        durations = self._recent_services(sharing, now)
        services = {
            queue.id: wait.typical_service(
                durations.get(queue.id, []), queue.default_service_minutes
            )
            for queue in sharing
        }
        at_work = [
            (
                queue_ids,
                wait.remaining(elapsed, services[queue_id]) if queue_id else 0.0,
            )
            for queue_ids, queue_id, elapsed in counters
        ]
        return waiting, at_work, services

    @api.model
    def _estimate_counters(self, locations, now):
        """The counters at work at ``locations`` (open, or that called in
        the last minutes): ``[(queue ids served, queue id of the ticket at
        the counter or None, minutes since it was called or None)]``."""
        self.env.cr.execute(
            SQL(
                """
                SELECT array_agg(rel.queue_id ORDER BY rel.queue_id),
                       ticket.queue_id,
                       EXTRACT(EPOCH FROM %(now)s - ticket.called_at) / 60
                  FROM coworking_queue_counter AS counter
                  JOIN coworking_queue_counter_queue_rel AS rel
                    ON rel.counter_id = counter.id
                  LEFT JOIN coworking_queue_ticket AS ticket
                    ON ticket.counter_id = counter.id
                   AND ticket.state IN ('called', 'serving')
                 WHERE counter.location_id = ANY(%(locations)s) AND counter.active
                   AND (counter.state = 'open' OR ticket.id IS NOT NULL OR EXISTS (
                        SELECT 1 FROM coworking_queue_ticket AS recent
                         WHERE recent.counter_id = counter.id
                           AND recent.called_at > %(since)s
                           AND recent.called_at <= %(now)s))
                 GROUP BY counter.id, ticket.queue_id, ticket.called_at
                """,
                locations=locations.ids,
                since=now - ACTIVE_COUNTER_WINDOW,
                now=now,
            )
        )
        return [
            (queue_ids, queue_id, max(float(elapsed), 0.0) if queue_id else None)
            for queue_ids, queue_id, elapsed in self.env.cr.fetchall()
        ]

    @api.model
    def _recent_services(self, queues, now):
        """``{queue id: [minutes]}``: the last services of each queue (from
        called to served), within the recent window."""
        self.env.cr.execute(
            SQL(
                """
                SELECT queue_id,
                       (array_agg(EXTRACT(EPOCH FROM done_at - called_at) / 60
                                  ORDER BY done_at DESC))[1:%(samples)s]
                  FROM coworking_queue_ticket
                 WHERE queue_id = ANY(%(queues)s) AND state = 'served'
                   AND done_at > %(since)s AND done_at <= %(now)s
                 GROUP BY queue_id
                """,
                queues=queues.ids,
                samples=SERVICE_SAMPLES,
                since=now - SERVICE_WINDOW,
                now=now,
            )
        )
        return {
            queue_id: [float(minutes) for minutes in durations]
            for queue_id, durations in self.env.cr.fetchall()
        }

    # ------------------------------------------------------------------
    # Pushing to the screens
    # ------------------------------------------------------------------

    def _push_later(self, waiting=True):
        """Push these queues' state to the screens once, when the
        transaction commits (however many tickets moved). Without
        ``waiting``, only their locations' displays: their waiting lists did
        not change."""
        if not self:
            return
        data = self.env.cr.precommit.data
        pending = data.get("coworking_queue.push")
        if pending is None:
            pending = data["coworking_queue.push"] = {}
            self.env.cr.precommit.add(self._push_pending)
        for queue_id in self.ids:
            pending[queue_id] = pending.get(queue_id, False) or waiting

    @api.model
    def _push_pending(self):
        pending = self.env.cr.precommit.data.pop("coworking_queue.push", {})
        queues = self.sudo().browse(list(pending)).exists()
        lists = queues.filtered(lambda queue: pending[queue.id])
        lists._push()
        self._push_displays(queues.location_id - lists.location_id)
        self.env.flush_all()

    def _push(self, now=None):
        """Send each queue's waiting list to its channel, each location's
        calls to its display, and email visitors now near the front. The
        waiting lists are read in SQL: a long queue is pushed at every call."""
        now = now or fields.Datetime.now()
        live = self._live_positions(self, now)
        self.env.cr.execute(
            SQL(
                "SELECT id, queue_id, name FROM coworking_queue_ticket "
                "WHERE id = ANY(%s)",
                list(live),
            )
        )
        waiting = {}
        for ticket_id, queue_id, name in self.env.cr.fetchall():
            waiting.setdefault(queue_id, []).append((live[ticket_id], name))
        bus = self.env["bus.bus"]
        for queue in self:
            bus._sendone(
                queue._channel(),
                "coworking_queue/queue",
                queue._queue_payload(sorted(waiting.get(queue.id, []))),
            )
        self._push_displays(self.location_id, now)
        # the visitors near the front: the first few of each queue
        ahead = max(self.mapped("notify_ahead"), default=0)
        front = self.env["coworking.queue.ticket"].browse(
            [
                ticket_id
                for ticket_id, (position, *_r) in live.items()
                if position <= ahead
            ]
        )
        near = front.filtered(
            lambda t: not t.near_notified
            and t.email
            and live[t.id][0] <= t.queue_id.notify_ahead
        )
        if near:
            near.sudo().write({"near_notified": True})
            near._notify("near")

    @api.model
    def _push_displays(self, locations, now=None):
        """Send each location's calls to its display screens."""
        bus = self.env["bus.bus"]
        for location in locations:
            bus._sendone(
                location._queue_channel(),
                "coworking_queue/display",
                location._display_payload(now),
            )

    def _channel(self):
        self.ensure_one()
        return f"coworking_queue.queue.{self.id}"

    def _queue_payload(self, waiting):
        """What a ticket page and a console learn of the queue. Ticket
        numbers only: they are on the display screen anyway. ``waiting``:
        ``[((position, wait low, wait high), number)]`` in order."""
        self.ensure_one()
        return {
            "queue_id": self.id,
            "waiting_count": len(waiting),
            "waiting": [
                {"name": name, "position": position, "wait": [low, high]}
                for (position, low, high), name in waiting
            ],
        }
