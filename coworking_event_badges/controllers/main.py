# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.coworking_base.tools import bounds as suite_bounds
from odoo.addons.website_event_track.controllers.event_track import (
    EventTrackController,
)

from ..exceptions import QuestionRefused
from ..tools import bounds

# answered questions shown on a session's page (the newest first)
MAX_PAGE_QUESTIONS = 100
# ids of the records of a JSON request


class CoworkingEventTrackController(EventTrackController):
    """The questions of a session's page: the answered ones for everyone,
    a form for the event's participants, their own questions waiting for
    an answer; answers arrive over the bus."""

    def _event_track_page_get_values(self, event, track, **options):
        values = super()._event_track_page_get_values(event, track, **options)
        values["coworking_questions"] = self._coworking_question_values(track.sudo())
        return values

    @http.route(
        "/event/track/question/ask",
        type="json",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def coworking_question_ask(self, track_id=None, body=None, csrf_token=None):
        """Ask ``body`` about the session ``track_id`` (404 when it is not
        published); refusals answer ``{"error": message}``, a question
        ``{"question": {...}}`` as the page shows it."""
        track = self._coworking_question_track(track_id)
        if not isinstance(csrf_token, str) or not request.validate_csrf(csrf_token):
            return self._coworking_question_error(
                "expired", request.env._("This page expired: reload it and ask again.")
            )
        if request.env.user._is_public():
            return self._coworking_question_error(
                "sign_in", request.env._("Sign in to ask a question.")
            )
        try:
            question = request.env["coworking.event.question"]._ask(
                track, request.env.user.partner_id, body
            )
        except QuestionRefused as error:
            return self._coworking_question_error(error.code, error.args[0])
        return {"question": self._coworking_question_payload(question)}

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _coworking_question_track(self, track_id):
        """The published session ``track_id`` of a published event of this
        website, as superuser; NotFound otherwise."""
        if (
            not isinstance(track_id, int)
            or isinstance(track_id, bool)
            or not 0 < track_id <= suite_bounds.MAX_ID
        ):
            raise NotFound()
        # sudo: event.track - visitors read published sessions; checked below
        track = request.env["event.track"].sudo().browse(track_id).exists()
        event = track.event_id
        if not (
            track.is_published
            and event.is_published
            and event.can_access_from_current_website()
        ):
            raise NotFound()
        return track

    def _coworking_question_error(self, code, message):
        return {"error": message, "code": code}

    def _coworking_question_values(self, track):
        """What the questions section of ``track``'s page shows."""
        # sudo: coworking.event.question - the page is public: answered
        # questions of a published session, and the visitor's own ones
        questions = request.env["coworking.event.question"].sudo()
        user = request.env.user
        partner = user.partner_id if not user._is_public() else user.partner_id.browse()
        answered = questions.search(
            [("track_id", "=", track.id), ("is_answered", "=", True)],
            order="create_date desc, id desc",
            limit=MAX_PAGE_QUESTIONS,
        )
        pending = questions.browse()
        if partner:
            pending = questions.search(
                [
                    ("track_id", "=", track.id),
                    ("partner_id", "=", partner.id),
                    ("is_answered", "=", False),
                ],
                order="create_date desc, id desc",
                limit=MAX_PAGE_QUESTIONS,
            )
        mine = (answered | pending).filtered(lambda q: q.partner_id == partner)
        if not partner:
            asker_state = "sign_in"
        elif questions._may_ask(track, partner):
            asker_state = "ask"
        else:
            asker_state = "not_registered"
        return {
            "channel": questions._bus_channel(track),
            "answered": [
                dict(self._coworking_question_payload(question), mine=question in mine)
                for question in answered
            ],
            "pending": [self._coworking_question_payload(q) for q in pending],
            "asker_state": asker_state,
            "max_length": bounds.MAX_QUESTION_LENGTH,
        }

    def _coworking_question_payload(self, question):
        return {
            "id": question.id,
            "author": question.partner_id.name,
            "body": question.body,
            "answer": question.answer or "",
            "answered": question.is_answered,
        }
