# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# pylint: disable=R8180
# (one model in several files, one per concern: see CONTRIBUTING.md)
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.coworking_base.tools import bounds as suite_bounds

from ..exceptions import ScanRefused
from ..tools import bounds
from .coworking_event_role import SCANNING_ROLES
from .event_registration import CONFIRMED


class CoworkingEventScan(models.Model):
    """What the badge controller's scanner page (the client action
    ``coworking_event_badges.scanner``) calls: the events and doors the user
    scans at, a scan with its verdict and fresh statistics, and the manual
    search of a person when a badge cannot be read."""

    _inherit = "coworking.event.scan"

    # ------------------------------------------------------------
    # Entry points of the scanner page
    # ------------------------------------------------------------

    @api.model
    def scanner_init(self, event_id=None):
        """The events the user scans for, the chosen one (``event_id``, else
        the first open now, else the next) with its doors, and the user's
        statistics of today there."""
        now = fields.Datetime.now()
        allowed = self.env["event.event"]._coworking_scanning_events()
        Event = self.env["event.event"].sudo()
        events = Event.search(
            [("id", "in", allowed.ids), ("date_end", ">=", now)],
            order="date_begin, id",
            limit=bounds.MAX_SCANNER_EVENTS,
        )
        if event_id:
            chosen = self._scanner_event(event_id)
            if chosen not in events:
                events = (chosen.sudo() | events).sorted(lambda e: (e.date_begin, e.id))
        else:
            chosen = (
                events.filtered(lambda e: self._scanner_event_open(e, now))[:1]
                or events[:1]
            )
        return {
            "events": [
                {
                    "id": event.id,
                    "name": event.name,
                    "date_begin": fields.Datetime.to_string(event.date_begin),
                    "date_end": fields.Datetime.to_string(event.date_end),
                    "open": self._scanner_event_open(event, now),
                }
                for event in events
            ],
            "event": chosen and self._scanner_event_data(chosen, now) or None,
            "statistics": chosen
            and self._scanner_statistics(chosen, self.env.user)
            or None,
            "min_search_length": bounds.MIN_SEARCH_LENGTH,
            "max_code_length": bounds.MAX_CODE_LENGTH,
        }

    @api.model
    def scanner_scan(self, event_id, code, nonce, location_id=False, direction="in"):
        """Scan ``code`` at a door of the event (its entrance when
        ``location_id`` is empty) under the client's ``nonce``: the verdict
        (``duplicate`` when this nonce was already recorded: a retry), the
        door's occupancy and the user's statistics of today."""
        event = self._scanner_event(event_id)
        location = self._scanner_location(event, location_id)
        scan, duplicate = self._coworking_scan(
            event, code, nonce, location=location, direction=direction
        )
        result = scan._scan_result(duplicate)
        verdicts = dict(self._fields["verdict"]._description_selection(self.env))
        result["verdict_label"] = verdicts.get(result["verdict"], "")
        if result["person"]:
            result["person"]["role_label"] = self._scanner_role_label(
                result["person"]["role"]
            )
        result["door"] = location.name if location else self.env._("Entrance")
        return {
            "result": result,
            "door": self._scanner_door(event, location),
            "statistics": self._scanner_statistics(event, self.env.user),
        }

    @api.model
    def scanner_search(self, event_id, query, location_id=False):
        """The people with a confirmed registration of the event whose name,
        email, company or registration barcode match ``query``: one line per
        person with a code to scan (their registration's barcode), whether
        they are inside the door ``location_id`` (the entrance when empty),
        and whether more people match."""
        event = self._scanner_event(event_id)
        location = self._scanner_location(event, location_id)
        if not isinstance(query, str):
            raise ScanRefused(self.env._("Type a name to search."), code="bad_query")
        query = query.strip()
        if len(query) < bounds.MIN_SEARCH_LENGTH:
            raise ScanRefused(
                self.env._(
                    "Type at least %s characters to search.", bounds.MIN_SEARCH_LENGTH
                ),
                code="query_too_short",
            )
        if len(query) > bounds.MAX_CODE_LENGTH:
            raise ScanRefused(
                self.env._("This search is too long."), code="query_too_long"
            )
        limit = bounds.MAX_SEARCH_RESULTS
        # the user's own rights: registrations of the events of their roles
        registrations = self.env["event.registration"].search(
            [
                ("event_id", "=", event.id),
                ("state", "in", CONFIRMED),
                "|",
                "|",
                "|",
                "|",
                ("name", "ilike", query),
                ("email", "ilike", query),
                ("company_name", "ilike", query),
                ("coworking_attendee_id.name", "ilike", query),
                ("barcode", "=", query),
            ],
            order="name, id",
            # a person holds a pass and workshop tickets: enough to fill the page
            limit=limit * 3 + 1,
        )
        people = {}
        for registration in registrations:
            person = registration.coworking_attendee_id
            key = person.id or f"r{registration.id}"
            people.setdefault(key, self.env["event.registration"])
            people[key] |= registration
        keys = list(people)
        inside = self._scanner_inside(
            event,
            location,
            self.env["res.partner"].browse(k for k in keys if isinstance(k, int)),
        )
        results = [
            self._scanner_search_line(key, people[key], inside) for key in keys[:limit]
        ]
        return {
            "results": results,
            "more": len(keys) > limit,
        }

    # ------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------

    @api.model
    def _scanner_event(self, event_id):
        """The event ``event_id`` when the user scans for it, else a refusal."""
        if (
            not isinstance(event_id, int)
            or isinstance(event_id, bool)
            or not 0 < event_id <= suite_bounds.MAX_ID
        ):
            raise ScanRefused(self.env._("Choose an event."), code="bad_event")
        event = self.env["event.event"].sudo().browse(event_id).exists()
        if not event:
            raise ScanRefused(
                self.env._("This event does not exist."), code="not_found"
            )
        # as _coworking_scanning_events, for one event
        user = self.env.user
        Role = self.env["coworking.event.role"]
        if not (
            user.has_group("coworking_base.group_coworking_manager")
            or Role._roles_of(user, event, SCANNING_ROLES)
        ):
            raise ScanRefused(
                self.env._("You do not control badges for this event."),
                code="forbidden",
            )
        return event.with_env(self.env)

    @api.model
    def _scanner_location(self, event, location_id):
        """The room ``location_id`` among the doors of ``event`` (empty: the
        entrance), else a refusal; the scan engine checks the user's rooms."""
        Location = self.env["event.track.location"]
        if not location_id:
            return Location
        if (
            not isinstance(location_id, int)
            or isinstance(location_id, bool)
            or not 0 < location_id <= suite_bounds.MAX_ID
        ):
            raise ScanRefused(self.env._("Choose a room."), code="bad_location")
        location = Location.browse(location_id)
        if location not in self._scanner_event_rooms(event):
            raise ScanRefused(
                self.env._("This room is not a door of %s.", event.sudo().name),
                code="wrong_location",
            )
        return location

    @api.model
    def _scanner_event_rooms(self, event):
        """The rooms of ``event``: those of its sessions, those its tickets
        open and those its staff are assigned to."""
        event = event.sudo()
        tracks = (
            self.env["event.track"]
            .sudo()
            ._read_group(
                [("event_id", "=", event.id), ("location_id", "!=", False)],
                ["location_id"],
            )
        )
        roles = (
            self.env["coworking.event.role"]
            .sudo()
            .search([("event_id", "=", event.id)])
        )
        rooms = (
            self.env["event.track.location"].sudo().browse(row[0].id for row in tracks)
            | event.event_ticket_ids.coworking_location_ids
            | roles.location_ids
        )
        return rooms.sorted()

    @api.model
    def _scanner_doors(self, event):
        """``(entrance, rooms)``: whether the user scans at the entrance of
        ``event``, and the rooms they scan at (a controller limited to some
        rooms, at those only), as the scan engine allows."""
        rooms = self._scanner_event_rooms(event)
        if self.env.user.has_group("coworking_base.group_coworking_manager"):
            return True, rooms
        roles = self.env["coworking.event.role"]._roles_of(
            self.env.user, event, SCANNING_ROLES
        )
        if any(role.role == "organizer" or not role.location_ids for role in roles):
            return True, rooms
        return False, rooms & roles.location_ids

    @api.model
    def _scanner_event_open(self, event, now):
        return (
            event.date_begin - timedelta(hours=bounds.EVENT_OPENS_HOURS)
            <= now
            <= event.date_end
        )

    @api.model
    def _scanner_event_data(self, event, now):
        event = event.sudo()
        entrance, rooms = self._scanner_doors(event)
        occupancy = self._occupancy_by_location(rooms, event)
        return {
            "id": event.id,
            "name": event.name,
            "date_begin": fields.Datetime.to_string(event.date_begin),
            "date_end": fields.Datetime.to_string(event.date_end),
            "open": self._scanner_event_open(event, now),
            "entrance": entrance and self._scanner_door(event, None) or None,
            "rooms": [
                {
                    "id": room.id,
                    "name": room.name,
                    "capacity": room.coworking_capacity,
                    "occupancy": occupancy.get(room.id, 0),
                    "restricted": room.coworking_restricted,
                }
                for room in rooms
            ],
        }

    @api.model
    def _scanner_door(self, event, location):
        """A door of ``event`` and who is inside: its entrance when
        ``location`` is empty (whose capacity is the event's seats)."""
        location = location or self.env["event.track.location"]
        event = event.sudo()
        return {
            "id": location.id or False,
            "name": location.sudo().name or self.env._("Entrance"),
            "occupancy": self._occupancy(event, location),
            "capacity": location.sudo().coworking_capacity
            if location
            else (event.seats_limited and event.seats_max or 0),
        }

    @api.model
    def _scanner_inside(self, event, location, partners):
        """The people of ``partners`` inside a door of ``event`` now (their
        last granted scan there is an entry)."""
        if not partners:
            return partners
        self.env.cr.execute(
            SQL(
                "SELECT partner_id FROM ("
                " SELECT DISTINCT ON (partner_id) partner_id, direction"
                " FROM coworking_event_scan"
                " WHERE event_id = %s AND COALESCE(location_id, 0) = %s"
                " AND partner_id = ANY(%s) AND verdict = 'granted'"
                " AND scanned_at <= %s"
                " ORDER BY partner_id, scanned_at DESC, id DESC"
                ") AS last WHERE direction = 'in'",
                event.id,
                location.id or 0,
                list(partners.ids),
                fields.Datetime.now(),
            )
        )
        return partners.browse(row[0] for row in self.env.cr.fetchall())

    @api.model
    def _scanner_search_line(self, key, registrations, inside):
        """One person found by the manual search; the code to scan is the
        barcode of their event pass rather than of a workshop ticket."""
        registration = registrations.sorted(
            lambda r: (bool(r.event_ticket_id.coworking_track_ids), r.id)
        )[:1]
        person = registration.coworking_attendee_id
        return {
            "key": str(key),
            "code": registration.barcode,
            "name": person.name or registration.name or "",
            "email": registration.email or person.email or "",
            "company": registration.company_name
            or person.commercial_company_name
            or "",
            "tickets": [
                name for name in registrations.event_ticket_id.mapped("name") if name
            ],
            "role": registration.coworking_badge_role or "participant",
            "role_label": self._scanner_role_label(
                registration.coworking_badge_role or "participant"
            ),
            "inside": bool(person and person in inside),
        }

    @api.model
    def _scanner_role_label(self, role):
        roles = self.env["coworking.event.role"]
        labels = dict(roles._fields["role"]._description_selection(self.env))
        return labels.get(role, "")
