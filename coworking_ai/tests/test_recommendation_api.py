# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import os
import re
import time as clock
from datetime import timedelta

from freezegun import freeze_time

from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.coworking_base.tests.api_common import ApiClientMixin

from ..tools.openapi import PATHS
from .recommendation_common import NOW, WEEK_START, RecommendationCommon, local

SCHEMATHESIS_CONFIG = os.path.join(
    os.path.dirname(__file__), "schemathesis_recommendation.toml"
)
WEEK = {"start": "2026-11-30", "stop": "2026-12-04"}


class RecommendationHttpCommon(ApiClientMixin, HttpCase, RecommendationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Keys = cls.env["res.users.apikeys"]

        def key(user):
            return Keys.with_user(user).sudo()._generate(None, user.login, None)

        cls.key_member = key(cls.user_member)
        cls.key_newcomer = key(cls.user_newcomer)
        cls.key_front = key(cls.user_front)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestRecommendationApi(RecommendationHttpCommon):
    def test_a_member_gets_their_suggestions(self):
        response = self.call("GET", "/recommendations", self.key_member, params=WEEK)
        self.assertEqual(response.status_code, 200, response.text)
        data = response.json()
        self.assertSchema(data, "RecommendationList")
        self.assertEqual(data["partner_id"], self.partner_member.id)
        first = data["recommendations"][0]
        self.assertEqual(first["space"]["id"], self.room.id)
        self.assertEqual(first["start"], "2026-12-01T09:00:00Z")
        self.assertEqual(first["start_local"], "2026-12-01T10:00:00+01:00")
        self.assertEqual(first["basis"], "history")
        self.assertIn("You often book Test Room on Tuesdays at 10:00", first["reasons"])
        self.assertEqual(
            first["url"],
            f"{self.room.website_url}?date=2026-12-01&duration=120&seats=1"
            "&start_time=10:00",
        )
        spaces = {item["space"]["id"] for item in data["recommendations"]}
        self.assertNotIn(self.space_b.id, spaces)
        self.assertNotIn(self.hidden_room.id, spaces)
        # their own partner may be named
        response = self.call(
            "GET",
            "/recommendations",
            self.key_member,
            params={**WEEK, "partner_id": self.partner_member.id},
        )
        self.assertEqual(response.status_code, 200, response.text)

    def test_a_member_asking_for_another_is_refused(self):
        response = self.call(
            "GET",
            "/recommendations",
            self.key_member,
            params={**WEEK, "partner_id": self.partner_other.id},
        )
        error = self.assertError(response, 403, "forbidden")
        self.assertEqual(error["field"], "partner_id")

    def test_staff_may_ask_for_a_member(self):
        response = self.call(
            "GET",
            "/recommendations",
            self.key_front,
            params={**WEEK, "partner_id": self.partner_member.id, "limit": 20},
        )
        self.assertEqual(response.status_code, 200, response.text)
        data = response.json()
        self.assertSchema(data, "RecommendationList")
        self.assertEqual(data["partner_id"], self.partner_member.id)
        self.assertEqual(data["recommendations"][0]["space"]["id"], self.room.id)
        response = self.call(
            "GET",
            "/recommendations",
            self.key_front,
            params={**WEEK, "partner_id": 2**31 - 1},
        )
        self.assertError(response, 404, "not_found")

    def test_inputs_are_bounded(self):
        for params, status, code in (
            ({"limit": 0}, 400, "invalid_field"),
            ({"limit": 500}, 400, "invalid_field"),
            ({"limit": "five"}, 400, "invalid_field"),
            ({"start": "2026-13-01"}, 400, "invalid_field"),
            ({"colour": "blue"}, 400, "unknown_parameter"),
            ({"partner_id": 0}, 400, "invalid_field"),
            ({"start": "2026-01-01", "stop": "2027-02-04"}, 422, "range_too_long"),
            ({"start": "2026-12-01", "stop": "2026-12-16"}, 422, "range_too_long"),
            ({"start": "2026-12-02T10:00:00Z", "stop": "2026-12-01"}, 422, None),
        ):
            with self.subTest(params=params):
                response = self.call(
                    "GET", "/recommendations", self.key_member, params=params
                )
                self.assertError(response, status, code)
        # at most the limit
        response = self.call(
            "GET", "/recommendations", self.key_member, params={**WEEK, "limit": 1}
        )
        self.assertEqual(len(response.json()["recommendations"]), 1)

    def test_anonymous_callers_are_refused(self):
        response = self.call("GET", "/recommendations", params=WEEK)
        self.assertError(response, 401, "unauthorized")

    def test_a_newcomer_gets_popular_options(self):
        response = self.call("GET", "/recommendations", self.key_newcomer, params=WEEK)
        self.assertEqual(response.status_code, 200, response.text)
        items = response.json()["recommendations"]
        self.assertTrue(items)
        self.assertEqual({item["basis"] for item in items}, {"popular"})

    def test_schemathesis_finds_no_failure(self):
        """Queries generated from the document, valid and invalid, against
        this server as a member: every check of schemathesis passes."""
        began = clock.monotonic()
        self.assertSchemathesisPasses(
            self.key_member, PATHS, SCHEMATHESIS_CONFIG, max_examples=25
        )
        self.assertLess(clock.monotonic() - began, 60)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestRecommendationPages(RecommendationHttpCommon):
    """The "Suggested for you" block of the pages where a member books."""

    def test_the_spaces_page_suggests_to_members_only(self):
        self.authenticate(None, None)
        page = self.url_open("/coworking").text
        self.assertNotIn("o_coworking_recommendations", page)
        self.authenticate("cw_rec_member", "cw_rec_member")
        page = self.url_open("/coworking").text
        self.assertIn("Suggested for you", page)
        self.assertIn("start_time=10:00", page)
        # links to published spaces only
        self.assertNotIn(f'data-space-id="{self.hidden_room.id}"', page)
        self.assertNotIn(self.hidden_room.website_url, page)

    def test_the_bookings_page_suggests(self):
        self.authenticate("cw_rec_member", "cw_rec_member")
        response = self.url_open("/my/bookings")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coworking_recommendation", response.text)

    def test_a_suggestion_opens_the_space_page_with_its_time_picked(self):
        self.authenticate("cw_rec_member", "cw_rec_member")
        url = (
            f"{self.room.website_url}?date=2026-12-01&duration=120&seats=1"
            "&start_time=10:00"
        )
        page = self.url_open(url).text
        self.assertEqual(self.picked(page), ["10:00"])
        self.assertIn("o_coworking_space_recommendations", page)
        # a time that is not free, or not a time, picks nothing
        for start_time in ("03:00", "10-00", "99:99"):
            with self.subTest(start_time=start_time):
                page = self.url_open(
                    f"{self.room.website_url}?date=2026-12-01&duration=120"
                    f"&start_time={start_time}"
                ).text
                self.assertEqual(self.picked(page), [])

    @staticmethod
    def picked(page):
        """The times checked among the free times of a space's page."""
        return [
            re.search(r'value="([^"]*)"', tag).group(1)
            for tag in re.findall(r'<input[^>]*name="start_time"[^>]*>', page)
            if " checked=" in tag
        ]

    def test_a_suggestion_is_booked_from_the_space_page(self):
        # the member picks the suggested time and books it as the page does
        items = self.recommend(self.user_member, limit=1)
        self.assertEqual(items[0]["start"], local(WEEK_START + timedelta(1), 10))
        self.authenticate("cw_rec_member", "cw_rec_member")
        self.url_open(items[0]["space"].website_url)
        response = self.url_open(
            f"/coworking/space/{self.room.id}/book",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "date": "2026-12-01",
                "duration": "120",
                "seats": "1",
                "start_time": "10:00",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, response.text[-2000:])
        booking = self.env["coworking.booking"].search(
            [("partner_id", "=", self.partner_member.id), ("start", ">", NOW)]
        )
        self.assertEqual(booking.space_id, self.room)
        self.assertEqual(booking.start, items[0]["start"])
