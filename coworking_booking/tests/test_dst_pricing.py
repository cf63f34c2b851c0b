# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import NOW, BookingCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestDaylightSaving(BookingCommon):
    """Paris moves from UTC+1 to UTC+2 on Sunday 28 March 2027 and back on
    Sunday 31 October 2027: opening hours and slot steps follow local time."""

    def _first_slot(self, day):
        slots = self.Booking._get_free_slots(
            self.room, day, day + timedelta(days=1), timedelta(hours=1), staff=True
        )[self.room]
        return slots[0][0], slots[-1][1]

    def test_opening_follows_the_clock_change_in_spring(self):
        # Friday before, Monday after the change: 08:00 local both days
        self.assertEqual(
            self._first_slot(datetime(2027, 3, 26)),
            (datetime(2027, 3, 26, 7), datetime(2027, 3, 26, 19)),
        )
        self.assertEqual(
            self._first_slot(datetime(2027, 3, 29)),
            (datetime(2027, 3, 29, 6), datetime(2027, 3, 29, 18)),
        )

    def test_opening_follows_the_clock_change_in_autumn(self):
        self.assertEqual(
            self._first_slot(datetime(2027, 10, 29))[0], datetime(2027, 10, 29, 6)
        )
        self.assertEqual(
            self._first_slot(datetime(2027, 11, 1))[0], datetime(2027, 11, 1, 7)
        )

    def test_booking_at_local_opening_time_across_the_change(self):
        # 08:00 in Paris: 07:00 UTC in winter, 06:00 UTC in summer
        winter = self.book(
            start=datetime(2027, 3, 26, 7), stop=datetime(2027, 3, 26, 8)
        )
        summer = self.book(
            start=datetime(2027, 3, 29, 6), stop=datetime(2027, 3, 29, 7)
        )
        self.assertEqual(winter.start_local, "Fri 26 Mar 2027, 08:00")
        self.assertEqual(summer.start_local, "Mon 29 Mar 2027, 08:00")
        codes = [
            code
            for code, _m in self.Booking._request_refusals(
                self.room,
                datetime(2027, 3, 29, 5),
                datetime(2027, 3, 29, 6),
                1,
                staff=True,
            )
        ]
        self.assertIn("closed", codes, "07:00 local in summer is closed")

    def test_ics_export_is_in_utc(self):
        booking = self.book(
            start=datetime(2027, 3, 29, 6), stop=datetime(2027, 3, 29, 7)
        )
        ics = booking._get_ics().decode()
        self.assertIn("DTSTART:20270329T060000Z", ics)
        self.assertIn("DTEND:20270329T070000Z", ics)
        self.assertTrue(ics.startswith("BEGIN:VCALENDAR\r\n"))


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestPricing(BookingCommon):
    def _price(self, hours, target=None, seats=1, partner=None):
        target = target or self.room
        return self.Booking._compute_price_lines(
            target,
            self.at(7),
            self.at(7) + timedelta(hours=hours),
            seats,
            partner or self.guest,
        )

    def test_cheapest_combination_of_rates(self):
        cases = {
            1: 25.0,  # one hour
            1.5: 37.5,  # hours are sold by fractions
            3: 75.0,  # three hours beat a half-day
            3.5: 80.0,  # a half-day beats three hours and a half
            4: 80.0,
            5: 105.0,  # half-day + hour
            6: 130.0,  # a half-day and two hours beat a day
            7: 140.0,  # a day beats a half-day + three hours (155)
            8: 140.0,
            10: 190.0,  # a day + two hours
        }
        for hours, expected in cases.items():
            with self.subTest(hours=hours):
                self.assertAlmostEqual(self._price(hours)[1], expected)

    def test_lines_name_the_products(self):
        lines, total = self._price(5)
        self.assertEqual(
            {(line[0], line[1]) for line in lines},
            {(self.rate_half_day, 1), (self.rate_hour, 1.0)},
        )
        self.assertEqual(total, 105.0)

    def test_seats_multiply_the_price_of_a_pooled_space(self):
        self.assertEqual(self._price(2, target=self.hot_desk, seats=3)[1], 24.0)
        # but not the price of a whole room
        self.assertEqual(self._price(2, seats=3)[1], 50.0)

    def test_customer_pricelist_applies(self):
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Members -20%",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 20,
                        }
                    )
                ],
            }
        )
        self.guest.property_product_pricelist = pricelist
        self.assertAlmostEqual(self._price(2)[1], 40.0)

    def test_no_rate_means_free(self):
        self.room_2.rate_product_ids = [Command.clear()]
        self.assertEqual(self._price(2, target=self.room_2), ([], 0.0))
