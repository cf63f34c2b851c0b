# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models


class CoworkingQueueTicket(models.Model):
    _inherit = "coworking.queue.ticket"

    booking_id = fields.Many2one(
        "coworking.booking",
        readonly=True,
        index="btree_not_null",
        help="The booking this appointment ticket was taken for.",
    )

    @api.model
    def _appointment_for(self, queue, partner, now):
        """The visitor's confirmed booking at the queue's location starting
        near ``now`` makes the ticket an appointment at the booking's start."""
        if partner and queue.booking_appointments:
            window = timedelta(minutes=queue.booking_lead_minutes)
            booking = (
                self.env["coworking.booking"]
                .sudo()
                .search(
                    [
                        ("partner_id", "child_of", partner.commercial_partner_id.id),
                        ("location_id", "=", queue.location_id.id),
                        ("state", "in", ("confirmed", "checked_in")),
                        ("start", ">=", now - window),
                        ("start", "<=", now + window),
                    ],
                    order="start",
                    limit=1,
                )
            )
            if booking:
                return {"appointment_at": booking.start, "booking_id": booking.id}
        return super()._appointment_for(queue, partner, now)
