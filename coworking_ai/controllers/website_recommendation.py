# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The "Suggested for you" block of the pages where a logged-in member
books: the list of spaces (``/coworking``), a space's page (its own
suggested times) and the member's bookings in the portal. A suggestion
opens the space's page on its day, length, people and time."""

import re

from odoo import http
from odoo.http import request

from odoo.addons.coworking_booking.controllers.main import CoworkingWebsite
from odoo.addons.coworking_booking.controllers.portal import CoworkingBookingPortal

# suggestions shown on a page
PAGE_SUGGESTIONS = 3
START_TIME = re.compile(r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$")


def _member_suggestions(spaces=None):
    """The logged-in member's suggestions among ``spaces``, none for
    visitors."""
    user = request.env.user
    if user._is_public():
        return []
    return request.env["coworking.ai.recommender"]._recommendations_for_page(
        user.partner_id, spaces=spaces, limit=PAGE_SUGGESTIONS
    )


class CoworkingWebsiteRecommendation(CoworkingWebsite):
    def _duration_choices(self, space):
        """The lengths offered, and the one a suggestion's link asks for
        when the space's rules allow it (a member's usual length)."""
        choices = super()._duration_choices(space)
        asked = self._to_int(request.params.get("duration"))
        if (
            asked
            and asked not in choices
            and space.booking_min_minutes <= asked <= space.booking_max_minutes
            and not asked % space.booking_slot_minutes
        ):
            choices = sorted([*choices, asked])
        return choices

    @http.route()
    def coworking_spaces(self, location=None, kind=None, people=None, **kwargs):
        response = super().coworking_spaces(
            location=location, kind=kind, people=people, **kwargs
        )
        if getattr(response, "is_qweb", False) and not request.env.user._is_public():
            offered = (
                request.env["coworking.space"]
                .sudo()
                .search(self._published_spaces_domain())
            )
            response.qcontext["recommendations"] = _member_suggestions(offered)
        return response

    @http.route()
    def coworking_space(self, space, date=None, duration=None, seats=None, **kwargs):
        response = super().coworking_space(
            space, date=date, duration=duration, seats=seats, **kwargs
        )
        if not getattr(response, "is_qweb", False):
            return response
        values = response.qcontext
        # a suggestion's link picks its time among the free ones of the day
        start_time = kwargs.get("start_time") or ""
        if START_TIME.match(start_time) and any(
            slot["start_time"] == start_time for slot in values.get("slots", [])
        ):
            values["form"] = {**values.get("form", {}), "start_time": start_time}
        values["recommendations"] = _member_suggestions(values["space"])
        return response


class CoworkingBookingPortalRecommendation(CoworkingBookingPortal):
    def _prepare_bookings_portal_rendering_values(
        self, page=1, sortby=None, filterby=None, **kwargs
    ):
        values = super()._prepare_bookings_portal_rendering_values(
            page=page, sortby=sortby, filterby=filterby, **kwargs
        )
        values["recommendations"] = _member_suggestions()
        values["duration_label"] = CoworkingWebsite._duration_label
        return values
