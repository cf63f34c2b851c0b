# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import pytz

from odoo import api, fields, models


class CoworkingBooking(models.Model):
    """The membership that covers a booking, prices it and pays for it."""

    _inherit = "coworking.booking"

    membership_id = fields.Many2one(
        "coworking.membership",
        index="btree_not_null",
        copy=False,
        readonly=True,
        check_company=True,
        help="The membership that covers the booking: its plan priced it and "
        "its credits paid for it.",
    )
    credit_ids = fields.One2many("coworking.membership.credit", "booking_id")
    credit_hours = fields.Float(
        compute="_compute_credit_hours",
        digits=(16, 2),
        help="Credit hours the booking takes from the membership.",
    )

    @api.depends("credit_ids.amount")
    def _compute_credit_hours(self):
        data = self.env["coworking.membership.credit"]._read_group(
            [
                ("booking_id", "in", self.ids),
                ("unit", "=", "hours"),
                ("type", "in", ("consume", "refund")),
            ],
            ["booking_id"],
            ["amount:sum"],
        )
        taken = {booking.id: -amount for booking, amount in data}
        for booking in self:
            booking.credit_hours = taken.get(booking.id, 0.0)

    # ------------------------------------------------------------------
    # Which membership covers a booking
    # ------------------------------------------------------------------

    @api.model
    def _membership_for(self, partner, target=None, start=None, company=None, day=None):
        """The active membership of ``partner`` that covers what is billed:
        a booking of ``target`` starting at ``start`` (naive UTC, read on the
        location's calendar), or anything of ``company`` on ``day``. Never a
        membership of another company or one that does not cover the day."""
        Membership = self.env["coworking.membership"].sudo()
        if not partner:
            return Membership
        if target and start:
            tz = pytz.timezone(target.location_id.tz or "UTC")
            day = pytz.utc.localize(start).astimezone(tz).date()
        company = target.company_id if target else company
        memo = self._request_memo_dict()
        if memo is not None:
            # while ``_book`` serves a request: the partner's active
            # memberships of the company are read once, and each question
            # (which covers that day, which covers the company) is answered
            # from them as the query below would
            key = ("memberships", partner.id, company.id if company else False)
            if key not in memo:
                memo[key] = Membership.search(
                    self._membership_domain(partner, None, company), order="id"
                )
            return memo[key].filtered(
                lambda m: m.state == "active" and (not day or m._covers(day))
            )[:1]
        domain = self._membership_domain(partner, day, company)
        return Membership.search(domain, order="id", limit=1)

    @api.model
    def _membership_domain(self, partner, day, company):
        # one query: the domain says what ``_covers`` says
        domain = [
            ("member_line_ids.partner_id", "=", partner.id),
            ("state", "=", "active"),
        ]
        if day:
            domain += [
                ("date_start", "<=", day),
                "|",
                "|",
                ("auto_renew", "=", True),
                ("date_end", "=", False),
                ("date_end", ">=", day),
            ]
        if company:
            domain.append(("company_id", "=", company.id))
        return domain

    # ------------------------------------------------------------------
    # Prices and terms (the rules of a plan: coworking_resource_mixin.py)
    # ------------------------------------------------------------------

    @api.model
    def _pricelist_for(self, partner, company=None):
        membership = self._membership_for(partner, company=company)
        if membership and membership.plan_id.pricelist_id:
            return membership.plan_id.pricelist_id
        return super()._pricelist_for(partner, company)

    @api.model
    def _booking_terms(self, target, start, stop, seats, partner, pricelist=None):
        """The membership that covers this company and day decides: it bills
        the booking (never paid online). Without one, a member books like a
        non-member: the public price, paid before the booking is confirmed,
        so that no confirmed booking is left that nothing bills."""
        membership = self._membership_for(partner, target, start)
        if not membership:
            if not pricelist:
                # everyone's pricelist, not that of a plan that does not
                # cover this day or company
                company = target.company_id
                pricelist = partner.with_company(
                    company
                ).specific_property_product_pricelist or self.env[
                    "product.pricelist"
                ]._coworking_standard_pricelist(company)
            return super()._booking_terms(
                target, start, stop, seats, partner, pricelist=pricelist
            )
        terms = super()._booking_terms(
            target,
            start,
            stop,
            seats,
            partner,
            pricelist=pricelist or membership.plan_id.pricelist_id,
        )
        terms.update({"pay_now": False, "membership": membership})
        return terms

    # ------------------------------------------------------------------
    # Confirmation, cancellation, moves
    # ------------------------------------------------------------------

    def _after_confirm(self):
        for booking in self.filtered(lambda b: not b.membership_id):
            membership = self._membership_for(
                booking.partner_id, booking._target(), booking.start
            )
            if membership:
                membership._debit_booking(booking)
        return super()._after_confirm()

    def _is_billed_without_order(self):
        return bool(self.membership_id) or super()._is_billed_without_order()

    def _cancel(self, reason=None, fee=0.0):
        now = fields.Datetime.now()
        waived = self.env.context.get("coworking_cancel_waived")
        in_time = {
            booking.id: waived or now <= booking._free_change_deadline()
            for booking in (self | self.child_ids)
        }
        res = super()._cancel(reason, fee=fee)
        for booking in (self | self.child_ids).filtered("membership_id"):
            # cancelled in time, or the fee waived, the credits come back; a
            # late cancellation keeps them, as a late fee would
            if in_time.get(booking.id, True):
                booking.membership_id._refund_booking(booking)
        return res

    def _after_move(self, vals):
        res = super()._after_move(vals)
        moved = {"start", "stop", "seats", "space_id", "equipment_id"} & set(vals)
        if moved:
            for booking in self.filtered(
                lambda b: b.membership_id and b.state in ("confirmed", "checked_in")
            ):
                # the move is debited as a new booking: the old credits come
                # back, the new time takes its own (and may be refused)
                booking.membership_id._refund_booking(booking)
                booking.membership_id._debit_booking(booking)
        return res
