# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The public screens of the queue: the kiosk where visitors take a ticket,
the display screen of a location, and the visitor's ticket page.

The kiosk is a series of pages (service, ticket type, confirmation, the
ticket), so that it works on any browser and each step is a plain URL.
The confirmation form carries a key drawn when it is shown: sending it twice
(a double tap, a retried request) gives the same ticket. A member who scans
their personal QR code gets a short-lived signed pass carried by the next
steps' links, never a session that a next visitor could inherit.
"""

import base64
import re
import time
import uuid
from collections import defaultdict
from urllib.parse import urlencode

import babel.dates
import psycopg2.errors
import qrcode
import qrcode.image.svg
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request
from odoo.tools import consteq
from odoo.tools.mail import single_email_re
from odoo.tools.misc import babel_locale_parse, hmac

from ..exceptions import QueueRefused

# how long a member's scan counts at the kiosk, in seconds
MEMBER_PASS_SECONDS = 300
# the kiosk shows a ticket this long, then goes back to its start
KIOSK_TICKET_SECONDS = 20
# a kiosk left in the middle of a step goes back to its start after this
KIOSK_IDLE_SECONDS = 90
# fallback refreshes when the bus is silent, in seconds
TICKET_POLL_SECONDS = 30
DISPLAY_POLL_SECONDS = 60
# ticket types a visitor may choose at the kiosk (appointments come from
# bookings, never from a button)
KIOSK_TYPES = ("normal", "express", "vip")
# states in which a visitor may still cancel their ticket
CANCELLABLE_STATES = ("waiting", "called")
NONCE_RE = re.compile(r"^[A-Za-z0-9-]{8,64}$")
NONCE_CONSTRAINT = "coworking_queue_ticket_nonce_uniq"
TOKEN_MAX_LENGTH = 512
EMAIL_MAX_LENGTH = 254
# transfers followed from a ticket to the one the visitor holds now
MAX_TRANSFERS = 20


class QueueWebsite(http.Controller):
    # ------------------------------------------------------------------
    # Records from the URL
    # ------------------------------------------------------------------

    def _location(self, location_id):
        """The active location of this website's company, as superuser; 404
        otherwise."""
        location = request.env["coworking.location"].sudo().browse(location_id).exists()
        if (
            not location
            or not location.active
            or location.company_id != request.website.company_id
        ):
            raise NotFound()
        return location

    def _queue(self, location, queue_id):
        """An active service of ``location``; 404 otherwise."""
        queue = location.queue_ids.filtered(lambda q: q.id == queue_id)
        if not queue:
            raise NotFound()
        return queue

    def _ticket(self, ticket_id, access_token):
        """The ticket as superuser when the token is its own or the user may
        read it (staff); 404 otherwise, never a 500 or an access error."""
        ticket = request.env["coworking.queue.ticket"].browse(ticket_id)
        ticket_sudo = ticket.sudo().exists()
        if not ticket_sudo:
            raise NotFound()
        if (
            isinstance(access_token, str)
            and len(access_token) <= TOKEN_MAX_LENGTH
            and ticket_sudo.access_token
            and consteq(ticket_sudo.access_token, access_token)
        ):
            return ticket_sudo
        try:
            ticket.check_access("read")
        except AccessError:
            raise NotFound() from None
        return ticket_sudo

    @staticmethod
    def _current_ticket(ticket):
        """The ticket the visitor holds now: a transferred ticket's page
        follows the visitor to the service they were sent to."""
        for _hop in range(MAX_TRANSFERS):
            if not ticket.transferred_to_id:
                break
            ticket = ticket.transferred_to_id
        return ticket

    # ------------------------------------------------------------------
    # Members
    # ------------------------------------------------------------------

    @staticmethod
    def _member_signature(location, partner_id, expiry):
        return hmac(
            request.env(su=True),
            "coworking_queue.kiosk_member",
            f"{location.id}:{partner_id}:{expiry}",
        )

    def _member_pass(self, location, partner):
        """A pass carried by the kiosk's links once a member has scanned
        their QR code: the partner, an expiry, and a signature."""
        expiry = int(time.time()) + MEMBER_PASS_SECONDS
        signature = self._member_signature(location, partner.id, expiry)
        return f"{partner.id}.{expiry}.{signature}"

    def _member(self, location, member_pass):
        """The partner of a valid, unexpired pass for this location, else an
        empty recordset."""
        Partner = request.env["res.partner"].sudo()
        if not isinstance(member_pass, str) or len(member_pass) > TOKEN_MAX_LENGTH:
            return Partner
        try:
            partner_id, expiry, signature = member_pass.split(".")
            partner_id, expiry = int(partner_id), int(expiry)
        except ValueError:
            return Partner
        if expiry < time.time() or not consteq(
            self._member_signature(location, partner_id, expiry), signature
        ):
            return Partner
        return Partner.browse(partner_id).exists().filtered("active")

    # ------------------------------------------------------------------
    # What the screens show
    # ------------------------------------------------------------------

    @staticmethod
    def _hours_label(hours):
        hour, minute = divmod(round(hours * 60), 60)
        return f"{hour:02d}:{minute:02d}"

    def _opening_hours(self, queue):
        """The weekly opening hours of a service, as lines of
        ``(days, hours)``: ``("Mon–Fri", "08:00–12:00, 14:00–18:00")``."""
        by_day = defaultdict(set)
        for attendance in queue._opening_calendar().attendance_ids:
            if attendance.display_type:
                continue
            by_day[int(attendance.dayofweek)].add(
                (attendance.hour_from, attendance.hour_to)
            )
        days = {}
        for day, intervals in by_day.items():
            merged = []
            for start, stop in sorted(intervals):
                if merged and start <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], stop)
                else:
                    merged.append([start, stop])
            days[day] = ", ".join(
                f"{self._hours_label(start)}–{self._hours_label(stop)}"
                for start, stop in merged
            )
        names = babel.dates.get_day_names(
            "abbreviated", locale=babel_locale_parse(request.lang.code)
        )
        lines = []
        day = 0
        while day < 7:
            if day not in days:
                day += 1
                continue
            last = day
            while last + 1 < 7 and days.get(last + 1) == days[day]:
                last += 1
            label = names[day] if last == day else f"{names[day]}–{names[last]}"
            lines.append((label, days[day]))
            day = last + 1
        return lines

    def _services(self, location):
        """The services of the kiosk, open or not, with their hours."""
        return [
            {
                "queue": queue,
                "open": queue._is_open(),
                "hours": self._opening_hours(queue),
            }
            for queue in location.queue_ids
        ]

    @staticmethod
    def _wait_pattern():
        return request.env._("%(low)s–%(high)s min")

    def _wait_label(self, low, high):
        return self._wait_pattern() % {"low": low, "high": high}

    def _ticket_url(self, ticket, absolute=False):
        """The visitor's page of ``ticket``, in the current language."""
        url = request.env["ir.http"]._url_for(ticket.get_portal_url())
        if absolute:
            url = request.website.get_base_url().rstrip("/") + url
        return url

    @staticmethod
    def _qr_svg(data):
        """A QR code of ``data`` as an SVG data URI."""
        image = qrcode.make(
            data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2
        )
        svg = image.to_string()
        return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()

    def _ticket_values(self, ticket):
        """What the kiosk and the ticket page show of a ticket."""
        return {
            "ticket": ticket,
            "position": ticket.position,
            "wait_label": self._wait_label(ticket.wait_low, ticket.wait_high),
            "wait_pattern": self._wait_pattern(),
            "ticket_url": self._ticket_url(ticket),
        }

    def _ticket_status(self, ticket):
        """The small JSON the ticket page polls."""
        current = self._current_ticket(ticket)
        return {
            "id": current.id,
            "name": current.name,
            "state": current.state,
            "position": current.position,
            "wait": [current.wait_low, current.wait_high],
            "counter": current.counter_id.name or "",
            "url": self._ticket_url(current),
        }

    # ------------------------------------------------------------------
    # Kiosk
    # ------------------------------------------------------------------

    def _kiosk_url(self, location, *parts, member=None, **query):
        url = "/".join([f"/queue/kiosk/{location.id}", *map(str, parts)])
        if member:
            query["member"] = member
        return f"{url}?{urlencode(query)}" if query else url

    def _redirect_to_kiosk_ticket(self, location, ticket):
        return request.redirect(
            self._kiosk_url(
                location,
                "ticket",
                ticket.id,
                access_token=ticket._portal_ensure_token(),
            )
        )

    def _render_kiosk(self, location, step, member=None, status=200, **values):
        partner = self._member(location, member)
        return request.render(
            "coworking_queue.kiosk_page",
            {
                "location": location,
                "step": step,
                "member": partner,
                "member_pass": member if partner else None,
                "home_url": self._kiosk_url(location),
                "idle_seconds": KIOSK_IDLE_SECONDS,
                "show_languages": request.httprequest.method == "GET",
                **values,
            },
            status=status,
        )

    def _render_refusal(self, location, message, code, member=None, status=422):
        return self._render_kiosk(
            location,
            "refused",
            member=member,
            status=status,
            message=message,
            code=code,
        )

    @http.route(
        "/queue/kiosk/<int:location_id>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def kiosk(self, location_id, member=None, **kwargs):
        """The kiosk's start: the services of the location."""
        location = self._location(location_id)
        return self._render_kiosk(
            location, "services", member=member, services=self._services(location)
        )

    @http.route(
        "/queue/kiosk/<int:location_id>/member",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def kiosk_member(self, location_id, token="", **kwargs):
        """A member scanned their personal QR code (a USB scanner types it
        into the scan field, or the camera read it)."""
        location = self._location(location_id)
        token = (token or "").strip()
        verdict = None
        if token and len(token) <= TOKEN_MAX_LENGTH:
            verdict = (
                request.env["coworking.credential"]
                .sudo()
                .with_context(allowed_company_ids=location.company_id.ids)
                ._scan_token(token)
            )
        if verdict and verdict["valid"]:
            member = self._member_pass(location, verdict["credential"].partner_id)
            return request.redirect(self._kiosk_url(location, member=member))
        if verdict and verdict["reason"] == "revoked":
            message = request.env._(
                "This member card was replaced: please show your new QR code."
            )
        else:
            message = request.env._(
                "This code is not a member card of this place. You can take "
                "a ticket without it."
            )
        return self._render_refusal(location, message, "member_unknown")

    @http.route(
        "/queue/kiosk/<int:location_id>/service/<int:queue_id>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def kiosk_service(self, location_id, queue_id, member=None, **kwargs):
        """The ticket types of a service (skipped when there is only one)."""
        location = self._location(location_id)
        queue = self._queue(location, queue_id)
        partner = self._member(location, member)
        if not queue._is_open():
            return self._render_closed(location, queue, member)
        types = [t for t in queue._offered_types(partner) if t in KIOSK_TYPES]
        if len(types) == 1:
            return request.redirect(
                self._kiosk_url(
                    location,
                    "service",
                    queue.id,
                    "confirm",
                    member=member,
                    ticket_type=types[0],
                )
            )
        return self._render_kiosk(
            location, "types", member=member, queue=queue, types=types
        )

    def _render_closed(self, location, queue, member):
        return self._render_kiosk(
            location,
            "refused",
            member=member,
            status=422,
            code="closed",
            queue=queue,
            hours=self._opening_hours(queue),
            message=request.env._(
                "%(service)s is closed now: no ticket can be taken.",
                service=queue.name,
            ),
        )

    @http.route(
        "/queue/kiosk/<int:location_id>/service/<int:queue_id>/confirm",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def kiosk_confirm(
        self, location_id, queue_id, ticket_type="normal", member=None, **kwargs
    ):
        """The last step: the chosen service and type, an optional email,
        and the button that takes the ticket. The key sent with it is drawn
        here, once per showing of the step."""
        location = self._location(location_id)
        queue = self._queue(location, queue_id)
        partner = self._member(location, member)
        if not queue._is_open():
            return self._render_closed(location, queue, member)
        if ticket_type not in KIOSK_TYPES or ticket_type not in queue._offered_types(
            partner
        ):
            return self._render_not_offered(location, queue, member)
        return self._render_kiosk(
            location,
            "confirm",
            member=member,
            queue=queue,
            ticket_type=ticket_type,
            nonce=uuid.uuid4().hex,
            email="",
            waiting_count=queue.waiting_count,
        )

    def _render_not_offered(self, location, queue, member):
        return self._render_refusal(
            location,
            request.env._(
                "This kind of ticket is not offered for %(service)s.",
                service=queue.name,
            ),
            "not_offered",
            member=member,
        )

    @http.route(
        "/queue/kiosk/<int:location_id>/take",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def kiosk_take(
        self,
        location_id,
        queue_id=None,
        ticket_type="normal",
        nonce=None,
        email=None,
        member=None,
        **kwargs,
    ):
        """Take the ticket; the same key gives the same ticket."""
        location = self._location(location_id)
        try:
            queue = self._queue(location, int(queue_id))
        except (TypeError, ValueError):
            raise NotFound() from None
        partner = self._member(location, member)
        email = (email or "").strip()
        error = None
        if not isinstance(nonce, str) or not NONCE_RE.match(nonce):
            error = request.env._("This page is too old: please start again.")
        elif email and (
            len(email) > EMAIL_MAX_LENGTH or not single_email_re.match(email)
        ):
            error = request.env._(
                "This email address does not look right: check it, or leave "
                "the field empty."
            )
        if error or ticket_type not in KIOSK_TYPES:
            return self._render_kiosk(
                location,
                "confirm",
                member=member,
                status=400,
                queue=queue,
                ticket_type=ticket_type if ticket_type in KIOSK_TYPES else "normal",
                nonce=nonce
                if isinstance(nonce, str) and NONCE_RE.match(nonce)
                else uuid.uuid4().hex,
                email=email[:EMAIL_MAX_LENGTH],
                error=error,
                waiting_count=queue.waiting_count,
            )
        Ticket = request.env["coworking.queue.ticket"]
        try:
            with request.env.cr.savepoint():
                ticket = Ticket._take(
                    queue,
                    ticket_type=ticket_type,
                    partner=partner or None,
                    email=email or None,
                    lang=request.lang.code,
                    nonce=nonce,
                )
        except QueueRefused as refusal:
            if refusal.code == "closed":
                return self._render_closed(location, queue, member)
            if refusal.code == "not_offered":
                return self._render_not_offered(location, queue, member)
            return self._render_refusal(location, str(refusal), refusal.code, member)
        except psycopg2.errors.UniqueViolation as error:
            if error.diag.constraint_name != NONCE_CONSTRAINT:
                raise
            # the same key sent twice at once: the other request gives the
            # ticket; look it up in a new transaction, once that one is done
            return request.redirect(self._kiosk_url(location, "taken", nonce=nonce))
        return self._redirect_to_kiosk_ticket(location, ticket)

    @http.route(
        "/queue/kiosk/<int:location_id>/taken",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def kiosk_taken(self, location_id, nonce=None, **kwargs):
        """The ticket taken with a key (after two sends of it at once)."""
        location = self._location(location_id)
        if not isinstance(nonce, str) or not NONCE_RE.match(nonce):
            raise NotFound()
        ticket = (
            request.env["coworking.queue.ticket"]
            .sudo()
            .search(
                [("kiosk_nonce", "=", nonce), ("location_id", "=", location.id)],
                limit=1,
            )
        )
        if not ticket:
            raise NotFound()
        return self._redirect_to_kiosk_ticket(location, ticket)

    @http.route(
        "/queue/kiosk/<int:location_id>/ticket/<int:ticket_id>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def kiosk_ticket(self, location_id, ticket_id, access_token=None, **kwargs):
        """The ticket just taken: its number, place and a QR code of its
        page; the kiosk goes back to its start by itself."""
        location = self._location(location_id)
        ticket = self._ticket(ticket_id, access_token)
        if ticket.location_id != location:
            raise NotFound()
        absolute_url = self._ticket_url(ticket, absolute=True)
        return self._render_kiosk(
            location,
            "ticket",
            return_seconds=KIOSK_TICKET_SECONDS,
            qr_src=self._qr_svg(absolute_url),
            absolute_ticket_url=absolute_url,
            **self._ticket_values(ticket),
        )

    # ------------------------------------------------------------------
    # Display screen
    # ------------------------------------------------------------------

    def _board_values(self, location):
        payload = location._display_payload()
        return {
            "location": location,
            "counters": payload["counters"],
            "last_called": payload["last_called"],
        }

    @http.route(
        "/queue/display/<int:location_id>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def display(self, location_id, chime=None, **kwargs):
        """The screen of the waiting room: the ticket at each open counter
        and the last called, live."""
        location = self._location(location_id)
        return request.render(
            "coworking_queue.display_page",
            {
                **self._board_values(location),
                "channel": location._queue_channel(),
                "board_url": request.env["ir.http"]._url_for(
                    f"/queue/display/{location.id}/board"
                ),
                "poll_seconds": DISPLAY_POLL_SECONDS,
                "chime": chime == "1",
            },
        )

    @http.route(
        "/queue/display/<int:location_id>/board",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def display_board(self, location_id, **kwargs):
        """The board of the display screen alone, fetched when the bus
        tells that something moved (and every minute without news)."""
        location = self._location(location_id)
        return request.render(
            "coworking_queue.display_board", self._board_values(location)
        )

    # ------------------------------------------------------------------
    # Visitor's ticket page
    # ------------------------------------------------------------------

    @http.route(
        "/queue/ticket/<int:ticket_id>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def ticket_page(self, ticket_id, access_token=None, **kwargs):
        """The visitor's ticket: position, wait, state, and cancel."""
        ticket = self._ticket(ticket_id, access_token)
        current = self._current_ticket(ticket)
        if current != ticket:
            return request.redirect(self._ticket_url(current))
        return request.render(
            "coworking_queue.ticket_page",
            {
                **self._ticket_values(ticket),
                "location": ticket.location_id,
                "access_token": ticket._portal_ensure_token(),
                "cancellable": ticket.state in CANCELLABLE_STATES,
                "channel": ticket.queue_id._channel(),
                "status_url": request.env["ir.http"]._url_for(
                    ticket.get_portal_url(suffix="/status")
                ),
                "poll_seconds": TICKET_POLL_SECONDS,
                "transferred_from": ticket.transferred_from_id,
            },
        )

    @http.route(
        "/queue/ticket/<int:ticket_id>/status",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def ticket_status(self, ticket_id, access_token=None, **kwargs):
        """The ticket's state, place and wait, as JSON (the page's poll)."""
        ticket = self._ticket(ticket_id, access_token)
        return request.make_json_response(self._ticket_status(ticket))

    @http.route(
        "/queue/ticket/<int:ticket_id>/cancel",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def ticket_cancel(self, ticket_id, access_token=None, **kwargs):
        """The visitor gives up their place."""
        ticket = self._ticket(ticket_id, access_token)
        if ticket.state in CANCELLABLE_STATES:
            ticket.action_cancel()
        return request.redirect(self._ticket_url(ticket))
