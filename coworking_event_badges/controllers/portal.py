# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from urllib.parse import urlencode

import pytz
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import content_disposition, request

from odoo.addons.coworking_base.tools import bounds as base_bounds
from odoo.addons.portal.controllers import portal

from ..models.event_registration import CONFIRMED
from ..tools import bounds
from ..tools.leads_xlsx import leads_xlsx

BADGE_REPORT = "coworking_event_badges.action_report_coworking_badge_a6"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROLE_BADGES = {
    "organizer": "text-bg-dark",
    "room_manager": "text-bg-primary",
    "badge_controller": "text-bg-warning",
    "exhibitor": "text-bg-success",
    "participant": "text-bg-info",
}


class CoworkingEventPortal(portal.CustomerPortal):
    """The events of the person in the customer portal: their registrations,
    their personal QR and badge, the announcements for their roles, and for
    exhibitors the visits of their booth."""

    # ------------------------------------------------------------------
    # Home and list
    # ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        """The number of the person's events on the portal's home page."""
        values = super()._prepare_home_portal_values(counters)
        if "coworking_event_count" in counters:
            request.env["event.registration"]._coworking_ensure_attendees_of(
                request.env.user.partner_id
            )
            values["coworking_event_count"] = (
                request.env["event.event"]
                .sudo()
                .search_count(self._coworking_events_domain())
            )
        return values

    def _coworking_events_domain(self):
        """The events where the user's person holds a confirmed registration
        or a role."""
        return request.env["event.event"]._coworking_domain_of(
            request.env.user.partner_id
        )

    def _get_coworking_events_searchbar_filters(self):
        """Filters of the events list."""
        _ = request.env._
        now = fields.Datetime.now()
        return {
            "all": {"label": _("All"), "domain": []},
            "upcoming": {
                "label": _("Upcoming and running"),
                "domain": [("date_end", ">=", now)],
            },
            "past": {"label": _("Past"), "domain": [("date_end", "<", now)]},
        }

    def _get_coworking_events_searchbar_sortings(self):
        """Sortings of the events list."""
        _ = request.env._
        return {
            "date": {"label": _("Date"), "order": "date_begin desc, id desc"},
            "name": {"label": _("Name"), "order": "name, id"},
        }

    def _coworking_roles_by_event(self, events):
        """``{event id: [role codes]}`` of the user's person in ``events``,
        participant included for a confirmed registration."""
        partner = request.env.user.partner_id
        held = {event.id: set() for event in events}
        roles = (
            request.env["coworking.event.role"]
            .sudo()
            .search([("event_id", "in", events.ids), ("partner_id", "=", partner.id)])
        )
        for role in roles:
            held[role.event_id.id].add(role.role)
        registered = (
            request.env["event.registration"]
            ._coworking_confirmed_of(events, partner)
            .event_id
        )
        for event in registered:
            held[event.id].add("participant")
        order = [code for code, _label in self._coworking_role_labels()]
        return {
            event_id: sorted(codes, key=order.index) for event_id, codes in held.items()
        }

    def _coworking_role_labels(self):
        """The roles and their labels, in the user's language."""
        return (
            request.env["coworking.event.role"]
            ._fields["role"]
            ._description_selection(request.env)
        )

    @http.route(
        ["/my/events", "/my/events/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_coworking_events(self, page=1, sortby=None, filterby=None, **kw):
        """The events of the person, sorted and filtered."""
        request.env["event.registration"]._coworking_ensure_attendees_of(
            request.env.user.partner_id
        )
        Event = request.env["event.event"].sudo()
        values = self._prepare_portal_layout_values()
        filters = self._get_coworking_events_searchbar_filters()
        sortings = self._get_coworking_events_searchbar_sortings()
        if filterby not in filters:
            filterby = "all"
        if sortby not in sortings:
            sortby = "date"
        domain = self._coworking_events_domain() + filters[filterby]["domain"]
        count = Event.search_count(domain)
        pager = portal.pager(
            url="/my/events",
            url_args={"sortby": sortby, "filterby": filterby},
            total=count,
            page=page,
            step=self._items_per_page,
        )
        events = Event.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values.update(
            {
                "events": events,
                "roles_by_event": self._coworking_roles_by_event(events),
                "role_labels": dict(self._coworking_role_labels()),
                "role_badges": ROLE_BADGES,
                "page_name": "coworking_events",
                "pager": pager,
                "default_url": "/my/events",
                "searchbar_filters": filters,
                "filterby": filterby,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "now": fields.Datetime.now(),
            }
        )
        return request.render("coworking_event_badges.portal_my_events", values)

    # ------------------------------------------------------------------
    # One event
    # ------------------------------------------------------------------

    def _coworking_event_or_404(self, event_id):
        """The event (as superuser) if the user's person takes part in it;
        404 otherwise, whether it exists or not."""
        if not 0 < event_id <= base_bounds.MAX_ID:
            raise NotFound()
        event = (
            request.env["event.event"]
            .sudo()
            .search([("id", "=", event_id)] + self._coworking_events_domain(), limit=1)
        )
        if not event:
            raise NotFound()
        return event

    def _coworking_registrations(self, event):
        """The confirmed registrations of the user's person in ``event``."""
        return (
            request.env["event.registration"]
            .sudo()
            .search(
                [
                    ("event_id", "=", event.id),
                    ("coworking_attendee_id", "=", request.env.user.partner_id.id),
                    ("state", "in", CONFIRMED),
                ],
                order="id",
            )
        )

    def _coworking_booth_role(self, event):
        """The user's exhibitor role in ``event`` (with its booth), if any."""
        return (
            request.env["coworking.event.role"]
            ._roles_of(request.env.user, event, roles=["exhibitor"])
            .filtered("sponsor_id")[:1]
        )

    def _coworking_personal_qr(self, event, registrations):
        """The person's QR of the event's company (base64 PNG), if issued."""
        if registrations:
            return registrations[0].coworking_qr_image
        company = event.company_id or request.env.company
        return (
            request.env.user.partner_id.sudo().with_company(company).coworking_qr_image
        )

    def _coworking_registration_lines(self, registrations):
        """What each registration opens: its workshops and restricted rooms."""
        lines = []
        for registration in registrations:
            ticket = registration.event_ticket_id
            lines.append(
                {
                    "registration": registration,
                    "workshops": ticket.coworking_track_ids.filtered(
                        lambda track: track.coworking_kind == "workshop"
                    ).sorted("date"),
                    "rooms": (
                        ticket.coworking_location_ids
                        | registration.coworking_location_ids
                    ).sorted("name"),
                }
            )
        return lines

    def _coworking_announcements(self, event):
        """The published announcements for the audiences of the user's
        person in ``event``, newest first."""
        Announcement = request.env["coworking.event.announcement"].sudo()
        audiences = Announcement._audiences_of(event, request.env.user.partner_id)
        if not audiences:
            return Announcement
        return Announcement.search(
            [
                ("event_id", "=", event.id),
                ("state", "=", "published"),
                ("audience", "in", sorted(audiences)),
            ],
            order="published_date desc, id desc",
            limit=bounds.MAX_ANNOUNCEMENTS,
        )

    @http.route(["/my/events/<int:event_id>"], type="http", auth="user", website=True)
    def portal_my_coworking_event(self, event_id, **kw):
        """One event of the person: dates, registrations, personal QR, badge,
        announcements."""
        request.env["event.registration"]._coworking_ensure_attendees_of(
            request.env.user.partner_id
        )
        event = self._coworking_event_or_404(event_id)
        registrations = self._coworking_registrations(event)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "event": event,
                "page_name": "coworking_event",
                "registration_lines": self._coworking_registration_lines(registrations),
                "badge_registration": registrations[:1],
                "personal_qr": self._coworking_personal_qr(event, registrations),
                "roles": self._coworking_roles_by_event(event)[event.id],
                "role_labels": dict(self._coworking_role_labels()),
                "role_badges": ROLE_BADGES,
                "announcements": self._coworking_announcements(event),
                "announcement_audiences": dict(
                    request.env["coworking.event.announcement"]
                    ._fields["audience"]
                    ._description_selection(request.env)
                ),
                "booth_role": self._coworking_booth_role(event),
            }
        )
        return request.render("coworking_event_badges.portal_my_event", values)

    @http.route(
        ["/my/events/<int:event_id>/badge/<int:registration_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_coworking_event_badge(self, event_id, registration_id, **kw):
        """The A6 badge (PDF) of one of the person's registrations."""
        event = self._coworking_event_or_404(event_id)
        registration = self._coworking_registrations(event).filtered(
            lambda r: r.id == registration_id
        )
        if not registration:
            raise NotFound()
        report = (
            request.env["ir.actions.report"]
            .sudo()
            .with_company(event.company_id or request.env.company)
            ._render_qweb_pdf(BADGE_REPORT, registration.ids)[0]
        )
        filename = "{}.pdf".format(
            re.sub(r"\W+", "_", f"Badge {event.name} {registration.name or ''}")
        )
        return request.make_response(
            report,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(report)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    # ------------------------------------------------------------------
    # An exhibitor's booth
    # ------------------------------------------------------------------

    def _coworking_booth_or_404(self, event_id):
        """The event and the booth of the user in it; 404 for anyone who
        does not work at a booth of this event."""
        event = self._coworking_event_or_404(event_id)
        role = self._coworking_booth_role(event)
        if not role:
            raise NotFound()
        return event, role.sponsor_id

    def _coworking_booth_url(self, event, **params):
        params = {key: value for key, value in params.items() if value}
        query = f"?{urlencode(params)}" if params else ""
        return f"/my/events/{event.id}/booth{query}"

    @http.route(
        [
            "/my/events/<int:event_id>/booth",
            "/my/events/<int:event_id>/booth/page/<int:page>",
        ],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_coworking_booth(
        self, event_id, page=1, error=None, visit=None, saved=None, **kw
    ):
        """The visits of the exhibitor's booth, with their notes."""
        event, sponsor = self._coworking_booth_or_404(event_id)
        # the user's own rights: record rules keep the visits of their booth
        Lead = request.env["coworking.event.lead"]
        domain = [("sponsor_id", "=", sponsor.id)]
        count = Lead.search_count(domain)
        pager = portal.pager(
            url=f"/my/events/{event.id}/booth",
            total=count,
            page=page,
            step=self._items_per_page,
        )
        leads = Lead.search(domain, limit=self._items_per_page, offset=pager["offset"])
        _ = request.env._
        errors = {
            "note_too_long": _(
                "A note holds at most %s characters: shorten it and save again.",
                bounds.MAX_NOTE_LENGTH,
            ),
        }
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "event": event,
                "sponsor": sponsor.sudo(),
                "leads": leads,
                "stats": Lead._booth_statistics(sponsor),
                "page_name": "coworking_event_booth",
                "pager": pager,
                "page": pager["page"]["num"],
                "error_message": errors.get(error),
                "error_visit": self._to_id(visit),
                "saved_visit": self._to_id(saved),
                "max_note_length": bounds.MAX_NOTE_LENGTH,
                "xlsx_url": f"/my/events/{event.id}/booth/visits.xlsx",
            }
        )
        return request.render("coworking_event_badges.portal_my_event_booth", values)

    @staticmethod
    def _to_id(value):
        """A record id read from a query string, or 0."""
        try:
            number = int(value or 0)
        except ValueError:
            return 0
        return number if 0 < number <= base_bounds.MAX_ID else 0

    @http.route(
        ["/my/events/<int:event_id>/booth/visits/<int:lead_id>/note"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_coworking_booth_note(
        self, event_id, lead_id, note=None, page=None, **kw
    ):
        """Write the note of a visit of the exhibitor's booth."""
        event, sponsor = self._coworking_booth_or_404(event_id)
        if not 0 < lead_id <= base_bounds.MAX_ID:
            raise NotFound()
        lead = request.env["coworking.event.lead"].search(
            [("id", "=", lead_id), ("sponsor_id", "=", sponsor.id)]
        )
        if not lead:
            raise NotFound()
        page = self._to_id(page)
        note = (note or "").strip()
        if len(note) > bounds.MAX_NOTE_LENGTH:
            url = self._coworking_booth_url(
                event, page=page, error="note_too_long", visit=lead.id
            )
            return request.redirect(f"{url}#visit-{lead.id}")
        lead.write({"note": note or False})
        url = self._coworking_booth_url(event, page=page, saved=lead.id)
        return request.redirect(f"{url}#visit-{lead.id}")

    def _coworking_lead_rows(self, leads, event):
        """The rows of the XLSX export, dates in the event's timezone."""
        tz = pytz.timezone(event.date_tz or "UTC")
        return [
            {
                "date": pytz.utc.localize(lead.scanned_at)
                .astimezone(tz)
                .replace(tzinfo=None),
                "name": lead.visitor_name,
                "company": lead.visitor_company,
                "function": lead.visitor_function,
                "email": lead.visitor_email,
                "phone": lead.visitor_phone,
                "note": lead.note,
                # the colleague who scanned: a name only
                "scanned_by": lead.sudo().user_id.name,
            }
            for lead in leads
        ]

    def _coworking_lead_labels(self, event):
        _ = request.env._
        return {
            "date": _("Date (%s)", event.date_tz or "UTC"),
            "name": _("Name"),
            "company": _("Company"),
            "function": _("Job Position"),
            "email": _("Email"),
            "phone": _("Phone"),
            "note": _("Note"),
            "scanned_by": _("Scanned By"),
        }

    @http.route(
        ["/my/events/<int:event_id>/booth/visits.xlsx"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_coworking_booth_xlsx(self, event_id, **kw):
        """The visits of the exhibitor's booth as an Excel workbook."""
        event, sponsor = self._coworking_booth_or_404(event_id)
        leads = request.env["coworking.event.lead"].search(
            [("sponsor_id", "=", sponsor.id)], order="scanned_at, id"
        )
        content = leads_xlsx(
            self._coworking_lead_rows(leads, event),
            self._coworking_lead_labels(event),
            sheet_name=request.env._("Visits"),
        )
        name = re.sub(r"\W+", "_", f"{sponsor.sudo().name} {event.name}").strip("_")
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(f"{name}_visits.xlsx")),
            ],
        )
