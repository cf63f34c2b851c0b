# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import contextmanager
from datetime import timedelta

import psycopg2.errors
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare, float_round

from odoo.addons.coworking_booking.exceptions import BookingRefused

# Entries that open a lot of credits, and entries that draw on a lot.
LOT_TYPES = ("grant", "pack", "rollover", "adjust")
DRAW_TYPES = ("consume", "refund", "expire")
OVERDRAFT_CONSTRAINT = "coworking_membership_credit_no_overdraft"
# Credit hours (and guest passes) are kept to two decimals, the digits of
# ``amount``: every comparison of credits rounds to them.
HOURS_DIGITS = 2


class CoworkingMembershipCredit(models.Model):
    """The credit ledger of a membership: the balance is the sum of its lines.

    Credits come in lots (a period's grant, a pack bought, a rollover, a
    manual adjustment), each valid between two dates and usable for one kind
    of space or for any. Consumptions, refunds and expiries draw on one lot;
    the database refuses any line that would take a lot below zero, so two
    bookings at once can never spend the same credits. The ledger's work
    (grants, packs, debits, refunds, expiry and rollover) lives here; the
    membership calls it.
    """

    _name = "coworking.membership.credit"
    _description = "Coworking Membership Credit Ledger Line"
    _order = "date desc, id desc"
    _check_company_auto = True

    _sql_constraints = [
        (
            "lot_sign",
            "CHECK ((type IN ('grant', 'pack', 'rollover', 'adjust') AND amount > 0 "
            "AND lot_id IS NULL AND valid_from IS NOT NULL AND valid_to IS NOT NULL "
            "AND valid_to >= valid_from) "
            "OR (type IN ('consume', 'expire') AND amount < 0 AND lot_id IS NOT NULL) "
            "OR (type = 'refund' AND amount > 0 AND lot_id IS NOT NULL))",
            "A lot adds credits for a period; bookings and expiries take them "
            "from a lot, refunds give them back to it.",
        ),
    ]

    # === FIELDS === #

    membership_id = fields.Many2one(
        "coworking.membership",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="membership_id.company_id", store=True, index=True
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    type = fields.Selection(
        [
            ("grant", "Period Grant"),
            ("pack", "Pack Bought"),
            ("rollover", "Rollover"),
            ("adjust", "Adjustment"),
            ("consume", "Booking"),
            ("refund", "Refund"),
            ("expire", "Expiry"),
        ],
        required=True,
        index=True,
    )
    unit = fields.Selection(
        [("hours", "Hours"), ("guest_passes", "Guest Passes")],
        required=True,
        default="hours",
    )
    amount = fields.Float(
        digits=(16, HOURS_DIGITS),
        required=True,
        help="Hours (or guest passes) added to the balance, or taken from it "
        "when negative.",
    )
    lot_id = fields.Many2one(
        "coworking.membership.credit",
        string="Lot",
        index=True,
        ondelete="restrict",
        help="The credits this line draws on.",
    )
    draw_ids = fields.One2many("coworking.membership.credit", "lot_id")
    valid_from = fields.Date(help="First day the credits of this lot can be used.")
    valid_to = fields.Date(help="Last day the credits of this lot can be used.")
    space_kind_id = fields.Many2one(
        "coworking.space.kind",
        string="For",
        help="Credits for this kind of space only; empty: for any kind the "
        "plan books with credits.",
    )
    remaining = fields.Float(
        digits=(16, HOURS_DIGITS),
        compute="_compute_remaining",
        help="What is left of a lot.",
    )
    booking_id = fields.Many2one(
        "coworking.booking", index="btree_not_null", ondelete="set null"
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Sold By",
        index="btree_not_null",
        ondelete="set null",
        help="The order line of the pack that opened this lot.",
    )
    note = fields.Char()

    # === COMPUTE METHODS === #

    @api.depends("amount", "draw_ids.amount")
    def _compute_remaining(self):
        lots = self.filtered(lambda line: line.type in LOT_TYPES and line.id)
        remaining = self._lot_remaining(lots.ids)
        for line in self:
            line.remaining = remaining.get(line.id, 0.0) if line in lots else 0.0

    @api.depends("type", "amount", "unit", "membership_id")
    def _compute_display_name(self):
        types = dict(self._fields["type"]._description_selection(self.env))
        for line in self:
            line.display_name = f"{line.membership_id.name} – {types.get(line.type)}"

    # === CRUD METHODS === #

    def init(self):
        cr = self.env.cr
        # one grant per membership, period, unit and kind; one expiry per lot;
        # one lot per pack order line
        cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS coworking_membership_credit_grant_uniq
                ON coworking_membership_credit
                   (membership_id, valid_from, unit, COALESCE(space_kind_id, 0))
             WHERE type = 'grant';
            CREATE UNIQUE INDEX IF NOT EXISTS coworking_membership_credit_expire_uniq
                ON coworking_membership_credit (lot_id) WHERE type = 'expire';
            CREATE UNIQUE INDEX IF NOT EXISTS coworking_membership_credit_pack_uniq
                ON coworking_membership_credit (sale_line_id) WHERE type = 'pack';
            """
        )
        # No lot ever goes below zero. The trigger first updates the lot's
        # row: concurrent draws on one lot queue there, and a repeatable-read
        # transaction that waited fails to serialize and is retried on a fresh
        # snapshot, so the sum below always sees every committed line.
        cr.execute(
            """
            CREATE OR REPLACE FUNCTION coworking_membership_credit_check()
            RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                left_amount numeric;
            BEGIN
                IF NEW.lot_id IS NULL THEN
                    RETURN NULL;
                END IF;
                UPDATE coworking_membership_credit SET write_date = write_date
                 WHERE id = NEW.lot_id;
                SELECT SUM(amount) INTO left_amount
                  FROM coworking_membership_credit
                 WHERE id = NEW.lot_id OR lot_id = NEW.lot_id;
                IF left_amount < -0.000001 THEN
                    RAISE EXCEPTION USING
                        ERRCODE = 'check_violation',
                        CONSTRAINT = 'coworking_membership_credit_no_overdraft',
                        MESSAGE = format(
                            'coworking_membership_credit_no_overdraft: lot %s '
                            'would be left with %s', NEW.lot_id, left_amount);
                END IF;
                RETURN NULL;
            END;
            $$;
            DROP TRIGGER IF EXISTS coworking_membership_credit_check
                ON coworking_membership_credit;
            CREATE TRIGGER coworking_membership_credit_check
                AFTER INSERT OR UPDATE OF amount, lot_id
                ON coworking_membership_credit
                FOR EACH ROW EXECUTE FUNCTION coworking_membership_credit_check();
            """
        )

    # === BUSINESS METHODS === #

    @api.model
    def _period_grants(self, membership, start, stop):
        """``[(unit, kind id or False, amount)]`` the plan of ``membership``
        grants for the period, for all the members, in proportion to the part
        covered."""
        membership.ensure_one()
        plan = membership.plan_id
        share = membership._period_share(start, stop)
        members = max(len(membership.member_line_ids), 1)
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
                amount = float_round(amount * share, precision_digits=HOURS_DIGITS)
            else:
                amount = float(round(amount * share))
            if amount > 0:
                result.append((unit, kind_id, amount))
        return result

    @api.model
    def _grant_period(self, membership, day):
        """The grants of ``membership`` for the period holding ``day`` (hours
        of the plan, per kind and shared, and guest passes, times the members,
        in proportion to the part of the period covered), created once."""
        membership.ensure_one()
        plan = membership.plan_id
        if plan.billing != "recurring" or not membership._covers(day):
            return self.browse()
        start, stop = membership._period_bounds(day)
        wanted = self._period_grants(membership, start, stop)
        if not wanted:
            return self.browse()
        Credit = self.sudo()
        existing = Credit.search(
            [
                ("membership_id", "=", membership.id),
                ("type", "=", "grant"),
                ("valid_from", "=", start),
            ]
        )
        have = {(lot.unit, lot.space_kind_id.id) for lot in existing}
        missing = [w for w in wanted if (w[0], w[1]) not in have]
        if not missing:
            return existing
        membership._lock()
        values = [
            {
                "membership_id": membership.id,
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

    @api.model
    def _grant_pack(self, membership, sale_line):
        """Credit ``membership`` with the hours of a pack bought on
        ``sale_line``, once."""
        membership.ensure_one()
        product = sale_line.product_id
        Credit = self.sudo()
        if Credit.search_count(
            [("sale_line_id", "=", sale_line.id), ("type", "=", "pack")]
        ):
            return Credit
        today = fields.Date.context_today(self)
        validity = product.coworking_pack_validity_days or 365
        membership._lock()
        return Credit.create(
            {
                "membership_id": membership.id,
                "type": "pack",
                "unit": "hours",
                "amount": product.coworking_pack_hours * sale_line.product_uom_qty,
                "valid_from": today,
                "valid_to": today + timedelta(days=validity - 1),
                "sale_line_id": sale_line.id,
                "note": sale_line.order_id.name,
            }
        )

    @api.model
    def _available_lots(self, membership, day, kind_code=None, unit="hours"):
        """Lots of ``membership`` usable on ``day`` for a kind, with what is
        left of each: ``[(lot, left)]``, the kind's own lots first, then the
        soonest to expire."""
        membership.ensure_one()
        Credit = self.sudo()
        kind = (
            self.env["coworking.space.kind"]._for_code(kind_code) if kind_code else None
        )
        domain = [
            ("membership_id", "=", membership.id),
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
            if float_compare(
                remaining.get(lot.id, 0.0), 0.0, precision_digits=HOURS_DIGITS
            )
            > 0
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
    def _credits_left(self, membership, day, kind_code=None):
        """Credit hours of ``membership`` usable on ``day`` for a kind,
        counting the grant of that day's period even before it is written."""
        membership.ensure_one()
        left = sum(
            amount for _lot, amount in self._available_lots(membership, day, kind_code)
        )
        plan = membership.plan_id
        if plan.billing == "recurring" and membership._covers(day):
            start, _stop = membership._period_bounds(day)
            granted = self.sudo().search_count(
                [
                    ("membership_id", "=", membership.id),
                    ("type", "=", "grant"),
                    ("valid_from", "=", start),
                    ("unit", "=", "hours"),
                ]
            )
            if not granted:
                start, stop = membership._period_bounds(day)
                kind = (
                    self.env["coworking.space.kind"]._for_code(kind_code)
                    if kind_code
                    else self.env["coworking.space.kind"]
                )
                left += sum(
                    amount
                    for unit, kind_id, amount in self._period_grants(
                        membership, start, stop
                    )
                    if unit == "hours" and kind_id in (False, kind.id)
                )
        return left

    @api.model
    def _credit_refusals(self, membership, target, start, stop, seats):
        """``[(code, message)]``: the reasons to refuse a booking for want of
        credits, under a plan that refuses bookings beyond them."""
        membership.ensure_one()
        plan = membership.plan_id
        if target._name != "coworking.space" or plan.overage != "refuse":
            return []
        line = plan._line_for(target.kind)
        if not line or line.mode != "credits":
            return []
        tz = pytz.timezone(target.location_id.tz or "UTC")
        day = pytz.utc.localize(start).astimezone(tz).date()
        hours = (stop - start).total_seconds() / 3600
        need = hours * (seats if target.booking_mode == "pooled" else 1)
        left = self._credits_left(membership, day, target.kind)
        if float_compare(left, need, precision_digits=HOURS_DIGITS) < 0:
            message = self.env._(
                "Not enough credits: this booking needs %(need)s h and %(left)s h "
                "are left for that period.",
                need=float_round(need, precision_digits=HOURS_DIGITS),
                left=float_round(left, precision_digits=HOURS_DIGITS),
            )
            return [("no_credits", message)]
        return []

    @api.model
    def _debit(self, membership, booking):
        """Price a confirmed booking under the plan of ``membership`` and take
        its credits.

        Included kinds cost nothing; kinds with credit hours take them from
        the lots valid on the booking's local day, and beyond them the plan
        either bills the rest at the member price or refuses the booking;
        other kinds (and equipment) are billed at the member price. The
        price is what the membership's invoice will charge for the booking.
        """
        membership.ensure_one()
        booking = booking.sudo()
        Booking = self.env["coworking.booking"].sudo()
        plan = membership.plan_id
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
            "membership_id": membership.id,
            "pricelist_id": (plan.pricelist_id or booking.pricelist_id).id,
        }
        line = plan._line_for(booking.space_kind) if booking.space_id else None
        if line and line.mode == "included":
            values["price"] = 0.0
        elif line and line.mode == "credits":
            membership._lock()
            day = membership._booking_day(booking)
            self._grant_period(membership, day)
            need = self._booking_need(booking)
            left_to_cover = need
            draws = []
            for lot, left in self._available_lots(membership, day, booking.space_kind):
                if (
                    float_compare(left_to_cover, 0.0, precision_digits=HOURS_DIGITS)
                    <= 0
                ):
                    break
                take = float_round(
                    min(left, left_to_cover), precision_digits=HOURS_DIGITS
                )
                draws.append(
                    {
                        "membership_id": membership.id,
                        "type": "consume",
                        "unit": "hours",
                        "amount": -take,
                        "lot_id": lot.id,
                        "booking_id": booking.id,
                        "note": booking.name,
                    }
                )
                left_to_cover = float_round(
                    left_to_cover - take, precision_digits=HOURS_DIGITS
                )
            if (
                float_compare(left_to_cover, 0.0, precision_digits=HOURS_DIGITS) > 0
                and plan.overage == "refuse"
            ):
                message = self.env._(
                    "Not enough credits: this booking needs %(need)s h and "
                    "%(left)s h are left for that period.",
                    need=need,
                    left=float_round(
                        need - left_to_cover, precision_digits=HOURS_DIGITS
                    ),
                )
                raise BookingRefused(message, reasons=[("no_credits", message)])
            Credit = self.sudo()
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

    @api.model
    def _refund(self, membership, booking):
        """Give back to ``membership`` the credits a booking took, to lots
        still running."""
        membership.ensure_one()
        Credit = self.sudo()
        lines = Credit.search(
            [("booking_id", "=", booking.id), ("type", "in", ("consume", "refund"))]
        )
        if not lines:
            return Credit
        membership._lock()
        net = {}
        for line in lines:
            net[line.lot_id] = net.get(line.lot_id, 0.0) + line.amount
        expired = Credit.search(
            [("lot_id", "in", [lot.id for lot in net]), ("type", "=", "expire")]
        ).lot_id
        refunds = [
            {
                "membership_id": membership.id,
                "type": "refund",
                "unit": lot.unit,
                "amount": -amount,
                "lot_id": lot.id,
                "booking_id": booking.id,
                "note": booking.name,
            }
            for lot, amount in net.items()
            if float_compare(amount, 0.0, precision_digits=HOURS_DIGITS) < 0
            and lot not in expired
        ]
        with Credit._guard_overdraft():
            return Credit.create(refunds)

    @api.model
    def _use_guest_pass(self, membership):
        """Take one guest pass of ``membership`` for today."""
        membership.ensure_one()
        today = fields.Date.context_today(self)
        self._grant_period(membership, today)
        membership._lock()
        lots = self._available_lots(membership, today, unit="guest_passes")
        if not lots:
            raise UserError(
                self.env._(
                    "No guest pass is left for this period on %(name)s.",
                    name=membership.name,
                )
            )
        Credit = self.sudo()
        with Credit._guard_overdraft():
            return Credit.create(
                {
                    "membership_id": membership.id,
                    "type": "consume",
                    "unit": "guest_passes",
                    "amount": -1,
                    "lot_id": lots[0][0].id,
                    "note": self.env._("Guest pass used"),
                }
            )

    # === CRON METHODS === #

    @api.model
    def _expire_ended_lots(self, today):
        """Lots that ended before ``today`` expire what is left of them; the
        hours of a period's grant roll over once when the plan says so."""
        Credit = self.sudo()
        ended = Credit.search(
            [("type", "in", LOT_TYPES), ("valid_to", "<", today)], order="valid_to, id"
        )
        remaining = Credit._lot_remaining(ended.ids)
        expired = Credit.search(
            [("lot_id", "in", ended.ids), ("type", "=", "expire")]
        ).lot_id
        for lot in ended:
            left = float_round(
                remaining.get(lot.id, 0.0), precision_digits=HOURS_DIGITS
            )
            if left <= 0 or lot in expired:
                continue
            membership = lot.membership_id
            values = []
            if (
                lot.type == "grant"
                and lot.unit == "hours"
                and membership.plan_id.rollover
                and membership.state in ("active", "suspended")
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

    # === TOOLING === #

    @api.model
    def _lot_remaining(self, lot_ids):
        """``{lot_id: what is left}`` in one query."""
        if not lot_ids:
            return {}
        self.flush_model(["amount", "lot_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT COALESCE(lot_id, id), SUM(amount)
                  FROM coworking_membership_credit
                 WHERE id = ANY(%s) OR lot_id = ANY(%s)
                 GROUP BY COALESCE(lot_id, id)
                """,
                lot_ids,
                lot_ids,
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _booking_need(self, booking):
        """Credit hours a booking takes: its hours, times its seats in a
        per-seat space."""
        hours = (booking.stop - booking.start).total_seconds() / 3600
        seats = booking.seats if booking.booking_mode == "pooled" else 1
        return float_round(hours * seats, precision_digits=HOURS_DIGITS)

    @contextmanager
    def _guard_overdraft(self):
        """Turn the database's refusal of an overdraft into a clear error."""
        try:
            with self.env.cr.savepoint():
                yield
        except psycopg2.errors.CheckViolation as error:
            if (error.diag.constraint_name or "") != OVERDRAFT_CONSTRAINT:
                raise
            self.env.invalidate_all()
            message = self.env._(
                "Not enough credits: they were just spent by another booking."
            )
            raise BookingRefused(message, reasons=[("no_credits", message)]) from None
