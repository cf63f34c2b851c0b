# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks (issue 12):
# pylint: disable=consider-merging-classes-inherited
"""Booking from the website, the portal and the API: one request checked
against every rule, refused with the reasons and suggestions, or booked."""

from contextlib import contextmanager

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import format_datetime

from ..exceptions import BookingRefused
from ..tools import slots as slot_tools
from .coworking_booking import REQUEST_MEMO


class CoworkingBooking(models.Model):
    """Requests for bookings: rules, refusals, suggestions and ``_book``."""

    _inherit = "coworking.booking"

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
        reasons = target._input_refusals(start, stop, seats)
        if reasons:
            raise Booking._refusal(target, start, stop, seats, reasons)
        with Booking._request_memo():
            # so is one that breaks a rule or meets another booking; ``create``
            # does not check this request a second time
            Booking._release_expired_holds(target.resource_id)
            reasons = Booking._request_refusals(
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
            prechecked = Booking._request_memo_dict().setdefault("prechecked", set())
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
    def _request_refusals(
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
        (e.g. what a membership gives access to, see ``_rule_refusals`` of
        ``coworking.resource.mixin``).
        """
        reasons = target._input_refusals(start, stop, seats)
        if reasons:
            return reasons
        reasons = target._rule_refusals(start, stop, seats, staff, now, partner=partner)
        if any(code in ("too_long", "too_many_people") for code, _m in reasons):
            return reasons
        return reasons + target._availability_refusals(
            start, stop, seats, ignore, refused=bool(reasons)
        )

    @api.model
    def _refusal(self, target, start, stop, seats, reasons, booking=None):
        """The ``BookingRefused`` of a request, with its suggestions."""
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

    @api.model
    def _get_free_slots(
        self, targets, date_from, date_to, duration, seats=1, staff=None, now=None
    ):
        """Free slots of ``targets``: see ``_get_free_slots`` of
        ``coworking.resource.mixin``; ``staff`` defaults to the caller's."""
        staff = self._is_staff() if staff is None else staff
        return targets._get_free_slots(
            date_from, date_to, duration, seats, staff=staff, now=now
        )

    @api.model
    def _suggest(self, target, start, stop, seats=1, limit=3):
        """Suggestions around a refused time, as the caller may see them: see
        ``_suggest`` of ``coworking.resource.mixin``."""
        candidates = target.with_env(self.env)._suggest_candidates(seats)
        return target._suggest(
            start, stop, seats, limit, staff=self._is_staff(), candidates=candidates
        )

    @api.model
    def _request_memo_dict(self):
        """The memo of the request ``_book`` is serving, or None."""
        return self.env.cr.cache.get(REQUEST_MEMO)

    @contextmanager
    def _request_memo(self):
        """What ``_book`` reads several times while serving one request is
        read once: prices, the checked request, opening hours, memberships.
        Nothing is kept past the request."""
        cache = self.env.cr.cache
        if REQUEST_MEMO in cache:
            yield
            return
        cache[REQUEST_MEMO] = {}
        try:
            yield
        finally:
            cache.pop(REQUEST_MEMO, None)
