# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class EventTrackLocation(models.Model):
    """A room of the events (Odoo's track location): its capacity, whether it
    is restricted to some tickets, and who is inside now."""

    _inherit = "event.track.location"

    coworking_space_id = fields.Many2one(
        "coworking.space",
        string="Coworking Space",
        help="The space of the coworking this room is, if any.",
    )
    coworking_capacity = fields.Integer(
        string="Capacity",
        help="People allowed inside at once; entries beyond it are refused. "
        "0: no limit.",
    )
    coworking_restricted = fields.Boolean(
        string="Restricted",
        help="Only the tickets (or registrations) that open this room enter it.",
    )
    coworking_occupancy = fields.Integer(
        string="Inside Now", compute="_compute_coworking_occupancy"
    )

    _sql_constraints = [
        (
            "coworking_capacity_positive",
            "CHECK (coworking_capacity >= 0)",
            "A room's capacity cannot be negative.",
        ),
    ]

    def _compute_coworking_occupancy(self):
        scans = self.env["coworking.event.scan"]
        counts = scans._occupancy_by_location(self)
        for location in self:
            location.coworking_occupancy = counts.get(location.id, 0)
