# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The part of coworking_booking in the suite's OpenAPI 3.1 document
(``coworking_base/tools/openapi.py``), for its JSON API (``api.py``): spaces,
availability, free slots and bookings.

Its schemas are plain JSON Schema (2020-12), so the tests validate every
answer of the API against them, and check that the paths and methods listed
are exactly the routes the API serves.
"""

from odoo.addons.coworking_base.tools import bounds
from odoo.addons.coworking_base.tools import openapi as suite
from odoo.addons.coworking_base.tools.openapi import (
    AUTH_OPTIONAL,
    AUTH_REQUIRED,
    DATE_OR_DATETIME_IN,
    DATETIME,
    DATETIME_IN,
    ID,
    NULLABLE_DATETIME,
    NULLABLE_INT,
    json_body,
    obj,
    query_param,
    ref,
    register_part,
    responses,
    text,
)

from .bounds import MAX_EQUIPMENT, MAX_SEATS

SEATS = {"type": "integer", "minimum": 1, "maximum": MAX_SEATS}
KINDS = ["meeting_room", "private_office", "hot_desk", "dedicated_desk", "lounge"]
STATES = ["held", "confirmed", "checked_in", "done", "cancelled", "no_show"]

SCHEMAS = {
    "Suggestions": obj(
        {
            "slots": {
                "type": "array",
                "items": obj({"start": DATETIME, "stop": DATETIME}),
                "description": "The nearest free times of the same length.",
            },
            "spaces": {
                "type": "array",
                "items": obj({"id": {"type": "integer"}, "name": {"type": "string"}}),
                "description": "Other spaces of the location free at that time.",
            },
        }
    ),
    "Location": obj(
        {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "tz": {"type": "string", "examples": ["Europe/Paris"]},
        }
    ),
    "Rules": obj(
        {
            "slot_minutes": {"type": "integer"},
            "min_minutes": {"type": "integer"},
            "max_minutes": {"type": "integer"},
            "buffer_minutes": {"type": "integer"},
            "notice_minutes": {"type": "integer"},
            "horizon_days": {"type": "integer"},
        }
    ),
    "Space": obj(
        {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "kind": {"type": "string", "enum": KINDS},
            "booking_mode": {"type": "string", "enum": ["exclusive", "pooled"]},
            "capacity": {"type": "integer"},
            "location": ref("Location"),
            "amenities": {"type": "array", "items": {"type": "string"}},
            "rules": ref("Rules"),
            "rates": {
                "type": "array",
                "items": obj(
                    {
                        "product": {"type": "string"},
                        "hours": {"type": "number"},
                        "price": {"type": "number"},
                    }
                ),
            },
            "currency": {"type": "string"},
            "url": {"type": ["string", "null"]},
        }
    ),
    "SpaceList": obj({"spaces": {"type": "array", "items": ref("Space")}}),
    "Slot": obj(
        {
            "start": DATETIME,
            "stop": DATETIME,
            "start_local": DATETIME,
            "stop_local": DATETIME,
            "seats_left": NULLABLE_INT,
        }
    ),
    "Price": obj(
        {
            "amount": {"type": "number"},
            "currency": {"type": "string"},
            "lines": {
                "type": "array",
                "items": obj(
                    {
                        "product": {"type": "string"},
                        "quantity": {"type": "number"},
                        "unit_price": {"type": "number"},
                    }
                ),
            },
        },
        nullable=True,
    ),
    "Availability": obj(
        {
            "space_id": {"type": "integer"},
            "start": DATETIME,
            "stop": DATETIME,
            "start_local": DATETIME,
            "stop_local": DATETIME,
            "seats": {"type": "integer"},
            "available": {"type": "boolean"},
            "seats_left": NULLABLE_INT,
            "reasons": {"type": "array", "items": ref("Reason")},
            "suggestions": ref("Suggestions"),
            "price": ref("Price"),
        }
    ),
    "SlotList": obj(
        {
            "date_from": DATETIME,
            "date_to": DATETIME,
            "duration": {"type": "integer"},
            "seats": {"type": "integer"},
            "spaces": {
                "type": "array",
                "items": obj(
                    {
                        "space_id": {"type": "integer"},
                        "name": {"type": "string"},
                        "location": ref("Location"),
                        "slots": {"type": "array", "items": ref("Slot")},
                    }
                ),
            },
        }
    ),
    "NamedRef": obj(
        {"id": {"type": "integer"}, "name": {"type": "string"}}, nullable=True
    ),
    "Booking": obj(
        {
            "id": {"type": "integer"},
            "reference": {"type": "string"},
            "state": {"type": "string", "enum": STATES},
            "space": ref("NamedRef"),
            "equipment": ref("NamedRef"),
            "location": ref("Location"),
            "start": DATETIME,
            "stop": DATETIME,
            "start_local": DATETIME,
            "stop_local": DATETIME,
            "seats": {"type": "integer"},
            "price": {"type": "number", "description": "Untaxed."},
            "currency": {"type": "string"},
            "payment_state": {
                "type": "string",
                "enum": ["none", "to_pay", "paid", "to_invoice"],
            },
            "hold_until": {
                **NULLABLE_DATETIME,
                "description": "A held booking is released at this time "
                "unless paid.",
            },
            "cancel_fee": {"type": "number"},
            "portal_url": {
                "type": "string",
                "description": "The booking in the portal, where a held "
                "booking is paid with Odoo's payment form.",
            },
            "added_equipment": {
                "type": "array",
                "items": obj(
                    {
                        "id": {"type": "integer"},
                        "reference": {"type": "string"},
                        "equipment": ref("NamedRef"),
                        "state": {"type": "string"},
                        "price": {"type": "number"},
                    }
                ),
            },
        }
    ),
    "BookingResult": obj({"booking": ref("Booking")}),
    "BookingList": obj(
        {
            "total": {"type": "integer"},
            "limit": {"type": "integer"},
            "offset": {"type": "integer"},
            "bookings": {"type": "array", "items": ref("Booking")},
        }
    ),
    "BookingCreate": {
        "type": "object",
        "properties": {
            "space_id": ID,
            "equipment_id": {
                **ID,
                "description": "Book a piece of equipment alone (instead of "
                "space_id).",
            },
            "start": DATETIME_IN,
            "stop": DATETIME_IN,
            "seats": {**SEATS, "default": 1},
            "equipment_ids": {
                "type": "array",
                "items": ID,
                "maxItems": MAX_EQUIPMENT,
                "description": "Equipment of the same location added to the "
                "space booking, for the same time.",
            },
            "note": text(1000),
            "partner_id": {**ID, "description": "Staff only: the customer booked for."},
        },
        "required": ["start", "stop"],
        "additionalProperties": False,
        # exactly one of space_id and equipment_id; equipment_ids goes with
        # space_id only
        "oneOf": [
            {"required": ["space_id"], "not": {"required": ["equipment_id"]}},
            {
                "required": ["equipment_id"],
                "not": {
                    "anyOf": [
                        {"required": ["space_id"]},
                        {"required": ["equipment_ids"]},
                    ]
                },
            },
        ],
        "description": "Give either space_id (with equipment_ids if any) or "
        "equipment_id.",
        "x-combination-fields": ["space_id", "equipment_id"],
    },
    "BookingCancel": {
        "type": "object",
        "properties": {"booking_id": ID, "reason": text(200)},
        "required": ["booking_id"],
        "additionalProperties": False,
    },
    "BookingReschedule": {
        "type": "object",
        "properties": {
            "booking_id": ID,
            "start": DATETIME_IN,
            "stop": {
                **DATETIME_IN,
                "description": "Defaults to the same length as before.",
            },
        },
        "required": ["booking_id", "start"],
        "additionalProperties": False,
    },
}

# the refusals of bookings, in the words of this part
ERRORS = {
    **suite.ERRORS,
    "409": "Already booked: the time is taken or the seats are gone.",
    "422": "Well formed, but refused: a range that is empty or too long, a local "
    "time skipped or repeated by a daylight saving change, or a rule: past, "
    "closed, too short or long, too late, "
    "beyond the horizon, misaligned, too many people, or the cancellation "
    "and reschedule policy.",
}

PATHS = {
    "/spaces": {
        "get": {
            "operationId": "listSpaces",
            "summary": "Bookable spaces",
            "description": "Spaces the caller can book: for customers and "
            "anonymous callers, those offered on the website.",
            "security": AUTH_OPTIONAL,
            "parameters": [
                query_param("location_id", ID, "Only this location."),
                query_param(
                    "kind", {"type": "string", "enum": KINDS}, "Only this kind."
                ),
                query_param("people", SEATS, "At least this capacity."),
            ],
            "responses": responses(
                "200", "SpaceList", "The spaces.", ["400", "401"], ERRORS
            ),
        }
    },
    "/room/availability": {
        "get": {
            "operationId": "getAvailability",
            "summary": "Can this space be booked at this time?",
            "description": "Whether the time is free under the caller's rules; "
            "when not, every reason and the nearest free times and other "
            "spaces. Also the price.",
            "security": AUTH_OPTIONAL,
            "parameters": [
                query_param("space_id", ID, "The space.", True),
                query_param("start", DATETIME_IN, "Start.", True),
                query_param(
                    "stop",
                    DATETIME_IN,
                    f"End: after the start, {bounds.MAX_RANGE_DAYS} days after "
                    "it at most.",
                    True,
                ),
                query_param("seats", {**SEATS, "default": 1}, "People."),
            ],
            "responses": responses(
                "200",
                "Availability",
                "The answer.",
                ["400", "401", "404", "422"],
                ERRORS,
            ),
        }
    },
    "/room/slots": {
        "get": {
            "operationId": "listSlots",
            "summary": "Free slots of a space, or of a kind of space",
            "description": "Every free start of a booking of `duration` "
            "minutes between two dates (31 days at most), for one space "
            "(space_id) or the spaces of a location and/or kind.",
            "security": AUTH_OPTIONAL,
            "parameters": [
                query_param("space_id", ID, "One space."),
                query_param("location_id", ID, "Spaces of a location."),
                query_param(
                    "kind", {"type": "string", "enum": KINDS}, "Spaces of a kind."
                ),
                query_param(
                    "date_from",
                    DATE_OR_DATETIME_IN,
                    "First day (local) or a date-time.",
                    True,
                ),
                query_param(
                    "date_to",
                    DATE_OR_DATETIME_IN,
                    "Last day, included (local), or a date-time; defaults to "
                    f"date_from; {bounds.MAX_RANGE_DAYS} days after date_from at "
                    "most.",
                ),
                query_param(
                    "duration",
                    {"type": "integer", "minimum": 1, "maximum": 1440, "default": 60},
                    "Minutes.",
                ),
                query_param("seats", {**SEATS, "default": 1}, "People."),
            ],
            "responses": responses(
                "200",
                "SlotList",
                "The free slots.",
                ["400", "401", "404", "422"],
                ERRORS,
            ),
        }
    },
    "/bookings": {
        "get": {
            "operationId": "listBookings",
            "summary": "The caller's bookings",
            "description": "Customers see their own bookings; staff, the "
            "bookings of their companies.",
            "security": AUTH_REQUIRED,
            "parameters": [
                query_param(
                    "state", {"type": "string", "enum": STATES}, "Only this state."
                ),
                query_param("date_from", DATE_OR_DATETIME_IN, "Ending after this."),
                query_param("date_to", DATE_OR_DATETIME_IN, "Starting before this."),
                query_param(
                    "limit",
                    {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
                    "Page size.",
                ),
                query_param(
                    "offset",
                    {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": bounds.MAX_ID,
                        "default": 0,
                    },
                    "Skip these.",
                ),
            ],
            "responses": responses(
                "200", "BookingList", "The bookings.", ["400", "401", "422"], ERRORS
            ),
        }
    },
    "/booking/create": {
        "post": {
            "operationId": "createBooking",
            "summary": "Book a space or a piece of equipment",
            "description": "Members are confirmed at once; other customers "
            "get a held booking and a quotation to pay in the portal "
            "(portal_url) before hold_until. The database refuses any "
            "overlap: a lost race answers 409.",
            "security": AUTH_REQUIRED,
            "requestBody": json_body("BookingCreate"),
            "responses": responses(
                "201",
                "BookingResult",
                "The booking.",
                ["400", "401", "403", "404", "409", "413", "415", "422"],
                ERRORS,
            ),
        }
    },
    "/booking/cancel": {
        "post": {
            "operationId": "cancelBooking",
            "summary": "Cancel a booking",
            "description": "Free until the location's deadline, with the late "
            "cancellation fee after it.",
            "security": AUTH_REQUIRED,
            "requestBody": json_body("BookingCancel"),
            "responses": responses(
                "200",
                "BookingResult",
                "The cancelled booking.",
                ["400", "401", "403", "404", "413", "415", "422"],
                ERRORS,
            ),
        }
    },
    "/booking/reschedule": {
        "post": {
            "operationId": "rescheduleBooking",
            "summary": "Move a booking",
            "description": "Same checks as a new booking; customers can move "
            "a booking until the free cancellation deadline.",
            "security": AUTH_REQUIRED,
            "requestBody": json_body("BookingReschedule"),
            "responses": responses(
                "200",
                "BookingResult",
                "The moved booking.",
                ["400", "401", "403", "404", "409", "413", "415", "422"],
                ERRORS,
            ),
        }
    },
}

register_part(
    "coworking_booking",
    summary="spaces, availability, free slots and bookings of the caller.",
    paths=PATHS,
    schemas=SCHEMAS,
    refusal_codes=[
        "invalid",
        "past",
        "too_late",
        "beyond_horizon",
        "too_short",
        "too_long",
        "misaligned",
        "closed",
        "taken",
        "full",
        "too_many_people",
        "not_bookable",
    ],
    error_details={"suggestions": ref("Suggestions")},
)
