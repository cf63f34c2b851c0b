# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import SQL

from ..tools import bounds
from ..tools.bounds import MAX_QUESTIONS_PER_WINDOW, QUESTION_WINDOW_MINUTES
from .common import EventBadgesCommon


class QuestionsCommon(EventBadgesCommon):
    """The Test Summit and its keynote published on the website; Alice,
    registered, and a stranger sign in on the portal; a room manager of
    the summit, an event user, and a published talk of another fair."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Question = cls.env["coworking.event.question"]
        (cls.event | cls.other_event).is_published = True
        cls.keynote.is_published = True
        cls.fair_talk = cls.env["event.track"].create(
            {
                "name": "Fair Talk",
                "event_id": cls.other_event.id,
                "location_id": cls.hall.id,
                "is_published": True,
            }
        )
        cls.alice_user = new_test_user(
            cls.env,
            login="alice_q",
            groups="base.group_portal",
            partner_id=cls.alice.id,
            name=cls.alice.name,
        )
        cls.stranger_user = new_test_user(
            cls.env,
            login="stranger_q",
            groups="base.group_portal",
            partner_id=cls.stranger.id,
            name=cls.stranger.name,
        )
        cls.event_user = new_test_user(
            cls.env,
            login="event_user_q",
            groups="base.group_user,event.group_event_user",
            name="Event User",
        )

    @classmethod
    def bus_messages(cls, track):
        """The bus notifications sent to ``track``'s page, oldest first."""
        channel = json.dumps(
            [cls.env.cr.dbname, cls.Question._bus_channel(track)],
            separators=(",", ":"),
        )
        notifications = (
            cls.env["bus.bus"].sudo().search([("channel", "=", channel)], order="id")
        )
        return [json.loads(notification.message) for notification in notifications]


@tagged("post_install", "-at_install")
class TestQuestions(QuestionsCommon):
    """Who asks, what a question holds, who answers and what the page hears."""

    def test_registered_participant_asks_a_stripped_question(self):
        question = self.Question._ask(self.keynote, self.alice, "  Slides, please?\n ")
        self.assertEqual(
            (question.body, question.partner_id, question.event_id),
            ("Slides, please?", self.alice, self.event),
        )
        self.assertFalse(question.is_answered)
        self.assertFalse(question.answered_by_id)

    def test_person_without_confirmed_registration_cannot_ask(self):
        for person in (self.stranger, self.carol):  # no registration, a draft one
            with (
                self.subTest(person=person.name),
                self.assertRaisesRegex(
                    UserError, "Only the participants of Test Summit"
                ),
            ):
                self.Question._ask(self.keynote, person, "May I?")
        self.assertFalse(self.Question.search([("track_id", "=", self.keynote.id)]))

    def test_registration_elsewhere_does_not_open_another_event(self):
        with self.assertRaises(UserError):
            self.Question._ask(self.fair_talk, self.alice, "Wrong event?")

    def test_question_is_bounded(self):
        with self.assertRaisesRegex(UserError, "Write your question first"):
            self.Question._ask(self.keynote, self.alice, " \n\t ")
        with self.assertRaisesRegex(UserError, "at most 1000 characters"):
            self.Question._ask(
                self.keynote, self.alice, "?" * (bounds.MAX_QUESTION_LENGTH + 1)
            )
        longest = self.Question._ask(
            self.keynote, self.alice, "?" * bounds.MAX_QUESTION_LENGTH
        )
        self.assertEqual(len(longest.body), bounds.MAX_QUESTION_LENGTH)

    def test_answer_is_bounded(self):
        question = self.Question._ask(self.keynote, self.alice, "Long answer?")
        with self.assertRaisesRegex(UserError, "at most 1000 characters"):
            question.with_user(self.room_manager).answer = "!" * (
                bounds.MAX_QUESTION_LENGTH + 1
            )

    def test_answering_stamps_who_and_when_and_withdrawing_clears_them(self):
        question = self.Question._ask(self.keynote, self.alice, "Recorded?")
        question.with_user(self.room_manager).answer = "Yes, tonight."
        self.assertTrue(question.is_answered)
        self.assertEqual(question.answered_by_id, self.room_manager)
        self.assertTrue(question.answer_date)
        question.with_user(self.room_manager).answer = False
        self.assertFalse(question.is_answered)
        self.assertFalse(question.answered_by_id)
        self.assertFalse(question.answer_date)

    def test_room_manager_of_another_event_neither_reads_nor_answers(self):
        fair_question = self.Question._ask(self.fair_talk, self.stranger_fair(), "?")
        as_manager = fair_question.with_user(self.room_manager)
        self.assertFalse(
            self.Question.with_user(self.room_manager).search(
                [("track_id", "=", self.fair_talk.id)]
            )
        )
        with self.assertRaises(AccessError):
            as_manager.read(["body"])
        with self.assertRaises(AccessError):
            as_manager.write({"answer": "Not my event."})
        self.assertFalse(fair_question.answer)
        # their own event's questions are theirs to answer
        summit_question = self.Question._ask(self.keynote, self.alice, "?")
        summit_question.with_user(self.room_manager).answer = "Mine."
        self.assertEqual(summit_question.answered_by_id, self.room_manager)

    def test_event_user_reads_and_answers_every_event(self):
        fair_question = self.Question._ask(self.fair_talk, self.stranger_fair(), "?")
        as_event_user = fair_question.with_user(self.event_user)
        self.assertEqual(as_event_user.read(["body"])[0]["body"], "?")
        as_event_user.answer = "Any event."
        self.assertEqual(fair_question.answered_by_id, self.event_user)

    def test_portal_users_have_no_direct_access(self):
        question = self.Question._ask(self.keynote, self.alice, "Mine?")
        with self.assertRaises(AccessError):
            question.with_user(self.alice_user).read(["body"])

    def test_answer_is_sent_to_the_session_page_channel(self):
        question = self.Question._ask(self.keynote, self.alice, "Recorded?")
        self.env.cr.precommit.run()  # the bus writes its rows at commit
        before = len(self.bus_messages(self.keynote))
        question.with_user(self.room_manager).answer = "Yes, tonight."
        self.env.cr.precommit.run()
        messages = self.bus_messages(self.keynote)[before:]
        self.assertEqual(len(messages), 1)
        self.assertEqual(messages[0]["type"], "coworking_event_questions")
        payload = messages[0]["payload"]
        self.assertEqual(payload["track_id"], self.keynote.id)
        sent = {q["id"]: q for q in payload["questions"]}[question.id]
        self.assertEqual(
            (sent["answer"], sent["answered"], sent["author"]),
            ("Yes, tonight.", True, "Alice Pass"),
        )
        self.assertFalse(self.bus_messages(self.fair_talk))

    def stranger_fair(self):
        """The stranger, registered to the other fair."""
        ticket = self.env["event.event.ticket"].create(
            {
                "name": "Fair pass",
                "event_id": self.other_event.id,
                "product_id": self.pass_ticket.product_id.id,
            }
        )
        self._register(self.stranger, ticket)
        return self.stranger


@tagged("post_install", "-at_install")
class TestQuestionRoute(HttpCase, QuestionsCommon):
    """The JSON route of a session's page: bounded, explained refusals, a
    404 for what a visitor cannot open, a rate limit counted in the
    database."""

    url = "/event/track/question/ask"

    def ask(self, body, track=None, login="alice_q", csrf=True):
        """Ask as ``login`` (None: an anonymous visitor) with the CSRF token
        of the page."""
        self.authenticate(login, login)
        params = {"track_id": (track or self.keynote).id, "body": body}
        if csrf:
            params["csrf_token"] = http.Request.csrf_token(self)
        return self.make_jsonrpc_request(self.url, params)

    def test_participant_asks_and_gets_the_question_back(self):
        result = self.ask("  Slides?  ")
        question = self.Question.browse(result["question"]["id"])
        self.assertEqual(
            result["question"],
            {
                "id": question.id,
                "author": "Alice Pass",
                "body": "Slides?",
                "answer": "",
                "answered": False,
            },
        )
        self.assertEqual(question.partner_id, self.alice)

    def test_refusals_are_explained(self):
        cases = [
            ("", "alice_q", "Write your question first."),
            ("?" * (bounds.MAX_QUESTION_LENGTH + 1), "alice_q", "at most 1000"),
            ("May I?", "stranger_q", "Only the participants of Test Summit"),
            ("May I?", None, "Sign in to ask a question."),
        ]
        for body, login, message in cases:
            with self.subTest(login=login, body=body[:10]):
                result = self.ask(body, login=login)
                self.assertIn(message, result["error"])
                self.assertNotIn("question", result)
        self.assertFalse(self.Question.search([("track_id", "=", self.keynote.id)]))

    def test_body_of_another_type_is_refused_as_empty(self):
        self.authenticate("alice_q", "alice_q")
        result = self.make_jsonrpc_request(
            self.url,
            {
                "track_id": self.keynote.id,
                "body": ["a", "list"],
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(result["error"], "Write your question first.")

    def test_question_needs_the_page_csrf_token(self):
        result = self.ask("Forged?", csrf=False)
        self.assertEqual(result["code"], "expired")
        self.authenticate("alice_q", "alice_q")
        result = self.make_jsonrpc_request(
            self.url,
            {"track_id": self.keynote.id, "body": "Forged?", "csrf_token": "0o1"},
        )
        self.assertEqual(result["code"], "expired")
        self.assertFalse(self.Question.search([("track_id", "=", self.keynote.id)]))

    def test_unknown_or_unpublished_session_is_not_found(self):
        draft = self.env["event.track"].create(
            {"name": "Draft Talk", "event_id": self.event.id}
        )
        hidden_event = self._create_event("Hidden", self.now)
        hidden_talk = self.env["event.track"].create(
            {"name": "Hidden Talk", "event_id": hidden_event.id, "is_published": True}
        )
        self.authenticate("alice_q", "alice_q")
        token = http.Request.csrf_token(self)
        for track_id in (draft.id, hidden_talk.id, 2**31, 0, -1, "1", True, None):
            with self.subTest(track_id=track_id):
                with self.assertRaises(JsonRpcException) as caught:
                    self.make_jsonrpc_request(
                        self.url,
                        {"track_id": track_id, "body": "?", "csrf_token": token},
                    )
                self.assertEqual(caught.exception.code, 404)

    def test_five_questions_per_session_per_ten_minutes(self):
        for number in range(MAX_QUESTIONS_PER_WINDOW):
            self.assertIn("question", self.ask(f"Question {number}?"))
        refused = self.ask("One more?")
        self.assertEqual(refused["code"], "too_many")
        self.assertIn(
            f"{MAX_QUESTIONS_PER_WINDOW} questions about this session in the last "
            f"{QUESTION_WINDOW_MINUTES} minutes",
            refused["error"],
        )
        asked = self.Question.search([("partner_id", "=", self.alice.id)])
        self.assertEqual(len(asked), MAX_QUESTIONS_PER_WINDOW)
        # another person is not held back by Alice's questions
        self.env["coworking.event.role"].create(
            {
                "event_id": self.event.id,
                "partner_id": self.stranger.id,
                "role": "participant",
            }
        )
        self.assertIn("question", self.ask("My turn?", login="stranger_q"))
        # eleven minutes later, Alice asks again
        self.env.cr.execute(
            SQL(
                "UPDATE coworking_event_question "
                "SET create_date = create_date - INTERVAL '11 minutes' "
                "WHERE id IN %s",
                tuple(asked.ids),
            )
        )
        self.assertIn("question", self.ask("Again?"))


@tagged("post_install", "-at_install")
class TestQuestionPage(HttpCase, QuestionsCommon):
    """What the questions section of a session's page shows to whom."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.answered = cls.Question._ask(cls.keynote, cls.bob, "Recorded?")
        cls.answered.with_user(cls.room_manager).answer = "Yes, <b>tonight</b>."
        cls.waiting_bob = cls.Question._ask(cls.keynote, cls.bob, "Bob's secret?")
        cls.waiting_alice = cls.Question._ask(cls.keynote, cls.alice, "Alice waits?")

    def page(self, login=None):
        self.authenticate(login, login)
        response = self.url_open(self.keynote.website_url)
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_visitor_sees_answers_and_a_sign_in_link(self):
        html = self.page()
        self.assertIn(f'data-channel="coworking_event_track_{self.keynote.id}"', html)
        self.assertIn("Recorded?", html)
        self.assertIn("Yes, &lt;b&gt;tonight&lt;/b&gt;.", html, "answers are escaped")
        self.assertNotIn("Bob&#39;s secret?", html)
        self.assertNotIn("Alice waits?", html)
        self.assertIn("o_cw_question_sign_in", html)
        self.assertIn("/web/login?redirect=", html)
        self.assertNotIn("o_cw_question_form", html)

    def test_participant_sees_the_form_and_own_waiting_questions(self):
        html = self.page("alice_q")
        self.assertIn("o_cw_question_form", html)
        self.assertIn(f'maxlength="{bounds.MAX_QUESTION_LENGTH}"', html)
        self.assertIn('name="csrf_token"', html)
        self.assertIn("Alice waits?", html)
        self.assertIn("Waiting for an answer", html)
        self.assertNotIn("Bob&#39;s secret?", html)

    def test_signed_in_outsider_is_told_why_not(self):
        html = self.page("stranger_q")
        self.assertIn("o_cw_question_not_registered", html)
        self.assertIn("no registration to this event is in your name", html)
        self.assertIn(f"/event/{self.env['ir.http']._slug(self.event)}/register", html)
        self.assertNotIn("o_cw_question_form", html)
