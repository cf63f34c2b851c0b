# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The OpenAPI 3.1 document of the suite's JSON APIs, one part per addon.

Each addon with a JSON API registers its part when Python imports it, in its
own ``tools/openapi.py``::

    register_part(
        "coworking_booking",
        summary="Spaces, availability, free slots and bookings.",
        paths=PATHS,
        schemas=SCHEMAS,
    )

:func:`build_openapi` merges the parts of the addons installed in the
database asking (one Odoo process serves databases with different addons),
into the document served at ``/coworking/api/openapi.json``. Paths are
relative to :data:`API_PREFIX`. Schema names, paths and tag names are shared
by the whole suite: a part that reuses one of another part is refused.

Its schemas are plain JSON Schema (2020-12): the server validates queries and
bodies with them (``api_input.py``) and the tests validate every answer.
The helpers below (:func:`ref`, :func:`obj`, :func:`query_param`,
:func:`responses`…) write the parts in one shape.
"""

import copy

from . import bounds

API_PREFIX = "/coworking/api"
API_VERSION = "1.2.0"
REF = "#/components/schemas/"

NULLABLE_INT = {"type": ["integer", "null"]}
DATETIME = {"type": "string", "format": "date-time"}
NULLABLE_DATETIME = {"type": ["string", "null"], "format": "date-time"}

# What requests may hold: the server validates them with these schemas
# (api_input.py), so the document says exactly what is accepted.
ID = {"type": "integer", "minimum": 1, "maximum": bounds.MAX_ID}
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

AUTH_REQUIRED = [{"bearerAuth": []}, {"sessionCookie": []}]
AUTH_OPTIONAL = [{"bearerAuth": []}, {"sessionCookie": []}, {}]

# The description of each error status; a part gives its own wording of a
# status with ``responses(..., descriptions={**ERRORS, "409": ...})``.
ERRORS = {
    "400": "Not as this document says: a missing, unknown, wrongly typed or "
    "out of bounds field or parameter.",
    "401": "No valid API key or session.",
    "403": "Not allowed for this user.",
    "404": "Unknown here (or another company's, or not the caller's).",
    "409": "Lost a race: another request took it first.",
    "413": "Body too large.",
    "415": "The body is not application/json.",
    "422": "Well formed, but refused: a range that is empty or too long, a local "
    "time skipped or repeated by a daylight saving change, or a rule.",
}
# codes of the errors answered by the machinery of every API (api_input.py,
# controllers/api.py); the parts add the codes of their rules
ERROR_CODES = (
    "invalid_field, missing_field, unknown_field, unknown_parameter, "
    "malformed_json, unsupported_media_type, payload_too_large, unauthorized, "
    "forbidden, not_found, refused, conflict"
)

# this document's own operation, after the parts' paths
DOCUMENT_PATH = "/openapi.json"


def text(limit):
    """A string of at most ``limit`` characters, without NUL."""
    return {"type": "string", "maxLength": limit, "pattern": bounds.TEXT_PATTERN}


def ref(name):
    return {"$ref": REF + name}


def obj(properties, required=None, nullable=False):
    """A closed object schema; every property required unless told."""
    return {
        "type": ["object", "null"] if nullable else "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def query_param(name, schema, description, required=False):
    return {
        "name": name,
        "in": "query",
        "required": required,
        "schema": schema,
        "description": description,
    }


def json_body(schema):
    return {
        "required": True,
        "content": {"application/json": {"schema": ref(schema)}},
    }


def responses(ok_status, ok_schema, ok_description, errors, descriptions=None):
    """The answers of an operation: ``ok_status`` with the schema
    ``ok_schema``, and an ``Error`` body for each status of ``errors``,
    described by ``descriptions`` (default :data:`ERRORS`)."""
    descriptions = descriptions or ERRORS
    answers = {
        ok_status: {
            "description": ok_description,
            "content": {"application/json": {"schema": ref(ok_schema)}},
        }
    }
    for status in errors:
        answers[status] = {
            "description": descriptions[status],
            "content": {"application/json": {"schema": ref("Error")}},
        }
    return answers


# ----------------------------------------------------------------------
# The registry of parts
# ----------------------------------------------------------------------

# module name -> its part, in the order Python imported them (dependencies
# first)
_PARTS = {}


def _names(part):
    """What a part names for the whole suite, by kind."""
    return {
        "path": set(part["paths"]),
        "schema": set(part["schemas"]),
        "tag": {tag["name"] for tag in part["tags"]},
        "error detail": set(part["error_details"]),
    }


def register_part(
    module,
    *,
    summary=None,
    paths=None,
    schemas=None,
    tags=None,
    refusal_codes=(),
    error_details=None,
):
    """Register the part of the document of the addon ``module`` (again:
    replace it).

    :param str summary: one line on what the part serves, listed in the
        document's description (parts without paths are not listed)
    :param dict paths: operations by path (relative to :data:`API_PREFIX`)
    :param dict schemas: component schemas by name
    :param list tags: tag objects (``{"name": ..., "description": ...}``)
        that the part's operations name
    :param refusal_codes: codes of the rules of the addon that can refuse a
        request (``Error.code``)
    :param dict error_details: properties the addon adds to ``Error.error``
        (e.g. the suggestions of a refused booking)
    :raise ValueError: when a path, schema name, tag name or error detail is
        another part's already
    """
    part = {
        "summary": summary,
        "paths": dict(paths or {}),
        "schemas": dict(schemas or {}),
        "tags": list(tags or []),
        "refusal_codes": list(refusal_codes),
        "error_details": dict(error_details or {}),
    }
    taken = {
        "path": {DOCUMENT_PATH},
        "schema": {"Error"},
        "tag": set(),
        "error detail": set(_error_schema([])["properties"]["error"]["properties"]),
    }
    for other_module, other in _PARTS.items():
        if other_module != module:
            for kind, names in _names(other).items():
                taken[kind] |= names
    clashes = [
        f"{kind} {name}"
        for kind, names in _names(part).items()
        for name in sorted(names & taken[kind])
    ]
    if clashes:
        raise ValueError(
            f"The API part of {module} reuses what another part names: "
            + ", ".join(clashes)
        )
    _PARTS[module] = part


def _installed_parts(env):
    """The parts of the addons loaded in ``env``'s database."""
    modules = env.registry._init_modules
    return [(module, part) for module, part in _PARTS.items() if module in modules]


def find_schema(name):
    """The schema ``name`` of whichever part registered it."""
    for part in _PARTS.values():
        if name in part["schemas"]:
            return part["schemas"][name]
    raise KeyError(name)


def find_operation(path, method):
    """The operation ``method`` at ``path`` of whichever part registered it."""
    for part in _PARTS.values():
        if path in part["paths"]:
            return part["paths"][path][method]
    raise KeyError(path)


def _error_schema(parts):
    """The error body, with the codes and details of the installed parts."""
    codes = [code for _module, part in parts for code in part["refusal_codes"]]
    rules = (
        ", or the code of the only rule refusing the request: " + ", ".join(codes)
        if codes
        else ""
    )
    details = {}
    for _module, part in parts:
        details.update(part["error_details"])
    error = obj(
        {
            "status": {"type": "integer"},
            "code": {"type": "string", "description": f"{ERROR_CODES}{rules}."},
            "message": {"type": "string"},
            "field": {"type": "string"},
            "fields": {"type": "array", "items": {"type": "string"}},
            "reasons": {"type": "array", "items": ref("Reason")},
            **details,
        },
        required=["status", "code", "message"],
    )
    return obj({"error": error})


def build_openapi(env, server_url=""):
    """The document of the parts of the addons installed in ``env``'s
    database, with the server it is served from."""
    parts = _installed_parts(env)
    paths, schemas, tags = {}, {"Error": _error_schema(parts)}, []
    for _module, part in parts:
        paths.update(part["paths"])
        schemas.update(part["schemas"])
        tags += part["tags"]
    paths[DOCUMENT_PATH] = {
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
    }
    listed = "".join(
        f"\n- `{module}`: {part['summary']}"
        for module, part in parts
        if part["paths"] and part["summary"]
    )
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "Coworking Suite API",
            "version": API_VERSION,
            "description": "The JSON APIs of the Coworking Suite (Odoo) "
            "installed on this server"
            + (f", one part per addon:\n{listed}" if listed else ".")
            + "\n\nTimes are ISO 8601: answers give UTC (`start`) and the "
            "location's local time (`start_local`). Errors answer a 4xx status "
            "and an `Error` body.",
            "license": {
                "name": "LGPL-3.0-or-later",
                "identifier": "LGPL-3.0-or-later",
            },
        },
        "servers": [{"url": f"{server_url}{API_PREFIX}"}],
        "paths": copy.deepcopy(paths),
        "components": {
            "schemas": copy.deepcopy(schemas),
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
    if tags:
        document["tags"] = copy.deepcopy(tags)
    return document


register_part(
    "coworking_base",
    schemas={
        "Reason": obj({"code": {"type": "string"}, "message": {"type": "string"}})
    },
)
