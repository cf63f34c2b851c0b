# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the assistant per file:
# pylint: disable=consider-merging-classes-inherited
"""What the assistant does: free slots, booking and cancelling, through the
business methods of ``coworking.booking`` (``_get_free_slots``,
``_request_refusals``, ``_booking_terms``, ``_book``,
``_action_cancel_with_policy``) with the rights of the person asking."""

from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount, format_date

from odoo.addons.coworking_booking.exceptions import BookingRefused

from ..tools import assistant_slots

DEFAULT_MINUTES = 60
# what one answer lists at most
MAX_LISTED_SPACES = 8
MAX_WINDOWS = 4
MAX_CHOICES = 8
CANCELLABLE_STATES = ("held", "confirmed")
REFUSALS = (BookingRefused, UserError, AccessError, ValidationError)


def free_windows(slots):
    """Free slots ``[(start, stop, left)]`` merged into free windows."""
    windows = []
    for start, stop, _left in sorted(slots):
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], stop)
        else:
            windows.append([start, stop])
    return [tuple(window) for window in windows]


class CoworkingAiAssistant(models.AbstractModel):
    _inherit = "coworking.ai.assistant"

    # ------------------------------------------------------------------
    # Free slots
    # ------------------------------------------------------------------

    @api.model
    def _window_of(self, slots, day, tz):
        """Naive UTC bounds of what ``slots`` ask on ``day``: the times, the
        period of the day, or the whole day."""
        if slots.start and slots.end:
            return self._to_utc(day, slots.start, tz), self._to_utc(day, slots.end, tz)
        if slots.start:
            start = self._to_utc(day, slots.start, tz)
            return start, start + timedelta(minutes=self._minutes_of(slots))
        if slots.period:
            first, last = assistant_slots.PERIOD_HOURS[slots.period]
            return self._to_utc(day, time(first), tz), self._to_utc(day, time(last), tz)
        return self._day_bounds_utc(day, tz)

    @api.model
    def _minutes_of(self, slots):
        if slots.start and slots.end:
            start = datetime.combine(datetime.min, slots.start)
            return int((datetime.combine(datetime.min, slots.end) - start).seconds / 60)
        return slots.minutes or DEFAULT_MINUTES

    @api.model
    def _free_windows(self, spaces, slots, day, minutes, seats):
        """``[(space, [(start, stop)])]`` of the spaces with free time."""
        Booking = self.env["coworking.booking"]
        duration = timedelta(minutes=minutes)
        found = []
        for location in spaces.location_id:
            located = spaces.filtered(lambda s, loc=location: s.location_id == loc)
            date_from, date_to = self._window_of(slots, day, location.tz)
            if slots.start:
                # free for the time asked: a slot starting then
                date_to = max(date_to, date_from + duration)
            free = Booking._get_free_slots(located, date_from, date_to, duration, seats)
            for space in located:
                windows = free_windows(free.get(space, []))
                if windows:
                    found.append((space, windows))
        return found

    @api.model
    def _day_refusal(self, day, today):
        if day < today:
            return self._say(self.env._("That day is past: which day do you mean?"))
        if not assistant_slots.day_in_range(day, today):
            return self._say(
                self.env._("I can only look up to a year ahead: which day do you mean?")
            )
        return None

    @api.model
    def _windows_lines(self, found):
        lines = []
        for space, windows in found[:MAX_LISTED_SPACES]:
            tz = space.location_id.tz
            times = ", ".join(
                f"{self._fmt_time(a, tz)}–{self._fmt_time(b, tz)}"
                for a, b in windows[:MAX_WINDOWS]
            )
            lines.append(
                Markup("<b>%s</b> (%s): %s")
                % (space.name, space.location_id.name, times)
            )
        if len(found) > MAX_LISTED_SPACES:
            lines.append(
                self.env._(
                    "and %(count)s more spaces.", count=len(found) - MAX_LISTED_SPACES
                )
            )
        return self._bullets(lines)

    @api.model
    def _intent_free_slots(self, slots, payload=None):
        today, _now = self._today()
        day = slots.day or today
        refusal = self._day_refusal(day, today)
        if refusal:
            return refusal
        spaces, _named = self._spaces_named(slots)
        if not spaces:
            return self._say(self.env._("I found no space matching your request."))
        minutes = self._minutes_of(slots)
        seats = slots.seats or 1
        found = self._free_windows(spaces, slots, day, minutes, seats)
        length = self._fmt_minutes(minutes)
        if not found:
            return self._say(
                self.env._(
                    "Nothing is free for %(length)s on %(day)s. Shall I look at "
                    "another day?",
                    length=length,
                    day=self._fmt_day(day),
                )
            )
        return self._say(
            self.env._(
                "Free on %(day)s for %(length)s:", day=self._fmt_day(day), length=length
            ),
            self._windows_lines(found),
            self.env._(
                "To book, say for instance: “book %(space)s %(day)s %(time)s”.",
                space=found[0][0].name,
                day=format_date(self.env, day, date_format="d MMMM"),
                time=self._fmt_time(found[0][1][0][0], found[0][0].location_id.tz),
            ),
        )

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------

    @api.model
    def _customer_named(self, name, slots, intent):
        """The customer called ``name`` (for staff), or a question back."""
        partners = self.env["res.partner"].search(
            [("name", "ilike", name), ("active", "=", True)], limit=MAX_CHOICES
        )
        members = partners.filtered("is_coworking_member")
        if len(partners) > 1 and len(members) == 1:
            partners = members
        if len(partners) == 1:
            return partners, None
        if not partners:
            question = self.env._(
                "I do not know anyone called %(name)s. Who is it for? Write the "
                "full name.",
                name=name,
            )
        else:
            question = self.env._(
                "Several people match %(name)s: %(names)s. Who is it for? Write "
                "the full name.",
                name=name,
                names=", ".join(partners.mapped("name")),
            )
        slots.for_name = None
        return None, self._ask(intent, self._say(question), slots, want="partner")

    @api.model
    def _customer_asked(self, slots, intent, refusal, spaces=None):
        """Whom the request is for: ``(partner, None, other)``, the person
        asking or, for staff, the customer they name (``other``), else
        ``(None, reply, other)``: ``refusal(name)`` said politely to someone
        who names another person without being staff, or a question back
        when the name is unclear."""
        other = self._person_asked(slots, spaces)
        if not other:
            return self.env.user.partner_id, None, None
        if not self._is_staff():
            return None, self._say(refusal(other)), other
        partner, question = self._customer_named(other, slots, intent)
        return partner, question, other

    @api.model
    def _intent_book(self, slots, payload=None):
        _ = self.env._
        staff = self._is_staff()
        spaces = self._visible_spaces()
        partner, reply, _other = self._customer_asked(
            slots,
            "book",
            lambda name: _(
                "I can only book for you, not for %(name)s. To book for "
                "someone else, please ask the front desk.",
                name=name,
            ),
            spaces,
        )
        if reply:
            return reply
        targets, named = self._spaces_named(slots, spaces)
        if named and len(targets) > 1:
            return self._ask(
                "book",
                self._say(
                    _("Which one: %(names)s?", names=", ".join(targets.mapped("name")))
                ),
                slots,
                want="space",
            )
        if not named and not slots.kinds:
            examples = ", ".join(spaces[:4].mapped("name"))
            return self._ask(
                "book",
                self._say(
                    _(
                        "Which space would you like? For example: %(names)s.",
                        names=examples,
                    )
                ),
                slots,
                want="space",
            )
        if not targets:
            return self._say(_("I found no space matching your request."))
        today, _now = self._today()
        if not slots.day:
            return self._ask(
                "book",
                self._say(
                    _("For which day and time? For example: tomorrow 10:00-11:00.")
                ),
                slots,
                want="day",
            )
        refusal = self._day_refusal(slots.day, today)
        if refusal:
            return refusal
        minutes = self._minutes_of(slots)
        seats = slots.seats or 1
        if not slots.start:
            found = self._free_windows(targets, slots, slots.day, minutes, seats)
            question = _("At what time on %(day)s?", day=self._fmt_day(slots.day))
            if found:
                lines = [question, _("Free then:"), self._windows_lines(found)]
            else:
                lines = [
                    question,
                    _(
                        "Nothing is free then for %(length)s.",
                        length=self._fmt_minutes(minutes),
                    ),
                ]
            return self._ask("book", self._say(*lines), slots, want="time")
        target = targets[:1]
        if not named:
            # a kind of space: the first one free at that time
            found = self._free_windows(targets, slots, slots.day, minutes, seats)
            starts = {
                space: self._to_utc(slots.day, slots.start, space.location_id.tz)
                for space, _windows in found
            }
            free = [
                space
                for space, windows in found
                if any(
                    a <= starts[space]
                    and starts[space] + timedelta(minutes=minutes) <= b
                    for a, b in windows
                )
            ]
            if not free:
                return self._say(
                    _("No such space is free then."),
                    _("Free that day:") if found else "",
                    self._windows_lines(found) if found else "",
                )
            target = free[0]
        return self._propose_booking(target, slots, partner, minutes, seats, staff)

    @api.model
    def _propose_booking(self, target, slots, partner, minutes, seats, staff):
        """Check the request as ``_book`` will, then ask for a yes."""
        _ = self.env._
        tz = target.location_id.tz
        start = self._to_utc(slots.day, slots.start, tz)
        stop = start + timedelta(minutes=minutes)
        Booking = (
            self.env["coworking.booking"]
            .sudo()
            .with_context(coworking_booking_staff=staff)
        )
        target_sudo = target.sudo()
        partner_sudo = partner.sudo()
        reasons = Booking._request_refusals(
            target_sudo, start, stop, seats, staff=staff, partner=partner_sudo
        )
        if reasons:
            refusal = Booking._refusal(target_sudo, start, stop, seats, reasons)
            return self._say(
                _("I cannot book %(space)s then:", space=target.name),
                *str(refusal).split("\n"),
            )
        terms = Booking._booking_terms(target_sudo, start, stop, seats, partner_sudo)
        price = format_amount(
            self.env, terms["price"], target_sudo.company_id.currency_id
        )
        if terms.get("pay_now"):
            how = _("to pay online before it is confirmed")
        elif terms.get("membership"):
            how = _("billed with the membership")
        else:
            how = _("billed later")
        for_whom = (
            ""
            if partner == self.env.user.partner_id
            else " " + _("for %(name)s", name=partner.name)
        )
        question = _(
            "Book %(space)s (%(location)s) on %(when)s for %(people)s "
            "person(s)%(for_whom)s? Price: %(price)s, %(how)s.",
            space=target.name,
            location=target.location_id.name,
            when=self._fmt_when(start, stop, tz),
            people=seats,
            for_whom=for_whom,
            price=price,
            how=how,
        )
        return self._ask_confirmation(
            "book",
            self._say(question),
            {
                "model": target._name,
                "target_id": target.id,
                "start": fields.Datetime.to_string(start),
                "stop": fields.Datetime.to_string(stop),
                "seats": seats,
                "partner_id": partner.id,
            },
        )

    @api.model
    def _confirm_book(self, payload):
        _ = self.env._
        model = payload.get("model")
        if model not in ("coworking.space", "coworking.equipment"):
            return self._say(_("That request is no longer valid."))
        target = self.env[model].browse(payload.get("target_id")).exists()
        partner = self.env["res.partner"].browse(payload.get("partner_id")).exists()
        if not target or not partner:
            return self._say(_("That request is no longer valid."))
        start = fields.Datetime.to_datetime(payload["start"])
        stop = fields.Datetime.to_datetime(payload["stop"])
        try:
            with self.env.cr.savepoint():
                booking = self.env["coworking.booking"]._book(
                    target.with_env(self.env),
                    start,
                    stop,
                    partner,
                    seats=int(payload.get("seats") or 1),
                    note=_("Booked through the assistant"),
                )
        except REFUSALS as error:
            self.env.invalidate_all()
            return self._say(_("I could not book it:"), *str(error).split("\n"))
        booking_sudo = booking.sudo()
        when = self._fmt_when(booking_sudo.start, booking_sudo.stop, booking_sudo.tz)
        if booking_sudo.state == "held":
            return self._say(
                _(
                    "Booking %(name)s is held for you: %(space)s, %(when)s. Pay it "
                    "online before %(until)s to confirm it:",
                    name=booking_sudo.name,
                    space=booking_sudo.space_id.name or booking_sudo.equipment_id.name,
                    when=when,
                    until=self._fmt_time(booking_sudo.hold_until, booking_sudo.tz),
                ),
                self._portal_link(booking_sudo.get_portal_url(), _("pay online")),
            )
        return self._say(
            _(
                "Done: booking %(name)s is confirmed, %(space)s, %(when)s.",
                name=booking_sudo.name,
                space=booking_sudo.space_id.name or booking_sudo.equipment_id.name,
                when=when,
            )
        )

    # ------------------------------------------------------------------
    # Cancelling
    # ------------------------------------------------------------------

    @api.model
    def _cancellable_domain(self, slots, partner):
        now = fields.Datetime.now()
        domain = [
            ("parent_id", "=", False),
            ("state", "in", CANCELLABLE_STATES),
            ("stop", ">", now),
        ]
        if partner:
            domain.append(("partner_id", "child_of", partner.commercial_partner_id.id))
        if slots.reference:
            domain.append(("name", "=ilike", slots.reference))
        if slots.day:
            day_from, day_to = self._day_bounds_utc(slots.day, self._tz())
            domain += [("start", ">=", day_from), ("start", "<", day_to)]
        return domain

    @api.model
    def _intent_cancel(self, slots, payload=None):
        _ = self.env._
        staff = self._is_staff()
        payload = payload or {}
        Booking = self.env["coworking.booking"]
        choices = payload.get("choices") or []
        if choices and slots.choice:
            if not 1 <= slots.choice <= len(choices):
                return self._ask(
                    "cancel",
                    self._say(_("Answer with a number from the list.")),
                    slots,
                    want="choice",
                    choices=choices,
                )
            return self._propose_cancel(
                Booking.browse(choices[slots.choice - 1]), staff
            )
        partner, reply, other = self._customer_asked(
            slots,
            "cancel",
            lambda name: _(
                "I can only cancel your own bookings, not those of %(name)s. "
                "Please ask the front desk.",
                name=name,
            ),
        )
        if reply:
            return reply
        if staff and slots.reference and not other:
            partner = None  # staff cancel any booking of their companies
        domain = self._cancellable_domain(slots, partner)
        spaces, named = self._spaces_named(slots)
        if named:
            domain.append(("space_id", "in", spaces.ids))
        try:
            bookings = Booking.search(domain, order="start", limit=MAX_CHOICES + 1)
        except AccessError:
            bookings = Booking
        if not bookings:
            if slots.reference:
                return self._say(
                    _(
                        "I found no booking %(reference)s of yours that can still "
                        "be cancelled.",
                        reference=slots.reference,
                    )
                )
            return self._say(_("I found no upcoming booking of yours matching that."))
        if len(bookings) > 1:
            bookings = bookings[:MAX_CHOICES]
            lines = [
                f"{index}. {self._booking_label(booking)}"
                for index, booking in enumerate(bookings, start=1)
            ]
            return self._ask(
                "cancel",
                self._say(
                    _("Which booking should I cancel? Answer with its number."),
                    Markup("<br/>").join(lines),
                ),
                slots,
                want="choice",
                choices=bookings.ids,
            )
        return self._propose_cancel(bookings, staff)

    @api.model
    def _booking_label(self, booking):
        booking_sudo = booking.sudo()
        target = booking_sudo.space_id or booking_sudo.equipment_id
        when = self._fmt_when(booking_sudo.start, booking_sudo.stop, booking_sudo.tz)
        return f"{booking_sudo.name} – {target.name}, {when}"

    @api.model
    def _may_cancel(self, booking, staff):
        """Whether the person asking may cancel ``booking``: staff any of
        their companies', customers their own."""
        visible = self.env["coworking.booking"].search_count([("id", "=", booking.id)])
        if not visible:
            return False
        if staff:
            return True
        own = self.env.user.partner_id.commercial_partner_id
        return booking.sudo().partner_id.commercial_partner_id == own

    @api.model
    def _propose_cancel(self, booking, staff):
        _ = self.env._
        booking = booking.exists()
        if not booking or not self._may_cancel(booking, staff):
            return self._say(_("I found no upcoming booking of yours matching that."))
        booking_sudo = booking.sudo()
        if booking_sudo.state not in CANCELLABLE_STATES:
            return self._say(
                _(
                    "Booking %(name)s can no longer be cancelled.",
                    name=booking_sudo.name,
                )
            )
        fee = booking_sudo._get_cancel_fee()
        if fee:
            terms = _(
                "A late cancellation fee of %(fee)s applies.",
                fee=format_amount(self.env, fee, booking_sudo.currency_id),
            )
        else:
            terms = _("It is free of charge.")
        return self._ask_confirmation(
            "cancel",
            self._say(
                _("Cancel %(booking)s?", booking=self._booking_label(booking)), terms
            ),
            {"booking_id": booking.id},
        )

    @api.model
    def _confirm_cancel(self, payload):
        _ = self.env._
        staff = self._is_staff()
        booking = (
            self.env["coworking.booking"].browse(payload.get("booking_id")).exists()
        )
        if not booking or not self._may_cancel(booking, staff):
            return self._say(_("That request is no longer valid."))
        reason = _("Cancelled through the assistant")
        if staff:
            acting = booking.with_env(self.env)
        else:
            # the customer's rules, as the portal applies them
            acting = booking.sudo().with_context(coworking_booking_staff=False)
        try:
            with self.env.cr.savepoint():
                acting._action_cancel_with_policy(reason)
        except REFUSALS as error:
            self.env.invalidate_all()
            return self._say(_("I could not cancel it:"), *str(error).split("\n"))
        booking_sudo = booking.sudo()
        if booking_sudo.cancel_fee:
            fee = _(
                "A late cancellation fee of %(fee)s is charged.",
                fee=format_amount(
                    self.env, booking_sudo.cancel_fee, booking_sudo.currency_id
                ),
            )
        else:
            fee = _("It was free of charge.")
        return self._say(
            _("Booking %(name)s is cancelled.", name=booking_sudo.name), fee
        )
