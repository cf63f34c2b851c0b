# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The OpenAPI 3.1 document of the JSON API (``api.py``).

Its schemas are plain JSON Schema (2020-12), so the tests validate every
answer of the API against them, and check that the paths and methods listed
here are exactly the routes the API serves.
"""

import copy

from . import bounds

API_PREFIX = "/coworking/api"
API_VERSION = "1.1.0"

NULLABLE_INT = {"type": ["integer", "null"]}
DATETIME = {"type": "string", "format": "date-time"}
NULLABLE_DATETIME = {"type": ["string", "null"], "format": "date-time"}
REF = "#/components/schemas/"

# What requests may hold: the server validates them with these schemas
# (api_input.py), so the document says exactly what is accepted.
ID = {"type": "integer", "minimum": 1, "maximum": bounds.MAX_ID}
SEATS = {"type": "integer", "minimum": 1, "maximum": bounds.MAX_SEATS}
DATETIME_IN = {
    "type": "string",
    "pattern": bounds.DATETIME_PATTERN,
    "description": f"ISO 8601 date-time, years {bounds.MIN_YEAR}-{bounds.MAX_YEAR}; "
    "without an offset, read in the location's timezone.",
    "examples": ["2026-12-01T10:00:00+01:00"],
}
DATE_OR_DATETIME_IN = {
    "type": "string",
    "pattern": bounds.DATE_OR_DATETIME_PATTERN,
    "description": "A day (YYYY-MM-DD, local) or an ISO 8601 date-time, "
    f"years {bounds.MIN_YEAR}-{bounds.MAX_YEAR}.",
    "examples": ["2026-12-01"],
}
KINDS = ["meeting_room", "private_office", "hot_desk", "dedicated_desk", "lounge"]
STATES = ["held", "confirmed", "checked_in", "done", "cancelled", "no_show"]


def _text(limit):
    return {"type": "string", "maxLength": limit, "pattern": bounds.TEXT_PATTERN}


def _ref(name):
    return {"$ref": REF + name}


def _obj(properties, required=None, nullable=False):
    schema = {
        "type": ["object", "null"] if nullable else "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }
    return schema


SCHEMAS = {
    "Error": _obj(
        {
            "error": _obj(
                {
                    "status": {"type": "integer"},
                    "code": {
                        "type": "string",
                        "description": "invalid_field, missing_field, "
                        "unknown_field, unknown_parameter, malformed_json, "
                        "unsupported_media_type, payload_too_large, "
                        "unauthorized, forbidden, not_found, refused, conflict, "
                        "or the code of the only rule refusing the request: "
                        "invalid, past, too_late, beyond_horizon, too_short, "
                        "too_long, misaligned, closed, taken, full, "
                        "too_many_people, not_bookable.",
                    },
                    "message": {"type": "string"},
                    "field": {"type": "string"},
                    "fields": {"type": "array", "items": {"type": "string"}},
                    "reasons": {"type": "array", "items": _ref("Reason")},
                    "suggestions": _ref("Suggestions"),
                },
                required=["status", "code", "message"],
            )
        }
    ),
    "Reason": _obj({"code": {"type": "string"}, "message": {"type": "string"}}),
    "Suggestions": _obj(
        {
            "slots": {
                "type": "array",
                "items": _obj({"start": DATETIME, "stop": DATETIME}),
                "description": "The nearest free times of the same length.",
            },
            "spaces": {
                "type": "array",
                "items": _obj({"id": {"type": "integer"}, "name": {"type": "string"}}),
                "description": "Other spaces of the location free at that time.",
            },
        }
    ),
    "Location": _obj(
        {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "tz": {"type": "string", "examples": ["Europe/Paris"]},
        }
    ),
    "Rules": _obj(
        {
            "slot_minutes": {"type": "integer"},
            "min_minutes": {"type": "integer"},
            "max_minutes": {"type": "integer"},
            "buffer_minutes": {"type": "integer"},
            "notice_minutes": {"type": "integer"},
            "horizon_days": {"type": "integer"},
        }
    ),
    "Space": _obj(
        {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "kind": {"type": "string", "enum": KINDS},
            "booking_mode": {"type": "string", "enum": ["exclusive", "pooled"]},
            "capacity": {"type": "integer"},
            "location": _ref("Location"),
            "amenities": {"type": "array", "items": {"type": "string"}},
            "rules": _ref("Rules"),
            "rates": {
                "type": "array",
                "items": _obj(
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
    "SpaceList": _obj({"spaces": {"type": "array", "items": _ref("Space")}}),
    "Slot": _obj(
        {
            "start": DATETIME,
            "stop": DATETIME,
            "start_local": DATETIME,
            "stop_local": DATETIME,
            "seats_left": NULLABLE_INT,
        }
    ),
    "Price": _obj(
        {
            "amount": {"type": "number"},
            "currency": {"type": "string"},
            "lines": {
                "type": "array",
                "items": _obj(
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
    "Availability": _obj(
        {
            "space_id": {"type": "integer"},
            "start": DATETIME,
            "stop": DATETIME,
            "start_local": DATETIME,
            "stop_local": DATETIME,
            "seats": {"type": "integer"},
            "available": {"type": "boolean"},
            "seats_left": NULLABLE_INT,
            "reasons": {"type": "array", "items": _ref("Reason")},
            "suggestions": _ref("Suggestions"),
            "price": _ref("Price"),
        }
    ),
    "SlotList": _obj(
        {
            "date_from": DATETIME,
            "date_to": DATETIME,
            "duration": {"type": "integer"},
            "seats": {"type": "integer"},
            "spaces": {
                "type": "array",
                "items": _obj(
                    {
                        "space_id": {"type": "integer"},
                        "name": {"type": "string"},
                        "location": _ref("Location"),
                        "slots": {"type": "array", "items": _ref("Slot")},
                    }
                ),
            },
        }
    ),
    "NamedRef": _obj(
        {"id": {"type": "integer"}, "name": {"type": "string"}}, nullable=True
    ),
    "Booking": _obj(
        {
            "id": {"type": "integer"},
            "reference": {"type": "string"},
            "state": {"type": "string", "enum": STATES},
            "space": _ref("NamedRef"),
            "equipment": _ref("NamedRef"),
            "location": _ref("Location"),
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
                "items": _obj(
                    {
                        "id": {"type": "integer"},
                        "reference": {"type": "string"},
                        "equipment": _ref("NamedRef"),
                        "state": {"type": "string"},
                        "price": {"type": "number"},
                    }
                ),
            },
        }
    ),
    "BookingResult": _obj({"booking": _ref("Booking")}),
    "BookingList": _obj(
        {
            "total": {"type": "integer"},
            "limit": {"type": "integer"},
            "offset": {"type": "integer"},
            "bookings": {"type": "array", "items": _ref("Booking")},
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
                "maxItems": bounds.MAX_EQUIPMENT,
                "description": "Equipment of the same location added to the "
                "space booking, for the same time.",
            },
            "note": _text(1000),
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
        "properties": {"booking_id": ID, "reason": _text(200)},
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

ERRORS = {
    "400": "Not as this document says: a missing, unknown, wrongly typed or "
    "out of bounds field or parameter.",
    "401": "No valid API key or session.",
    "403": "Not allowed for this user.",
    "404": "Unknown here (or another company's, or not the caller's).",
    "409": "Already booked: the time is taken or the seats are gone.",
    "413": "Body too large.",
    "415": "The body is not application/json.",
    "422": "Well formed, but refused: a range that is empty or too long, a local "
    "time skipped or repeated by a daylight saving change, or a rule: past, "
    "closed, too short or long, too late, "
    "beyond the horizon, misaligned, too many people, or the cancellation "
    "and reschedule policy.",
}


def _query(name, schema, description, required=False):
    return {
        "name": name,
        "in": "query",
        "required": required,
        "schema": schema,
        "description": description,
    }


def _responses(ok_status, ok_schema, ok_description, errors):
    responses = {
        ok_status: {
            "description": ok_description,
            "content": {"application/json": {"schema": _ref(ok_schema)}},
        }
    }
    for status in errors:
        responses[status] = {
            "description": ERRORS[status],
            "content": {"application/json": {"schema": _ref("Error")}},
        }
    return responses


def _body(schema):
    return {
        "required": True,
        "content": {"application/json": {"schema": _ref(schema)}},
    }


AUTH_REQUIRED = [{"bearerAuth": []}, {"sessionCookie": []}]
AUTH_OPTIONAL = [{"bearerAuth": []}, {"sessionCookie": []}, {}]

PATHS = {
    "/spaces": {
        "get": {
            "operationId": "listSpaces",
            "summary": "Bookable spaces",
            "description": "Spaces the caller can book: for customers and "
            "anonymous callers, those offered on the website.",
            "security": AUTH_OPTIONAL,
            "parameters": [
                _query("location_id", ID, "Only this location."),
                _query("kind", {"type": "string", "enum": KINDS}, "Only this kind."),
                _query("people", SEATS, "At least this capacity."),
            ],
            "responses": _responses("200", "SpaceList", "The spaces.", ["400", "401"]),
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
                _query("space_id", ID, "The space.", True),
                _query("start", DATETIME_IN, "Start.", True),
                _query(
                    "stop",
                    DATETIME_IN,
                    f"End: after the start, {bounds.MAX_RANGE_DAYS} days after "
                    "it at most.",
                    True,
                ),
                _query("seats", {**SEATS, "default": 1}, "People."),
            ],
            "responses": _responses(
                "200",
                "Availability",
                "The answer.",
                ["400", "401", "404", "422"],
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
                _query("space_id", ID, "One space."),
                _query("location_id", ID, "Spaces of a location."),
                _query("kind", {"type": "string", "enum": KINDS}, "Spaces of a kind."),
                _query(
                    "date_from",
                    DATE_OR_DATETIME_IN,
                    "First day (local) or a date-time.",
                    True,
                ),
                _query(
                    "date_to",
                    DATE_OR_DATETIME_IN,
                    "Last day, included (local), or a date-time; defaults to "
                    f"date_from; {bounds.MAX_RANGE_DAYS} days after date_from at "
                    "most.",
                ),
                _query(
                    "duration",
                    {"type": "integer", "minimum": 1, "maximum": 1440, "default": 60},
                    "Minutes.",
                ),
                _query("seats", {**SEATS, "default": 1}, "People."),
            ],
            "responses": _responses(
                "200",
                "SlotList",
                "The free slots.",
                ["400", "401", "404", "422"],
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
                _query("state", {"type": "string", "enum": STATES}, "Only this state."),
                _query("date_from", DATE_OR_DATETIME_IN, "Ending after this."),
                _query("date_to", DATE_OR_DATETIME_IN, "Starting before this."),
                _query(
                    "limit",
                    {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
                    "Page size.",
                ),
                _query(
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
            "responses": _responses(
                "200", "BookingList", "The bookings.", ["400", "401", "422"]
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
            "requestBody": _body("BookingCreate"),
            "responses": _responses(
                "201",
                "BookingResult",
                "The booking.",
                ["400", "401", "403", "404", "409", "413", "415", "422"],
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
            "requestBody": _body("BookingCancel"),
            "responses": _responses(
                "200",
                "BookingResult",
                "The cancelled booking.",
                ["400", "401", "403", "404", "413", "415", "422"],
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
            "requestBody": _body("BookingReschedule"),
            "responses": _responses(
                "200",
                "BookingResult",
                "The moved booking.",
                ["400", "401", "403", "404", "409", "413", "415", "422"],
            ),
        }
    },
    "/openapi.json": {
        "get": {
            "operationId": "getOpenApi",
            "summary": "This document",
            "security": [{}],
            "responses": {
                "200": {
                    "description": "The OpenAPI document.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    },
}


def build_openapi(server_url=""):
    """The OpenAPI document, with the server it is served from."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Coworking Booking API",
            "version": API_VERSION,
            "description": "Spaces, availability, free slots and bookings of "
            "a coworking operator (Odoo, coworking_booking). Times are ISO "
            "8601: answers give UTC (`start`) and the location's local time "
            "(`start_local`). Errors answer a 4xx status and an `Error` body.",
            "license": {
                "name": "LGPL-3.0-or-later",
                "identifier": "LGPL-3.0-or-later",
            },
        },
        "servers": [{"url": f"{server_url}{API_PREFIX}"}],
        "paths": copy.deepcopy(PATHS),
        "components": {
            "schemas": copy.deepcopy(SCHEMAS),
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An Odoo API key (Preferences > Account "
                    "Security > New API Key).",
                },
                "sessionCookie": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "session_id",
                    "description": "The session of a logged-in user; POST "
                    "bodies must then be application/json.",
                },
            },
        },
    }
