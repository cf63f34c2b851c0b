# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import secrets

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_datetime

from .coworking_iot_reading import METRIC_SELECTION

DEVICE_KINDS = [
    ("occupancy", "Occupancy Sensor"),
    ("people_counter", "People Counter"),
    ("door", "Door / Badge Reader"),
    ("usage_counter", "Equipment Usage Counter"),
]
DEFAULT_OFFLINE_MINUTES = 15


class CoworkingIotDevice(models.Model):
    _name = "coworking.iot.device"
    _description = "IoT Device"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "location_id, space_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    uid = fields.Char(
        string="Device ID",
        required=True,
        copy=False,
        index=True,
        help="The id the device sends, and the last part of its topic but one: "
        "<prefix>/devices/<device id>/readings.",
    )
    active = fields.Boolean(default=True, tracking=True)
    kind = fields.Selection(DEVICE_KINDS, required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    location_id = fields.Many2one(
        "coworking.location",
        compute="_compute_location_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        index=True,
    )
    space_id = fields.Many2one(
        "coworking.space",
        string="Space",
        index=True,
        check_company=True,
        tracking=True,
        help="The space the device measures (occupancy sensors, people counters, "
        "door readers).",
    )
    equipment_id = fields.Many2one(
        "coworking.equipment",
        string="Equipment",
        index=True,
        check_company=True,
        tracking=True,
        help="The equipment whose usage the device counts.",
    )
    auth_mode = fields.Selection(
        [
            ("signature", "Signed messages (device secret)"),
            ("broker", "Broker user"),
        ],
        string="Authentication",
        required=True,
        default="signature",
        help="Signed messages: each reading carries an HMAC-SHA256 made with the "
        "device's secret, checked by the worker. Broker user: the broker "
        "authenticates the device and its access list lets it publish on its "
        "own topics only.",
    )
    secret = fields.Char(
        copy=False,
        groups="coworking_base.group_coworking_manager",
        default=lambda self: secrets.token_hex(16),
        help="Shared with the device to sign its readings.",
    )
    broker_username = fields.Char(copy=False)
    topic = fields.Char(compute="_compute_topic")
    status = fields.Selection(
        [("unknown", "Never Seen"), ("online", "Online"), ("offline", "Offline")],
        default="unknown",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    last_seen = fields.Datetime(readonly=True, copy=False)
    battery = fields.Float(
        string="Battery (%)", digits=(5, 1), readonly=True, copy=False
    )
    offline_minutes = fields.Integer(
        string="Offline After (minutes)",
        default=DEFAULT_OFFLINE_MINUTES,
        help="Silence after which the device is offline and the staff is told.",
    )
    last_metric = fields.Selection(METRIC_SELECTION, readonly=True, copy=False)
    last_value = fields.Float(readonly=True, copy=False)
    last_reading_at = fields.Datetime(readonly=True, copy=False)
    counter_value = fields.Float(
        readonly=True,
        copy=False,
        help="The last total of a usage counter (pages, hours): usage is its increase.",
    )
    occupancy_value = fields.Float(
        string="People Now",
        digits=(16, 0),
        readonly=True,
        copy=False,
        help="The last presence (0 or 1) or people count the device sent.",
    )
    reading_count = fields.Integer(compute="_compute_reading_count")

    _sql_constraints = [
        ("uid_unique", "unique(uid)", "Another device already has this id."),
        (
            "uid_format",
            "CHECK(uid ~ '^[A-Za-z0-9_.:-]{1,64}$')",
            "A device id is 1 to 64 letters, digits, '_', '.', ':' or '-' (it is "
            "part of the device's topics).",
        ),
        (
            "offline_minutes_range",
            "CHECK(offline_minutes BETWEEN 1 AND 10080)",
            "A device is offline after 1 minute to 7 days of silence.",
        ),
    ]

    @api.depends("space_id", "equipment_id")
    def _compute_location_id(self):
        for device in self:
            device.location_id = (
                device.space_id.location_id
                or device.equipment_id.location_id
                or device.location_id
            )

    @api.depends("uid")
    def _compute_topic(self):
        prefix = self._topic_prefix()
        for device in self:
            device.topic = f"{prefix}/devices/{device.uid or '<id>'}/readings"

    def _compute_reading_count(self):
        counts = dict(
            self.env["coworking.iot.reading"]._read_group(
                [("device_id", "in", self.ids)], ["device_id"], ["__count"]
            )
        )
        for device in self:
            device.reading_count = counts.get(device, 0)

    @api.constrains("kind", "space_id", "equipment_id")
    def _check_measured(self):
        for device in self:
            if device.kind == "usage_counter" and not device.equipment_id:
                raise ValidationError(
                    self.env._(
                        "%(device)s counts an equipment's usage: choose the equipment.",
                        device=device.display_name,
                    )
                )
            if device.kind != "usage_counter" and not device.space_id:
                raise ValidationError(
                    self.env._(
                        "%(device)s measures a space: choose the space.",
                        device=device.display_name,
                    )
                )

    @api.model
    def _topic_prefix(self):
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("coworking_iot.topic_prefix", "coworking")
        )

    def action_regenerate_secret(self):
        for device in self:
            device.sudo().secret = secrets.token_hex(16)
        return True

    def action_view_readings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_iot.coworking_iot_reading_action"
        )
        action["domain"] = [("device_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------

    @api.model
    def _cron_mark_offline(self, limit=500):
        """Devices silent for longer than their offline delay go offline and
        the staff gets an activity on each (one, not one per run)."""
        now = fields.Datetime.now()
        self.flush_model(["active", "status", "last_seen", "offline_minutes"])
        self.env.cr.execute(
            """
            SELECT id FROM coworking_iot_device
             WHERE active AND status = 'online'
               AND last_seen < %s::timestamp - offline_minutes * interval '1 minute'
             ORDER BY id LIMIT %s
            """,
            [now, limit + 1],
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        silent = self.browse(ids[:limit])
        silent.write({"status": "offline"})
        silent._notify_offline()
        self.env["ir.cron"]._notify_progress(
            done=len(silent), remaining=max(len(ids) - limit, 0)
        )
        return silent

    def _notify_offline(self):
        activity_type = self.env.ref("coworking_iot.mail_activity_type_device_offline")
        already = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        told = set(already.mapped("res_id"))
        for device in self.filtered(lambda d: d.id not in told):
            # told in the manager's language and time zone (a cron or the
            # worker has neither)
            responsible = device._offline_responsible()
            env = device.with_context(lang=responsible.lang).env
            # a device goes offline after being heard: it has a last seen
            last = format_datetime(env, device.last_seen, tz=responsible.tz)
            device.activity_schedule(
                activity_type_id=activity_type.id,
                summary=env._("Device offline"),
                note=env._(
                    "%(device)s sent nothing since %(last)s.",
                    device=device.display_name,
                    last=last,
                ),
                user_id=responsible.id,
            )

    def _offline_responsible(self):
        """A manager of the device's company."""
        self.ensure_one()
        group = self.env.ref("coworking_base.group_coworking_manager")
        users = group.users.filtered(
            lambda u: self.company_id in u.company_ids and not u.share
        )
        return users.sorted("id")[:1] or self.env.ref("base.user_admin")

    def _back_online(self):
        """Devices heard again: online, and their offline activity done."""
        activity_type = self.env.ref("coworking_iot.mail_activity_type_device_offline")
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        for activity in activities:
            env = activity.with_context(lang=activity.user_id.lang).env
            activity.action_feedback(feedback=env._("The device is back online."))
