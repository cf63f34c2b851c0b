# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import datetime, time, timedelta
from urllib.parse import urlencode

import pytz
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import content_disposition, request
from odoo.tools import format_date, format_datetime

from odoo.addons.coworking_base.tools import bounds
from odoo.addons.portal.controllers import portal
from odoo.addons.sale.controllers.portal import CustomerPortal as SaleCustomerPortal

ACTIVE_STATES = ("held", "confirmed", "checked_in")
CHANGEABLE_STATES = ("held", "confirmed")
STATE_BADGES = {
    "held": "text-bg-warning",
    "confirmed": "text-bg-success",
    "checked_in": "text-bg-info",
    "done": "text-bg-secondary",
    "cancelled": "text-bg-danger",
    "no_show": "text-bg-dark",
}
PAYMENT_BADGES = {
    "none": "text-bg-light",
    "to_pay": "text-bg-warning",
    "paid": "text-bg-success",
    "to_invoice": "text-bg-info",
}


class CoworkingBookingPortal(SaleCustomerPortal):
    """The member's bookings in the customer portal: list, detail, calendar
    file, receipt, cancellation and rescheduling under the location's policy."""

    # ------------------------------------------------------------------
    # Home and list
    # ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        """The number of bookings on the portal's home page."""
        values = super()._prepare_home_portal_values(counters)
        if "booking_count" in counters:
            Booking = request.env["coworking.booking"]
            values["booking_count"] = (
                Booking.search_count(self._prepare_bookings_domain())
                if Booking.has_access("read")
                else 0
            )
        return values

    def _prepare_bookings_domain(self):
        """The bookings of the user's company; the record rules narrow it to
        what the user may read (for a portal user: their own bookings).
        Equipment added to a room is shown with the room."""
        partner = request.env.user.partner_id
        return [
            ("partner_id", "child_of", partner.commercial_partner_id.id),
            ("parent_id", "=", False),
        ]

    def _get_bookings_searchbar_sortings(self):
        """Sortings of the bookings list."""
        _ = request.env._
        return {
            "date": {"label": _("Date"), "order": "start desc, id desc"},
            "reference": {"label": _("Reference"), "order": "name desc, id desc"},
            "state": {"label": _("Status"), "order": "state, start desc, id desc"},
        }

    def _get_bookings_searchbar_filters(self):
        """Filters of the bookings list."""
        _ = request.env._
        now = fields.Datetime.now()
        return {
            "upcoming": {
                "label": _("Upcoming"),
                "domain": [("stop", ">=", now), ("state", "in", ACTIVE_STATES)],
            },
            "past": {
                "label": _("Past"),
                "domain": [("stop", "<", now), ("state", "!=", "cancelled")],
            },
            "cancelled": {
                "label": _("Cancelled"),
                "domain": [("state", "=", "cancelled")],
            },
            "all": {"label": _("All"), "domain": []},
        }

    def _prepare_bookings_portal_rendering_values(
        self, page=1, sortby=None, filterby=None, **kwargs
    ):
        """Values of the bookings list page."""
        Booking = request.env["coworking.booking"]
        values = self._prepare_portal_layout_values()
        searchbar_sortings = self._get_bookings_searchbar_sortings()
        searchbar_filters = self._get_bookings_searchbar_filters()
        if sortby not in searchbar_sortings:
            sortby = "date"
        if filterby not in searchbar_filters:
            filterby = "upcoming"
        order = searchbar_sortings[sortby]["order"]
        if sortby == "date" and filterby == "upcoming":
            order = "start asc, id asc"  # the next booking first
        domain = self._prepare_bookings_domain() + searchbar_filters[filterby]["domain"]
        has_access = Booking.has_access("read")
        count = Booking.search_count(domain) if has_access else 0
        pager = portal.pager(
            url="/my/bookings",
            url_args={"sortby": sortby, "filterby": filterby},
            total=count,
            page=page,
            step=self._items_per_page,
        )
        bookings = (
            Booking.search(
                domain, order=order, limit=self._items_per_page, offset=pager["offset"]
            )
            if count
            else Booking
        )
        values.update(
            {
                # read through sudo to show the space and location names
                "bookings": bookings.sudo(),
                "page_name": "coworking_bookings",
                "pager": pager,
                "default_url": "/my/bookings",
                "searchbar_sortings": searchbar_sortings,
                "sortby": sortby,
                "searchbar_filters": searchbar_filters,
                "filterby": filterby,
                "state_badges": STATE_BADGES,
            }
        )
        return values

    @http.route(
        ["/my/bookings", "/my/bookings/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_bookings(self, **kwargs):
        """The customer's bookings in the portal, sorted and filtered."""
        values = self._prepare_bookings_portal_rendering_values(**kwargs)
        request.session["my_bookings_history"] = values["bookings"].ids[:100]
        return request.render("coworking_booking.portal_my_bookings", values)

    # ------------------------------------------------------------------
    # One booking
    # ------------------------------------------------------------------

    def _booking_check_access(self, booking_id, access_token=None):
        """The booking as superuser once the user may read it or holds its
        token; ``None`` otherwise."""
        try:
            return self._document_check_access(
                "coworking.booking", booking_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return None

    def _booking_denied(self, booking_id):
        """Visitors are asked to log in; a logged-in user who may not see the
        booking gets a 404 that does not tell whether it exists."""
        if request.env.user._is_public():
            query = urlencode({"redirect": f"/my/bookings/{booking_id}"})
            return request.redirect(f"/web/login?{query}")
        raise NotFound()

    def _booking_for_action(self, booking_sudo):
        """The booking to change on the customer's behalf: superuser rights,
        the current user as author, and the customer's rules (not staff's)."""
        return (
            request.env["coworking.booking"]
            .browse(booking_sudo.id)
            .sudo()
            .with_context(coworking_booking_staff=False)
        )

    def _booking_redirect(self, booking_sudo, anchor=None, **params):
        """Back to the booking's page, with a message."""
        params = {key: value for key, value in params.items() if value}
        query = f"&{urlencode(params)}" if params else None
        return request.redirect(
            booking_sudo.get_portal_url(query_string=query, anchor=anchor)
        )

    @staticmethod
    def _local_datetime(booking, value):
        """A naive UTC datetime in the booking's timezone."""
        tz = pytz.timezone(booking.tz or "UTC")
        return pytz.utc.localize(value).astimezone(tz)

    def _format_local(self, booking, value, pattern):
        """A naive UTC datetime formatted in the booking's timezone."""
        return format_datetime(request.env, value, tz=booking.tz, dt_format=pattern)

    def _format_duration(self, delta):
        """A timedelta, as people read it."""
        minutes = int(delta.total_seconds() // 60)
        hours, minutes = divmod(minutes, 60)
        if not minutes:
            return request.env._("%(hours)s h", hours=hours)
        if not hours:
            return request.env._("%(minutes)s min", minutes=minutes)
        return request.env._("%(hours)s h %(minutes)02d", hours=hours, minutes=minutes)

    def _booking_success_messages(self):
        """The messages shown after a change, by code."""
        _ = request.env._
        return {
            "booked": _("Your booking is confirmed."),
            "moved": _("Your booking has been moved."),
            "cancelled": _("Your booking has been cancelled."),
        }

    def _prepare_reschedule_values(self, booking_sudo, reschedule_date=None):
        """Free times of the chosen day (the booking's day by default) for a
        booking of the same length, under the rules for customers."""
        target = booking_sudo._target()
        duration = booking_sudo.stop - booking_sudo.start
        tz = pytz.timezone(booking_sudo.tz or "UTC")
        now_local = pytz.utc.localize(fields.Datetime.now()).astimezone(tz)
        day = bounds.to_day(reschedule_date)
        day = day or self._local_datetime(booking_sudo, booking_sudo.start).date()
        day_start = tz.localize(datetime.combine(day, time.min))
        day_stop = tz.localize(datetime.combine(day + timedelta(days=1), time.min))
        slots = (
            booking_sudo.with_context(coworking_booking_staff=False)
            ._get_free_slots(
                target,
                day_start,
                day_stop,
                duration,
                seats=booking_sudo.seats,
                staff=False,
            )
            .get(target, [])
        )
        pooled = booking_sudo.booking_mode == "pooled"
        choices = []
        for start, stop, left in slots:
            local = self._local_datetime(booking_sudo, start)
            choices.append(
                {
                    "date": local.date().isoformat(),
                    "start_time": local.strftime("%H:%M"),
                    "label": "{} – {}".format(
                        self._format_local(booking_sudo, start, "HH:mm"),
                        self._format_local(booking_sudo, stop, "HH:mm"),
                    ),
                    "seats_left": left if pooled else None,
                }
            )
        return {
            "reschedule_date": day,
            "reschedule_day_label": format_date(
                request.env, day, date_format="EEEE d MMMM y"
            ),
            "reschedule_slots": choices,
            "reschedule_min_date": now_local.date().isoformat(),
            "reschedule_max_date": (
                now_local + timedelta(days=target.booking_horizon_days)
            )
            .date()
            .isoformat(),
        }

    def _prepare_booking_page_values(self, booking_sudo, access_token, **kwargs):
        """Values of a booking's page."""
        now = fields.Datetime.now()
        if booking_sudo.state == "held" and booking_sudo.hold_until < now:
            # a hold that ran out is let go before it is shown: its page
            # offers no payment the server would refuse
            booking_sudo._release_expired_holds(booking_sudo.resource_id)
        deadline = booking_sudo._free_change_deadline()
        changeable = (
            booking_sudo.state in CHANGEABLE_STATES and not booking_sudo.parent_id
        )
        success = self._booking_success_messages().get(kwargs.get("success"))
        equipment = booking_sudo.child_ids
        if booking_sudo.state != "cancelled":
            equipment = equipment.filtered(lambda child: child.state != "cancelled")
        values = {
            "booking": booking_sudo,
            "target": booking_sudo._target(),
            "page_name": "coworking_booking",
            "report_type": "html",
            "state_badges": STATE_BADGES,
            "payment_badges": PAYMENT_BADGES,
            "total_price": booking_sudo.price + sum(equipment.mapped("price")),
            "duration_label": self._format_duration(
                booking_sudo.stop - booking_sudo.start
            ),
            "stop_same_day": self._local_datetime(
                booking_sudo, booking_sudo.start
            ).date()
            == self._local_datetime(booking_sudo, booking_sudo.stop).date(),
            "pay_url": booking_sudo.payment_state == "to_pay"
            and booking_sudo.sale_order_id.get_portal_url(),
            "can_cancel": changeable,
            "cancel_fee": booking_sudo._get_cancel_fee() if changeable else 0.0,
            "free_until": self._format_local(
                booking_sudo, deadline, "EEE d MMM y, HH:mm"
            ),
            "can_reschedule": changeable and now <= deadline,
            "reschedule_closed": changeable and now > deadline,
            "success_message": success,
            "error_scope": kwargs.get("scope"),
            "res_company": booking_sudo.company_id,
        }
        order_sudo = booking_sudo.sale_order_id.sudo()
        if booking_sudo.state == "held" and order_sudo and order_sudo._has_to_be_paid():
            values.update(self._prepare_booking_payment_values(booking_sudo))
            values["pay_url"] = "#booking_payment"
        if values["can_reschedule"]:
            values.update(
                self._prepare_reschedule_values(
                    booking_sudo, kwargs.get("reschedule_date")
                )
            )
        return self._get_page_view_values(
            booking_sudo,
            access_token,
            values,
            "my_bookings_history",
            False,
            **kwargs,
        )

    def _prepare_booking_payment_values(self, booking_sudo):
        """Odoo's payment form for the booking's quotation, on the booking
        page: the transaction is the quotation's (same route, same
        confirmation), and the customer lands back on the booking."""
        order_sudo = booking_sudo.sale_order_id.sudo()
        values = self._get_payment_values(order_sudo)
        values.update(
            {
                # the page's own forms use the booking's token
                "payment_access_token": values.pop("access_token"),
                "booking_order": order_sudo,
                "show_payment_form": True,
                "landing_route": booking_sudo.get_portal_url(),
            }
        )
        return values

    @http.route(
        ["/my/bookings/<int:booking_id>"], type="http", auth="public", website=True
    )
    def portal_my_booking(
        self, booking_id, access_token=None, report_type=None, **kwargs
    ):
        """One booking in the portal: details, payment, cancel and move."""
        booking_sudo = self._booking_check_access(booking_id, access_token)
        if not booking_sudo:
            return self._booking_denied(booking_id)
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=booking_sudo,
                report_type=report_type,
                report_ref="coworking_booking.action_report_booking_receipt",
            )
        values = self._prepare_booking_page_values(booking_sudo, access_token, **kwargs)
        return request.render("coworking_booking.portal_booking_page", values)

    @http.route(
        ["/my/bookings/<int:booking_id>/ics"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_booking_ics(self, booking_id, access_token=None, **kwargs):
        """The booking as an iCalendar file."""
        booking_sudo = self._booking_check_access(booking_id, access_token)
        if not booking_sudo:
            return self._booking_denied(booking_id)
        content = booking_sudo._get_ics()
        reference = re.sub(r"\W+", "_", booking_sudo.name).strip("_")
        filename = f"{reference}.ics"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    @http.route(
        ["/my/bookings/<int:booking_id>/cancel"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_my_booking_cancel(
        self, booking_id, access_token=None, reason=None, **kwargs
    ):
        """Cancel a booking from the portal, under the location's policy."""
        booking_sudo = self._booking_check_access(booking_id, access_token)
        if not booking_sudo:
            return self._booking_denied(booking_id)
        booking = self._booking_for_action(booking_sudo)
        try:
            # all or nothing: an error leaves the booking as it was
            with request.env.cr.savepoint():
                booking._action_cancel_with_policy((reason or "").strip()[:200])
        except (UserError, ValidationError) as error:
            return self._booking_redirect(booking_sudo, error=str(error))
        return self._booking_redirect(booking_sudo, success="cancelled")

    @http.route(
        ["/my/bookings/<int:booking_id>/reschedule"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_my_booking_reschedule(
        self, booking_id, access_token=None, date=None, start_time=None, **kwargs
    ):
        """Move a booking from the portal to a free time."""
        booking_sudo = self._booking_check_access(booking_id, access_token)
        if not booking_sudo:
            return self._booking_denied(booking_id)
        booking = self._booking_for_action(booking_sudo)
        try:
            start = self._parse_local_start(booking, date, start_time)
            with request.env.cr.savepoint():
                booking._action_reschedule(start)
        except (UserError, ValidationError) as error:
            return self._booking_redirect(
                booking_sudo,
                anchor="reschedule",
                error=str(error),
                scope="reschedule",
                reschedule_date=date,
            )
        return self._booking_redirect(booking_sudo, success="moved")

    def _parse_local_start(self, booking, date, hour):
        """Naive UTC start from a day and a time in the location's timezone."""
        try:
            local = datetime.combine(
                bounds.to_day(date), datetime.strptime(hour, "%H:%M").time()
            )
        except (TypeError, ValueError):
            raise UserError(
                request.env._("Pick a day and a start time to move the booking.")
            ) from None
        tz = pytz.timezone(booking.tz or "UTC")
        return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
