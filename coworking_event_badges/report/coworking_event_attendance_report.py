# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..tools import bounds


class CoworkingEventAttendanceReport(models.Model):
    """Registered against present, for the organizer: one line per event
    (its entrance) and per session in a room. Registered: the confirmed
    attendees who may enter (a workshop's: the holders of its tickets);
    present: the distinct people granted an entry there (during the session,
    for a session)."""

    _name = "coworking.event.attendance.report"
    _description = "Event Attendance"
    _auto = False
    _order = "event_id, date, id"

    event_id = fields.Many2one("event.event", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    track_id = fields.Many2one("event.track", string="Session", readonly=True)
    location_id = fields.Many2one("event.track.location", string="Room", readonly=True)
    kind = fields.Selection(
        [
            ("event", "Event Entrance"),
            ("conference", "Conference"),
            ("workshop", "Paid Workshop"),
        ],
        readonly=True,
    )
    date = fields.Datetime(readonly=True)
    registered_count = fields.Integer(string="Registered", readonly=True)
    present_count = fields.Integer(string="Present", readonly=True)
    absent_count = fields.Integer(string="Absent", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
CREATE VIEW %s AS (
    WITH attendees AS (
        SELECT DISTINCT reg.event_id, reg.event_ticket_id,
               reg.coworking_attendee_id AS partner_id, reg.coworking_paid
          FROM event_registration reg
         WHERE reg.state IN ('open', 'done') AND reg.coworking_attendee_id IS NOT NULL
    ), entrance AS (
        SELECT event.id AS event_id,
               (SELECT count(DISTINCT a.partner_id) FROM attendees a
                 WHERE a.event_id = event.id) AS registered,
               (SELECT count(DISTINCT scan.partner_id) FROM coworking_event_scan scan
                 WHERE scan.event_id = event.id AND scan.location_id IS NULL
                   AND scan.verdict = 'granted' AND scan.direction = 'in') AS present
          FROM event_event event
    ), sessions AS (
        SELECT track.id AS track_id, track.event_id, track.location_id,
               COALESCE(track.coworking_kind, 'conference') AS kind, track.date,
               CASE WHEN track.coworking_kind = 'workshop' THEN
                   (SELECT count(DISTINCT a.partner_id) FROM attendees a
                      JOIN coworking_event_track_ticket_rel rel
                        ON rel.ticket_id = a.event_ticket_id
                     WHERE rel.track_id = track.id AND a.coworking_paid)
               ELSE
                   (SELECT count(DISTINCT a.partner_id) FROM attendees a
                     WHERE a.event_id = track.event_id)
               END AS registered,
               (SELECT count(DISTINCT scan.partner_id) FROM coworking_event_scan scan
                 WHERE scan.event_id = track.event_id
                   AND scan.location_id = track.location_id
                   AND scan.verdict = 'granted' AND scan.direction = 'in'
                   AND scan.scanned_at >= track.date - make_interval(mins => %s)
                   AND scan.scanned_at < track.date_end) AS present
          FROM event_track track
         WHERE track.location_id IS NOT NULL AND track.date IS NOT NULL
           AND track.active
           AND COALESCE(track.coworking_session_state, '') != 'cancelled'
    )
    SELECT -entrance.event_id AS id, entrance.event_id, event.company_id,
           NULL::integer AS track_id, NULL::integer AS location_id,
           'event' AS kind, event.date_begin AS date,
           entrance.registered AS registered_count,
           entrance.present AS present_count,
           GREATEST(entrance.registered - entrance.present, 0) AS absent_count
      FROM entrance JOIN event_event event ON event.id = entrance.event_id
    UNION ALL
    SELECT sessions.track_id AS id, sessions.event_id, event.company_id,
           sessions.track_id, sessions.location_id, sessions.kind, sessions.date,
           sessions.registered, sessions.present,
           GREATEST(sessions.registered - sessions.present, 0)
      FROM sessions JOIN event_event event ON event.id = sessions.event_id
)
                """,
                SQL.identifier(self._table),
                bounds.SESSION_OPENS_MINUTES,
            )
        )
