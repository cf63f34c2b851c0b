# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The price the API quotes for a time is the price that booking it costs,
moved with demand where the pricelist says so (``/room/availability``)."""

import pytz

from odoo.http import request

from odoo.addons.coworking_base.tools.api_input import read_datetime, read_query
from odoo.addons.coworking_booking.controllers.api import CoworkingApi


class CoworkingApiDemandPricing(CoworkingApi):
    def _availability(self, params):
        result = super()._availability(params)
        if not result.get("price"):
            return result
        # read as the availability read them: they passed its checks
        query = read_query("/room/availability", "get", params)
        space = self._get_space(query["space_id"])
        tz = pytz.timezone(space.location_id.tz)
        start = read_datetime("start", query["start"], tz)
        stop = read_datetime("stop", query["stop"], tz)
        user = request.env.user
        partner = request.env["res.partner"] if user._is_public() else user.partner_id
        terms = (
            request.env["coworking.booking"]
            .sudo()
            ._booking_terms(space.sudo(), start, stop, query["seats"], partner.sudo())
        )
        if terms.get("adjustment"):
            result["price"] = {
                **result["price"],
                "amount": terms["price"],
                "lines": [
                    {"product": product.name, "quantity": quantity, "unit_price": unit}
                    for product, quantity, unit in terms["lines"]
                ],
            }
        return result
