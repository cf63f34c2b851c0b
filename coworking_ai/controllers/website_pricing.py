# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The space page shows prices that move with demand: the price with its
label ("Busy hour +15 %"), and each free time its own adjustment and price,
all from one read of the forecasts per page."""

from odoo.http import request

from odoo.addons.coworking_booking.controllers.main import CoworkingWebsite


class CoworkingWebsitePricing(CoworkingWebsite):
    def _prepare_space_values(self, space_sudo, date=None, duration=None, seats=None):
        # the price shown and the free times read the forecasts once
        with request.env["coworking.booking"]._demand_forecast_memo():
            return self._prepare_space_demand_values(space_sudo, date, duration, seats)

    def _prepare_space_demand_values(self, space_sudo, date, duration, seats):
        values = super()._prepare_space_values(space_sudo, date, duration, seats)
        terms = values["terms"]
        values["price_adjustment"] = terms.get("adjustment") or False
        if values["member"] or not values["slots"]:
            return values
        day = values["day"].isoformat()
        spans = {
            slot["start_time"]: self._parse_start(
                space_sudo, day, slot["start_time"], values["duration"]
            )
            for slot in values["slots"]
        }
        partner = values["partner"]
        prices = (
            request.env["coworking.booking"]
            .sudo()
            ._demand_slot_prices(
                space_sudo,
                list(spans.values()),
                values["seats"],
                partner.sudo() or None,
                terms["pricelist"],
            )
        )
        for slot in values["slots"]:
            slot["demand"] = prices.get(spans[slot["start_time"]]) or False
        return values
