# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL


class CoworkingSpace(models.Model):
    _inherit = "coworking.space"

    iot_occupied_since = fields.Datetime(
        string="Occupied Since",
        readonly=True,
        copy=False,
        help="Since when the space's sensors have seen people without a break "
        "(empty when nobody is there).",
    )

    def _iot_occupancy_changed(self, now):
        """The people counted in these spaces changed: in one statement, the
        spaces that became occupied or empty get their ``iot_occupied_since``,
        and the confirmed bookings of those with people, whose check-in window
        is open, are checked in when their sensors saw someone."""
        res = super()._iot_occupancy_changed(now)
        Booking = self.env["coworking.booking"]
        Booking.flush_model(["state", "start", "stop", "booking_mode", "space_id"])
        present = Booking._iot_presence_query(
            SQL(
                "b.space_id = ANY(%s) AND b.stop > %s AND s.people_now > 0",
                self.ids,
                now,
            ),
            now,
        )
        self.env.cr.execute(
            SQL(
                """
                WITH occupied AS (
                    UPDATE coworking_space
                       SET iot_occupied_since = CASE WHEN people_now > 0
                                                     THEN %(now)s::timestamp END
                     WHERE id = ANY(%(ids)s)
                       AND (people_now > 0) = (iot_occupied_since IS NULL)
                )
                SELECT * FROM (%(present)s) AS present
                """,
                now=now,
                ids=self.ids,
                present=present,
            )
        )
        presences = self.env.cr.fetchall()
        self.invalidate_recordset(["iot_occupied_since"])
        Booking._iot_check_in(presences)
        return res
