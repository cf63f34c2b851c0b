# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""JSON API of coworking bookings, for integrators and mobile apps.

Plain JSON over HTTP (not JSON-RPC): query strings for reads, JSON bodies for
writes, HTTP status codes and a JSON error body for every refusal. Callers
authenticate with an Odoo API key (``Authorization: Bearer <key>``) or with
the session of a logged-in user. The routes are described by the OpenAPI 3
document served at ``/coworking/api/openapi.json`` (``openapi.py``).

Every error is raised as an :class:`ApiError`, an HTTP exception: Odoo rolls
the transaction back, so a refused request changes nothing.
"""

import json
import re
from datetime import date, datetime, time, timedelta

import pytz
from werkzeug.exceptions import HTTPException

from odoo import http
from odoo.exceptions import (
    AccessDenied,
    AccessError,
    MissingError,
    UserError,
    ValidationError,
)
from odoo.http import request

from ..models.coworking_booking import BookingRefused
from ..tools import slots as slot_tools
from .openapi import API_PREFIX, build_openapi

# Codes of BookingRefused that mean "someone else has it".
CONFLICT_CODES = {"taken", "full"}
MAX_BODY_BYTES = 64 * 1024
MAX_RANGE_DAYS = 31
# dates the API reads: anything else is refused before any computation
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_SLOTS_SPACES = 100
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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


def _bad_field(name, message):
    return ApiError(
        400,
        "invalid_field",
        request.env._("%(field)s: %(problem)s", field=name, problem=message),
        field=name,
    )


class CoworkingApi(http.Controller):
    """``/coworking/api/...``: spaces, availability, free slots, and the
    bookings of the caller (create, cancel, reschedule, list)."""

    # ------------------------------------------------------------------
    # Plumbing: authentication, input, output
    # ------------------------------------------------------------------

    def _authenticate(self, required=True):
        """Switch the request to the user of the API key, if any; keep the
        session's user otherwise. ``required``: refuse anonymous callers."""
        header = request.httprequest.headers.get("Authorization") or ""
        match = re.match(r"^\s*bearer\s+(\S+)\s*$", header, re.IGNORECASE)
        if header and not match:
            raise ApiError(
                401, "unauthorized", request.env._("Use 'Authorization: Bearer <key>'.")
            )
        if match:
            try:
                uid = request.env["res.users.apikeys"]._check_credentials(
                    scope="rpc", key=match.group(1)
                )
            except AccessDenied:
                uid = False
            if not uid:
                raise ApiError(
                    401, "unauthorized", request.env._("Invalid or expired API key.")
                )
            if request.session.uid and request.session.uid != uid:
                raise ApiError(
                    401,
                    "unauthorized",
                    request.env._("The API key and the session are not the same user."),
                )
            request.update_env(user=uid)
            user = request.env.user
            if not user.active:
                raise ApiError(
                    401, "unauthorized", request.env._("This user is archived.")
                )
        elif required and request.env.user._is_public():
            raise ApiError(
                401,
                "unauthorized",
                request.env._(
                    "Authenticate with an API key (Authorization: Bearer <key>) "
                    "or a logged-in session."
                ),
            )
        return request.env.user

    def _is_staff(self):
        return request.env.user.has_group("coworking_base.group_coworking_user")

    def _json_body(self, allowed, required=()):
        """The JSON object of a POST, refused unless it is one: 415 for
        another content type, 413 when too large, 400 when malformed or
        with fields that are unknown or missing."""
        httprequest = request.httprequest
        if httprequest.mimetype != "application/json":
            raise ApiError(
                415,
                "unsupported_media_type",
                request.env._("Send a JSON body (Content-Type: application/json)."),
            )
        if (httprequest.content_length or 0) > MAX_BODY_BYTES:
            raise ApiError(
                413, "payload_too_large", request.env._("The body is too large.")
            )
        raw = httprequest.get_data(cache=True)
        if len(raw) > MAX_BODY_BYTES:
            raise ApiError(
                413, "payload_too_large", request.env._("The body is too large.")
            )
        try:
            body = json.loads(raw or b"null")
        except (ValueError, UnicodeDecodeError):
            raise ApiError(
                400, "malformed_json", request.env._("The body is not valid JSON.")
            ) from None
        if not isinstance(body, dict):
            raise ApiError(
                400,
                "malformed_json",
                request.env._("The body must be a JSON object."),
            )
        unknown = sorted(set(body) - set(allowed))
        if unknown:
            raise ApiError(
                400,
                "unknown_field",
                request.env._(
                    "Unknown field(s): %(fields)s.", fields=", ".join(unknown)
                ),
                fields=unknown,
            )
        missing = [name for name in required if body.get(name) in (None, "")]
        if missing:
            raise ApiError(
                400,
                "missing_field",
                request.env._(
                    "Missing field(s): %(fields)s.", fields=", ".join(missing)
                ),
                fields=missing,
            )
        return body

    def _check_query(self, params, allowed):
        unknown = sorted(set(params) - set(allowed))
        if unknown:
            raise ApiError(
                400,
                "unknown_parameter",
                request.env._(
                    "Unknown parameter(s): %(names)s.", names=", ".join(unknown)
                ),
                fields=unknown,
            )

    @staticmethod
    def _int(name, value, minimum=None, maximum=None, required=True, query=False):
        """An integer: a JSON number, or digits in a query string."""
        if value is None or value == "":
            if required:
                raise ApiError(
                    400,
                    "missing_field",
                    request.env._("Missing field(s): %(fields)s.", fields=name),
                    fields=[name],
                )
            return None
        if query and isinstance(value, str) and re.fullmatch(r"-?\d{1,9}", value):
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise _bad_field(name, request.env._("a whole number is expected."))
        if minimum is not None and value < minimum:
            raise _bad_field(
                name, request.env._("at least %(minimum)s.", minimum=minimum)
            )
        if maximum is not None and value > maximum:
            raise _bad_field(
                name, request.env._("at most %(maximum)s.", maximum=maximum)
            )
        return value

    @staticmethod
    def _int_list(name, value):
        if value is None:
            return []
        if not isinstance(value, list) or any(
            not isinstance(item, int) or isinstance(item, bool) for item in value
        ):
            raise _bad_field(name, request.env._("a list of ids is expected."))
        return value

    @staticmethod
    def _text(name, value, limit):
        if value is None:
            return None
        if not isinstance(value, str):
            raise _bad_field(name, request.env._("a string is expected."))
        value = value.strip()
        if len(value) > limit:
            raise _bad_field(
                name, request.env._("at most %(limit)s characters.", limit=limit)
            )
        return value or None

    @staticmethod
    def _datetime(name, value, tz, required=True):
        """Naive UTC from ISO 8601. Without an offset, the time is read in the
        location's timezone, and refused when the clock skips or repeats it
        (daylight saving time)."""
        if value is None or value == "":
            if required:
                raise ApiError(
                    400,
                    "missing_field",
                    request.env._("Missing field(s): %(fields)s.", fields=name),
                    fields=[name],
                )
            return None
        if not isinstance(value, str):
            raise _bad_field(name, request.env._("an ISO 8601 date-time is expected."))
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise _bad_field(
                name,
                request.env._(
                    "an ISO 8601 date-time is expected, e.g. 2026-12-01T10:00:00+01:00."
                ),
            ) from None
        if not MIN_YEAR <= moment.year <= MAX_YEAR:
            raise _bad_field(name, CoworkingApi._year_message())
        if moment.tzinfo is None:
            try:
                moment = tz.localize(moment, is_dst=None)
            except (pytz.AmbiguousTimeError, pytz.NonExistentTimeError):
                raise _bad_field(
                    name,
                    request.env._(
                        "this local time is skipped or repeated by a daylight "
                        "saving change in %(tz)s: give a UTC offset.",
                        tz=tz.zone,
                    ),
                ) from None
        return moment.astimezone(pytz.utc).replace(tzinfo=None)

    @staticmethod
    def _date_bound(name, value, tz, end=False):
        """A date (its local midnight; the next midnight for ``end``) or a
        date-time, as naive UTC."""
        if isinstance(value, str) and ISO_DATE.match(value.strip()):
            try:
                day = date.fromisoformat(value.strip())
            except ValueError:
                raise _bad_field(name, request.env._("not a valid date.")) from None
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                raise _bad_field(name, CoworkingApi._year_message())
            if end:
                day += timedelta(days=1)
            local = tz.localize(datetime.combine(day, time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)
        return CoworkingApi._datetime(name, value, tz)

    @staticmethod
    def _check_span(start, stop):
        """Refuse a time range longer than any booking before any work."""
        if stop - start > timedelta(days=MAX_RANGE_DAYS):
            raise _bad_field(
                "stop",
                request.env._(
                    "the range is at most %(days)s days.", days=MAX_RANGE_DAYS
                ),
            )

    @staticmethod
    def _year_message():
        return request.env._(
            "a date between the years %(first)s and %(last)s is expected.",
            first=MIN_YEAR,
            last=MAX_YEAR,
        )

    @staticmethod
    def _iso(value, tz=None):
        if not value:
            return None
        aware = pytz.utc.localize(value)
        if tz:
            return aware.astimezone(tz).isoformat()
        return aware.isoformat().replace("+00:00", "Z")

    def _serve(self, handler, *args, status=200, **kwargs):
        """Run ``handler`` and answer its result as JSON; turn Odoo's
        refusals into API errors (and so roll the transaction back)."""
        _ = request.env._
        try:
            result = handler(*args, **kwargs)
        except ApiError:
            raise
        except BookingRefused as refusal:
            codes = [code for code, _message in refusal.reasons]
            conflict = bool(set(codes) & CONFLICT_CODES)
            raise ApiError(
                409 if conflict else 422,
                codes[0]
                if len(codes) == 1
                else ("conflict" if conflict else "refused"),
                str(refusal),
                reasons=[
                    {"code": code, "message": message}
                    for code, message in refusal.reasons
                ],
                suggestions=self._suggestions_payload(refusal.suggestions),
            ) from None
        except MissingError as error:
            raise ApiError(404, "not_found", str(error)) from None
        except AccessError as error:
            raise ApiError(403, "forbidden", str(error)) from None
        except (UserError, ValidationError) as error:
            raise ApiError(422, "refused", str(error)) from None
        return request.make_json_response(
            result, headers=[("Cache-Control", "no-store")], status=status
        )

    # ------------------------------------------------------------------
    # Records visible to the caller
    # ------------------------------------------------------------------

    def _space_domain(self):
        domain = [("is_bookable", "=", True)]
        if not self._is_staff():
            domain.append(("website_published", "=", True))
        return domain

    def _get_space(self, space_id):
        """The space as the caller may see it (record rules: their companies;
        customers: published spaces only), else 404."""
        space = request.env["coworking.space"].search(
            [("id", "=", space_id)] + self._space_domain()
        )
        if not space:
            raise ApiError(
                404,
                "not_found",
                request.env._("No space %(id)s here.", id=space_id),
                field="space_id",
            )
        return space.sudo()

    def _get_equipment(self, equipment_ids, location=None, field="equipment_ids"):
        Equipment = request.env["coworking.equipment"]
        if not self._is_staff():
            Equipment = Equipment.sudo().with_context(
                allowed_company_ids=request.env.companies.ids
            )
        found = Equipment.search(
            [
                ("id", "in", equipment_ids),
                ("is_bookable", "=", True),
                ("company_id", "in", request.env.companies.ids),
            ]
        )
        if location:
            found = found.filtered(lambda item: item.location_id == location)
        missing = sorted(set(equipment_ids) - set(found.ids))
        if missing:
            raise ApiError(
                404,
                "not_found",
                request.env._(
                    "No bookable equipment %(ids)s here.",
                    ids=", ".join(map(str, missing)),
                ),
                field=field,
            )
        return found.sudo()

    def _get_booking(self, booking_id):
        """The caller's booking: read access checked as the caller (portal:
        their own), else 404 without telling whether it exists."""
        booking = request.env["coworking.booking"].browse(booking_id)
        if not (booking.exists() and booking.has_access("read")):
            raise ApiError(
                404,
                "not_found",
                request.env._("No booking %(id)s here.", id=booking_id),
                field="booking_id",
            )
        if self._is_staff():
            return booking
        # customers change their bookings under the customer's rules
        return booking.sudo().with_context(coworking_booking_staff=False)

    # ------------------------------------------------------------------
    # Payloads
    # ------------------------------------------------------------------

    def _rules_payload(self, target):
        return {
            "slot_minutes": target.booking_slot_minutes,
            "min_minutes": target.booking_min_minutes,
            "max_minutes": target.booking_max_minutes,
            "buffer_minutes": target.booking_buffer_minutes,
            "notice_minutes": target.booking_notice_minutes,
            "horizon_days": target.booking_horizon_days,
        }

    def _space_payload(self, space):
        partner = request.env.user.partner_id
        partner = partner if not request.env.user._is_public() else None
        return {
            "id": space.id,
            "name": space.name,
            "kind": space.kind,
            "booking_mode": space.booking_mode,
            "capacity": space.capacity,
            "location": self._location_payload(space.location_id),
            "amenities": space.amenity_ids.mapped("name"),
            "rules": self._rules_payload(space),
            "rates": [
                {"product": product.name, "hours": hours, "price": price}
                for product, hours, price in space._get_rate_summary(partner=partner)
            ],
            "currency": space.company_id.currency_id.name,
            "url": space.website_url if space.website_published else None,
        }

    @staticmethod
    def _location_payload(location):
        return {"id": location.id, "name": location.name, "tz": location.tz}

    def _slot_payload(self, start, stop, left, tz, pooled):
        return {
            "start": self._iso(start),
            "stop": self._iso(stop),
            "start_local": self._iso(start, tz),
            "stop_local": self._iso(stop, tz),
            "seats_left": left if pooled else None,
        }

    def _suggestions_payload(self, suggestions):
        suggestions = suggestions or {}
        slots = []
        for start, stop, _left in suggestions.get("slots", []):
            slots.append({"start": self._iso(start), "stop": self._iso(stop)})
        staff = self._is_staff()
        spaces = [
            {"id": space.id, "name": space.name}
            for space in suggestions.get("spaces", [])
            # customers are only pointed to spaces offered to them
            if staff or space.sudo().website_published
        ]
        return {"slots": slots, "spaces": spaces}

    def _booking_payload(self, booking):
        booking = booking.sudo()
        tz = pytz.timezone(booking.tz or "UTC")
        payload = {
            "id": booking.id,
            "reference": booking.name,
            "state": booking.state,
            "space": {"id": booking.space_id.id, "name": booking.space_id.name}
            if booking.space_id
            else None,
            "equipment": {
                "id": booking.equipment_id.id,
                "name": booking.equipment_id.name,
            }
            if booking.equipment_id
            else None,
            "location": self._location_payload(booking.location_id),
            "start": self._iso(booking.start),
            "stop": self._iso(booking.stop),
            "start_local": self._iso(booking.start, tz),
            "stop_local": self._iso(booking.stop, tz),
            "seats": booking.seats,
            "price": booking.price,
            "currency": booking.currency_id.name,
            "payment_state": booking.payment_state,
            "hold_until": self._iso(booking.hold_until),
            "cancel_fee": booking.cancel_fee,
            "portal_url": booking.get_base_url() + booking.get_portal_url(),
            "added_equipment": [
                {
                    "id": child.id,
                    "reference": child.name,
                    "equipment": {
                        "id": child.equipment_id.id,
                        "name": child.equipment_id.name,
                    },
                    "state": child.state,
                    "price": child.price,
                }
                for child in booking.child_ids
            ],
        }
        return payload

    # ------------------------------------------------------------------
    # Documentation
    # ------------------------------------------------------------------

    @http.route(
        f"{API_PREFIX}/openapi.json",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def api_openapi(self, **kwargs):
        document = build_openapi(request.httprequest.host_url.rstrip("/"))
        return request.make_json_response(document)

    # ------------------------------------------------------------------
    # Spaces, availability, slots
    # ------------------------------------------------------------------

    @http.route(
        f"{API_PREFIX}/spaces",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def api_spaces(self, **params):
        self._authenticate(required=False)
        return self._serve(self._list_spaces, params)

    def _list_spaces(self, params):
        self._check_query(params, {"location_id", "kind", "people"})
        domain = self._space_domain()
        location_id = self._int(
            "location_id", params.get("location_id"), 1, required=False, query=True
        )
        if location_id:
            domain.append(("location_id", "=", location_id))
        kind = params.get("kind")
        kinds = dict(request.env["coworking.space"]._fields["kind"].selection)
        if kind:
            if kind not in kinds:
                raise _bad_field(
                    "kind",
                    request.env._("one of %(kinds)s.", kinds=", ".join(kinds)),
                )
            domain.append(("kind", "=", kind))
        people = self._int(
            "people", params.get("people"), 1, required=False, query=True
        )
        if people:
            domain.append(("capacity", ">=", people))
        spaces = request.env["coworking.space"].search(domain).sudo()
        return {"spaces": [self._space_payload(space) for space in spaces]}

    @http.route(
        f"{API_PREFIX}/room/availability",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def api_room_availability(self, **params):
        self._authenticate(required=False)
        return self._serve(self._availability, params)

    def _availability(self, params):
        self._check_query(params, {"space_id", "start", "stop", "seats"})
        space = self._get_space(
            self._int("space_id", params.get("space_id"), 1, query=True)
        )
        tz = pytz.timezone(space.location_id.tz)
        start = self._datetime("start", params.get("start"), tz)
        stop = self._datetime("stop", params.get("stop"), tz)
        self._check_span(start, stop)
        seats = self._int("seats", params.get("seats") or 1, 1, 10000, query=True)
        Booking = request.env["coworking.booking"]
        staff = self._is_staff()
        customer = (
            None if request.env.user._is_public() else request.env.user.partner_id
        )
        reasons = Booking._check_request(
            space, start, stop, seats, staff=staff, partner=customer
        )
        pooled = space.booking_mode == "pooled"
        seats_left = None
        if pooled and stop > start and stop - start <= timedelta(days=MAX_RANGE_DAYS):
            blocked_stop = stop + timedelta(minutes=space.booking_buffer_minutes)
            busy = Booking._busy_periods(space, start, blocked_stop)
            load = slot_tools.peak_load(busy[space.resource_id.id], start, blocked_stop)
            seats_left = max(space.capacity - load, 0)
        result = {
            "space_id": space.id,
            "start": self._iso(start),
            "stop": self._iso(stop),
            "start_local": self._iso(start, tz),
            "stop_local": self._iso(stop, tz),
            "seats": seats,
            "available": not reasons,
            "seats_left": seats_left,
            "reasons": [
                {"code": code, "message": message} for code, message in reasons
            ],
            "suggestions": {"slots": [], "spaces": []},
            "price": None,
        }
        codes = {code for code, _message in reasons}
        # nothing is searched or priced for a malformed or unbounded request
        malformed = bool(codes & {"invalid", "not_bookable"})
        if reasons and not malformed:
            result["suggestions"] = self._suggestions_payload(
                Booking.with_context(coworking_booking_staff=staff)._suggest(
                    space, start, stop, seats
                )
            )
        if not malformed:
            partner = (
                None if request.env.user._is_public() else request.env.user.partner_id
            )
            lines, total = Booking.sudo()._compute_price_lines(
                space, start, stop, seats, partner
            )
            result["price"] = {
                "amount": total,
                "currency": space.company_id.currency_id.name,
                "lines": [
                    {"product": product.name, "quantity": quantity, "unit_price": unit}
                    for product, quantity, unit in lines
                ],
            }
        return result

    @http.route(
        f"{API_PREFIX}/room/slots",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def api_room_slots(self, **params):
        self._authenticate(required=False)
        return self._serve(self._slots, params)

    def _slots(self, params):
        self._check_query(
            params,
            {
                "space_id",
                "location_id",
                "kind",
                "date_from",
                "date_to",
                "duration",
                "seats",
            },
        )
        Space = request.env["coworking.space"]
        space_id = self._int(
            "space_id", params.get("space_id"), 1, required=False, query=True
        )
        if space_id:
            spaces = self._get_space(space_id)
        else:
            domain = self._space_domain()
            location_id = self._int(
                "location_id", params.get("location_id"), 1, required=False, query=True
            )
            kind = params.get("kind")
            if not location_id and not kind:
                raise ApiError(
                    400,
                    "missing_field",
                    request.env._("Give space_id, or location_id and/or kind."),
                    fields=["space_id", "location_id", "kind"],
                )
            if location_id:
                domain.append(("location_id", "=", location_id))
            if kind:
                if kind not in dict(Space._fields["kind"].selection):
                    raise _bad_field("kind", request.env._("unknown kind of space."))
                domain.append(("kind", "=", kind))
            spaces = Space.search(domain, limit=MAX_SLOTS_SPACES).sudo()
        duration = self._int(
            "duration", params.get("duration") or 60, 1, 24 * 60, query=True
        )
        seats = self._int("seats", params.get("seats") or 1, 1, 10000, query=True)
        tz = pytz.timezone(spaces[:1].location_id.tz or request.env.user.tz or "UTC")
        date_from = self._date_bound("date_from", params.get("date_from"), tz)
        date_to = self._date_bound(
            "date_to", params.get("date_to") or params.get("date_from"), tz, end=True
        )
        if date_to <= date_from:
            raise _bad_field("date_to", request.env._("must come after date_from."))
        if date_to - date_from > timedelta(days=MAX_RANGE_DAYS):
            raise _bad_field(
                "date_to",
                request.env._(
                    "the range is at most %(days)s days.", days=MAX_RANGE_DAYS
                ),
            )
        free = request.env["coworking.booking"]._get_free_slots(
            spaces,
            date_from,
            date_to,
            timedelta(minutes=duration),
            seats=seats,
            staff=self._is_staff(),
        )
        result = []
        for space in spaces:
            space_tz = pytz.timezone(space.location_id.tz)
            pooled = space.booking_mode == "pooled"
            result.append(
                {
                    "space_id": space.id,
                    "name": space.name,
                    "location": self._location_payload(space.location_id),
                    "slots": [
                        self._slot_payload(start, stop, left, space_tz, pooled)
                        for start, stop, left in free.get(space, [])
                    ],
                }
            )
        return {
            "date_from": self._iso(date_from),
            "date_to": self._iso(date_to),
            "duration": duration,
            "seats": seats,
            "spaces": result,
        }

    # ------------------------------------------------------------------
    # Bookings
    # ------------------------------------------------------------------

    @http.route(
        f"{API_PREFIX}/bookings",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def api_bookings(self, **params):
        self._authenticate()
        return self._serve(self._list_bookings, params)

    def _list_bookings(self, params):
        self._check_query(params, {"state", "date_from", "date_to", "limit", "offset"})
        Booking = request.env["coworking.booking"]
        domain = [("parent_id", "=", False)]
        if not self._is_staff():
            partner = request.env.user.partner_id.commercial_partner_id
            domain.append(("partner_id", "child_of", partner.id))
        state = params.get("state")
        if state:
            states = dict(Booking._fields["state"].selection)
            if state not in states:
                raise _bad_field(
                    "state",
                    request.env._("one of %(states)s.", states=", ".join(states)),
                )
            domain.append(("state", "=", state))
        tz = pytz.timezone(request.env.user.tz or "UTC")
        if params.get("date_from"):
            domain.append(
                ("stop", ">", self._date_bound("date_from", params["date_from"], tz))
            )
        if params.get("date_to"):
            domain.append(
                (
                    "start",
                    "<",
                    self._date_bound("date_to", params["date_to"], tz, end=True),
                )
            )
        limit = self._int("limit", params.get("limit") or 50, 1, 200, query=True)
        offset = self._int("offset", params.get("offset") or 0, 0, query=True)
        total = Booking.search_count(domain)
        bookings = Booking.search(domain, limit=limit, offset=offset, order="start, id")
        return {
            "total": total,
            "limit": limit,
            "offset": offset,
            "bookings": [self._booking_payload(booking) for booking in bookings],
        }

    @http.route(
        f"{API_PREFIX}/booking/create",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def api_booking_create(self, **params):
        self._authenticate()
        return self._serve(self._create_booking, params, status=201)

    def _create_booking(self, params):
        body = self._json_body(
            {
                "space_id",
                "equipment_id",
                "start",
                "stop",
                "seats",
                "equipment_ids",
                "note",
                "partner_id",
            },
            required=("start", "stop"),
        )
        self._check_query(params, set())
        has_space = body.get("space_id") is not None
        has_equipment = body.get("equipment_id") is not None
        if has_space == has_equipment:
            raise ApiError(
                400,
                "missing_field",
                request.env._("Give either space_id or equipment_id."),
                fields=["space_id", "equipment_id"],
            )
        if has_space:
            target = self._get_space(self._int("space_id", body["space_id"], 1))
        else:
            equipment_id = self._int("equipment_id", body["equipment_id"], 1)
            target = self._get_equipment([equipment_id], field="equipment_id")
        tz = pytz.timezone(target.location_id.tz)
        start = self._datetime("start", body.get("start"), tz)
        stop = self._datetime("stop", body.get("stop"), tz)
        seats = self._int("seats", body["seats"] if "seats" in body else 1, 1, 10000)
        equipment_ids = self._int_list("equipment_ids", body.get("equipment_ids"))
        if equipment_ids and not has_space:
            raise _bad_field(
                "equipment_ids", request.env._("equipment is added to a space booking.")
            )
        equipment = (
            self._get_equipment(equipment_ids, location=target.location_id)
            if equipment_ids
            else request.env["coworking.equipment"]
        )
        note = self._text("note", body.get("note"), 1000)
        partner = request.env.user.partner_id
        if body.get("partner_id") is not None:
            partner_id = self._int("partner_id", body["partner_id"], 1)
            if partner_id != partner.id:
                if not self._is_staff():
                    raise ApiError(
                        403,
                        "forbidden",
                        request.env._("You can only book for yourself."),
                        field="partner_id",
                    )
                partner = request.env["res.partner"].search([("id", "=", partner_id)])
                if not partner:
                    raise ApiError(
                        404,
                        "not_found",
                        request.env._("No customer %(id)s here.", id=partner_id),
                        field="partner_id",
                    )
        booking = request.env["coworking.booking"]._book(
            target.with_env(request.env),
            start,
            stop,
            partner,
            seats=seats,
            equipment=equipment,
            note=note,
        )
        return {"booking": self._booking_payload(booking)}

    @http.route(
        f"{API_PREFIX}/booking/cancel",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def api_booking_cancel(self, **params):
        self._authenticate()
        return self._serve(self._cancel_booking, params)

    def _cancel_booking(self, params):
        body = self._json_body({"booking_id", "reason"}, required=("booking_id",))
        self._check_query(params, set())
        booking = self._get_booking(self._int("booking_id", body["booking_id"], 1))
        reason = self._text("reason", body.get("reason"), 200)
        if booking.parent_id:
            raise UserError(
                request.env._(
                    "This equipment goes with booking %(name)s: cancel the room "
                    "booking instead.",
                    name=booking.parent_id.name,
                )
            )
        booking._action_cancel_with_policy(reason)
        return {"booking": self._booking_payload(booking)}

    @http.route(
        f"{API_PREFIX}/booking/reschedule",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def api_booking_reschedule(self, **params):
        self._authenticate()
        return self._serve(self._reschedule_booking, params)

    def _reschedule_booking(self, params):
        body = self._json_body(
            {"booking_id", "start", "stop"}, required=("booking_id", "start")
        )
        self._check_query(params, set())
        booking = self._get_booking(self._int("booking_id", body["booking_id"], 1))
        if booking.parent_id:
            raise UserError(
                request.env._(
                    "This equipment goes with booking %(name)s: move the room "
                    "booking instead.",
                    name=booking.parent_id.name,
                )
            )
        tz = pytz.timezone(booking.tz or "UTC")
        start = self._datetime("start", body.get("start"), tz)
        stop = self._datetime("stop", body.get("stop"), tz, required=False)
        booking._action_reschedule(start, stop)
        return {"booking": self._booking_payload(booking)}
