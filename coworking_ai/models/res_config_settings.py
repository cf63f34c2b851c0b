# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .coworking_ai_demand_training import (
    DEFAULT_HELD_OUT_WEEKS,
    DEFAULT_HISTORY_DAYS,
    DEFAULT_HORIZON_DAYS,
    HISTORY_DAYS_RANGE,
    HORIZON_DAYS_RANGE,
    WEEKS_RANGE,
)
from .coworking_equipment_maintenance import DEFAULT_HORIZON_DAYS as RISK_HORIZON
from .coworking_equipment_maintenance import DEFAULT_THRESHOLD as RISK_THRESHOLD

RISK_HORIZON_RANGE = (1, 90)
RISK_THRESHOLD_RANGE = (5, 95)


class ResConfigSettings(models.TransientModel):
    """Settings of the forecast and of predictive maintenance; the
    assistant's are in ``res_config_settings_assistant.py``."""

    _inherit = "res.config.settings"

    coworking_ai_history_days = fields.Integer(
        string="History Learned From (days)",
        config_parameter="coworking_ai.history_days",
        default=DEFAULT_HISTORY_DAYS,
    )
    coworking_ai_held_out_weeks = fields.Integer(
        string="Held-out Weeks",
        config_parameter="coworking_ai.held_out_weeks",
        default=DEFAULT_HELD_OUT_WEEKS,
    )
    coworking_ai_horizon_days = fields.Integer(
        string="Forecast Horizon (days)",
        config_parameter="coworking_ai.horizon_days",
        default=DEFAULT_HORIZON_DAYS,
    )

    coworking_ai_maintenance_horizon_days = fields.Integer(
        string="Warn Before a Failure (days)",
        config_parameter="coworking_ai.maintenance_horizon_days",
        default=RISK_HORIZON,
    )
    coworking_ai_maintenance_threshold_percent = fields.Integer(
        string="Risk That Opens a Request (%)",
        default=round(RISK_THRESHOLD * 100),
    )

    @api.model
    def get_values(self):
        res = super().get_values()
        raw = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("coworking_ai.maintenance_risk_threshold")
        )
        try:
            threshold = float(raw) if raw else RISK_THRESHOLD
        except ValueError:
            threshold = RISK_THRESHOLD
        res["coworking_ai_maintenance_threshold_percent"] = round(threshold * 100)
        return res

    def set_values(self):
        res = super().set_values()
        self.env["ir.config_parameter"].sudo().set_param(
            "coworking_ai.maintenance_risk_threshold",
            str(self.coworking_ai_maintenance_threshold_percent / 100),
        )
        return res

    @api.constrains(
        "coworking_ai_maintenance_horizon_days",
        "coworking_ai_maintenance_threshold_percent",
        "coworking_ai_history_days",
        "coworking_ai_held_out_weeks",
        "coworking_ai_horizon_days",
    )
    def _check_coworking_ai_ranges(self):
        checks = (
            ("coworking_ai_history_days", HISTORY_DAYS_RANGE),
            ("coworking_ai_held_out_weeks", WEEKS_RANGE),
            ("coworking_ai_horizon_days", HORIZON_DAYS_RANGE),
            ("coworking_ai_maintenance_horizon_days", RISK_HORIZON_RANGE),
            ("coworking_ai_maintenance_threshold_percent", RISK_THRESHOLD_RANGE),
        )
        for settings in self:
            for name, (low, high) in checks:
                if not low <= settings[name] <= high:
                    raise ValidationError(
                        self.env._(
                            "%(field)s must be between %(low)s and %(high)s.",
                            field=self._fields[name].get_description(self.env)[
                                "string"
                            ],
                            low=low,
                            high=high,
                        )
                    )
