# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One part of the addon's settings per file:
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .coworking_ai_llm import DEFAULT_TIMEOUT, PARAM_PREFIX, TIMEOUT_RANGE, valid_url


class ResConfigSettings(models.TransientModel):
    """Settings of the assistant's optional language model."""

    _inherit = "res.config.settings"

    coworking_ai_llm_enabled = fields.Boolean(
        string="Use a Language Model",
        config_parameter=f"{PARAM_PREFIX}enabled",
        help="Ask a self-hosted language model to sort the messages the "
        "assistant does not understand. The assistant works without it.",
    )
    coworking_ai_llm_url = fields.Char(
        string="Model URL",
        config_parameter=f"{PARAM_PREFIX}url",
        help="Base URL of an OpenAI-compatible server, e.g. "
        "http://localhost:8080/v1 (its /chat/completions endpoint is called).",
    )
    coworking_ai_llm_model = fields.Char(
        string="Model Name", config_parameter=f"{PARAM_PREFIX}model"
    )
    coworking_ai_llm_api_key = fields.Char(
        string="API Key", config_parameter=f"{PARAM_PREFIX}api_key"
    )
    coworking_ai_llm_timeout = fields.Integer(
        string="Timeout (seconds)",
        config_parameter=f"{PARAM_PREFIX}timeout",
        default=DEFAULT_TIMEOUT,
        help="Past this delay the assistant answers without the model.",
    )

    @api.constrains(
        "coworking_ai_llm_enabled", "coworking_ai_llm_url", "coworking_ai_llm_timeout"
    )
    def _check_coworking_ai_llm(self):
        low, high = TIMEOUT_RANGE
        for settings in self:
            if not low <= settings.coworking_ai_llm_timeout <= high:
                raise ValidationError(
                    self.env._(
                        "The timeout of the language model must be between "
                        "%(low)s and %(high)s seconds.",
                        low=low,
                        high=high,
                    )
                )
            url = (settings.coworking_ai_llm_url or "").strip()
            if (url or settings.coworking_ai_llm_enabled) and not valid_url(url):
                raise ValidationError(
                    self.env._(
                        "The URL of the language model must be an http:// or "
                        "https:// address."
                    )
                )
