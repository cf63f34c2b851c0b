# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The under- and over-used spaces, for the operator: a report (a SQL view,
always current) of each bookable space's use over the 30 days before today,
next to the average of the spaces of its kind at its location and to the
forecast of the next 14 days (``coworking.ai.demand``)."""

from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.coworking_base.models.coworking_space import SPACE_KINDS

from .coworking_ai_demand import DEMAND_STATES

# the days of use measured, and of forecast read
PAST_DAYS = 30
FORECAST_DAYS = 14
# over-used: booked (or forecast) at least this share of the opening hours
OVER_USED = 0.8
# under-used: booked less than this share of the opening hours, or less than
# this share of the average of the spaces of its kind at its location
UNDER_USED = 0.2
UNDER_GROUP_SHARE = 0.5


class CoworkingAiSpaceUsage(models.Model):
    _name = "coworking.ai.space.usage"
    _description = "Coworking Space Usage"
    _auto = False
    _order = "verdict_sequence, utilisation desc, space_id"
    _rec_name = "space_id"

    space_id = fields.Many2one("coworking.space", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    location_id = fields.Many2one("coworking.location", readonly=True)
    kind = fields.Selection(SPACE_KINDS, readonly=True)
    capacity = fields.Integer(readonly=True, aggregator="sum")
    open_hours = fields.Float(
        readonly=True,
        digits=(16, 1),
        help=f"Opening hours of the {PAST_DAYS} days before today.",
    )
    booked_hours = fields.Float(
        readonly=True,
        digits=(16, 1),
        help="Hours booked in those days (for a per-seat space, seat-hours "
        "divided by its seats).",
    )
    booking_count = fields.Integer(string="Bookings", readonly=True)
    utilisation = fields.Float(
        string="Use (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help=f"Share of the opening hours of the {PAST_DAYS} days before today "
        "that were booked.",
    )
    group_utilisation = fields.Float(
        string="Kind Avg. (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Average use of the spaces of this kind at this location.",
    )
    forecast_rate = fields.Float(
        string="Forecast (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help=f"Occupancy the demand forecast expects for this kind of space at "
        f"this location over the opening hours of the next {FORECAST_DAYS} days "
        "(empty without a forecast).",
    )
    verdict = fields.Selection(
        [
            ("over", "Over-used"),
            ("balanced", "Balanced"),
            ("under", "Under-used"),
            ("unknown", "No opening hours"),
        ],
        readonly=True,
        help=f"Over-used: booked or forecast at least {OVER_USED:.0%} of the "
        f"opening hours. Under-used: booked less than {UNDER_USED:.0%} of "
        f"them, or less than {UNDER_GROUP_SHARE:.0%} of the average of its "
        "kind at its location.",
    )
    verdict_sequence = fields.Integer(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._usage_query(),
            )
        )

    def _open_attendance(self, alias, calendar):
        """Conditions of an attendance ``alias`` of the opening hours
        ``calendar`` (an SQL expression) that opens the place: a line of the
        calendar itself (not a section, a lunch break or one resource's)."""
        return SQL(
            """%(a)s.calendar_id = %(calendar)s
               AND %(a)s.display_type IS NULL
               AND %(a)s.resource_id IS NULL
               AND COALESCE(%(a)s.day_period, '') != 'lunch'""",
            a=SQL.identifier(alias),
            calendar=calendar,
        )

    def _usage_query(self):
        return SQL(
            """
            WITH spaces AS (
                SELECT s.id, s.company_id, s.location_id, s.kind, s.capacity,
                       s.booking_mode,
                       COALESCE(s.resource_calendar_id, loc.resource_calendar_id)
                           AS calendar_id,
                       (now() AT TIME ZONE loc.tz)::date AS today,
                       ((date_trunc('day', now() AT TIME ZONE loc.tz)
                         - make_interval(days => %(past)s))
                        AT TIME ZONE loc.tz) AT TIME ZONE 'UTC' AS past_start,
                       (date_trunc('day', now() AT TIME ZONE loc.tz)
                        AT TIME ZONE loc.tz) AT TIME ZONE 'UTC' AS past_stop
                  FROM coworking_space s
                  JOIN coworking_location loc ON loc.id = s.location_id
                 WHERE s.active AND s.is_bookable
            ), opened AS (
                SELECT sp.id AS space_id, SUM(a.hour_to - a.hour_from) AS hours
                  FROM spaces sp
                 CROSS JOIN LATERAL generate_series(
                       (sp.today - %(past)s)::timestamp,
                       (sp.today - 1)::timestamp,
                       interval '1 day') AS d(day)
                  JOIN resource_calendar cal ON cal.id = sp.calendar_id
                  JOIN resource_calendar_attendance a
                    ON %(open_past)s
                   AND a.dayofweek::int = EXTRACT(ISODOW FROM d.day)::int - 1
                   AND (a.date_from IS NULL OR a.date_from <= d.day::date)
                   AND (a.date_to IS NULL OR a.date_to >= d.day::date)
                   AND (NOT COALESCE(cal.two_weeks_calendar, FALSE)
                        OR a.week_type::int
                           = MOD((d.day::date - DATE '0001-01-01') / 7, 2))
                 GROUP BY sp.id
            ), booked AS (
                SELECT sp.id AS space_id, COUNT(*) AS bookings,
                       SUM(EXTRACT(EPOCH FROM LEAST(b.stop, sp.past_stop)
                                   - GREATEST(b.start, sp.past_start)) / 3600.0
                           * CASE WHEN sp.booking_mode = 'pooled'
                                  THEN b.seats::float / sp.capacity ELSE 1 END)
                           AS hours
                  FROM spaces sp
                  JOIN coworking_booking b
                    ON b.space_id = sp.id
                   AND b.state IN %(states)s
                   AND b.start < sp.past_stop AND b.stop > sp.past_start
                 GROUP BY sp.id
            ), forecast AS (
                SELECT d.location_id, d.space_kind AS kind,
                       AVG(d.forecast_rate) AS rate
                  FROM coworking_ai_demand d
                  JOIN coworking_location loc ON loc.id = d.location_id
                 WHERE d.forecast_rate IS NOT NULL
                   AND d.hour >= now() AT TIME ZONE 'UTC'
                   AND d.hour < now() AT TIME ZONE 'UTC'
                                + make_interval(days => %(forecast)s)
                   AND EXISTS (
                        SELECT 1 FROM resource_calendar_attendance a
                         WHERE %(open_forecast)s
                           AND a.dayofweek = d.weekday
                           AND d.hour_of_day >= a.hour_from
                           AND d.hour_of_day < a.hour_to)
                 GROUP BY d.location_id, d.space_kind
            ), used AS (
                SELECT sp.id, sp.company_id, sp.location_id, sp.kind, sp.capacity,
                       COALESCE(op.hours, 0) AS open_hours,
                       COALESCE(bk.hours, 0) AS booked_hours,
                       COALESCE(bk.bookings, 0) AS booking_count,
                       CASE WHEN op.hours > 0
                            THEN LEAST(COALESCE(bk.hours, 0) / op.hours, 1) END
                           AS rate,
                       fc.rate AS forecast
                  FROM spaces sp
                  LEFT JOIN opened op ON op.space_id = sp.id
                  LEFT JOIN booked bk ON bk.space_id = sp.id
                  LEFT JOIN forecast fc
                    ON fc.location_id = sp.location_id AND fc.kind = sp.kind
            ), compared AS (
                SELECT u.*, AVG(u.rate) OVER (PARTITION BY u.location_id, u.kind)
                           AS group_rate
                  FROM used u
            ), judged AS (
                SELECT c.*,
                       CASE WHEN c.rate IS NULL THEN 'unknown'
                            WHEN c.rate >= %(over)s
                              OR COALESCE(c.forecast, 0) >= %(over)s THEN 'over'
                            WHEN c.rate < %(under)s
                              OR c.rate < c.group_rate * %(share)s THEN 'under'
                            ELSE 'balanced' END AS verdict
                  FROM compared c
            )
            SELECT j.id, j.id AS space_id, j.company_id, j.location_id, j.kind,
                   j.capacity, j.open_hours, j.booked_hours, j.booking_count,
                   ROUND((j.rate * 100)::numeric, 1) AS utilisation,
                   ROUND((j.group_rate * 100)::numeric, 1) AS group_utilisation,
                   ROUND((j.forecast * 100)::numeric, 1) AS forecast_rate,
                   j.verdict,
                   CASE j.verdict WHEN 'over' THEN 1 WHEN 'under' THEN 2
                                  WHEN 'balanced' THEN 3 ELSE 4 END
                       AS verdict_sequence
              FROM judged j
            """,
            past=PAST_DAYS,
            forecast=FORECAST_DAYS,
            states=DEMAND_STATES,
            over=OVER_USED,
            under=UNDER_USED,
            share=UNDER_GROUP_SHARE,
            open_past=self._open_attendance("a", SQL("cal.id")),
            open_forecast=self._open_attendance("a", SQL("loc.resource_calendar_id")),
        )
