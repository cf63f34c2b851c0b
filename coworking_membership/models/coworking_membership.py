# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

import psycopg2.errors
import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .coworking_membership_credit import HOURS_DIGITS, LOT_TYPES

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


class CoworkingMembership(models.Model):
    """A member's (or a team's) plan over time: its lifecycle, fee and credits."""

    _name = "coworking.membership"
    _description = "Coworking Membership"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

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

    # === FIELDS === #

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
        digits=(16, HOURS_DIGITS),
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

    # === COMPUTE METHODS === #

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

    # === CONSTRAINT METHODS === #

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

    # === CRUD METHODS === #

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
                membership._ensure_transition(vals["state"])
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

    # === ACTION METHODS === #

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

    def action_use_guest_pass(self):
        """Staff record a guest of the member for today."""
        self.ensure_one()
        if self.state != "active":
            raise UserError(self.env._("Only an active membership has guest passes."))
        self.env["coworking.membership.credit"]._use_guest_pass(self)
        return True

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

    # === BUSINESS METHODS === #

    def _ensure_transition(self, new_state):
        """Raise unless the membership may go to ``new_state``."""
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
            membership._ensure_transition(new_state)
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
                self.env["coworking.membership.credit"]._grant_period(
                    self, fields.Date.context_today(self)
                )
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

    def _credits_left_on(self, day, kind_code=None):
        """Credit hours usable on ``day`` for a kind (see the ledger)."""
        return self.env["coworking.membership.credit"]._credits_left(
            self, day, kind_code
        )

    def _credit_refusals(self, target, start, stop, seats):
        """``[(code, message)]``: reasons to refuse a booking for want of
        credits."""
        return self.env["coworking.membership.credit"]._credit_refusals(
            self, target, start, stop, seats
        )

    def _debit_booking(self, booking):
        """Price a confirmed booking under the plan and take its credits."""
        return self.env["coworking.membership.credit"]._debit(self, booking)

    def _refund_booking(self, booking):
        """Give back the credits a booking took, to lots still running."""
        return self.env["coworking.membership.credit"]._refund(self, booking)

    # === CRON METHODS === #

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
        Credit = self.env["coworking.membership.credit"]
        for membership in self.search([("state", "=", "active")]):
            Credit._grant_period(membership, today)
        Credit._expire_ended_lots(today)

    # === TOOLING === #

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

    @api.model
    def _booking_day(self, booking):
        tz = pytz.timezone(booking.location_id.tz or "UTC")
        return pytz.utc.localize(booking.start).astimezone(tz).date()
