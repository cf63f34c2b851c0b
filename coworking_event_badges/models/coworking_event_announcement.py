# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

AUDIENCES = [
    ("all", "Everyone"),
    ("participants", "Participants"),
    ("exhibitors", "Exhibitors"),
    ("controllers", "Badge Controllers"),
    ("managers", "Room Managers and Organizers"),
]
# the roles each audience reaches (participants: confirmed registrations too)
AUDIENCE_ROLES = {
    "participants": ("participant",),
    "exhibitors": ("exhibitor",),
    "controllers": ("badge_controller",),
    "managers": ("room_manager", "organizer"),
}


class CoworkingEventAnnouncement(models.Model):
    """A message to the people of an event who hold one role (or to all),
    shown on the event's portal page and sent by email when published."""

    _name = "coworking.event.announcement"
    _description = "Event Announcement"
    _inherit = ["mail.thread", "coworking.event.mixin"]
    _order = "published_date desc, id desc"
    name = fields.Char(string="Title", required=True, translate=True)
    body = fields.Html(required=True, translate=True, sanitize=True)
    audience = fields.Selection(AUDIENCES, required=True, default="all")
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    published_date = fields.Datetime(readonly=True, copy=False)
    recipient_count = fields.Integer(
        string="Recipients", compute="_compute_recipient_count"
    )

    @api.depends("event_id", "audience")
    def _compute_recipient_count(self):
        for announcement in self:
            announcement.recipient_count = len(announcement._recipients())

    def _recipients(self):
        """The people this announcement reaches."""
        self.ensure_one()
        event = self.event_id
        partners = self.env["res.partner"]
        if not event:
            return partners
        roles = (
            self.env["coworking.event.role"]
            .sudo()
            .search([("event_id", "=", event.id)])
        )
        wanted = None if self.audience == "all" else AUDIENCE_ROLES[self.audience]
        partners |= roles.filtered(
            lambda role: wanted is None or role.role in wanted
        ).partner_id
        if self.audience in ("all", "participants"):
            partners |= (
                self.env["event.registration"]
                .sudo()
                .search(
                    [("event_id", "=", event.id), ("state", "in", ("open", "done"))]
                )
                .coworking_attendee_id
            )
        return partners

    @api.model
    def _audiences_of(self, event, partner):
        """The audiences ``partner`` belongs to in ``event``."""
        roles = set(
            self.env["coworking.event.role"]
            .sudo()
            .search([("event_id", "=", event.id), ("partner_id", "=", partner.id)])
            .mapped("role")
        )
        if self.env["event.registration"]._coworking_confirmed_of(event, partner):
            roles.add("participant")
        audiences = {"all"} if roles else set()
        for audience, audience_roles in AUDIENCE_ROLES.items():
            if roles & set(audience_roles):
                audiences.add(audience)
        return audiences

    def action_publish(self):
        """Publish and email every recipient (in their language)."""
        template = self.env.ref(
            "coworking_event_badges.mail_template_event_announcement"
        )
        for announcement in self:
            if announcement.state == "published":
                raise UserError(
                    self.env._("%s is already published.", announcement.name)
                )
            announcement.write(
                {"state": "published", "published_date": fields.Datetime.now()}
            )
            recipients = announcement._recipients().filtered("email")
            for partner in recipients:
                template.with_context(
                    lang=partner.lang, recipient_partner=partner
                ).send_mail(
                    announcement.id,
                    email_values={"recipient_ids": [(6, 0, partner.ids)]},
                )
            announcement.message_post(
                body=self.env._("Published and sent to %s people.", len(recipients))
            )
        return True

    def action_back_to_draft(self):
        self.write({"state": "draft"})
        return True
