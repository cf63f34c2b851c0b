# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import timedelta
from unittest.mock import patch
from urllib.parse import urlencode

from freezegun import freeze_time

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coworking_base.tools.openapi import API_PREFIX

from .pricing_common import NOW, TUESDAY, DemandPricingCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestDemandPricingWebsite(HttpCase, DemandPricingCommon):
    """The space page on Tuesday 1 December 2026 (Paris, UTC+1): mornings
    full, afternoons empty (from 12:00 UTC, 13:00 in Paris)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = new_test_user(
            cls.env,
            "cw_demand_member",
            groups="base.group_portal",
            name="Demand Member",
            email="demand.member@example.com",
        )
        cls.make_membership(cls.member_user.partner_id, cls.plan_credits)

    def setUp(self):
        super().setUp()
        span = self.hours(TUESDAY - timedelta(days=3), TUESDAY + timedelta(days=3))
        self.forecast({hour: 1.0 if hour.hour < 12 else 0.0 for hour in span})
        self.url = f"{self.room.website_url}?date=2026-12-01&duration=60"

    def page(self):
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        return response.text

    @staticmethod
    def slot(html, start):
        """The free time starting at ``start`` (local), as the page shows it."""
        found = re.search(
            rf'<label[^>]*data-start="{start}"[^>]*>(.*?)</label>', html, re.S
        )
        return found[0] if found else ""

    def test_the_space_page_shows_the_moved_prices(self):
        Demand = type(self.env["coworking.ai.demand"])
        with patch.object(
            Demand, "_forecast_rates", autospec=True, side_effect=Demand._forecast_rates
        ) as read:
            html = self.page()
        self.assertEqual(read.call_count, 1, "the forecasts are read once a page")
        # the price shown: an hour from noon (11:00 UTC), one hour before
        # the quiet afternoon: a step above the floor
        price = html.split('class="o_coworking_price"', 1)[1].split("</form>")[0]
        self.assertRegex(price, r"o_coworking_price_amount[^>]*>.*22\.50")
        self.assertIn("Quiet hour −10 %", price)
        # each free time its own move and price
        morning = self.slot(html, "08:00")
        self.assertIn('data-demand-percent="30"', morning)
        self.assertIn('data-demand-label="Busy hour +30 %"', morning)
        self.assertRegex(morning, r"Busy\s*\+30 %")
        self.assertRegex(morning, r"o_coworking_slot_price[^>]*>.*32\.50")
        evening = self.slot(html, "17:00")
        self.assertIn('data-demand-percent="-20"', evening)
        self.assertRegex(evening, r"Quiet\s*−20 %")
        self.assertRegex(evening, r"o_coworking_slot_price[^>]*>.*20\.00")

    def test_the_price_of_a_free_time_is_the_price_booked(self):
        self.authenticate(None, None)
        html = self.page()
        shown = re.search(
            r"o_coworking_slot_price[^>]*>.*?([\d.]+\.\d\d)", self.slot(html, "08:00")
        )[1]
        response = self.url_open(
            f"/coworking/space/{self.room.id}/book",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "date": "2026-12-01",
                "duration": "60",
                "seats": "1",
                "start_time": "08:00",
                "name": "Dana Visitor",
                "email": "dana.demand.test@example.com",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, response.text[:500])
        booking = self.env["coworking.booking"].search(
            [("email", "=", "dana.demand.test@example.com")]
        )
        self.assertEqual(booking.price, float(shown))
        self.assertEqual(booking.price_adjustment_label, "Busy hour +30 %")
        self.assertEqual(booking.sale_order_id.amount_untaxed, float(shown))
        portal = self.url_open(booking.get_portal_url()).text
        self.assertIn("Busy hour +30 %", portal)

    def test_a_member_sees_no_demand(self):
        self.authenticate("cw_demand_member", "cw_demand_member")
        html = self.page()
        self.assertNotIn("o_coworking_slot_demand", html)
        self.assertNotIn("Busy hour", html)
        self.assertNotIn("Quiet hour", html)

    def test_the_api_quotes_the_moved_price(self):
        def quote(start, stop):
            query = urlencode({"space_id": self.room.id, "start": start, "stop": stop})
            response = self.url_open(f"{API_PREFIX}/room/availability?{query}")
            self.assertEqual(response.status_code, 200, response.text)
            return response.json()["price"]

        busy = quote("2026-12-01T08:00:00+01:00", "2026-12-01T09:00:00+01:00")
        self.assertEqual(busy["amount"], 32.5)
        self.assertEqual(busy["lines"][0]["unit_price"], 32.5)
        quiet = quote("2026-12-01T17:00:00+01:00", "2026-12-01T19:00:00+01:00")
        self.assertEqual(quiet["amount"], 40.0)
