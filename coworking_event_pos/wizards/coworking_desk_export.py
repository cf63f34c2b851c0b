# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.coworking_base.tools import bounds as base_bounds

from ..models.pos_order import PAID_STATES
from ..tools import bounds
from ..tools.desk_xlsx import desk_xlsx

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CoworkingDeskExport(models.TransientModel):
    """The transactions of desks over a few days as an Excel workbook: the
    orders, their payments (with the card terminal's reference) and a
    summary per desk and payment method. Read with the rights of the person
    exporting: a cashier exports the desks they operate only."""

    _name = "coworking.desk.export"
    _description = "Export of a Desk's Transactions"

    config_ids = fields.Many2many(
        "pos.config",
        "coworking_desk_export_config_rel",
        "export_id",
        "config_id",
        string="Desks",
        domain=[("coworking_is_desk", "=", True)],
        default=lambda self: self._default_config_ids(),
        required=True,
    )
    date_from = fields.Date(
        string="From", required=True, default=fields.Date.context_today
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    def _default_config_ids(self):
        """The desks the user operates; every desk they see otherwise (a
        Point of Sale manager operating none)."""
        Config = self.env["pos.config"]
        desks = Config.search(
            [
                ("coworking_is_desk", "=", True),
                ("coworking_operator_ids", "in", self.env.uid),
            ],
            limit=bounds.MAX_EXPORT_DESKS,
        )
        if not desks:
            desks = Config.search(
                [("coworking_is_desk", "=", True)], limit=bounds.MAX_EXPORT_DESKS
            )
        return [Command.set(desks.ids)]

    def action_export(self):
        """Write the workbook and download it."""
        self.ensure_one()
        self._ensure_exportable()
        orders = self._export_orders()
        content = desk_xlsx(
            *self._export_rows(orders),
            labels=self._export_labels(),
            sheet_names={
                "orders": self.env._("Orders"),
                "payments": self.env._("Payments"),
                "summary": self.env._("Summary"),
            },
            titles={
                "desks": self.env._("Desks"),
                "methods": self.env._("Payment Methods"),
            },
            digits=max(self.config_ids.currency_id.mapped("decimal_places") or [2]),
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": self._export_filename(),
                "raw": content,
                "mimetype": XLSX_MIMETYPE,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _ensure_exportable(self):
        """Refuse, before any work, an export out of bounds: no desk, too
        many desks, dates out of order or too far apart, too many orders, or
        a desk the user may not read."""
        self.ensure_one()
        # the desks chosen, those the user may not read included
        desks = self.sudo().config_ids.with_env(self.env)
        if not desks:
            raise UserError(self.env._("Choose the desks to export."))
        if len(desks) > bounds.MAX_EXPORT_DESKS:
            raise UserError(
                self.env._("Export at most %s desks at once.", bounds.MAX_EXPORT_DESKS)
            )
        if not (self.date_from and self.date_to):
            raise UserError(self.env._("Choose the first and the last day."))
        if not (
            base_bounds.in_bounds(self.date_from)
            and base_bounds.in_bounds(self.date_to)
        ):
            raise UserError(
                self.env._(
                    "Choose days between %(first)s and %(last)s.",
                    first=base_bounds.MIN_YEAR,
                    last=base_bounds.MAX_YEAR,
                )
            )
        if self.date_to < self.date_from:
            raise UserError(self.env._("The last day comes before the first."))
        if (self.date_to - self.date_from).days + 1 > bounds.MAX_EXPORT_DAYS:
            raise UserError(
                self.env._("Export at most %s days at once.", bounds.MAX_EXPORT_DAYS)
            )
        # AccessError for a desk the user does not operate
        desks.check_access("read")
        count = self.env["pos.order"].search_count(
            self._orders_domain(), limit=bounds.MAX_EXPORT_ORDERS + 1
        )
        if count > bounds.MAX_EXPORT_ORDERS:
            raise UserError(
                self.env._(
                    "These desks have more than %s orders over these days: "
                    "export fewer days.",
                    bounds.MAX_EXPORT_ORDERS,
                )
            )

    @api.model
    def _desk_tz(self, desk):
        """The timezone of a desk: its event's, its location's, its
        company's, else the user's."""
        return (
            desk.coworking_event_id.date_tz
            or desk.coworking_location_id.tz
            or desk.company_id.partner_id.tz
            or self.env.user.tz
            or "UTC"
        )

    def _orders_domain(self):
        """Paid orders of the desks from the first day's midnight to the
        last day's end, each desk on its own clock."""
        self.ensure_one()
        desk_domains = []
        for desk in self.config_ids:
            tz = pytz.timezone(self._desk_tz(desk))
            start = tz.localize(datetime.combine(self.date_from, time.min))
            stop = tz.localize(
                datetime.combine(self.date_to + timedelta(days=1), time.min)
            )
            desk_domains.append(
                [
                    ("config_id", "=", desk.id),
                    (
                        "date_order",
                        ">=",
                        start.astimezone(pytz.utc).replace(tzinfo=None),
                    ),
                    ("date_order", "<", stop.astimezone(pytz.utc).replace(tzinfo=None)),
                ]
            )
        return expression.AND(
            [[("state", "in", PAID_STATES)], expression.OR(desk_domains)]
        )

    def _export_orders(self):
        return self.env["pos.order"].search(
            self._orders_domain(), order="date_order, id"
        )

    def _export_rows(self, orders):
        """The rows of the Orders and Payments sheets."""
        desk_clocks = {
            desk.id: pytz.timezone(self._desk_tz(desk)) for desk in orders.config_id
        }

        def local(desk, moment):
            if not moment:
                return None
            return (
                pytz.utc.localize(moment)
                .astimezone(desk_clocks[desk.id])
                .replace(tzinfo=None)
            )

        order_rows, payment_rows = [], []
        for order in orders:
            desk = order.config_id
            currency = order.currency_id
            payments = order.payment_ids.sorted(lambda payment: payment.id)
            is_refund = bool(order.lines.refunded_orderline_id) or (
                currency.compare_amounts(order.amount_total, 0.0) < 0
            )
            order_rows.append(
                {
                    "date": local(desk, order.date_order),
                    "name": order.name,
                    "desk": desk.name,
                    "session": order.session_id.name,
                    "cashier": order.user_id.name,
                    "customer": order.partner_id.display_name or "",
                    "lines": self._lines_summary(order),
                    "untaxed": currency.round(order.amount_total - order.amount_tax),
                    "taxes": currency.round(order.amount_tax),
                    "total": currency.round(order.amount_total),
                    "currency": currency.name,
                    "methods": ", ".join(
                        dict.fromkeys(payments.payment_method_id.mapped("name"))
                    ),
                    "refund_reason": order.coworking_refund_reason or "",
                    "refund": is_refund,
                }
            )
            for payment in payments:
                payment_rows.append(
                    {
                        "date": local(desk, payment.payment_date),
                        "order": order.name,
                        "desk": desk.name,
                        "session": order.session_id.name,
                        "method": payment.payment_method_id.name,
                        "amount": currency.round(payment.amount),
                        "currency": currency.name,
                        "reference": payment.transaction_id or "",
                    }
                )
        return order_rows, payment_rows

    @api.model
    def _lines_summary(self, order):
        """``2 × Dinner, 1 × VIP Pass`` (a ticket by its name; a refund's
        quantities are negative)."""
        parts = []
        for line in order.lines:
            qty = line.qty
            qty_text = str(int(qty)) if float(qty).is_integer() else f"{qty:g}"
            name = (
                line.event_ticket_id.name
                or line.full_product_name
                or line.product_id.display_name
            )
            parts.append(f"{qty_text} × {name}")
        return ", ".join(parts)

    def _export_labels(self):
        return {
            "date": self.env._("Date"),
            "name": self.env._("Order"),
            "order": self.env._("Order"),
            "desk": self.env._("Desk"),
            "session": self.env._("Session"),
            "cashier": self.env._("Cashier"),
            "customer": self.env._("Customer"),
            "lines": self.env._("Items"),
            "untaxed": self.env._("Untaxed"),
            "taxes": self.env._("Taxes"),
            "total": self.env._("Total"),
            "currency": self.env._("Currency"),
            "methods": self.env._("Payment Methods"),
            "method": self.env._("Payment Method"),
            "refund_reason": self.env._("Refund Reason"),
            "amount": self.env._("Amount"),
            "reference": self.env._("Terminal Reference"),
            "orders": self.env._("Orders"),
            "refunds": self.env._("Refunds"),
            "refunded": self.env._("Refunded"),
            "payments": self.env._("Payments"),
        }

    def _export_filename(self):
        return self.env._(
            "desk-transactions-%(first)s-%(last)s.xlsx",
            first=self.date_from.isoformat(),
            last=self.date_to.isoformat(),
        )
