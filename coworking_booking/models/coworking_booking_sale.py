# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks (issue 12):
# pylint: disable=consider-merging-classes-inherited
"""The sale order and payment of a booking: the quotation a guest pays
online, the order confirmed at the desk, the hold that runs out unpaid.

In this addon rather than a glue addon: ``sale`` and ``payment`` are hard
dependencies of ``coworking_booking`` (a guest's booking is confirmed by
paying its quotation), so there is no install without them to keep apart.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from .coworking_booking import ACTIVE_STATES, DEFAULT_HOLD_MINUTES


class CoworkingBooking(models.Model):
    """The sale order and the payment of a booking."""

    _inherit = "coworking.booking"

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        copy=False,
        index=True,
        check_company=True,
    )
    sale_line_ids = fields.One2many(
        "sale.order.line", "coworking_booking_id", string="Order Lines"
    )
    payment_state = fields.Selection(
        [
            ("none", "Nothing to Pay"),
            ("to_pay", "To Pay"),
            ("paid", "Paid"),
            ("to_invoice", "To Invoice"),
        ],
        compute="_compute_payment_state",
        help="To Invoice: confirmed at the desk on a sale order that Sales "
        "invoices; Paid: its order was paid online.",
    )

    @api.depends("price", "sale_order_id.state", "state")
    def _compute_payment_state(self):
        for booking in self:
            order = booking.sale_order_id.sudo()
            if order and order.state == "sale":
                paid = order.transaction_ids.filtered(
                    lambda tx: tx.state in ("authorized", "done")
                ) or (
                    order.invoice_ids
                    and all(
                        invoice.payment_state in ("paid", "in_payment")
                        for invoice in order.invoice_ids
                        if invoice.state == "posted"
                    )
                )
                booking.payment_state = "paid" if paid else "to_invoice"
            elif order and order.state in ("draft", "sent"):
                booking.payment_state = "to_pay"
            else:
                booking.payment_state = "none"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def _after_move(self, vals):
        """Keep unpaid quotations in step with the room."""
        res = super()._after_move(vals)
        for booking in self.filtered(
            lambda b: b.sale_order_id.state in ("draft", "sent")
        ):
            booking._sync_sale_lines()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_confirm(self):
        """Nothing confirmed at the desk goes unbilled: a quotation waiting
        for payment is confirmed with the bookings, and a priced booking that
        nothing bills gets a confirmed sale order, which Sales then invoices."""
        bookings = self | self.child_ids.filtered(lambda b: b.state == "held")
        res = super().action_confirm()
        bookings.sale_order_id.sudo().filtered(
            lambda order: order.state in ("draft", "sent")
        ).action_confirm()
        unbilled = bookings.filtered(
            lambda b: b.state == "confirmed"
            and not b.sale_order_id
            and b.currency_id.compare_amounts(b.price, 0.0) > 0
            and not b._is_billed_without_order()
        )
        for bookings in unbilled.grouped("partner_id").values():
            bookings._create_sale_order().action_confirm()
        return res

    def action_view_sale_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _prepare_sale_line_values(self):
        self.ensure_one()
        lines, _total = self._compute_price_lines(
            self._target(),
            self.start,
            self.stop,
            self.seats,
            self.partner_id,
            self.pricelist_id,
        )
        description = self._sale_line_description()
        return [
            {
                "product_id": product.id,
                "product_uom_qty": quantity,
                "name": f"{product.display_name}\n{description}",
                "coworking_booking_id": self.id,
            }
            for product, quantity, _unit in lines
        ]

    def _sale_line_description(self):
        self.ensure_one()
        tz = self.location_id.tz
        day = format_datetime(self.env, self.start, tz=tz, dt_format="EEE d MMM y")
        start = format_datetime(self.env, self.start, tz=tz, dt_format="HH:mm")
        stop = format_datetime(self.env, self.stop, tz=tz, dt_format="HH:mm")
        hours = f"{start}–{stop}"
        people = (
            self.env._(", %(seats)s people", seats=self.seats) if self.seats > 1 else ""
        )
        return self.env._(
            "%(name)s: %(target)s, %(location)s, %(day)s %(hours)s (%(tz)s)%(people)s",
            name=self.name,
            target=self._target().name,
            location=self.location_id.name,
            day=day,
            hours=hours,
            tz=tz,
            people=people,
        )

    def _create_sale_order(self):
        """One quotation for the bookings of one customer (a room and its
        equipment), to be paid through Odoo's portal payment flow."""
        partner = self.partner_id
        if len(partner) != 1:
            raise UserError(self.env._("A quotation is for one customer."))
        pricelist = self[0].pricelist_id or self._pricelist_for(
            partner, self[0].company_id
        )
        order = (
            self.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": self[0].company_id.id,
                    "pricelist_id": pricelist.id,
                    "origin": ", ".join(self.mapped("name")),
                    "require_payment": True,
                    "require_signature": False,
                    "prepayment_percent": 1.0,
                    "validity_date": fields.Date.context_today(self),
                }
            )
        )
        line_values = []
        for booking in self:
            booking.sudo().pricelist_id = pricelist
            for values in booking._prepare_sale_line_values():
                values["order_id"] = order.id
                line_values.append(values)
        if line_values:
            self.env["sale.order.line"].sudo().create(line_values)
        self.sudo().write({"sale_order_id": order.id})
        return order

    def _sync_sale_lines(self):
        """Update the lines of an unpaid quotation after a move."""
        for booking in self:
            order = booking.sale_order_id.sudo()
            booking.sale_line_ids.sudo().unlink()
            values = booking._prepare_sale_line_values()
            for line in values:
                line["order_id"] = order.id
            self.env["sale.order.line"].sudo().create(values)
            booking._refresh_price()

    def _on_order_confirmed(self):
        """The quotation is paid (or confirmed by staff): confirm the bookings."""
        held = self.filtered(lambda b: b.state == "held")
        held.sudo().write({"state": "confirmed", "hold_until": False})
        held._after_confirm()

    def _is_billed_without_order(self):
        """Whether something other than a sale order bills this booking;
        overridden where something does (a membership)."""
        self.ensure_one()
        return False

    def _cancel(self, reason=None, fee=0.0):
        """Cancel or reduce the quotation or order of cancelled bookings."""
        res = super()._cancel(reason, fee=fee)
        for booking in self:
            booking._cancel_sale_lines(fee)
        return res

    def _cancel_sale_lines(self, fee=0.0):
        self.ensure_one()
        order = self.sale_order_id.sudo()
        if not order or order.state == "cancel":
            return
        others = order.order_line.coworking_booking_id - self - self.child_ids
        if order.state in ("draft", "sent") and not others.filtered(
            lambda b: b.state in ACTIVE_STATES
        ):
            order._action_cancel()
            return
        lines = (self | self.child_ids).sale_line_ids.sudo()
        if order.state in ("draft", "sent"):
            lines.unlink()
            return
        lines.write({"product_uom_qty": 0.0})
        if fee:
            product = self.env.ref("coworking_booking.product_cancellation_fee")
            self.env["sale.order.line"].sudo().create(
                {
                    "order_id": order.id,
                    "product_id": product.id,
                    "product_uom_qty": 1.0,
                    "price_unit": fee,
                    "name": self.env._(
                        "Late cancellation of %(booking)s", booking=self.name
                    ),
                }
            )

    @api.model
    def _release_expired_holds(self, resources=None):
        """Cancel held bookings whose hold has run out (and their quotations)."""
        domain = [
            ("state", "=", "held"),
            ("hold_until", "<", fields.Datetime.now()),
        ]
        if resources is not None:
            domain.append(("resource_id", "in", resources.ids))
        expired = self.sudo().search(domain)
        if expired:
            expired._cancel(self.env._("Not paid in time: the hold expired."))
        return expired

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------

    @api.model
    def _cron_release_holds(self):
        self._release_expired_holds()

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    @api.model
    def _hold_minutes(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("coworking_booking.hold_minutes", DEFAULT_HOLD_MINUTES)
        )
        try:
            return max(int(value), 1)
        except (TypeError, ValueError):
            return DEFAULT_HOLD_MINUTES
