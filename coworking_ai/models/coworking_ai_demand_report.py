# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The demand per hour with one row per series (booked, forecast, measured),
so that a graph draws the forecast as a line next to what was booked (for
the hours to come: what is booked so far)."""

from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.coworking_base.models.coworking_space import SPACE_KINDS

from .coworking_ai_demand import WEEKDAYS

SERIES = [
    ("booked", "Booked"),
    ("forecast", "Forecast"),
    ("measured", "Measured by sensors"),
]


class CoworkingAiDemandReport(models.Model):
    _name = "coworking.ai.demand.report"
    _description = "Coworking Demand: Booked, Forecast and Measured"
    _auto = False
    _order = "hour desc"
    _rec_name = "hour"

    company_id = fields.Many2one("res.company", readonly=True)
    location_id = fields.Many2one("coworking.location", readonly=True)
    space_kind = fields.Selection(SPACE_KINDS, readonly=True)
    hour = fields.Datetime(readonly=True)
    hour_of_day = fields.Integer(readonly=True, aggregator=None)
    weekday = fields.Selection(WEEKDAYS, readonly=True)
    is_past = fields.Boolean(readonly=True)
    series = fields.Selection(SERIES, readonly=True)
    rate = fields.Float(
        string="Share of Capacity",
        readonly=True,
        aggregator="avg",
        digits=(16, 4),
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        columns = SQL(
            "d.company_id, d.location_id, d.space_kind, d.hour, d.hour_of_day, "
            "d.weekday, d.is_past"
        )
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %(view)s AS
                   SELECT d.id * 3 AS id, %(columns)s, 'booked' AS series,
                          COALESCE(d.actual_rate,
                                   LEAST(d.booked / NULLIF(d.capacity, 0), 1)) AS rate
                     FROM coworking_ai_demand d
                    WHERE d.actual_rate IS NOT NULL OR d.capacity > 0
                   UNION ALL
                   SELECT d.id * 3 + 1, %(columns)s, 'forecast', d.forecast_rate
                     FROM coworking_ai_demand d WHERE d.forecast_rate IS NOT NULL
                   UNION ALL
                   SELECT d.id * 3 + 2, %(columns)s, 'measured', d.measured_rate
                     FROM coworking_ai_demand d WHERE d.measured_rate IS NOT NULL""",
                view=SQL.identifier(self._table),
                columns=columns,
            )
        )
