# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Demand per hour of each kind of space at each location: what was booked
(``actual_rate``), what the sensors measured (``measured_rate``) and what the
active model forecasts (``forecast_rate``), side by side in one row so that
the graph views show them next to each other.

The training and the forecasts are in ``coworking_ai_demand_training``; the
synthetic year of the demo in ``coworking_ai_demand_demo``."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.coworking_base.models.coworking_space import SPACE_KINDS
from odoo.addons.coworking_iot.models.coworking_iot_reading_hourly import WEEKDAYS

# bookings that asked for the space: a no-show held it as much as a visit
DEMAND_STATES = ("confirmed", "checked_in", "done", "no_show")
# the longest span one refresh or one question covers (a refresh of a whole
# history goes by chunks of this size)
MAX_SPAN_DAYS = 62


def hour_floor(moment):
    """The start of the hour of a naive UTC datetime."""
    return moment.replace(minute=0, second=0, microsecond=0)


class CoworkingAiDemand(models.Model):
    _name = "coworking.ai.demand"
    _description = "Coworking Demand per Hour"
    _order = "hour desc, location_id, space_kind"
    _rec_name = "hour"

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    location_id = fields.Many2one(
        "coworking.location", required=True, readonly=True, index=True
    )
    space_kind = fields.Selection(SPACE_KINDS, required=True, readonly=True)
    hour = fields.Datetime(
        required=True, readonly=True, help="Start of the hour (shown in your timezone)."
    )
    hour_of_day = fields.Integer(
        readonly=True, aggregator=None, help="Hour of the day at the location."
    )
    weekday = fields.Selection(WEEKDAYS, readonly=True, help="Day at the location.")
    capacity = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Seats of the per-seat spaces, one for each whole space.",
    )
    booked = fields.Float(
        string="Hours Booked",
        readonly=True,
        help="Hours booked in that hour (seat-hours for per-seat spaces).",
    )
    actual_rate = fields.Float(
        string="Booked",
        readonly=True,
        aggregator="avg",
        digits=(16, 4),
        help="Share of the capacity booked in that hour (empty for hours to come).",
    )
    measured_rate = fields.Float(
        string="Measured",
        readonly=True,
        aggregator="avg",
        digits=(16, 4),
        help="Occupancy the sensors measured in that hour, when there are sensors.",
    )
    forecast_rate = fields.Float(
        string="Forecast",
        readonly=True,
        aggregator="avg",
        digits=(16, 4),
        help="Share of the capacity the active model forecasts for that hour.",
    )
    is_past = fields.Boolean(readonly=True, help="The hour has passed.")
    model_id = fields.Many2one(
        "coworking.ai.model", readonly=True, ondelete="set null", index="btree_not_null"
    )

    _sql_constraints = [
        (
            "hour_uniq",
            "UNIQUE (location_id, space_kind, hour)",
            "One row per location, kind of space and hour.",
        ),
        (
            "rates_bounded",
            "CHECK ((actual_rate IS NULL OR actual_rate BETWEEN 0 AND 1) "
            "AND (forecast_rate IS NULL OR forecast_rate BETWEEN 0 AND 1) "
            "AND (measured_rate IS NULL OR measured_rate BETWEEN 0 AND 1))",
            "A demand rate is between 0 and 1.",
        ),
    ]

    # ------------------------------------------------------------------
    # Actual demand
    # ------------------------------------------------------------------

    @api.model
    def _refresh_actuals(self, start, stop, companies=None, now=None):
        """Write the booked (and measured) demand of every hour from ``start``
        to ``stop`` (naive UTC, at most ``MAX_SPAN_DAYS``) for the spaces of
        ``companies`` (all of them by default), in one statement; the hours
        before ``now`` (the current hour by default) are past. Returns the
        number of rows written."""
        start, stop = hour_floor(start), hour_floor(stop)
        if stop <= start:
            return 0
        if stop - start > timedelta(days=MAX_SPAN_DAYS):
            raise ValueError(f"refresh at most {MAX_SPAN_DAYS} days at once")
        company_ids = tuple((companies or self.env["res.company"].search([])).ids)
        now = hour_floor(now or fields.Datetime.now())
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            WITH groups AS (
                SELECT s.company_id, s.location_id, s.kind,
                       SUM(CASE WHEN s.kind = 'hot_desk' THEN s.capacity ELSE 1 END)
                           AS capacity
                  FROM coworking_space s
                 WHERE s.active AND s.is_bookable AND s.company_id IN %(companies)s
                 GROUP BY s.company_id, s.location_id, s.kind
            ), hours AS (
                SELECT g.*, h.hour
                  FROM groups g,
                       generate_series(%(start)s::timestamp,
                                       %(stop)s::timestamp - interval '1 hour',
                                       interval '1 hour') AS h(hour)
            ), booked AS (
                SELECT b.location_id, b.space_kind AS kind, h.hour,
                       SUM(EXTRACT(EPOCH FROM
                                   LEAST(b.stop, h.hour + interval '1 hour')
                                   - GREATEST(b.start, h.hour)) / 3600.0
                           * CASE WHEN b.booking_mode = 'pooled'
                                  THEN b.seats ELSE 1 END) AS booked
                  FROM coworking_booking b
                  CROSS JOIN LATERAL generate_series(
                        date_trunc('hour', GREATEST(b.start, %(start)s::timestamp)),
                        LEAST(b.stop, %(stop)s::timestamp) - interval '1 second',
                        interval '1 hour') AS h(hour)
                 WHERE b.space_id IS NOT NULL
                   AND b.state IN %(states)s
                   AND b.company_id IN %(companies)s
                   AND b.start < %(stop)s AND b.stop > %(start)s
                 GROUP BY b.location_id, b.space_kind, h.hour
            ), measured AS (
                SELECT sh.location_id, s.kind, sh.hour,
                       AVG(sh.occupancy_rate) / 100.0 AS rate
                  FROM coworking_iot_space_hourly sh
                  JOIN coworking_space s ON s.id = sh.space_id
                 WHERE sh.hour >= %(start)s AND sh.hour < %(stop)s
                   AND sh.company_id IN %(companies)s
                 GROUP BY sh.location_id, s.kind, sh.hour
            )
            INSERT INTO coworking_ai_demand
                (company_id, location_id, space_kind, hour, hour_of_day, weekday,
                 capacity, booked, actual_rate, measured_rate, is_past,
                 create_uid, write_uid, create_date, write_date)
            SELECT hr.company_id, hr.location_id, hr.kind, hr.hour,
                   EXTRACT(HOUR FROM local.moment)::int,
                   (EXTRACT(ISODOW FROM local.moment)::int - 1)::varchar,
                   hr.capacity, COALESCE(bk.booked, 0),
                   CASE WHEN hr.hour < %(now)s
                        THEN LEAST(COALESCE(bk.booked, 0) / hr.capacity, 1) END,
                   -- LEAST ignores NULL: an hour no sensor measured stays NULL
                   CASE WHEN ms.rate IS NOT NULL THEN LEAST(ms.rate, 1) END,
                   hr.hour < %(now)s,
                   %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM hours hr
              JOIN coworking_location loc ON loc.id = hr.location_id
              CROSS JOIN LATERAL (
                    SELECT (hr.hour AT TIME ZONE 'UTC') AT TIME ZONE loc.tz AS moment
              ) local
              LEFT JOIN booked bk
                ON bk.location_id = hr.location_id AND bk.kind = hr.kind
               AND bk.hour = hr.hour
              LEFT JOIN measured ms
                ON ms.location_id = hr.location_id AND ms.kind = hr.kind
               AND ms.hour = hr.hour
             WHERE hr.capacity > 0
            ON CONFLICT (location_id, space_kind, hour) DO UPDATE
               SET capacity = EXCLUDED.capacity, booked = EXCLUDED.booked,
                   actual_rate = EXCLUDED.actual_rate,
                   measured_rate = EXCLUDED.measured_rate,
                   is_past = EXCLUDED.is_past, write_date = EXCLUDED.write_date
            """,
                companies=company_ids or (0,),
                start=start,
                stop=stop,
                now=now,
                states=DEMAND_STATES,
                uid=self.env.uid,
            )
        )
        count = self.env.cr.rowcount
        self.invalidate_model()
        return count

    # ------------------------------------------------------------------
    # What others read
    # ------------------------------------------------------------------

    @api.model
    def _forecast_rates(self, location, kind, start, stop):
        """``{hour: rate}`` forecast for the spaces of ``kind`` at ``location``
        for the hours from ``start`` to ``stop`` (naive UTC datetimes, at most
        ``MAX_SPAN_DAYS`` apart); hours without a forecast are left out. One
        query; the caller has read ``location``."""
        start = hour_floor(start)
        if stop - start > timedelta(days=MAX_SPAN_DAYS):
            stop = start + timedelta(days=MAX_SPAN_DAYS)
        self.env.cr.execute(
            SQL(
                """SELECT hour, forecast_rate FROM coworking_ai_demand
                    WHERE location_id = %s AND space_kind = %s AND hour >= %s
                      AND hour < %s AND forecast_rate IS NOT NULL""",
                location.id,
                kind,
                start,
                stop,
            )
        )
        return dict(self.env.cr.fetchall())
