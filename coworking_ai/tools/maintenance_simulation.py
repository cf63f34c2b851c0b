# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A synthetic fleet whose failures come from wear (usage, with noise), and
two warning policies replayed day by day on the same history:

- ``risk``: this addon's (``maintenance_risk.assess``): warn when the risk
  of a failure before the next check reaches the threshold, or when the
  usage since the last maintenance is past the usage by which 90 % of its
  kind failed;
- ``mtbf``: Odoo's estimate, next failure = last failure + MTBF, warned
  ``lead_days`` before it.

Each policy only sees what was known the day before: the failures and
maintenances done, and the usage counted. A warning stands until the next
maintenance or failure (one per renewal, as one open request). Counted for
the failures after the burn-in: the lead time (failure day - warning day,
0 when missed), the failures missed, and the false alarms: warnings with no
failure within ``window_days``."""

import math
import random
import statistics
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import maintenance_risk as risk

DAY0 = date(2024, 1, 1)


@dataclass(frozen=True)
class Kind:
    name: str
    unit: str
    rate: float  # usage per working day, typical
    life: float  # Weibull scale of the life, in usage
    shape: float  # Weibull shape (> 1: wear-out)
    preventive_days: int  # calendar preventive maintenance


KINDS = (
    Kind("printer", "pages", 180.0, 30000.0, 5.0, 365),
    Kind("projector", "hours", 5.0, 900.0, 4.5, 365),
)


@dataclass
class Unit:
    """One simulated equipment: its daily usage and its events ``(day,
    kind)``, ``kind`` being ``failure`` (renewed after the repair days) or
    ``preventive``."""

    number: int
    kind: Kind
    usage: list = field(default_factory=list)
    events: list = field(default_factory=list)  # (day, kind, renewal day)
    cumulative: list = field(default_factory=list)
    renewals: list = field(default_factory=list)


def _usage_levels(rng, rate, days):
    """The unit's usage level day by day: its own level, changed every
    half year or so (moved to a busier or quieter room, members come and
    go)."""
    level = rate * math.exp(rng.gauss(0.0, 0.45))
    levels = []
    for _day in range(days):
        if rng.random() < 1 / 180:
            level *= math.exp(rng.gauss(0.0, 0.5))
        levels.append(level)
    return levels


def season(moment, weekend=0.15):
    """How busy a day is: quiet weekends (``weekend`` of a working day),
    August and the end of the year."""
    factor = weekend if moment.weekday() >= 5 else 1.0
    if moment.month == 8:
        factor *= 0.4
    elif moment.month == 12 and moment.day >= 20:
        factor *= 0.5
    return factor


def simulate_fleet(seed=7, units_per_kind=30, days=1095, kinds=KINDS):
    """``units_per_kind`` equipment of each kind over ``days`` days: each
    with its own usage level (changing now and then), quiet weekends and
    holidays, daily noise; a life drawn at
    each renewal from the kind's Weibull law times the unit's own
    robustness; a preventive maintenance every ``preventive_days`` (give or
    take 20 days) renewing it as a repair does."""
    rng = random.Random(seed)
    fleet = []
    number = 0
    for kind in kinds:
        for _index in range(units_per_kind):
            number += 1
            unit = Unit(number, kind)
            levels = _usage_levels(rng, kind.rate, days)
            robustness = math.exp(rng.gauss(0.0, 0.1))

            def new_life(kind=kind, robustness=robustness):
                draw = rng.weibullvariate(1.0, kind.shape)
                return kind.life * robustness * draw

            life = new_life()
            wear = 0.0
            down = 0
            next_preventive = rng.randrange(30, kind.preventive_days)
            for day in range(days):
                moment = DAY0 + timedelta(days=day)
                if down:
                    down -= 1
                    unit.usage.append(0.0)
                    continue
                if day >= next_preventive:
                    unit.events.append((day, "preventive", day))
                    wear, life = 0.0, new_life()
                    next_preventive = day + kind.preventive_days + rng.randint(-20, 20)
                rate = levels[day] * season(moment)
                used = rate * rng.gammavariate(4.0, 0.25)
                if wear + used >= life:
                    used = max(life - wear, 0.0)
                    repair = rng.randint(1, 3)
                    unit.events.append((day, "failure", day + repair))
                    wear, life = 0.0, new_life()
                    down = repair
                    next_preventive = day + repair + kind.preventive_days
                else:
                    wear += used
                unit.usage.append(used)
            total = 0.0
            unit.cumulative = [0.0]
            for used in unit.usage:
                total += used
                unit.cumulative.append(total)
            unit.renewals = [renewed for _day, _kind, renewed in unit.events]
            fleet.append(unit)
    return fleet


def _known(unit, day):
    """How many of the unit's events were done (renewed) by ``day``."""
    return bisect_right(unit.renewals, day)


def _usage_before(unit, day):
    return unit.cumulative[max(min(day, len(unit.usage)), 0)]


class RiskPolicy:
    """The addon's policy replayed: the fleet's law of each kind refitted
    when a new event is known."""

    name = "risk"

    def __init__(self, fleet, horizon_days=14, threshold=0.3):
        self.fleet = fleet
        self.horizon_days = horizon_days
        self.threshold = threshold
        self._renewals = {}
        for unit in fleet:
            self._renewals.setdefault(unit.kind.name, []).extend(unit.renewals)
        for days in self._renewals.values():
            days.sort()
        self._fits = {}
        self._own = {}

    def _intervals(self, unit, count):
        key = (unit.number, count)
        if key not in self._own:
            events = [
                (moment, renewed, kind == "failure")
                for moment, kind, renewed in unit.events[:count]
            ]
            self._own[key] = risk.intervals_of(
                0, events, lambda d: _usage_before(unit, d)
            )
        return self._own[key]

    def _fit(self, kind, day):
        key = (kind.name, bisect_right(self._renewals[kind.name], day))
        if key not in self._fits:
            pooled = []
            for unit in self.fleet:
                if unit.kind == kind:
                    pooled += self._intervals(unit, _known(unit, day))[0]
            self._fits[key] = risk.fit_weibull(pooled)
        return self._fits[key]

    def warns(self, unit, day):
        fit = self._fit(unit.kind, day)
        if fit is None:
            return False
        own, start = self._intervals(unit, _known(unit, day))
        usage = _usage_before(unit, day) - _usage_before(unit, start)
        window = risk.RATE_WINDOW_DAYS
        rate = (_usage_before(unit, day) - _usage_before(unit, day - window)) / window
        result = risk.assess(
            fit,
            own,
            usage,
            rate,
            DAY0 + timedelta(days=day),
            self.horizon_days,
            self.threshold,
        )
        return bool(result.reason)


class MtbfPolicy:
    """Odoo's estimate: warn ``lead_days`` before last failure + MTBF."""

    name = "mtbf"

    def __init__(self, fleet, lead_days=14):
        self.fleet = fleet
        self.lead_days = lead_days
        self._estimates = {}

    def _estimate(self, unit, count):
        key = (unit.number, count)
        if key not in self._estimates:
            failures = [
                DAY0 + timedelta(days=moment)
                for moment, kind, _renewed in unit.events[:count]
                if kind == "failure"
            ]
            self._estimates[key] = risk.odoo_mtbf(DAY0, failures)[1]
        return self._estimates[key]

    def warns(self, unit, day):
        estimate = self._estimate(unit, _known(unit, day))
        if estimate is None:
            return False
        return DAY0 + timedelta(days=day) >= estimate - timedelta(days=self.lead_days)


def evaluate(fleet, policy, burn_in=365, window_days=30):
    """Replay ``policy`` from ``burn_in`` on: its warnings (one per
    renewal), lead times and false alarms."""
    leads = []
    warnings = false_alarms = missed = 0
    for unit in fleet:
        days = len(unit.usage)
        renewals = [0] + [renewed for _moment, _kind, renewed in unit.events]
        ends = [moment for moment, _kind, _renewed in unit.events] + [days]
        failure_days = [m for m, kind, _r in unit.events if kind == "failure"]
        for start, end, event in zip(renewals, ends, unit.events + [None], strict=True):
            warned = None
            for day in range(max(start, burn_in), end):
                if policy.warns(unit, day):
                    warned = day
                    break
            if warned is not None and warned + window_days < days:
                warnings += 1
                if not any(warned <= f <= warned + window_days for f in failure_days):
                    false_alarms += 1
            if event and event[1] == "failure" and event[0] >= burn_in:
                if warned is None:
                    missed += 1
                    leads.append(0)
                else:
                    leads.append(event[0] - warned)
    warned_leads = [lead for lead in leads if lead > 0]
    return {
        "policy": policy.name,
        "failures": len(leads),
        "warnings": warnings,
        "false_alarms": false_alarms,
        "missed": missed,
        "median_lead_days": statistics.median(leads) if leads else 0,
        "median_lead_warned_days": (
            statistics.median(warned_leads) if warned_leads else 0
        ),
    }


def compare(
    seed=7,
    units_per_kind=30,
    days=1095,
    horizon_days=14,
    threshold=0.3,
    kinds=KINDS,
):
    """Both policies on the same synthetic history: ``(risk, mtbf)``."""
    fleet = simulate_fleet(seed, units_per_kind, days, kinds)
    return (
        evaluate(fleet, RiskPolicy(fleet, horizon_days, threshold)),
        evaluate(fleet, MtbfPolicy(fleet, horizon_days)),
    )
