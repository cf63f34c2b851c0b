# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import random
from datetime import date, timedelta

from odoo.tests import TransactionCase, tagged

from ..tools import maintenance_risk as risk
from ..tools import maintenance_simulation as simulation

TODAY = date(2026, 3, 2)


def sample(shape, scale, count, seed=3, cut=None):
    """``count`` lives drawn from a Weibull law, censored at ``cut``."""
    rng = random.Random(seed)
    intervals = []
    for _index in range(count):
        life = rng.weibullvariate(scale, shape)
        if cut and life > cut:
            intervals.append(risk.Interval(cut, False))
        else:
            intervals.append(risk.Interval(life, True))
    return intervals


@tagged("post_install", "-at_install")
class TestMaintenanceRisk(TransactionCase):
    """The arithmetic, without the ORM."""

    def test_the_fit_finds_the_law_back(self):
        fit = risk.fit_weibull(sample(4.0, 10000.0, 400))
        self.assertAlmostEqual(fit.shape, 4.0, delta=0.4)
        self.assertAlmostEqual(fit.scale, 10000.0, delta=300)
        self.assertEqual((fit.failures, fit.censored), (400, 0))

    def test_censored_intervals_count_as_survivals(self):
        intervals = sample(4.0, 10000.0, 400, cut=9000.0)
        fit = risk.fit_weibull(intervals)
        self.assertGreater(fit.censored, 50)
        self.assertAlmostEqual(fit.scale, 10000.0, delta=400)
        only_failures = risk.fit_weibull([i for i in intervals if i.failed])
        self.assertLess(only_failures.scale, fit.scale, "ignoring them biases low")

    def test_too_few_failures_give_no_law(self):
        self.assertIsNone(risk.fit_weibull([]))
        two = [risk.Interval(100, True), risk.Interval(120, True)]
        self.assertIsNone(risk.fit_weibull(two + [risk.Interval(500, False)]))
        self.assertIsNone(risk.fit_weibull([risk.Interval(0, True)] * 3))
        # identical lives: the steepest law allowed
        fit = risk.fit_weibull([risk.Interval(100, True)] * 3)
        self.assertEqual(fit.shape, risk.SHAPE_BOUNDS[1])

    def test_probability_and_remaining_life(self):
        fit = risk.WeibullFit(3.0, 1000.0, 10, 0)
        self.assertEqual(fit.failure_probability(500, 0), 0.0)
        near = fit.failure_probability(900, 100)
        self.assertGreater(near, fit.failure_probability(200, 100))
        self.assertAlmostEqual(fit.remaining_usage(0), fit.median)
        self.assertAlmostEqual(fit.failure_probability(0, fit.median), 0.5)
        remaining = fit.remaining_usage(900)
        self.assertAlmostEqual(fit.failure_probability(900, remaining), 0.5)

    def test_an_equipment_failing_early_gets_its_factor(self):
        fit = risk.WeibullFit(4.0, 10000.0, 20, 0)
        early = [risk.Interval(6000, True)] * 4
        factor, failures = risk.equipment_factor(fit, early)
        self.assertGreater(factor, 1.5)
        self.assertEqual(failures, 4)
        self.assertLess(fit.scaled(factor).median, fit.median)
        self.assertEqual(risk.equipment_factor(fit, early[:1]), (1.0, 1))
        late = [risk.Interval(14000, False)] * 4
        self.assertLess(risk.equipment_factor(fit, late)[0], 1.0)

    def test_reasons_and_dates(self):
        fit = risk.WeibullFit(4.0, 10000.0, 20, 0)
        low = risk.assess(fit, [], 1000, 100, TODAY, 14, 0.3)
        self.assertEqual(low.reason, "")
        self.assertLess(low.risk, 0.01)
        self.assertEqual(
            low.predicted_date,
            TODAY + timedelta(days=int(-(-low.remaining // 100))),
        )
        wear = risk.assess(fit, [], 9000, 300, TODAY, 14, 0.3)
        self.assertEqual(wear.reason, "wear")
        overdue = risk.assess(fit, [], 13000, 10, TODAY, 14, 0.3)
        self.assertEqual(overdue.reason, "overdue")
        idle = risk.assess(fit, [], 5000, 0, TODAY, 14, 0.3)
        self.assertIsNone(idle.predicted_date)
        self.assertEqual(idle.risk, 0.0)
        unknown = risk.assess(None, [], 5000, 10, TODAY, 14, 0.3)
        self.assertFalse(unknown.known)
        self.assertEqual((unknown.reason, unknown.risk), ("", 0.0))

    def test_odoo_mtbf_as_odoo_computes_it(self):
        effective = date(2026, 1, 1)
        self.assertEqual(risk.odoo_mtbf(effective, []), (0, None))
        failures = [date(2026, 2, 1), date(2026, 3, 15)]
        # 73 days / 2 failures: 36 whole days after the last one
        self.assertEqual(risk.odoo_mtbf(effective, failures), (36, date(2026, 4, 20)))
        self.assertEqual(risk.odoo_mtbf(effective, [effective]), (0, None))

    def test_history_counts_usage_from_the_counter_only(self):
        start = date(2026, 1, 1)
        daily = {start + timedelta(days=n): 10.0 for n in range(30, 90)}
        events = [
            (start + timedelta(days=20), start + timedelta(days=21), True),
            (start + timedelta(days=50), start + timedelta(days=51), True),
            (start + timedelta(days=70), start + timedelta(days=70), False),
        ]
        history = risk.History(start, events, daily, "pages")
        intervals, last = history.intervals()
        # the first two intervals began before the counter: left out
        self.assertEqual(intervals, [risk.Interval(190.0, False)])
        self.assertEqual(last, start + timedelta(days=70))
        self.assertEqual(history.usage_since(last, start + timedelta(days=90)), 200.0)
        self.assertAlmostEqual(history.rate(start + timedelta(days=90)), 10.0)
        in_days = risk.History(start, events)
        self.assertEqual(in_days.unit, "days")
        self.assertEqual(in_days.intervals()[0][0], risk.Interval(20.0, True))
        self.assertEqual(in_days.rate(TODAY), 1.0)


@tagged("post_install", "-at_install")
class TestMaintenanceAgainstMtbf(TransactionCase):
    """The issue's goal, on the synthetic fleet (fixed seed): earlier warnings
    than Odoo's "last failure + MTBF" with fewer false alarms."""

    def test_earlier_warnings_with_fewer_false_alarms(self):
        ours, odoo = simulation.compare(seed=7)
        self.assertEqual(ours["failures"], odoo["failures"])
        self.assertGreater(ours["failures"], 100)
        self.assertGreater(ours["median_lead_days"], odoo["median_lead_days"])
        self.assertLess(ours["false_alarms"], odoo["false_alarms"])
        self.assertLess(ours["missed"], odoo["missed"])

    def test_the_fleet_wears_with_usage(self):
        fleet = simulation.simulate_fleet(seed=7, units_per_kind=4, days=400)
        self.assertEqual(len(fleet), 8)
        again = simulation.simulate_fleet(seed=7, units_per_kind=4, days=400)
        self.assertEqual([u.events for u in fleet], [u.events for u in again])
        for unit in fleet:
            self.assertEqual(len(unit.usage), 400)
            self.assertTrue(unit.events)
