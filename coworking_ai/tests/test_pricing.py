# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import random
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.translate import code_translations

from ..tools import pricing
from .pricing_common import BOUNDS, NOW, TUESDAY, DemandPricingCommon


@tagged("post_install", "-at_install")
class TestPricingArithmetic(DemandPricingCommon):
    """The arithmetic alone (``tools/pricing.py``), on many forecasts."""

    def test_dynamic_prices_stay_inside_the_bounds(self):
        rng = random.Random(17)
        start_of_week = datetime(2026, 11, 30)
        for _round in range(400):
            bounds = pricing.DemandBounds(
                rng.randint(pricing.FLOOR_MIN, 0),
                rng.randint(0, pricing.CEILING_MAX),
                rng.randint(1, 80),
                rng.randint(0, 100),
                rng.choice([0.01, 0.5, 1.0, 3.0, pricing.SENSITIVITY_MAX]),
            )
            start = start_of_week + timedelta(minutes=30 * rng.randint(0, 48 * 7))
            stop = start + timedelta(minutes=30 * rng.randint(1, 48))
            first, end = pricing.window(start, stop, bounds)
            rates = {}
            for hour in self.hours(first, end):
                pick = rng.random()
                if pick < 0.2:
                    continue  # no forecast for that hour
                rates[hour] = 0.0 if pick < 0.4 else 1.0 if pick < 0.6 else rng.random()
            percent = pricing.booking_adjustment(start, stop, rates, bounds)
            self.assertIsInstance(percent, int)
            self.assertGreaterEqual(percent, bounds.floor, (bounds, start, stop))
            self.assertLessEqual(percent, bounds.ceiling, (bounds, start, stop))
            curve = pricing.hourly_curve(first, end, rates, bounds)
            values = [curve[hour] for hour in sorted(curve)]
            for before, after in zip(values, values[1:], strict=False):
                self.assertLessEqual(abs(after - before), bounds.step + 1e-9)
            for hour, value in curve.items():
                self.assertLessEqual(value, pricing.asked(rates.get(hour), bounds))
                self.assertGreaterEqual(value, bounds.floor)

    def test_extreme_and_missing_forecasts(self):
        bounds = pricing.DemandBounds(-20, 30, 10, 60, 1.0)
        start, stop = TUESDAY.replace(hour=9), TUESDAY.replace(hour=12)
        first, end = pricing.window(start, stop, bounds)
        span = self.hours(first, end)
        full = dict.fromkeys(span, 1.0)
        empty = dict.fromkeys(span, 0.0)
        self.assertEqual(pricing.booking_adjustment(start, stop, full, bounds), 30)
        self.assertEqual(pricing.booking_adjustment(start, stop, empty, bounds), -20)
        self.assertEqual(pricing.booking_adjustment(start, stop, {}, bounds), 0)
        # out-of-range forecasts are read as 0 and 1
        wild = dict.fromkeys(span, 7.0)
        self.assertEqual(pricing.booking_adjustment(start, stop, wild, bounds), 30)
        # a month of forecasts is too long to price: refused, not computed
        with self.assertRaises(ValueError):
            pricing.booking_adjustment(start, stop + timedelta(days=60), full, bounds)

    def test_a_booking_is_the_mean_of_its_hours(self):
        bounds = pricing.DemandBounds(-20, 30, 50, 60, 1.0)
        nine = TUESDAY.replace(hour=9)
        # 09:00 quiet (−20), 10:00 busy (+30): half an hour of each is +5
        rates = {nine: 0.0, nine + timedelta(hours=1): 1.0}
        start = nine + timedelta(minutes=30)
        self.assertEqual(
            pricing.booking_adjustment(
                start, start + timedelta(hours=1), rates, bounds
            ),
            5,
        )
        # a quarter of the quiet hour, three of the busy one: +17.5 → +18
        start = nine + timedelta(minutes=45)
        self.assertEqual(
            pricing.booking_adjustment(
                start, start + timedelta(hours=1), rates, bounds
            ),
            18,
        )

    def test_bounds_out_of_limits_are_refused(self):
        for bounds in [
            (-91, 30, 10, 60, 1.0),
            (5, 30, 10, 60, 1.0),
            (-20, -1, 10, 60, 1.0),
            (-20, 201, 10, 60, 1.0),
            (-20, 30, 0, 60, 1.0),
            (-20, 30, 10, 101, 1.0),
            (-20, 30, 10, 60, 0.0),
        ]:
            with self.assertRaises(ValueError, msg=bounds):
                pricing.check_bounds(pricing.DemandBounds(*bounds))


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestDemandPricing(DemandPricingCommon):
    """Bookings priced by a rule moving with demand."""

    def test_booking_prices_stay_inside_the_bounds(self):
        """Whatever the forecasts (extremes, missing hours) and the bounds,
        a booking of one or many hours moves within the floor and the
        ceiling, as the arithmetic says."""
        rng = random.Random(2026)
        Booking = self.Booking.sudo()
        for _round in range(30):
            values = {
                "demand_floor": rng.randint(pricing.FLOOR_MIN, 0),
                "demand_ceiling": rng.randint(0, pricing.CEILING_MAX),
                "demand_step": rng.randint(1, 60),
                "demand_target": rng.randint(0, 100),
                "demand_sensitivity": rng.choice([0.2, 1.0, 2.5, 10.0]),
            }
            self.rules.write(values)
            rates = {}
            for hour in self.hours(TUESDAY - timedelta(days=2), TUESDAY.replace(day=4)):
                pick = rng.random()
                if pick >= 0.2:
                    rates[hour] = (
                        0.0 if pick < 0.35 else 1.0 if pick < 0.5 else rng.random()
                    )
            self.forecast(rates)
            start = self.at(7) + timedelta(minutes=30 * rng.randint(0, 20))
            stop = start + timedelta(minutes=30 * rng.randint(1, 20))
            terms = self.terms(start, stop)
            lines, _base = Booking._compute_price_lines(
                self.room, start, stop, 1, self.guest, self.public
            )
            percent = self.percent(terms)
            bounds = self.rules[0]._demand_bounds()
            self.assertEqual(
                percent, pricing.booking_adjustment(start, stop, rates, bounds)
            )
            self.assertGreaterEqual(percent, values["demand_floor"])
            self.assertLessEqual(percent, values["demand_ceiling"])
            moved = frozenset(self.room_rates.ids)

            def price_at(percent, lines=lines, moved=moved):
                adjustment = {"percent": percent, "product_ids": moved}
                return Booking._demand_adjusted_lines(
                    lines, adjustment, self.public, self.room
                )[1]

            lowest = price_at(values["demand_floor"])
            highest = price_at(values["demand_ceiling"])
            self.assertLessEqual(
                self.currency.compare_amounts(lowest, terms["price"]), 0
            )
            self.assertLessEqual(
                self.currency.compare_amounts(terms["price"], highest), 0
            )

    def test_a_busy_booking_sells_the_adjusted_price(self):
        self.flat_forecast(1.0)
        booking = self.book_for(self.guest, self.at(9), self.at(11))
        self.assertEqual(booking.price_adjustment_percent, 30)
        self.assertEqual(booking.price_adjustment_label, "Busy hours +30 %")
        self.assertEqual(booking.price, 65.0, "2 × 25.00 + 30 %")
        order = booking.sale_order_id
        self.assertEqual(order.amount_untaxed, booking.price)
        line = order.order_line
        self.assertEqual(line.price_unit, 32.5)
        self.assertEqual(line.product_uom_qty, 2.0)
        self.assertIn("Busy hours +30 %", line.name)
        # Odoo pricing the quotation again keeps the move
        order.action_update_prices()
        self.assertEqual(line.price_unit, 32.5)
        self.assertEqual(order.amount_untaxed, 65.0)

    def test_a_quiet_hour_is_cheaper_down_to_the_floor(self):
        self.flat_forecast(0.0)
        terms = self.terms(self.at(9), self.at(10))
        self.assertEqual(
            terms["adjustment"], {"percent": -20, "label": "Quiet hour −20 %"}
        )
        self.assertEqual(terms["price"], 20.0)
        self.assertEqual(terms["lines"][0][2], 20.0, "the unit price moved")

    def test_hours_without_forecast_keep_the_price(self):
        self.forecast({})
        terms = self.terms(self.at(9), self.at(13))
        self.assertFalse(terms["adjustment"])
        self.assertEqual(terms["price"], 80.0)
        booking = self.book_for(self.guest, self.at(9), self.at(13))
        self.assertEqual(booking.price, 80.0)
        self.assertEqual(booking.price_adjustment_percent, 0)
        self.assertFalse(booking.price_adjustment_label)
        self.assertNotIn("Busy", booking.sale_order_id.order_line.name)

    def test_a_day_rate_moves_too(self):
        # a whole day: one day rate, moved by the mean of its hours
        self.flat_forecast(0.75)
        terms = self.terms(self.at(8), self.at(16))
        self.assertEqual(terms["adjustment"]["percent"], 15)
        self.assertEqual(terms["lines"][0][0], self.rate_day)
        self.assertEqual(terms["price"], 161.0, "140.00 + 15 %")

    def test_step_limit_between_adjacent_hours(self):
        """Quiet until noon (UTC), full from then on: the price climbs 10 %
        an hour from the floor to the ceiling, one-hour bookings show it."""
        span = self.hours(TUESDAY - timedelta(days=1), TUESDAY + timedelta(days=2))
        noon = self.at(12)
        self.forecast({hour: 0.0 if hour < noon else 1.0 for hour in span})
        percents = [
            self.percent(self.terms(self.at(hour), self.at(hour + 1)))
            for hour in range(10, 18)
        ]
        self.assertEqual(percents, [-20, -20, -10, 0, 10, 20, 30, 30])
        for before, after in zip(percents, percents[1:], strict=False):
            self.assertLessEqual(abs(after - before), 10)

    def test_the_hours_before_a_busy_hour_do_not_pay_for_it(self):
        """A single busy hour among quiet ones is climbed step by step from
        the floor: it rises one step above its quiet neighbours, never to the
        ceiling, and they stay at the floor."""
        span = self.hours(TUESDAY - timedelta(days=1), TUESDAY + timedelta(days=2))
        self.forecast({hour: 1.0 if hour == self.at(12) else 0.0 for hour in span})
        self.assertEqual(self.percent(self.terms(self.at(12), self.at(13))), -10)
        self.assertEqual(self.percent(self.terms(self.at(11), self.at(12))), -20)

    def test_member_bookings_are_never_adjusted(self):
        """The members' pricelist moves with demand too, but a booking that
        a membership covers is priced by the plan, never by the demand."""
        self.members_pricelist.item_ids.write({"demand_pricing": True, **BOUNDS})
        thursday = datetime(2026, 11, 26)
        self.flat_forecast(1.0, day=thursday)
        membership = self.make_membership(self.alice, self.plan_credits)
        start, stop = thursday.replace(hour=9), thursday.replace(hour=11)
        terms = self.terms(start, stop, partner=self.alice)
        self.assertEqual(terms["membership"], membership)
        self.assertFalse(terms["adjustment"])
        self.assertEqual(terms["price"], 45.0, "2 × 22.50, the plan's price")
        booking = self.book_for(self.alice, start, stop)
        self.assertEqual(booking.membership_id, membership)
        self.assertEqual(booking.credit_hours, 2.0, "paid with credit hours")
        self.assertEqual(booking.price, 0.0)
        self.assertEqual(booking.price_adjustment_percent, 0)
        self.assertFalse(booking.price_adjustment_label)
        # the front desk creating it without a price does not move it either
        desk = self.Booking.create(
            {
                "space_id": self.room.id,
                "partner_id": self.alice.id,
                "start": thursday.replace(hour=13),
                "stop": thursday.replace(hour=15),
            }
        )
        self.assertEqual(desk.price_adjustment_percent, 0)
        self.assertEqual(desk.price, 45.0)
        # the same pricelist without a membership covering the day moves
        guest_terms = self.terms(start, stop, pricelist=self.members_pricelist)
        self.assertEqual(guest_terms["adjustment"]["percent"], 30)

    def test_no_demand_rule_no_change(self):
        self.rules.write({"demand_pricing": False})
        self.flat_forecast(1.0)
        terms = self.terms(self.at(9), self.at(11))
        self.assertFalse(terms["adjustment"])
        self.assertEqual(terms["price"], 50.0)
        booking = self.book_for(self.guest, self.at(9), self.at(11))
        self.assertEqual(booking.price, 50.0)
        self.assertEqual(booking.price_adjustment_percent, 0)
        self.assertEqual(booking.sale_order_id.order_line.price_unit, 25.0)
        # and a rate priced by another rule of the pricelist does not move
        self.rules.write({"demand_pricing": True})
        projector = self.terms(self.at(9), self.at(11), target=self.projector)
        self.assertFalse(projector["adjustment"], "no space, no forecast of its own")

    def test_a_front_desk_booking_is_priced_with_the_demand(self):
        self.flat_forecast(1.0)
        booking = self.Booking.create(
            {
                "space_id": self.room.id,
                "partner_id": self.guest.id,
                "start": self.at(9),
                "stop": self.at(10),
            }
        )
        self.assertEqual(booking.price_adjustment_percent, 30)
        self.assertEqual(booking.price, 32.5)
        booking.action_confirm()
        self.assertEqual(booking.sale_order_id.amount_untaxed, 32.5)

    def test_a_move_prices_the_new_hours(self):
        span = self.hours(TUESDAY - timedelta(days=1), TUESDAY + timedelta(days=2))
        self.forecast({hour: 1.0 if hour.hour < 15 else 0.0 for hour in span})
        booking = self.book_for(self.guest, self.at(8), self.at(9))
        self.assertEqual(booking.price, 32.5)
        booking.write({"start": self.at(16), "stop": self.at(17)})
        self.assertEqual(booking.price_adjustment_percent, -20)
        self.assertEqual(booking.price, 20.0)
        line = booking.sale_order_id.order_line
        self.assertEqual(line.price_unit, 20.0)
        self.assertIn("Quiet hour −20 %", line.name)
        self.assertEqual(booking.sale_order_id.amount_untaxed, 20.0)

    def test_a_rule_of_another_company_never_applies(self):
        self._create_company_b()
        self.space_b.rate_product_ids = self.rate_hour
        pricelist_b = self.env["product.pricelist"]._coworking_standard_pricelist(
            self.company_b
        )
        self.assertEqual(pricelist_b.company_id, self.company_b)
        self.rules.write({"demand_pricing": False})
        self._demand_rules(pricelist_b, self.rate_hour)
        self.flat_forecast(1.0)
        self.flat_forecast(1.0, location=self.location_b)
        # the rule of B on the room of A: never
        terms = self.terms(self.at(9), self.at(10), pricelist=pricelist_b)
        self.assertFalse(terms["adjustment"])
        self.assertEqual(terms["price"], 25.0)
        # on the room of B, with B's forecasts
        terms_b = self.terms(self.at(9), self.at(10), target=self.space_b)
        self.assertEqual(terms_b["pricelist"], pricelist_b)
        self.assertEqual(terms_b["adjustment"]["percent"], 30)
        # A's forecasts never price B's room
        self.forecast({}, location=self.location_b)
        terms_b = self.terms(self.at(9), self.at(10), target=self.space_b)
        self.assertFalse(terms_b["adjustment"])

    def test_the_database_refuses_bounds_out_of_limits(self):
        for values in [
            {"demand_floor": 10},
            {"demand_floor": -95},
            {"demand_ceiling": -5},
            {"demand_ceiling": 250},
            {"demand_step": 0},
            {"demand_target": 120},
            {"demand_sensitivity": 0.0},
        ]:
            with (
                self.subTest(values=values),
                mute_logger("odoo.sql_db"),
                self.assertRaises(IntegrityError),
                self.env.cr.savepoint(),
            ):
                self.rules[0].write(values)
                self.rules[0].flush_recordset()

    def test_the_label_in_english_and_french(self):
        """The label is written in the reader's language: the booking's
        form and portal page, the sale order line's description."""
        self.flat_forecast(1.0)
        busy = self.book_for(self.guest, self.at(9), self.at(10))
        self.flat_forecast(0.0)
        quiet = self.book_for(self.guest, self.at(13), self.at(15))
        self.assertEqual(busy.price_adjustment_label, "Busy hour +30 %")
        self.assertEqual(quiet.price_adjustment_label, "Quiet hours −20 %")
        self.env["res.lang"]._activate_lang("fr_FR")
        french = dict(
            code_translations.get_python_translations("coworking_ai", "fr_FR")
        )
        # the translator's words when fr.po has them, else these
        french.setdefault("Busy hour +%(percent)s %%", "Heure chargée +%(percent)s %%")
        french.setdefault(
            "Quiet hours −%(percent)s %%", "Heures creuses −%(percent)s %%"
        )
        with patch.dict(
            code_translations.python_translations, {("coworking_ai", "fr_FR"): french}
        ):
            busy_fr = busy.with_context(lang="fr_FR").price_adjustment_label
            quiet_fr = quiet.with_context(lang="fr_FR").price_adjustment_label
            order = quiet.sale_order_id
            quiet.with_context(lang="fr_FR").sudo()._sync_sale_lines()
        self.assertEqual(busy_fr, french["Busy hour +%(percent)s %%"] % {"percent": 30})
        self.assertEqual(
            quiet_fr, french["Quiet hours −%(percent)s %%"] % {"percent": 20}
        )
        self.assertNotEqual(busy_fr, "Busy hour +30 %")
        self.assertIn(quiet_fr, order.order_line.name)
        self.assertEqual(order.amount_untaxed, 40.0)

    def test_the_rule_says_it_moves_with_demand(self):
        self.assertIn("moves with demand (−20 % to +30 %)", self.rules[0].price)
