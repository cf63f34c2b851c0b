# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

import pytz
from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestRecommendationTour(HttpCase):
    """The demo member camille, on the real clock: her bookings page
    suggests times that fit her history; the first opens the space's page
    with the time picked, and she books it."""

    def test_portal_suggestions_tour(self):
        camille = self.env.ref(
            "coworking_booking.res_users_camille_demo", raise_if_not_found=False
        )
        if not camille:
            self.skipTest("the demo data is not loaded")
        partner = camille.partner_id
        now = fields.Datetime.now()
        Booking = self.env["coworking.booking"]
        if not Booking.search_count(
            [
                ("partner_id", "=", partner.id),
                ("space_id", "!=", False),
                ("state", "=", "done"),
                ("start", ">", now - timedelta(days=60)),
            ]
        ):
            # without the demo's year of history: Seine, four weeks running,
            # two days from now at 10:00 in Paris
            seine = self.env.ref("coworking_base.coworking_space_paris_seine_demo")
            tz = pytz.timezone(seine.location_id.tz)
            day = (pytz.utc.localize(now).astimezone(tz) + timedelta(days=2)).date()
            starts = [
                tz.localize(datetime.combine(day - timedelta(weeks=w), time(10)))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
                for w in range(1, 5)
            ]
            with freeze_time(min(starts) - timedelta(days=1)):
                history = Booking.create(
                    [
                        {
                            "space_id": seine.id,
                            "partner_id": partner.id,
                            "start": start,
                            "stop": start + timedelta(hours=2),
                            "state": "confirmed",
                        }
                        for start in starts
                    ]
                )
            history.write({"state": "done"})
        suggestions = (
            self.env["coworking.ai.recommender"]
            .with_user(camille)
            ._recommendations_for_page(partner)
        )
        self.assertTrue(suggestions)
        best = suggestions[0]
        self.assertEqual(best["basis"], "history")
        last_id = Booking.search([], order="id desc", limit=1).id
        self.start_tour(
            "/my/bookings", "coworking_ai_recommendation_tour", login="camille"
        )
        booked = Booking.search(
            [
                ("partner_id", "=", partner.id),
                ("id", ">", last_id),
                ("parent_id", "=", False),
            ]
        )
        self.assertEqual(len(booked), 1)
        self.assertEqual(booked.space_id, best["space"])
        self.assertEqual(booked.start, best["start"])
        self.assertEqual(booked.stop, best["stop"])
        self.assertEqual(booked.state, "confirmed")
