# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import slots as slot_tools


class CoworkingLocation(models.Model):
    """Cancellation policy and opening periods of a location."""

    _name = "coworking.location"
    _inherit = ["coworking.location", "coworking.catalogue.mixin"]

    cancel_free_hours = fields.Integer(
        string="Free Cancellation (hours before)",
        default=24,
        help="Members and guests can cancel or reschedule for free until this "
        "many hours before the start; later, a cancellation costs the fee below "
        "and a reschedule is refused.",
    )
    cancel_fee_percent = fields.Float(
        string="Late Cancellation Fee (%)",
        default=50.0,
        digits=(5, 2),
        help="Share of the booking price kept when a booking is cancelled late.",
    )
    booking_count = fields.Integer(compute="_compute_booking_count")

    _sql_constraints = [
        (
            "cancel_fee_percent_range",
            "CHECK (cancel_fee_percent >= 0 AND cancel_fee_percent <= 100)",
            "The late cancellation fee is a percentage between 0 and 100.",
        ),
    ]

    def _compute_booking_count(self):
        data = self.env["coworking.booking"]._read_group(
            [("location_id", "in", self.ids), ("state", "in", ("confirmed", "held"))],
            ["location_id"],
            ["__count"],
        )
        counts = {location.id: count for location, count in data}
        for location in self:
            location.booking_count = counts.get(location.id, 0)

    @api.constrains("cancel_free_hours")
    def _check_cancel_free_hours(self):
        for location in self:
            if location.cancel_free_hours < 0:
                raise ValidationError(
                    self.env._(
                        "The free cancellation delay of '%(location)s' cannot be "
                        "negative.",
                        location=location.display_name,
                    )
                )

    def action_view_bookings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_booking.coworking_booking_action"
        )
        action["domain"] = [("location_id", "=", self.id)]
        return action

    def _opening_periods(self, targets, date_from, date_to):
        """``{resource id: merged open periods (naive UTC)}`` of ``targets``
        (spaces or equipment of this location) between two naive UTC
        datetimes: one computation of the opening hours for them all."""
        self.ensure_one()
        memo = self.env["coworking.booking"]._request_memo_dict()
        key = (
            "opening",
            self.id,
            tuple(targets.mapped("resource_id").ids),
            date_from,
            date_to,
        )
        if memo is not None and key in memo:
            return memo[key]
        tz = pytz.timezone(self.tz)
        resources = (
            self.env["resource.resource"]
            .sudo()
            .concat(*(t.resource_id for t in targets))
        )
        intervals = self.resource_calendar_id._work_intervals_batch(
            pytz.utc.localize(date_from),
            pytz.utc.localize(date_to),
            resources=resources,
            tz=tz,
        )
        opened = {
            target.resource_id.id: slot_tools.merge_periods(
                (slot_tools.to_naive_utc(a), slot_tools.to_naive_utc(b))
                for a, b, _rec in intervals[target.resource_id.id]
            )
            for target in targets
        }
        if memo is not None:
            memo[key] = opened
        return opened
