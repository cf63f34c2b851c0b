# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Free-slot arithmetic on naive UTC datetimes, free of the ORM.

Opening periods and busy periods are lists of ``(start, stop)`` pairs; busy
periods carry the number of seats they take. Everything here is linear in the
number of periods once they are sorted.
"""

from bisect import bisect_left
from datetime import datetime, timedelta

import pytz


def aligned_starts(open_start, open_stop, duration, step, tz):
    """Yield the starts of slots of ``duration`` inside ``[open_start, open_stop)``
    on multiples of ``step`` counted from local midnight in ``tz``."""
    local = pytz.utc.localize(open_start).astimezone(tz)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    offset = (local - midnight) % step
    first = open_start if not offset else open_start + (step - offset)
    current = first
    while current + duration <= open_stop:
        yield current
        current += step


def is_aligned(start, step, tz):
    local = pytz.utc.localize(start).astimezone(tz)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return not (local - midnight) % step


def peak_load(busy, start, stop):
    """Largest number of seats taken at once by ``busy`` periods
    ``(start, stop, seats)`` during ``[start, stop)``."""
    events = []
    for s, e, seats in busy:
        if s < stop and e > start:
            events.append((max(s, start), seats))
            events.append((min(e, stop), -seats))
    # ends sort before starts at the same instant: [a, b) and [b, c) don't meet
    events.sort(key=lambda event: (event[0], event[1]))
    load = peak = 0
    for _moment, delta in events:
        load += delta
        peak = max(peak, load)
    return peak


class BusyIndex:
    """Busy periods of one resource, sorted, for fast overlap queries."""

    def __init__(self, busy):
        self.busy = sorted(busy)
        self.starts = [b[0] for b in self.busy]
        # the longest period bounds how far back an overlapping one can start
        self.longest = max((b[1] - b[0] for b in self.busy), default=timedelta(0))

    def overlapping(self, start, stop):
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, stop)
        return [b for b in self.busy[lo:hi] if b[1] > start]

    def load(self, start, stop):
        return peak_load(self.overlapping(start, stop), start, stop)


def free_slots(
    open_periods,
    busy,
    duration,
    step,
    tz,
    buffer=timedelta(0),
    capacity=1,
    seats=1,
    earliest=None,
    latest=None,
):
    """Return ``[(start, stop, seats_left)]`` of the slots of ``duration`` that
    fit in ``open_periods`` and leave room for ``seats`` given ``busy``.

    A slot blocks ``[start, stop + buffer)``, as a booking does.
    """
    index = BusyIndex(busy)
    result = []
    for open_start, open_stop in open_periods:
        for start in aligned_starts(open_start, open_stop, duration, step, tz):
            if earliest and start < earliest:
                continue
            if latest and start > latest:
                break
            stop = start + duration
            left = capacity - index.load(start, stop + buffer)
            if left >= seats:
                result.append((start, stop, left))
    return result


def merge_periods(periods):
    """Sorted periods with touching or overlapping ones joined: a morning
    ending at 13:00 and an afternoon starting at 13:00 make one period."""
    merged = []
    for start, stop in sorted(periods):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return merged


def to_naive_utc(value):
    """An aware datetime to naive UTC; a naive one is taken as UTC."""
    if isinstance(value, datetime) and value.tzinfo:
        return value.astimezone(pytz.utc).replace(tzinfo=None)
    return value


# the first window of suggestions around a refused time
SUGGEST_RADIUS = timedelta(hours=12)


def suggest_window(start, stop):
    """The first window searched for suggestions: half a day around ``start``
    (and at least up to ``stop``)."""
    return start - SUGGEST_RADIUS, max(start + SUGGEST_RADIUS, stop)
