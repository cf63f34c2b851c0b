# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..tools import bounds

PAID_STATES = ("paid", "done", "invoiced")


class PosOrder(models.Model):
    """Orders of a cashier's desk: a refund or a cancellation carries its
    reason and takes back the access the order gave (scans answer
    ``revoked`` with that reason); a member's order charged to the
    membership becomes usage on the member's monthly invoice."""

    _inherit = "pos.order"

    coworking_refund_reason = fields.Char(
        string="Refund Reason",
        copy=False,
        help="Why the desk refunded (or cancelled) this order: kept on the "
        "revoked registrations and answered by the doors' scanners.",
    )
    coworking_usage_ids = fields.One2many(
        "coworking.usage",
        "pos_order_id",
        string="Charged to the Membership",
        readonly=True,
        groups="coworking_base.group_coworking_user,coworking_base.group_coworking_cashier",
    )

    @api.model
    def _process_order(self, order, existing_order):
        self._coworking_check_refund_reason(order)
        self._coworking_check_references(order)
        self._coworking_refuse_sold_out(order)
        order_id = super()._process_order(order, existing_order)
        self.browse(order_id)._coworking_after_sync()
        return order_id

    def action_pos_order_cancel(self):
        drafts = self.filtered(lambda order: order.state == "draft")
        result = super().action_pos_order_cancel()
        for order in drafts.filtered(lambda order: order.state == "cancel"):
            reason = order.coworking_refund_reason or self.env._("no reason given")
            order.lines.event_registration_ids._coworking_revoke(
                self.env._(
                    "order %(order)s cancelled: %(reason)s",
                    order=order.pos_reference or order.name,
                    reason=reason,
                )
            )
        return result

    def _coworking_after_sync(self):
        """What the desk adds once Odoo (and pos_event) recorded an order."""
        self._coworking_check_seats()
        for order in self.filtered(lambda order: order.state in PAID_STATES):
            # the badge printed at once carries the attendee's personal QR
            order.lines.event_registration_ids.filtered(
                lambda registration: registration.state in ("open", "done")
            )._coworking_ensure_attendee()
            refunded_lines = order.lines.refunded_orderline_id
            if refunded_lines:
                order._coworking_revoke_refunded(refunded_lines)
                order._coworking_release_usage(refunded_lines)
            order._coworking_charge_memberships()

    def _coworking_check_seats(self):
        """Refuse, with Odoo's own message, a ticket sold at the desk past
        the seats of its event or ticket. Odoo's seat check does not see the
        registrations a Point of Sale order creates (their state is computed
        later, at the flush): write them now — a concurrent sale of the same
        event waits here for this one (coworking_event_badges' guard row) and
        runs again — and count."""
        registrations = self.lines.event_registration_ids
        if not registrations:
            return
        self.env.flush_all()
        seat_fields = ["seats_reserved", "seats_used", "seats_available", "seats_taken"]
        events = registrations.event_id
        tickets = registrations.event_ticket_id
        events.invalidate_recordset(seat_fields)
        tickets.invalidate_recordset(seat_fields)
        events._check_seats_availability()
        tickets._check_seats_availability()

    @api.model
    def _coworking_check_refund_reason(self, order):
        """A refund sent by a desk carries its reason (checked before Odoo
        and pos_event act on it)."""
        refunds = any(
            command[0] in (0, 1) and command[2].get("refunded_orderline_id")
            for command in order.get("lines") or []
        )
        if not refunds:
            return
        reason = order.get("coworking_refund_reason") or ""
        if not isinstance(reason, str):
            raise UserError(self.env._("A refund reason is a text."))
        session = self.env["pos.session"].browse(order.get("session_id"))
        if session.config_id.coworking_is_desk and not reason.strip():
            raise UserError(self.env._("A refund at the desk needs its reason."))
        if len(reason) > bounds.MAX_REASON_LENGTH:
            raise UserError(
                self.env._(
                    "A refund reason has at most %s characters.",
                    bounds.MAX_REASON_LENGTH,
                )
            )

    @api.model
    def _coworking_refuse_sold_out(self, order):
        """Refuse at once, before writing anything, the tickets of an event
        (or a ticket) already sold out: in a rush for the last seats, the
        sales that cannot be served do not queue on the event's seat guard
        behind the ones that can. A parked (draft) order takes no seat."""
        if order.get("state") == "draft":
            return
        wanted = {}
        for command in order.get("lines") or []:
            if command[0] != 0 or not isinstance(command[2], dict):
                continue
            for registration in command[2].get("event_registration_ids") or []:
                if registration[0] != 0 or not isinstance(registration[2], dict):
                    continue
                values = registration[2]
                for key in (
                    ("event.event", values.get("event_id")),
                    ("event.event.ticket", values.get("event_ticket_id")),
                ):
                    if isinstance(key[1], int):
                        wanted[key] = wanted.get(key, 0) + 1
        for (model, record_id), count in wanted.items():
            record = self.env[model].sudo().browse(record_id).exists()
            if record:
                record._check_seats_availability(minimal_availability=count)

    @api.model
    def _coworking_check_references(self, order):
        """A card payment on a terminal not connected to Odoo carries the
        terminal's reference, typed by the cashier (bounded)."""
        Method = self.env["pos.payment.method"]
        for command in order.get("payment_ids") or []:
            if command[0] != 0 or not isinstance(command[2], dict):
                continue
            values = command[2]
            reference = values.get("transaction_id") or ""
            if not isinstance(reference, str):
                raise UserError(self.env._("A terminal reference is a text."))
            if len(reference) > bounds.MAX_REFERENCE_LENGTH:
                raise UserError(
                    self.env._(
                        "A terminal reference has at most %s characters.",
                        bounds.MAX_REFERENCE_LENGTH,
                    )
                )
            method = Method.browse(values.get("payment_method_id")).exists()
            if (
                method.coworking_ask_reference
                and not reference.strip()
                and values.get("amount", 0) > 0
            ):
                raise UserError(
                    self.env._(
                        "Type the reference printed by the card terminal for "
                        "the %s payment.",
                        method.name,
                    )
                )

    def _coworking_revoke_refunded(self, refunded_lines):
        """pos_event cancelled the registrations of the refunded tickets:
        their access is revoked, with the reason, for every door."""
        self.ensure_one()
        cancelled = refunded_lines.event_registration_ids.filtered(
            lambda registration: registration.state == "cancel"
            and not registration.coworking_revoked
        )
        if cancelled:
            cancelled._coworking_revoke(
                self.env._(
                    "refunded by %(order)s: %(reason)s",
                    order=self.pos_reference or self.name,
                    reason=self.coworking_refund_reason
                    or self.env._("no reason given"),
                )
            )

    def _coworking_release_usage(self, refunded_lines):
        """A refunded line charged to a membership is not invoiced: its usage
        is cancelled, or, already invoiced, the accountant is asked for a
        credit note (an activity on the invoice)."""
        self.ensure_one()
        usages = refunded_lines.sudo().coworking_usage_ids
        usages.filtered(lambda usage: usage.state == "to_invoice").action_cancel()
        for usage in usages.filtered(lambda usage: usage.state == "invoiced"):
            invoice = usage.invoice_id
            invoice.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Credit note for a desk refund"),
                note=self.env._(
                    "%(order)s refunded %(item)s, already billed on this "
                    "invoice: issue a credit note. Reason: %(reason)s",
                    order=self.pos_reference or self.name,
                    item=usage.name,
                    reason=self.coworking_refund_reason or "",
                ),
                user_id=invoice.invoice_user_id.id or self.env.user.id,
            )

    def _coworking_membership_charge(self):
        """The part of the order paid by charging the membership."""
        self.ensure_one()
        return sum(
            self.payment_ids.filtered(
                lambda payment: payment.payment_method_id.coworking_membership_charge
            ).mapped("amount")
        )

    def _coworking_charge_memberships(self):
        """A member's order charged to the membership: one usage entry per
        line (tax included, booked on the clearing account the desk's closing
        debits), billed once by the monthly invoice."""
        self.ensure_one()
        charged = self._coworking_membership_charge()
        rounding = self.currency_id.rounding
        if not float_compare(charged, 0.0, precision_rounding=rounding):
            return
        if charged < 0:
            # a refund paid back to the membership: _coworking_release_usage
            return
        if float_compare(charged, self.amount_total, precision_rounding=rounding):
            raise UserError(
                self.env._(
                    "Charge the whole order to the membership, or pay it all "
                    "at the desk."
                )
            )
        Booking = self.env["coworking.booking"]
        membership = Booking._membership_for(
            self.partner_id,
            company=self.company_id,
            day=fields.Date.context_today(self, self.date_order),
        )
        if not membership:
            raise UserError(
                self.env._(
                    "%(partner)s has no active membership of %(company)s to "
                    "charge today.",
                    partner=self.partner_id.display_name
                    or self.env._("An anonymous customer"),
                    company=self.company_id.name,
                )
            )
        Usage = self.env["coworking.usage"].sudo()
        existing = Usage.search([("pos_order_line_id", "in", self.lines.ids)])
        vals_list = []
        for line in self.lines - existing.pos_order_line_id:
            if line.qty <= 0:
                continue
            vals_list.append(
                {
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "date": fields.Date.context_today(self, self.date_order),
                    "location_id": self.config_id.coworking_location_id.id,
                    "product_id": line.product_id.id,
                    "name": self.env._(
                        "%(item)s (desk %(order)s)",
                        item=line.full_product_name or line.product_id.display_name,
                        order=self.pos_reference or self.name,
                    ),
                    "quantity": line.qty,
                    "price_unit": line.price_subtotal_incl / line.qty,
                    "membership_id": membership.id,
                    "pos_order_line_id": line.id,
                }
            )
        if vals_list:
            Usage.create(vals_list)
