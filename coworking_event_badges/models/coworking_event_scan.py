# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import pytz

from odoo import api, fields, models
from odoo.tools import SQL

VERDICTS = [
    ("granted", "Granted"),
    ("unknown", "Unknown QR"),
    ("tampered", "Tampered QR"),
    ("revoked", "Revoked"),
    ("not_registered", "Not Registered"),
    ("unpaid", "Unpaid"),
    ("wrong_room", "Wrong Room"),
    ("session_not_started", "Session Not Started"),
    ("event_closed", "Event Closed"),
    ("already_inside", "Already Inside"),
    ("room_full", "Room Full"),
]


class CoworkingEventScan(models.Model):
    """One scan of a badge at a door of an event, with its verdict. Each
    scan carries the scanner's nonce: a retried scan (a lost answer, an
    offline upload sent twice) is recorded once, which the unique index
    guarantees. Entries and exits granted give the rooms' occupancy."""

    _name = "coworking.event.scan"
    _description = "Badge Scan"
    _order = "scanned_at desc, id desc"
    _rec_name = "nonce"
    _check_company_auto = True

    event_id = fields.Many2one(
        "event.event", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    location_id = fields.Many2one(
        "event.track.location",
        string="Room",
        readonly=True,
        ondelete="restrict",
        help="Empty: the event's entrance.",
    )
    track_id = fields.Many2one(
        "event.track", string="Session", readonly=True, ondelete="set null"
    )
    direction = fields.Selection(
        [("in", "Entry"), ("out", "Exit")], required=True, readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Person", index=True, readonly=True, ondelete="set null"
    )
    registration_id = fields.Many2one(
        "event.registration", readonly=True, ondelete="set null"
    )
    user_id = fields.Many2one(
        "res.users", string="Scanned By", required=True, readonly=True, index=True
    )
    nonce = fields.Char(required=True, readonly=True)
    code_kind = fields.Selection(
        [
            ("credential", "Personal QR"),
            ("barcode", "Registration Barcode"),
            ("invalid", "Invalid Code"),
        ],
        string="Code",
        readonly=True,
    )
    source = fields.Selection(
        [("online", "Online"), ("offline", "Uploaded Offline")],
        required=True,
        default="online",
        readonly=True,
    )
    device = fields.Char(readonly=True)
    scanned_at = fields.Datetime(
        required=True, readonly=True, help="When the badge was scanned."
    )
    received_at = fields.Datetime(
        required=True, readonly=True, help="When the server recorded the scan."
    )
    verdict = fields.Selection(VERDICTS, required=True, readonly=True, index=True)
    granted = fields.Boolean(compute="_compute_granted", store=True)
    message = fields.Char(readonly=True)

    _sql_constraints = [
        ("nonce_uniq", "UNIQUE (nonce)", "This scan was already recorded."),
    ]

    def init(self):
        res = super().init()
        # the last granted scan of a person at a door: presence and occupancy
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS coworking_event_scan_presence_idx "
                "ON coworking_event_scan "
                "(event_id, COALESCE(location_id, 0), partner_id, scanned_at DESC, "
                "id DESC) WHERE verdict = 'granted'"
            )
        )
        return res

    @api.depends("verdict")
    def _compute_granted(self):
        for scan in self:
            scan.granted = scan.verdict == "granted"

    @api.depends("partner_id", "verdict")
    def _compute_display_name(self):
        labels = dict(self._fields["verdict"]._description_selection(self.env))
        for scan in self:
            scan.display_name = self.env._(
                "%(person)s: %(verdict)s",
                person=scan.partner_id.name or self.env._("Unknown"),
                verdict=labels.get(scan.verdict, ""),
            )

    # ------------------------------------------------------------
    # Presence and occupancy, from the last granted scan of each person
    # ------------------------------------------------------------

    @api.model
    def _last_granted_direction(self, event, location, partner, moment):
        """'in', 'out' or None: the last granted scan of ``partner`` at this
        door at or before ``moment``."""
        self.env.cr.execute(
            SQL(
                "SELECT direction FROM coworking_event_scan "
                "WHERE event_id = %s AND COALESCE(location_id, 0) = %s "
                "AND partner_id = %s AND verdict = 'granted' AND scanned_at <= %s "
                "ORDER BY scanned_at DESC, id DESC LIMIT 1",
                event.id,
                location.id or 0,
                partner.id,
                moment,
            )
        )
        row = self.env.cr.fetchone()
        return row and row[0]

    @api.model
    def _occupancy(self, event, location, moment=None):
        """People inside a door of ``event`` (its entrance when ``location``
        is empty) at ``moment`` (now by default)."""
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM ("
                " SELECT DISTINCT ON (partner_id) direction"
                " FROM coworking_event_scan"
                " WHERE event_id = %s AND COALESCE(location_id, 0) = %s"
                " AND verdict = 'granted' AND partner_id IS NOT NULL"
                " AND scanned_at <= %s"
                " ORDER BY partner_id, scanned_at DESC, id DESC"
                ") AS last WHERE direction = 'in'",
                event.id,
                location.id or 0,
                moment or fields.Datetime.now(),
            )
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _occupancy_by_location(self, locations, events=None):
        """{location id: people inside now}, over the given events (all by
        default): rooms hold one event at a time."""
        if not locations.ids:
            return {}
        event_filter = (
            SQL("AND event_id = ANY(%s)", list(events.ids))
            if events is not None
            else SQL()
        )
        self.env.cr.execute(
            SQL(
                "SELECT location_id, count(*) FROM ("
                " SELECT DISTINCT ON (event_id, location_id, partner_id)"
                " location_id, direction FROM coworking_event_scan"
                " WHERE location_id = ANY(%s) AND verdict = 'granted'"
                " AND partner_id IS NOT NULL AND scanned_at <= %s %s"
                " ORDER BY event_id, location_id, partner_id, scanned_at DESC, id DESC"
                ") AS last WHERE direction = 'in' GROUP BY location_id",
                list(locations.ids),
                fields.Datetime.now(),
                event_filter,
            )
        )
        return dict(self.env.cr.fetchall())

    # ------------------------------------------------------------
    # What scanners show
    # ------------------------------------------------------------

    def _scan_result(self, duplicate=False):
        """The answer to a scanner (the backend scanner and the API)."""
        self.ensure_one()
        scan = self.sudo()
        location = scan.location_id
        partner = scan.partner_id
        return {
            "id": scan.id,
            "nonce": scan.nonce,
            "verdict": scan.verdict,
            "granted": scan.verdict == "granted",
            "message": scan.message or "",
            "duplicate": bool(duplicate),
            "direction": scan.direction,
            "scanned_at": fields.Datetime.to_string(scan.scanned_at),
            "person": partner
            and {
                "name": partner.name,
                "company": partner.commercial_company_name or "",
                "ticket": scan.registration_id.event_ticket_id.name or "",
                "role": scan.registration_id.coworking_badge_role or "participant",
            }
            or None,
            "location": location
            and {
                "id": location.id,
                "name": location.name,
                "occupancy": self._occupancy(scan.event_id, location),
                "capacity": location.coworking_capacity,
            }
            or None,
            "session": scan.track_id
            and {"id": scan.track_id.id, "name": scan.track_id.name}
            or None,
        }

    @api.model
    def _scanner_statistics(self, event, user=None, day_start=None):
        """Scans of ``event`` since ``day_start`` (the start of today in the
        event's timezone by default), by ``user`` when given: total,
        granted, refused, distinct people, and per door."""
        if day_start is None:
            tz_now = fields.Datetime.context_timestamp(
                self.with_context(tz=event.date_tz or "UTC"), fields.Datetime.now()
            )
            day_start = fields.Datetime.to_datetime(
                tz_now.replace(hour=0, minute=0, second=0, microsecond=0)
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
            )
        user_filter = SQL("AND user_id = %s", user.id) if user else SQL()
        self.env.cr.execute(
            SQL(
                "SELECT location_id, count(*) FILTER (WHERE verdict = 'granted'), "
                "count(*) FILTER (WHERE verdict != 'granted'), "
                "count(DISTINCT partner_id) "
                "FROM coworking_event_scan WHERE event_id = %s AND scanned_at >= %s %s "
                "GROUP BY location_id",
                event.id,
                day_start,
                user_filter,
            )
        )
        rows = self.env.cr.fetchall()
        self.env.cr.execute(
            SQL(
                "SELECT count(DISTINCT partner_id) FROM coworking_event_scan "
                "WHERE event_id = %s AND scanned_at >= %s %s",
                event.id,
                day_start,
                user_filter,
            )
        )
        people = self.env.cr.fetchone()[0]
        locations = self.env["event.track.location"].browse(
            [row[0] for row in rows if row[0]]
        )
        occupancy = self._occupancy_by_location(locations, event)
        by_room = [
            {
                "location_id": location_id or None,
                "name": location_id
                and locations.browse(location_id).name
                or self.env._("Entrance"),
                "granted": granted,
                "refused": refused,
                "people": distinct,
                "occupancy": occupancy.get(location_id, 0)
                if location_id
                else self._occupancy(event, locations.browse()),
                "capacity": location_id
                and locations.browse(location_id).coworking_capacity
                or 0,
            }
            for location_id, granted, refused, distinct in rows
        ]
        return {
            "scans": sum(r["granted"] + r["refused"] for r in by_room),
            "granted": sum(r["granted"] for r in by_room),
            "refused": sum(r["refused"] for r in by_room),
            "people": people,
            "by_room": by_room,
        }
