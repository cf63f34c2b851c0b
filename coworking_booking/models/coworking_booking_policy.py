# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks (issue 12):
# pylint: disable=consider-merging-classes-inherited
"""The cancellation and rescheduling policy of a booking: free until a
deadline set by the location, a fee (cancel) or a refusal (move) after it."""

from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ..tools import slots as slot_tools
from .coworking_booking import ACTIVE_STATES


class CoworkingBooking(models.Model):
    """Cancelling and moving a booking as the customer."""

    _inherit = "coworking.booking"

    def _free_change_deadline(self):
        self.ensure_one()
        return self.start - timedelta(hours=self.location_id.cancel_free_hours)

    def _get_cancel_fee(self, now=None):
        self.ensure_one()
        now = now or fields.Datetime.now()
        if self.state == "held" or now <= self._free_change_deadline():
            return 0.0
        return self.currency_id.round(
            self.price * self.location_id.cancel_fee_percent / 100
        )

    def _action_cancel_with_policy(self, reason=None):
        """Cancel as the customer: free until the deadline, a fee after."""
        for booking in self:
            if booking.parent_id:
                raise UserError(
                    self.env._(
                        "This equipment goes with booking %(name)s: cancel the "
                        "room booking instead.",
                        name=booking.parent_id.name,
                    )
                )
            if booking.state not in ("held", "confirmed"):
                raise UserError(
                    self.env._(
                        "Booking %(name)s can no longer be cancelled.",
                        name=booking.name,
                    )
                )
            booking._cancel(reason, fee=booking._get_cancel_fee())
        return True

    def _cancel(self, reason=None, fee=0.0):
        """Cancel the bookings and what hangs on them (equipment, quotation)."""
        bookings = self | self.child_ids.filtered(
            lambda child: child.state in ACTIVE_STATES
        )
        bookings.sudo().write(
            {
                "state": "cancelled",
                "cancel_reason": reason or False,
                "hold_until": False,
            }
        )
        for booking in self:
            if fee:
                booking.sudo().cancel_fee = fee
            if reason:
                body = self.env._("Cancelled: %(reason)s", reason=reason)
            else:
                body = self.env._("Cancelled.")
            if fee:
                body += " " + self.env._(
                    "Late cancellation fee: %(fee)s.",
                    fee=format_amount(self.env, fee, booking.currency_id),
                )
            booking.message_post(body=body)

    def _action_reschedule(self, start, stop=None):
        """Move the booking as the customer: same guarantees as a new booking,
        free until the deadline, refused after it."""
        self.ensure_one()
        if self.parent_id:
            raise UserError(
                self.env._(
                    "This equipment goes with booking %(name)s: move the room "
                    "booking instead.",
                    name=self.parent_id.name,
                )
            )
        start = slot_tools.to_naive_utc(start)
        stop = (
            slot_tools.to_naive_utc(stop) if stop else start + (self.stop - self.start)
        )
        if self.state not in ("held", "confirmed"):
            raise UserError(
                self.env._("Booking %(name)s can no longer be moved.", name=self.name)
            )
        if not self._is_staff() and fields.Datetime.now() > (
            self._free_change_deadline()
        ):
            raise UserError(
                self.env._(
                    "Booking %(name)s starts in less than %(hours)s hours: it can "
                    "no longer be moved. Cancel it or contact the front desk.",
                    name=self.name,
                    hours=self.location_id.cancel_free_hours,
                )
            )
        if self.payment_state == "paid" and abs(
            (stop - start) - (self.stop - self.start)
        ) > timedelta(0):
            raise UserError(
                self.env._(
                    "Booking %(name)s is paid: it can be moved but keeps its "
                    "duration.",
                    name=self.name,
                )
            )
        old = (self.start_local, self.stop_local)
        self.write({"start": start, "stop": stop})
        self.message_post(
            body=self.env._(
                "Moved from %(old_start)s to %(new_start)s.",
                old_start=old[0],
                new_start=self.start_local,
            )
        )
        return True
