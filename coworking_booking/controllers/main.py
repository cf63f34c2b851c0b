# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from werkzeug.exceptions import NotFound

from odoo import fields, http, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import format_date, format_datetime

from odoo.addons.coworking_base.tools import bounds

from ..exceptions import BookingRefused

# Lengths offered on the public page, in minutes, within each space's rules.
DURATION_CHOICES = (30, 60, 90, 120, 180, 240, 300, 360, 480, 600, 720)
# Days shown in the day strip of a space page.
DAY_STRIP = 14
CONTACT_LIMITS = {"name": 120, "email": 120, "phone": 40, "company": 120}


class CoworkingWebsite(http.Controller):
    """Public pages: the spaces of each location, and a space page where a
    visitor picks a free time, gives contact details and books (and pays
    through the quotation's portal payment form when not a member)."""

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _published_spaces_domain(self):
        """Spaces offered on the website."""
        return [
            ("website_published", "=", True),
            ("is_bookable", "=", True),
            ("company_id", "=", request.website.company_id.id),
            ("location_id.active", "=", True),
        ]

    def _space_for_website(self, space):
        """The space as superuser when this website offers it; staff who can
        publish also see unpublished spaces. 404 otherwise."""
        Space = request.env["coworking.space"].sudo()
        domain = [("id", "=", space.id)] + self._published_spaces_domain()
        space_sudo = Space.search(domain)
        if not space_sudo and request.env.user.has_group(
            "coworking_base.group_coworking_user"
        ):
            space_sudo = Space.search(
                [
                    ("id", "=", space.id),
                    ("company_id", "=", request.website.company_id.id),
                ]
            )
        if not space_sudo:
            raise NotFound()
        return space_sudo

    def _customer(self):
        """The partner who books: the logged-in user's, nothing for visitors."""
        user = request.env.user
        return request.env["res.partner"] if user._is_public() else user.partner_id

    @staticmethod
    def _duration_label(minutes):
        """A duration in minutes, as people read it."""
        hours, rest = divmod(int(minutes), 60)
        _ = request.env._
        if not hours:
            return _("%(minutes)s min", minutes=rest)
        if not rest:
            return _("%(hours)s h", hours=hours)
        return _("%(hours)s h %(minutes)02d", hours=hours, minutes=rest)

    def _duration_choices(self, space):
        """The lengths offered for a space, in minutes."""
        step = space.booking_slot_minutes
        choices = {space.booking_min_minutes}
        choices.update(
            minutes
            for minutes in DURATION_CHOICES
            if space.booking_min_minutes <= minutes <= space.booking_max_minutes
            and not minutes % step
        )
        return sorted(choices)

    @staticmethod
    def _to_int(value, default=None):
        """An integer from a form value, else ``default``."""
        try:
            return int(value)
        except (TypeError, ValueError):
            return default

    def _local_today(self, tz):
        """Today in the timezone ``tz``."""
        return pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()

    # ------------------------------------------------------------------
    # Spaces
    # ------------------------------------------------------------------

    @http.route(["/coworking"], type="http", auth="public", website=True, sitemap=True)
    def coworking_spaces(self, location=None, kind=None, people=None, **kwargs):
        """The public list of spaces, by location, kind and number of people."""
        Space = request.env["coworking.space"].sudo()
        base_domain = self._published_spaces_domain()
        all_spaces = Space.search(base_domain)
        domain = list(base_domain)
        location_id = self._to_int(location)
        if location_id:
            domain.append(("location_id", "=", location_id))
        kinds = dict(Space._fields["kind"]._description_selection(request.env))
        if kind in kinds:
            domain.append(("kind", "=", kind))
        else:
            kind = None
        people = self._to_int(people)
        if people and people > 0:
            domain.append(("capacity", ">=", people))
        else:
            people = None
        spaces = Space.search(domain)
        partner = self._customer()
        by_location = defaultdict(list)
        summaries = spaces._get_rate_summaries(partner=partner or None)
        for space in spaces:
            rates = summaries[space]
            by_location[space.location_id].append(
                {"space": space, "from_rate": rates[0] if rates else None}
            )
        values = {
            "locations": all_spaces.location_id,
            "groups": [
                (location, by_location[location])
                for location in spaces.location_id
                if by_location[location]
            ],
            "kinds": [(key, label) for key, label in kinds.items()],
            "kinds_offered": set(all_spaces.mapped("kind")),
            "kind": kind,
            "location_id": location_id,
            "people": people,
            "kind_labels": kinds,
            "duration_label": self._duration_label,
        }
        return request.render("coworking_booking.website_spaces", values)

    # ------------------------------------------------------------------
    # One space
    # ------------------------------------------------------------------

    def _prepare_space_values(self, space_sudo, date=None, duration=None, seats=None):
        """Values of a space's page: the day strip and the free times of a day."""
        Booking = request.env["coworking.booking"]
        tz = pytz.timezone(space_sudo.location_id.tz)
        partner = self._customer()
        today = self._local_today(tz)
        horizon = today + timedelta(days=space_sudo.booking_horizon_days)
        durations = self._duration_choices(space_sudo)
        duration = self._to_int(duration)
        if duration not in durations:
            duration = 60 if 60 in durations else durations[0]
        pooled = space_sudo.booking_mode == "pooled"
        seats = self._to_int(seats, 1)
        seats = min(max(seats, 1), space_sudo.capacity)
        day = bounds.to_day(date)
        if not day or day < today or day > horizon:
            day = None
        length = timedelta(minutes=duration)
        strip_start = tz.localize(datetime.combine(today, time.min))
        strip_stop = tz.localize(
            datetime.combine(today + timedelta(days=DAY_STRIP), time.min)
        )
        staff = Booking._is_staff() and not request.env.user._is_public()
        strip_slots = Booking._get_free_slots(
            space_sudo, strip_start, strip_stop, length, seats=seats, staff=staff
        ).get(space_sudo, [])
        per_day = defaultdict(list)
        for slot in strip_slots:
            local_day = pytz.utc.localize(slot[0]).astimezone(tz).date()
            per_day[local_day].append(slot)
        if day is None:
            # the first day with a free time, today if none
            day = min(per_day) if per_day else today
        if day in per_day or today <= day < today + timedelta(days=DAY_STRIP):
            day_slots = per_day.get(day, [])
        else:
            day_slots = Booking._get_free_slots(
                space_sudo,
                tz.localize(datetime.combine(day, time.min)),
                tz.localize(datetime.combine(day + timedelta(days=1), time.min)),
                length,
                seats=seats,
                staff=staff,
            ).get(space_sudo, [])
        days = []
        for offset in range(DAY_STRIP):
            current = today + timedelta(days=offset)
            days.append(
                {
                    "date": current,
                    "weekday": format_date(request.env, current, date_format="EEE"),
                    "label": format_date(request.env, current, date_format="d MMM"),
                    "free": len(per_day.get(current, [])),
                    "active": current == day,
                }
            )
        slots = [
            {
                "start_time": pytz.utc.localize(start).astimezone(tz).strftime("%H:%M"),
                "label": format_datetime(
                    request.env, start, tz=tz.zone, dt_format="HH:mm"
                ),
                "stop_label": format_datetime(
                    request.env, stop, tz=tz.zone, dt_format="HH:mm"
                ),
                "seats_left": left if pooled else None,
            }
            for start, stop, left in day_slots
        ]
        reference = tz.localize(datetime.combine(day, time(12)))
        ref_start = reference.astimezone(pytz.utc).replace(tzinfo=None)
        ref_stop = (reference + length).astimezone(pytz.utc).replace(tzinfo=None)
        terms = Booking.sudo()._booking_terms(
            space_sudo, ref_start, ref_stop, seats, partner.sudo()
        )
        lines, price = terms["lines"], terms["price"]
        # billed with a membership only when one covers this company and day
        member = bool(terms["membership"])
        equipment = space_sudo.location_id.equipment_ids.filtered(
            lambda item: item.is_bookable and item.active
        )
        equipment_prices = {
            item.id: Booking.sudo()._compute_price_lines(
                item, ref_start, ref_stop, 1, partner or None, terms["pricelist"]
            )[1]
            for item in equipment
        }
        return {
            "space": space_sudo,
            "location": space_sudo.location_id,
            "tz_name": tz.zone,
            "main_object": space_sudo,
            "day": day,
            "day_label": format_date(request.env, day, date_format="EEEE d MMMM y"),
            "days": days,
            "min_date": today.isoformat(),
            "max_date": horizon.isoformat(),
            "slots": slots,
            "durations": [(m, self._duration_label(m)) for m in durations],
            "duration": duration,
            "duration_text": self._duration_label(duration),
            "seats": seats,
            "pooled": pooled,
            "price": price,
            "price_lines": lines,
            "terms": terms,
            "currency": space_sudo.company_id.currency_id,
            "rates": space_sudo._get_rate_summary(partner=partner or None),
            "member": member,
            "partner": partner,
            "equipment": equipment,
            "equipment_prices": equipment_prices,
            "duration_label": self._duration_label,
            "is_public": request.env.user._is_public(),
            "form": {},
            "error": None,
            "suggestions": {},
        }

    @http.route(
        ['/coworking/space/<model("coworking.space"):space>'],
        type="http",
        auth="public",
        website=True,
        sitemap=True,
    )
    def coworking_space(self, space, date=None, duration=None, seats=None, **kwargs):
        """A space's public page: its free times of a day and its rates."""
        space_sudo = self._space_for_website(space)
        values = self._prepare_space_values(space_sudo, date, duration, seats)
        return request.render("coworking_booking.website_space", values)

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------

    def _read_contact(self, post):
        """Contact details of a visitor: ``(contact, errors)``."""
        _ = request.env._
        contact = {
            key: (post.get(key) or "").strip()[:limit]
            for key, limit in CONTACT_LIMITS.items()
        }
        errors = {}
        if not contact["name"]:
            errors["name"] = _("Give your name.")
        if not tools.single_email_re.match(contact["email"]):
            errors["email"] = _("Give a valid email address: the receipt goes there.")
        return contact, errors

    def _guest_partner(self, contact):
        """The contact of a visitor: a guest contact with this email that is
        nobody's account, or a new one. An email of an account (member or
        portal user) must log in: a visitor cannot book in their name."""
        Partner = request.env["res.partner"].sudo()
        email = tools.email_normalize(contact["email"])
        known = Partner.search(
            [("email_normalized", "=", email)], order="id desc", limit=20
        )
        if known.filtered(
            lambda p: p.user_ids
            or p.is_coworking_member
            or p.commercial_partner_id.is_coworking_member
        ):
            raise AccessError(
                request.env._(
                    "This email belongs to an account: sign in to book with it."
                )
            )
        partner = known.filtered(lambda p: p.name == contact["name"])[:1]
        if partner:
            if contact["phone"] and not partner.phone:
                partner.phone = contact["phone"]
            return partner
        return Partner.create(
            {
                "name": contact["name"],
                "email": contact["email"],
                "phone": contact["phone"] or False,
                "company_name": contact["company"] or False,
                "lang": request.lang.code,
            }
        )

    def _parse_start(self, space_sudo, date, start_time, duration):
        """Naive UTC start and stop from a day and a local time of the form."""
        tz = pytz.timezone(space_sudo.location_id.tz)
        day = bounds.to_day(date)
        try:
            local = datetime.combine(
                day, datetime.strptime(start_time or "", "%H:%M").time()
            )
        except (TypeError, ValueError):
            raise UserError(request.env._("Pick a free time to book.")) from None
        start = tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
        return start, start + timedelta(minutes=duration)

    @http.route(
        ["/coworking/space/<int:space_id>/book"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def coworking_space_book(self, space_id, **post):
        """Book a space from its public page (visitors: a held booking to pay)."""
        space = request.env["coworking.space"].browse(space_id)
        space_sudo = self._space_for_website(space)
        Booking = request.env["coworking.booking"]
        durations = self._duration_choices(space_sudo)
        duration = self._to_int(post.get("duration"))
        seats = self._to_int(post.get("seats"), 0)
        form = {
            key: (post.get(key) or "").strip()[:200]
            for key in ("name", "email", "phone", "company", "note", "start_time")
        }
        form["equipment_ids"] = [
            self._to_int(value)
            for value in request.httprequest.form.getlist("equipment_ids")
        ]
        field_errors = {}
        error = None
        suggestions = {}
        booking = None
        try:
            if duration not in durations:
                raise UserError(request.env._("Pick one of the lengths offered."))
            if seats < 1:
                raise UserError(request.env._("Say how many people come."))
            start, stop = self._parse_start(
                space_sudo, post.get("date"), post.get("start_time"), duration
            )
            equipment = space_sudo.location_id.equipment_ids.filtered(
                lambda item: item.id in form["equipment_ids"] and item.is_bookable
            )
            if request.env.user._is_public():
                contact, field_errors = self._read_contact(post)
                if field_errors:
                    raise UserError(
                        request.env._("Some of your details are missing or wrong.")
                    )
            else:
                partner = request.env.user.partner_id
                contact = {
                    "name": partner.name,
                    "email": partner.email,
                    "phone": partner.phone,
                }
            # all or nothing: a refusal leaves no partner, booking or order
            with request.env.cr.savepoint():
                partner = (
                    self._guest_partner(contact)
                    if request.env.user._is_public()
                    else request.env.user.partner_id
                )
                booking = Booking._book(
                    space_sudo.with_env(request.env),
                    start,
                    stop,
                    partner,
                    seats=seats,
                    equipment=equipment,
                    contact=contact,
                    note=form["note"] or None,
                )
        except BookingRefused as refusal:
            error = str(refusal)
            suggestions = refusal.suggestions
        except (UserError, ValidationError, AccessError) as exc:
            error = str(exc)
        if booking:
            booking_sudo = booking.sudo()
            query = "&success=booked" if booking_sudo.state == "confirmed" else None
            return request.redirect(booking_sudo.get_portal_url(query_string=query))
        values = self._prepare_space_values(
            space_sudo, post.get("date"), duration, seats or 1
        )
        values.update(
            {
                "form": form,
                "error": error,
                "field_errors": field_errors,
                "suggestions": self._suggestion_values(space_sudo, suggestions),
            }
        )
        return request.render("coworking_booking.website_space", values)

    def _suggestion_values(self, space_sudo, suggestions):
        """The suggestions of a refusal, as the page shows them."""
        tz = space_sudo.location_id.tz
        slots = [
            {
                "date": pytz.utc.localize(start)
                .astimezone(pytz.timezone(tz))
                .date()
                .isoformat(),
                "label": format_datetime(
                    request.env, start, tz=tz, dt_format="EEE d MMM, HH:mm"
                ),
            }
            for start, _stop, _left in suggestions.get("slots", [])
        ]
        published = (
            request.env["coworking.space"]
            .sudo()
            .search(
                [("id", "in", [s.id for s in suggestions.get("spaces", [])])]
                + self._published_spaces_domain()
            )
        )
        return {"slots": slots, "spaces": published}
