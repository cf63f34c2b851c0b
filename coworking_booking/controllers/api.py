# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""JSON API of coworking bookings, for integrators and mobile apps.

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
    check_range,
    read_body,
    read_date_bound,
    read_datetime,
    read_query,
)
from odoo.addons.coworking_base.tools.api_payloads import iso
from odoo.addons.coworking_base.tools.openapi import API_PREFIX

from ..exceptions import BookingRefused
from ..tools import api_payloads as payloads
from ..tools import slots as slot_tools

# fields of a space its payload shows
SPACE_FIELDS = [
    "name",
    "kind",
    "booking_mode",
    "capacity",
    "location_id",
    "amenity_ids",
    "booking_slot_minutes",
    "booking_min_minutes",
    "booking_max_minutes",
    "booking_buffer_minutes",
    "booking_notice_minutes",
    "booking_horizon_days",
    "rate_product_ids",
    "product_id",
    "company_id",
    "website_published",
]
# Codes of BookingRefused that mean "someone else has it".
CONFLICT_CODES = {"taken", "full"}
MAX_SLOTS_SPACES = 100


class CoworkingApi(CoworkingApiController):
    """``/coworking/api/...``: spaces, availability, free slots, and the
    bookings of the caller (create, cancel, reschedule, list)."""

    def _to_api_error(self, error):
        """A refused booking: 409 when someone else has the time or the
        seats, 422 otherwise, with every reason and the suggestions."""
        if not isinstance(error, BookingRefused):
            return super()._to_api_error(error)
        codes = [code for code, _message in error.reasons]
        conflict = bool(set(codes) & CONFLICT_CODES)
        return ApiError(
            409 if conflict else 422,
            codes[0] if len(codes) == 1 else ("conflict" if conflict else "refused"),
            str(error),
            reasons=[
                {"code": code, "message": message} for code, message in error.reasons
            ],
            suggestions=payloads.suggestions_payload(
                error.suggestions, self._is_staff()
            ),
        )

    # ------------------------------------------------------------------
    # Records visible to the caller
    # ------------------------------------------------------------------

    def _space_domain(self):
        """Spaces the caller may book: bookable; customers: published."""
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
        """The bookable equipment of the caller's companies, else 404."""
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
        """GET the spaces offered to the caller."""
        self._authenticate(required=False)
        return self._serve(self._list_spaces, params)

    def _list_spaces(self, params):
        """The spaces offered to the caller: the same list for every caller
        with the same rights and language (and customer, for their prices),
        so it is built once a minute at most, and again as soon as a space, a
        location or a price changes."""
        params = read_query("/spaces", "get", params)
        user = request.env.user
        partner = None if user._is_public() else user.partner_id
        key = (
            "api_spaces",
            tuple(sorted(params.items())),
            self._is_staff(),
            tuple(request.env.companies.ids),
            request.env.lang,
            partner.id if partner else None,
            # at most a minute old: prices follow pricelist rules that start
            # later and the customer's membership, which clear no cache
            fields.Datetime.now().replace(second=0, microsecond=0),
        )
        return request.env["coworking.space"]._coworking_cached(
            key, lambda: self._build_spaces(params, partner)
        )

    def _build_spaces(self, params, partner):
        """The list of spaces for these parameters, with their rates."""
        domain = self._space_domain()
        if "location_id" in params:
            domain.append(("location_id", "=", params["location_id"]))
        if "kind" in params:
            domain.append(("kind", "=", params["kind"]))
        if "people" in params:
            domain.append(("capacity", ">=", params["people"]))
        # the fields shown, in one query; of the records they point to
        # (products, companies: wide tables), only the fields shown
        spaces = (
            request.env["coworking.space"]
            .with_context(prefetch_fields=False)
            .search_fetch(domain, SPACE_FIELDS)
            .sudo()
        )
        rates = spaces._get_rate_summaries(partner=partner)
        return {
            "spaces": [payloads.space_payload(space, rates[space]) for space in spaces]
        }

    @http.route(
        f"{API_PREFIX}/room/availability",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def api_room_availability(self, **params):
        """GET whether a space can be booked at a time, why not, and its price."""
        self._authenticate(required=False)
        return self._serve(self._availability, params)

    def _availability(self, params):
        """The availability of one space for a time range, with suggestions."""
        params = read_query("/room/availability", "get", params)
        space = self._get_space(params["space_id"])
        tz = pytz.timezone(space.location_id.tz)
        start = read_datetime("start", params["start"], tz)
        stop = read_datetime("stop", params["stop"], tz)
        check_range(start, stop)
        seats = params["seats"]
        Booking = request.env["coworking.booking"]
        staff = self._is_staff()
        customer = (
            None if request.env.user._is_public() else request.env.user.partner_id
        )
        reasons = Booking._request_refusals(
            space, start, stop, seats, staff=staff, partner=customer
        )
        pooled = space.booking_mode == "pooled"
        seats_left = None
        if pooled:
            blocked_stop = stop + timedelta(minutes=space.booking_buffer_minutes)
            busy = space._busy_periods(start, blocked_stop)
            load = slot_tools.peak_load(busy[space.resource_id.id], start, blocked_stop)
            seats_left = max(space.capacity - load, 0)
        result = {
            "space_id": space.id,
            "start": iso(start),
            "stop": iso(stop),
            "start_local": iso(start, tz),
            "stop_local": iso(stop, tz),
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
            result["suggestions"] = payloads.suggestions_payload(
                Booking.with_context(coworking_booking_staff=staff)._suggest(
                    space, start, stop, seats
                ),
                staff,
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
        """GET the free slots of one space or of several spaces."""
        self._authenticate(required=False)
        return self._serve(self._slots, params)

    def _slots(self, params):
        """The free slots of a duration between two days (31 at most)."""
        params = read_query("/room/slots", "get", params)
        if "space_id" in params:
            spaces = self._get_space(params["space_id"])
        else:
            # the spaces of a location and/or kind; every bookable one
            # without either (at most MAX_SLOTS_SPACES)
            domain = self._space_domain()
            if "location_id" in params:
                domain.append(("location_id", "=", params["location_id"]))
            if "kind" in params:
                domain.append(("kind", "=", params["kind"]))
            spaces = (
                request.env["coworking.space"]
                .search(domain, limit=MAX_SLOTS_SPACES)
                .sudo()
            )
        duration, seats = params["duration"], params["seats"]
        tz = pytz.timezone(spaces[:1].location_id.tz or request.env.user.tz or "UTC")
        date_from = read_date_bound("date_from", params["date_from"], tz)
        date_to = read_date_bound(
            "date_to", params.get("date_to") or params["date_from"], tz, end=True
        )
        check_range(date_from, date_to, field="date_to")
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
                    "location": payloads.location_payload(space.location_id),
                    "slots": [
                        payloads.slot_payload(start, stop, left, space_tz, pooled)
                        for start, stop, left in free.get(space, [])
                    ],
                }
            )
        return {
            "date_from": iso(date_from),
            "date_to": iso(date_to),
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
        """GET the caller's bookings, a page at a time."""
        self._authenticate()
        return self._serve(self._list_bookings, params)

    def _list_bookings(self, params):
        """A page of the caller's bookings (staff: their companies')."""
        params = read_query("/bookings", "get", params)
        Booking = request.env["coworking.booking"]
        domain = [("parent_id", "=", False)]
        if not self._is_staff():
            partner = request.env.user.partner_id.commercial_partner_id
            domain.append(("partner_id", "child_of", partner.id))
        if "state" in params:
            domain.append(("state", "=", params["state"]))
        tz = pytz.timezone(request.env.user.tz or "UTC")
        if "date_from" in params:
            date_from = read_date_bound("date_from", params["date_from"], tz)
            domain.append(("stop", ">", date_from))
        if "date_to" in params:
            date_to = read_date_bound("date_to", params["date_to"], tz, end=True)
            domain.append(("start", "<", date_to))
        # the list is paged (limit): a range of any length costs one page
        limit, offset = params["limit"], params["offset"]
        total = Booking.search_count(domain)
        bookings = Booking.search(domain, limit=limit, offset=offset, order="start, id")
        return {
            "total": total,
            "limit": limit,
            "offset": offset,
            "bookings": [payloads.booking_payload(booking) for booking in bookings],
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
        """POST a new booking of a space or a piece of equipment."""
        self._authenticate()
        return self._serve(self._create_booking, params, status=201)

    def _create_booking(self, params):
        """Book for the caller (or, staff, for a customer)."""
        body = read_body(
            "BookingCreate",
            combination=request.env._(
                "Give either space_id (with equipment_ids if any) or equipment_id."
            ),
        )
        read_query("/booking/create", "post", params)
        if "space_id" in body:
            target = self._get_space(body["space_id"])
        else:
            target = self._get_equipment([body["equipment_id"]], field="equipment_id")
        tz = pytz.timezone(target.location_id.tz)
        start = read_datetime("start", body["start"], tz)
        stop = read_datetime("stop", body["stop"], tz)
        equipment_ids = body.get("equipment_ids")
        equipment = (
            self._get_equipment(equipment_ids, location=target.location_id)
            if equipment_ids
            else request.env["coworking.equipment"]
        )
        note = (body.get("note") or "").strip() or None
        partner = request.env.user.partner_id
        if "partner_id" in body:
            partner_id = body["partner_id"]
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
            seats=body.get("seats", 1),
            equipment=equipment,
            note=note,
        )
        return {"booking": payloads.booking_payload(booking)}

    @http.route(
        f"{API_PREFIX}/booking/cancel",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def api_booking_cancel(self, **params):
        """POST the cancellation of a booking."""
        self._authenticate()
        return self._serve(self._cancel_booking, params)

    def _cancel_booking(self, params):
        """Cancel under the location's policy (fee after the deadline)."""
        body = read_body("BookingCancel")
        read_query("/booking/cancel", "post", params)
        booking = self._get_booking(body["booking_id"])
        reason = (body.get("reason") or "").strip() or None
        booking._action_cancel_with_policy(reason)
        return {"booking": payloads.booking_payload(booking)}

    @http.route(
        f"{API_PREFIX}/booking/reschedule",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def api_booking_reschedule(self, **params):
        """POST a new time for a booking."""
        self._authenticate()
        return self._serve(self._reschedule_booking, params)

    def _reschedule_booking(self, params):
        """Move a booking, under the same checks as a new one."""
        body = read_body("BookingReschedule")
        read_query("/booking/reschedule", "post", params)
        booking = self._get_booking(body["booking_id"])
        tz = pytz.timezone(booking.tz or "UTC")
        start = read_datetime("start", body["start"], tz)
        stop = read_datetime("stop", body["stop"], tz) if "stop" in body else None
        booking._action_reschedule(start, stop)
        return {"booking": payloads.booking_payload(booking)}
