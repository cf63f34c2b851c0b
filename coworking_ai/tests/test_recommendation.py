# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged, users

from .recommendation_common import (
    NOW,
    WEEK_START,
    RecommendationCommon,
    local,
)

TUESDAY = WEEK_START + timedelta(days=1)
THURSDAY = WEEK_START + timedelta(days=3)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestRecommendation(RecommendationCommon):
    """Suggestions respect what the member may book, what is free, and whose
    history they come from."""

    def assertBookable(self, items, partner):
        """Every suggestion is a request the booking rules accept for the
        member: free, open, aligned, within notice and horizon."""
        Booking = self.env["coworking.booking"].with_context(
            coworking_booking_staff=False
        )
        for item in items:
            reasons = Booking._request_refusals(
                item["space"].sudo(),
                item["start"],
                item["stop"],
                item["seats"],
                staff=False,
                partner=partner,
            )
            self.assertEqual(reasons, [], item)

    def test_habits_give_the_usual_space_and_time(self):
        items = self.recommend(self.user_member)
        first, second = items[:2]
        self.assertEqual(first["space"], self.room)
        self.assertEqual(first["start"], local(TUESDAY, 10))
        self.assertEqual(first["stop"], local(TUESDAY, 12))
        self.assertEqual(first["basis"], "history")
        self.assertIn("You often book Test Room on Tuesdays at 10:00", first["reasons"])
        self.assertEqual(second["space"], self.hot_desk)
        self.assertEqual(second["start"], local(THURSDAY, 9))
        self.assertEqual(second["stop"], local(THURSDAY, 13))
        for item in items:
            self.assertGreaterEqual(item["score"], 0)
            self.assertLessEqual(item["score"], 1)
        self.assertEqual(
            [item["score"] for item in items],
            sorted((item["score"] for item in items), reverse=True),
        )
        self.assertBookable(items, self.partner_member)

    def test_a_taken_time_is_no_longer_suggested(self):
        items = self.recommend(self.user_member)
        self.assertIn((self.room, local(TUESDAY, 10)), self.spans(items))
        # someone else books Test Room at the member's usual time
        self.env["coworking.booking"].create(
            {
                "space_id": self.room.id,
                "partner_id": self.partner_other.id,
                "start": local(TUESDAY, 10),
                "stop": local(TUESDAY, 12),
                "state": "confirmed",
            }
        )
        items = self.recommend(self.user_member)
        for item in items:
            self.assertFalse(
                item["space"] == self.room
                and item["start"] < local(TUESDAY, 12, 15)
                and item["stop"] > local(TUESDAY, 10),
                item,
            )
        # the other room of the same kind is offered at the usual time
        alternative = next(i for i in items if i["start"] == local(TUESDAY, 10))
        self.assertEqual(alternative["space"], self.room_2)
        self.assertIn(
            "Test Room is taken then: Test Room 2 is also a meeting room",
            alternative["reasons"],
        )
        self.assertBookable(items, self.partner_member)

    def test_a_full_per_seat_space_is_not_suggested(self):
        # the three seats of the open space are taken on Thursday morning
        self.env["coworking.booking"].create(
            {
                "space_id": self.hot_desk.id,
                "partner_id": self.partner_other.id,
                "start": local(THURSDAY, 8),
                "stop": local(THURSDAY, 14),
                "seats": 3,
                "state": "confirmed",
            }
        )
        items = self.recommend(self.user_member)
        self.assertNotIn((self.hot_desk, local(THURSDAY, 9)), self.spans(items))
        self.assertBookable(items, self.partner_member)

    def test_the_members_own_bookings_are_not_suggested_again(self):
        self.env["coworking.booking"].create(
            {
                "space_id": self.room_2.id,
                "partner_id": self.partner_member.id,
                "start": local(TUESDAY, 9),
                "stop": local(TUESDAY, 11),
                "state": "confirmed",
            }
        )
        items = self.recommend(self.user_member)
        for item in items:
            self.assertFalse(
                item["start"] < local(TUESDAY, 11) and item["stop"] > local(TUESDAY, 9),
                item,
            )

    def test_a_member_never_gets_another_companys_or_a_hidden_space(self):
        for everywhere in (False, True):
            items = self.recommend(self.user_member, limit=20, everywhere=everywhere)
            spaces = {item["space"] for item in items}
            self.assertTrue(spaces)
            self.assertNotIn(self.space_b, spaces)
            self.assertNotIn(self.hidden_room, spaces)
            self.assertEqual(spaces.pop().company_id, self.company)
        # not even when asked for them
        self.assertEqual(
            self.recommend(self.user_member, spaces=self.space_b | self.hidden_room),
            [],
        )

    def test_staff_get_what_staff_may_book(self):
        # front desk of company A: the unpublished room, never company B's
        items = self.recommend(self.user_front, self.partner_member, limit=20)
        spaces = {item["space"] for item in items}
        self.assertIn(self.hidden_room, spaces)
        self.assertNotIn(self.space_b, spaces)

    def test_a_member_never_gets_another_members_history(self):
        with self.assertRaises(AccessError):
            self.recommend(self.user_member, self.partner_other)
        # the history is read with the caller's rights: their own only
        past, _upcoming = self.Recommender.with_user(
            self.user_member
        )._recommendation_bookings(self.partner_other, NOW, NOW + timedelta(days=1))
        self.assertFalse(past)
        # a member without history gets popular options, not someone's habits
        items = self.recommend(self.user_newcomer)
        self.assertTrue(items)
        for item in items:
            self.assertEqual(item["basis"], "popular")
            self.assertIn("Popular with members", item["reasons"])
            self.assertFalse(any("You " in reason for reason in item["reasons"]))
        self.assertBookable(items, self.partner_newcomer)

    def test_visitors_get_nothing(self):
        public = self.env.ref("base.public_user")
        with self.assertRaises(AccessError):
            self.recommend(public, self.partner_member)

    def test_a_plan_limits_the_kinds_suggested(self):
        # without a plan the member gets the open space they use
        kinds = {i["space"].kind for i in self.recommend(self.user_member, limit=20)}
        self.assertIn("hot_desk", kinds)
        # a plan of meeting rooms only: no open space, popular or not
        self.make_membership(self.partner_member, self.plan_strict)
        self.make_membership(self.partner_newcomer, self.plan_strict)
        for user in (self.user_member, self.user_newcomer):
            items = self.recommend(user, limit=20)
            self.assertTrue(items)
            self.assertEqual({i["space"].kind for i in items}, {"meeting_room"})

    def test_quiet_times_rank_higher(self):
        week = self.hours(local(WEEK_START, 0), local(WEEK_START, 0) + timedelta(7))
        self.forecast("meeting_room", week, 0.9)
        self.forecast("hot_desk", week, 0.05)
        items = self.recommend(self.user_newcomer)
        self.assertEqual(items[0]["space"], self.hot_desk)
        self.assertEqual(items[0]["forecast_rate"], 0.05)
        self.assertIn("Usually quiet then (forecast 5 % busy)", items[0]["reasons"])
        busy = next(i for i in items if i["space"].kind == "meeting_room")
        self.assertIn("Usually busy then (forecast 90 % busy)", busy["reasons"])
        self.assertLess(busy["score"], items[0]["score"])

    def test_a_missing_forecast_is_neutral(self):
        items = self.recommend(self.user_member)
        self.assertIsNone(items[0]["forecast_rate"])
        self.forecast("meeting_room", [local(TUESDAY, 10), local(TUESDAY, 11)], 0.2)
        quiet = self.recommend(self.user_member)[0]
        self.assertEqual(quiet["forecast_rate"], 0.2)
        self.assertIn("Usually quiet then (forecast 20 % busy)", quiet["reasons"])
        self.assertGreater(quiet["score"], items[0]["score"])

    @users("cw_rec_member")
    def test_inputs_are_bounded(self):
        Recommender = self.env["coworking.ai.recommender"]
        partner = self.env.user.partner_id
        start = local(WEEK_START, 0)
        for limit in (0, 21, 500, -1, True, "5", None):
            with self.subTest(limit=limit), self.assertRaises(UserError):
                Recommender._recommend_for(partner, start, None, limit=limit)
        for days in (15, 400):
            with self.subTest(days=days), self.assertRaises(UserError):
                Recommender._recommend_for(partner, start, start + timedelta(days))
        with self.assertRaises(UserError):
            Recommender._recommend_for(partner, start, start - timedelta(hours=1))
        self.assertLessEqual(
            len(Recommender._recommend_for(partner, start, None, limit=20)), 20
        )
        # a range in the past has nothing to suggest
        self.assertEqual(
            Recommender._recommend_for(
                partner, NOW - timedelta(days=3), NOW - timedelta(days=1)
            ),
            [],
        )

    def test_queries_do_not_grow_with_spaces(self):
        Recommender = self.Recommender.with_user(self.user_member)

        def count():
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Recommender._recommend_for(
                self.partner_member,
                local(WEEK_START, 0),
                local(WEEK_START, 0) + timedelta(days=14),
                limit=20,
            )
            return self.cr.sql_log_count - before

        count()
        few = count()
        self.env["coworking.space"].create(
            [
                {
                    "name": f"Extra Room {index}",
                    "location_id": self.location.id,
                    "kind": "meeting_room",
                    "capacity": 6,
                }
                for index in range(10)
            ]
        )
        count()
        self.assertEqual(count(), few)

    @staticmethod
    def spans(items):
        return {(item["space"], item["start"]) for item in items}
