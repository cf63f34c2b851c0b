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
    # the active credential issued by the current company
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

    @api.depends(
        "coworking_credential_ids.state", "coworking_credential_ids.company_id"
    )
    @api.depends_context("company")
    def _compute_coworking_credential_id(self):
        for partner in self:
            credential = partner.coworking_credential_ids.filtered(
                lambda c: c.state == "active" and c.company_id == self.env.company
            )[:1]
            partner.coworking_credential_id = credential
            partner.coworking_qr_image = credential.qr_image

    def _coworking_issue_credential(self):
        """Give each partner a new active credential of the current company,
        revoking the previous one of that company (credentials of other
        companies are left alone).

        The partner rows are updated first: a second rotation of the same
        person waits for the first one, then fails with a serialization error
        that Odoo's request loop retries on a fresh snapshot. The database still
        refuses a second active credential whatever the caller does.
        """
        if self:
            self.env.cr.execute(
                SQL(
                    "UPDATE res_partner SET write_date = NOW() AT TIME ZONE 'UTC' "
                    "WHERE id IN %s",
                    tuple(self.ids),
                )
            )
            self.invalidate_recordset(["write_date"])
        company = self.env.company
        credentials = self.env["coworking.credential"]
        credentials.search(
            [
                ("partner_id", "in", self.ids),
                ("company_id", "=", company.id),
                ("state", "=", "active"),
            ]
        ).action_revoke(reason=self.env._("Replaced by a new credential"))
        credentials.flush_model(["state"])
        return credentials.create(
            [{"partner_id": partner.id, "company_id": company.id} for partner in self]
        )

    def action_coworking_issue_credential(self):
        self._coworking_issue_credential()
        return True

    def action_coworking_revoke_credential(self):
        """Revoke the active credential of the current company."""
        self.mapped("coworking_credential_id").action_revoke()
        return True
