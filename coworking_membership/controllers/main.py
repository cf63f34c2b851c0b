# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

import pytz

from odoo.http import request
from odoo.tools import float_round

from odoo.addons.coworking_booking.controllers.main import CoworkingWebsite


class CoworkingWebsiteMembership(CoworkingWebsite):
    """The space page tells a member what their plan does with the booking:
    included, paid with credit hours (and how many are left), or billed at
    the member price, or not open to their plan."""

    def _prepare_space_values(self, space_sudo, date=None, duration=None, seats=None):
        """A space's page, with the member's credits left."""
        values = super()._prepare_space_values(space_sudo, date, duration, seats)
        partner = values.get("partner")
        if not partner:
            return values
        Booking = request.env["coworking.booking"].sudo()
        tz = pytz.timezone(space_sudo.location_id.tz)
        day = values["day"]
        reference = tz.localize(datetime.combine(day, time(12)))
        start = reference.astimezone(pytz.utc).replace(tzinfo=None)
        membership = Booking._membership_for(partner.sudo(), space_sudo, start)
        if not membership:
            return values
        plan = membership.plan_id
        line = plan._line_for(space_sudo.kind)
        info = {"membership": membership, "plan": plan, "mode": line.mode or "none"}
        if line.mode == "credits":
            hours = values["duration"] / 60
            need = hours * (values["seats"] if values["pooled"] else 1)
            left = membership._credits_left_on(day, space_sudo.kind)
            info.update(
                {
                    "need": float_round(need, precision_digits=2),
                    "left": float_round(max(left, 0.0), precision_digits=2),
                    "short": float_round(max(need - left, 0.0), precision_digits=2),
                    "overage": plan.overage,
                }
            )
        stop = start + timedelta(minutes=values["duration"])
        info["full_price"] = Booking._compute_price_lines(
            space_sudo, start, stop, values["seats"], partner.sudo(), plan.pricelist_id
        )[1]
        values["membership_info"] = info
        return values
