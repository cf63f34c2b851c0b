# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class EventEventTicket(models.Model):
    _inherit = "event.event.ticket"

    coworking_location_ids = fields.Many2many(
        "event.track.location",
        string="Rooms Opened",
        help="Restricted rooms this ticket opens (a VIP lounge, a workshop "
        "room). Rooms that are not restricted are open to every registered "
        "person.",
    )
    coworking_track_ids = fields.Many2many(
        "event.track",
        "coworking_event_track_ticket_rel",
        "ticket_id",
        "track_id",
        string="Workshops",
        help="Paid sessions this ticket gives access to, once paid.",
    )
