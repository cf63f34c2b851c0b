# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class EventTrack(models.Model):
    """A session of an event (Odoo's track) in a room: a conference open to
    every registered person, or a paid workshop open to the holders of its
    tickets once paid."""

    _inherit = "event.track"

    # not required in the database: Odoo's own tests of website_event_track
    # create sessions without knowing these fields (empty reads as default)
    coworking_kind = fields.Selection(
        [("conference", "Conference"), ("workshop", "Paid Workshop")],
        string="Kind",
        default="conference",
    )
    coworking_ticket_ids = fields.Many2many(
        "event.event.ticket",
        "coworking_event_track_ticket_rel",
        "track_id",
        "ticket_id",
        string="Tickets",
        domain="[('event_id', '=', event_id)]",
        help="The tickets (sold through sale orders) that give access to "
        "this workshop once paid.",
    )
    coworking_stream_url = fields.Char(string="Live Stream URL")
    coworking_session_state = fields.Selection(
        [
            ("not_started", "Not Started"),
            ("live", "Live"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        string="Session State",
        default="not_started",
        tracking=True,
        copy=False,
    )
    coworking_question_ids = fields.One2many(
        "coworking.event.question", "track_id", string="Questions"
    )
    coworking_question_count = fields.Integer(
        string="Question Count", compute="_compute_coworking_question_count"
    )
    coworking_unanswered_count = fields.Integer(
        string="Unanswered", compute="_compute_coworking_question_count"
    )

    _sql_constraints = [
        (
            "coworking_stream_url_http",
            "CHECK (coworking_stream_url IS NULL "
            "OR coworking_stream_url ~* '^https?://')",
            "A live stream URL starts with http:// or https://.",
        ),
    ]

    @api.depends("coworking_question_ids.answer")
    def _compute_coworking_question_count(self):
        questions = self.env["coworking.event.question"]
        groups = questions._read_group(
            [("track_id", "in", self.ids)], ["track_id", "is_answered"], ["__count"]
        )
        counts = {}
        for track, answered, count in groups:
            total, unanswered = counts.get(track.id, (0, 0))
            counts[track.id] = (total + count, unanswered + (0 if answered else count))
        for track in self:
            track.coworking_question_count, track.coworking_unanswered_count = (
                counts.get(track.id, (0, 0))
            )

    def _ensure_session_state(self, allowed):
        for track in self:
            state = track.coworking_session_state or "not_started"
            if state not in allowed:
                raise UserError(
                    self.env._(
                        "%(session)s is %(state)s: this action does not apply.",
                        session=track.name,
                        state=dict(
                            track._fields[
                                "coworking_session_state"
                            ]._description_selection(self.env)
                        )[state],
                    )
                )

    def action_coworking_start(self):
        self._ensure_session_state({"not_started"})
        self.write({"coworking_session_state": "live"})
        return True

    def action_coworking_finish(self):
        self._ensure_session_state({"live"})
        self.write({"coworking_session_state": "done"})
        return True

    def action_coworking_cancel(self):
        self._ensure_session_state({"not_started", "live"})
        self.write({"coworking_session_state": "cancelled"})
        return True

    def action_coworking_reset(self):
        self._ensure_session_state({"cancelled", "done"})
        self.write({"coworking_session_state": "not_started"})
        return True

    def action_coworking_view_questions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_event_badges.coworking_event_question_action"
        )
        action["domain"] = [("track_id", "=", self.id)]
        action["context"] = {
            "default_track_id": self.id,
            "search_default_unanswered": 1,
        }
        return action
