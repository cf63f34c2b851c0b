# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, time, timedelta

import pytz
from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.coworking_membership.tests.common import MembershipCommon

# Tuesday 24 November 2026, 08:00 UTC (09:00 in Paris)
NOW = datetime(2026, 11, 24, 8, 0)
PARIS = pytz.timezone("Europe/Paris")
DAKAR = pytz.timezone("Africa/Dakar")
# the week searched by most tests: Monday 30 November to Friday 4 December
WEEK_START = date(2026, 11, 30)


def local(day, hour, minute=0, tz=PARIS):
    """The naive UTC datetime of a local time."""
    moment = tz.localize(datetime.combine(day, time(hour, minute)))
    return moment.astimezone(pytz.utc).replace(tzinfo=None)


def weekly(first, count):
    """``count`` dates a week apart from ``first``."""
    return [first + timedelta(weeks=week) for week in range(count)]


class RecommendationCommon(MembershipCommon):
    """On the booking fixtures of Test Paris (Test Room with a 15-minute
    buffer, Test Room 2, the per-seat Test Open Space with three seats), an
    unpublished room and the room of company B:

    - ``user_member`` booked Test Room on Tuesdays 10:00-12:00 for the last
      six weeks and the open space on Thursdays 9:00-13:00 for six weeks up
      to two weeks ago, the unpublished room on
      Mondays at 14:00 and company B's room on Fridays at 10:00 (Dakar);
    - ``user_other`` booked Test Room 2 on Wednesdays 15:00-16:00;
    - ``user_newcomer`` never booked.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_company_b()

        def member(login, name):
            user = new_test_user(
                cls.env,
                login,
                groups="base.group_portal",
                name=name,
                email=f"{login}@example.com",
            )
            user.partner_id.is_coworking_member = True
            return user

        cls.user_member = member("cw_rec_member", "Rec Member")
        cls.user_other = member("cw_rec_other", "Rec Other")
        cls.user_newcomer = member("cw_rec_newcomer", "Rec Newcomer")
        cls.partner_member = cls.user_member.partner_id
        cls.partner_other = cls.user_other.partner_id
        cls.partner_newcomer = cls.user_newcomer.partner_id
        cls.hidden_room = cls.env["coworking.space"].create(
            {
                "name": "Hidden Room",
                "location_id": cls.location.id,
                "kind": "meeting_room",
                "capacity": 4,
                "is_published": False,
            }
        )
        cls.Recommender = cls.env["coworking.ai.recommender"]
        cls.test_spaces = (
            cls.env["coworking.space"].search([("location_id", "=", cls.location.id)])
            | cls.space_b
        )
        member_partner, other = cls.partner_member, cls.partner_other
        cls.make_history(member_partner, cls.room, weekly(date(2026, 10, 13), 6), 10, 2)
        cls.make_history(
            member_partner, cls.hot_desk, weekly(date(2026, 10, 8), 6), 9, 4
        )
        cls.make_history(
            member_partner, cls.hidden_room, weekly(date(2026, 11, 2), 3), 14, 1
        )
        cls.make_history(
            member_partner,
            cls.space_b,
            weekly(date(2026, 11, 6), 3),
            10,
            1,
            tz=DAKAR,
        )
        cls.make_history(other, cls.room_2, weekly(date(2026, 10, 14), 6), 15, 1)

    @classmethod
    def make_history(cls, partner, target, days, hour, hours, seats=1, tz=PARIS):
        """Past bookings of ``partner`` (done), each day at ``hour`` (local)
        for ``hours`` hours: booked as staff the day before the first."""
        starts = [local(day, hour, tz=tz) for day in days]
        with freeze_time(min(starts) - timedelta(days=1)):
            bookings = cls.env["coworking.booking"].create(
                [
                    {
                        "space_id": target.id,
                        "partner_id": partner.id,
                        "start": start,
                        "stop": start + timedelta(hours=hours),
                        "seats": seats,
                        "state": "confirmed",
                    }
                    for start in starts
                ]
            )
        bookings.write({"state": "done"})
        return bookings

    def recommend(self, user, partner=None, limit=5, spaces=None, everywhere=False):
        """The suggestions for ``partner`` (the user's own by default) in the
        week of ``WEEK_START``, asked by ``user``, among ``spaces`` (by
        default the spaces of these tests, hidden and foreign included, not
        those of the demo; ``everywhere``: all)."""
        if spaces is None and not everywhere:
            spaces = self.test_spaces
        return self.Recommender.with_user(user)._recommend_for(
            partner or user.partner_id,
            local(WEEK_START, 0),
            local(WEEK_START + timedelta(days=5), 0),
            limit=limit,
            spaces=spaces,
        )

    def forecast(self, kind, hours, rate, location=None):
        """Forecast rows of ``kind`` at Test Paris (or ``location``) for the
        naive UTC ``hours``."""
        location = location or self.location
        tz = pytz.timezone(location.tz)
        self.env["coworking.ai.demand"].sudo().create(
            [
                {
                    "company_id": location.company_id.id,
                    "location_id": location.id,
                    "space_kind": kind,
                    "hour": hour,
                    "hour_of_day": pytz.utc.localize(hour).astimezone(tz).hour,
                    "weekday": str(pytz.utc.localize(hour).astimezone(tz).weekday()),
                    "forecast_rate": rate,
                    "capacity": 1,
                }
                for hour in hours
            ]
        )

    @staticmethod
    def hours(start, stop):
        """The starts of the hours from ``start`` to ``stop``."""
        result = []
        while start < stop:
            result.append(start)
            start += timedelta(hours=1)
        return result
