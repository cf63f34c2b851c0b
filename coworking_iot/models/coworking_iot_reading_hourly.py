# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .coworking_iot_reading import METRIC_SELECTION

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class CoworkingIotReadingHourly(models.Model):
    """A device's readings of one metric in one hour, summed up as they are
    written: what the graphs and the history read, long after the raw
    readings are gone."""

    _name = "coworking.iot.reading.hourly"
    _description = "IoT Readings per Hour"
    _order = "hour desc, device_id"
    _log_access = False
    _rec_name = "hour"

    device_id = fields.Many2one(
        "coworking.iot.device", required=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    location_id = fields.Many2one("coworking.location", readonly=True, index=True)
    space_id = fields.Many2one("coworking.space", readonly=True, index=True)
    equipment_id = fields.Many2one("coworking.equipment", readonly=True, index=True)
    metric = fields.Selection(METRIC_SELECTION, required=True, readonly=True)
    hour = fields.Datetime(required=True, readonly=True, index=True)
    hour_of_day = fields.Integer(
        string="Hour of Day",
        readonly=True,
        aggregator=False,
        help="The hour on the location's clock (0-23).",
    )
    weekday = fields.Selection(WEEKDAYS, readonly=True)
    reading_count = fields.Integer(string="Readings", readonly=True)
    value_sum = fields.Float(string="Sum", readonly=True)
    value_min = fields.Float(string="Lowest", readonly=True, aggregator="min")
    value_max = fields.Float(string="Highest", readonly=True, aggregator="max")
    value_avg = fields.Float(string="Average", readonly=True, aggregator="avg")
    occupancy_rate = fields.Float(
        string="Occupancy (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="The hour's average people (or presence) against the space's " "capacity.",
    )

    _sql_constraints = [
        (
            "hour_unique",
            "unique(device_id, metric, hour)",
            "One aggregate per device, metric and hour.",
        ),
    ]
