# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Demand pricing, as arithmetic without the ORM.

A pricelist rule that moves with demand gives the manager's bounds: a floor
and a ceiling (whole percent, the floor at most 0, the ceiling at least 0),
the largest step from one hour to the next, the target occupancy and the
sensitivity. An hour's forecast occupancy asks for

    sensitivity × (occupancy in % − target), kept within [floor, ceiling]

(0 % for an hour without a forecast). The hours then move smoothly: each
hour gets the largest value that asks no more than any hour does once the
step is added for each hour between them,
``min over j of (asked_j + step × |i − j|)``. That never charges more than
the forecast asks, never changes by more than the step from one hour to the
next (a peak is climbed and left step by step, a quiet hour is met early)
and stays within the bounds. Hours farther than ``(ceiling − floor) / step``
cannot lower an hour, so a window of that many hours around a booking gives
the exact value of every hour, whatever day or booking asks.

A booking's adjustment is the mean of its hours' values weighted by the time
it holds each hour, rounded to a whole percent (half away from zero): within
the bounds whatever the forecast."""

import math
from collections import namedtuple
from datetime import timedelta

HOUR = timedelta(hours=1)
# limits of the manager's bounds (also checked by the database)
FLOOR_MIN = -90
CEILING_MAX = 200
TARGET_MAX = 100
SENSITIVITY_MAX = 10.0
# the longest span priced at once: a booking of the longest range, or the
# free times of a day, with the window around it
MAX_SPAN = timedelta(days=45)

DemandBounds = namedtuple(
    "DemandBounds", ["floor", "ceiling", "step", "target", "sensitivity"]
)
DemandBounds.__doc__ = """The manager's bounds of a rule: floor, ceiling and
step in whole percent, target occupancy in percent (0–100), sensitivity in
percent of price per point of occupancy away from the target."""


def check_bounds(bounds):
    """Raise ``ValueError`` unless ``bounds`` are within their limits."""
    if not FLOOR_MIN <= bounds.floor <= 0 <= bounds.ceiling <= CEILING_MAX:
        raise ValueError(f"floor and ceiling out of bounds: {bounds!r}")
    if not 1 <= bounds.step <= CEILING_MAX - FLOOR_MIN:
        raise ValueError(f"step out of bounds: {bounds!r}")
    if not 0 <= bounds.target <= TARGET_MAX:
        raise ValueError(f"target out of bounds: {bounds!r}")
    if not 0 < bounds.sensitivity <= SENSITIVITY_MAX:
        raise ValueError(f"sensitivity out of bounds: {bounds!r}")
    return bounds


def hour_floor(moment):
    """The start of the hour of a naive datetime."""
    return moment.replace(minute=0, second=0, microsecond=0)


def hour_ceil(moment):
    """The end of the hour that ``moment`` falls in (itself on the hour)."""
    floor = hour_floor(moment)
    return floor if floor == moment else floor + HOUR


def context_hours(bounds):
    """Hours around a span that can change the value of its hours."""
    return math.ceil((bounds.ceiling - bounds.floor) / bounds.step)


def window(start, stop, bounds):
    """``(first hour, end)`` of the hours whose forecasts price the span."""
    margin = context_hours(bounds) * HOUR
    return hour_floor(start) - margin, hour_ceil(stop) + margin


def asked(rate, bounds):
    """Adjustment in percent an hour's forecast occupancy (0..1, None when
    there is no forecast) asks for, within the bounds."""
    if rate is None:
        return 0.0
    rate = min(max(float(rate), 0.0), 1.0)
    value = bounds.sensitivity * (rate * 100.0 - bounds.target)
    return min(max(value, float(bounds.floor)), float(bounds.ceiling))


def smooth(values, step):
    """The largest sequence at most ``values`` whose neighbours differ by at
    most ``step``: ``min over j of (values[j] + step × |i − j|)``."""
    result = list(values)
    for index in range(1, len(result)):
        result[index] = min(result[index], result[index - 1] + step)
    for index in range(len(result) - 2, -1, -1):
        result[index] = min(result[index], result[index + 1] + step)
    return result


def hourly_curve(first, end, rates, bounds):
    """``{hour: adjustment in percent}`` of the hours from ``first`` to
    ``end`` (on the hour), from ``{hour: forecast rate}`` (hours left out
    have no forecast)."""
    if end - first > MAX_SPAN + 2 * context_hours(bounds) * HOUR:
        raise ValueError(f"span too long to price: {end - first}")
    hours = []
    hour = first
    while hour < end:
        hours.append(hour)
        hour += HOUR
    values = smooth([asked(rates.get(hour), bounds) for hour in hours], bounds.step)
    return dict(zip(hours, values, strict=True))


def hour_shares(start, stop):
    """``[(hour, hours held)]`` of a span: the share of each hour it holds."""
    shares = []
    hour = hour_floor(start)
    while hour < stop:
        held = min(stop, hour + HOUR) - max(start, hour)
        shares.append((hour, held.total_seconds() / 3600.0))
        hour += HOUR
    return shares


def round_percent(value):
    """A whole percent, half away from zero."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def span_adjustment(start, stop, curve):
    """The adjustment of a span, in whole percent: the mean of its hours'
    values weighted by the time it holds each (0 for an empty span)."""
    shares = hour_shares(start, stop)
    total = sum(held for _hour, held in shares)
    if total <= 0:
        return 0
    weighted = sum(held * curve.get(hour, 0.0) for hour, held in shares)
    return round_percent(weighted / total)


def booking_adjustment(start, stop, rates, bounds):
    """The adjustment of a booking from ``start`` to ``stop`` (naive UTC),
    from ``{hour: forecast rate}`` of the hours of ``window()``."""
    if stop - start > MAX_SPAN:
        raise ValueError(f"span too long to price: {stop - start}")
    first, end = window(start, stop, bounds)
    return span_adjustment(start, stop, hourly_curve(first, end, rates, bounds))


def scaled(amount, percent):
    """``amount`` moved by ``percent`` (not rounded)."""
    return amount * (100 + percent) / 100.0
