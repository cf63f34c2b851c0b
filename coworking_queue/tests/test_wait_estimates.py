# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import random
from datetime import date, datetime

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.coworking_base.tests.common import CoworkingCommon

from ..tools import simulation

_logger = logging.getLogger(__name__)

# a Tuesday; the location is open 8:00-20:00 on weekdays
DAY = date(2026, 11, 17)
SEED = 2026
VISITORS = 250


@tagged("post_install", "-at_install")
class TestWaitEstimates(CoworkingCommon):
    """Wait estimates measured on a replayed day of tickets: the estimate
    given at each take against the wait that followed, and against the
    plain rule (position x typical service) with the same typical service.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Queue = cls.env["coworking.queue"]
        cls.agents = [
            new_test_user(
                cls.env,
                f"cw_replay_agent_{number}",
                groups="base.group_user,coworking_base.group_coworking_queue_agent",
                name=f"Replay Agent {number}",
            )
            for number in (1, 2, 3)
        ]

    def _counters(self, queue_sets):
        """A counter per set of queues, each with its own agent."""
        counters = self.env["coworking.queue.counter"].create(
            [
                {
                    "name": f"Replay Counter {number}",
                    "location_id": self.location.id,
                    "queue_ids": [Command.set([queue.id for queue in queues])],
                    "user_ids": [Command.set([agent.id])],
                }
                for number, (queues, agent) in enumerate(
                    zip(queue_sets, self.agents, strict=False), 1
                )
            ]
        )
        return dict(zip(counters, self.agents, strict=False))

    def _queue(self, prefix, minutes):
        return self.Queue.create(
            {
                "name": f"Replay {prefix}",
                "location_id": self.location.id,
                "prefix": prefix,
                "default_service_minutes": minutes,
            }
        )

    def _replay(self, services, queues, agents, label):
        arrivals = simulation.draw_day(random.Random(SEED), services, VISITORS)
        samples = self.Queue._replay_day(DAY, arrivals, queues, agents, measure=True)
        tickets = self.env["coworking.queue.ticket"].search(
            [("queue_id", "in", [queue.id for queue in queues.values()])]
        )
        self.assertEqual(len(tickets), len(arrivals))
        self.assertEqual(
            set(tickets.mapped("state")), {"served", "no_show"}, "everyone called"
        )
        figures = simulation.estimate_figures(samples)
        _logger.info("%s: %s", label, simulation.format_figures(figures))
        return figures

    def test_estimates_beat_the_plain_rule_on_a_replayed_day(self):
        """One service, three counters: MAE at most 0.8 x the plain rule's
        and at most 15 % of the waits longer than promised."""
        queue = self._queue("R", 6)
        agents = self._counters([queue, queue, queue])
        figures = self._replay((("R", 6, 1),), {"R": queue}, agents, "one service")
        self.assertGreater(figures["count"], 200)
        self.assertLessEqual(figures["mae_point"], 0.8 * figures["mae_plain"])
        self.assertLessEqual(figures["late"], 0.15, "promises broken")

    def test_estimates_with_counters_shared_between_services(self):
        """Three services, three counters serving two each (the Paris demo):
        the calls are played in order over the shared counters; MAE at most
        0.8 x the plain rule's, at most 15 % of the waits longer than
        promised."""
        queues = {
            key: self._queue(key, minutes)
            for key, minutes in (("A", 5), ("B", 8), ("C", 2))
        }
        agents = self._counters(
            [
                queues["A"] | queues["C"],
                queues["A"] | queues["B"],
                queues["B"] | queues["C"],
            ]
        )
        figures = self._replay(
            (("A", 5, 5), ("B", 8, 2), ("C", 2, 3)), queues, agents, "three services"
        )
        self.assertLessEqual(figures["mae_point"], 0.8 * figures["mae_plain"])
        self.assertLessEqual(figures["late"], 0.15, "promises broken")

    def test_replaying_a_past_day_keeps_today_numbering(self):
        """The demo history replays past days: their tickets are numbered
        from 001 on their own day, and today's numbers go on."""
        queue = self._queue("N", 5)
        agents = self._counters([queue])
        today = datetime(2026, 11, 17, 8, 0)
        Ticket = self.env["coworking.queue.ticket"]
        first = Ticket._take(queue, staff=True, now=today)
        first.action_cancel(now=today)
        arrivals = simulation.draw_day(random.Random(SEED), (("N", 5, 1),), 20)
        self.Queue._replay_day(date(2026, 11, 16), arrivals, {"N": queue}, agents)
        after = Ticket._take(queue, staff=True, now=today.replace(hour=9))
        self.assertEqual((first.name, after.name), ("N-001", "N-002"))
        past = Ticket.search(
            [("queue_id", "=", queue.id), ("day", "=", date(2026, 11, 16))]
        )
        self.assertEqual(
            sorted(past.mapped("number")), list(range(1, len(arrivals) + 1))
        )
