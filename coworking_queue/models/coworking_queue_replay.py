# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# pylint: disable=R8180
# (one model in several files, one per concern: see CONTRIBUTING.md)
import heapq
import logging
import random
from datetime import datetime, time, timedelta

import pytz

from odoo import api, models
from odoo.exceptions import UserError

from ..tools import simulation, wait

_logger = logging.getLogger(__name__)

# minutes an agent waits for a called visitor who does not come
NO_SHOW_WAIT = 3.0
# the demo history: weekdays replayed before today, visitors a day
DEMO_DAYS = 5
DEMO_VISITORS = 130
# when each Paris counter is paused (minutes of the day): counter 2 at
# lunch, counter 3 open from 10:00 to 13:00 and from 15:30 to 19:00 only
DEMO_BREAKS = (
    (),
    ((12 * 60, 13 * 60),),
    ((0, 10 * 60), (13 * 60, 15 * 60 + 30), (19 * 60, 24 * 60)),
)
# at one minute: visitors leave the counters, then new ones take their
# tickets, then free counters call
LEAVE, TAKE, CALL = 0, 1, 2


class DayReplay:
    """The clock, the visitors and the counters of one replayed day.

    Events are played in time order through the model: ``_take`` for each
    arrival, ``_call_next`` by each free counter's agent, then
    ``action_start`` and ``action_served`` (or ``action_no_show``)."""

    def __init__(self, queue_model, day, queues, agents, breaks=None, measure=False):
        self.queue_model = queue_model
        self.tickets = queue_model.env["coworking.queue.ticket"]
        self.queues = queues
        self.agents = agents
        self.breaks = breaks or {}
        self.measure = measure
        self.tz = pytz.timezone(next(iter(queues.values())).tz)
        self.midnight = datetime.combine(day, time.min)
        self.events = []
        self.sequence = 0
        self.idle = set()
        self.paused = set()
        self.visitors = {}
        self.samples = []

    def moment(self, minute):
        """Naive UTC datetime of a minute of the day (local time)."""
        local = self.tz.localize(self.midnight + timedelta(seconds=round(minute * 60)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def plan(self, minute, order, kind, payload):
        self.sequence += 1
        heapq.heappush(self.events, (minute, order, self.sequence, kind, payload))

    def run(self, arrivals):
        for counter, agent in self.agents.items():
            counter.with_user(agent).action_open()
        # the estimates read the counters' state in SQL
        self.queue_model.env.flush_all()
        for arrival in arrivals:
            self.plan(arrival.minute, TAKE, "take", arrival)
        for counter in self.agents:
            self.plan(arrivals[0].minute if arrivals else 0, CALL, "call", counter)
        handlers = {
            "take": self.take,
            "call": self.call,
            "start": self.start,
            "served": self.finish,
            "no_show": self.finish,
        }
        while self.events:
            minute, _order, _sequence, kind, payload = heapq.heappop(self.events)
            handlers[kind](minute, kind, payload)
        for counter, agent in self.agents.items():
            counter.with_user(agent).action_close()
        if self.measure:
            measured = self.tickets.browse([s["ticket_id"] for s in self.samples])
            waited = {
                ticket.id: ticket.wait_minutes if ticket.called_at else None
                for ticket in measured
            }
            for sample in self.samples:
                sample["actual"] = waited[sample["ticket_id"]]
        return self.samples

    def take(self, minute, _kind, arrival):
        queue = self.queues[arrival.service]
        now = self.moment(minute)
        ticket = self.tickets._take(
            queue,
            arrival.ticket_type,
            appointment_at=self.moment(arrival.appointment)
            if arrival.appointment is not None
            else None,
            staff=True,
            now=now,
        )
        self.visitors[ticket.id] = arrival
        if self.measure:
            self.samples.append(self.queue_model._replay_sample(queue, ticket, now))
        for counter in self.agents:
            if counter in self.idle and queue in counter.queue_ids:
                self.idle.discard(counter)
                self.plan(minute, CALL, "call", counter)

    def pause_end(self, counter, minute):
        for start, stop in self.breaks.get(counter, ()):
            if start <= minute < stop:
                return stop
        return None

    def call(self, minute, _kind, counter):
        agent = self.agents[counter]
        stop = self.pause_end(counter, minute)
        if stop is not None:
            if counter not in self.paused:
                counter.with_user(agent).action_pause()
                self.paused.add(counter)
            self.plan(stop, CALL, "call", counter)
            return
        if counter in self.paused:
            counter.with_user(agent).action_resume()
            self.paused.discard(counter)
        ticket = self.tickets.with_user(agent)._call_next(
            counter, now=self.moment(minute)
        )
        if not ticket:
            self.idle.add(counter)
            return
        visitor = self.visitors[ticket.id]
        if visitor.no_show:
            self.plan(minute + NO_SHOW_WAIT, LEAVE, "no_show", (counter, ticket))
        else:
            self.plan(minute + visitor.walk, LEAVE, "start", (counter, ticket))

    def start(self, minute, _kind, payload):
        counter, ticket = payload
        ticket.with_user(self.agents[counter]).action_start(now=self.moment(minute))
        duration = self.visitors[ticket.id].duration
        self.plan(minute + duration, LEAVE, "served", payload)

    def finish(self, minute, kind, payload):
        counter, ticket = payload
        ticket = ticket.with_user(self.agents[counter])
        if kind == "served":
            ticket.action_served(now=self.moment(minute))
        else:
            ticket.action_no_show(now=self.moment(minute))
        self.plan(minute, CALL, "call", counter)


class CoworkingQueue(models.Model):
    """Replaying a day of tickets through the model, with a controlled
    clock: the wait estimates measured on it (tests) and the demo history."""

    _inherit = "coworking.queue"

    @api.model
    def _replay_day(self, day, arrivals, queues, agents, breaks=None, measure=False):
        """Play ``arrivals`` (``tools.simulation.draw_day``) on ``day``.

        ``queues``: ``{service key: queue}``, all at one location;
        ``agents``: ``{counter: user}``, each counter opened by its agent
        for the day (and closed at the end); ``breaks``: ``{counter:
        [(from minute, to minute)]}`` when the counter is paused. Visitors
        take their tickets (as staff: any type), free counters call the
        next one, the visitor comes (or not) and is served for the drawn
        duration; counters keep serving after closing until nobody waits.
        No ticket may be waiting in the counters' queues before.

        With ``measure``, answer one sample per ticket (see
        ``tools.simulation.estimate_figures``): the position and the range
        the model gave at the take, its point estimate, the plain rule's,
        and the wait until called.
        """
        served = self.browse().union(*(counter.queue_ids for counter in agents))
        if self._replay_waiting_count(served):
            raise UserError(
                self.env._(
                    "Tickets are waiting in these services: a past day can only "
                    "be replayed when nobody waits."
                )
            )
        return DayReplay(self, day, queues, agents, breaks, measure).run(arrivals)

    @api.model
    def _replay_waiting_count(self, queues):
        return self.env["coworking.queue.ticket"].search_count(
            [("queue_id", "in", queues.ids), ("state", "=", "waiting")]
        )

    @api.model
    def _replay_sample(self, queue, ticket, now):
        """The estimates given to ``ticket`` when it was taken at ``now``:
        the model's range and point estimate (``_live_estimates``), and the
        plain rule's with the same typical service, alone and divided among
        the counters serving the queue."""
        position, point = self._live_estimates(queue, now=now)[ticket.id]
        _waiting, at_work, services = self._estimate_state(queue, now)
        service = services[queue.id]
        servers = sum(1 for queue_ids, _free in at_work if queue.id in queue_ids)
        low, high = wait.promise(point)
        plain = wait.plain_estimate(position, service)
        return {
            "ticket_id": ticket.id,
            "queue_id": queue.id,
            "ticket_type": ticket.ticket_type,
            "hour": ticket.hour,
            "position": position,
            "servers": servers,
            "low": low,
            "high": high,
            "point": point,
            "plain": plain,
            "plain_servers": plain / max(servers, 1),
            "taken_at": now,
            "service": service,
        }

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------

    @api.model
    def _demo_replay_history(self, days=DEMO_DAYS, visitors=DEMO_VISITORS):
        """Replay ``days`` weekdays before today at the Paris demo location
        (its three services and counters), so that the ticket list and the
        analytics show real days. Today is left alone: its numbers start at
        001 as every day."""
        ref = self.env.ref
        queues = {
            "A": ref("coworking_queue.coworking_queue_reception_paris_demo"),
            "B": ref("coworking_queue.coworking_queue_membership_paris_demo"),
            "C": ref("coworking_queue.coworking_queue_mail_paris_demo"),
        }
        counters = [
            ref(f"coworking_queue.coworking_queue_counter_{number}_paris_demo")
            for number in (1, 2, 3)
        ]
        users = [
            ref("coworking_queue.res_users_awa_demo"),
            ref("coworking_queue.res_users_moussa_demo"),
            ref("base.user_admin"),
        ]
        agents = dict(zip(counters, users, strict=True))
        served = self.browse().union(*(counter.queue_ids for counter in counters))
        if self._replay_waiting_count(served) or any(
            counter.state != "closed" for counter in counters
        ):
            _logger.info("Demo queue history not replayed: the counters are in use.")
            return False
        services = tuple(
            (key, queue.default_service_minutes, weight)
            for (key, queue), weight in zip(queues.items(), (5, 2, 3), strict=True)
        )
        day, replayed = queues["A"]._today(), []
        while len(replayed) < days:
            day -= timedelta(days=1)
            if day.weekday() < 5:
                replayed.append(day)
        for day in sorted(replayed):
            rng = random.Random(f"coworking_queue demo {day.isoformat()}")
            self._replay_day(
                day,
                simulation.draw_day(rng, services, visitors),
                queues,
                agents,
                breaks={
                    counter: DEMO_BREAKS[number]
                    for number, counter in enumerate(counters)
                    if DEMO_BREAKS[number]
                },
            )
        return True
