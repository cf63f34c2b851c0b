# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools import slots as slot_tools
from .coworking_booking import ACTIVE_STATES, MAX_BOOKING_DAYS


class CoworkingResourceMixin(models.AbstractModel):
    """Booking rules and rates shared by spaces and equipment."""

    _inherit = "coworking.resource.mixin"

    booking_slot_minutes = fields.Integer(
        string="Slot Step (min)",
        default=30,
        help="Bookings start on multiples of this step, counted from midnight "
        "in the location's timezone.",
    )
    booking_min_minutes = fields.Integer(string="Minimum Duration (min)", default=30)
    booking_max_minutes = fields.Integer(
        string="Maximum Duration (min)",
        default=600,
        help="A booking lies within one opening period of the location and lasts "
        "at most this long.",
    )
    booking_buffer_minutes = fields.Integer(
        string="Buffer (min)",
        default=0,
        help="Time kept free after each booking (cleaning, set-up).",
    )
    booking_notice_minutes = fields.Integer(
        string="Minimum Notice (min)",
        default=60,
        help="Members and guests cannot book later than this before the start. "
        "Staff can.",
    )
    booking_horizon_days = fields.Integer(
        string="Booking Horizon (days)",
        default=90,
        help="Members and guests cannot book further ahead than this. Staff can.",
    )
    rate_product_ids = fields.Many2many(
        "product.product",
        string="Rates",
        check_company=True,
        domain="[('coworking_rate_hours', '>', 0)]",
        help="Products sold for a booking, e.g. hour, half-day and day rates. "
        "The cheapest combination covering the duration is used; the price of "
        "each product comes from the customer's pricelist.",
    )

    @api.constrains(
        "booking_slot_minutes",
        "booking_min_minutes",
        "booking_max_minutes",
        "booking_buffer_minutes",
        "booking_notice_minutes",
        "booking_horizon_days",
    )
    def _check_booking_rules(self):
        for record in self:
            if record.booking_slot_minutes < 5 or record.booking_slot_minutes > 1440:
                raise ValidationError(
                    self.env._(
                        "The slot step of '%(name)s' must be between 5 minutes "
                        "and one day.",
                        name=record.display_name,
                    )
                )
            if record.booking_min_minutes <= 0 or (
                record.booking_max_minutes < record.booking_min_minutes
            ):
                raise ValidationError(
                    self.env._(
                        "'%(name)s': the minimum duration must be positive and "
                        "not above the maximum duration.",
                        name=record.display_name,
                    )
                )
            if (
                record.booking_buffer_minutes < 0
                or record.booking_notice_minutes < 0
                or record.booking_horizon_days <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "'%(name)s': buffer and notice cannot be negative and the "
                        "booking horizon must be at least one day.",
                        name=record.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Business methods: the rules of a request
    # ------------------------------------------------------------------

    def _get_rate_products(self):
        self.ensure_one()
        products = self.rate_product_ids or self.product_id
        return products.filtered(lambda p: p._coworking_hours_covered() > 0)

    def _input_refusals(self, start, stop, seats):
        """Reasons refusing a malformed or unbounded request of this space or
        equipment (an empty recordset: one that does not exist), ``[]``."""
        _ = self.env._
        if not self:
            return [("invalid", _("This space or equipment does not exist."))]
        self.ensure_one()
        if not self.is_bookable or not self.active:
            message = _("%(name)s cannot be booked.", name=self.display_name)
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

    def _rule_refusals(self, start, stop, seats, staff, now, partner=None):
        """Reasons why the booking rules of this space or equipment refuse a
        request of ``partner`` (notice, horizon, durations, steps, capacity);
        other addons add their own (e.g. what a membership gives access to)."""
        self.ensure_one()
        _ = self.env._
        now = now or fields.Datetime.now()
        minutes = (stop - start).total_seconds() / 60
        reasons = []
        if start < now - timedelta(minutes=1):
            reasons.append(("past", _("This time is in the past.")))
        elif not staff and start < now + timedelta(minutes=self.booking_notice_minutes):
            message = _(
                "Too late: book at least %(minutes)s minutes before the start.",
                minutes=self.booking_notice_minutes,
            )
            reasons.append(("too_late", message))
        horizon = self._booking_horizon_days(partner)
        if not staff and start > now + timedelta(days=horizon):
            message = _(
                "Too far ahead: bookings open %(days)s days in advance.",
                days=horizon,
            )
            reasons.append(("beyond_horizon", message))
        if minutes < self.booking_min_minutes:
            message = _(
                "Too short: a booking lasts at least %(minutes)s minutes.",
                minutes=self.booking_min_minutes,
            )
            reasons.append(("too_short", message))
        if minutes > self.booking_max_minutes:
            message = _(
                "Too long: a booking lasts at most %(minutes)s minutes.",
                minutes=self.booking_max_minutes,
            )
            reasons.append(("too_long", message))
        step = timedelta(minutes=self.booking_slot_minutes)
        tz = pytz.timezone(self.location_id.tz)
        if not (
            slot_tools.is_aligned(start, step, tz)
            and slot_tools.is_aligned(stop, step, tz)
        ):
            message = _(
                "Bookings start and end on steps of %(minutes)s minutes.",
                minutes=self.booking_slot_minutes,
            )
            reasons.append(("misaligned", message))
        if self._name == "coworking.space" and seats > self.capacity:
            message = _(
                "%(name)s holds %(capacity)s people at most.",
                name=self.display_name,
                capacity=self.capacity,
            )
            reasons.append(("too_many_people", message))
        return reasons

    def _booking_horizon_days(self, partner=None):
        """How many days ahead ``partner`` may book this space or equipment."""
        self.ensure_one()
        return self.booking_horizon_days

    def _availability_refusals(self, start, stop, seats, ignore=None, refused=False):
        """Reasons why this space or equipment is not free (closed, taken,
        full) for a request; ``ignore``: bookings not counted (the one being
        moved); ``refused``: the request already breaks a rule."""
        self.ensure_one()
        _ = self.env._
        reasons = []
        blocked_stop = stop + timedelta(minutes=self.booking_buffer_minutes)
        taken = self._busy_periods(start, blocked_stop, ignore=ignore)
        load = slot_tools.peak_load(taken[self.resource_id.id], start, blocked_stop)
        if self._name == "coworking.space" and self.booking_mode == "pooled":
            if load + seats > self.capacity:
                message = _(
                    "Already booked: %(left)s of %(capacity)s seats are left at "
                    "that time.",
                    left=max(self.capacity - load, 0),
                    capacity=self.capacity,
                )
                reasons.append(("full", message))
        elif load:
            message = _(
                "Already booked: %(name)s is taken at that time.",
                name=self.display_name,
            )
            reasons.append(("taken", message))
        memo = self.env["coworking.booking"]._request_memo_dict()
        if (refused or reasons) and ignore is None and memo:
            # refused either way, with suggestions around this time: the
            # opening hours are read once, for the check and the suggestions
            is_open = self._is_open_in_window(start, stop, seats)
        else:
            is_open = self._is_open(start, stop)
        if not is_open:
            message = _(
                "%(location)s is closed during part of this time.",
                location=self.location_id.display_name,
            )
            reasons.insert(0, ("closed", message))
        return reasons

    # ------------------------------------------------------------------
    # Business methods: opening hours, busy periods, free slots
    # ------------------------------------------------------------------

    def _is_open(self, start, stop):
        """Whether the location is open for this resource all of ``[start,
        stop)`` (naive UTC)."""
        target = self.sudo()
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

    def _is_open_in_window(self, start, stop, seats):
        """``_is_open``, read from the opening hours of the first window of
        ``_suggest`` (a window holding ``[start, stop)``): the same answer,
        as the open time inside ``[start, stop)`` does not depend on the
        window it is computed over."""
        target = self.sudo()
        candidates = target._suggest_candidates(seats)
        date_from, date_to = slot_tools.suggest_window(start, stop)
        opened = target.location_id._opening_periods(
            target | candidates, date_from, date_to
        )
        periods = opened[target.resource_id.id]
        return any(a <= start and b >= stop for a, b in periods)

    def _busy_periods(self, start, stop, ignore=None):
        """Active bookings of these spaces or equipment meeting ``[start,
        stop)``, in one query: ``{resource_id: [(start, blocked_stop, seats)]}``."""
        resource_ids = self.resource_id.ids
        busy = defaultdict(list)
        if not resource_ids:
            return busy
        self.env["coworking.booking"].flush_model(
            ["resource_id", "start", "blocked_stop", "seats", "state"]
        )
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

    def _get_free_slots(
        self, date_from, date_to, duration, seats=1, staff=False, now=None
    ):
        """Free slots of ``duration`` (timedelta) of each of these spaces or
        equipment between two datetimes (naive UTC or aware).

        Returns ``{target: [(start, stop, seats_left)]}`` with naive UTC times.
        One query for the bookings and one calendar computation per location.
        """
        now = now or fields.Datetime.now()
        # opening hours and busy times are no secret: the caller chose the
        # targets and decides what to show of their free slots
        targets = self.sudo()
        date_from = slot_tools.to_naive_utc(date_from)
        date_to = slot_tools.to_naive_utc(date_to)
        result = {}
        if not targets or date_to <= date_from:
            return result
        longest_buffer = max(targets.mapped("booking_buffer_minutes") or [0])
        busy = targets._busy_periods(
            date_from - timedelta(days=1),
            date_to + timedelta(minutes=longest_buffer) + duration,
        )
        by_location = defaultdict(list)
        for target in targets:
            by_location[target.location_id].append(target)
        for location, located in by_location.items():
            tz = pytz.timezone(location.tz)
            opened_by_resource = location._opening_periods(
                targets.browse().concat(*located), date_from, date_to
            )
            for target in located:
                result[target] = target._target_free_slots(
                    opened_by_resource[target.resource_id.id],
                    busy[target.resource_id.id],
                    duration,
                    seats,
                    tz,
                    staff,
                    now,
                )
        return result

    def _target_free_slots(self, opened, busy, duration, seats, tz, staff, now):
        """Free slots of this space or equipment, from its open and busy
        periods (see ``_get_free_slots``)."""
        self.ensure_one()
        pooled = self._name == "coworking.space" and self.booking_mode == "pooled"
        notice = timedelta(minutes=self.booking_notice_minutes)
        earliest = now if staff else now + notice
        latest = None if staff else now + timedelta(days=self.booking_horizon_days)
        if (
            not self.is_bookable
            or duration < timedelta(minutes=self.booking_min_minutes)
            or duration > timedelta(minutes=self.booking_max_minutes)
            or (self._name == "coworking.space" and seats > self.capacity)
        ):
            return []
        if not pooled:
            busy = [(s, e, 1) for s, e, _seats in busy]
        return slot_tools.free_slots(
            opened,
            busy,
            duration,
            timedelta(minutes=self.booking_slot_minutes),
            tz,
            buffer=timedelta(minutes=self.booking_buffer_minutes),
            capacity=self.capacity if pooled else 1,
            seats=seats if pooled else 1,
            earliest=earliest,
            latest=latest,
        )

    # ------------------------------------------------------------------
    # Business methods: suggestions
    # ------------------------------------------------------------------

    def _suggest(self, start, stop, seats=1, limit=3, staff=False, candidates=None):
        """Nearest free slots of the same length of this space or equipment
        (within three days) and other spaces of the location free at the
        requested time; ``candidates``: those other spaces, by default
        ``_suggest_candidates``."""
        self.ensure_one()
        target = self
        duration = stop - start

        def distance(slot):
            return abs(slot[0] - start)

        if candidates is None:
            candidates = target._suggest_candidates(seats)
        # Half a day around first, for the target and the other spaces at
        # once (one computation of the opening hours): enough when it holds
        # ``limit`` slots that no slot outside it can beat (nearer than the
        # radius less the duration); else the three days, for the target.
        # Same answer, most often from a day's opening hours, not a week's.
        radius = slot_tools.SUGGEST_RADIUS
        free = (target | candidates if candidates else target)._get_free_slots(
            *slot_tools.suggest_window(start, stop), duration, seats, staff=staff
        )
        nearest = sorted(free.get(target, []), key=distance)
        sure = [slot for slot in nearest if distance(slot) <= radius - duration]
        if len(sure) < limit:
            radius = timedelta(days=3)
            around = target._get_free_slots(
                start - radius, start + radius, duration, seats, staff=staff
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

    def _suggest_candidates(self, seats):
        """The other spaces ``_suggest`` offers: of the location, bookable,
        large enough, those of the same kind first."""
        self.ensure_one()
        if self._name != "coworking.space":
            return self.env["coworking.space"]
        memo = self.env["coworking.booking"]._request_memo_dict()
        key = ("candidates", self.id, seats, self.env.su, self.env.uid)
        if memo is not None and key in memo:
            return memo[key]
        candidates = self.env["coworking.space"].search(
            [
                ("location_id", "=", self.location_id.id),
                ("is_bookable", "=", True),
                ("id", "!=", self.id),
                ("capacity", ">=", seats),
            ]
        )
        same_kind = candidates.filtered(lambda s: s.kind == self.kind)
        candidates = same_kind + (candidates - same_kind)
        if memo is not None:
            memo[key] = candidates
        return candidates
