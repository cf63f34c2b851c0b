# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import threading

from odoo import api
from odoo.http import request
from odoo.tests import HttpCase, tagged

from odoo.addons.bus.models.bus import channel_with_db, dispatch, hashable
from odoo.addons.bus.tests.common import WebsocketCase
from odoo.addons.coworking_base.tests.bus_tour import BusTourMixin

from ..controllers.main import CoworkingEventTrackController
from .test_questions import QuestionsCommon

# what the tour asks, and the answer it waits for
TOUR_QUESTION = "Will the keynote slides be shared"
TOUR_ANSWER = "Every participant receives them tonight"


@tagged("post_install", "-at_install")
class TestQuestionsTour(BusTourMixin, HttpCase, QuestionsCommon):
    """In a browser: Alice, a registered participant signed in on the
    portal, asks a question on the keynote's page and sees it waiting; the
    room manager answers it and the answer appears on her open page, pushed
    over the bus (websocket): the page has no poll and is not reloaded."""

    def test_participant_sees_the_answer_arrive_live(self):
        seen = threading.Event()
        original = CoworkingEventTrackController._coworking_question_values

        def _coworking_question_values(controller, track):
            # the tour tells, through its page's URL, that it saw its
            # question waiting for an answer
            if request.params.get("tour") == "pending_seen":
                seen.set()
            return original(controller, track)

        self.patch(
            CoworkingEventTrackController,
            "_coworking_question_values",
            _coworking_question_values,
        )
        done = threading.Event()
        manager = threading.Thread(
            target=self._answer_when_seen, args=(seen, done), daemon=True
        )
        manager.start()
        try:
            self.start_tour(
                self.keynote.website_url,
                "coworking_event_questions_tour",
                login=self.alice_user.login,
            )
        finally:
            done.set()
            seen.set()
            manager.join(timeout=30)
        question = self.Question.search([("track_id", "=", self.keynote.id)])
        self.assertEqual(len(question), 1)
        self.assertEqual(
            (question.partner_id, question.body, question.answered_by_id),
            (self.alice, TOUR_QUESTION, self.room_manager),
        )

    def _answer_when_seen(self, seen, done):
        """The room manager answers Alice's question once the tour saw it
        waiting, then wakes the websockets listening to the keynote until
        the tour is done (a test cursor never notifies the bus at commit,
        and a socket may still be subscribing when the first wake-up
        comes)."""
        if not seen.wait(timeout=120) or done.is_set():
            return
        channel = self.wait_for_listener(self.Question._bus_channel(self.keynote))
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.room_manager.id, {})
            question = env["coworking.event.question"].search(
                [("track_id", "=", self.keynote.id), ("partner_id", "=", self.alice.id)]
            )
            question.answer = TOUR_ANSWER
        self.push_until(channel, done)


@tagged("post_install", "-at_install")
class TestQuestionChannel(WebsocketCase, QuestionsCommon):
    """The public channel of a session's page over a real websocket: an
    anonymous visitor subscribes to a published session's channel and
    hears its answers; other ``coworking_event_track_…`` channels are
    dropped."""

    def channel(self, track):
        return self.Question._bus_channel(track)

    def subscribed(self, channel):
        return bool(
            dispatch._channels_to_ws.get(
                hashable(channel_with_db(self.registry.db_name, channel))
            )
        )

    def test_visitor_hears_the_answers_of_a_published_session(self):
        question = self.Question._ask(self.keynote, self.alice, "Recorded?")
        self.env.cr.precommit.run()
        websocket = self.websocket_connect()  # an anonymous visitor
        self.subscribe(
            websocket,
            [self.channel(self.keynote)],
            self.env["bus.bus"]._bus_last_id(),
        )
        self.assertTrue(self.subscribed(self.channel(self.keynote)))
        question.with_user(self.room_manager).answer = "Yes, tonight."
        self.trigger_notification_dispatching([self.channel(self.keynote)])
        notifications = json.loads(websocket.recv())
        self.assertEqual(len(notifications), 1)
        message = notifications[0]["message"]
        self.assertEqual(message["type"], "coworking_event_questions")
        self.assertEqual(message["payload"]["track_id"], self.keynote.id)
        self.assertEqual(
            [
                (q["id"], q["answer"], q["answered"])
                for q in message["payload"]["questions"]
            ],
            [(question.id, "Yes, tonight.", True)],
        )

    def test_channels_of_unpublished_or_malformed_sessions_are_dropped(self):
        draft = self.env["event.track"].create(
            {"name": "Draft Talk", "event_id": self.event.id}
        )
        hidden_event = self._create_event("Hidden", self.now)
        hidden_talk = self.env["event.track"].create(
            {"name": "Hidden Talk", "event_id": hidden_event.id, "is_published": True}
        )
        refused = [
            self.channel(draft),
            self.channel(hidden_talk),
            "coworking_event_track_",
            "coworking_event_track_abc",
            f"coworking_event_track_0{self.keynote.id}",
            f"coworking_event_track_{self.keynote.id}_x",
            "coworking_event_track_99999999999",
        ]
        websocket = self.websocket_connect()
        self.subscribe(
            websocket,
            [self.channel(self.keynote), *refused],
            self.env["bus.bus"]._bus_last_id(),
        )
        self.assertTrue(self.subscribed(self.channel(self.keynote)))
        for channel in refused:
            with self.subTest(channel=channel):
                self.assertFalse(self.subscribed(channel))
