# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import timedelta

import psycopg2.errors
import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare, float_round

from odoo.addons.coworking_booking.models.coworking_booking import BookingRefused

from .coworking_membership_credit import LOT_TYPES

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("expired", "Expired"),
    ("cancelled", "Cancelled"),
]
TRANSITIONS = {
    "draft": {"active", "cancelled"},
    "active": {"suspended", "expired", "cancelled"},
    "suspended": {"active", "expired", "cancelled"},
    "expired": set(),
    "cancelled": set(),
}
LIVE_STATES = ("active", "suspended")
DEFAULT_GRACE_DAYS = 15


class CoworkingMembership(models.Model):
    _name = "coworking.membership"
    _description = "Coworking Membership"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Billed To",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        help="The person, or the company of a team, who receives the invoices.",
    )
    is_team = fields.Boolean(compute="_compute_is_team", string="Team")
    member_line_ids = fields.One2many(
        "coworking.membership.member", "membership_id", string="Members", copy=False
    )
    member_ids = fields.Many2many(
        "res.partner",
        compute="_compute_member_ids",
        search="_search_member_ids",
        string="Member Contacts",
    )
    member_count = fields.Integer(compute="_compute_member_ids", string="Members ")
    plan_id = fields.Many2one(
        "coworking.membership.plan",
        required=True,
        tracking=True,
        check_company=True,
        index=True,
    )
    next_plan_id = fields.Many2one(
        "coworking.membership.plan",
        string="Next Plan",
        tracking=True,
        check_company=True,
        copy=False,
        help="The plan that replaces the current one at the start of the next "
        "period.",
    )
    next_plan_date = fields.Date(copy=False, readonly=True)
    state = fields.Selection(
        STATES,
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        group_expand="_group_expand_states",
    )
    state_note = fields.Char(
        string="Status Note", copy=False, help="Why the membership is in its state."
    )
    suspend_reason = fields.Selection(
        [("unpaid", "Unpaid invoice"), ("staff", "Decided by staff")],
        copy=False,
        tracking=True,
    )
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(
        string="End",
        tracking=True,
        help="Last day of the membership. With auto-renew, it moves one period "
        "further each time it is reached.",
    )
    auto_renew = fields.Boolean(default=True, tracking=True)
    subscription_id = fields.Many2one(
        "sale.subscription", copy=False, readonly=True, check_company=True
    )
    credit_ids = fields.One2many(
        "coworking.membership.credit", "membership_id", string="Credit Ledger"
    )
    credit_balance = fields.Float(
        string="Credit Hours Left",
        compute="_compute_credits",
        digits=(16, 2),
        help="Credit hours usable today: the sum of the ledger lines of the "
        "lots valid today.",
    )
    guest_passes_left = fields.Integer(compute="_compute_credits")
    period_start = fields.Date(compute="_compute_period")
    period_end = fields.Date(compute="_compute_period")
    renewal_date = fields.Date(
        compute="_compute_period",
        help="Next invoice of the fee, or the next period's start.",
    )
    booking_ids = fields.One2many("coworking.booking", "membership_id")
    booking_count = fields.Integer(compute="_compute_counts")
    invoice_ids = fields.Many2many(
        "account.move", compute="_compute_counts", string="Invoices"
    )
    invoice_count = fields.Integer(compute="_compute_counts")
    color = fields.Integer(related="plan_id.color")
    note = fields.Html()

    _sql_constraints = [
        (
            "dates_order",
            "CHECK (date_end IS NULL OR date_end >= date_start)",
            "A membership cannot end before it starts.",
        ),
        (
            "name_company_uniq",
            "UNIQUE (name, company_id)",
            "Membership references are unique per company.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in STATES]

    @api.depends("partner_id.is_company")
    def _compute_is_team(self):
        for membership in self:
            membership.is_team = membership.partner_id.is_company

    @api.depends("member_line_ids.partner_id")
    def _compute_member_ids(self):
        for membership in self:
            membership.member_ids = membership.member_line_ids.partner_id
            membership.member_count = len(membership.member_line_ids)

    def _search_member_ids(self, operator, value):
        return [("member_line_ids.partner_id", operator, value)]

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for membership in self:
            membership.access_url = "/my/membership"
        return res

    @api.depends("date_start", "plan_id", "subscription_id.recurring_next_date")
    def _compute_period(self):
        today = fields.Date.context_today(self)
        for membership in self:
            if not membership.date_start or not membership.plan_id:
                membership.period_start = membership.period_end = False
                membership.renewal_date = False
                continue
            day = max(today, membership.date_start)
            start, stop = membership._period_bounds(day)
            membership.period_start, membership.period_end = start, stop
            membership.renewal_date = (
                membership.subscription_id.recurring_next_date or stop + timedelta(1)
            )

    @api.depends("credit_ids.amount")
    def _compute_credits(self):
        today = fields.Date.context_today(self)
        Credit = self.env["coworking.membership.credit"]
        lots = Credit.search(
            [
                ("membership_id", "in", self.ids),
                ("type", "in", LOT_TYPES),
                ("valid_from", "<=", today),
                ("valid_to", ">=", today),
            ]
        )
        remaining = Credit._lot_remaining(lots.ids)
        for membership in self:
            mine = lots.filtered(lambda lot, m=membership: lot.membership_id == m)
            membership.credit_balance = sum(
                remaining.get(lot.id, 0.0) for lot in mine if lot.unit == "hours"
            )
            membership.guest_passes_left = int(
                sum(
                    remaining.get(lot.id, 0.0)
                    for lot in mine
                    if lot.unit == "guest_passes"
                )
            )

    def _compute_counts(self):
        data = self.env["coworking.booking"]._read_group(
            [("membership_id", "in", self.ids)], ["membership_id"], ["__count"]
        )
        counts = {membership.id: count for membership, count in data}
        for membership in self:
            membership.booking_count = counts.get(membership.id, 0)
            subscription = membership.subscription_id
            invoices = (
                subscription.invoice_ids | subscription.sale_order_ids.invoice_ids
            ).filtered(lambda move: move.move_type in ("out_invoice", "out_refund"))
            membership.invoice_ids = invoices
            membership.invoice_count = len(invoices)

    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for membership in self:
            if membership.date_end and membership.date_end < membership.date_start:
                raise ValidationError(
                    self.env._(
                        "Membership %(name)s cannot end before it starts.",
                        name=membership.name,
                    )
                )

    @api.constrains("plan_id", "next_plan_id", "company_id")
    def _check_plans(self):
        for membership in self:
            if membership.next_plan_id == membership.plan_id:
                raise ValidationError(
                    self.env._("The next plan must differ from the current one.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("coworking.membership") or "/"
                )
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            if not vals.get("member_line_ids") and partner and not partner.is_company:
                # a person's membership: the person is its member
                vals["member_line_ids"] = [Command.create({"partner_id": partner.id})]
            if vals.get("state", "draft") != "draft":
                raise UserError(
                    self.env._("A membership starts as a draft, then is activated.")
                )
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals and not self.env.context.get("coworking_membership_move"):
            for membership in self:
                membership._check_transition(vals["state"])
        if "plan_id" in vals and any(m.state in LIVE_STATES for m in self):
            if not self.env.context.get("coworking_membership_move"):
                raise UserError(
                    self.env._(
                        "The plan of a running membership changes at the start of "
                        "a period: use Change Plan."
                    )
                )
        try:
            with self.env.cr.savepoint():
                res = super().write(vals)
                self.flush_recordset()
                self.member_line_ids.flush_recordset()
        except psycopg2.errors.UniqueViolation as error:
            if "coworking_membership_member_live_uniq" not in str(error):
                raise
            self.env.invalidate_all()
            raise ValidationError(
                self.env._(
                    "A member of this membership already has another running "
                    "membership: end it first."
                )
            ) from None
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(membership.state != "draft" for membership in self):
            raise UserError(
                self.env._("Only a draft membership can be deleted; cancel it.")
            )

    # ------------------------------------------------------------------
    # Lifecycle
    # ------------------------------------------------------------------

    def _check_transition(self, new_state):
        self.ensure_one()
        if new_state == self.state:
            return
        if new_state not in TRANSITIONS[self.state]:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Membership %(name)s is %(state)s: it cannot become %(new)s.",
                    name=self.name,
                    state=labels[self.state],
                    new=labels[new_state],
                )
            )

    def _move_to(self, new_state, note=None, **values):
        """Change the state (only along the allowed transitions), log it in
        the chatter, and keep members and subscription in step."""
        labels = dict(self._fields["state"]._description_selection(self.env))
        for membership in self:
            membership._check_transition(new_state)
            old = membership.state
            membership.with_context(coworking_membership_move=True).write(
                {"state": new_state, "state_note": note or False, **values}
            )
            body = self.env._(
                "%(old)s → %(new)s",
                old=labels[old],
                new=labels[new_state],
            )
            if note:
                body = f"{body}: {note}"
            membership.message_post(body=body, subtype_xmlid="mail.mt_note")
            membership._after_move(old)
        return True

    def _after_move(self, old_state):
        self.ensure_one()
        self._sync_members()
        if self.state == "active" and old_state == "draft":
            self._start_subscription()
            if self.date_start <= fields.Date.context_today(self):
                self._ensure_period_grants(fields.Date.context_today(self))
        elif self.state in ("expired", "cancelled"):
            self._close_subscription()

    def _require_state(self, state, action):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for membership in self:
            if membership.state != state:
                raise UserError(
                    self.env._(
                        "Membership %(name)s is %(state)s: only a %(required)s "
                        "membership can be %(action)s.",
                        name=membership.name,
                        state=labels[membership.state],
                        required=labels[state].lower(),
                        action=action,
                    )
                )

    def action_activate(self):
        self._require_state("draft", self.env._("activated"))
        for membership in self:
            if not membership.member_line_ids:
                raise UserError(
                    self.env._(
                        "Membership %(name)s has no member: add the people it is "
                        "for.",
                        name=membership.name,
                    )
                )
        return self._move_to("active")

    def action_suspend(self):
        return self._move_to(
            "suspended",
            self.env._("suspended by %(user)s", user=self.env.user.name),
            suspend_reason="staff",
        )

    def action_reactivate(self):
        self._require_state("suspended", self.env._("reactivated"))
        return self._move_to("active", suspend_reason=False)

    def action_cancel(self):
        today = fields.Date.context_today(self)
        for membership in self:
            membership._move_to(
                "cancelled",
                self.env._("cancelled by %(user)s", user=self.env.user.name),
                # the last day covered, for the prorated fee
                date_end=min(membership.date_end or today, today)
                if membership.date_start <= today
                else membership.date_start,
                auto_renew=False,
            )
        return True

    def _sync_members(self, extra_partners=None):
        """Members of an active membership are coworking members; the
        subscription invoices the fee once per member."""
        partners = self.member_line_ids.partner_id | (
            extra_partners or self.env["res.partner"]
        )
        if partners:
            active = (
                self.env["coworking.membership.member"]
                .sudo()
                .search([("partner_id", "in", partners.ids), ("state", "=", "active")])
                .partner_id
            )
            for partner in partners.sudo():
                flag = partner in active
                if partner.is_coworking_member != flag:
                    partner.is_coworking_member = flag
        for membership in self.filtered("subscription_id"):
            line = membership.subscription_id.sale_subscription_line_ids.filtered(
                lambda sub_line, m=membership: sub_line.product_id
                == m.plan_id.product_id
            )[:1]
            count = max(len(membership.member_line_ids), 1)
            if line and line.product_uom_qty != count:
                line.sudo().product_uom_qty = count

    # ------------------------------------------------------------------
    # Subscription (OCA subscription_oca)
    # ------------------------------------------------------------------

    def _prepare_subscription_values(self):
        self.ensure_one()
        plan = self.plan_id
        # the fee at its own price: the member pricelist is for bookings
        pricelist = self.env["product.pricelist"]._coworking_standard_pricelist(
            self.company_id
        )
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "template_id": plan.product_id.subscription_template_id.id,
            "pricelist_id": pricelist.id,
            "date_start": self.date_start,
            "recurring_next_date": self.date_start,
            "description": self.env._(
                "Membership %(name)s, plan %(plan)s",
                name=self.name,
                plan=plan.name,
            ),
            "sale_subscription_line_ids": [
                Command.create(
                    {
                        "product_id": plan.product_id.id,
                        "product_uom_qty": max(len(self.member_line_ids), 1),
                    }
                )
            ],
        }

    def _start_subscription(self):
        """Recurring plans: the fee is invoiced by a subscription, started on
        the membership's first day."""
        self.ensure_one()
        if self.plan_id.billing != "recurring" or self.subscription_id:
            return
        Subscription = self.env["sale.subscription"].sudo()
        subscription = Subscription.create(self._prepare_subscription_values())
        if self.date_start <= fields.Date.context_today(self):
            subscription.action_start_subscription()
        else:
            ready = self.env["sale.subscription.stage"].search(
                [("type", "=", "pre")], limit=1
            )
            subscription.stage_id = ready
        self.subscription_id = subscription

    def _close_subscription(self):
        self.ensure_one()
        subscription = self.subscription_id.sudo()
        if subscription and subscription.stage_id.type != "post":
            subscription.close_subscription()

    # ------------------------------------------------------------------
    # Periods and credits
    # ------------------------------------------------------------------

    def _period_anchor(self):
        """Where the periods are counted from: the first of the starting month
        for plans billed by months or years (calendar months, like the
        monthly invoice), the first day otherwise."""
        self.ensure_one()
        step = self.plan_id._period_step()
        if step.months or step.years:
            return self.date_start.replace(day=1)
        return self.date_start

    def _period_bounds(self, day):
        """``(first day, last day)`` of the period holding ``day``: calendar
        months (or several, or years) for plans billed so, else periods from
        the membership's first day. The first and last periods may be covered
        in part only (see ``_period_share``)."""
        self.ensure_one()
        step = self.plan_id._period_step()
        anchor = self._period_anchor()
        if day < anchor:
            return anchor, anchor + step - timedelta(days=1)
        # jump close, then walk: months of different lengths stay exact
        per = step.months + 12 * step.years
        if per:
            months = (day.year - anchor.year) * 12 + day.month - anchor.month
            index = max((months // per) - 1, 0)
        else:
            # relativedelta keeps weeks as days
            index = max(((day - anchor).days // max(step.days, 1)) - 1, 0)
        start = anchor + step * index
        while anchor + step * (index + 1) <= day:
            index += 1
            start = anchor + step * index
        return start, anchor + step * (index + 1) - timedelta(days=1)

    def _period_share(self, start, stop):
        """The part of the period ``[start, stop]`` the membership covers: less
        than 1 when it starts (or ends, not renewing) inside the period."""
        self.ensure_one()
        first = max(start, self.date_start)
        last = stop
        if self.date_end and not self.auto_renew:
            last = min(stop, self.date_end)
        covered = (last - first).days + 1
        return max(covered, 0) / ((stop - start).days + 1)

    def _covers(self, day):
        """Whether the membership, running, covers a booking on ``day``."""
        self.ensure_one()
        return (
            self.state == "active"
            and self.date_start <= day
            and (self.auto_renew or not self.date_end or day <= self.date_end)
        )

    def _lock(self):
        """Queue the credit operations of a membership: a concurrent
        transaction that waited here fails to serialize and is retried."""
        if self:
            self.env.cr.execute(
                SQL(
                    "UPDATE coworking_membership SET write_date = write_date "
                    "WHERE id IN %s",
                    tuple(self.ids),
                )
            )

    def _period_grants(self, start, stop):
        """``[(unit, kind id or False, amount)]`` the plan grants for the
        period, for all the members, in proportion to the part covered."""
        self.ensure_one()
        plan = self.plan_id
        share = self._period_share(start, stop)
        members = max(len(self.member_line_ids), 1)
        wanted = []
        if plan.credit_hours:
            wanted.append(("hours", False, plan.credit_hours * members))
        for line in plan.line_ids.filtered(
            lambda ln: ln.mode == "credits" and ln.hours
        ):
            wanted.append(("hours", line.kind_id.id, line.hours * members))
        if plan.guest_passes:
            wanted.append(("guest_passes", False, plan.guest_passes * members))
        result = []
        for unit, kind_id, amount in wanted:
            if unit == "hours":
                amount = float_round(amount * share, precision_digits=2)
            else:
                amount = float(round(amount * share))
            if amount > 0:
                result.append((unit, kind_id, amount))
        return result

    def _ensure_period_grants(self, day):
        """The grants of the period holding ``day`` (hours of the plan, per
        kind and shared, and guest passes, times the members, in proportion
        to the part of the period covered), created once."""
        self.ensure_one()
        plan = self.plan_id
        if plan.billing != "recurring" or not self._covers(day):
            return self.env["coworking.membership.credit"]
        start, stop = self._period_bounds(day)
        wanted = self._period_grants(start, stop)
        if not wanted:
            return self.env["coworking.membership.credit"]
        Credit = self.env["coworking.membership.credit"].sudo()
        existing = Credit.search(
            [
                ("membership_id", "=", self.id),
                ("type", "=", "grant"),
                ("valid_from", "=", start),
            ]
        )
        have = {(lot.unit, lot.space_kind_id.id) for lot in existing}
        missing = [w for w in wanted if (w[0], w[1]) not in have]
        if not missing:
            return existing
        self._lock()
        values = [
            {
                "membership_id": self.id,
                "type": "grant",
                "unit": unit,
                "space_kind_id": kind_id,
                "amount": amount,
                "valid_from": start,
                "valid_to": stop,
                "note": self.env._(
                    "%(plan)s, period %(start)s – %(stop)s",
                    plan=plan.name,
                    start=start,
                    stop=stop,
                ),
            }
            for unit, kind_id, amount in missing
        ]
        return existing | Credit.create(values)

    def _available_lots(self, day, kind_code=None, unit="hours"):
        """Lots usable on ``day`` for a kind, with what is left of each:
        ``[(lot, left)]``, the kind's own lots first, then the soonest to
        expire."""
        self.ensure_one()
        Credit = self.env["coworking.membership.credit"].sudo()
        kind = (
            self.env["coworking.space.kind"]._for_code(kind_code) if kind_code else None
        )
        domain = [
            ("membership_id", "=", self.id),
            ("type", "in", LOT_TYPES),
            ("unit", "=", unit),
            ("valid_from", "<=", day),
            ("valid_to", ">=", day),
            ("space_kind_id", "in", [False] + (kind.ids if kind else [])),
        ]
        lots = Credit.search(domain)
        remaining = Credit._lot_remaining(lots.ids)
        usable = [
            (lot, remaining.get(lot.id, 0.0))
            for lot in lots
            if remaining.get(lot.id, 0.0) > 0.0049
        ]
        usable.sort(
            key=lambda item: (
                0 if item[0].space_kind_id else 1,
                item[0].valid_to,
                item[0].id,
            )
        )
        return usable

    @api.model
    def _booking_day(self, booking):
        tz = pytz.timezone(booking.location_id.tz or "UTC")
        return pytz.utc.localize(booking.start).astimezone(tz).date()

    def _booking_need(self, booking):
        """Credit hours a booking takes: its hours, times its seats in a
        per-seat space."""
        hours = (booking.stop - booking.start).total_seconds() / 3600
        seats = booking.seats if booking.booking_mode == "pooled" else 1
        return float_round(hours * seats, precision_digits=2)

    def _check_credits(self, target, start, stop, seats):
        """Reasons to refuse a booking for want of credits, under a plan that
        refuses bookings beyond them."""
        self.ensure_one()
        plan = self.plan_id
        if target._name != "coworking.space" or plan.overage != "refuse":
            return []
        line = plan._line_for(target.kind)
        if not line or line.mode != "credits":
            return []
        tz = pytz.timezone(target.location_id.tz or "UTC")
        day = pytz.utc.localize(start).astimezone(tz).date()
        hours = (stop - start).total_seconds() / 3600
        need = hours * (seats if target.booking_mode == "pooled" else 1)
        left = self._credits_left_on(day, target.kind)
        if float_compare(left, need, precision_digits=2) < 0:
            message = self.env._(
                "Not enough credits: this booking needs %(need)s h and %(left)s h "
                "are left for that period.",
                need=float_round(need, precision_digits=2),
                left=float_round(left, precision_digits=2),
            )
            return [("no_credits", message)]
        return []

    def _credits_left_on(self, day, kind_code=None):
        """Credit hours usable on ``day`` for a kind, counting the grant of
        that day's period even before it is written."""
        self.ensure_one()
        left = sum(amount for _lot, amount in self._available_lots(day, kind_code))
        plan = self.plan_id
        if plan.billing == "recurring" and self._covers(day):
            start, _stop = self._period_bounds(day)
            granted = (
                self.env["coworking.membership.credit"]
                .sudo()
                .search_count(
                    [
                        ("membership_id", "=", self.id),
                        ("type", "=", "grant"),
                        ("valid_from", "=", start),
                        ("unit", "=", "hours"),
                    ]
                )
            )
            if not granted:
                start, stop = self._period_bounds(day)
                kind = (
                    self.env["coworking.space.kind"]._for_code(kind_code)
                    if kind_code
                    else self.env["coworking.space.kind"]
                )
                left += sum(
                    amount
                    for unit, kind_id, amount in self._period_grants(start, stop)
                    if unit == "hours" and kind_id in (False, kind.id)
                )
        return left

    def _debit_booking(self, booking):
        """Price a confirmed booking under the plan and take its credits.

        Included kinds cost nothing; kinds with credit hours take them from
        the lots valid on the booking's local day, and beyond them the plan
        either bills the rest at the member price or refuses the booking;
        other kinds (and equipment) are billed at the member price. The
        price is what the membership's invoice will charge for the booking.
        """
        self.ensure_one()
        booking = booking.sudo()
        Booking = self.env["coworking.booking"].sudo()
        plan = self.plan_id
        target = booking._target()
        full_price = Booking._compute_price_lines(
            target,
            booking.start,
            booking.stop,
            booking.seats,
            booking.partner_id,
            plan.pricelist_id or booking.pricelist_id,
        )[1]
        values = {
            "membership_id": self.id,
            "pricelist_id": (plan.pricelist_id or booking.pricelist_id).id,
        }
        line = plan._line_for(booking.space_kind) if booking.space_id else None
        if line and line.mode == "included":
            values["price"] = 0.0
        elif line and line.mode == "credits":
            self._lock()
            day = self._booking_day(booking)
            self._ensure_period_grants(day)
            need = self._booking_need(booking)
            left_to_cover = need
            draws = []
            for lot, left in self._available_lots(day, booking.space_kind):
                if left_to_cover <= 0.0049:
                    break
                take = float_round(min(left, left_to_cover), precision_digits=2)
                draws.append(
                    {
                        "membership_id": self.id,
                        "type": "consume",
                        "unit": "hours",
                        "amount": -take,
                        "lot_id": lot.id,
                        "booking_id": booking.id,
                        "note": booking.name,
                    }
                )
                left_to_cover = float_round(left_to_cover - take, precision_digits=2)
            if left_to_cover > 0.0049 and plan.overage == "refuse":
                message = self.env._(
                    "Not enough credits: this booking needs %(need)s h and "
                    "%(left)s h are left for that period.",
                    need=need,
                    left=float_round(need - left_to_cover, precision_digits=2),
                )
                raise BookingRefused(message, reasons=[("no_credits", message)])
            Credit = self.env["coworking.membership.credit"].sudo()
            with Credit._guard_overdraft():
                Credit.create(draws)
            values["price"] = (
                booking.currency_id.round(full_price * left_to_cover / need)
                if need
                else 0.0
            )
        else:
            values["price"] = full_price
        booking.write(values)
        return True

    def _refund_booking(self, booking):
        """Give back the credits a booking took, to lots still running."""
        self.ensure_one()
        Credit = self.env["coworking.membership.credit"].sudo()
        lines = Credit.search(
            [("booking_id", "=", booking.id), ("type", "in", ("consume", "refund"))]
        )
        if not lines:
            return Credit
        self._lock()
        net = {}
        for line in lines:
            net[line.lot_id] = net.get(line.lot_id, 0.0) + line.amount
        expired = Credit.search(
            [("lot_id", "in", [lot.id for lot in net]), ("type", "=", "expire")]
        ).lot_id
        refunds = [
            {
                "membership_id": self.id,
                "type": "refund",
                "unit": lot.unit,
                "amount": -amount,
                "lot_id": lot.id,
                "booking_id": booking.id,
                "note": booking.name,
            }
            for lot, amount in net.items()
            if amount < -0.0049 and lot not in expired
        ]
        with Credit._guard_overdraft():
            return Credit.create(refunds)

    def _grant_pack(self, sale_line):
        """Credit hours of a pack bought on ``sale_line``, once."""
        self.ensure_one()
        product = sale_line.product_id
        Credit = self.env["coworking.membership.credit"].sudo()
        if Credit.search_count(
            [("sale_line_id", "=", sale_line.id), ("type", "=", "pack")]
        ):
            return Credit
        today = fields.Date.context_today(self)
        validity = product.coworking_pack_validity_days or 365
        self._lock()
        return Credit.create(
            {
                "membership_id": self.id,
                "type": "pack",
                "unit": "hours",
                "amount": product.coworking_pack_hours * sale_line.product_uom_qty,
                "valid_from": today,
                "valid_to": today + timedelta(days=validity - 1),
                "sale_line_id": sale_line.id,
                "note": sale_line.order_id.name,
            }
        )

    def action_use_guest_pass(self):
        """Staff record a guest of the member for today."""
        self.ensure_one()
        if self.state != "active":
            raise UserError(self.env._("Only an active membership has guest passes."))
        today = fields.Date.context_today(self)
        self._ensure_period_grants(today)
        self._lock()
        lots = self._available_lots(today, unit="guest_passes")
        if not lots:
            raise UserError(
                self.env._(
                    "No guest pass is left for this period on %(name)s.",
                    name=self.name,
                )
            )
        Credit = self.env["coworking.membership.credit"].sudo()
        with Credit._guard_overdraft():
            Credit.create(
                {
                    "membership_id": self.id,
                    "type": "consume",
                    "unit": "guest_passes",
                    "amount": -1,
                    "lot_id": lots[0][0].id,
                    "note": self.env._("Guest pass used"),
                }
            )
        return True

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_change_plan(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Plan"),
            "res_model": "coworking.membership.change.plan",
            "view_mode": "form",
            "target": "new",
            "context": {"default_membership_id": self.id},
        }

    def action_view_bookings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_booking.coworking_booking_action"
        )
        action["domain"] = [("membership_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_view_credits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_membership.coworking_membership_credit_action"
        )
        action["domain"] = [("membership_id", "=", self.id)]
        action["context"] = {"default_membership_id": self.id}
        return action

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.invoice_ids.ids)]
        action["context"] = {"create": False}
        return action

    def action_view_subscription(self):
        self.ensure_one()
        return self.subscription_id.get_formview_action()

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------

    @api.model
    def _grace_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("coworking_membership.grace_days", DEFAULT_GRACE_DAYS)
        )
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return DEFAULT_GRACE_DAYS

    def _overdue_invoices(self, today=None):
        """Unpaid invoices of the memberships' fee, due more than the grace
        period ago."""
        today = today or fields.Date.context_today(self)
        subscriptions = self.subscription_id
        if not subscriptions:
            return self.env["account.move"]
        limit = today - timedelta(days=self._grace_days())
        return (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    "|",
                    ("subscription_id", "in", subscriptions.ids),
                    (
                        "line_ids.sale_line_ids.order_id.order_subscription_id",
                        "in",
                        subscriptions.ids,
                    ),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("invoice_date_due", "<", limit),
                ]
            )
        )

    @api.model
    def _cron_check_payments(self):
        """Suspend the memberships with a fee unpaid after the grace period;
        reactivate those suspended for it once it is paid."""
        today = fields.Date.context_today(self)
        active = self.search(
            [("state", "=", "active"), ("subscription_id", "!=", False)]
        )
        for membership in active:
            overdue = membership._overdue_invoices(today)
            if overdue:
                membership._move_to(
                    "suspended",
                    self.env._(
                        "invoice %(invoices)s unpaid %(days)s days after its due date",
                        invoices=", ".join(overdue.mapped("name")),
                        days=self._grace_days(),
                    ),
                    suspend_reason="unpaid",
                )
        self.search(
            [("state", "=", "suspended"), ("suspend_reason", "=", "unpaid")]
        )._reactivate_if_paid()

    def _reactivate_if_paid(self):
        for membership in self:
            if (
                membership.state == "suspended"
                and membership.suspend_reason == "unpaid"
            ):
                if not membership._overdue_invoices():
                    membership._move_to(
                        "active",
                        self.env._("the overdue invoices are paid"),
                        suspend_reason=False,
                    )

    @api.model
    def _cron_renew_and_expire(self):
        """Memberships that reached their end renew for one more period, or
        expire when they do not renew."""
        today = fields.Date.context_today(self)
        ended = self.search(
            [
                ("state", "in", LIVE_STATES),
                ("date_end", "!=", False),
                ("date_end", "<", today),
            ]
        )
        for membership in ended:
            if membership.auto_renew and membership.state == "active":
                new_end = membership.date_end
                while new_end < today:
                    new_end += membership.plan_id._period_step()
                membership.date_end = new_end
                membership.message_post(
                    body=self.env._("Renewed until %(date)s.", date=new_end)
                )
            else:
                membership._move_to(
                    "expired", self.env._("ended on %(date)s", date=membership.date_end)
                )

    @api.model
    def _cron_grant_and_expire_credits(self):
        """At each period's start: plan changes take effect, the period's
        credits are granted; lots that ended expire, or roll over once."""
        today = fields.Date.context_today(self)
        changing = self.search(
            [
                ("state", "in", LIVE_STATES),
                ("next_plan_id", "!=", False),
                ("next_plan_date", "<=", today),
            ]
        )
        for membership in changing:
            membership._apply_next_plan()
        for membership in self.search([("state", "=", "active")]):
            membership._ensure_period_grants(today)
        Credit = self.env["coworking.membership.credit"].sudo()
        ended = Credit.search(
            [("type", "in", LOT_TYPES), ("valid_to", "<", today)], order="valid_to, id"
        )
        remaining = Credit._lot_remaining(ended.ids)
        expired = Credit.search(
            [("lot_id", "in", ended.ids), ("type", "=", "expire")]
        ).lot_id
        for lot in ended:
            left = float_round(remaining.get(lot.id, 0.0), precision_digits=2)
            if left <= 0 or lot in expired:
                continue
            membership = lot.membership_id
            values = []
            if (
                lot.type == "grant"
                and lot.unit == "hours"
                and membership.plan_id.rollover
                and membership.state in LIVE_STATES
            ):
                start = lot.valid_to + timedelta(days=1)
                _start, stop = membership._period_bounds(start)
                values.append(
                    {
                        "membership_id": membership.id,
                        "type": "rollover",
                        "unit": lot.unit,
                        "space_kind_id": lot.space_kind_id.id,
                        "amount": left,
                        "valid_from": start,
                        "valid_to": stop,
                        "note": self.env._(
                            "Rolled over from %(date)s", date=lot.valid_from
                        ),
                    }
                )
            values.append(
                {
                    "membership_id": membership.id,
                    "type": "expire",
                    "unit": lot.unit,
                    "amount": -left,
                    "lot_id": lot.id,
                    "note": self.env._("Unused at the end of the period"),
                }
            )
            with Credit._guard_overdraft():
                Credit.create(values)

    def _apply_next_plan(self):
        self.ensure_one()
        old = self.plan_id
        new = self.next_plan_id
        self.with_context(coworking_membership_move=True).write(
            {"plan_id": new.id, "next_plan_id": False, "next_plan_date": False}
        )
        subscription = self.subscription_id.sudo()
        if subscription:
            line = subscription.sale_subscription_line_ids.filtered(
                lambda sub_line: sub_line.product_id == old.product_id
            )[:1]
            if new.billing == "recurring" and line:
                line.write({"product_id": new.product_id.id})
            elif new.billing != "recurring":
                self._close_subscription()
        elif new.billing == "recurring" and self.state in LIVE_STATES:
            self._start_subscription()
        self.message_post(
            body=self.env._(
                "Plan changed from %(old)s to %(new)s.", old=old.name, new=new.name
            )
        )
