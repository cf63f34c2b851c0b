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


class ResConfigSettings(models.TransientModel):
    """Settings of the forecast; the other parts of the addon add theirs in
    files of their own (``res_config_settings_<part>.py``)."""

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

    @api.constrains(
        "coworking_ai_history_days",
        "coworking_ai_held_out_weeks",
        "coworking_ai_horizon_days",
    )
    def _check_coworking_ai_ranges(self):
        checks = (
            ("coworking_ai_history_days", HISTORY_DAYS_RANGE),
            ("coworking_ai_held_out_weeks", WEEKS_RANGE),
            ("coworking_ai_horizon_days", HORIZON_DAYS_RANGE),
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
