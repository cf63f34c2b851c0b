# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo.addons.coworking_membership.tests.common import (
    NOW,
    START,
    TUESDAY,
    MembershipCommon,
)

__all__ = ["NOW", "START", "TUESDAY", "DemandPricingCommon"]

# the manager's bounds of the rules of these tests
BOUNDS = {
    "demand_floor": -20,
    "demand_ceiling": 30,
    "demand_step": 10,
    "demand_target": 60,
    "demand_sensitivity": 1.0,
}


class DemandPricingCommon(MembershipCommon):
    """The Test Room's rates (25.00 an hour, 80.00 a half-day, 140.00 a day)
    move with demand on everyone's pricelist, between −20 % and +30 %, 10 %
    at most from one hour to the next, around a target of 60 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Demand = cls.env["coworking.ai.demand"].sudo()
        cls.public = cls.env["product.pricelist"]._coworking_standard_pricelist(
            cls.company
        )
        cls.room_rates = cls.rate_hour | cls.rate_half_day | cls.rate_day
        cls.rules = cls._demand_rules(cls.public, cls.room_rates)
        cls.currency = cls.public.currency_id

    @classmethod
    def _demand_rules(cls, pricelist, products, **bounds):
        """One rule moving with demand per product, at its sales price."""
        return cls.env["product.pricelist.item"].create(
            [
                {
                    "pricelist_id": pricelist.id,
                    "applied_on": "0_product_variant",
                    "product_id": product.id,
                    "compute_price": "percentage",
                    "percent_price": 0,
                    "demand_pricing": True,
                    **BOUNDS,
                    **bounds,
                }
                for product in products
            ]
        )

    def forecast(self, rates, location=None, kind="meeting_room"):
        """The forecasts of ``location`` (the test one) are ``{hour: rate}``
        (naive UTC hours); the hours left out have none."""
        location = location or self.location
        self.Demand.search(
            [("location_id", "=", location.id), ("space_kind", "=", kind)]
        ).unlink()
        self.Demand.create(
            [
                {
                    "company_id": location.company_id.id,
                    "location_id": location.id,
                    "space_kind": kind,
                    "hour": hour,
                    "forecast_rate": rate,
                }
                for hour, rate in rates.items()
            ]
        )

    @staticmethod
    def hours(start, stop):
        """The hours from ``start`` to ``stop``."""
        hour, hours = start, []
        while hour < stop:
            hours.append(hour)
            hour += timedelta(hours=1)
        return hours

    def flat_forecast(self, rate, day=TUESDAY, location=None):
        """The same forecast for every hour of the days around ``day``."""
        span = self.hours(day - timedelta(days=3), day + timedelta(days=4))
        self.forecast(dict.fromkeys(span, rate), location=location)

    def terms(self, start, stop, partner=None, target=None, **kwargs):
        return self.Booking.sudo()._booking_terms(
            target or self.room, start, stop, 1, partner or self.guest, **kwargs
        )

    @staticmethod
    def percent(terms):
        """The adjustment of terms, in percent (0 when the price did not move)."""
        return terms["adjustment"]["percent"] if terms["adjustment"] else 0
