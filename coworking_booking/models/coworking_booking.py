# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import math
from collections import defaultdict
from contextlib import contextmanager
from datetime import datetime, timedelta

import psycopg2.errors
import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, float_round, format_amount, format_datetime

from ..tools import slots as slot_tools

_logger = logging.getLogger(__name__)

ACTIVE_STATES = ("held", "confirmed", "checked_in")
OVERLAP_CONSTRAINT = "coworking_booking_no_overlap"
CAPACITY_CONSTRAINT = "coworking_booking_capacity"
DEFAULT_HOLD_MINUTES = 30
# the first window of suggestions around a refused time
SUGGEST_RADIUS = timedelta(hours=12)


# the longest booking: every request is bounded before it is priced
MAX_BOOKING_DAYS = 31
# key of ``cr.cache``: the requests ``_book`` has just checked, in this
# transaction, so that ``create`` does not check them twice (server side only)
PRECHECKED = "coworking_booking_prechecked"
# key of ``cr.cache`` while ``_book`` runs: the prices it has computed, so that
# the quotation and the membership's debit do not price the booking again
PRICED = "coworking_booking_priced"
# key of ``cr.cache`` while ``_book`` runs: what one request reads several
# times (the opening hours of a refusal and of its suggestions, the customer's
# memberships), read once
REQUEST_MEMO = "coworking_booking_request_memo"


class BookingRefused(ValidationError):
    """A booking request that breaks a rule, with the reasons and suggestions.

    ``reasons`` is a list of ``(code, message)``; codes are stable and used by
    the JSON API: invalid, past, too_late, beyond_horizon, too_short, too_long,
    misaligned, closed, taken, full, too_many_people, not_bookable.
    """

    def __init__(self, message, reasons=None, suggestions=None):
        super().__init__(message)
        self.reasons = reasons or []
        self.suggestions = suggestions or {}


class CoworkingBooking(models.Model):
    _name = "coworking.booking"
    _description = "Coworking Booking"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        precompute=True,
        readonly=False,
    )
    space_id = fields.Many2one(
        "coworking.space",
        index=True,
        check_company=True,
        tracking=True,
        ondelete="restrict",
        domain="[('is_bookable', '=', True)]",
    )
    equipment_id = fields.Many2one(
        "coworking.equipment",
        index=True,
        check_company=True,
        tracking=True,
        ondelete="restrict",
        domain="[('is_bookable', '=', True)]",
    )
    location_id = fields.Many2one(
        "coworking.location",
        compute="_compute_target",
        store=True,
        precompute=True,
        index=True,
    )
    resource_id = fields.Many2one(
        "resource.resource",
        compute="_compute_target",
        store=True,
        precompute=True,
        index=True,
        help="The resource the booking holds; the database refuses two "
        "overlapping bookings of the same resource.",
    )
    booking_mode = fields.Selection(
        [("exclusive", "Whole space"), ("pooled", "Per seat")],
        compute="_compute_target",
        store=True,
        precompute=True,
        required=True,
    )
    space_kind = fields.Selection(related="space_id.kind", store=True)
    tz = fields.Selection(related="location_id.tz", string="Timezone")
    parent_id = fields.Many2one(
        "coworking.booking",
        string="Room Booking",
        index=True,
        ondelete="cascade",
        check_company=True,
        help="The room booking this equipment is added to.",
    )
    child_ids = fields.One2many(
        "coworking.booking", "parent_id", string="Added Equipment"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    is_member = fields.Boolean(related="partner_id.is_coworking_member")
    contact_name = fields.Char(help="Name of the guest, when not a member.")
    email = fields.Char()
    phone = fields.Char()
    start = fields.Datetime(required=True, tracking=True, index=True)
    stop = fields.Datetime(required=True, tracking=True)
    blocked_stop = fields.Datetime(
        compute="_compute_blocked_stop",
        store=True,
        precompute=True,
        help="End of the booking plus the buffer of its space: the time the "
        "booking keeps its resource from others.",
    )
    duration = fields.Float(
        string="Duration (hours)", compute="_compute_duration", store=True
    )
    seats = fields.Integer(
        string="People",
        default=1,
        required=True,
        help="Number of people; for per-seat spaces, the seats taken.",
    )
    state = fields.Selection(
        [
            ("held", "Held"),
            ("confirmed", "Confirmed"),
            ("checked_in", "Checked In"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
            ("no_show", "No-Show"),
        ],
        default="held",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        group_expand="_group_expand_states",
    )
    hold_until = fields.Datetime(
        copy=False,
        help="A held booking is released at this time unless it is paid.",
    )
    user_id = fields.Many2one(
        "res.users", string="Booked By", default=lambda self: self.env.user
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    pricelist_id = fields.Many2one("product.pricelist", check_company=True, copy=False)
    price = fields.Monetary(
        string="Price (untaxed)",
        copy=False,
        tracking=True,
        help="Price of the cheapest combination of rates for the duration.",
    )
    cancel_fee = fields.Monetary(string="Cancellation Fee", copy=False)
    cancel_reason = fields.Char(copy=False)
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
    lead_id = fields.Many2one("crm.lead", string="Opportunity", copy=False)
    checked_in_at = fields.Datetime(copy=False, readonly=True)
    reminder_sent = fields.Boolean(copy=False)
    confirmation_sent = fields.Boolean(
        copy=False,
        help="The confirmation email, with the receipt, has been sent. It is "
        "sent by a job started as soon as the booking is confirmed.",
    )
    note = fields.Text()
    start_local = fields.Char(
        string="Starts",
        compute="_compute_local_times",
        help="Start in the location's timezone.",
    )
    stop_local = fields.Char(string="Ends", compute="_compute_local_times")
    color = fields.Integer(related="space_id.color")

    _sql_constraints = [
        (
            "stop_after_start",
            "CHECK (stop > start)",
            "A booking must end after it starts.",
        ),
        (
            "seats_positive",
            "CHECK (seats > 0)",
            "A booking is for at least one person.",
        ),
        (
            "one_target",
            "CHECK ((space_id IS NULL) <> (equipment_id IS NULL))",
            "A booking holds either a space or a piece of equipment.",
        ),
        (
            "name_company_uniq",
            "UNIQUE (name, company_id)",
            "Booking references are unique per company.",
        ),
        (
            "no_overlap",
            "EXCLUDE USING gist (resource_id WITH =, "
            "tsrange(start, blocked_stop, '[)') WITH &&) "
            "WHERE (booking_mode = 'exclusive' "
            "AND state IN ('held', 'confirmed', 'checked_in'))",
            "This space or equipment is already booked at that time.",
        ),
    ]

    # ------------------------------------------------------------------
    # Database guarantees
    # ------------------------------------------------------------------

    def _auto_init(self):
        # the exclusion constraint compares integers with GiST
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        return super()._auto_init()

    def init(self):
        res = super().init()
        # Per-seat spaces: the seats taken at any instant never exceed the
        # capacity. The trigger first updates the space row: concurrent bookings
        # of one space queue there, and a repeatable-read transaction that
        # waited fails to serialize and is retried on a fresh snapshot, so the
        # count below always sees every committed booking.
        self.env.cr.execute(
            """
            CREATE OR REPLACE FUNCTION coworking_booking_check_capacity()
            RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                cap integer;
                peak integer;
            BEGIN
                IF NEW.booking_mode <> 'pooled'
                   OR NEW.state NOT IN ('held', 'confirmed', 'checked_in') THEN
                    RETURN NULL;
                END IF;
                UPDATE coworking_space SET write_date = write_date
                 WHERE id = NEW.space_id
                RETURNING capacity INTO cap;
                SELECT COALESCE(MAX(load), 0) INTO peak FROM (
                    SELECT SUM(b.seats) AS load
                      FROM (SELECT NEW.start AS t
                            UNION
                            SELECT o.start FROM coworking_booking o
                             WHERE o.space_id = NEW.space_id
                               AND o.state IN ('held', 'confirmed', 'checked_in')
                               AND o.start > NEW.start
                               AND o.start < NEW.blocked_stop) AS p
                      JOIN coworking_booking b
                        ON b.space_id = NEW.space_id
                       AND b.state IN ('held', 'confirmed', 'checked_in')
                       AND b.start <= p.t AND b.blocked_stop > p.t
                     GROUP BY p.t
                ) AS loads;
                IF peak > cap THEN
                    RAISE EXCEPTION USING
                        ERRCODE = 'exclusion_violation',
                        CONSTRAINT = 'coworking_booking_capacity',
                        MESSAGE = format(
                            'coworking_booking_capacity: %s seats of %s taken',
                            peak, cap);
                END IF;
                RETURN NULL;
            END;
            $$;
            DROP TRIGGER IF EXISTS coworking_booking_capacity ON coworking_booking;
            CREATE TRIGGER coworking_booking_capacity
                AFTER INSERT OR UPDATE OF start, stop, blocked_stop, seats, state,
                    space_id
                ON coworking_booking
                FOR EACH ROW EXECUTE FUNCTION coworking_booking_check_capacity();
            """
        )
        return res

    @contextmanager
    def _guard_conflicts(self):
        """Turn the database's refusal of an overlap into a clear error."""
        try:
            with self.env.cr.savepoint():
                yield
        except psycopg2.errors.ExclusionViolation as error:
            constraint = error.diag.constraint_name or ""
            if constraint.endswith("no_overlap"):
                code = "taken"
                message = self.env._(
                    "Already booked: this space or equipment is taken at that time."
                )
            elif constraint == CAPACITY_CONSTRAINT:
                code = "full"
                message = self.env._(
                    "Already booked: not enough seats are left at that time."
                )
            else:
                raise
            self.env.invalidate_all()
            raise BookingRefused(message, reasons=[(code, message)]) from None

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection]

    @api.depends("space_id", "equipment_id")
    def _compute_company_id(self):
        for booking in self:
            target = booking._target()
            booking.company_id = (
                target.company_id or booking.company_id or (self.env.company)
            )

    @api.depends("space_id", "equipment_id")
    def _compute_target(self):
        for booking in self:
            target = booking._target()
            booking.location_id = target.location_id
            booking.resource_id = target.resource_id
            booking.booking_mode = (
                booking.space_id.booking_mode if booking.space_id else "exclusive"
            )

    @api.depends("start", "stop", "space_id", "equipment_id")
    def _compute_blocked_stop(self):
        for booking in self:
            if booking.stop:
                buffer = booking._target().booking_buffer_minutes or 0
                booking.blocked_stop = booking.stop + timedelta(minutes=buffer)
            else:
                booking.blocked_stop = False

    @api.depends("start", "stop")
    def _compute_duration(self):
        for booking in self:
            if booking.start and booking.stop:
                booking.duration = (booking.stop - booking.start).total_seconds() / 3600
            else:
                booking.duration = 0.0

    @api.depends("start", "stop", "location_id.tz")
    @api.depends_context("lang")
    def _compute_local_times(self):
        for booking in self:
            tz = booking.location_id.tz or self.env.user.tz or "UTC"
            booking.start_local = booking.start and format_datetime(
                self.env, booking.start, tz=tz, dt_format="EEE d MMM y, HH:mm"
            )
            booking.stop_local = booking.stop and format_datetime(
                self.env, booking.stop, tz=tz, dt_format="EEE d MMM y, HH:mm"
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

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for booking in self:
            booking.access_url = f"/my/bookings/{booking.id}"
        return res

    @api.depends("name", "space_id", "equipment_id")
    def _compute_display_name(self):
        for booking in self:
            target = booking._target()
            if target and booking.name and booking.name != "/":
                booking.display_name = f"{booking.name} – {target.display_name}"
            else:
                booking.display_name = booking.name or target.display_name or ""

    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------

    @api.constrains("parent_id", "start", "stop", "equipment_id", "space_id")
    def _check_parent(self):
        for booking in self.filtered("parent_id"):
            parent = booking.parent_id
            if not booking.equipment_id or not parent.space_id:
                raise ValidationError(
                    self.env._("Only equipment can be added to a room booking.")
                )
            if booking.location_id != parent.location_id:
                raise ValidationError(
                    self.env._(
                        "'%(equipment)s' is not at the location of the room.",
                        equipment=booking.equipment_id.display_name,
                    )
                )
            if (booking.start, booking.stop) != (parent.start, parent.stop):
                raise ValidationError(
                    self.env._(
                        "Equipment added to a room booking is booked for the "
                        "same time as the room."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        staff = self._is_staff()
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("coworking.booking") or "/"
                )
            for key in ("start", "stop"):
                if isinstance(vals.get(key), datetime):
                    vals[key] = slot_tools.to_naive_utc(vals[key])
        # validate every request before writing anything
        prechecked = self.env.cr.cache.get(PRECHECKED, ())
        for vals in vals_list:
            target = self._target_from_vals(vals)
            start = fields.Datetime.to_datetime(vals.get("start"))
            stop = fields.Datetime.to_datetime(vals.get("stop"))
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            checked = (
                target._name,
                target.id,
                start,
                stop,
                vals.get("seats", 1),
                partner.id,
                staff,
            )
            if checked not in prechecked:
                self._release_expired_holds(target.resource_id)
                reasons = self._check_request(
                    target,
                    start,
                    stop,
                    vals.get("seats", 1),
                    staff=staff,
                    partner=partner,
                )
                if reasons:
                    raise self._refusal(
                        target, start, stop, vals.get("seats", 1), reasons
                    )
            if "price" not in vals:
                pricelist = self.env["product.pricelist"].browse(
                    vals.get("pricelist_id")
                ) or self._pricelist_for(partner, target.company_id)
                vals["pricelist_id"] = pricelist.id
                vals["price"] = self._compute_price_lines(
                    target, start, stop, vals.get("seats", 1), partner, pricelist
                )[1]
            if vals.get("state", "held") == "held" and not vals.get("hold_until"):
                vals["hold_until"] = fields.Datetime.now() + timedelta(
                    minutes=self._hold_minutes()
                )
        with self._guard_conflicts():
            bookings = super().create(vals_list)
            bookings.flush_recordset()
        return bookings

    def write(self, vals):
        if "start" in vals or "stop" in vals:
            for key in ("start", "stop"):
                if isinstance(vals.get(key), datetime):
                    vals[key] = slot_tools.to_naive_utc(vals[key])
        moving = {"start", "stop", "seats", "space_id", "equipment_id"} & set(vals)
        reviving = vals.get("state") in ACTIVE_STATES
        if moving:
            staff = self._is_staff()
            for booking in self:
                if booking.state not in ACTIVE_STATES:
                    raise UserError(
                        self.env._(
                            "Booking %(name)s is %(state)s: it cannot be moved.",
                            name=booking.name,
                            state=dict(
                                self._fields["state"]._description_selection(self.env)
                            )[booking.state],
                        )
                    )
                target = booking._target_from_vals(vals, default=booking._target())
                start = fields.Datetime.to_datetime(vals.get("start", booking.start))
                stop = fields.Datetime.to_datetime(vals.get("stop", booking.stop))
                seats = vals.get("seats", booking.seats)
                reasons = self._check_request(
                    target,
                    start,
                    stop,
                    seats,
                    staff=staff,
                    ignore=booking,
                    partner=booking.partner_id,
                )
                if reasons:
                    raise self._refusal(target, start, stop, seats, reasons, booking)
        if moving or reviving:
            with self._guard_conflicts():
                res = super().write(vals)
                self.flush_recordset()
            if moving:
                self._after_move(vals)
            return res
        return super().write(vals)

    def _after_move(self, vals):
        """Keep added equipment and unpaid quotations in step with the room."""
        if "start" in vals or "stop" in vals:
            for booking in self.filtered("child_ids"):
                booking.child_ids.filtered(
                    lambda child: child.state in ACTIVE_STATES
                ).write({"start": booking.start, "stop": booking.stop})
        for booking in self.filtered(
            lambda b: b.sale_order_id.state in ("draft", "sent")
        ):
            booking._sync_sale_lines()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_active(self):
        if any(
            booking.state in ("confirmed", "checked_in", "done") for booking in self
        ):
            raise UserError(
                self.env._("Cancel a confirmed booking instead of deleting it.")
            )

    # ------------------------------------------------------------------
    # Targets and rules
    # ------------------------------------------------------------------

    def _target(self):
        self.ensure_one()
        return self.space_id or self.equipment_id

    @api.model
    def _target_from_vals(self, vals, default=None):
        if vals.get("space_id"):
            return self.env["coworking.space"].browse(vals["space_id"]).exists()
        if vals.get("equipment_id"):
            return self.env["coworking.equipment"].browse(vals["equipment_id"]).exists()
        if default is not None:
            return default
        raise ValidationError(self.env._("A booking needs a space or equipment."))

    @api.model
    def _is_staff(self):
        if "coworking_booking_staff" in self.env.context:
            return self.env.context["coworking_booking_staff"]
        return self.env.su or self.env.user.has_group(
            "coworking_base.group_coworking_user"
        )

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

    @api.model
    def _check_request(
        self,
        target,
        start,
        stop,
        seats,
        staff=False,
        ignore=None,
        now=None,
        partner=None,
    ):
        """Return the reasons refusing a booking request, ``[]`` if it fits.

        Every rule is checked, so the caller can say everything at once.
        ``partner``, the customer, lets other addons apply their own rules
        (e.g. what a membership gives access to).
        """
        reasons = self._check_request_input(target, start, stop, seats)
        if reasons:
            return reasons
        reasons = self._check_request_rules(
            target, start, stop, seats, staff, now, partner=partner
        )
        if any(code in ("too_long", "too_many_people") for code, _m in reasons):
            return reasons
        return reasons + self._check_request_availability(
            target, start, stop, seats, ignore, refused=bool(reasons)
        )

    @api.model
    def _check_request_input(self, target, start, stop, seats):
        _ = self.env._
        if not target:
            return [("invalid", _("This space or equipment does not exist."))]
        if not target.is_bookable or not target.active:
            message = _("%(name)s cannot be booked.", name=target.display_name)
            return [("not_bookable", message)]
        if not isinstance(seats, int) or isinstance(seats, bool) or seats < 1:
            message = _("The number of people must be a whole number of at least one.")
            return [("invalid", message)]
        if not start or not stop:
            return [("invalid", _("A booking needs a start and an end."))]
        if stop <= start:
            return [("invalid", _("The end must come after the start."))]
        if stop - start > timedelta(days=MAX_BOOKING_DAYS):
            # bounded before anything is priced or searched
            message = _("A booking lasts at most %(days)s days.", days=MAX_BOOKING_DAYS)
            return [("invalid", message)]
        return []

    @api.model
    def _check_request_rules(
        self, target, start, stop, seats, staff, now, partner=None
    ):
        _ = self.env._
        now = now or fields.Datetime.now()
        minutes = (stop - start).total_seconds() / 60
        reasons = []
        if start < now - timedelta(minutes=1):
            reasons.append(("past", _("This time is in the past.")))
        elif not staff and start < now + timedelta(
            minutes=target.booking_notice_minutes
        ):
            message = _(
                "Too late: book at least %(minutes)s minutes before the start.",
                minutes=target.booking_notice_minutes,
            )
            reasons.append(("too_late", message))
        horizon = self._booking_horizon_days(target, partner)
        if not staff and start > now + timedelta(days=horizon):
            message = _(
                "Too far ahead: bookings open %(days)s days in advance.",
                days=horizon,
            )
            reasons.append(("beyond_horizon", message))
        if minutes < target.booking_min_minutes:
            message = _(
                "Too short: a booking lasts at least %(minutes)s minutes.",
                minutes=target.booking_min_minutes,
            )
            reasons.append(("too_short", message))
        if minutes > target.booking_max_minutes:
            message = _(
                "Too long: a booking lasts at most %(minutes)s minutes.",
                minutes=target.booking_max_minutes,
            )
            reasons.append(("too_long", message))
        step = timedelta(minutes=target.booking_slot_minutes)
        tz = pytz.timezone(target.location_id.tz)
        if not (
            slot_tools.is_aligned(start, step, tz)
            and slot_tools.is_aligned(stop, step, tz)
        ):
            message = _(
                "Bookings start and end on steps of %(minutes)s minutes.",
                minutes=target.booking_slot_minutes,
            )
            reasons.append(("misaligned", message))
        if target._name == "coworking.space" and seats > target.capacity:
            message = _(
                "%(name)s holds %(capacity)s people at most.",
                name=target.display_name,
                capacity=target.capacity,
            )
            reasons.append(("too_many_people", message))
        return reasons

    @api.model
    def _booking_horizon_days(self, target, partner=None):
        """How many days ahead ``partner`` may book ``target``."""
        return target.booking_horizon_days

    @api.model
    def _check_request_availability(
        self, target, start, stop, seats, ignore=None, refused=False
    ):
        """``refused``: the request already breaks a rule."""
        _ = self.env._
        reasons = []
        blocked_stop = stop + timedelta(minutes=target.booking_buffer_minutes)
        taken = self._busy_periods(target, start, blocked_stop, ignore=ignore)
        load = slot_tools.peak_load(taken[target.resource_id.id], start, blocked_stop)
        if target._name == "coworking.space" and target.booking_mode == "pooled":
            if load + seats > target.capacity:
                message = _(
                    "Already booked: %(left)s of %(capacity)s seats are left at "
                    "that time.",
                    left=max(target.capacity - load, 0),
                    capacity=target.capacity,
                )
                reasons.append(("full", message))
        elif load:
            message = _(
                "Already booked: %(name)s is taken at that time.",
                name=target.display_name,
            )
            reasons.append(("taken", message))
        if (refused or reasons) and ignore is None and self._request_memo_dict():
            # refused either way, with suggestions around this time: the
            # opening hours are read once, for the check and the suggestions
            is_open = self._is_open_in_window(target, start, stop, seats)
        else:
            is_open = self._is_open(target, start, stop)
        if not is_open:
            message = _(
                "%(location)s is closed during part of this time.",
                location=target.location_id.display_name,
            )
            reasons.insert(0, ("closed", message))
        return reasons

    @api.model
    def _is_open(self, target, start, stop):
        target = target.sudo()
        intervals = target.location_id._get_opening_intervals(
            pytz.utc.localize(start),
            pytz.utc.localize(stop),
            resource=target.resource_id,
        )
        periods = slot_tools.merge_periods(
            (slot_tools.to_naive_utc(a), slot_tools.to_naive_utc(b))
            for a, b, _record in intervals
        )
        return any(a <= start and b >= stop for a, b in periods)

    @api.model
    def _is_open_in_window(self, target, start, stop, seats):
        """``_is_open``, read from the opening hours of the first window of
        ``_suggest`` (a window holding ``[start, stop)``): the same answer,
        as the open time inside ``[start, stop)`` does not depend on the
        window it is computed over."""
        target = target.sudo()
        candidates = self._suggest_candidates(target, seats)
        date_from, date_to = self._suggest_window(start, stop)
        opened = self._opening_periods(
            target.location_id, target | candidates, date_from, date_to
        )
        periods = opened[target.resource_id.id]
        return any(a <= start and b >= stop for a, b in periods)

    @api.model
    def _request_memo_dict(self):
        """The memo of the request ``_book`` is serving, or None."""
        return self.env.cr.cache.get(REQUEST_MEMO)

    @contextmanager
    def _request_memo(self):
        """What ``_book`` reads several times while serving one request is
        read once: prices (see ``_pricing_memo``), opening hours,
        memberships. Nothing is kept past the request."""
        cache = self.env.cr.cache
        if REQUEST_MEMO in cache:
            yield
            return
        cache[REQUEST_MEMO] = {}
        try:
            with self._pricing_memo():
                yield
        finally:
            cache.pop(REQUEST_MEMO, None)

    @api.model
    def _opening_periods(self, location, targets, date_from, date_to):
        """``{resource id: merged open periods (naive UTC)}`` of ``targets``
        (of ``location``) between two naive UTC datetimes: one computation
        of the location's opening hours for them all."""
        memo = self._request_memo_dict()
        key = (
            "opening",
            location.id,
            tuple(targets.mapped("resource_id").ids),
            date_from,
            date_to,
        )
        if memo is not None and key in memo:
            return memo[key]
        tz = pytz.timezone(location.tz)
        resources = (
            self.env["resource.resource"]
            .sudo()
            .concat(*(t.resource_id for t in targets))
        )
        intervals = location.resource_calendar_id._work_intervals_batch(
            pytz.utc.localize(date_from),
            pytz.utc.localize(date_to),
            resources=resources,
            tz=tz,
        )
        opened = {
            target.resource_id.id: slot_tools.merge_periods(
                (slot_tools.to_naive_utc(a), slot_tools.to_naive_utc(b))
                for a, b, _rec in intervals[target.resource_id.id]
            )
            for target in targets
        }
        if memo is not None:
            memo[key] = opened
        return opened

    @api.model
    def _busy_periods(self, targets, start, stop, ignore=None):
        """Active bookings of ``targets`` meeting ``[start, stop)``, in one
        query: ``{resource_id: [(start, blocked_stop, seats)]}``."""
        resource_ids = targets.resource_id.ids
        busy = defaultdict(list)
        if not resource_ids:
            return busy
        self.flush_model(["resource_id", "start", "blocked_stop", "seats", "state"])
        ignore_ids = tuple(ignore.ids) if ignore else (0,)
        self.env.cr.execute(
            SQL(
                """
                SELECT resource_id, start, blocked_stop, seats
                  FROM coworking_booking
                 WHERE resource_id = ANY(%s)
                   AND state IN %s
                   AND start < %s AND blocked_stop > %s
                   AND id NOT IN %s
                """,
                resource_ids,
                ACTIVE_STATES,
                stop,
                start,
                ignore_ids,
            )
        )
        for resource_id, b_start, b_stop, seats in self.env.cr.fetchall():
            busy[resource_id].append((b_start, b_stop, seats))
        return busy

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
    # Availability
    # ------------------------------------------------------------------

    @api.model
    def _get_free_slots(
        self, targets, date_from, date_to, duration, seats=1, staff=None, now=None
    ):
        """Free slots of ``duration`` (timedelta) for each target between two
        datetimes (naive UTC or aware).

        Returns ``{target: [(start, stop, seats_left)]}`` with naive UTC times.
        One query for the bookings and one calendar computation per location.
        """
        staff = self._is_staff() if staff is None else staff
        now = now or fields.Datetime.now()
        # opening hours and busy times are no secret: the caller chose the
        # targets and decides what to show of their free slots
        targets = targets.sudo()
        date_from = slot_tools.to_naive_utc(date_from)
        date_to = slot_tools.to_naive_utc(date_to)
        result = {}
        if not targets or date_to <= date_from:
            return result
        longest_buffer = max(targets.mapped("booking_buffer_minutes") or [0])
        busy = self._busy_periods(
            targets,
            date_from - timedelta(days=1),
            date_to + timedelta(minutes=longest_buffer) + duration,
        )
        by_location = defaultdict(list)
        for target in targets:
            by_location[target.location_id].append(target)
        for location, located in by_location.items():
            tz = pytz.timezone(location.tz)
            opened_by_resource = self._opening_periods(
                location, targets.browse().concat(*located), date_from, date_to
            )
            for target in located:
                opened = opened_by_resource[target.resource_id.id]
                pooled = (
                    target._name == "coworking.space"
                    and target.booking_mode == "pooled"
                )
                earliest = (
                    now
                    if staff
                    else now + timedelta(minutes=target.booking_notice_minutes)
                )
                latest = (
                    None if staff else now + timedelta(days=target.booking_horizon_days)
                )
                capacity = target.capacity if pooled else 1
                needed = seats if pooled else 1
                if (
                    not target.is_bookable
                    or duration < timedelta(minutes=target.booking_min_minutes)
                    or duration > timedelta(minutes=target.booking_max_minutes)
                    or (target._name == "coworking.space" and seats > target.capacity)
                ):
                    result[target] = []
                    continue
                busy_here = busy[target.resource_id.id]
                if not pooled:
                    busy_here = [(s, e, 1) for s, e, _seats in busy_here]
                result[target] = slot_tools.free_slots(
                    opened,
                    busy_here,
                    duration,
                    timedelta(minutes=target.booking_slot_minutes),
                    tz,
                    buffer=timedelta(minutes=target.booking_buffer_minutes),
                    capacity=capacity,
                    seats=needed,
                    earliest=earliest,
                    latest=latest,
                )
        return result

    @api.model
    def _suggest(self, target, start, stop, seats=1, limit=3):
        """Nearest free slots of the same length for ``target`` (within three
        days) and other spaces of the location free at the requested time."""
        duration = stop - start

        def distance(slot):
            return abs(slot[0] - start)

        candidates = self._suggest_candidates(target, seats)
        # Half a day around first, for the target and the other spaces at
        # once (one computation of the opening hours): enough when it holds
        # ``limit`` slots that no slot outside it can beat (nearer than the
        # radius less the duration); else the three days, for the target.
        # Same answer, most often from a day's opening hours, not a week's.
        radius = SUGGEST_RADIUS
        free = self._get_free_slots(
            target | candidates if candidates else target,
            *self._suggest_window(start, stop),
            duration,
            seats,
        )
        nearest = sorted(free.get(target, []), key=distance)
        sure = [slot for slot in nearest if distance(slot) <= radius - duration]
        if len(sure) < limit:
            radius = timedelta(days=3)
            around = self._get_free_slots(
                target, start - radius, start + radius, duration, seats
            ).get(target, [])
            nearest = sorted(around, key=distance)
        others = []
        for space in candidates:
            if any(s[0] == start for s in free.get(space, [])):
                others.append(space)
            if len(others) >= limit:
                break
        return {
            "slots": sorted(nearest[:limit]),
            "spaces": others,
        }

    @api.model
    def _suggest_candidates(self, target, seats):
        """The other spaces ``_suggest`` offers: of the location, bookable,
        large enough, those of the same kind first."""
        if target._name != "coworking.space":
            return self.env["coworking.space"]
        memo = self._request_memo_dict()
        key = ("candidates", target.id, seats, self.env.su, self.env.uid)
        if memo is not None and key in memo:
            return memo[key]
        candidates = self.env["coworking.space"].search(
            [
                ("location_id", "=", target.location_id.id),
                ("is_bookable", "=", True),
                ("id", "!=", target.id),
                ("capacity", ">=", seats),
            ]
        )
        same_kind = candidates.filtered(lambda s: s.kind == target.kind)
        candidates = same_kind + (candidates - same_kind)
        if memo is not None:
            memo[key] = candidates
        return candidates

    @api.model
    def _suggest_window(self, start, stop):
        """The first window ``_suggest`` searches: half a day around."""
        return start - SUGGEST_RADIUS, max(start + SUGGEST_RADIUS, stop)

    @api.model
    def _refusal(self, target, start, stop, seats, reasons, booking=None):
        suggestions = {}
        codes = {code for code, _m in reasons}
        if (
            target
            and start
            and stop
            and stop > start
            and not codes & {"invalid", "not_bookable"}
        ):
            suggestions = self._suggest(target, start, stop, seats)
        message = "\n".join(message for _code, message in reasons)
        if suggestions.get("slots"):
            tz = target.location_id.tz
            message += "\n" + self.env._(
                "Free at: %(slots)s",
                slots=", ".join(
                    format_datetime(self.env, s[0], tz=tz, dt_format="EEE d MMM HH:mm")
                    for s in suggestions["slots"]
                ),
            )
        if suggestions.get("spaces"):
            message += "\n" + self.env._(
                "Also free then: %(spaces)s",
                spaces=", ".join(s.display_name for s in suggestions["spaces"]),
            )
        return BookingRefused(message, reasons=reasons, suggestions=suggestions)

    # ------------------------------------------------------------------
    # Pricing
    # ------------------------------------------------------------------

    @api.model
    def _compute_price_lines(
        self, target, start, stop, seats=1, partner=None, pricelist=None
    ):
        """Cheapest combination of the target's rates covering the duration.

        Returns ``(lines, total)`` where lines are ``(product, quantity,
        unit_price)``. Long rates (half-day, day) are sold by whole units;
        the hourly rate covers the rest by fractions of an hour.
        """
        products = target._get_rate_products()
        hours = (stop - start).total_seconds() / 3600
        if not products or hours <= 0:
            return [], 0.0
        pricelist = pricelist or self._pricelist_for(partner, target.company_id)
        memo = self.env.cr.cache.get(PRICED)
        args = (target, products, start, hours, seats, partner, pricelist)
        if memo is None:
            return self._price_lines(*args)
        key = (target._name, target.id, start, stop, seats)
        key += (partner.id if partner else False, pricelist.id)
        if key not in memo:
            memo[key] = self._price_lines(*args)
        return memo[key]

    @contextmanager
    def _pricing_memo(self):
        """Price each request once while booking it: the booking, its
        quotation and the membership's debit read the same prices."""
        cache = self.env.cr.cache
        if PRICED in cache:
            yield
            return
        cache[PRICED] = {}
        try:
            yield
        finally:
            cache.pop(PRICED, None)

    @api.model
    def _price_lines(self, target, products, start, hours, seats, partner, pricelist):
        seats = (
            seats
            if target._name == "coworking.space" and (target.booking_mode == "pooled")
            else 1
        )
        # from the registry's cache of rate tables (the same as the lists of
        # spaces show), for the booking's start when pricelist rules have dates
        Product = self.env["product.product"]
        table = Product._coworking_rate_table(
            tuple(sorted(products.ids)),
            pricelist.id,
            partner.id if partner else False,
            Product._coworking_rate_moment(start),
        )
        priced = [(product, *table[product.id]) for product in products]
        fractional = [p for p in priced if p[0]._coworking_is_fractional()]
        whole = sorted(
            (p for p in priced if not p[0]._coworking_is_fractional()),
            key=lambda p: -p[1],
        )
        best = None

        def search(index, remaining, chosen, cost):
            nonlocal best
            if index == len(whole):
                lines = list(chosen)
                total = cost
                if remaining > 1e-9:
                    if not fractional:
                        return
                    product, per, unit = min(fractional, key=lambda p: p[2] / p[1])
                    quantity = float_round(remaining / per, precision_digits=2)
                    lines.append((product, quantity, unit))
                    total += quantity * unit
                if best is None or total < best[1] - 1e-9:
                    best = (lines, total)
                return
            product, per, unit = whole[index]
            most = math.ceil(remaining / per - 1e-9) if remaining > 0 else 0
            for count in range(most, -1, -1):
                search(
                    index + 1,
                    max(remaining - count * per, 0.0),
                    [*chosen, (product, count, unit)] if count else chosen,
                    cost + count * unit,
                )

        search(0, hours, [], 0.0)
        if best is None:
            return [], 0.0
        lines = [(p, q * seats, u) for p, q, u in best[0] if q]
        return lines, self.env.company.currency_id.round(best[1] * seats)

    @api.model
    def _unit_prices(self, products, pricelist, partner=None, date=False):
        """``{product id: unit price}`` of ``products`` for ``pricelist``
        (their sales price without one): the pricelist's rules are searched
        once for all the products, not once per product."""
        if not pricelist:
            return {product.id: product.lst_price for product in products}
        prices = pricelist._compute_price_rule(
            products, 1.0, partner=partner, date=date
        )
        return {product_id: price for product_id, (price, _rule) in prices.items()}

    @api.model
    def _pricelist_for(self, partner, company=None):
        partner = partner or self.env["res.partner"]
        if partner:
            pricelist = partner.with_company(
                company or self.env.company
            ).property_product_pricelist
            if pricelist:
                return pricelist
        Pricelist = self.env["product.pricelist"]
        return Pricelist.search(
            Pricelist._get_partner_pricelist_multi_search_domain_hook(
                (company or self.env.company).id
            ),
            limit=1,
        )

    def _refresh_price(self):
        for booking in self:
            pricelist = booking.pricelist_id or self._pricelist_for(
                booking.partner_id, booking.company_id
            )
            _lines, total = self._compute_price_lines(
                booking._target(),
                booking.start,
                booking.stop,
                booking.seats,
                booking.partner_id,
                pricelist,
            )
            booking.write({"price": total, "pricelist_id": pricelist.id})

    # ------------------------------------------------------------------
    # Sale order and payment
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

    def _after_confirm(self):
        """A booking is confirmed (paid, or a member's): its opportunity is
        updated now; the confirmation email and its PDF receipt go out from a
        job started at once, so that rendering the PDF never slows down or
        fails the request that confirmed the booking."""
        self.filtered(lambda b: not b.is_member and not b.parent_id)._sync_crm()
        if self.filtered(lambda b: not b.parent_id):
            self.env.ref(
                "coworking_booking.ir_cron_send_confirmations", raise_if_not_found=False
            ).sudo()._trigger()

    @api.model
    def _cron_send_confirmations(self, batch_size=50):
        """Email the confirmation and receipt of the bookings confirmed since
        the last run, a batch at a time."""
        domain = [
            ("confirmation_sent", "=", False),
            ("parent_id", "=", False),
            ("state", "in", ("confirmed", "checked_in")),
            ("stop", ">", fields.Datetime.now()),
        ]
        bookings = self.search(domain, order="id", limit=batch_size)
        for booking in bookings:
            booking._send_mail("coworking_booking.mail_template_booking_confirmed")
        bookings.write({"confirmation_sent": True})
        self.env["ir.cron"]._notify_progress(
            done=len(bookings), remaining=self.search_count(domain)
        )
        return bookings

    def _send_mail(self, xmlid):
        """Post the template's email to the customer. When the template's
        report cannot be rendered (no PDF engine), the email still goes out,
        without the attachment: the receipt stays in the portal."""
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template:
            return
        for booking in self:
            if not (booking.partner_id.email or booking.email):
                continue
            booking = booking.sudo().with_context(lang=booking.partner_id.lang)
            try:
                with self.env.cr.savepoint():
                    booking.message_post_with_source(
                        template,
                        subtype_xmlid="mail.mt_comment",
                        email_layout_xmlid="mail.mail_notification_light",
                    )
                continue
            except UserError as error:
                if not template.report_template_ids:
                    raise
                _logger.warning(
                    "Booking %s: email sent without its attachment: %s",
                    booking.name,
                    error,
                )
            rendered = {
                name: template._render_field(name, booking.ids, compute_lang=True)[
                    booking.id
                ]
                for name in ("subject", "body_html")
            }
            booking.message_post(
                body=rendered["body_html"],
                subject=rendered["subject"],
                partner_ids=booking.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )

    def _sync_crm(self):
        """Create or update the opportunity of a non-member who booked."""
        if not self:
            return
        Lead = self.env["crm.lead"].sudo()
        tag = self.env.ref(
            "coworking_booking.crm_tag_coworking_booking", raise_if_not_found=False
        )
        for booking in self:
            partner = booking.partner_id.commercial_partner_id
            lead = Lead.search(
                [
                    ("partner_id", "child_of", partner.id),
                    ("type", "=", "opportunity"),
                    ("active", "=", True),
                    ("stage_id.is_won", "=", False),
                    ("tag_ids", "in", tag.ids),
                ],
                limit=1,
            )
            if lead:
                lead.expected_revenue += booking.price
            else:
                lead = Lead.create(
                    {
                        "name": self.env._(
                            "Bookings of %(partner)s", partner=partner.display_name
                        ),
                        "type": "opportunity",
                        "partner_id": booking.partner_id.id,
                        "email_from": booking.email or booking.partner_id.email,
                        "phone": booking.phone or booking.partner_id.phone,
                        "expected_revenue": booking.price,
                        "company_id": booking.company_id.id,
                        "tag_ids": [(6, 0, tag.ids)],
                        "description": self.env._(
                            "Booked %(what)s as a guest: a prospect for membership.",
                            what=booking._sale_line_description(),
                        ),
                    }
                )
            lead.message_post(
                body=self.env._(
                    "New booking: %(what)s, %(amount)s",
                    what=booking._sale_line_description(),
                    amount=booking.price,
                )
            )
            booking.sudo().lead_id = lead

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_confirm(self):
        """Confirm held bookings at the desk. Nothing confirmed goes
        unbilled: a quotation waiting for payment is confirmed with them, and
        a priced booking that nothing bills gets a confirmed sale order,
        which Sales then invoices."""
        for booking in self:
            if booking.state != "held":
                raise UserError(self.env._("Only a held booking can be confirmed."))
        # the equipment added to a room is confirmed with it
        bookings = self | self.child_ids.filtered(lambda b: b.state == "held")
        bookings.write({"state": "confirmed", "hold_until": False})
        bookings._after_confirm()
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
        return True

    def _is_billed_without_order(self):
        """Whether something other than a sale order bills this booking;
        overridden where something does (a membership)."""
        self.ensure_one()
        return False

    def action_check_in(self):
        for booking in self:
            if booking.state != "confirmed":
                raise UserError(
                    self.env._(
                        "Booking %(name)s is not confirmed: it cannot be checked in.",
                        name=booking.name,
                    )
                )
            if fields.Datetime.now() < booking.start - timedelta(hours=1):
                raise UserError(
                    self.env._(
                        "Booking %(name)s starts at %(start)s: check-in opens an "
                        "hour before.",
                        name=booking.name,
                        start=booking.start_local,
                    )
                )
        self.write({"state": "checked_in", "checked_in_at": fields.Datetime.now()})
        return True

    def action_done(self):
        if any(booking.state != "checked_in" for booking in self):
            raise UserError(self.env._("Only checked-in bookings can be closed."))
        self.write({"state": "done"})
        return True

    def action_no_show(self):
        now = fields.Datetime.now()
        for booking in self:
            if booking.state != "confirmed" or booking.start > now:
                raise UserError(
                    self.env._(
                        "Only a confirmed booking that has started can be marked "
                        "as a no-show."
                    )
                )
        self.write({"state": "no_show"})
        return True

    def action_cancel(self):
        """Open the cancellation wizard, which shows the policy's fee."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel Booking"),
            "res_model": "coworking.booking.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_booking_ids": self.ids},
        }

    def action_view_sale_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Cancellation and rescheduling policy
    # ------------------------------------------------------------------

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
            booking._cancel_sale_lines(fee)
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

    def _action_reschedule(self, start, stop=None):
        """Move the booking as the customer: same guarantees as a new booking,
        free until the deadline, refused after it."""
        self.ensure_one()
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

    # ------------------------------------------------------------------
    # Booking from the website, the portal and the API
    # ------------------------------------------------------------------

    @api.model
    def _book(
        self,
        target,
        start,
        stop,
        partner,
        seats=1,
        equipment=None,
        contact=None,
        note=None,
    ):
        """Create a booking for a customer, the way the website, the portal and
        the API do: members are confirmed at once (billed with their
        membership), others get a held booking and a quotation to pay online.

        ``self`` carries the rights of the caller; the records are written as
        superuser once the caller is known to act for ``partner``.
        """
        contact = contact or {}
        start = slot_tools.to_naive_utc(start)
        stop = slot_tools.to_naive_utc(stop)
        staff = self._is_staff()
        if self.env.user._is_public() and not self.env.su:
            # a visitor books as a guest contact, never in an account's name
            if (
                partner.sudo().user_ids
                or partner.sudo().commercial_partner_id.is_coworking_member
            ):
                raise AccessError(
                    self.env._(
                        "This email belongs to an account: sign in to book with it."
                    )
                )
        elif (
            not staff
            and not self.env.su
            and partner.commercial_partner_id
            != self.env.user.partner_id.commercial_partner_id
        ):
            raise AccessError(self.env._("You can only book for yourself."))
        Booking = self.sudo().with_context(coworking_booking_staff=staff)
        target = target.sudo()
        partner = partner.sudo()
        # a malformed or unbounded request is refused before it is priced
        reasons = Booking._check_request_input(target, start, stop, seats)
        if reasons:
            raise Booking._refusal(target, start, stop, seats, reasons)
        with Booking._request_memo():
            # so is one that breaks a rule or meets another booking; ``create``
            # does not check this request a second time
            Booking._release_expired_holds(target.resource_id)
            reasons = Booking._check_request(
                target, start, stop, seats, staff=staff, partner=partner
            )
            if reasons:
                raise Booking._refusal(target, start, stop, seats, reasons)
            checked = (target._name, target.id, start, stop, seats, partner.id, staff)
            terms = Booking._booking_terms(target, start, stop, seats, partner)
            pricelist, price, pay_now = (
                terms["pricelist"],
                terms["price"],
                terms["pay_now"],
            )
            values = {
                "space_id": target.id if target._name == "coworking.space" else False,
                "equipment_id": target.id
                if target._name == "coworking.equipment"
                else False,
                "partner_id": partner.id,
                "start": start,
                "stop": stop,
                "seats": seats,
                "price": price,
                "pricelist_id": pricelist.id,
                "contact_name": contact.get("name"),
                "email": contact.get("email") or partner.email,
                "phone": contact.get("phone") or partner.phone,
                "note": note,
                "state": "held" if pay_now else "confirmed",
                "user_id": self.env.user.id,
            }
            prechecked = self.env.cr.cache.setdefault(PRECHECKED, set())
            prechecked.add(checked)
            try:
                booking = Booking.create(values)
            finally:
                prechecked.discard(checked)
            for item in equipment or []:
                Booking.create(
                    {
                        **values,
                        "space_id": False,
                        "equipment_id": item.id,
                        "parent_id": booking.id,
                        "seats": 1,
                        "price": Booking._booking_terms(
                            item.sudo(), start, stop, 1, partner
                        )["price"],
                    }
                )
            bookings = booking | booking.child_ids
            if pay_now:
                bookings._create_sale_order()
            else:
                bookings._after_confirm()
            return booking.with_env(self.env)

    @api.model
    def _booking_terms(self, target, start, stop, seats, partner, pricelist=None):
        """How ``partner`` books ``target`` from ``start`` to ``stop``:
        ``{"pricelist", "lines", "price", "pay_now", "membership"}``.

        Here every customer pays a non-zero price before the booking is
        confirmed; what bills a booking otherwise (a membership covering
        that company and day) says so by overriding this method, never a
        flag of the partner, so that no booking is confirmed that nothing
        bills."""
        pricelist = pricelist or self._pricelist_for(partner, target.company_id)
        lines, price = self._compute_price_lines(
            target, start, stop, seats, partner, pricelist
        )
        return {
            "pricelist": pricelist,
            "lines": lines,
            "price": price,
            "pay_now": price > 0,
            "membership": False,
        }

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------

    @api.model
    def _cron_release_holds(self):
        self._release_expired_holds()

    @api.model
    def _cron_mark_no_shows(self):
        grace = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("coworking_booking.no_show_minutes", 30)
        )
        now = fields.Datetime.now()
        late = self.search(
            [
                ("state", "=", "confirmed"),
                ("start", "<", now - timedelta(minutes=grace)),
                ("parent_id", "=", False),
            ]
        )
        late.write({"state": "no_show"})
        late.child_ids.filtered(lambda c: c.state == "confirmed").write(
            {"state": "no_show"}
        )
        finished = self.search([("state", "=", "checked_in"), ("stop", "<", now)])
        finished.write({"state": "done"})
        _logger.info(
            "Coworking bookings: %s no-shows, %s done", len(late), len(finished)
        )

    @api.model
    def _cron_send_reminders(self):
        hours = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("coworking_booking.reminder_hours", 24)
        )
        now = fields.Datetime.now()
        due = self.search(
            [
                ("state", "=", "confirmed"),
                ("reminder_sent", "=", False),
                ("parent_id", "=", False),
                ("start", ">", now),
                ("start", "<=", now + timedelta(hours=hours)),
            ]
        )
        due._send_mail("coworking_booking.mail_template_booking_reminder")
        due.write({"reminder_sent": True})

    # ------------------------------------------------------------------
    # Calendar export
    # ------------------------------------------------------------------

    def _get_ics(self):
        """An iCalendar (RFC 5545) file of the bookings."""

        def escape(text):
            return (
                (text or "")
                .replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\n", "\\n")
            )

        def fold(line):
            raw = line.encode()
            if len(raw) <= 75:
                return line
            parts, chunk = [], b""
            for char in line:
                encoded = char.encode()
                if len(chunk) + len(encoded) > (75 if not parts else 74):
                    parts.append(chunk.decode())
                    chunk = b""
                chunk += encoded
            parts.append(chunk.decode())
            return "\r\n ".join(parts)

        stamp = fields.Datetime.now().strftime("%Y%m%dT%H%M%SZ")
        base_url = self.get_base_url()
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Coworking Suite//Bookings//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ]
        for booking in self:
            target = booking._target()
            address = booking.location_id.partner_id
            where = ", ".join(
                filter(
                    None,
                    [
                        booking.location_id.name,
                        address.street,
                        address.zip,
                        address.city,
                    ],
                )
            )
            lines += [
                "BEGIN:VEVENT",
                f"UID:{booking.name}-{booking.id}@{self.env.cr.dbname}.coworking",
                f"DTSTAMP:{stamp}",
                f"DTSTART:{booking.start.strftime('%Y%m%dT%H%M%SZ')}",
                f"DTEND:{booking.stop.strftime('%Y%m%dT%H%M%SZ')}",
                "SUMMARY:" + escape(f"{target.name} – {booking.name}"),
                "LOCATION:" + escape(where),
                "DESCRIPTION:" + escape(booking._sale_line_description()),
                f"URL:{base_url}{booking.access_url}",
                "STATUS:"
                + ("CANCELLED" if booking.state == "cancelled" else "CONFIRMED"),
                "END:VEVENT",
            ]
        lines.append("END:VCALENDAR")
        return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
