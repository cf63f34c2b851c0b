# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the suite's JSON APIs read, checked against their OpenAPI document.

The document (``openapi.py``: the parts the addons register) is the one
source of what a request may hold: the query parameters of an operation and
the JSON bodies are validated with its own schemas (JSON Schema 2020-12,
written out whole: no ``$ref``) before any work, so the document never
promises more or less than the server accepts. What a schema cannot say (a
range longer than allowed, a local time skipped by a daylight saving change)
is refused after it with 422.

Every refusal is an :class:`ApiError`: an HTTP exception with a JSON body, so
Odoo rolls the transaction back and answers the client in JSON.
"""

import functools
import json
import re
from datetime import date, datetime, time, timedelta

import jsonschema
import pytz
from werkzeug.exceptions import HTTPException

from odoo.http import request

from . import bounds
from .openapi import find_operation, find_schema

MAX_BODY_BYTES = 64 * 1024
QUERY_INTEGER = re.compile(r"^-?[0-9]{1,20}$")


class ApiError(HTTPException):
    """An HTTP error with a JSON body: ``{"error": {...}}``."""

    def __init__(self, status, code, message, **details):
        super().__init__(description=message)
        self.code = status
        self.payload = {
            "error": {"status": status, "code": code, "message": message, **details}
        }

    def get_response(self, environ=None, scope=None):
        headers = [("Cache-Control", "no-store")]
        if self.code == 401:
            headers.append(("WWW-Authenticate", 'Bearer realm="coworking"'))
        return request.make_json_response(
            self.payload, headers=headers, status=self.code
        )


def bad_field(name, message):
    return ApiError(
        400,
        "invalid_field",
        request.env._("%(field)s: %(problem)s", field=name, problem=message),
        field=name,
    )


def missing_fields(names):
    return ApiError(
        400,
        "missing_field",
        request.env._("Missing field(s): %(fields)s.", fields=", ".join(names)),
        fields=list(names),
    )


def unprocessable(name, code, message):
    """A well-formed request the server cannot serve (422)."""
    return ApiError(
        422,
        code,
        request.env._("%(field)s: %(problem)s", field=name, problem=message),
        field=name,
    )


# ----------------------------------------------------------------------
# Validation with the document's schemas
# ----------------------------------------------------------------------


def _validator(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@functools.cache
def _body_validator(schema_name):
    return _validator(find_schema(schema_name))


@functools.cache
def _query_schema(path, method):
    """The query parameters of an operation as one object schema."""
    parameters = find_operation(path, method).get("parameters", [])
    schema = {
        "type": "object",
        "properties": {param["name"]: param["schema"] for param in parameters},
        "required": [param["name"] for param in parameters if param["required"]],
        "additionalProperties": False,
    }
    return schema, _validator(schema)


def _problem(error):
    """A person's wording of a failed keyword of a field's schema."""
    _ = request.env._
    keyword, value = error.validator, error.validator_value
    if keyword == "type":
        types = value if isinstance(value, list) else [value]
        if "integer" in types:
            return _("a whole number is expected.")
        if "array" in types:
            return _("a list is expected.")
        return _("a string is expected.")
    if keyword == "minimum":
        return _("at least %(minimum)s.", minimum=value)
    if keyword == "maximum":
        return _("at most %(maximum)s.", maximum=value)
    if keyword == "enum":
        return _("one of %(values)s.", values=", ".join(map(str, value)))
    if keyword == "maxLength":
        return _("at most %(limit)s characters.", limit=value)
    if keyword == "maxItems":
        return _("at most %(limit)s items.", limit=value)
    years = {"first": bounds.MIN_YEAR, "last": bounds.MAX_YEAR}
    if keyword == "pattern" and value == bounds.DATETIME_PATTERN:
        return _(
            "an ISO 8601 date-time between the years %(first)s and %(last)s is "
            "expected, e.g. 2026-12-01T10:00:00+01:00.",
            **years,
        )
    if keyword == "pattern" and value == bounds.DATE_OR_DATETIME_PATTERN:
        return _(
            "a date (2026-12-01) or an ISO 8601 date-time between the years "
            "%(first)s and %(last)s is expected.",
            **years,
        )
    if keyword == "pattern" and value == bounds.TEXT_PATTERN:
        return _("NUL characters are not allowed.")
    return _("not valid (%(rule)s).", rule=keyword)


def _check(validator, schema, instance, unknown_code, combination=None):
    """Raise the first problem of ``instance``: unknown names, then missing
    ones, then a combination the schema refuses, then the first field."""
    errors = list(validator.iter_errors(instance))
    if not errors:
        return
    _ = request.env._
    top = [error for error in errors if not error.absolute_path]
    for error in top:
        if error.validator == "type":
            raise ApiError(400, "malformed_json", _("The body must be a JSON object."))
    unknown = sorted(set(instance) - set(schema.get("properties", {})))
    if unknown:
        raise ApiError(
            400,
            unknown_code,
            _("Unknown parameter(s): %(names)s.", names=", ".join(unknown))
            if unknown_code == "unknown_parameter"
            else _("Unknown field(s): %(fields)s.", fields=", ".join(unknown)),
            fields=unknown,
        )
    missing = [name for name in schema.get("required", []) if name not in instance]
    if missing:
        raise missing_fields(missing)
    for error in top:
        # a combination of fields (oneOf) the schema refuses
        names = schema.get("x-combination-fields", [])
        if not any(name in instance for name in names):
            raise missing_fields(names)
        raise ApiError(400, "invalid_field", combination or error.message, fields=names)
    error = min(errors, key=lambda error: [str(part) for part in error.absolute_path])
    raise bad_field(str(error.absolute_path[0]), _problem(error))


def read_query(path, method, params):
    """The query parameters of the operation at ``path`` (relative to the
    API prefix) of any part: integers read
    from their digits, defaults filled in, everything checked by the
    document's schemas."""
    schema, validator = _query_schema(path, method)
    values = {}
    for name, value in params.items():
        kind = schema["properties"].get(name, {}).get("type")
        if kind == "integer" and isinstance(value, str) and QUERY_INTEGER.match(value):
            value = int(value)
        values[name] = value
    _check(validator, schema, values, "unknown_parameter")
    for name, subschema in schema["properties"].items():
        if name not in values and "default" in subschema:
            values[name] = subschema["default"]
    return values


def read_body(schema_name, combination=None):
    """The JSON object of a POST, checked by the document's schema
    ``schema_name`` (of any part): 415 for another content type, 413 when
    too large, 400 when malformed or not as the schema says
    (``combination``: the message when its fields are combined in a way it
    refuses)."""
    _ = request.env._
    httprequest = request.httprequest
    if httprequest.mimetype != "application/json":
        raise ApiError(
            415,
            "unsupported_media_type",
            _("Send a JSON body (Content-Type: application/json)."),
        )
    too_large = ApiError(413, "payload_too_large", _("The body is too large."))
    if (httprequest.content_length or 0) > MAX_BODY_BYTES:
        raise too_large
    raw = httprequest.get_data(cache=True)
    if len(raw) > MAX_BODY_BYTES:
        raise too_large
    try:
        body = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ApiError(
            400, "malformed_json", _("The body is not valid JSON.")
        ) from None
    schema = find_schema(schema_name)
    _check(_body_validator(schema_name), schema, body, "unknown_field", combination)
    # JSON numbers such as 409.0 are integers for the schema: make them so
    for name, subschema in schema["properties"].items():
        if name not in body:
            continue
        if subschema.get("type") == "integer":
            body[name] = int(body[name])
        elif subschema.get("items", {}).get("type") == "integer":
            body[name] = [int(item) for item in body[name]]
    return body


# ----------------------------------------------------------------------
# Dates (already checked against their pattern)
# ----------------------------------------------------------------------


def read_datetime(name, value, tz):
    """Naive UTC from an ISO 8601 date-time. Without an offset, the time is
    read in ``tz``, and refused when the clock skips or repeats it."""
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        try:
            moment = tz.localize(moment, is_dst=None)
        except (pytz.AmbiguousTimeError, pytz.NonExistentTimeError):
            raise unprocessable(
                name,
                "ambiguous_time",
                request.env._(
                    "this local time is skipped or repeated by a daylight "
                    "saving change in %(tz)s: give a UTC offset.",
                    tz=tz.zone,
                ),
            ) from None
    return moment.astimezone(pytz.utc).replace(tzinfo=None)


def read_date_bound(name, value, tz, end=False):
    """A date (its local midnight; the next midnight for ``end``) or a
    date-time, as naive UTC."""
    text = value.strip()
    if "T" not in text:
        day = date.fromisoformat(text)
        if end:
            day += timedelta(days=1)
        local = tz.localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)
    return read_datetime(name, text, tz)


def check_range(start, stop, field="stop"):
    """Refuse a range that is empty or longer than any search, before any
    work."""
    _ = request.env._
    if stop <= start:
        raise unprocessable(field, "invalid_range", _("must come after the start."))
    if stop - start > timedelta(days=bounds.MAX_RANGE_DAYS):
        raise unprocessable(
            field,
            "range_too_long",
            _("the range is at most %(days)s days.", days=bounds.MAX_RANGE_DAYS),
        )
