# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.contract import METRICS

METRIC_SELECTION = [
    ("presence", "Presence"),
    ("people", "People"),
    ("entries", "Entries"),
    ("pages", "Pages (counter)"),
    ("hours", "Hours (counter)"),
    ("battery", "Battery"),
]
assert {key for key, _label in METRIC_SELECTION} == set(METRICS)
DEFAULT_RETENTION_DAYS = 30


class CoworkingIotReading(models.Model):
    """One message of a sensor, as it arrived: kept for the retention period,
    then only its hour's aggregate remains (``coworking.iot.reading.hourly``,
    kept up to date as readings are written)."""

    _name = "coworking.iot.reading"
    _description = "IoT Reading"
    _order = "measured_at desc, id desc"
    _log_access = False
    _rec_name = "message_id"

    device_id = fields.Many2one(
        "coworking.iot.device", required=True, ondelete="cascade", readonly=True
    )
    message_id = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    space_id = fields.Many2one("coworking.space", readonly=True, index=True)
    equipment_id = fields.Many2one("coworking.equipment", readonly=True, index=True)
    metric = fields.Selection(METRIC_SELECTION, required=True, readonly=True)
    value = fields.Float(required=True, readonly=True)
    measured_at = fields.Datetime(required=True, readonly=True, index=True)
    received_at = fields.Datetime(required=True, readonly=True)

    _sql_constraints = [
        (
            "message_unique",
            "unique(device_id, message_id)",
            "A device's message is stored once.",
        ),
    ]

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS coworking_iot_reading_device_time_idx "
            "ON coworking_iot_reading (device_id, measured_at)"
        )

    @api.model
    def _retention_days(self):
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("coworking_iot.retention_days", DEFAULT_RETENTION_DAYS)
        )
        return min(max(days, 1), 3660)

    @api.model
    def _cron_purge(self, chunk=20000):
        """Remove the raw readings older than the retention period, a chunk
        at a time (their hours stay in the hourly aggregates)."""
        limit = fields.Datetime.now() - timedelta(days=self._retention_days())
        self.env.cr.execute(
            SQL(
                """
                WITH old AS (
                    SELECT id FROM coworking_iot_reading
                     WHERE measured_at < %(limit)s
                     ORDER BY measured_at LIMIT %(chunk)s
                )
                DELETE FROM coworking_iot_reading r USING old WHERE r.id = old.id
                """,
                limit=limit,
                chunk=chunk,
            )
        )
        done = self.env.cr.rowcount
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM coworking_iot_reading WHERE measured_at < %s",
                limit,
            )
        )
        remaining = self.env.cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done
