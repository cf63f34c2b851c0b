# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A day at a front desk drawn at random, and the figures of the wait
estimates measured on it. Pure arithmetic, no ORM: the day is played
through the model by ``coworking.queue._replay_day``
(``models/coworking_queue_replay.py``).

Times are minutes from the local midnight of the day (``570.5`` is 9:30:30).

- Arrivals are a non-homogeneous Poisson process (drawn by thinning): a
  base rate with a morning peak, a lunch dip and an afternoon peak, scaled
  so that ``count`` visitors come on average over the opening hours.
- Each visitor picks a service (by weight) and a ticket type (mostly
  normal, some express and VIP, a few appointments booked on the quarter).
- Service durations are lognormal around the service's usual minutes
  (express errands are shorter); a few visitors never come when called.
"""

import math
from collections import namedtuple

# the arrival curve: relative intensity, see ``arrival_intensity``
BASE_INTENSITY = 0.35
# (centre, spread, height) in minutes from midnight
PEAKS = ((9 * 60 + 45, 50, 1.0), (16 * 60 + 45, 70, 0.85))
# (centre, spread, depth): the share of the traffic missing at the centre
DIPS = ((12 * 60 + 45, 40, 0.65),)

# ticket types and their shares of the visitors
TYPE_MIX = (("normal", 0.80), ("express", 0.10), ("vip", 0.05), ("appointment", 0.05))
# service duration of a type, relative to the service's usual minutes
TYPE_DURATION = {"normal": 1.0, "express": 0.6, "vip": 1.0, "appointment": 1.3}
# spread of the service durations (sigma of the logarithm)
DURATION_SIGMA = 0.6
SHORTEST_SERVICE = 0.5
NO_SHOW_SHARE = 0.04
# minutes from the call to the visitor at the counter
WALK = (0.2, 1.2)

Arrival = namedtuple(
    "Arrival",
    "minute service ticket_type duration walk no_show appointment",
    defaults=(None,),
)
Arrival.__doc__ = """One visitor of the day.

``minute``: when the ticket is taken; ``service``: the key of the service;
``duration``: minutes at the counter once there; ``walk``: minutes from the
call to the counter; ``no_show``: never comes when called; ``appointment``:
the booked minute of an appointment ticket."""


def _bell(minute, centre, spread):
    return math.exp(-(((minute - centre) / spread) ** 2) / 2)


def arrival_intensity(minute):
    """Relative arrival rate at ``minute`` (unitless, scaled by ``draw_day``)."""
    value = BASE_INTENSITY + sum(
        height * _bell(minute, centre, spread) for centre, spread, height in PEAKS
    )
    for centre, spread, depth in DIPS:
        value *= 1 - depth * _bell(minute, centre, spread)
    return value


def draw_arrivals(rng, count, opening, closing, intensity=arrival_intensity):
    """Sorted arrival minutes in ``[opening, closing)``: a Poisson process
    whose rate follows ``intensity`` with ``count`` arrivals expected."""
    if count <= 0 or closing <= opening:
        return []
    grid = [opening + step for step in range(int(closing - opening) + 1)]
    values = [intensity(minute) for minute in grid]
    # trapezoids: the expected arrivals of the intensity over the day
    area = sum((a + b) / 2 for a, b in zip(values, values[1:], strict=False))
    scale = count / area
    peak = max(values) * scale * 1.05
    minutes, moment = [], float(opening)
    while True:
        moment += rng.expovariate(peak)
        if moment >= closing:
            return minutes
        if rng.random() * peak < intensity(moment) * scale:
            minutes.append(moment)


def lognormal_minutes(rng, mean, sigma=DURATION_SIGMA):
    """A duration with this ``mean`` (minutes) and logarithm spread."""
    mu = math.log(mean) - sigma**2 / 2
    return max(rng.lognormvariate(mu, sigma), SHORTEST_SERVICE)


def _pick(rng, choices):
    """A key of ``((key, weight), ...)`` drawn by weight."""
    total = sum(weight for _key, weight in choices)
    point = rng.random() * total
    for key, weight in choices:
        point -= weight
        if point < 0:
            return key
    return choices[-1][0]


def draw_day(
    rng,
    services,
    count,
    opening=8 * 60,
    closing=20 * 60,
    type_mix=TYPE_MIX,
    no_show_share=NO_SHOW_SHARE,
):
    """The visitors of a day, in time order.

    ``rng``: a seeded ``random.Random``; ``services``: ``((key, usual
    minutes, weight), ...)``; ``count``: visitors expected over the day.
    """
    usual = {key: minutes for key, minutes, _weight in services}
    weights = tuple((key, weight) for key, _minutes, weight in services)
    arrivals = []
    for minute in draw_arrivals(rng, count, opening, closing):
        service = _pick(rng, weights)
        ticket_type = _pick(rng, type_mix)
        appointment = None
        if ticket_type == "appointment":
            # booked on the quarter; visitors come a little early or late
            booked = 15 * round((minute + rng.uniform(-3, 12)) / 15)
            appointment = min(max(booked, opening), closing)
        arrivals.append(
            Arrival(
                minute=minute,
                service=service,
                ticket_type=ticket_type,
                duration=lognormal_minutes(
                    rng, usual[service] * TYPE_DURATION[ticket_type]
                ),
                walk=rng.uniform(*WALK),
                no_show=rng.random() < no_show_share,
                appointment=appointment,
            )
        )
    return arrivals


# ----------------------------------------------------------------------
# Figures
# ----------------------------------------------------------------------


def estimate_figures(samples):
    """How good the estimates given at each take were.

    ``samples``: dicts with ``actual`` (minutes waited until called),
    ``point`` (the model's estimate), ``low`` and ``high`` (the range
    promised), ``plain`` (the plain rule) and optionally ``plain_servers``
    (the plain rule divided among the counters). Mean absolute errors in
    minutes; ``late``: share of waits longer than promised (a promise
    broken), ``early``: share shorter than promised (under-promised).
    """
    samples = [s for s in samples if s.get("actual") is not None]
    count = len(samples)
    if not count:
        return {"count": 0}

    def mae(key):
        return sum(abs(s[key] - s["actual"]) for s in samples) / count

    figures = {
        "count": count,
        "mean_wait": sum(s["actual"] for s in samples) / count,
        "mae_point": mae("point"),
        "mae_range_middle": sum(
            abs((s["low"] + s["high"]) / 2 - s["actual"]) for s in samples
        )
        / count,
        "mae_plain": mae("plain"),
        "late": sum(s["actual"] > s["high"] for s in samples) / count,
        "early": sum(s["actual"] < s["low"] for s in samples) / count,
    }
    if all("plain_servers" in s for s in samples):
        figures["mae_plain_servers"] = mae("plain_servers")
    figures["ratio"] = (
        figures["mae_point"] / figures["mae_plain"] if figures["mae_plain"] else 0.0
    )
    return figures


def format_figures(figures):
    """One line of ``estimate_figures`` for logs and reports."""
    if not figures.get("count"):
        return "no ticket measured"
    line = (
        f"{figures['count']} tickets, mean wait {figures['mean_wait']:.1f} min; "
        f"MAE model {figures['mae_point']:.2f} min (middle of the range "
        f"{figures['mae_range_middle']:.2f}), plain rule {figures['mae_plain']:.2f} "
        f"min: {figures['ratio']:.2f} x"
    )
    if "mae_plain_servers" in figures:
        line += f" (plain rule per counter {figures['mae_plain_servers']:.2f} min)"
    return line + (
        f"; waited longer than promised {figures['late']:.1%}, "
        f"shorter {figures['early']:.1%}"
    )
