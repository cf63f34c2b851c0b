# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Predictive maintenance without the ORM: intervals learned from the
maintenance history, the risk of a failure before the next check, the
predicted failure date, and Odoo's own estimate (last failure + MTBF).

Usage is counted in the equipment's unit (pages, hours of use, or days when
it has no counter). Every maintenance done, corrective or preventive, renews
the equipment: an *interval* is the usage from one renewal to the next
event, ended by a failure (a corrective request) or cut short by a
preventive maintenance (censored: it had not failed yet).

The intervals of one kind of equipment are pooled over the fleet to fit a
Weibull law (maximum likelihood, censored intervals included); an equipment
with history of its own gets a factor on that law (a gamma-frailty estimate,
its failures against the ones the fleet's law expects from its usage,
shrunk towards 1 when it has little history)."""

import math
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta

# a kind of equipment needs this many failures in the fleet before any
# estimate; an equipment this many ended intervals of its own for a factor
MIN_POOL_FAILURES = 3
MIN_OWN_INTERVALS = 2
# weight of the fleet's law in the equipment's factor, in failures
FRAILTY_PRIOR = 2.0
FACTOR_BOUNDS = (0.25, 4.0)
SHAPE_BOUNDS = (0.3, 12.0)
# days of usage averaged for the usage rate
RATE_WINDOW_DAYS = 28
# predicted failure dates further than this are not given
MAX_PREDICTION_DAYS = 3650
# past the usage by which this share of its kind has failed: overdue
OVERDUE_SHARE = 0.9


@dataclass(frozen=True)
class Interval:
    """Usage from a renewal to a failure (``failed``) or to a preventive
    maintenance (censored)."""

    usage: float
    failed: bool


@dataclass(frozen=True)
class WeibullFit:
    """Survival to usage ``t``: ``exp(-(t / scale) ** shape)``."""

    shape: float
    scale: float
    failures: int
    censored: int

    def cumulative_hazard(self, usage):
        return (max(usage, 0.0) / self.scale) ** self.shape

    def quantile(self, share):
        """The usage by which ``share`` of the equipment has failed."""
        return self.scale * (-math.log(1.0 - share)) ** (1.0 / self.shape)

    @property
    def median(self):
        return self.quantile(0.5)

    def failure_probability(self, usage, extra):
        """Probability of a failure within ``extra`` more usage, having
        survived ``usage``."""
        if extra <= 0:
            return 0.0
        gap = self.cumulative_hazard(usage + extra) - self.cumulative_hazard(usage)
        return 1.0 - math.exp(-gap)

    def remaining_usage(self, usage, share=0.5):
        """Usage left until ``share`` of equipment that survived ``usage``
        fails (the median remaining life by default)."""
        hazard = self.cumulative_hazard(usage) - math.log(1.0 - share)
        return self.scale * hazard ** (1.0 / self.shape) - max(usage, 0.0)

    def scaled(self, factor):
        """The law of an equipment failing ``factor`` times as often (its
        hazard multiplied by ``factor``)."""
        return WeibullFit(
            self.shape,
            self.scale * factor ** (-1.0 / self.shape),
            self.failures,
            self.censored,
        )


def fit_weibull(intervals, min_failures=MIN_POOL_FAILURES):
    """Maximum-likelihood Weibull law of ``intervals`` (censored ones
    included), or ``None`` with fewer than ``min_failures`` failures."""
    observed = [(max(i.usage, 0.0), i.failed) for i in intervals]
    failures = sum(1 for _usage, failed in observed if failed)
    if failures < max(min_failures, 1):
        return None
    top = max(usage for usage, _failed in observed)
    if top <= 0:
        return None
    # in units of the longest interval, zero usage as a tiny one
    floor = 1e-6
    values = [(max(usage / top, floor), failed) for usage, failed in observed]
    logs = [math.log(value) for value, _failed in values]
    mean_failed_log = (
        sum(log for log, (_v, failed) in zip(logs, values, strict=True) if failed)
        / failures
    )

    def slope(shape):
        # derivative of the profile log-likelihood, increasing in shape
        powers = [value**shape for value, _failed in values]
        total = sum(powers)
        weighted = sum(p * log for p, log in zip(powers, logs, strict=True))
        return weighted / total - 1.0 / shape - mean_failed_log

    low, high = SHAPE_BOUNDS
    if slope(low) >= 0:
        shape = low
    elif slope(high) <= 0:
        shape = high
    else:
        for _step in range(80):
            middle = math.sqrt(low * high)
            if slope(middle) < 0:
                low = middle
            else:
                high = middle
        shape = math.sqrt(low * high)
    total = sum(value**shape for value, _failed in values)
    scale = top * (total / failures) ** (1.0 / shape)
    return WeibullFit(shape, scale, failures, len(values) - failures)


def equipment_factor(fit, own_intervals, current_usage=0.0):
    """How many times as often this equipment fails as the fleet's law
    says, and its own failures: ``(factor, failures)``. 1 without enough
    history of its own (fewer than ``MIN_OWN_INTERVALS`` ended intervals)."""
    failures = sum(1 for interval in own_intervals if interval.failed)
    if fit is None or len(own_intervals) < MIN_OWN_INTERVALS:
        return 1.0, failures
    expected = sum(fit.cumulative_hazard(i.usage) for i in own_intervals)
    expected += fit.cumulative_hazard(current_usage)
    factor = (FRAILTY_PRIOR + failures) / (FRAILTY_PRIOR + expected)
    low, high = FACTOR_BOUNDS
    return min(max(factor, low), high), failures


@dataclass
class Assessment:
    """The state of one equipment on a day."""

    usage: float
    rate: float
    risk: float = 0.0
    reason: str = ""
    median_life: float = 0.0
    remaining: float | None = None
    days_left: float | None = None
    predicted_date: date | None = None
    factor: float = 1.0
    own_failures: int = 0
    fit: WeibullFit | None = field(default=None, repr=False)

    @property
    def known(self):
        return self.fit is not None


def assess(
    fit,
    own_intervals,
    usage,
    rate,
    today,
    horizon_days,
    threshold,
):
    """Risk of a failure within ``horizon_days`` at ``rate`` usage per day,
    having used ``usage`` since the last renewal; the reason to act
    (``overdue`` past the usage by which 90 % of its kind failed, ``wear``
    when the risk reaches ``threshold``, else empty) and the predicted
    failure date (the median remaining life at the current rate)."""
    result = Assessment(usage=usage, rate=max(rate, 0.0))
    if fit is None:
        return result
    result.factor, result.own_failures = equipment_factor(fit, own_intervals, usage)
    own = fit.scaled(result.factor)
    result.fit = own
    result.median_life = own.median
    result.risk = own.failure_probability(usage, result.rate * horizon_days)
    result.remaining = own.remaining_usage(usage)
    if result.rate > 0:
        days = result.remaining / result.rate
        if days <= MAX_PREDICTION_DAYS:
            result.days_left = days
            result.predicted_date = today + timedelta(days=math.ceil(days))
    if usage >= own.quantile(OVERDUE_SHARE):
        result.reason = "overdue"
    elif result.risk >= threshold:
        result.reason = "wear"
    return result


def intervals_of(install, events, cumulative, covered_from=None):
    """The ended intervals of one equipment and its last renewal:
    ``(intervals, last renewal)``. ``install``: when it was put in service;
    ``events``: ``(failure or maintenance date, renewal date, failed)``
    sorted; ``cumulative(day)``: usage counted before ``day``; intervals
    begun before ``covered_from`` (the counter's first day) are left out."""
    intervals = []
    start = install
    for moment, renewed, failed in events:
        if covered_from is None or start >= covered_from:
            usage = cumulative(moment) - cumulative(start)
            intervals.append(Interval(max(usage, 0.0), failed))
        start = max(renewed, moment, start)
    return intervals, start


def odoo_mtbf(effective_date, failure_dates):
    """Odoo's estimate (``maintenance.mixin._compute_maintenance_request``):
    MTBF in whole days = (latest failure - effective date) / failures, next
    failure = latest failure + MTBF, none without a failure or with an MTBF
    of 0. Returns ``(mtbf, next failure date or None)``."""
    if not failure_dates:
        return 0, None
    latest = max(failure_dates)
    mtbf = int((latest - effective_date).days / len(failure_dates))
    if not mtbf:
        return 0, None
    return mtbf, latest + timedelta(days=mtbf)


class History:
    """One equipment's history: its install date, its done maintenance
    ``events`` (``(failure or maintenance date, renewal date, failed)``)
    and, when it has a usage counter, its usage per day (``daily``:
    ``{date: usage}``) in ``unit``; without one, usage is counted in days."""

    def __init__(self, install, events, daily=None, unit="days"):
        self.install = install
        self.unit = unit if daily else "days"
        self.events = sorted(events)
        self.daily = daily or None
        if self.daily:
            self._days = sorted(self.daily)
            self._totals = [0.0]
            for day in self._days:
                self._totals.append(self._totals[-1] + max(self.daily[day], 0.0))
            self.covered_from = self._days[0]
        else:
            self.covered_from = install

    def cumulative(self, day):
        """Usage counted before ``day``."""
        if not self.daily:
            return float(day.toordinal())
        return self._totals[bisect_left(self._days, day)]

    def intervals(self):
        """``(ended intervals, last renewal date)``; with a counter, the
        intervals begun before it counted are left out."""
        covered = self.covered_from if self.daily else None
        return intervals_of(self.install, self.events, self.cumulative, covered)

    def usage_since(self, start, today):
        return max(self.cumulative(today) - self.cumulative(start), 0.0)

    def rate(self, today, window=RATE_WINDOW_DAYS):
        """Usage per day over the ``window`` days before ``today``."""
        if not self.daily:
            return 1.0
        return (
            max(self.usage_since(today - timedelta(days=window), today), 0.0) / window
        )
