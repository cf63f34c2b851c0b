# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from urllib.parse import urlencode

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import float_compare

from odoo.addons.portal.controllers import portal

from ..models.coworking_membership_credit import HOURS_DIGITS

STATE_BADGES = {
    "draft": "text-bg-info",
    "active": "text-bg-success",
    "suspended": "text-bg-warning",
    "expired": "text-bg-secondary",
    "cancelled": "text-bg-danger",
}


class CoworkingMembershipPortal(portal.CustomerPortal):
    """``/my/membership``: the member's plan, credits, usage, ledger and
    invoices, and packs of hours to buy."""

    def _my_memberships(self):
        """Memberships the user is in or billed for, the running one first;
        the record rules narrow them to the user's own."""
        Membership = request.env["coworking.membership"]
        if not Membership.has_access("read"):
            return Membership
        memberships = Membership.search([])
        order = {"active": 0, "suspended": 1, "draft": 2, "expired": 3, "cancelled": 4}
        return memberships.sorted(
            lambda m: (order.get(m.state, 9), -(m.date_start.toordinal()))
        )

    def _prepare_home_portal_values(self, counters):
        """The membership on the portal's home page."""
        values = super()._prepare_home_portal_values(counters)
        if "membership_count" in counters:
            values["membership_count"] = len(self._my_memberships())
        return values

    def _usage_by_kind(self, membership_sudo):
        """Credit hours taken this period, per kind of space."""
        start, stop = membership_sudo.period_start, membership_sudo.period_end
        kinds = dict(
            request.env["coworking.space"]
            ._fields["kind"]
            ._description_selection(request.env)
        )
        usage = defaultdict(float)
        lines = membership_sudo.credit_ids.filtered(
            lambda line: line.unit == "hours"
            and line.type in ("consume", "refund")
            and line.booking_id
        )
        for line in lines:
            booking = line.booking_id
            day = membership_sudo._booking_day(booking)
            if start and start <= day <= stop:
                label = kinds.get(booking.space_kind) or booking.equipment_id.name or ""
                usage[label] -= line.amount
        return sorted(
            (
                (label, hours)
                for label, hours in usage.items()
                if float_compare(hours, 0.0, precision_digits=HOURS_DIGITS) > 0
            ),
            key=lambda item: -item[1],
        )

    def _period_granted(self, membership_sudo):
        """Hours granted for the current period."""
        start = membership_sudo.period_start
        return sum(
            membership_sudo.credit_ids.filtered(
                lambda line: line.unit == "hours"
                and line.type in ("grant", "rollover")
                and line.valid_from == start
            ).mapped("amount")
        )

    def _prepare_membership_values(self, membership, **kwargs):
        """Values of the membership page."""
        membership_sudo = membership.sudo()
        invoices = (
            request.env["account.move"].search(
                [("id", "in", membership_sudo.invoice_ids.ids)],
                order="invoice_date desc, id desc",
            )
            if request.env["account.move"].has_access("read")
            else request.env["account.move"]
        )
        granted = self._period_granted(membership_sudo)
        balance = membership_sudo.credit_balance
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "coworking_membership",
                "membership": membership_sudo,
                "plan": membership_sudo.plan_id,
                "memberships": self._my_memberships(),
                "state_badges": STATE_BADGES,
                "balance": balance,
                "granted": granted,
                "used_percent": min(
                    100, int(round(100 * (granted - balance) / granted))
                )
                if granted
                else 0,
                "usage": self._usage_by_kind(membership_sudo),
                "ledger": membership_sudo.credit_ids.sorted(
                    lambda line: (line.date, line.id), reverse=True
                )[:50],
                "invoices": invoices,
                "packs": membership_sudo.plan_id.pack_product_ids
                if membership_sudo.state == "active"
                else request.env["product.product"],
                "error": kwargs.get("error"),
                "success": kwargs.get("success"),
            }
        )
        return values

    @http.route(
        ["/my/membership", "/my/membership/<int:membership_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_membership(self, membership_id=None, **kwargs):
        """The member's membership: credits, usage, ledger, invoices, packs."""
        memberships = self._my_memberships()
        if membership_id:
            membership = memberships.filtered(lambda m: m.id == membership_id)
        else:
            membership = memberships[:1]
        if not membership:
            if membership_id:
                return request.redirect("/my/membership")
            return request.render(
                "coworking_membership.portal_no_membership",
                self._prepare_portal_layout_values()
                | {"page_name": "coworking_membership"},
            )
        values = self._prepare_membership_values(membership, **kwargs)
        return request.render("coworking_membership.portal_my_membership", values)

    @http.route(
        ["/my/membership/<int:membership_id>/pack"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_buy_pack(self, membership_id, product_id=None, **kwargs):
        """A quotation for a pack of hours, paid in the portal; its payment
        credits the membership."""
        membership = self._my_memberships().filtered(lambda m: m.id == membership_id)
        if not membership:
            return request.redirect("/my/membership")
        membership_sudo = membership.sudo()
        try:
            product_id = int(product_id)
        except (TypeError, ValueError):
            product_id = 0
        product = membership_sudo.plan_id.pack_product_ids.filtered(
            lambda p: p.id == product_id
        )
        try:
            if membership_sudo.state != "active":
                raise UserError(
                    request.env._("Packs can be bought for an active membership.")
                )
            if not product:
                raise UserError(request.env._("This pack is not offered by your plan."))
            order = (
                request.env["sale.order"]
                .sudo()
                .create(
                    {
                        "partner_id": membership_sudo.partner_id.id,
                        "company_id": membership_sudo.company_id.id,
                        # packs sell at their own price, not the member price
                        "pricelist_id": request.env["product.pricelist"]
                        .sudo()
                        ._coworking_standard_pricelist(membership_sudo.company_id)
                        .id,
                        "origin": membership_sudo.name,
                        "require_payment": True,
                        "require_signature": False,
                        "prepayment_percent": 1.0,
                        "validity_date": fields.Date.context_today(membership_sudo),
                        "order_line": [
                            fields.Command.create(
                                {"product_id": product.id, "product_uom_qty": 1}
                            )
                        ],
                    }
                )
            )
        except UserError as error:
            query = urlencode({"error": error.args[0]})
            return request.redirect(f"/my/membership/{membership_id}?{query}")
        return request.redirect(order.get_portal_url())
