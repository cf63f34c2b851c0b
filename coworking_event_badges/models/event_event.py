# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .event_registration import CONFIRMED


class EventEvent(models.Model):
    _inherit = "event.event"

    coworking_role_ids = fields.One2many(
        "coworking.event.role", "event_id", string="Roles"
    )
    coworking_staff_slot_ids = fields.One2many(
        "coworking.event.staff.slot", "event_id", string="Staff Rota"
    )
    coworking_announcement_ids = fields.One2many(
        "coworking.event.announcement", "event_id", string="Announcements"
    )
    coworking_scan_count = fields.Integer(
        string="Scans", compute="_compute_coworking_scan_count"
    )
    coworking_present_count = fields.Integer(
        string="Inside",
        compute="_compute_coworking_scan_count",
        help="People whose last granted scan at the event's entrance is an entry.",
    )

    def _compute_coworking_scan_count(self):
        scans = self.env["coworking.event.scan"]
        counts = dict(
            scans._read_group([("event_id", "in", self.ids)], ["event_id"], ["__count"])
        )
        for event in self:
            event.coworking_scan_count = counts.get(event, 0)
            event.coworking_present_count = (
                scans._occupancy(event, scans.env["event.track.location"])
                if event.id
                else 0
            )

    @api.model
    def _coworking_domain_of(self, partner):
        """The events where ``partner`` holds a role or a confirmed
        registration."""
        return [
            "|",
            ("coworking_role_ids", "any", [("partner_id", "=", partner.id)]),
            (
                "registration_ids",
                "any",
                [
                    ("coworking_attendee_id", "=", partner.id),
                    ("state", "in", CONFIRMED),
                ],
            ),
        ]

    @api.model
    def _coworking_scanning_events(self):
        """The events the current user may scan badges for."""
        if self.env.user.has_group("coworking_base.group_coworking_manager"):
            return self.search([])
        roles = (
            self.env["coworking.event.role"]
            .sudo()
            .search(
                [
                    ("user_id", "=", self.env.uid),
                    ("role", "in", ("organizer", "room_manager", "badge_controller")),
                ]
            )
        )
        return roles.event_id

    def action_coworking_open_scanner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "coworking_event_badges.scanner",
            "name": self.env._("Badge Scanner"),
            "target": "fullscreen",
            "context": {"default_event_id": self.id},
        }

    def action_coworking_view_scans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_event_badges.coworking_event_scan_action"
        )
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"default_event_id": self.id}
        return action
