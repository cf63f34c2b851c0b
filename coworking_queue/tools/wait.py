# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Wait estimates of a queue: arithmetic on what happened recently, no ORM.

A queue is served by ``servers`` counters. Each waiting ticket starts when
the counters have served the tickets ahead of it: the counters' next free
times are known (a counter serving a ticket is free when the ticket's
expected remaining time is over), then every counter takes the next ticket
as soon as it is free. Durations are the recent service times of the queue:
their mean, the rare extreme ones capped (a ticket left open at a counter
for an hour), since the sum of many services is what a visitor waits for.

When counters serve several queues, ``shared_start_delays`` plays the
calls in order: each counter takes the first ticket of any of its queues.

A promise is a range in steps of five minutes, never a false precision.

Measured on replayed days (``tools/simulation.py``, ``tests/
test_wait_estimates.py``): trimming the longest tenth of the durations
made every estimate about 15 % short (service times are skewed: the long
ones are part of the mean), and a counter past its typical service was
assumed free almost at once; both made promises too optimistic.
"""

import heapq
import math
from collections import deque

STEP = 5
# a duration counts at most this many times the median (a forgotten ticket)
CAP = 4
# a service that has lasted longer than the typical one still needs about
# half a typical service (the skew of service times)
REMAINING_FLOOR = 0.5
# range around the estimate: the shortest and longest waits it promises
LOW_FACTOR = 0.75
HIGH_FACTOR = 1.3


def typical_service(durations, default):
    """Mean service duration in minutes, each duration capped at ``CAP``
    times the median; ``default`` without any."""
    values = sorted(d for d in durations if d is not None and d >= 0)
    if not values:
        return float(default)
    cap = CAP * values[len(values) // 2]
    return sum(min(value, cap) for value in values) / len(values)


def remaining(elapsed, service):
    """Minutes a counter still needs for a ticket called ``elapsed`` minutes
    ago, when services take ``service`` minutes."""
    return max(service - elapsed, service * REMAINING_FLOOR)


def start_delays(count, busy_elapsed, servers, service):
    """Minutes until each of the ``count`` next tickets starts.

    ``busy_elapsed``: minutes already spent on each ticket now at a counter;
    ``servers``: counters serving the queue (at least the busy ones).
    """
    if count <= 0:
        return []
    servers = max(servers, len(busy_elapsed), 1)
    free_at = [remaining(elapsed, service) for elapsed in busy_elapsed]
    free_at += [0.0] * (servers - len(free_at))
    heapq.heapify(free_at)
    delays = []
    for _index in range(count):
        start = heapq.heappop(free_at)
        delays.append(start)
        heapq.heappush(free_at, start + service)
    return delays


def shared_start_delays(tickets, counters, services):
    """Minutes until each waiting ticket starts, when counters serve
    several queues.

    ``tickets``: the queue of each waiting ticket, in the order they are
    called; ``counters``: ``(queues served, minutes until free)`` of each
    counter at work; ``services``: ``{queue: typical minutes}``. A free
    counter takes the first waiting ticket of any of its queues. The
    tickets of a queue no counter serves wait as if one counter served it
    alone.
    """
    lines = {}
    for index, queue in enumerate(tickets):
        lines.setdefault(queue, deque()).append(index)
    counters = [(frozenset(queues), free) for queues, free in counters]
    covered = set().union(*(queues for queues, _free in counters))
    counters += [(frozenset([queue]), 0.0) for queue in lines if queue not in covered]
    free_at = [(free, number) for number, (_queues, free) in enumerate(counters)]
    heapq.heapify(free_at)
    delays = [None] * len(tickets)
    while free_at:
        start, number = heapq.heappop(free_at)
        heads = [lines[queue][0] for queue in counters[number][0] if lines.get(queue)]
        if not heads:
            continue
        index = min(heads)
        queue = tickets[index]
        lines[queue].popleft()
        delays[index] = start
        heapq.heappush(free_at, (start + services[queue], number))
    return delays


def promise(minutes):
    """The range ``(low, high)`` in minutes promised for an estimate."""
    if minutes < STEP / 2:
        return (0, STEP)
    low = int(math.floor(minutes * LOW_FACTOR / STEP) * STEP)
    high = int(math.ceil(minutes * HIGH_FACTOR / STEP) * STEP)
    return (low, max(high, low + STEP))


def plain_estimate(position, service):
    """The plain rule the estimate is measured against: tickets up to this
    one times the average service time."""
    return position * service
