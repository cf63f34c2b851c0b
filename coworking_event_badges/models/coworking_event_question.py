# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..exceptions import QuestionRefused
from ..tools import bounds


class CoworkingEventQuestion(models.Model):
    """A question asked by a participant on a session's page; the room's
    managers answer it, and the answer appears live on the page."""

    _name = "coworking.event.question"
    _description = "Session Question"
    _order = "is_answered, create_date desc, id desc"
    _rec_name = "body"
    _check_company_auto = True

    track_id = fields.Many2one(
        "event.track", string="Session", required=True, index=True, ondelete="cascade"
    )
    event_id = fields.Many2one(
        related="track_id.event_id", store=True, index=True, string="Event"
    )
    location_id = fields.Many2one(
        related="track_id.location_id", store=True, string="Room"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        compute="_compute_company_id",
        store=True,
        precompute=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Asked By", required=True, readonly=True
    )
    author_name = fields.Char(related="partner_id.name", string="Author")
    body = fields.Text(string="Question", required=True)
    answer = fields.Text()
    answered_by_id = fields.Many2one("res.users", string="Answered By", readonly=True)
    answer_date = fields.Datetime(readonly=True)
    is_answered = fields.Boolean(
        string="Answered", compute="_compute_is_answered", store=True
    )

    @api.depends("track_id")
    def _compute_company_id(self):
        for question in self:
            question.company_id = (
                question.track_id.event_id.company_id or self.env.company
            )

    @api.depends("answer")
    def _compute_is_answered(self):
        for question in self:
            question.is_answered = bool((question.answer or "").strip())

    @api.constrains("body", "answer")
    def _check_lengths(self):
        for question in self:
            for text in (question.body, question.answer):
                if text and len(text) > bounds.MAX_QUESTION_LENGTH:
                    raise ValidationError(
                        self.env._(
                            "A question or an answer holds at most %s characters.",
                            bounds.MAX_QUESTION_LENGTH,
                        )
                    )
            if not (question.body or "").strip():
                raise ValidationError(self.env._("A question cannot be empty."))

    @api.model_create_multi
    def create(self, vals_list):
        questions = super().create(vals_list)
        questions._notify_page()
        return questions

    def write(self, vals):
        if "answer" in vals:
            vals = dict(
                vals,
                answered_by_id=self.env.uid if vals["answer"] else False,
                answer_date=fields.Datetime.now() if vals["answer"] else False,
            )
        result = super().write(vals)
        if "answer" in vals:
            self._notify_page()
        return result

    @api.model
    def _bus_channel(self, track):
        """The public channel of a session's page."""
        return f"coworking_event_track_{track.id}"

    def _notify_page(self):
        """Push the published questions of the sessions concerned to their
        pages (answered ones with their answer)."""
        for track in self.track_id:
            self.env["bus.bus"]._sendone(
                self._bus_channel(track),
                "coworking_event_questions",
                {"track_id": track.id, "questions": self._page_payload(track)},
            )

    @api.model
    def _page_payload(self, track):
        """The answered questions of ``track``, for its public page (the
        channel is public: unanswered questions stay with their authors)."""
        questions = self.sudo().search(
            [("track_id", "=", track.id), ("is_answered", "=", True)], limit=200
        )
        return [
            {
                "id": question.id,
                "author": question.partner_id.name,
                "body": question.body,
                "answer": question.answer or "",
                "answered": question.is_answered,
            }
            for question in questions
        ]

    @api.model
    def _may_ask(self, track, partner):
        """Whether ``partner`` asks about ``track``: a confirmed registration
        for its event, or a role in it."""
        event = track.sudo().event_id
        return bool(
            self.env["event.registration"]._coworking_confirmed_of(event, partner)
            or self.env["coworking.event.role"]
            .sudo()
            .search_count(
                [("event_id", "=", event.id), ("partner_id", "=", partner.id)],
                limit=1,
            )
        )

    @api.model
    def _ask(self, track, partner, body):
        """A question from the page of ``track`` (or the API) by ``partner``;
        raise ``QuestionRefused`` with the reason."""
        body = (body or "").strip() if isinstance(body, str) else ""
        if not body:
            raise QuestionRefused(self.env._("Write your question first."), "empty")
        if len(body) > bounds.MAX_QUESTION_LENGTH:
            raise QuestionRefused(
                self.env._(
                    "A question holds at most %s characters.",
                    bounds.MAX_QUESTION_LENGTH,
                ),
                "too_long",
            )
        if not self._may_ask(track, partner):
            raise QuestionRefused(
                self.env._(
                    "Only the participants of %s ask questions here.",
                    track.sudo().event_id.name,
                ),
                "not_registered",
            )
        since = fields.Datetime.now() - timedelta(
            minutes=bounds.QUESTION_WINDOW_MINUTES
        )
        recent = self.sudo().search_count(
            [
                ("track_id", "=", track.id),
                ("partner_id", "=", partner.id),
                ("create_date", ">=", since),
            ]
        )
        if recent >= bounds.MAX_QUESTIONS_PER_WINDOW:
            raise QuestionRefused(
                self.env._(
                    "You asked %(count)s questions about this session in the last "
                    "%(minutes)s minutes: wait a little before asking another one.",
                    count=bounds.MAX_QUESTIONS_PER_WINDOW,
                    minutes=bounds.QUESTION_WINDOW_MINUTES,
                ),
                "too_many",
            )
        return self.sudo().create(
            {"track_id": track.id, "partner_id": partner.id, "body": body}
        )
