# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# pylint: disable=R8180
# (one model in several files, one per concern: see CONTRIBUTING.md)
import re
from collections import namedtuple
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.coworking_base.tools import qr_token

from ..exceptions import ScanRefused
from ..tools import bounds
from .coworking_event_role import SCANNING_ROLES
from .event_registration import CONFIRMED

NONCE_RE = re.compile(bounds.NONCE_PATTERN)
# what a person holds in an event, as a door reads it: their name, their
# registrations, the confirmed and paid ones, and whether they are staff
Holder = namedtuple("Holder", "name registrations paid staff")
BARCODE_RE = re.compile(r"^[0-9]{1,32}$")
# what the personal credential's check answers, as a door's verdict
CREDENTIAL_VERDICTS = {
    qr_token.MALFORMED: "unknown",
    qr_token.FOREIGN: "unknown",
    qr_token.TAMPERED: "tampered",
    "unknown": "unknown",
    "revoked": "revoked",
    "archived": "revoked",
}


class CoworkingEventScan(models.Model):
    """The verdict of a scan: who the code names, whether their registrations
    open this door at that moment, whether they are already inside, whether
    the room is full. Entries of one person, and entries of a room with a
    capacity, are serialized with transaction-scoped advisory locks; the
    nonce is unique in the database."""

    _inherit = "coworking.event.scan"

    # ------------------------------------------------------------
    # Entry points
    # ------------------------------------------------------------

    @api.model
    def _coworking_scan(
        self,
        event,
        code,
        nonce,
        location=None,
        direction="in",
        scanned_at=None,
        source="online",
        device=None,
    ):
        """Record one scan and return ``(scan, duplicate)``: the scan already
        recorded under ``nonce`` when it is a retry (``duplicate`` True)."""
        location = location or self.env["event.track.location"]
        now = fields.Datetime.now()
        moment = scanned_at or now
        self._ensure_scan_input(event, location, code, nonce, direction, moment, now)
        self._ensure_can_scan(event, location)
        cr = self.env.cr
        existing = self._scan_by_nonce(nonce)
        if existing:
            return existing, True
        event_sudo = event.sudo()
        sudo_self = self.sudo().with_company(event_sudo.company_id or self.env.company)
        identity = sudo_self._scan_identity(event_sudo, code)
        # one person's scans, and the entries of a room with a capacity,
        # one at a time (see coworking.event.scan.guard)
        Guard = self.env["coworking.event.scan.guard"].sudo()
        if identity["partner"]:
            Guard._hold(event_sudo, partner=identity["partner"])
        if location.coworking_capacity and direction == "in":
            Guard._hold(event_sudo, location=location)
        verdict, message, registration, track = sudo_self._scan_verdict(
            event_sudo, location, direction, moment, identity
        )
        values = {
            "event_id": event.id,
            "company_id": (event.company_id or self.env.company).id,
            "location_id": location.id or None,
            "track_id": track.id or None,
            "direction": direction,
            "partner_id": identity["partner"].id or None,
            "registration_id": registration.id or None,
            "user_id": self.env.uid,
            "nonce": nonce,
            "code_kind": identity["kind"],
            "source": source,
            "device": (device or "")[:64] or None,
            "scanned_at": moment,
            "received_at": now,
            "verdict": verdict,
            "granted": verdict == "granted",
            "message": message,
            "create_uid": self.env.uid,
            "write_uid": self.env.uid,
            "create_date": now,
            "write_date": now,
        }
        columns = list(values)
        # a nonce recorded meanwhile by a transaction this one cannot see
        # is a serialization failure, retried by Odoo's request loop
        cr.execute(
            SQL(
                "INSERT INTO coworking_event_scan (%s) VALUES %s "
                "ON CONFLICT (nonce) DO NOTHING RETURNING id",
                SQL(", ").join(SQL.identifier(column) for column in columns),
                tuple(values[column] for column in columns),
            ),
            log_exceptions=False,
        )
        row = cr.fetchone()
        if not row:  # recorded meanwhile, and visible: a retry
            return self._scan_by_nonce(nonce), True
        return self.browse(row[0]), False

    @api.model
    def _coworking_upload(self, event, scans, device=None):
        """Reconcile scans made offline: evaluated in the order they were
        made (then by nonce), each against the log as it stood at its own
        moment; a nonce already recorded is answered from the log. Return
        ``[(scan, duplicate)]`` in the order received."""
        if len(scans) > bounds.MAX_UPLOAD_SCANS:
            raise ScanRefused(
                self.env._(
                    "At most %s scans are uploaded at once.", bounds.MAX_UPLOAD_SCANS
                ),
                code="too_many_scans",
            )
        order = sorted(
            range(len(scans)),
            key=lambda index: (scans[index]["scanned_at"], scans[index]["nonce"]),
        )
        results = {}
        for index in order:
            item = scans[index]
            results[index] = self._coworking_scan(
                event,
                item["code"],
                item["nonce"],
                location=item.get("location"),
                direction=item.get("direction", "in"),
                scanned_at=item["scanned_at"],
                source="offline",
                device=device,
            )
        return [results[index] for index in range(len(scans))]

    # ------------------------------------------------------------
    # Checks before any work
    # ------------------------------------------------------------

    @api.model
    def _ensure_scan_input(self, event, location, code, nonce, direction, moment, now):
        if not isinstance(nonce, str) or not NONCE_RE.match(nonce):
            raise ScanRefused(
                self.env._(
                    "A scan needs a nonce of 8 to 64 letters, digits, '-' or '_'."
                ),
                code="invalid_nonce",
            )
        if not isinstance(code, str) or not code.strip():
            raise ScanRefused(self.env._("Nothing was scanned."), code="empty_code")
        if len(code) > bounds.MAX_CODE_LENGTH:
            raise ScanRefused(
                self.env._("This code is too long to be a badge."),
                code="invalid_code",
            )
        if direction not in ("in", "out"):
            raise ScanRefused(
                self.env._("A scan is an entry or an exit."), code="invalid_direction"
            )
        if moment > now + timedelta(minutes=bounds.MAX_CLOCK_SKEW_MINUTES):
            raise ScanRefused(
                self.env._(
                    "This scan is dated in the future: check the scanner's clock."
                ),
                code="scan_in_future",
            )
        if moment < now - timedelta(hours=bounds.MAX_OFFLINE_HOURS):
            raise ScanRefused(
                self.env._(
                    "Scans older than %s hours are not accepted.",
                    bounds.MAX_OFFLINE_HOURS,
                ),
                code="scan_too_old",
            )
        if not event.exists():
            raise ScanRefused(
                self.env._("This event does not exist."), code="not_found"
            )

    @api.model
    def _ensure_can_scan(self, event, location):
        """Badge controllers, room managers and organizers scan for their own
        event (a controller limited to some rooms, at those rooms only)."""
        user = self.env.user
        if user.has_group("coworking_base.group_coworking_manager"):
            return
        roles = self.env["coworking.event.role"]._roles_of(user, event, SCANNING_ROLES)
        allowed = any(
            role.role == "organizer"
            or not role.location_ids
            or (location and location in role.location_ids)
            for role in roles
        )
        if not allowed:
            raise ScanRefused(
                self.env._("You do not control badges at this door of %s.", event.name),
                code="forbidden",
            )

    @api.model
    def _scan_by_nonce(self, nonce):
        self.env.cr.execute(
            SQL("SELECT id FROM coworking_event_scan WHERE nonce = %s", nonce)
        )
        row = self.env.cr.fetchone()
        return self.browse(row[0]) if row else self.browse()

    # ------------------------------------------------------------
    # The verdict
    # ------------------------------------------------------------

    @api.model
    def _scan_identity(self, event, code):
        """Who the code names: ``{partner, registration, kind, verdict,
        message}``; ``verdict`` is set when the code itself is refused."""
        code = code.strip()
        Registration = self.env["event.registration"]
        identity = {
            "partner": self.env["res.partner"],
            "registration": Registration,
            "kind": "invalid",
            "verdict": None,
            "message": None,
        }
        if BARCODE_RE.match(code):
            registration = Registration.search([("barcode", "=", code)], limit=1)
            if not registration:
                identity.update(
                    verdict="unknown",
                    message=self.env._("No registration has this barcode."),
                )
                return identity
            identity.update(
                kind="barcode",
                registration=registration,
                partner=registration.coworking_attendee_id,
            )
            return identity
        check = (
            self.env["coworking.credential"]
            .with_company(event.company_id or self.env.company)
            ._scan_token(code)
        )
        if not check["valid"]:
            identity.update(
                verdict=CREDENTIAL_VERDICTS[check["reason"]], message=check["message"]
            )
            if check["reason"] not in (qr_token.MALFORMED, qr_token.FOREIGN):
                identity["kind"] = "credential"
                identity["partner"] = check["credential"].partner_id
            return identity
        identity.update(kind="credential", partner=check["credential"].partner_id)
        return identity

    @api.model
    def _scan_verdict(self, event, location, direction, moment, identity):
        """``(verdict, message, registration, session)`` of one scan."""
        Track = self.env["event.track"]
        Registration = self.env["event.registration"]
        session = location and self._current_session(event, location, moment)
        session = session or Track
        if identity["verdict"]:
            return identity["verdict"], identity["message"], Registration, session
        partner = identity["partner"]
        name = partner.name or identity["registration"].name or ""
        if partner:
            registrations = Registration.with_context(active_test=False).search(
                [
                    ("event_id", "=", event.id),
                    ("coworking_attendee_id", "=", partner.id),
                ]
            )
        else:  # an unconfirmed registration has no attendee yet
            registrations = identity["registration"].filtered(
                lambda r: r.event_id == event
            )
        confirmed = registrations.filtered(
            lambda r: r.state in CONFIRMED and not r.coworking_revoked
        )
        staff = partner and self.env["coworking.event.role"].search_count(
            [
                ("event_id", "=", event.id),
                ("partner_id", "=", partner.id),
                ("role", "!=", "participant"),
            ]
        )
        holder = Holder(
            name, registrations, confirmed.filtered("coworking_paid"), staff
        )
        paid = holder.paid
        # the pass rather than a workshop ticket, unless the workshop is on
        registration = (paid or confirmed or registrations).sorted(
            lambda r: bool(r.event_ticket_id.coworking_track_ids)
        )[:1]

        def refuse(verdict, message):
            return verdict, message, registration, session

        if not confirmed and not staff:
            if registrations.filtered("coworking_revoked"):
                revoked = registrations.filtered("coworking_revoked")[:1]
                return refuse(
                    "revoked",
                    self.env._(
                        "The registration of %(name)s was revoked (%(reason)s).",
                        name=name,
                        reason=revoked.coworking_revoke_reason or "",
                    ),
                )
            if registrations.filtered(lambda r: r.state == "draft"):
                return refuse(
                    "unpaid",
                    self.env._(
                        "The registration of %s is not confirmed: its ticket is "
                        "not paid.",
                        name,
                    ),
                )
            return refuse(
                "not_registered",
                self.env._(
                    "%(name)s is not registered for %(event)s.",
                    name=name,
                    event=event.name,
                ),
            )
        if direction == "in":
            opens = event.date_begin - timedelta(hours=bounds.EVENT_OPENS_HOURS)
            if moment < opens or moment > event.date_end:
                return refuse(
                    "event_closed",
                    self.env._("%s is not open at this time.", event.name),
                )
        if location and direction == "in":
            refusal = self._room_refusal(event, location, moment, session, holder)
            if refusal:
                return refuse(*refusal)
            if session and session.coworking_kind == "workshop":
                registration = (
                    paid.filtered(
                        lambda r: r.event_ticket_id in session.coworking_ticket_ids
                    )[:1]
                    or registration
                )
        if direction == "in":
            if (
                partner
                and self._last_granted_direction(event, location, partner, moment)
                == "in"
            ):
                return refuse(
                    "already_inside",
                    self.env._(
                        "%s is already inside: a badge enters once until it exits.",
                        name,
                    ),
                )
            capacity = location.coworking_capacity if location else 0
            if capacity and self._occupancy(event, location, moment) >= capacity:
                return refuse(
                    "room_full",
                    self.env._(
                        "%(room)s is full (%(capacity)s people).",
                        room=location.name,
                        capacity=capacity,
                    ),
                )
        return (
            "granted",
            self.env._("Welcome, %s.", name)
            if direction == "in"
            else self.env._("Goodbye, %s.", name),
            registration,
            session,
        )

    @api.model
    def _current_session(self, event, location, moment):
        """The session held in ``location`` at ``moment`` (its room opens
        a few minutes before it starts)."""
        opens = timedelta(minutes=bounds.SESSION_OPENS_MINUTES)
        sessions = self.env["event.track"].search(
            [
                ("event_id", "=", event.id),
                ("location_id", "=", location.id),
                ("coworking_session_state", "!=", "cancelled"),
                ("date", "<=", moment + opens),
                ("date_end", ">", moment),
            ],
            order="date",
        )
        return sessions[:1]

    @api.model
    def _room_refusal(self, event, location, moment, session, holder):
        """``(verdict, message)`` when this room is closed to ``holder`` now,
        else None. Staff of the event enter every room."""
        if holder.staff:
            return None
        name, registrations, paid = holder.name, holder.registrations, holder.paid
        if session and session.coworking_kind == "workshop":
            tickets = session.coworking_ticket_ids
            if paid.filtered(lambda r: r.event_ticket_id in tickets):
                return None
            revoked = registrations.filtered(
                lambda r: r.event_ticket_id in tickets and r.coworking_revoked
            )
            if revoked:
                return "revoked", self.env._(
                    "%(name)s's access to %(session)s was revoked (%(reason)s).",
                    name=name,
                    session=session.name,
                    reason=revoked[:1].coworking_revoke_reason or "",
                )
            if registrations.filtered(
                lambda r: r.event_ticket_id in tickets
                and r not in paid
                and r.state != "cancel"
            ):
                return "unpaid", self.env._(
                    "%(name)s's ticket for %(session)s is not paid.",
                    name=name,
                    session=session.name,
                )
            return "not_registered", self.env._(
                "%(name)s is not registered for the workshop %(session)s.",
                name=name,
                session=session.name,
            )
        if not location.coworking_restricted:
            return None
        opened = (
            paid.event_ticket_id.coworking_location_ids | paid.coworking_location_ids
        )
        if location in opened:
            return None
        later = self.env["event.track"].search_count(
            [
                ("event_id", "=", event.id),
                ("location_id", "=", location.id),
                ("coworking_kind", "=", "workshop"),
                ("coworking_session_state", "!=", "cancelled"),
                ("coworking_ticket_ids", "in", paid.event_ticket_id.ids),
                ("date", ">", moment),
            ]
        )
        if later:
            return "session_not_started", self.env._(
                "%(name)s's session in %(room)s has not started yet.",
                name=name,
                room=location.name,
            )
        return "wrong_room", self.env._(
            "%(name)s's ticket does not open %(room)s.", name=name, room=location.name
        )
