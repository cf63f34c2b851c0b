# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .coworking_membership_credit import HOURS_DIGITS


class ResPartner(models.Model):
    """A contact's coworking memberships, credit hours and bookings."""

    _inherit = "res.partner"

    coworking_member_line_ids = fields.One2many(
        "coworking.membership.member",
        "partner_id",
        string="Coworking Memberships",
        groups="coworking_base.group_coworking_user",
    )
    coworking_membership_id = fields.Many2one(
        "coworking.membership",
        string="Coworking Membership",
        compute="_compute_coworking_membership",
        groups="coworking_base.group_coworking_user",
        help="The running membership of this person.",
    )
    coworking_membership_count = fields.Integer(
        compute="_compute_coworking_membership",
        groups="coworking_base.group_coworking_user",
    )
    coworking_credit_balance = fields.Float(
        string="Credit Hours",
        compute="_compute_coworking_membership",
        digits=(16, HOURS_DIGITS),
        groups="coworking_base.group_coworking_user",
    )
    coworking_booking_count = fields.Integer(
        compute="_compute_coworking_membership",
        groups="coworking_base.group_coworking_user",
    )

    def _compute_coworking_membership(self):
        Member = self.env["coworking.membership.member"]
        lines = Member.search([("partner_id", "in", self.ids)])
        billed = self.env["coworking.membership"].search(
            [("partner_id", "in", self.ids)]
        )
        bookings = dict(
            self.env["coworking.booking"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            mine = lines.filtered(lambda line, p=partner: line.partner_id == p)
            memberships = mine.membership_id | billed.filtered(
                lambda m, p=partner: m.partner_id == p
            )
            running = memberships.filtered(lambda m: m.state in ("active", "suspended"))
            partner.coworking_membership_id = running[:1]
            partner.coworking_membership_count = len(memberships)
            partner.coworking_credit_balance = running[:1].credit_balance
            partner.coworking_booking_count = bookings.get(partner, 0)

    def action_view_coworking_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_membership.coworking_membership_action"
        )
        action["domain"] = [
            "|",
            ("partner_id", "=", self.id),
            ("member_line_ids.partner_id", "=", self.id),
        ]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_view_coworking_credits(self):
        self.ensure_one()
        return self.coworking_membership_id.action_view_credits()

    def action_view_coworking_bookings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_booking.coworking_booking_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
