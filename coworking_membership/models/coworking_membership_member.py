# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CoworkingMembershipMember(models.Model):
    """A person who uses a membership: its holder, or one of the people of a
    team membership. The database lets a person be in one live membership
    only."""

    _name = "coworking.membership.member"
    _description = "Coworking Membership Member"
    _order = "membership_id, id"
    _rec_name = "partner_id"

    _sql_constraints = [
        (
            "partner_uniq",
            "UNIQUE (membership_id, partner_id)",
            "This person is already a member of this membership.",
        ),
    ]

    membership_id = fields.Many2one(
        "coworking.membership", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True, ondelete="restrict"
    )
    email = fields.Char(related="partner_id.email")
    state = fields.Selection(related="membership_id.state", store=True, index=True)
    company_id = fields.Many2one(
        related="membership_id.company_id", store=True, index=True
    )

    def init(self):
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS coworking_membership_member_live_uniq
                ON coworking_membership_member (partner_id)
             WHERE state IN ('active', 'suspended')
            """
        )

    @api.model_create_multi
    def create(self, vals_list):
        try:
            with self.env.cr.savepoint():
                members = super().create(vals_list)
                members.flush_recordset()
        except psycopg2.errors.UniqueViolation as error:
            if "coworking_membership_member_live_uniq" not in str(error):
                raise
            self.env.invalidate_all()
            raise ValidationError(
                self.env._(
                    "This person already has a running membership: end it first."
                )
            ) from None
        members.membership_id._sync_members()
        return members

    def write(self, vals):
        before = self.partner_id
        res = super().write(vals)
        if "partner_id" in vals:
            self.membership_id._sync_members(extra_partners=before)
        return res

    def unlink(self):
        memberships, partners = self.membership_id, self.partner_id
        res = super().unlink()
        memberships.exists()._sync_members(extra_partners=partners)
        return res
