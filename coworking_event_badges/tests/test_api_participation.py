# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .api_common import NOW, EventApiCommon
from .common import nonce


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventApiParticipation(EventApiCommon):
    """Announcements to the caller's audiences, questions on sessions."""

    # -- announcements ------------------------------------------------------

    def test_announcements_reach_the_callers_audiences(self):
        Announcement = self.env["coworking.event.announcement"]
        published = {}
        for minutes, audience in enumerate(
            ("all", "participants", "exhibitors", "controllers", "managers")
        ):
            published[audience] = Announcement.create(
                {
                    "event_id": self.event.id,
                    "name": f"To {audience}",
                    "body": f"<p>Hello {audience}</p>",
                    "audience": audience,
                    "state": "published",
                    "published_date": NOW - timedelta(minutes=60 - minutes),
                }
            )
        Announcement.create(
            {"event_id": self.event.id, "name": "Draft", "body": "<p>x</p>"}
        )
        Announcement.create(
            {
                "event_id": self.other_event.id,
                "name": "Elsewhere",
                "body": "<p>x</p>",
                "state": "published",
                "published_date": NOW,
            }
        )
        path = f"/events/{self.event.id}/announcements"
        for user, audiences in (
            (self.participant, ["participants", "all"]),
            (self.exhibitor, ["exhibitors", "all"]),
            (self.controller, ["controllers", "all"]),
            (self.room_manager, ["managers", "all"]),
        ):
            with self.subTest(user=user.login):
                data = self.assertAnswer(
                    self.call("GET", path, self.key(user)), "EventAnnouncementList"
                )
                self.assertEqual(
                    [a["audience"] for a in data["announcements"]], audiences
                )
        data = self.assertAnswer(
            self.call("GET", path, self.key(self.participant), params={"limit": 1}),
            "EventAnnouncementList",
        )
        self.assertEqual(
            data["announcements"],
            [
                {
                    "id": published["participants"].id,
                    "title": "To participants",
                    "body": "<p>Hello participants</p>",
                    "audience": "participants",
                    "published_at": "2026-12-07T10:01:00Z",
                }
            ],
        )
        self.assertError(
            self.call("GET", path, self.key(self.outsider)), 403, "forbidden"
        )

    # -- questions ----------------------------------------------------------

    def questions(self, user, state="all"):
        path = f"/events/tracks/{self.keynote.id}/questions"
        response = self.call("GET", path, self.key(user), params={"state": state})
        data = self.assertAnswer(response, "EventQuestionList")
        self.assertEqual(
            data["track"],
            {"id": self.keynote.id, "name": "Keynote", "event_id": self.event.id},
        )
        return [question["id"] for question in data["questions"]]

    def test_a_participant_asks_and_reads_answers_and_their_own(self):
        path = f"/events/tracks/{self.keynote.id}/questions"
        response = self.call(
            "POST", path, self.key(self.participant), {"body": "  Slides, please?  "}
        )
        mine = self.assertAnswer(response, "EventQuestionResult", 201)["question"]
        self.assertEqual(
            (mine["body"], mine["author"], mine["mine"], mine["answered"]),
            ("Slides, please?", "Paula Participant", True, False),
        )
        self.assertEqual(mine["asked_at"], "2026-12-07T11:00:00Z")
        Question = self.env["coworking.event.question"]
        hidden = Question._ask(self.keynote, self.alice, "Is it recorded?")
        answered = Question._ask(self.keynote, self.bob, "Who speaks next?")
        answered.with_user(self.room_manager).answer = "Ada."
        # as on the session's page: answers, and the caller's own question
        self.assertEqual(self.questions(self.participant), [mine["id"], answered.id])
        self.assertEqual(self.questions(self.participant, "answered"), [answered.id])
        self.assertEqual(self.questions(self.participant, "unanswered"), [mine["id"]])
        response = self.call(
            "GET", path, self.key(self.participant), params={"state": "answered"}
        )
        read = self.assertAnswer(response, "EventQuestionList")["questions"][0]
        self.assertEqual(
            (read["answer"], read["answered"], read["mine"], read["author"]),
            ("Ada.", True, False, "Bob Workshop"),
        )
        self.assertEqual(read["answered_at"], "2026-12-07T11:00:00Z")
        # those who run the event read (and answer) every question
        for user in (self.room_manager, self.organizer, self.manager):
            with self.subTest(user=user.login):
                self.assertEqual(
                    set(self.questions(user, "unanswered")), {hidden.id, mine["id"]}
                )

    def test_questions_refused_as_documented(self):
        path = f"/events/tracks/{self.keynote.id}/questions"
        key = self.key(self.participant)
        # people with no part in the event neither read nor ask
        for method in ("GET", "POST"):
            with self.subTest(method=method):
                response = self.call(
                    method, path, self.key(self.outsider), {"body": "?"}
                )
                self.assertError(response, 403, "forbidden")
        self.assertError(self.call("POST", path, key, {"body": "   "}), 422, "empty")
        error = self.assertError(
            self.call("POST", path, key, {"body": "?" * 1001}), 400, "invalid_field"
        )
        self.assertEqual(error["field"], "body")
        response = self.call("GET", path, key, params={"state": "open"})
        self.assertError(response, 400, "invalid_field")
        # a few questions per session within minutes
        for number in range(5):
            response = self.call("POST", path, key, {"body": f"Question {number}"})
            self.assertEqual(response.status_code, 201, response.text)
        self.assertError(
            self.call("POST", path, key, {"body": "One more"}), 422, "too_many"
        )
        Question = self.env["coworking.event.question"]
        self.assertEqual(Question.search_count([("track_id", "=", self.keynote.id)]), 5)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventApiBooths(EventApiCommon):
    """Visits to a booth, recorded and read by its staff only."""

    # -- booths -------------------------------------------------------------

    def visit(self, code, user=None, booth=None, **values):
        body = {"code": code, "nonce": nonce(), **values}
        response = self.call(
            "POST",
            f"/events/booths/{(booth or self.booth).id}/visits",
            self.key(user or self.exhibitor),
            body,
        )
        return body, response

    def test_booth_staff_record_a_visit_once_per_nonce(self):
        self.alice.function = "CTO"
        body, response = self.visit(self.token(self.alice), note="Wants a demo")
        first = self.assertAnswer(response, "EventVisitResult", 201)
        self.assertFalse(first["duplicate"])
        visit = first["visit"]
        self.assertEqual(
            visit["visitor"],
            {
                "name": "Alice Pass",
                "email": "alice@t.example",
                "phone": None,
                "company": None,
                "job_position": "CTO",
            },
        )
        self.assertEqual(
            (visit["note"], visit["scanned_by"], visit["scanned_at"]),
            ("Wants a demo", "Ella Exhibitor", "2026-12-07T11:00:00Z"),
        )
        path = f"/events/booths/{self.booth.id}/visits"
        response = self.call("POST", path, self.key(self.exhibitor), body)
        again = self.assertAnswer(response, "EventVisitResult", 200)
        self.assertEqual(
            (again["visit"]["id"], again["duplicate"]), (visit["id"], True)
        )
        # visitors whose code is not a registered person's
        for code, reason in (
            (self.token(self.stranger), "not_registered"),
            ("garbage", "unknown"),
        ):
            with self.subTest(reason=reason):
                self.assertError(self.visit(code)[1], 422, reason)
        data = self.assertAnswer(
            self.call("GET", path, self.key(self.exhibitor)), "EventVisitList"
        )
        self.assertEqual(
            data["booth"],
            {"id": self.booth.id, "name": "Robots Inc", "event_id": self.event.id},
        )
        self.assertEqual(data["statistics"], {"total": 1, "today": 1, "visitors": 1})
        self.assertEqual(data["visits"], [visit])
        response = self.call(
            "GET", path, self.key(self.exhibitor), params={"offset": 1}
        )
        self.assertEqual(self.assertAnswer(response, "EventVisitList")["visits"], [])

    def test_another_booths_visits_are_not_found_for_an_exhibitor(self):
        body, response = self.visit(self.token(self.alice))
        self.assertEqual(response.status_code, 201, response.text)
        path = f"/events/booths/{self.booth.id}/visits"
        for user in (self.other_exhibitor, self.participant, self.controller):
            with self.subTest(user=user.login):
                response = self.call("GET", path, self.key(user))
                error = self.assertError(response, 404, "not_found")
                self.assertEqual(error["field"], "sponsor_id")
                self.assertNotIn("Alice", response.text)
        # nor scanned there, nor their nonces reused at another booth
        self.assertError(
            self.visit(self.token(self.bob), self.other_exhibitor)[1], 403, "forbidden"
        )
        response = self.call(
            "POST",
            f"/events/booths/{self.other_booth.id}/visits",
            self.key(self.other_exhibitor),
            body,
        )
        self.assertError(response, 409, "nonce_reused")
        self.assertNotIn("Alice", response.text)
        # a coworking administrator reads every booth
        data = self.assertAnswer(
            self.call("GET", path, self.key(self.manager)), "EventVisitList"
        )
        self.assertEqual(len(data["visits"]), 1)
        self.assertEqual(
            self.env["coworking.event.lead"].search_count(
                [("sponsor_id", "in", (self.booth | self.other_booth).ids)]
            ),
            1,
        )
        # an archived booth is gone for everyone
        self.booth.active = False
        response = self.call("GET", path, self.key(self.manager))
        self.assertError(response, 404, "not_found")
