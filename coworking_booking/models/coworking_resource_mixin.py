# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CoworkingResourceMixin(models.AbstractModel):
    """Booking rules and rates shared by spaces and equipment."""

    _inherit = "coworking.resource.mixin"

    booking_slot_minutes = fields.Integer(
        string="Slot Step (min)",
        default=30,
        help="Bookings start on multiples of this step, counted from midnight "
        "in the location's timezone.",
    )
    booking_min_minutes = fields.Integer(string="Minimum Duration (min)", default=30)
    booking_max_minutes = fields.Integer(
        string="Maximum Duration (min)",
        default=600,
        help="A booking lies within one opening period of the location and lasts "
        "at most this long.",
    )
    booking_buffer_minutes = fields.Integer(
        string="Buffer (min)",
        default=0,
        help="Time kept free after each booking (cleaning, set-up).",
    )
    booking_notice_minutes = fields.Integer(
        string="Minimum Notice (min)",
        default=60,
        help="Members and guests cannot book later than this before the start. "
        "Staff can.",
    )
    booking_horizon_days = fields.Integer(
        string="Booking Horizon (days)",
        default=90,
        help="Members and guests cannot book further ahead than this. Staff can.",
    )
    rate_product_ids = fields.Many2many(
        "product.product",
        string="Rates",
        check_company=True,
        domain="[('coworking_rate_hours', '>', 0)]",
        help="Products sold for a booking, e.g. hour, half-day and day rates. "
        "The cheapest combination covering the duration is used; the price of "
        "each product comes from the customer's pricelist.",
    )

    @api.constrains(
        "booking_slot_minutes",
        "booking_min_minutes",
        "booking_max_minutes",
        "booking_buffer_minutes",
        "booking_notice_minutes",
        "booking_horizon_days",
    )
    def _check_booking_rules(self):
        for record in self:
            if record.booking_slot_minutes < 5 or record.booking_slot_minutes > 1440:
                raise ValidationError(
                    self.env._(
                        "The slot step of '%(name)s' must be between 5 minutes "
                        "and one day.",
                        name=record.display_name,
                    )
                )
            if record.booking_min_minutes <= 0 or (
                record.booking_max_minutes < record.booking_min_minutes
            ):
                raise ValidationError(
                    self.env._(
                        "'%(name)s': the minimum duration must be positive and "
                        "not above the maximum duration.",
                        name=record.display_name,
                    )
                )
            if (
                record.booking_buffer_minutes < 0
                or record.booking_notice_minutes < 0
                or record.booking_horizon_days <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "'%(name)s': buffer and notice cannot be negative and the "
                        "booking horizon must be at least one day.",
                        name=record.display_name,
                    )
                )

    def _get_rate_products(self):
        self.ensure_one()
        products = self.rate_product_ids or self.product_id
        return products.filtered(lambda p: p._coworking_hours_covered() > 0)
