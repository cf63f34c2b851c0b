# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The queue's part of the suite's OpenAPI document: the services of a
location, taking a ticket, its status, and giving it up (a visitor's phone or
a member's app).

The server validates queries and bodies with these schemas
(``coworking_base/tools/api_input.py``): what they declare is exactly what it
accepts. Request schemas are written out whole (no ``$ref``); the names are
the suite's (``Queue…``), shared with the other parts.
"""

from odoo.addons.coworking_base.tools.openapi import (
    AUTH_OPTIONAL,
    DATETIME,
    ID,
    NULLABLE_DATETIME,
    json_body,
    obj,
    query_param,
    ref,
    register_part,
    responses,
    text,
)
from odoo.addons.coworking_base.tools.openapi import (
    ERRORS as SUITE_ERRORS,
)

# ticket types a visitor (or an app) may ask for: appointments come from
# bookings, never from a request
TAKE_TYPES = ["normal", "express", "vip"]
TICKET_TYPES = ["normal", "express", "vip", "appointment"]
TICKET_STATES = [
    "waiting",
    "called",
    "serving",
    "served",
    "cancelled",
    "expired",
    "no_show",
    "transferred",
]
# a key drawn by the app for one tap: long enough not to be guessed (a
# retried request with the same key answers the same ticket, its token too)
NONCE = {
    "type": "string",
    "pattern": "^[A-Za-z0-9-]{16,64}$",
    "description": "A random key drawn by the app for this request (a UUID): "
    "sending the request again with the same key answers the same ticket "
    "instead of a second one. Keep it secret: it gives back the ticket.",
    "examples": ["0b6f2c4e-5d1a-4e8b-9a57-3f0c2d9e4a11"],
}
# the addresses Odoo sends mail to (odoo.tools.mail.single_email_re)
EMAIL = {
    "type": "string",
    "maxLength": 254,
    "pattern": "^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,63}$",
    "description": "Where to tell the visitor that their turn is near and "
    "that they are called. Default: the email of the member or of the "
    "API key's user.",
}
LANG = {
    "type": "string",
    "maxLength": 16,
    "pattern": "^[a-z]{2,3}(_[A-Za-z0-9]{2,4})?(@[a-z]+)?$",
    "description": "Language of the visitor's messages and ticket page, one "
    "of the languages installed here (e.g. fr_FR; 422 otherwise). Default: "
    "the member's or the API key user's.",
}
# portal access tokens (portal.mixin: a UUID)
ACCESS_TOKEN = {
    "type": "string",
    "maxLength": 128,
    "pattern": "^[A-Za-z0-9_-]+$",
    "description": "The ticket's access_token, answered when it was taken.",
}
CREDENTIAL = {
    **text(256),
    "description": "A member's personal QR code (its text, CW1.…), scanned "
    "by the app: the ticket is the member's (a member may get VIP tickets). "
    "A code that is not a valid credential of the service's company is "
    "refused (422 invalid_credential, with its reason).",
}
WAIT = {
    "type": ["array", "null"],
    "items": {"type": "integer", "minimum": 0},
    "minItems": 2,
    "maxItems": 2,
}

SCHEMAS = {
    "QueueLocation": obj(
        {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "tz": {"type": "string", "description": "The location's timezone."},
        }
    ),
    "QueueRef": obj(
        {"id": {"type": "integer"}, "name": {"type": "string"}}, nullable=True
    ),
    "QueueService": obj(
        {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "description": {"type": ["string", "null"]},
            "location": ref("QueueLocation"),
            "open": {
                "type": "boolean",
                "description": "Whether a ticket can be taken now (opening "
                "hours, and the service taking tickets).",
            },
            "ticket_types": {
                "type": "array",
                "items": {"type": "string", "enum": TAKE_TYPES},
                "description": "Types the caller may take: normal; express "
                "when offered; vip when offered to anyone, or to members "
                "(with an API key of a member), or to front desk staff.",
            },
            "waiting_count": {
                "type": "integer",
                "description": "Tickets waiting now.",
            },
            "wait": {
                **WAIT,
                "description": "The wait a normal ticket taken now would be "
                "promised, in minutes [low, high]; null when closed.",
            },
        }
    ),
    "QueueServiceList": obj(
        {"services": {"type": "array", "items": ref("QueueService")}}
    ),
    "QueueTicket": obj(
        {
            "id": {"type": "integer"},
            "number": {
                "type": "string",
                "description": "The number called out and shown on the "
                "display screen, e.g. A-042 (numbers restart every day).",
            },
            "service": ref("QueueRef"),
            "location": ref("QueueLocation"),
            "type": {"type": "string", "enum": TICKET_TYPES},
            "state": {"type": "string", "enum": TICKET_STATES},
            "position": {
                "type": ["integer", "null"],
                "description": "Place among the waiting tickets (1: next); "
                "null when not waiting.",
            },
            "wait": {
                **WAIT,
                "description": "Minutes before being called, as a range "
                "[low, high]; null when not waiting.",
            },
            "counter": {
                **ref("QueueRef"),
                "description": "The counter that called the ticket (go there "
                "when the state is called).",
            },
            "cancellable": {
                "type": "boolean",
                "description": "Whether the visitor may still give up the "
                "ticket (waiting or called).",
            },
            "taken_at": DATETIME,
            "appointment_at": NULLABLE_DATETIME,
            "called_at": NULLABLE_DATETIME,
            "serving_at": NULLABLE_DATETIME,
            "done_at": {
                **NULLABLE_DATETIME,
                "description": "When it was served, cancelled, expired, "
                "marked as a no-show or transferred.",
            },
            "transferred_from": {
                **ref("QueueRef"),
                "description": "The ticket this one replaced, when the "
                "visitor was sent here from another service.",
            },
            "transferred_to": obj(
                {
                    "id": {"type": "integer"},
                    "number": {"type": "string"},
                    "service": ref("QueueRef"),
                    "access_token": {"type": "string"},
                },
                nullable=True,
            )
            | {
                "description": "When the visitor was sent to another "
                "service: the new ticket, to follow from now on (with its "
                "token)."
            },
            "access_token": {
                "type": "string",
                "description": "The key of this ticket: give it with the id "
                "to read or cancel it.",
            },
            "url": {
                "type": "string",
                "description": "The visitor's live ticket page (with its key).",
            },
        }
    ),
    "QueueTicketResult": obj({"ticket": ref("QueueTicket")}),
    "QueueTicketTake": {
        "type": "object",
        "properties": {
            "service_id": ID,
            "ticket_type": {"type": "string", "enum": TAKE_TYPES, "default": "normal"},
            "nonce": NONCE,
            "email": EMAIL,
            "lang": LANG,
            "credential": CREDENTIAL,
        },
        "required": ["service_id", "nonce"],
        "additionalProperties": False,
    },
    "QueueTicketCancel": {
        "type": "object",
        "properties": {"ticket_id": ID, "access_token": ACCESS_TOKEN},
        "required": ["ticket_id", "access_token"],
        "additionalProperties": False,
    },
}

ERRORS = {
    **SUITE_ERRORS,
    "404": "Unknown here: no such service (or archived, or of another "
    "company), or no ticket with this id and key.",
    "409": "The key (nonce) was already used for another service or "
    "visitor, or is being used by another request at this moment (send "
    "the request again).",
    "422": "Well formed, but refused: the service is closed (closed), does "
    "not offer this type (not_offered), the credential is not valid "
    "(invalid_credential), the language is not installed "
    "(lang_not_installed), or the ticket can no longer be cancelled "
    "(invalid_transition).",
}

# what an app does next with the ticket answered (OpenAPI links)
TICKET = {
    "ticket_id": "$response.body#/ticket/id",
    "access_token": "$response.body#/ticket/access_token",
}
FOLLOW_LINK = {
    "operationId": "getQueueTicket",
    "parameters": TICKET,
    "description": "Follow the ticket: its place, wait and state.",
}
CANCEL_LINK = {
    "operationId": "cancelQueueTicket",
    "requestBody": TICKET,
    "description": "Give up the ticket.",
}


# a new ticket (201) or the one already given for the nonce (200)
TAKE_ANSWERS = responses(
    "201",
    "QueueTicketResult",
    "The new ticket.",
    ["400", "401", "404", "409", "413", "415", "422"],
    ERRORS,
)
TAKE_ANSWERS["200"] = {
    "description": "The ticket already taken with this nonce.",
    "content": {"application/json": {"schema": ref("QueueTicketResult")}},
}
for _status in ("201", "200"):
    TAKE_ANSWERS[_status]["links"] = {
        "FollowTicket": FOLLOW_LINK,
        "CancelTicket": CANCEL_LINK,
    }
STATUS_ANSWERS = responses(
    "200", "QueueTicketResult", "The ticket.", ["400", "401", "404"], ERRORS
)
STATUS_ANSWERS["200"]["links"] = {"CancelTicket": CANCEL_LINK}


PATHS = {
    "/queue/services": {
        "get": {
            "operationId": "listQueueServices",
            "summary": "Services where a ticket can be taken",
            "description": "The services of a location, or of every location "
            "of the caller's companies (for anonymous callers, the company of "
            "Odoo's public user), open or not, with the people waiting and "
            "the wait a new ticket would be promised.",
            "security": AUTH_OPTIONAL,
            "parameters": [
                query_param("location_id", ID, "Only the services of this location.")
            ],
            "responses": responses(
                "200", "QueueServiceList", "The services.", ["400", "401"], ERRORS
            ),
        }
    },
    "/queue/ticket/take": {
        "post": {
            "operationId": "takeQueueTicket",
            "summary": "Take a ticket",
            "description": "A place in the service's queue, for an anonymous "
            "visitor, the API key's user, or the member whose QR code "
            "(credential) was scanned. Answers 201 with the new ticket, or 200 "
            "with the ticket already given for this nonce (a retried "
            "request). Keep the ticket's id and access_token to follow it.",
            "security": AUTH_OPTIONAL,
            "requestBody": json_body("QueueTicketTake"),
            "responses": TAKE_ANSWERS,
        }
    },
    "/queue/ticket": {
        "get": {
            "operationId": "getQueueTicket",
            "summary": "A ticket's state, place and wait",
            "description": "For the holder of the ticket's key. A ticket "
            "sent to another service points to the new one "
            "(transferred_to). The same figures are pushed live on the "
            "ticket page (url).",
            "security": AUTH_OPTIONAL,
            "parameters": [
                query_param("ticket_id", ID, "The ticket.", True),
                query_param("access_token", ACCESS_TOKEN, "The ticket's key.", True),
            ],
            "responses": STATUS_ANSWERS,
        }
    },
    "/queue/ticket/cancel": {
        "post": {
            "operationId": "cancelQueueTicket",
            "summary": "Give up a ticket",
            "description": "The visitor leaves the queue, while waiting or "
            "called. Cancelling a cancelled ticket again answers it as it "
            "is; a ticket being served, served, expired, marked as a "
            "no-show or transferred is refused (invalid_transition).",
            "security": AUTH_OPTIONAL,
            "requestBody": json_body("QueueTicketCancel"),
            "responses": responses(
                "200",
                "QueueTicketResult",
                "The cancelled ticket.",
                ["400", "401", "404", "413", "415", "422"],
                ERRORS,
            ),
        }
    },
}

register_part(
    "coworking_queue",
    summary="the services of the queues, taking a ticket, its status and "
    "giving it up (visitors' phones, members' apps).",
    paths=PATHS,
    schemas=SCHEMAS,
    refusal_codes=[
        "closed",
        "not_offered",
        "nonce_reused",
        "invalid_transition",
        "invalid_credential",
        "lang_not_installed",
    ],
)
