# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""JSON API of the events, for a mobile scanner app: the caller's events,
badge scans at doors (online, and uploaded after working offline), the
scanner's statistics, announcements, questions on sessions and visits to
an exhibitor's booth.

Its routes follow the suite's conventions (``coworking_base/controllers/
api.py``: authentication, JSON answers and errors); they are described by
this addon's part of the OpenAPI document (``tools/openapi.py``) served at
``/coworking/api/openapi.json``. Ids in the path are read and checked like
query parameters, with the document's schemas.

Every route needs an API key or a session: what the caller may do follows
their part in the event (``coworking.event.role``, a confirmed
registration). A refused entry at a door is not an error: it is a recorded
scan with its verdict.
"""

import psycopg2

from odoo import fields, http
from odoo.http import request

from odoo.addons.coworking_base.controllers.api import CoworkingApiController
from odoo.addons.coworking_base.tools.api_input import (
    ApiError,
    read_body,
    read_datetime,
    read_query,
)
from odoo.addons.coworking_base.tools.openapi import API_PREFIX

from ..exceptions import EventRefused, ScanRefused
from ..models.coworking_event_api import MANAGER_GROUP
from ..tools import api_payloads as payloads

# tries of a scan whose snapshot PostgreSQL refused, before Odoo's own retry
QUICK_RETRIES = 3
# codes of the addon's refusals answered with another status than 422
REFUSAL_STATUSES = {"forbidden": 403, "not_found": 404}
# the unique constraint of the booth visits' nonces
VISIT_NONCE_CONSTRAINT = "coworking_event_lead_nonce_uniq"
# roles that read the statistics of every scanner of their event, and
# every question asked on its sessions (they answer them)
RUNNING_ROLES = ("organizer", "room_manager")
ROUTE = {
    "type": "http",
    "auth": "public",
    "csrf": False,
    "save_session": False,
}


class CoworkingEventBadgesApi(CoworkingApiController):
    """``/coworking/api/events/...``: a scanner app's events, scans,
    statistics, announcements, questions and booth visits."""

    def _to_api_error(self, error):
        """A request the event addon refuses (a scan that cannot be
        evaluated, a question that cannot be asked): 403 when the caller has
        no right there, 404 for an unknown event, 422 with its code
        otherwise."""
        if not isinstance(error, EventRefused):
            return super()._to_api_error(error)
        return ApiError(REFUSAL_STATUSES.get(error.code, 422), error.code, str(error))

    # ------------------------------------------------------------------
    # Records of the path, as superuser once found in the caller's
    # companies (the caller's part in them is checked by each route)
    # ------------------------------------------------------------------

    def _event_badges_found(self, record, company):
        """Whether ``record`` exists, is active, and belongs to the caller's
        companies (or to none)."""
        return bool(
            record
            and record.active
            and (not company or company in request.env.companies)
        )

    def _event_badges_not_found(self, field, message):
        return ApiError(404, "not_found", message, field=field)

    def _event_badges_get_event(self, event_id):
        event = request.env["event.event"].sudo().browse(event_id).exists()
        if not self._event_badges_found(event, event.company_id):
            raise self._event_badges_not_found(
                "event_id", request.env._("No event %(id)s here.", id=event_id)
            )
        return event

    def _event_badges_get_track(self, track_id):
        track = request.env["event.track"].sudo().browse(track_id).exists()
        if not self._event_badges_found(track, track.event_id.company_id):
            raise self._event_badges_not_found(
                "track_id", request.env._("No session %(id)s here.", id=track_id)
            )
        return track

    def _event_badges_get_booth(self, sponsor_id):
        sponsor = request.env["event.sponsor"].sudo().browse(sponsor_id).exists()
        if not self._event_badges_found(sponsor, sponsor.event_id.company_id):
            raise self._event_badges_not_found(
                "sponsor_id", request.env._("No booth %(id)s here.", id=sponsor_id)
            )
        return sponsor

    def _event_badges_get_rooms(self, room_ids, fields_by_id):
        """``{id: room}`` of ``room_ids`` (None: the entrance); 404 naming
        the field of the first unknown one (``fields_by_id``)."""
        Location = request.env["event.track.location"].sudo()
        wanted = {room_id for room_id in room_ids if room_id}
        found = Location.browse(sorted(wanted)).exists()
        rooms = {None: Location}
        rooms.update({room.id: room for room in found})
        for room_id in room_ids:
            if room_id not in rooms:
                raise self._event_badges_not_found(
                    fields_by_id[room_id],
                    request.env._("No room %(id)s here.", id=room_id),
                )
        return rooms

    def _event_badges_forbidden(self, message):
        return ApiError(403, "forbidden", message)

    def _event_badges_ensure_participant(self, track):
        """The caller takes part in the event of ``track`` (a role or a
        confirmed registration) or is a coworking administrator; 403
        otherwise."""
        user = request.env.user
        Question = request.env["coworking.event.question"]
        if user.has_group(MANAGER_GROUP) or Question._may_ask(track, user.partner_id):
            return
        raise self._event_badges_forbidden(
            request.env._("You take no part in %(event)s.", event=track.event_id.name)
        )

    def _event_badges_runs(self, event):
        """Whether the caller runs ``event`` (organizer, room manager) or is
        a coworking administrator."""
        user = request.env.user
        return user.has_group(MANAGER_GROUP) or any(
            role.role in RUNNING_ROLES
            for role in request.env["coworking.event.role"]._roles_of(user, event)
        )

    def _event_badges_ensure_own(self, record, field, same_place):
        """A record answered for a nonce already used: it must be the
        caller's, at this event or booth (``same_place``); 409 otherwise,
        never somebody else's record."""
        if not same_place or record.sudo().user_id != request.env.user:
            raise ApiError(
                409,
                "nonce_reused",
                request.env._(
                    "This nonce was already used elsewhere: draw a new one for "
                    "each scan or visit."
                ),
                field=field,
            )

    # ------------------------------------------------------------------
    # Events
    # ------------------------------------------------------------------

    @http.route(f"{API_PREFIX}/events", methods=["GET"], **ROUTE)
    def api_event_badges_events(self, **params):
        """GET the caller's events, with their roles, rooms and registration."""
        self._authenticate()
        return self._serve(self._event_badges_list_events, params)

    def _event_badges_list_events(self, params):
        params = read_query("/events", "get", params)
        user = request.env.user
        events = request.env["event.event"]._coworking_events_of(
            user, params["period"], params["limit"]
        )
        parts = events._coworking_parts_of(user)
        rooms = events._coworking_rooms()
        answer = []
        for event in events:
            roles, registered = parts[event.id]
            answer.append(
                payloads.event_payload(
                    event,
                    roles,
                    registered,
                    rooms[event.id] | roles.location_ids,
                    event._coworking_can_scan(user, roles),
                )
            )
        return {"events": answer}

    # ------------------------------------------------------------------
    # Scans
    # ------------------------------------------------------------------

    @http.route(f"{API_PREFIX}/events/<event_id>/scans", methods=["POST"], **ROUTE)
    def api_event_badges_scan(self, event_id, **params):
        """POST a badge scanned at a door; the same nonce answers the same scan."""
        self._authenticate()
        return self._serve(self._event_badges_scan, event_id, params)

    def _event_badges_quick_retry(self, work):
        """Run ``work()`` again at once, in a new transaction, when
        PostgreSQL refuses this one's snapshot: another scan of the same
        person, or an entry into the same room, committed meanwhile (see
        coworking.event.scan.guard). Frequent at a busy door, where Odoo's
        own retry of the whole request would wait up to seconds; the last
        refusal is left to it."""
        env = request.env
        for attempt in range(QUICK_RETRIES):
            try:
                return work()
            except psycopg2.errors.SerializationFailure:
                if attempt + 1 == QUICK_RETRIES:
                    raise
                env.cr.rollback()
                env.reset()
                env.registry.reset_changes()
        raise AssertionError("unreachable")

    def _event_badges_scan(self, event_id, params):
        """The scan of this nonce, 201 when recorded now, 200 when it had
        been (a retried request)."""
        body = read_body("EventScanCreate")
        params = read_query(
            "/events/{event_id}/scans", "post", {**params, "event_id": event_id}
        )
        event = self._event_badges_get_event(params["event_id"])
        room_id = body.get("location_id") and int(body["location_id"])
        rooms = self._event_badges_get_rooms([room_id], {room_id: "location_id"})
        location = rooms[room_id]
        scanned_at = None
        if body.get("scanned_at"):
            scanned_at = read_datetime(
                "scanned_at", body["scanned_at"], payloads.event_tz(event)
            )
        # the caller's right to scan at this door is checked there
        scan, duplicate = self._event_badges_quick_retry(
            lambda: request.env["coworking.event.scan"]._coworking_scan(
                event,
                body["code"],
                body["nonce"],
                location=location,
                direction=body.get("direction", "in"),
                scanned_at=scanned_at,
                device=body.get("device"),
            )
        )
        if duplicate:
            self._event_badges_ensure_own(scan, "nonce", scan.sudo().event_id == event)
        return payloads.scan_payload(scan, duplicate), 200 if duplicate else 201

    @http.route(
        f"{API_PREFIX}/events/<event_id>/scans/upload", methods=["POST"], **ROUTE
    )
    def api_event_badges_upload(self, event_id, **params):
        """POST the scans made offline, judged in the order they were made."""
        self._authenticate()
        return self._serve(self._event_badges_upload, event_id, params)

    def _event_badges_upload(self, event_id, params):
        """Every scan of the upload, or none: the first refused one is
        named in the error (``scans[3]``)."""
        body = read_body("EventScanUpload")
        params = read_query(
            "/events/{event_id}/scans/upload",
            "post",
            {**params, "event_id": event_id},
        )
        event = self._event_badges_get_event(params["event_id"])
        tz = payloads.event_tz(event)
        sent = body["scans"]
        room_ids = [
            item.get("location_id") and int(item["location_id"]) for item in sent
        ]
        fields_by_id = {}
        for index, room_id in enumerate(room_ids):
            fields_by_id.setdefault(room_id, f"scans[{index}].location_id")
        rooms = self._event_badges_get_rooms(room_ids, fields_by_id)
        Scan = request.env["coworking.event.scan"]
        for room_id in dict.fromkeys(room_ids):
            Scan._ensure_can_scan(event, rooms[room_id])
        now = fields.Datetime.now()
        scans = []
        for index, (item, room_id) in enumerate(zip(sent, room_ids, strict=True)):
            scan = {
                "code": item["code"],
                "nonce": item["nonce"],
                "location": rooms[room_id],
                "direction": item.get("direction", "in"),
                "scanned_at": read_datetime(
                    f"scans[{index}].scanned_at", item["scanned_at"], tz
                ),
            }
            try:
                Scan._ensure_scan_input(
                    event,
                    scan["location"],
                    scan["code"],
                    scan["nonce"],
                    scan["direction"],
                    scan["scanned_at"],
                    now,
                )
            except ScanRefused as error:
                raise ApiError(
                    422, error.code, str(error), field=f"scans[{index}]"
                ) from None
            scans.append(scan)
        results = self._event_badges_quick_retry(
            lambda: Scan._coworking_upload(event, scans, device=body.get("device"))
        )
        for index, (scan, duplicate) in enumerate(results):
            if duplicate:
                self._event_badges_ensure_own(
                    scan, f"scans[{index}].nonce", scan.sudo().event_id == event
                )
        duplicates = sum(1 for _scan, duplicate in results if duplicate)
        return {
            "results": [
                payloads.scan_payload(scan, duplicate) for scan, duplicate in results
            ],
            "recorded": len(results) - duplicates,
            "duplicates": duplicates,
        }

    @http.route(f"{API_PREFIX}/events/<event_id>/statistics", methods=["GET"], **ROUTE)
    def api_event_badges_statistics(self, event_id, **params):
        """GET the caller's scans of today (all=true: every scanner's)."""
        self._authenticate()
        return self._serve(self._event_badges_statistics, event_id, params)

    def _event_badges_statistics(self, event_id, params):
        params = read_query(
            "/events/{event_id}/statistics", "get", {**params, "event_id": event_id}
        )
        event = self._event_badges_get_event(params["event_id"])
        user = request.env.user
        _ = request.env._
        manager = user.has_group(MANAGER_GROUP)
        roles = request.env["coworking.event.role"]._roles_of(user, event)
        if not event._coworking_can_scan(user, roles):
            raise self._event_badges_forbidden(
                _("You scan no badges at %(event)s.", event=event.name)
            )
        whole = params["all"] == "true"
        if (
            whole
            and not manager
            and not any(role.role in RUNNING_ROLES for role in roles)
        ):
            raise self._event_badges_forbidden(
                _(
                    "Only the organizers and room managers of %(event)s read "
                    "the scans of every scanner.",
                    event=event.name,
                )
            )
        since = event._coworking_day_start()
        statistics = (
            request.env["coworking.event.scan"]
            .sudo()
            ._scanner_statistics(event, None if whole else user, day_start=since)
        )
        return payloads.statistics_payload(event, statistics, whole, since)

    # ------------------------------------------------------------------
    # Announcements and questions
    # ------------------------------------------------------------------

    @http.route(
        f"{API_PREFIX}/events/<event_id>/announcements", methods=["GET"], **ROUTE
    )
    def api_event_badges_announcements(self, event_id, **params):
        """GET the event's published announcements to the caller."""
        self._authenticate()
        return self._serve(self._event_badges_announcements, event_id, params)

    def _event_badges_announcements(self, event_id, params):
        params = read_query(
            "/events/{event_id}/announcements",
            "get",
            {**params, "event_id": event_id},
        )
        event = self._event_badges_get_event(params["event_id"])
        Announcement = request.env["coworking.event.announcement"].sudo()
        audiences = Announcement._audiences_of(event, request.env.user.partner_id)
        if not audiences:
            raise self._event_badges_forbidden(
                request.env._("You take no part in %(event)s.", event=event.name)
            )
        announcements = Announcement.search(
            [
                ("event_id", "=", event.id),
                ("state", "=", "published"),
                ("audience", "in", sorted(audiences)),
            ],
            limit=params["limit"],
        )
        return {
            "event_id": event.id,
            "announcements": [
                payloads.announcement_payload(announcement)
                for announcement in announcements
            ],
        }

    @http.route(
        f"{API_PREFIX}/events/tracks/<track_id>/questions", methods=["GET"], **ROUTE
    )
    def api_event_badges_questions(self, track_id, **params):
        """GET the questions asked on a session (answered, unanswered or all)."""
        self._authenticate()
        return self._serve(self._event_badges_questions, track_id, params)

    def _event_badges_questions(self, track_id, params):
        params = read_query(
            "/events/tracks/{track_id}/questions",
            "get",
            {**params, "track_id": track_id},
        )
        track = self._event_badges_get_track(params["track_id"])
        self._event_badges_ensure_participant(track)
        partner = request.env.user.partner_id
        domain = [("track_id", "=", track.id)]
        if not self._event_badges_runs(track.event_id):
            # as on the session's page: the answered questions, and the
            # caller's own
            domain += ["|", ("is_answered", "=", True), ("partner_id", "=", partner.id)]
        if params["state"] != "all":
            domain.append(("is_answered", "=", params["state"] == "answered"))
        questions = (
            request.env["coworking.event.question"]
            .sudo()
            .search(domain, limit=params["limit"])
        )
        return {
            "track": payloads.track_payload(track),
            "questions": [
                payloads.question_payload(question, partner) for question in questions
            ],
        }

    @http.route(
        f"{API_PREFIX}/events/tracks/<track_id>/questions", methods=["POST"], **ROUTE
    )
    def api_event_badges_ask(self, track_id, **params):
        """POST a question on a session, by a participant of its event."""
        self._authenticate()
        return self._serve(self._event_badges_ask, track_id, params, status=201)

    def _event_badges_ask(self, track_id, params):
        body = read_body("EventQuestionCreate")
        params = read_query(
            "/events/tracks/{track_id}/questions",
            "post",
            {**params, "track_id": track_id},
        )
        track = self._event_badges_get_track(params["track_id"])
        self._event_badges_ensure_participant(track)
        partner = request.env.user.partner_id
        question = request.env["coworking.event.question"]._ask(
            track, partner, body["body"]
        )
        return {"question": payloads.question_payload(question.sudo(), partner)}

    # ------------------------------------------------------------------
    # Booths
    # ------------------------------------------------------------------

    @http.route(
        f"{API_PREFIX}/events/booths/<sponsor_id>/visits", methods=["POST"], **ROUTE
    )
    def api_event_badges_visit(self, sponsor_id, **params):
        """POST a visitor scanned at a booth; the same nonce answers the same visit."""
        self._authenticate()
        return self._serve(self._event_badges_visit, sponsor_id, params)

    def _event_badges_visit(self, sponsor_id, params):
        """The visit of this nonce, 201 when recorded now, 200 when it had
        been (a retried request)."""
        body = read_body("EventVisitCreate")
        params = read_query(
            "/events/booths/{sponsor_id}/visits",
            "post",
            {**params, "sponsor_id": sponsor_id},
        )
        sponsor = self._event_badges_get_booth(params["sponsor_id"])
        Lead = request.env["coworking.event.lead"]
        try:
            with request.env.cr.savepoint():
                lead, duplicate = Lead._coworking_booth_scan(
                    sponsor, body["code"], body["nonce"], note=body.get("note")
                )
        except psycopg2.errors.UniqueViolation as error:
            if error.diag.constraint_name != VISIT_NONCE_CONSTRAINT:
                raise
            # the same nonce sent twice at once: the other request records
            # the visit, which the next try answers
            raise ApiError(
                409,
                "conflict",
                request.env._(
                    "Another request with this nonce is being served: send the "
                    "request again to get its visit."
                ),
                field="nonce",
            ) from None
        lead = lead.sudo()
        if duplicate:
            self._event_badges_ensure_own(lead, "nonce", lead.sponsor_id == sponsor)
        answer = {"visit": payloads.visit_payload(lead), "duplicate": duplicate}
        return answer, 200 if duplicate else 201

    @http.route(
        f"{API_PREFIX}/events/booths/<sponsor_id>/visits", methods=["GET"], **ROUTE
    )
    def api_event_badges_visits(self, sponsor_id, **params):
        """GET a booth's visits and counts, for its staff only."""
        self._authenticate()
        return self._serve(self._event_badges_visits, sponsor_id, params)

    def _event_badges_visits(self, sponsor_id, params):
        params = read_query(
            "/events/booths/{sponsor_id}/visits",
            "get",
            {**params, "sponsor_id": sponsor_id},
        )
        sponsor = self._event_badges_get_booth(params["sponsor_id"])
        Lead = request.env["coworking.event.lead"]
        try:
            Lead._ensure_booth_staff(sponsor)
        except ScanRefused:
            # another booth's visitors: not even whether it exists
            raise self._event_badges_not_found(
                "sponsor_id",
                request.env._("No booth %(id)s here.", id=params["sponsor_id"]),
            ) from None
        leads = Lead.sudo().search(
            [("sponsor_id", "=", sponsor.id)],
            limit=params["limit"],
            offset=params["offset"],
        )
        return {
            "booth": payloads.booth_payload(sponsor),
            "statistics": Lead._booth_statistics(sponsor),
            "visits": [payloads.visit_payload(lead) for lead in leads],
        }
