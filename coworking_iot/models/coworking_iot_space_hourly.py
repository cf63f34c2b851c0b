# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from .coworking_iot_reading_hourly import WEEKDAYS


class CoworkingIotSpaceHourly(models.Model):
    """A space's occupancy in one hour, from its sensors' hours: one row per
    space and hour, whatever the number of sensors, so that a year of
    occupancy by space and hour is read from a few thousand rows per space."""

    _name = "coworking.iot.space.hourly"
    _description = "Space Occupancy per Hour"
    _order = "hour desc, space_id"
    _log_access = False
    _rec_name = "hour"

    space_id = fields.Many2one(
        "coworking.space", required=True, ondelete="cascade", readonly=True, index=True
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    location_id = fields.Many2one("coworking.location", readonly=True, index=True)
    hour = fields.Datetime(required=True, readonly=True, index=True)
    hour_of_day = fields.Integer(
        string="Hour of Day",
        readonly=True,
        aggregator=False,
        help="The hour on the location's clock (0-23).",
    )
    weekday = fields.Selection(WEEKDAYS, readonly=True)
    capacity = fields.Integer(readonly=True, aggregator="max")
    people_avg = fields.Float(
        string="People (average)", readonly=True, aggregator="avg", digits=(16, 1)
    )
    people_peak = fields.Float(
        string="People (peak)",
        readonly=True,
        aggregator="max",
        digits=(16, 0),
        help="The most people the sensors counted in the hour (presence "
        "sensors: those that saw someone).",
    )
    occupancy_rate = fields.Float(
        string="Occupancy (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )
    entries = fields.Integer(readonly=True, help="Passages counted by door readers.")

    _sql_constraints = [
        ("space_hour_unique", "unique(space_id, hour)", "One row per space and hour."),
    ]

    @api.model
    def _refresh(self, spaces, hours):
        """Recompute the rows of the pairs ``(spaces[i], hours[i])`` from
        the sensors' hours, in one statement: a space counts its people
        counters when it has some in the hour, otherwise its presence
        sensors."""
        if not spaces:
            return
        self._refresh_where(
            SQL(
                "(h.space_id, h.hour) IN "
                "(SELECT * FROM unnest(%s::int[], %s::timestamp[]))",
                list(spaces),
                list(hours),
            )
        )

    @api.model
    def _rebuild(self):
        """Every row, from the sensors' hours (demo data, imports)."""
        self._refresh_where(SQL("TRUE"))

    @api.model
    def _refresh_where(self, where):
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO coworking_iot_space_hourly AS sh
                    (space_id, company_id, location_id, hour, hour_of_day, weekday,
                     capacity, people_avg, people_peak, occupancy_rate, entries)
                SELECT a.space_id, s.company_id, s.location_id, a.hour, a.hour_of_day,
                       a.weekday, s.capacity, a.people, a.peak,
                       CASE WHEN s.capacity > 0 THEN 100.0 * a.people / s.capacity END,
                       a.entries
                  FROM (
                       SELECT h.space_id, h.hour, min(h.hour_of_day) AS hour_of_day,
                              min(h.weekday) AS weekday,
                              CASE WHEN bool_or(h.metric = 'people')
                              THEN sum(h.value_avg) FILTER (WHERE h.metric = 'people')
                              WHEN bool_or(h.metric = 'presence')
                              THEN sum(h.value_avg) FILTER (WHERE h.metric = 'presence')
                              END AS people,
                              CASE WHEN bool_or(h.metric = 'people')
                              THEN sum(h.value_max) FILTER (WHERE h.metric = 'people')
                              WHEN bool_or(h.metric = 'presence')
                              THEN count(*) FILTER (WHERE h.metric = 'presence'
                                                    AND h.value_max > 0)
                              END AS peak,
                              COALESCE(sum(h.value_sum)
                                       FILTER (WHERE h.metric = 'entries'), 0)::int
                                  AS entries
                         FROM coworking_iot_reading_hourly h
                        WHERE h.metric IN ('presence', 'people', 'entries')
                          AND h.space_id IS NOT NULL
                          AND %(where)s
                        GROUP BY h.space_id, h.hour
                       ) a
                  JOIN coworking_space s ON s.id = a.space_id
                 ORDER BY a.space_id, a.hour
                ON CONFLICT (space_id, hour) DO UPDATE SET
                    capacity = EXCLUDED.capacity,
                    people_avg = EXCLUDED.people_avg,
                    people_peak = EXCLUDED.people_peak,
                    occupancy_rate = EXCLUDED.occupancy_rate,
                    entries = EXCLUDED.entries
                """,
                where=where,
            )
        )
