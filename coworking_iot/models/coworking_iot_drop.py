# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..tools.contract import DROP_REASONS


class CoworkingIotDrop(models.Model):
    """Messages the worker dropped, counted per day, reason and device id
    (an unknown device's too: the id in its topic)."""

    _name = "coworking.iot.drop"
    _description = "Dropped IoT Messages"
    _order = "day desc, count desc"
    _log_access = False
    _rec_name = "reason"

    day = fields.Date(required=True, readonly=True, index=True)
    reason = fields.Selection(list(DROP_REASONS.items()), required=True, readonly=True)
    uid = fields.Char(string="Device ID", required=True, readonly=True)
    device_id = fields.Many2one(
        "coworking.iot.device",
        readonly=True,
        ondelete="cascade",
        index="btree_not_null",
    )
    company_id = fields.Many2one("res.company", readonly=True)
    count = fields.Integer(readonly=True)
    last_payload = fields.Char(
        readonly=True, help="The start of the last message dropped for this reason."
    )
    last_at = fields.Datetime(string="Last Dropped", readonly=True)

    _sql_constraints = [
        (
            "drop_unique",
            "unique(day, reason, uid)",
            "One counter per day, reason and id.",
        ),
    ]
