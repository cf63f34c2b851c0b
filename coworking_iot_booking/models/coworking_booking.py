# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the sensors of a whole space tell about its bookings: someone there
checks the booking in, people still there after its end are an overstay."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# the sensors check a booking in from this long before its start (and a
# booking whose check-in window is open holds its space: the people seen may
# be its own)
PRESENCE_LEAD = timedelta(minutes=15)
# someone seen before the window opens is still there when it opens if their
# sensor's last value says so, but not a value older than this: a sensor that
# reports only changes reports within a working day
PRESENCE_MEMORY = timedelta(hours=12)
DEFAULT_OVERSTAY_MINUTES = 15
MAX_OVERSTAY_MINUTES = 1440


class CoworkingBooking(models.Model):
    _inherit = "coworking.booking"

    overstay_detected_at = fields.Datetime(
        string="Overstay Detected",
        readonly=True,
        copy=False,
        help="When the space's sensors still saw people after the booking's end "
        "(and its overstay delay), with no other booking holding the space.",
    )

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------

    @api.model
    def _cron_mark_no_shows(self):
        # someone the sensors saw before the rule runs is not a no-show, even
        # if they were already there when the booking's window opened (no
        # change of the people counted, so no live check-in)
        self._iot_check_in_present(SQL("TRUE"), fields.Datetime.now())
        return super()._cron_mark_no_shows()

    @api.model
    def _cron_flag_overstays(self):
        """The last booking of each whole space whose sensors have seen
        people without a break since before its end, ended more than the
        overstay delay ago, while no other booking holds the space: flagged
        once, with a note and an activity for the staff."""
        now = fields.Datetime.now()
        self.flush_model(["state", "start", "stop", "overstay_detected_at"])
        self.env["coworking.space"].flush_model(
            ["people_now", "iot_occupied_since", "booking_mode"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT last.id
                  FROM coworking_space s
                 CROSS JOIN LATERAL (
                       SELECT b.id, b.stop, b.overstay_detected_at
                         FROM coworking_booking b
                        WHERE b.space_id = s.id
                          AND b.booking_mode = 'exclusive'
                          AND b.state IN ('checked_in', 'done')
                          AND b.stop <= %(now)s
                        ORDER BY b.stop DESC, b.id DESC
                        LIMIT 1
                       ) last
                 WHERE s.people_now > 0
                   AND s.booking_mode = 'exclusive'
                   AND s.iot_occupied_since <= last.stop
                   AND last.stop < %(now)s - %(delay)s
                   AND last.overstay_detected_at IS NULL
                   AND NOT EXISTS (
                       SELECT 1 FROM coworking_booking o
                        WHERE o.space_id = s.id
                          AND o.id <> last.id
                          AND o.state IN ('held', 'confirmed', 'checked_in')
                          AND o.start - %(lead)s <= %(now)s
                          AND o.stop > %(now)s
                   )
                 ORDER BY last.id
                """,
                now=now,
                delay=timedelta(minutes=self._iot_overstay_minutes()),
                lead=PRESENCE_LEAD,
            )
        )
        bookings = self.browse([row[0] for row in self.env.cr.fetchall()])
        if bookings:
            bookings.write({"overstay_detected_at": now})
            bookings._iot_notify_overstay()
        self.env["ir.cron"]._notify_progress(done=len(bookings), remaining=0)
        return bookings

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _iot_overstay_minutes(self):
        minutes = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(
                "coworking_iot_booking.overstay_minutes", DEFAULT_OVERSTAY_MINUTES
            )
        )
        return min(max(minutes, 0), MAX_OVERSTAY_MINUTES)

    @api.model
    def _iot_presence_query(self, where, now):
        """The query of ``(booking id, first presence)`` of the confirmed
        bookings of whole spaces matching ``where`` (on ``b``, the booking,
        and ``s``, its space) whose check-in window (from ``PRESENCE_LEAD``
        before their start) is open at ``now`` and whose space's sensors saw
        someone in that window until the booking's end. The first presence
        is the window's opening for someone already there when it opened
        (a sensor's last value before it, in the space), else the first
        reading of someone after. Only the sensors of the booking's company
        count. Each sensor's readings are read through the (device, time)
        index: the row comparisons keep the planner on it, whatever the
        number of sensors."""
        return SQL(
            """
            WITH candidate AS (
                SELECT b.id, b.space_id, b.company_id, b.stop,
                       b.start - %(lead)s AS opens
                  FROM coworking_booking b
                  JOIN coworking_space s ON s.id = b.space_id
                 WHERE b.state = 'confirmed'
                   AND b.booking_mode = 'exclusive'
                   AND b.start - %(lead)s <= %(now)s
                   AND %(where)s
            ), sensor AS (
                SELECT c.id AS booking_id, c.space_id, c.opens, c.stop, d.id
                  FROM candidate c
                  JOIN coworking_iot_device d
                    ON d.space_id = c.space_id
                   AND d.company_id = c.company_id
                   AND d.active
                   AND d.kind IN ('occupancy', 'people_counter')
            ), presence AS (
                SELECT sensor.booking_id,
                       bool_or(
                           last.value > 0
                           AND last.space_id = sensor.space_id
                           AND last.measured_at > sensor.opens - %(memory)s
                       ) AS carried,
                       min(first.measured_at) AS seen
                  FROM sensor
                  LEFT JOIN LATERAL (
                       SELECT r.value, r.space_id, r.measured_at
                         FROM coworking_iot_reading r
                        WHERE r.device_id = sensor.id
                          AND (r.device_id, r.measured_at) <= (sensor.id, sensor.opens)
                          AND r.metric IN ('presence', 'people')
                        ORDER BY r.device_id DESC, r.measured_at DESC
                        LIMIT 1
                       ) last ON TRUE
                  LEFT JOIN LATERAL (
                       SELECT r.measured_at
                         FROM coworking_iot_reading r
                        WHERE r.device_id = sensor.id
                          AND (r.device_id, r.measured_at) > (sensor.id, sensor.opens)
                          AND r.measured_at < sensor.stop
                          AND r.measured_at <= %(now)s
                          AND r.metric IN ('presence', 'people')
                          AND r.value > 0
                        ORDER BY r.device_id, r.measured_at
                        LIMIT 1
                       ) first ON TRUE
                 GROUP BY sensor.booking_id
            )
            SELECT c.id, CASE WHEN p.carried THEN c.opens ELSE p.seen END
              FROM candidate c
              JOIN presence p ON p.booking_id = c.id
             WHERE p.carried OR p.seen IS NOT NULL
             ORDER BY c.id
            """,
            where=where,
            now=now,
            lead=PRESENCE_LEAD,
            memory=PRESENCE_MEMORY,
        )

    @api.model
    def _iot_check_in_present(self, where, now):
        """Check in the bookings of ``_iot_presence_query(where, now)``."""
        self.flush_model(["state", "start", "stop", "booking_mode", "space_id"])
        self.env.cr.execute(self._iot_presence_query(where, now))
        return self._iot_check_in(self.env.cr.fetchall())

    @api.model
    def _iot_check_in(self, presences):
        """Check in the bookings of ``presences`` (``[(booking id, first
        presence)]``): one write per moment, the notes in one batch."""
        if not presences:
            return self.browse()
        by_moment = defaultdict(list)
        for booking_id, moment in presences:
            by_moment[moment].append(booking_id)
        bookings = self.sudo().browse([booking_id for booking_id, _at in presences])
        for moment, ids in sorted(by_moment.items()):
            bookings.browse(ids).write({"state": "checked_in", "checked_in_at": moment})
        note = self.env._("Checked in by the space's sensors.")
        bookings._message_log_batch({booking.id: note for booking in bookings})
        return bookings

    def _iot_notify_overstay(self):
        """A note on each booking and an activity for the staff member who
        should go and see, in their language."""
        activity_type = self.env.ref(
            "coworking_iot_booking.mail_activity_type_booking_overstay"
        )
        for booking in self:
            responsible = booking._iot_staff_responsible()
            told = booking.with_context(lang=responsible.lang)
            body = told.env._(
                "The sensors of %(space)s still see people %(minutes)s minutes "
                "after the end of this booking (%(stop)s), and no other booking "
                "holds the space.",
                space=booking.space_id.display_name,
                minutes=int(
                    (booking.overstay_detected_at - booking.stop).total_seconds() // 60
                ),
                stop=told.stop_local,
            )
            booking.message_post(body=body, subtype_xmlid="mail.mt_note")
            booking.activity_schedule(
                activity_type_id=activity_type.id,
                summary=told.env._(
                    "People still in %(space)s", space=booking.space_id.name
                ),
                note=body,
                user_id=responsible.id,
            )

    def _iot_staff_responsible(self):
        """The internal user who made the booking, when they still work for
        its company, else the company's coworking manager."""
        self.ensure_one()
        user = self.user_id
        if (
            user
            and user.active
            and not user.share
            and self.company_id in user.company_ids
        ):
            return user
        return self.company_id._coworking_responsible()
