# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Spaces and times suggested to a member: those that fit the member's own
history (spaces, kinds, weekdays, hours, lengths; recent bookings count
more), that are free, and that the forecast expects quiet.

Everything runs with the caller's rights: a portal member is offered only the
spaces they may see and book (published, of their companies, of the kinds
their plan gives access to), from their own bookings only. Availability is
computed for all the candidate spaces at once per length of booking
(``_get_free_slots``), never per candidate; the forecast is read once per
location and kind of space."""

import math
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools.bounds import DEFAULT_DAYS, MAX_DAYS
from ..tools.bounds import MAX_RECOMMENDATIONS as MAX_LIMIT
from .coworking_ai_demand import DEMAND_STATES

# the member's history read: this many days back, at most this many bookings
HISTORY_DAYS = 365
HISTORY_LIMIT = 500
# a booking this many days old counts half as much as one of today
HALF_LIFE_DAYS = 60.0
# habits (space, weekday, time) turned into candidate times
MAX_HABITS = 8
# free-slot computations (one per length and number of people)
MAX_SLOT_GROUPS = 6
# other spaces of the same kind offered when the usual one is taken
MAX_ALTERNATIVES = 2
# how far from the usual time the nearest free time of the usual space is
SHIFT = timedelta(hours=2)
# what makes a space popular: bookings of the last days, by everyone
POPULAR_DAYS = 90
POPULAR_SPACES = 6
POPULAR_TIMES = 2
# the share of the score given by the fit with the history (the rest: how
# quiet the forecast is; a missing forecast is neutral)
FIT_SHARE = 0.7
POPULAR_FIT_SHARE = 0.5
POPULAR_SCALE = 0.6
NEUTRAL_QUIET = 0.5
# how much a suggestion that is not exactly the habit fits
SHIFTED_FIT = 0.75
ALTERNATIVE_FIT = 0.6
NO_SHOW_WEIGHT = 0.5
# how much lower a space ranks for each time it is already suggested
REPEAT_PENALTY = 0.15
ACTIVE_STATES = ("held", "confirmed", "checked_in")


class CoworkingAiRecommender(models.AbstractModel):
    _name = "coworking.ai.recommender"
    _description = "Coworking Recommendations"

    # ------------------------------------------------------------------
    # What others call
    # ------------------------------------------------------------------

    @api.model
    def _recommend_for(self, partner, start=None, stop=None, limit=5, spaces=None):
        """Suggested bookings for ``partner`` starting between ``start`` and
        ``stop`` (naive UTC; by default the next ``DEFAULT_DAYS`` days, at
        most ``MAX_DAYS``), best first, at most ``limit`` (1 to
        ``MAX_LIMIT``); ``spaces``: only among these.

        Returns a list of dicts: ``space`` (record), ``start``, ``stop``
        (naive UTC), ``seats``, ``score`` (0 to 1), ``forecast_rate`` (0 to
        1, or None), ``basis`` (``history``: from the member's bookings;
        ``popular``: popular and quiet options, for members without a
        usable history) and ``reasons`` (sentences in the user's language).

        :raise UserError: a range or a limit out of bounds
        :raise AccessError: a customer asking for someone else
        """
        now = fields.Datetime.now().replace(second=0, microsecond=0)
        start, stop = self._recommendation_range(start, stop, now)
        limit = self._recommendation_limit(limit)
        self._ensure_recommendation_access(partner)
        candidates = self._recommendation_spaces(partner, spaces, now)
        start = max(start, now)
        if not candidates or stop <= start:
            return []
        past, upcoming = self._recommendation_bookings(partner, now, stop)
        context = {
            "partner": partner,
            "start": start,
            "stop": stop,
            "now": now,
            "candidates": candidates,
            "upcoming": [(b.start, b.stop) for b in upcoming],
            "free": {},
            "forecasts": {},
            "slot_groups": set(),
        }
        habits = self._recommendation_habits(past, now)
        chosen = self._pick(self._habit_candidates(habits, context), limit, set())
        if len(chosen) < limit:
            taken = {self._day_key(item) for item in chosen}
            popular = self._popular_candidates(context)
            chosen += self._pick(popular, limit - len(chosen), taken)
        for item in chosen:
            item.pop("day", None)
        return sorted(chosen, key=lambda c: (-c["score"], c["start"]))

    # ------------------------------------------------------------------
    # Inputs and rights
    # ------------------------------------------------------------------

    @api.model
    def _recommendation_range(self, start, stop, now):
        """``(start, stop)`` checked: naive UTC, ``stop`` after ``start``, at
        most ``MAX_DAYS`` apart."""
        _ = self.env._
        start = start or now
        stop = stop or start + timedelta(days=DEFAULT_DAYS)
        if not isinstance(start, datetime) or not isinstance(stop, datetime):
            raise UserError(_("Suggestions need a start and an end."))
        if stop <= start:
            raise UserError(_("The end must come after the start."))
        if stop - start > timedelta(days=MAX_DAYS):
            raise UserError(
                _("Suggestions cover at most %(days)s days.", days=MAX_DAYS)
            )
        return start, stop

    @api.model
    def _recommendation_limit(self, limit):
        if (
            not isinstance(limit, int)
            or isinstance(limit, bool)
            or not 1 <= limit <= MAX_LIMIT
        ):
            raise UserError(
                self.env._("Ask for 1 to %(limit)s suggestions.", limit=MAX_LIMIT)
            )
        return limit

    @api.model
    def _ensure_recommendation_access(self, partner):
        """Customers get suggestions for themselves only; staff for anyone
        of their companies."""
        if self.env.su:
            return
        user = self.env.user
        if user._is_public() or not partner:
            raise AccessError(self.env._("Sign in to get suggestions."))
        if partner != user.partner_id and not self._recommendation_staff():
            raise AccessError(self.env._("You can only see suggestions for yourself."))

    @api.model
    def _recommendation_staff(self):
        return self.env["coworking.booking"]._is_staff()

    @api.model
    def _recommendation_spaces(self, partner, spaces, now):
        """The spaces offered: those the caller may see (record rules: their
        companies), bookable; for customers published; of the kinds the
        partner's plan gives access to (any kind without a plan)."""
        domain = [("is_bookable", "=", True)]
        if not self._recommendation_staff():
            domain.append(("website_published", "=", True))
        if spaces is not None:
            domain.append(("id", "in", spaces.ids))
        candidates = self.env["coworking.space"].search(domain)
        Booking = self.env["coworking.booking"]
        allowed = {}
        for company in candidates.company_id:
            membership = Booking._membership_for(
                partner, company=company, day=now.date()
            )
            allowed[company] = (
                set(membership.plan_id.line_ids.kind_id.mapped("code"))
                if membership
                else None
            )
        return candidates.filtered(
            lambda s: allowed[s.company_id] is None or s.kind in allowed[s.company_id]
        )

    @api.model
    def _recommendation_bookings(self, partner, now, stop):
        """``(past, upcoming)``: the partner's bookings of spaces of the last
        ``HISTORY_DAYS`` days (at most ``HISTORY_LIMIT``, the latest), and
        those to come, read with the caller's rights (a portal member: their
        own only)."""
        bookings = self.env["coworking.booking"].search_fetch(
            [
                ("partner_id", "=", partner.id),
                ("space_id", "!=", False),
                ("start", ">=", now - timedelta(days=HISTORY_DAYS)),
                ("start", "<", stop),
                ("state", "in", tuple(set(DEMAND_STATES) | set(ACTIVE_STATES))),
            ],
            [
                "space_id",
                "location_id",
                "space_kind",
                "start",
                "stop",
                "seats",
                "state",
            ],
            order="start desc",
            limit=HISTORY_LIMIT,
        )
        past = bookings.filtered(lambda b: b.start < now and b.state in DEMAND_STATES)
        upcoming = bookings.filtered(
            lambda b: b.stop > now and b.state in ACTIVE_STATES
        )
        return past, upcoming

    # ------------------------------------------------------------------
    # The member's habits
    # ------------------------------------------------------------------

    @api.model
    def _recommendation_habits(self, past, now):
        """The member's habits, strongest first (at most ``MAX_HABITS``):
        dicts of ``space``, ``location``, ``kind``, ``weekday``, ``minutes``
        (local start), ``duration`` and ``seats`` (the most frequent),
        ``weight`` (recent bookings count more), ``count`` and ``last``."""
        groups = {}
        for booking in past:
            location = booking.location_id
            tz = pytz.timezone(location.sudo().tz or "UTC")
            local = pytz.utc.localize(booking.start).astimezone(tz)
            key = (
                booking.space_id.id,
                local.weekday(),
                local.hour * 60 + local.minute,
            )
            age = max((now - booking.start).total_seconds() / 86400, 0)
            weight = 0.5 ** (age / HALF_LIFE_DAYS)
            if booking.state == "no_show":
                weight *= NO_SHOW_WEIGHT
            habit = groups.setdefault(
                key,
                {
                    "space": booking.space_id,
                    "location": location,
                    "kind": booking.space_kind,
                    "weekday": key[1],
                    "minutes": key[2],
                    "weight": 0.0,
                    "count": 0,
                    "last": booking.start,
                    "durations": defaultdict(float),
                    "seats": defaultdict(float),
                },
            )
            habit["weight"] += weight
            habit["count"] += 1
            habit["last"] = max(habit["last"], booking.start)
            minutes = round((booking.stop - booking.start).total_seconds() / 60)
            habit["durations"][minutes] += weight
            habit["seats"][booking.seats] += weight
        habits = sorted(groups.values(), key=lambda h: (-h["weight"], -h["count"]))
        for habit in habits:
            habit["duration"] = max(habit["durations"], key=habit["durations"].get)
            habit["seats"] = max(habit["seats"], key=habit["seats"].get)
            del habit["durations"]
        return habits[:MAX_HABITS]

    @api.model
    def _habit_candidates(self, habits, context):
        """Candidate bookings from the habits: the usual space at the usual
        time of each matching day, else its nearest free time that day, else
        another space of the same kind at the usual time."""
        if not habits:
            return []
        candidates = context["candidates"]
        strongest = habits[0]["weight"]
        plans = []
        for habit in habits:
            primary = candidates.filtered(lambda s, h=habit: s == h["space"])
            others = candidates.filtered(
                lambda s, h=habit: s != h["space"]
                and s.location_id == h["location"]
                and s.kind == h["kind"]
                and s.capacity >= h["seats"]
            )[:MAX_ALTERNATIVES]
            targets = primary | others
            group = (habit["duration"], habit["seats"])
            if not targets or not self._slot_group_fits(context, group):
                continue
            plans.append((habit, primary, others, group))
        self._load_free_slots(context, [(p[1] | p[2], p[3]) for p in plans])
        self._load_forecasts(context, [p[1] | p[2] for p in plans])
        results = []
        for habit, primary, others, group in plans:
            fit = habit["weight"] / strongest
            length = timedelta(minutes=habit["duration"])
            moments = self._moments(
                habit["location"], habit["minutes"], context, habit["weekday"]
            )
            for moment in moments:
                stop = moment + length
                if self._overlaps_own(context, moment, stop):
                    continue
                if primary and self._is_free(context, primary, group, moment):
                    results.append(
                        self._candidate(
                            context, primary, moment, length, habit, fit, "exact"
                        )
                    )
                    continue
                shifted = primary and self._nearest_free(
                    context, primary, group, moment, length
                )
                if shifted:
                    results.append(
                        self._candidate(
                            context,
                            primary,
                            shifted,
                            length,
                            habit,
                            fit * SHIFTED_FIT,
                            "shifted",
                        )
                    )
                for other in others:
                    if self._is_free(context, other, group, moment):
                        results.append(
                            self._candidate(
                                context,
                                other,
                                moment,
                                length,
                                habit,
                                fit * ALTERNATIVE_FIT,
                                # the usual space is taken, or not offered here
                                "alternative" if primary else "similar",
                            )
                        )
        return results

    @api.model
    def _moments(self, location, minutes, context, weekday=None):
        """The starts (naive UTC) at the local time ``minutes`` of each day
        (of ``weekday`` only, if given) of the location between the range's
        start and stop."""
        tz = pytz.timezone(location.sudo().tz or "UTC")
        first = pytz.utc.localize(context["start"]).astimezone(tz).date()
        last = pytz.utc.localize(context["stop"]).astimezone(tz).date()
        hours, rest = divmod(minutes, 60)
        moments = []
        day = first
        while day <= last:
            if weekday is None or day.weekday() == weekday:
                local = tz.localize(datetime.combine(day, time(hours, rest)))
                moment = local.astimezone(pytz.utc).replace(tzinfo=None)
                if context["start"] <= moment < context["stop"]:
                    moments.append(moment)
            day += timedelta(days=1)
        return moments

    # ------------------------------------------------------------------
    # Popular, quiet options
    # ------------------------------------------------------------------

    @api.model
    def _popular_candidates(self, context):
        """Options for members without a usable history (or too short a
        one): the spaces most booked by everyone lately, at their most booked
        times and lengths, free, quiet first."""
        candidates = context["candidates"]
        stats = self._popular_stats(candidates, context["now"])
        ranked = candidates.sorted(
            lambda s: (-stats.get(s.id, {}).get("count", 0), s.sequence, s.id)
        )[:POPULAR_SPACES]
        most = max([stats.get(s.id, {}).get("count", 0) for s in ranked] or [0])
        plans = []
        for space in ranked:
            info = stats.get(space.id) or {}
            duration = self._popular_duration(space, info.get("durations"))
            group = (duration, 1)
            if not self._slot_group_fits(context, group):
                continue
            times = info.get("times") or [9 * 60, 14 * 60]
            popularity = info.get("count", 0) / most if most else 0.0
            plans.append((space, group, times[:POPULAR_TIMES], popularity))
        self._load_free_slots(context, [(p[0], p[1]) for p in plans])
        self._load_forecasts(context, [p[0] for p in plans])
        results = []
        for space, group, times, popularity in plans:
            length = timedelta(minutes=group[0])
            for minutes in times:
                habit = {
                    "space": space,
                    "location": space.location_id,
                    "kind": space.kind,
                    "minutes": minutes,
                    "seats": 1,
                }
                for moment in self._moments(space.location_id, minutes, context):
                    if self._overlaps_own(
                        context, moment, moment + length
                    ) or not self._is_free(context, space, group, moment):
                        continue
                    results.append(
                        self._candidate(
                            context, space, moment, length, habit, popularity, "popular"
                        )
                    )
        return results

    @api.model
    def _popular_stats(self, spaces, now):
        """``{space id: {"count", "times", "durations"}}``: how often each
        space was booked by anyone in the last ``POPULAR_DAYS`` days, its
        most booked local start times and lengths (minutes), in one query.
        Counts only: nobody's bookings are shown."""
        if not spaces:
            return {}
        self.env["coworking.booking"].flush_model(
            ["space_id", "location_id", "start", "stop", "state"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT b.space_id,
                       (EXTRACT(HOUR FROM local.moment) * 60
                        + EXTRACT(MINUTE FROM local.moment))::int,
                       ROUND(EXTRACT(EPOCH FROM b.stop - b.start) / 60)::int,
                       COUNT(*)
                  FROM coworking_booking b
                  JOIN coworking_location l ON l.id = b.location_id
                 CROSS JOIN LATERAL (
                       SELECT (b.start AT TIME ZONE 'UTC') AT TIME ZONE l.tz AS moment
                 ) local
                 WHERE b.space_id = ANY(%s)
                   AND b.state IN %s
                   AND b.start >= %s AND b.start < %s
                 GROUP BY 1, 2, 3
                 ORDER BY 4 DESC
                 LIMIT 5000
                """,
                spaces.ids,
                DEMAND_STATES,
                now - timedelta(days=POPULAR_DAYS),
                now,
            )
        )
        stats = {}
        for space_id, minutes, duration, count in self.env.cr.fetchall():
            info = stats.setdefault(
                space_id,
                {"count": 0, "times": defaultdict(int), "durations": defaultdict(int)},
            )
            info["count"] += count
            info["times"][minutes] += count
            info["durations"][duration] += count
        for info in stats.values():
            info["times"] = sorted(info["times"], key=lambda m: -info["times"][m])
        return stats

    @api.model
    def _popular_duration(self, space, durations):
        """The most booked length of ``space`` that its rules allow, else an
        hour (or its shortest booking)."""
        allowed = [
            minutes
            for minutes in sorted(durations or {}, key=lambda m: -durations[m])
            if space.booking_min_minutes <= minutes <= space.booking_max_minutes
            and not minutes % space.booking_slot_minutes
        ]
        if allowed:
            return allowed[0]
        step = space.booking_slot_minutes
        hour = max(space.booking_min_minutes, math.ceil(60 / step) * step)
        return min(hour, space.booking_max_minutes)

    # ------------------------------------------------------------------
    # Availability and forecasts, in batches
    # ------------------------------------------------------------------

    @api.model
    def _slot_group_fits(self, context, group):
        """Whether one more free-slot computation (a length and a number of
        people) is allowed: at most ``MAX_SLOT_GROUPS`` per call."""
        groups = context["slot_groups"]
        if group in groups:
            return True
        if len(groups) >= MAX_SLOT_GROUPS:
            return False
        groups.add(group)
        return True

    @api.model
    def _load_free_slots(self, context, wanted):
        """Free slots of the ``(spaces, (minutes, seats))`` of ``wanted``, one
        computation per length and number of people for all their spaces,
        under the member's rules (notice, horizon), over the whole range."""
        by_group = defaultdict(lambda: self.env["coworking.space"])
        for spaces, group in wanted:
            missing = spaces.filtered(
                lambda s, g=group: (s.id, g) not in context["free"]
            )
            by_group[group] |= missing
        Booking = self.env["coworking.booking"]
        for (minutes, seats), spaces in by_group.items():
            if not spaces:
                continue
            length = timedelta(minutes=minutes)
            free = Booking._get_free_slots(
                spaces,
                context["start"],
                context["stop"] + length,
                length,
                seats=seats,
                staff=False,
                now=context["now"],
            )
            for space in spaces:
                starts = sorted(
                    slot[0] for slot in free.get(space, []) if slot[0] < context["stop"]
                )
                context["free"][(space.id, (minutes, seats))] = starts

    @api.model
    def _is_free(self, context, space, group, moment):
        return moment in self._free_set(context, space, group)

    @api.model
    def _free_set(self, context, space, group):
        key = ("set", space.id, group)
        if key not in context["free"]:
            context["free"][key] = set(context["free"].get((space.id, group), []))
        return context["free"][key]

    @api.model
    def _nearest_free(self, context, space, group, moment, length):
        """The free start of ``space`` nearest to ``moment`` on the same local
        day, within ``SHIFT``, that does not meet the member's bookings."""
        tz = pytz.timezone(space.location_id.sudo().tz or "UTC")
        day = pytz.utc.localize(moment).astimezone(tz).date()
        best = None
        for start in context["free"].get((space.id, group), []):
            if abs(start - moment) > SHIFT:
                continue
            if pytz.utc.localize(start).astimezone(tz).date() != day:
                continue
            if self._overlaps_own(context, start, start + length):
                continue
            if best is None or abs(start - moment) < abs(best - moment):
                best = start
        return best

    @api.model
    def _overlaps_own(self, context, start, stop):
        """Whether the member already has a booking meeting ``[start, stop)``."""
        return any(a < stop and b > start for a, b in context["upcoming"])

    @api.model
    def _load_forecasts(self, context, space_sets):
        """The forecast of each location and kind of these spaces over the
        range, one query each (``coworking.ai.demand._forecast_rates``)."""
        Demand = self.env["coworking.ai.demand"]
        for spaces in space_sets:
            for space in spaces:
                key = (space.location_id.id, space.kind)
                if key in context["forecasts"]:
                    continue
                context["forecasts"][key] = Demand._forecast_rates(
                    space.location_id,
                    space.kind,
                    context["start"],
                    context["stop"] + timedelta(days=1),
                )

    @api.model
    def _forecast_for(self, context, space, start, stop):
        """The mean forecast occupancy of the hours of ``[start, stop)``, or
        None when no hour has a forecast."""
        rates = context["forecasts"].get((space.location_id.id, space.kind)) or {}
        hour = start.replace(minute=0, second=0, microsecond=0)
        found = []
        while hour < stop:
            if hour in rates:
                found.append(float(rates[hour]))
            hour += timedelta(hours=1)
        return sum(found) / len(found) if found else None

    # ------------------------------------------------------------------
    # Scores and choice (the reasons and the pages' labels:
    # coworking_ai_recommendation_display.py)
    # ------------------------------------------------------------------

    @api.model
    def _candidate(self, context, space, start, length, habit, fit, how):
        stop = start + length
        rate = self._forecast_for(context, space, start, stop)
        quiet = NEUTRAL_QUIET if rate is None else 1.0 - rate
        share = POPULAR_FIT_SHARE if how == "popular" else FIT_SHARE
        score = share * min(max(fit, 0.0), 1.0) + (1 - share) * quiet
        if how == "popular":
            # someone else's habits fit a member less than their own
            score *= POPULAR_SCALE
        tz = pytz.timezone(space.location_id.sudo().tz or "UTC")
        return {
            "space": space,
            "start": start,
            "stop": stop,
            "seats": habit["seats"],
            "score": round(min(max(score, 0.0), 1.0), 3),
            "forecast_rate": None if rate is None else round(rate, 3),
            "basis": "popular" if how == "popular" else "history",
            "reasons": self._reasons(space, start, habit, how, rate),
            "day": pytz.utc.localize(start).astimezone(tz).date(),
        }

    @api.model
    def _day_key(self, item):
        return (item["space"].id, item["day"])

    @api.model
    def _pick(self, candidates, limit, taken):
        """The best ``limit`` candidates, one per space and day (``taken``:
        space and days already chosen), best score first, then soonest; a
        space already chosen ranks ``REPEAT_PENALTY`` lower each time, so
        that several spaces are offered when they fit nearly as well."""
        chosen = []
        per_space = defaultdict(int)
        left = sorted(candidates, key=lambda c: (-c["score"], c["start"]))
        while left and len(chosen) < limit:
            best = min(
                (c for c in left if self._day_key(c) not in taken),
                key=lambda c: (
                    -(c["score"] - REPEAT_PENALTY * per_space[c["space"].id]),
                    c["start"],
                ),
                default=None,
            )
            if best is None:
                break
            left.remove(best)
            taken.add(self._day_key(best))
            per_space[best["space"].id] += 1
            chosen.append(best)
        return sorted(chosen, key=lambda c: (-c["score"], c["start"]))
