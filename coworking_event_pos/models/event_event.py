# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    coworking_desk_ids = fields.One2many(
        "pos.config",
        "coworking_event_id",
        string="Cashier's Desks",
        help="The desks selling this event's tickets and workshops.",
    )
