# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL


class CoworkingEventScanGuard(models.Model):
    """One row per person of an event and per room of an event with a
    capacity, written by every scan concerning them. Odoo's transactions
    read a snapshot: two scans of one person (or two entries of one room)
    at once would each miss the other. Both write this row first: the
    second waits for the first, then PostgreSQL refuses its stale snapshot
    and Odoo retries the request, which then sees the first scan."""

    _name = "coworking.event.scan.guard"
    _description = "Badge Scan Guard"
    _log_access = False

    event_id = fields.Many2one(
        "event.event", required=True, ondelete="cascade", index=False
    )
    partner_ref = fields.Integer(required=True, default=0)
    location_ref = fields.Integer(required=True, default=0)
    hits = fields.Integer(required=True, default=0)

    _sql_constraints = [
        (
            "guard_uniq",
            "UNIQUE (event_id, partner_ref, location_ref)",
            "One guard per person and per room of an event.",
        ),
    ]

    @api.model
    def _hold(self, event, partner=None, location=None):
        """Write the guard row of ``partner`` (or of ``location``) in
        ``event``; may raise a serialization failure, which Odoo's request
        loop retries (not logged as an error)."""
        self.env.cr.execute(
            SQL(
                "INSERT INTO coworking_event_scan_guard "
                "(event_id, partner_ref, location_ref, hits) VALUES (%s, %s, %s, 1) "
                "ON CONFLICT (event_id, partner_ref, location_ref) "
                "DO UPDATE SET hits = coworking_event_scan_guard.hits + 1",
                event.id,
                partner.id if partner else 0,
                location.id if location else 0,
            ),
            log_exceptions=False,
        )
