# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The events' part of the suite's OpenAPI document: what a mobile scanner
app reads and sends (the caller's events, badge scans online and uploaded
offline, the scanner's statistics, announcements, questions on sessions,
visits to an exhibitor's booth).

The server validates queries, path ids and bodies with these schemas
(``coworking_base/tools/api_input.py``): what they declare is exactly what it
accepts. Request schemas are written out whole (no ``$ref``); the names are
the suite's (``Event…``), shared with the other parts.
"""

from odoo.addons.coworking_base.tools import bounds as suite_bounds
from odoo.addons.coworking_base.tools.openapi import (
    AUTH_REQUIRED,
    DATETIME,
    DATETIME_IN,
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

from ..models.coworking_event_announcement import AUDIENCES as AUDIENCE_SELECTION
from ..models.coworking_event_role import ROLES as ROLE_SELECTION
from ..models.coworking_event_scan import VERDICTS as VERDICT_SELECTION
from . import bounds

# the selections of the models, as the API answers them
ROLES = [code for code, _label in ROLE_SELECTION]
VERDICTS = [code for code, _label in VERDICT_SELECTION]
DIRECTIONS = ["in", "out"]
AUDIENCES = [code for code, _label in AUDIENCE_SELECTION]

# a scanner's name (the scan log keeps 64 characters of it)
DEVICE_LENGTH = 64

NONCE = {
    "type": "string",
    "pattern": bounds.NONCE_PATTERN,
    "description": "A key drawn by the scanner for this scan (a UUID): "
    "sending the scan again with the same key answers the scan recorded the "
    "first time (200, duplicate) instead of a second one. The key of a scan "
    "of another event or another user is refused (409 nonce_reused).",
    "examples": ["0b6f2c4e-5d1a-4e8b-9a57-3f0c2d9e4a11"],
}
CODE = {
    **text(bounds.MAX_CODE_LENGTH),
    "minLength": 1,
    "description": "What the camera read: a person's QR code (CW1.…) or "
    "Odoo's registration barcode. An unknown, tampered or revoked code is "
    "a recorded scan with its verdict, not an error.",
}
DEVICE = {
    **text(DEVICE_LENGTH),
    "type": ["string", "null"],
    "description": "The scanner's name, kept in the scan log.",
}
LOCATION_ID = {
    "type": ["integer", "null"],
    "minimum": 1,
    "maximum": suite_bounds.MAX_ID,
    "description": "The room of the door (an event room's id, see `rooms` "
    "of the events); absent or null: the event's entrance.",
}
DIRECTION = {
    "type": "string",
    "enum": DIRECTIONS,
    "default": "in",
    "description": "An entry (in) or an exit (out).",
}
SCANNED_AT = {
    **DATETIME_IN,
    "description": "When the badge was scanned, by the scanner's clock; "
    "without an offset, in the event's timezone. At most "
    f"{bounds.MAX_OFFLINE_HOURS} hours ago and "
    f"{bounds.MAX_CLOCK_SKEW_MINUTES} minutes ahead of the server "
    "(422 scan_too_old, scan_in_future).",
}


def path_id(name, description):
    """A record id in the path (checked like a query parameter)."""
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": ID,
        "description": description,
    }


def limit_param(maximum, default, what):
    return query_param(
        "limit",
        {"type": "integer", "minimum": 1, "maximum": maximum, "default": default},
        f"At most this many {what}.",
    )


EVENT_ID = path_id("event_id", "The event.")
INT = {"type": "integer"}
STR = {"type": "string"}
BOOL = {"type": "boolean"}
NULLABLE_STR = {"type": ["string", "null"]}


def said(schema, description):
    """``schema`` with a description."""
    return {**schema, "description": description}


def array_of(name, description=None):
    schema = {"type": "array", "items": ref(name)}
    return said(schema, description) if description else schema


def ref_or_null(name, description):
    return {"oneOf": [ref(name), {"type": "null"}], "description": description}


IN_EVENT = obj({"id": INT, "name": STR, "event_id": INT})
DUPLICATE = "The nonce had been recorded already: this is the %s recorded then."

SCHEMAS = {
    "EventRef": obj({"id": INT, "name": STR}),
    "EventRoom": obj(
        {
            "id": INT,
            "name": STR,
            "capacity": said(INT, "People allowed inside at once; 0: no limit."),
            "restricted": said(BOOL, "Only some tickets (or registrations) open it."),
        }
    ),
    "EventRole": obj(
        {
            "role": {"type": "string", "enum": ROLES},
            "rooms": array_of(
                "EventRef", "The rooms this role runs or controls; empty: every room."
            ),
            "booth": ref_or_null("EventRef", "An exhibitor's booth."),
        }
    ),
    "EventSummary": obj(
        {
            "id": INT,
            "name": STR,
            "tz": said(STR, "The event's timezone."),
            "date_begin": DATETIME,
            "date_begin_local": DATETIME,
            "date_end": DATETIME,
            "date_end_local": DATETIME,
            "registered": said(BOOL, "The caller holds a confirmed registration."),
            "can_scan": said(
                BOOL,
                "The caller scans badges at its doors (organizer, room "
                "manager, badge controller).",
            ),
            "roles": array_of("EventRole"),
            "rooms": array_of(
                "EventRoom",
                "The rooms of its sessions (and of the caller's roles): the "
                "doors a scanner may stand at.",
            ),
        }
    ),
    "EventList": obj({"events": array_of("EventSummary")}),
    "EventScanResult": obj(
        {
            "id": said(INT, "The scan in the log."),
            "nonce": STR,
            "verdict": said(
                {"type": "string", "enum": VERDICTS},
                "granted, or the reason of the refusal.",
            ),
            "granted": BOOL,
            "message": said(
                STR, "What the scanner shows, in the scanning user's language."
            ),
            "duplicate": said(BOOL, DUPLICATE % "scan"),
            "direction": {"type": "string", "enum": DIRECTIONS},
            "scanned_at": DATETIME,
            "person": said(
                obj(
                    {
                        "name": STR,
                        "company": STR,
                        "ticket": STR,
                        "role": {"type": "string", "enum": ROLES},
                    },
                    nullable=True,
                ),
                "Who the code names; null when nobody.",
            ),
            "location": said(
                obj(
                    {
                        "id": INT,
                        "name": STR,
                        "occupancy": said(INT, "People inside now."),
                        "capacity": INT,
                    },
                    nullable=True,
                ),
                "The room; null at the event's entrance.",
            ),
            "session": ref_or_null(
                "EventRef", "The session held in the room at that moment."
            ),
        }
    ),
    "EventScanUploadResult": obj(
        {
            "results": array_of("EventScanResult", "One per scan, in the order sent."),
            "recorded": INT,
            "duplicates": INT,
        }
    ),
    "EventRoomStatistics": obj(
        {
            "location_id": said(
                {"type": ["integer", "null"]}, "The room; null for the entrance."
            ),
            "name": STR,
            "granted": INT,
            "refused": INT,
            "people": INT,
            "occupancy": said(INT, "People inside now."),
            "capacity": INT,
        }
    ),
    "EventStatistics": obj(
        {
            "event_id": INT,
            "scope": said(
                {"type": "string", "enum": ["mine", "all"]},
                "The caller's scans, or every scan of the event.",
            ),
            "since": said(DATETIME, "The start of today in the event's timezone."),
            "scans": INT,
            "granted": INT,
            "refused": INT,
            "people": said(INT, "Distinct people scanned."),
            "by_room": array_of("EventRoomStatistics"),
        }
    ),
    "EventAnnouncement": obj(
        {
            "id": INT,
            "title": STR,
            "body": said(STR, "Sanitized HTML."),
            "audience": {"type": "string", "enum": AUDIENCES},
            "published_at": NULLABLE_DATETIME,
        }
    ),
    "EventAnnouncementList": obj(
        {"event_id": INT, "announcements": array_of("EventAnnouncement")}
    ),
    "EventQuestion": obj(
        {
            "id": INT,
            "body": STR,
            "author": STR,
            "mine": said(BOOL, "Asked by the caller."),
            "answered": BOOL,
            "answer": NULLABLE_STR,
            "asked_at": DATETIME,
            "answered_at": NULLABLE_DATETIME,
        }
    ),
    "EventQuestionList": obj(
        {"track": IN_EVENT, "questions": array_of("EventQuestion")}
    ),
    "EventQuestionResult": obj({"question": ref("EventQuestion")}),
    "EventVisit": obj(
        {
            "id": INT,
            "visitor": obj(
                {
                    "name": STR,
                    "email": NULLABLE_STR,
                    "phone": NULLABLE_STR,
                    "company": NULLABLE_STR,
                    "job_position": NULLABLE_STR,
                }
            ),
            "note": NULLABLE_STR,
            "scanned_at": DATETIME,
            "scanned_by": STR,
        }
    ),
    "EventVisitResult": obj(
        {"visit": ref("EventVisit"), "duplicate": said(BOOL, DUPLICATE % "visit")}
    ),
    "EventBoothStatistics": obj(
        {
            "total": INT,
            "today": said(INT, "Visits today, in the event's timezone."),
            "visitors": said(INT, "Distinct visitors."),
        }
    ),
    "EventVisitList": obj(
        {
            "booth": IN_EVENT,
            "statistics": ref("EventBoothStatistics"),
            "visits": array_of("EventVisit", "The latest first."),
        }
    ),
    # requests (obj: closed objects, written out whole)
    "EventScanCreate": obj(
        {
            "code": CODE,
            "nonce": NONCE,
            "location_id": LOCATION_ID,
            "direction": DIRECTION,
            "scanned_at": said(
                SCANNED_AT, "Default: now. " + SCANNED_AT["description"]
            ),
            "device": DEVICE,
        },
        required=["code", "nonce"],
    ),
    "EventScanUpload": obj(
        {
            "device": DEVICE,
            "scans": {
                "type": "array",
                "minItems": 1,
                "maxItems": bounds.MAX_UPLOAD_SCANS,
                "description": f"At most {bounds.MAX_UPLOAD_SCANS} scans, and "
                "64 KiB in all: send more in several requests.",
                "items": obj(
                    {
                        "code": CODE,
                        "nonce": NONCE,
                        "location_id": LOCATION_ID,
                        "direction": DIRECTION,
                        "scanned_at": SCANNED_AT,
                    },
                    required=["code", "nonce", "scanned_at"],
                ),
            },
        },
        required=["scans"],
    ),
    "EventQuestionCreate": obj(
        {
            "body": said(
                {**text(bounds.MAX_QUESTION_LENGTH), "minLength": 1},
                "The question (blank: 422 empty).",
            )
        }
    ),
    "EventVisitCreate": obj(
        {
            "code": CODE,
            "nonce": said(
                NONCE,
                "A key drawn by the booth's scanner for this visit: sending it "
                "again answers the visit recorded the first time (200, "
                "duplicate). The key of another booth's visit, or of another "
                "user's, is refused (409 nonce_reused).",
            ),
            "note": said(
                text(bounds.MAX_NOTE_LENGTH), "The exhibitor's note on the visit."
            ),
        },
        required=["code", "nonce"],
    ),
}

ERRORS = {
    **SUITE_ERRORS,
    "403": "Not allowed for this user: scanning at an event (or a door) "
    "where the caller controls no badges, statistics of the whole event for "
    "a badge controller, an event the caller has no part in, or scanning at "
    "a booth where the caller does not work.",
    "404": "Unknown here: no such event, room, session or booth (or of "
    "another company); a booth's visits for anyone but its staff.",
    "409": "The nonce was already used for another event, booth or user "
    "(nonce_reused), or is being used by another request at this moment "
    "(conflict: send the request again).",
    "422": "Well formed, but refused: a scan dated too long ago or in the "
    "future (scan_too_old, scan_in_future; in an upload, `field` names the "
    "scan: scans[3]), a blank code (empty_code), a local time skipped or "
    "repeated by a daylight saving change (ambiguous_time), a question "
    "that is blank (empty), from somebody who is not a participant "
    "(not_registered) or one too many in a few minutes (too_many), a "
    "booth visitor whose code is not valid (unknown, tampered, revoked) or "
    "who is not registered (not_registered). A refused entry at a door is "
    "not an error: it is a recorded scan with its verdict.",
}


def _duplicate_answers(schema, created, repeated, errors):
    """201 for a new record, 200 for the one already recorded for the
    nonce."""
    answers = responses("201", schema, created, errors, ERRORS)
    answers["200"] = {
        "description": repeated,
        "content": {"application/json": {"schema": ref(schema)}},
    }
    return answers


BODY_ERRORS = ["400", "401", "403", "404", "409", "413", "415", "422"]
READ_ERRORS = ["400", "401", "403", "404"]
SCANNING = "Event scanning"
PARTICIPATION = "Event participation"
BOOTHS = "Event booths"

TAGS = [
    {
        "name": SCANNING,
        "description": "The caller's events, badge scans at their doors "
        "(online, or uploaded after working offline) and the scanner's "
        "statistics.",
    },
    {
        "name": PARTICIPATION,
        "description": "Announcements to the caller and questions on sessions.",
    },
    {
        "name": BOOTHS,
        "description": "Visits to an exhibitor's booth, scanned and read by "
        "its staff only.",
    },
]

PATHS = {
    "/events": {
        "get": {
            "operationId": "listEvents",
            "tags": [SCANNING],
            "summary": "The caller's events",
            "description": "The events where the caller holds a role (with "
            "its rooms and booth) or a confirmed registration, with their "
            "rooms. `current`: events not finished more than "
            f"{bounds.MAX_OFFLINE_HOURS} hours ago (a scanner may still "
            "upload), the earliest first; `all`: every one, the latest first.",
            "security": AUTH_REQUIRED,
            "parameters": [
                query_param(
                    "period",
                    {
                        "type": "string",
                        "enum": ["current", "all"],
                        "default": "current",
                    },
                    "Current events only, or all.",
                ),
                limit_param(bounds.MAX_EVENTS, 50, "events"),
            ],
            "responses": responses(
                "200", "EventList", "The events.", ["400", "401"], ERRORS
            ),
        }
    },
    "/events/{event_id}/scans": {
        "post": {
            "operationId": "createEventScan",
            "tags": [SCANNING],
            "summary": "Scan a badge at a door",
            "description": "Records the scan with its verdict: granted, or "
            "the reason of the refusal (a refused entry is a recorded scan, "
            "201 with granted false). Answers 200 with the scan already "
            "recorded for this nonce (a retried request). For the event's "
            "organizers, room managers and badge controllers (a controller "
            "of some rooms at those rooms only).",
            "security": AUTH_REQUIRED,
            "parameters": [EVENT_ID],
            "requestBody": json_body("EventScanCreate"),
            "responses": _duplicate_answers(
                "EventScanResult",
                "The scan recorded, with its verdict.",
                "The scan already recorded with this nonce.",
                BODY_ERRORS,
            ),
        }
    },
    "/events/{event_id}/scans/upload": {
        "post": {
            "operationId": "uploadEventScans",
            "tags": [SCANNING],
            "summary": "Upload scans made offline",
            "description": "Each scan is judged in the order the scans were "
            "made (not sent), against the log as it stood at its own moment: "
            "an exit dated before an entry counts before it. A nonce already "
            "recorded answers its scan (duplicate). All or nothing: a scan "
            "refused (422, 403, 404, 409) records none of them, and `field` "
            "names it (scans[3]).",
            "security": AUTH_REQUIRED,
            "parameters": [EVENT_ID],
            "requestBody": json_body("EventScanUpload"),
            "responses": responses(
                "200",
                "EventScanUploadResult",
                "The scans, in the order sent.",
                BODY_ERRORS,
                ERRORS,
            ),
        }
    },
    "/events/{event_id}/statistics": {
        "get": {
            "operationId": "getEventStatistics",
            "tags": [SCANNING],
            "summary": "A scanner's statistics of today",
            "description": "The caller's scans since the start of today in "
            "the event's timezone: granted, refused, distinct people, per "
            "door, with the people inside now. `all=true`: every scan of the "
            "event, for its organizers and room managers.",
            "security": AUTH_REQUIRED,
            "parameters": [
                EVENT_ID,
                query_param(
                    "all",
                    {"type": "string", "enum": ["true", "false"], "default": "false"},
                    "Every scan of the event instead of the caller's.",
                ),
            ],
            "responses": responses(
                "200",
                "EventStatistics",
                "Today's scans.",
                READ_ERRORS,
                ERRORS,
            ),
        }
    },
    "/events/{event_id}/announcements": {
        "get": {
            "operationId": "listEventAnnouncements",
            "tags": [PARTICIPATION],
            "summary": "Announcements to the caller",
            "description": "The published announcements of the event to "
            "the caller's audiences (everyone, and the audiences of the "
            "caller's roles and registration), the latest first, in the "
            "caller's language.",
            "security": AUTH_REQUIRED,
            "parameters": [
                EVENT_ID,
                limit_param(bounds.MAX_ANNOUNCEMENTS, 50, "announcements"),
            ],
            "responses": responses(
                "200",
                "EventAnnouncementList",
                "The announcements.",
                READ_ERRORS,
                ERRORS,
            ),
        }
    },
    "/events/tracks/{track_id}/questions": {
        "get": {
            "operationId": "listEventQuestions",
            "tags": [PARTICIPATION],
            "summary": "Questions asked on a session",
            "description": "For the people of its event (a registration "
            "or a role): the answered questions and the caller's own, as on "
            "the session's page; every question for the event's organizers "
            "and room managers (who answer them). Unanswered first, then the "
            "latest first.",
            "security": AUTH_REQUIRED,
            "parameters": [
                path_id("track_id", "The session."),
                query_param(
                    "state",
                    {
                        "type": "string",
                        "enum": ["answered", "unanswered", "all"],
                        "default": "all",
                    },
                    "Only answered or unanswered questions.",
                ),
                limit_param(bounds.MAX_QUESTIONS, 100, "questions"),
            ],
            "responses": responses(
                "200",
                "EventQuestionList",
                "The questions.",
                READ_ERRORS,
                ERRORS,
            ),
        },
        "post": {
            "operationId": "askEventQuestion",
            "tags": [PARTICIPATION],
            "summary": "Ask a question on a session",
            "description": "By a participant of its event (a confirmed "
            "registration or a role), a few per session within minutes; its "
            "answer appears live on the session's page.",
            "security": AUTH_REQUIRED,
            "parameters": [path_id("track_id", "The session.")],
            "requestBody": json_body("EventQuestionCreate"),
            "responses": responses(
                "201",
                "EventQuestionResult",
                "The question asked.",
                ["400", "401", "403", "404", "413", "415", "422"],
                ERRORS,
            ),
        },
    },
    "/events/booths/{sponsor_id}/visits": {
        "get": {
            "operationId": "listEventBoothVisits",
            "tags": [BOOTHS],
            "summary": "The visits of a booth",
            "description": "For the booth's staff only (404 for anyone "
            "else): its visitors' contact details and notes, the latest "
            "first, and its counts.",
            "security": AUTH_REQUIRED,
            "parameters": [
                path_id("sponsor_id", "The exhibitor's booth."),
                limit_param(bounds.MAX_VISITS, 50, "visits"),
                query_param(
                    "offset",
                    {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": bounds.MAX_OFFSET,
                        "default": 0,
                    },
                    "Skip this many visits (the next page).",
                ),
            ],
            "responses": responses(
                "200",
                "EventVisitList",
                "The visits.",
                ["400", "401", "404"],
                ERRORS,
            ),
        },
        "post": {
            "operationId": "createEventBoothVisit",
            "tags": [BOOTHS],
            "summary": "Scan a visitor at a booth",
            "description": "By the booth's staff: records the visit of a "
            "registered person, with a note. Answers 200 with the visit "
            "already recorded for this nonce (a retried request).",
            "security": AUTH_REQUIRED,
            "parameters": [path_id("sponsor_id", "The exhibitor's booth.")],
            "requestBody": json_body("EventVisitCreate"),
            "responses": _duplicate_answers(
                "EventVisitResult",
                "The visit recorded.",
                "The visit already recorded with this nonce.",
                BODY_ERRORS,
            ),
        },
    },
}

register_part(
    "coworking_event_badges",
    summary="the caller's events, badge scans at their doors (online and "
    "uploaded offline), scanner statistics, announcements, questions on "
    "sessions and visits to exhibitors' booths (mobile scanner apps).",
    paths=PATHS,
    schemas=SCHEMAS,
    tags=TAGS,
    refusal_codes=[
        "nonce_reused",
        "empty_code",
        "invalid_code",
        "scan_in_future",
        "scan_too_old",
        "ambiguous_time",
        "unknown",
        "tampered",
        "revoked",
        "not_registered",
        "empty",
        "too_long",
        "too_many",
    ],
)
