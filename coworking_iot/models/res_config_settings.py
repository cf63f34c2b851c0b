# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coworking_iot_broker_host = fields.Char(
        string="MQTT Broker Host",
        config_parameter="coworking_iot.broker_host",
        default="127.0.0.1",
    )
    coworking_iot_broker_port = fields.Integer(
        string="MQTT Broker Port",
        config_parameter="coworking_iot.broker_port",
        default=1883,
    )
    coworking_iot_broker_tls = fields.Boolean(
        string="TLS", config_parameter="coworking_iot.broker_tls"
    )
    coworking_iot_broker_ca_file = fields.Char(
        string="CA Certificate File",
        config_parameter="coworking_iot.broker_ca_file",
        help="Path, on the worker's machine, of the certificate authority that "
        "signed the broker's certificate (empty: the system's).",
    )
    coworking_iot_broker_username = fields.Char(
        string="Broker Username", config_parameter="coworking_iot.broker_username"
    )
    coworking_iot_broker_password = fields.Char(
        string="Broker Password", config_parameter="coworking_iot.broker_password"
    )
    coworking_iot_topic_prefix = fields.Char(
        string="Topic Prefix",
        config_parameter="coworking_iot.topic_prefix",
        default="coworking",
    )
    coworking_iot_retention_days = fields.Integer(
        string="Keep Raw Readings (days)",
        config_parameter="coworking_iot.retention_days",
        default=30,
    )
    coworking_iot_max_future_seconds = fields.Integer(
        string="Clock Ahead Tolerated (s)",
        config_parameter="coworking_iot.max_future_seconds",
        default=300,
    )
    coworking_iot_max_age_seconds = fields.Integer(
        string="Oldest Reading Taken (s)",
        config_parameter="coworking_iot.max_age_seconds",
        default=86400,
    )

    @api.constrains(
        "coworking_iot_broker_port",
        "coworking_iot_retention_days",
        "coworking_iot_max_future_seconds",
        "coworking_iot_max_age_seconds",
        "coworking_iot_topic_prefix",
    )
    def _check_coworking_iot(self):
        for settings in self:
            if not 1 <= settings.coworking_iot_broker_port <= 65535:
                raise ValidationError(self.env._("The broker's port is 1 to 65535."))
            if not 1 <= settings.coworking_iot_retention_days <= 3660:
                raise ValidationError(
                    self.env._("Raw readings are kept 1 to 3660 days.")
                )
            if not 0 <= settings.coworking_iot_max_future_seconds <= 86400:
                raise ValidationError(
                    self.env._("A device's clock may be ahead by 0 to 86400 seconds.")
                )
            if not 60 <= settings.coworking_iot_max_age_seconds <= 30 * 86400:
                raise ValidationError(
                    self.env._(
                        "Readings are taken from 60 seconds to 30 days after they "
                        "were measured."
                    )
                )
            prefix = settings.coworking_iot_topic_prefix or ""
            if (
                not prefix
                or any(char in prefix for char in "#+$ ")
                or prefix.endswith("/")
            ):
                raise ValidationError(
                    self.env._(
                        "The topic prefix is a topic's start, such as 'coworking' or "
                        "'acme/coworking', without wildcards, spaces or '$'."
                    )
                )
