# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_coworking_member = fields.Boolean(
        string="Coworking Member",
        index=True,
        help="Members book at member prices and hold a personal credential.",
    )
    coworking_credential_ids = fields.One2many(
        "coworking.credential",
        "partner_id",
        string="Credentials",
        groups="coworking_base.group_coworking_user",
    )
    coworking_credential_id = fields.Many2one(
        "coworking.credential",
        string="Active Credential",
        compute="_compute_coworking_credential_id",
        groups="coworking_base.group_coworking_user",
    )
    coworking_qr_image = fields.Binary(
        string="Personal QR Code",
        compute="_compute_coworking_credential_id",
        groups="coworking_base.group_coworking_user",
    )

    @api.depends("coworking_credential_ids.state")
    def _compute_coworking_credential_id(self):
        for partner in self:
            credential = partner.coworking_credential_ids.filtered(
                lambda c: c.state == "active"
            )[:1]
            partner.coworking_credential_id = credential
            partner.coworking_qr_image = credential.qr_image

    def _coworking_issue_credential(self):
        """Give each partner a new active credential, revoking the previous one.

        Each partner row is locked first, so two rotations at once are
        serialised; the database still refuses a second active credential.
        """
        self.env["coworking.credential"].flush_model()
        if self:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM res_partner WHERE id IN %s FOR NO KEY UPDATE",
                    tuple(self.ids),
                )
            )
        credentials = self.env["coworking.credential"].sudo()
        credentials.search(
            [("partner_id", "in", self.ids), ("state", "=", "active")]
        ).action_revoke(reason=self.env._("Replaced by a new credential"))
        return credentials.create([{"partner_id": partner.id} for partner in self])

    def action_coworking_issue_credential(self):
        self._coworking_issue_credential()
        return True

    def action_coworking_revoke_credential(self):
        self.coworking_credential_ids.filtered(
            lambda c: c.state == "active"
        ).sudo().action_revoke()
        return True
