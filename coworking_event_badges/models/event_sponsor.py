# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class EventSponsor(models.Model):
    """An exhibitor's booth: the people working there and the visitors they
    scanned."""

    _inherit = "event.sponsor"

    coworking_role_ids = fields.One2many(
        "coworking.event.role", "sponsor_id", string="Booth Staff"
    )
    coworking_lead_ids = fields.One2many(
        "coworking.event.lead", "sponsor_id", string="Visits"
    )
    coworking_lead_count = fields.Integer(
        string="Visit Count", compute="_compute_coworking_lead_count"
    )

    @api.depends("coworking_lead_ids")
    def _compute_coworking_lead_count(self):
        counts = dict(
            self.env["coworking.event.lead"]._read_group(
                [("sponsor_id", "in", self.ids)], ["sponsor_id"], ["__count"]
            )
        )
        for sponsor in self:
            sponsor.coworking_lead_count = counts.get(sponsor, 0)

    def action_coworking_view_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_event_badges.coworking_event_lead_action"
        )
        action["domain"] = [("sponsor_id", "=", self.id)]
        action["context"] = {"default_sponsor_id": self.id}
        return action
