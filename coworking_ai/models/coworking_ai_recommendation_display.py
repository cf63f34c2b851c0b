# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks:
# pylint: disable=consider-merging-classes-inherited
"""How suggestions are told: the reasons of each one, in the user's
language, and what the website and portal pages show of them (links that
open the space's page on the suggested time, labels)."""

import pytz

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date, format_datetime

# a forecast below QUIET is quiet, above BUSY busy
QUIET, BUSY = 0.35, 0.7


class CoworkingAiRecommender(models.AbstractModel):
    _inherit = "coworking.ai.recommender"

    @api.model
    def _reasons(self, space, start, habit, how, rate):
        """Why a candidate is suggested, in the user's language."""
        _ = self.env._
        usual = habit["space"]
        tz = (habit["location"].sudo().tz) or "UTC"
        hours, minutes = divmod(habit["minutes"], 60)
        at = f"{hours:02d}:{minutes:02d}"
        reasons = []
        if how == "popular":
            reasons.append(_("Popular with members"))
        elif habit["count"] > 1:
            reasons.append(
                _(
                    "You often book %(space)s on %(weekdays)s at %(time)s",
                    space=usual.sudo().name,
                    weekdays=self._weekday_plural(habit["weekday"]),
                    time=at,
                )
            )
        else:
            reasons.append(
                _(
                    "You booked %(space)s on %(date)s at %(time)s",
                    space=usual.sudo().name,
                    date=format_date(
                        self.env,
                        pytz.utc.localize(habit["last"]).astimezone(pytz.timezone(tz)),
                        date_format="EEEE d MMMM",
                    ),
                    time=at,
                )
            )
        if how == "shifted":
            reasons.append(
                _(
                    "%(space)s is taken at %(time)s: this is its nearest free time",
                    space=space.name,
                    time=at,
                )
            )
        elif how == "alternative":
            kinds = dict(space._fields["kind"]._description_selection(self.env))
            reasons.append(
                _(
                    "%(usual)s is taken then: %(space)s is also a %(kind)s",
                    usual=usual.sudo().name,
                    space=space.name,
                    kind=kinds.get(space.kind, space.kind).lower(),
                )
            )
        elif how == "similar":
            kinds = dict(space._fields["kind"]._description_selection(self.env))
            reasons.append(
                _(
                    "%(space)s is a %(kind)s too",
                    space=space.name,
                    kind=kinds.get(space.kind, space.kind).lower(),
                )
            )
        if rate is not None:
            percent = round(rate * 100)
            if rate < QUIET:
                reasons.append(
                    _(
                        "Usually quiet then (forecast %(percent)s %% busy)",
                        percent=percent,
                    )
                )
            elif rate < BUSY:
                reasons.append(
                    _(
                        "Fairly busy then (forecast %(percent)s %% busy)",
                        percent=percent,
                    )
                )
            else:
                reasons.append(
                    _(
                        "Usually busy then (forecast %(percent)s %% busy)",
                        percent=percent,
                    )
                )
        return reasons

    @api.model
    def _weekday_plural(self, weekday):
        _ = self.env._
        return [
            _("Mondays"),
            _("Tuesdays"),
            _("Wednesdays"),
            _("Thursdays"),
            _("Fridays"),
            _("Saturdays"),
            _("Sundays"),
        ][weekday]

    @api.model
    def _recommendation_url(self, item):
        """The space's page on the suggested day, length, people and time,
        or None when the space is not published."""
        space = item["space"].sudo()
        if not space.website_published:
            return None
        tz = pytz.timezone(space.location_id.tz or "UTC")
        local = pytz.utc.localize(item["start"]).astimezone(tz)
        minutes = round((item["stop"] - item["start"]).total_seconds() / 60)
        return (
            f"{space.website_url}?date={local.date().isoformat()}"
            f"&duration={minutes}&seats={item['seats']}"
            f"&start_time={local.strftime('%H:%M')}"
        )

    @api.model
    def _recommendations_for_page(self, partner, spaces=None, limit=3):
        """The suggestions a page shows to ``partner`` (the logged-in
        member), with their links and labels; none when the member may not
        have any (a refusal never breaks the page). Pages link to the spaces
        offered on the website only (staff may book others)."""
        if spaces is None:
            spaces = self.env["coworking.space"].search(
                [("website_published", "=", True), ("is_bookable", "=", True)]
            )
        try:
            items = self._recommend_for(partner, limit=limit, spaces=spaces)
        except (AccessError, UserError):
            return []
        kinds = dict(
            self.env["coworking.space"]._fields["kind"]._description_selection(self.env)
        )
        shown = []
        for item in items:
            space = item["space"].sudo()
            shown.append(
                {
                    **item,
                    **self._recommendation_labels(item),
                    "space_name": space.name,
                    "location_name": space.location_id.name,
                    "kind_label": kinds.get(space.kind, space.kind),
                    "minutes": round(
                        (item["stop"] - item["start"]).total_seconds() / 60
                    ),
                    "url": self._recommendation_url(item),
                }
            )
        return shown

    @api.model
    def _recommendation_labels(self, item):
        """How the pages show a suggestion: its day, times, length."""
        space = item["space"].sudo()
        tz = space.location_id.tz or "UTC"
        return {
            "date": pytz.utc.localize(item["start"])
            .astimezone(pytz.timezone(tz))
            .date()
            .isoformat(),
            "day": format_datetime(
                self.env, item["start"], tz=tz, dt_format="EEE d MMM"
            ),
            "time": format_datetime(self.env, item["start"], tz=tz, dt_format="HH:mm"),
            "stop_time": format_datetime(
                self.env, item["stop"], tz=tz, dt_format="HH:mm"
            ),
        }
