# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A booking of a space or a piece of equipment: its record, its states and
the database guarantees against double booking.

The rest of the model is in files named after their concern: prices
(``coworking_booking_price``), requests from the website, the portal and the
API (``coworking_booking_request``), the cancellation policy
(``coworking_booking_policy``), the sale order and payment
(``coworking_booking_sale``), the opportunity (``coworking_booking_crm``) and
the emails (``coworking_booking_mail``). The rules, opening hours, free slots
and suggestions of a space or equipment are on ``coworking.resource.mixin``.
"""

import logging
from contextlib import contextmanager
from datetime import datetime, timedelta

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime

from ..exceptions import BookingRefused
from ..tools import slots as slot_tools

_logger = logging.getLogger(__name__)

ACTIVE_STATES = ("held", "confirmed", "checked_in")
OVERLAP_CONSTRAINT = "coworking_booking_no_overlap"
CAPACITY_CONSTRAINT = "coworking_booking_capacity"
DEFAULT_HOLD_MINUTES = 30
# the longest booking: every request is bounded before it is priced
MAX_BOOKING_DAYS = 31
# key of ``cr.cache`` while ``_book`` runs: what one request reads several
# times, read once: its prices ("prices": the booking, its quotation and the
# membership's debit read the same), the requests already checked
# ("prechecked": ``create`` does not check them twice), the opening hours of a
# refusal and of its suggestions, the customer's memberships
REQUEST_MEMO = "coworking_booking_request_memo"

__all__ = ["BookingRefused", "CoworkingBooking"]


class CoworkingBooking(models.Model):
    """A booking of a space or a piece of equipment by a customer."""

    _name = "coworking.booking"
    _description = "Coworking Booking"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "start desc, id desc"
    _check_company_auto = True

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
    checked_in_at = fields.Datetime(copy=False, readonly=True)
    note = fields.Text()
    start_local = fields.Char(
        string="Starts",
        compute="_compute_local_times",
        help="Start in the location's timezone.",
    )
    stop_local = fields.Char(string="Ends", compute="_compute_local_times")
    color = fields.Integer(related="space_id.color")

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
    # Constraints
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

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

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
        prechecked = (self._request_memo_dict() or {}).get("prechecked", ())
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
                reasons = self._request_refusals(
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
                reasons = self._request_refusals(
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
        """Keep added equipment in step with the room."""
        if "start" in vals or "stop" in vals:
            for booking in self.filtered("child_ids"):
                booking.child_ids.filtered(
                    lambda child: child.state in ACTIVE_STATES
                ).write({"start": booking.start, "stop": booking.stop})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_active(self):
        if any(
            booking.state in ("confirmed", "checked_in", "done") for booking in self
        ):
            raise UserError(
                self.env._("Cancel a confirmed booking instead of deleting it.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_confirm(self):
        """Confirm held bookings at the desk, with the equipment added to
        them (``coworking_booking_sale`` bills what nothing else bills)."""
        for booking in self:
            if booking.state != "held":
                raise UserError(self.env._("Only a held booking can be confirmed."))
        # the equipment added to a room is confirmed with it
        bookings = self | self.child_ids.filtered(lambda b: b.state == "held")
        bookings.write({"state": "confirmed", "hold_until": False})
        bookings._after_confirm()
        return True

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

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _after_confirm(self):
        """Hook: the bookings are confirmed (paid, at the desk, or a
        member's). The opportunity and the confirmation email follow
        (``coworking_booking_crm``, ``coworking_booking_mail``)."""
        return None

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------

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
        self.env["ir.cron"]._notify_progress(
            done=len(late) + len(finished), remaining=0
        )

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

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
