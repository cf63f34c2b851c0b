# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The part of coworking_ai in the suite's OpenAPI 3.1 document
(``coworking_base/tools/openapi.py``), for its JSON API
(``controllers/api.py``): the spaces and times suggested to a member.

Its schemas are plain JSON Schema (2020-12): the server validates the query
with them and the tests validate every answer against them."""

from odoo.addons.coworking_base.tools import openapi as suite
from odoo.addons.coworking_base.tools.openapi import (
    AUTH_REQUIRED,
    DATE_OR_DATETIME_IN,
    DATETIME,
    ID,
    obj,
    query_param,
    ref,
    register_part,
    responses,
)

from .bounds import DEFAULT_RECOMMENDATIONS, MAX_DAYS, MAX_RECOMMENDATIONS

KINDS = ["meeting_room", "private_office", "hot_desk", "dedicated_desk", "lounge"]

SCHEMAS = {
    "Recommendation": obj(
        {
            "space": obj({"id": {"type": "integer"}, "name": {"type": "string"}}),
            "kind": {"type": "string", "enum": KINDS},
            "location": ref("Location"),
            "start": DATETIME,
            "stop": DATETIME,
            "start_local": DATETIME,
            "stop_local": DATETIME,
            "seats": {"type": "integer", "minimum": 1},
            "score": {
                "type": "number",
                "minimum": 0,
                "maximum": 1,
                "description": "How well the time fits the member's history "
                "and how quiet it is forecast; the best first.",
            },
            "forecast_rate": {
                "type": ["number", "null"],
                "minimum": 0,
                "maximum": 1,
                "description": "The occupancy forecast for this kind of space "
                "at this location then (null without a forecast).",
            },
            "basis": {
                "type": "string",
                "enum": ["history", "popular"],
                "description": "history: from the member's own bookings; "
                "popular: a popular, quiet option (a member without history).",
            },
            "reasons": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Why it is suggested, in the caller's language.",
            },
            "url": {
                "type": ["string", "null"],
                "description": "The space's page on the website with this "
                "time picked (null for a space not offered there).",
            },
        }
    ),
    "RecommendationList": obj(
        {
            "partner_id": {"type": "integer"},
            "start": DATETIME,
            "stop": DATETIME,
            "recommendations": {"type": "array", "items": ref("Recommendation")},
        }
    ),
}

ERRORS = {
    **suite.ERRORS,
    "403": "A customer asking for someone else's suggestions.",
    "422": f"Well formed, but refused: a range that is empty or longer than "
    f"{MAX_DAYS} days, or a local time skipped or repeated by a daylight "
    "saving change.",
}

PATHS = {
    "/recommendations": {
        "get": {
            "operationId": "listRecommendations",
            "summary": "Spaces and times suggested to a member",
            "description": "Free times of the spaces the member may book that "
            "fit their own bookings (spaces, weekdays, hours, lengths) and are "
            "forecast quiet; popular, quiet options for a member without "
            "history. Customers get their own; staff may ask for a customer "
            "(partner_id).",
            "tags": ["Recommendations"],
            "security": AUTH_REQUIRED,
            "parameters": [
                query_param(
                    "start",
                    DATE_OR_DATETIME_IN,
                    "Suggested bookings start from this day or time (the "
                    "caller's timezone without an offset); now by default.",
                ),
                query_param(
                    "stop",
                    DATE_OR_DATETIME_IN,
                    "Until this day (included) or time; a week after the start "
                    f"by default, {MAX_DAYS} days after it at most.",
                ),
                query_param(
                    "limit",
                    {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": MAX_RECOMMENDATIONS,
                        "default": DEFAULT_RECOMMENDATIONS,
                    },
                    "Suggestions at most.",
                ),
                query_param(
                    "partner_id", ID, "Staff only: the customer to suggest to."
                ),
            ],
            "responses": responses(
                "200",
                "RecommendationList",
                "The suggestions, best first.",
                ["400", "401", "403", "404", "422"],
                ERRORS,
            ),
        }
    },
}

register_part(
    "coworking_ai",
    summary="suggestions of spaces and times for a member.",
    paths=PATHS,
    schemas=SCHEMAS,
    tags=[
        {
            "name": "Recommendations",
            "description": "Spaces and times that fit a member's history and "
            "are likely free.",
        }
    ],
)
