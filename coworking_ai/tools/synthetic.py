# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A synthetic booking history with the patterns of a real coworking space:
busier Tuesdays to Thursdays, morning and early-afternoon peaks, a quiet
August and Christmas, a slow growth over the year, public holidays nearly
empty, and members who come back to the same rooms on the same days.

Used by the demo data, the tests and ``bench/ai``; no ORM here."""

import math
import random
from datetime import datetime, time, timedelta

import pytz

# demand by month (January first), by weekday (Monday first)
MONTH_FACTOR = (0.9, 0.95, 1.0, 1.0, 0.95, 0.85, 0.7, 0.45, 1.05, 1.1, 1.05, 0.75)
WEEKDAY_FACTOR = (0.9, 1.05, 1.0, 1.05, 0.75, 0.2, 0.1)
# chance that a whole space is booked from a given hour, at the busiest time
KIND_INTENSITY = {
    "meeting_room": 0.5,
    "private_office": 0.75,
    "dedicated_desk": 0.7,
    "lounge": 0.12,
    "hot_desk": 0.6,
}
# how long (hours) a booking of a whole space lasts, and how often
DURATIONS = {
    "meeting_room": ((1, 0.45), (2, 0.35), (3, 0.15), (4, 0.05)),
    "lounge": ((2, 0.4), (3, 0.3), (4, 0.3)),
}
STATE_WEIGHTS = (("done", 0.91), ("no_show", 0.05), ("cancelled", 0.04))


def hour_factor(hour):
    """Two peaks, at 9:30 and at 14:30, a lunch dip between them."""
    morning = math.exp(-((hour - 9.5) ** 2) / 4.0)
    afternoon = 0.85 * math.exp(-((hour - 14.5) ** 2) / 5.0)
    return max(morning, afternoon)


def season_factor(day):
    """The month's factor, moving smoothly from one month to the next."""
    position = day.month - 1 + (day.day - 1) / 31.0
    low = int(math.floor(position - 0.5)) % 12
    high = (low + 1) % 12
    weight = (position - 0.5) - math.floor(position - 0.5)
    return MONTH_FACTOR[low] * (1 - weight) + MONTH_FACTOR[high] * weight


def day_factor(day, first_day, days, holidays):
    """How busy ``day`` is, before the hour of the day."""
    if day in holidays:
        return 0.05
    trend = 0.8 + 0.4 * ((day - first_day).days / max(days, 1))
    return season_factor(day) * WEEKDAY_FACTOR[day.weekday()] * trend


def _pick(rng, weighted):
    roll = rng.random()
    for value, weight in weighted:
        roll -= weight
        if roll <= 0:
            return value
    return weighted[-1][0]


def _utc(tz, day, hour):
    local = tz.localize(datetime.combine(day, time.min) + timedelta(hours=hour))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def _preferences(rng, spaces, partners):
    """Each member's usual rooms and days: ``{partner: (space ids, weekdays)}``."""
    room_ids = [s["id"] for s in spaces if s["kind"] != "hot_desk"] or [
        s["id"] for s in spaces
    ]
    return {
        partner: (
            set(rng.sample(room_ids, min(2, len(room_ids)))),
            set(rng.sample(range(5), 2)),
        )
        for partner in partners
    }


def generate(spaces, partners, first_day, days, holidays_of, seed=17, scale=1.0):
    """Bookings of ``spaces`` over ``days`` days from ``first_day``.

    ``spaces``: dicts with ``id``, ``kind``, ``capacity``, ``tz`` (name),
    ``location`` (key of ``holidays_of``), ``hours``: ``{weekday: (open,
    close)}`` in local hours. ``partners``: ids of the customers. Returns
    tuples ``(space id, partner id, start, stop, seats, state)`` with naive
    UTC datetimes."""
    rng = random.Random(seed)
    preferences = _preferences(rng, spaces, partners)
    by_day = {}
    for partner, (rooms, weekdays) in preferences.items():
        for weekday in weekdays:
            for room in rooms:
                by_day.setdefault((room, weekday), []).append(partner)
    bookings = []
    for space in spaces:
        tz = pytz.timezone(space["tz"])
        holidays = holidays_of(space["location"])
        intensity = KIND_INTENSITY.get(space["kind"], 0.3) * scale
        for offset in range(days):
            day = first_day + timedelta(days=offset)
            opening = space["hours"].get(day.weekday())
            if not opening:
                continue
            level = intensity * day_factor(day, first_day, days, holidays)
            regulars = by_day.get((space["id"], day.weekday()), [])
            if space["kind"] == "hot_desk":
                bookings.extend(
                    _pooled_day(rng, space, tz, day, opening, level, partners)
                )
            elif space["kind"] in ("private_office", "dedicated_desk"):
                if rng.random() < min(level, 0.98):
                    partner = rng.choice(regulars or partners)
                    bookings.append(
                        _booking(rng, space, tz, day, opening[0], opening[1], partner)
                    )
            else:
                bookings.extend(
                    _whole_space_day(
                        rng, space, tz, day, opening, level, partners, regulars
                    )
                )
    return bookings


def _booking(rng, space, tz, day, start_hour, stop_hour, partner, seats=1):
    return (
        space["id"],
        partner,
        _utc(tz, day, start_hour),
        _utc(tz, day, stop_hour),
        seats,
        _pick(rng, STATE_WEIGHTS),
    )


def _whole_space_day(rng, space, tz, day, opening, level, partners, regulars):
    hour, close = opening
    durations = DURATIONS.get(space["kind"], DURATIONS["meeting_room"])
    while hour < close:
        if rng.random() < min(level * hour_factor(hour + 0.5), 0.98):
            length = min(_pick(rng, durations), close - hour)
            partner = (
                rng.choice(regulars)
                if regulars and rng.random() < 0.6
                else rng.choice(partners)
            )
            yield _booking(rng, space, tz, day, hour, hour + length, partner)
            hour += length
        else:
            hour += 1


def _pooled_day(rng, space, tz, day, opening, level, partners):
    start, close = opening
    middle = (start + close) // 2
    for first, last, peak in ((start, middle, 10.0), (middle, close, 14.5)):
        share = min(level * hour_factor(peak), 0.98)
        for _seat in range(space["capacity"]):
            if rng.random() < share:
                yield _booking(rng, space, tz, day, first, last, rng.choice(partners))
