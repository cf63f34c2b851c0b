# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    coworking_booking_ids = fields.One2many(
        "coworking.booking",
        "sale_order_id",
        string="Bookings",
        groups="coworking_base.group_coworking_user",
    )
    coworking_booking_count = fields.Integer(
        compute="_compute_coworking_booking_count",
        groups="coworking_base.group_coworking_user",
    )

    @api.depends("coworking_booking_ids")
    def _compute_coworking_booking_count(self):
        for order in self:
            order.coworking_booking_count = len(order.coworking_booking_ids)

    def action_confirm(self):
        res = super().action_confirm()
        # whoever confirms the order (a salesperson, the payment of a guest),
        # its bookings follow
        self.sudo().coworking_booking_ids._on_order_confirmed()
        return res

    def _action_cancel(self):
        res = super()._action_cancel()
        self.sudo().coworking_booking_ids.filtered(
            lambda booking: booking.state in ("held", "confirmed")
        )._cancel(self.env._("The order was cancelled."))
        return res

    def _coworking_released(self):
        """Whether these are quotations of bookings that were let go (their
        hold ran out or they were cancelled): nothing may be paid on them."""
        now = fields.Datetime.now()
        for order in self.sudo():
            bookings = order.coworking_booking_ids
            if not bookings:
                continue
            live = bookings.filtered(lambda b: b.state in ("held", "confirmed"))
            if (
                order.state == "cancel"
                or not live
                or any(
                    booking.state == "held"
                    and booking.hold_until
                    and booking.hold_until < now
                    for booking in live
                )
            ):
                return True
        return False

    def _coworking_rebook_after_payment(self):
        """A payment landed on the quotation of a released booking (begun
        before the hold ran out, or from a page left open): book the same time
        again when it is still free, so that the payment confirms it as
        usual; otherwise the money must go back, so a person is asked to
        refund it and the customer is told."""
        for order in self.sudo():
            bookings = order.coworking_booking_ids.filtered(
                lambda b: b.state == "cancelled"
            )
            if order.state != "cancel" or not bookings:
                continue
            try:
                with self.env.cr.savepoint():
                    if any(b.start <= fields.Datetime.now() for b in bookings):
                        raise UserError(self.env._("The booked time has passed."))
                    # ask first, so that a taken time is a plain answer; the
                    # exclusion constraint still has the last word
                    for booking in bookings:
                        reasons = booking._target()._availability_refusals(
                            booking.start,
                            booking.stop,
                            booking.seats,
                            ignore=booking,
                        )
                        if reasons:
                            raise UserError(reasons[0][1])
                    order.action_draft()
                    bookings.write(
                        {
                            "state": "held",
                            "cancel_reason": False,
                            "hold_until": fields.Datetime.now()
                            + timedelta(minutes=bookings._hold_minutes()),
                        }
                    )
                    bookings.flush_recordset()
            except (UserError, ValidationError) as error:
                _logger.info("Paid booking %s not rebooked: %s", order.name, error)
                order._coworking_ask_refund(bookings, error)
            else:
                order.message_post(
                    body=self.env._(
                        "Paid after its hold expired: the time was still free, "
                        "%(bookings)s booked again.",
                        bookings=", ".join(bookings.mapped("name")),
                    )
                )

    def _coworking_ask_refund(self, bookings, reason):
        self.ensure_one()
        responsible = (
            self.user_id
            or self.team_id.user_id
            or self.company_id._coworking_responsible()
        )
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=responsible.id,
            summary=self.env._("Refund the payment of a released booking"),
            note=self.env._(
                "A payment was received for %(bookings)s after its hold had "
                "expired, and it could not be booked again (%(reason)s). Refund "
                "the customer in full; they have been told by email.",
                bookings=", ".join(bookings.mapped("name")),
                reason=reason.args[0] if reason.args else reason,
            ),
        )
        (bookings.filtered(lambda b: not b.parent_id) or bookings)[:1]._send_mail(
            "coworking_booking.mail_template_booking_paid_after_release"
        )

    def _send_payment_succeeded_for_order_mail(self):
        # the customer of a released booking gets the refund email instead
        released = self.filtered(
            lambda order: order.state == "cancel" and order.sudo().coworking_booking_ids
        )
        return super(
            SaleOrder, self - released
        )._send_payment_succeeded_for_order_mail()

    def action_view_coworking_bookings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_booking.coworking_booking_action"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {}
        return action
