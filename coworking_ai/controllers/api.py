# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""JSON API of coworking_ai: the spaces and times suggested to a member.

Its routes follow the suite's conventions (``coworking_base/controllers/
api.py``: authentication, JSON answers and errors); they are described by
this addon's part of the OpenAPI document (``tools/openapi.py``) served at
``/coworking/api/openapi.json``.
"""

from datetime import timedelta

import pytz

from odoo import fields, http
from odoo.http import request

from odoo.addons.coworking_base.controllers.api import CoworkingApiController
from odoo.addons.coworking_base.tools.api_input import (
    ApiError,
    read_date_bound,
    read_query,
    unprocessable,
)
from odoo.addons.coworking_base.tools.api_payloads import iso
from odoo.addons.coworking_base.tools.openapi import API_PREFIX
from odoo.addons.coworking_booking.tools.api_payloads import location_payload

from ..tools import openapi  # noqa: F401  (registers this addon's part)
from ..tools.bounds import DEFAULT_DAYS, MAX_DAYS


class CoworkingAiApi(CoworkingApiController):
    """``/coworking/api/recommendations``."""

    @http.route(
        f"{API_PREFIX}/recommendations",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def api_recommendations(self, **params):
        """GET the spaces and times suggested to a member."""
        self._authenticate()
        return self._serve(self._recommendation_list, params)

    def _recommendation_list(self, params):
        params = read_query("/recommendations", "get", params)
        partner = self._recommendation_partner(params.get("partner_id"))
        tz = pytz.timezone(request.env.user.tz or "UTC")
        now = fields.Datetime.now().replace(second=0, microsecond=0)
        start = (
            read_date_bound("start", params["start"], tz) if "start" in params else now
        )
        stop = (
            read_date_bound("stop", params["stop"], tz, end=True)
            if "stop" in params
            else start + timedelta(days=DEFAULT_DAYS)
        )
        _ = request.env._
        if stop <= start:
            raise unprocessable(
                "stop", "invalid_range", _("must come after the start.")
            )
        if stop - start > timedelta(days=MAX_DAYS):
            raise unprocessable(
                "stop",
                "range_too_long",
                _("the range is at most %(days)s days.", days=MAX_DAYS),
            )
        Recommender = request.env["coworking.ai.recommender"]
        items = Recommender._recommend_for(partner, start, stop, params["limit"])
        return {
            "partner_id": partner.id,
            "start": iso(start),
            "stop": iso(stop),
            "recommendations": [
                self._recommendation_payload(item, Recommender) for item in items
            ],
        }

    def _recommendation_partner(self, partner_id):
        """The caller's partner, or for staff the customer ``partner_id``
        (404 when they may not read it); customers asking for someone else
        are refused (403)."""
        own = request.env.user.partner_id
        if not partner_id or partner_id == own.id:
            return own
        if not self._is_staff():
            raise ApiError(
                403,
                "forbidden",
                request.env._("You can only see suggestions for yourself."),
                field="partner_id",
            )
        partner = request.env["res.partner"].browse(partner_id).exists()
        if not partner or not partner.has_access("read"):
            raise ApiError(
                404,
                "not_found",
                request.env._("No customer %(id)s here.", id=partner_id),
                field="partner_id",
            )
        return partner

    def _recommendation_payload(self, item, recommender):
        space = item["space"].sudo()
        tz = pytz.timezone(space.location_id.tz or "UTC")
        return {
            "space": {"id": space.id, "name": space.name},
            "kind": space.kind,
            "location": location_payload(space.location_id),
            "start": iso(item["start"]),
            "stop": iso(item["stop"]),
            "start_local": iso(item["start"], tz),
            "stop_local": iso(item["stop"], tz),
            "seats": item["seats"],
            "score": item["score"],
            "forecast_rate": item["forecast_rate"],
            "basis": item["basis"],
            "reasons": item["reasons"],
            "url": recommender._recommendation_url(item),
        }
