# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io

import qrcode

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, sql

from ..tools import qr_token

REASONS = [
    ("valid", "Valid"),
    (qr_token.MALFORMED, "Malformed"),
    (qr_token.FOREIGN, "Issued by another database"),
    (qr_token.TAMPERED, "Tampered"),
    ("unknown", "Unknown"),
    ("revoked", "Revoked"),
    ("archived", "Holder archived"),
]


class CoworkingCredential(models.Model):
    """One personal QR credential, issued by one company. A person holds at
    most one active credential per company; rotating revokes it and issues a
    new one, so old printouts stop working. A company's doors know only the
    credentials it issued."""

    _name = "coworking.credential"
    _description = "Coworking Personal Credential"
    _inherit = ["mail.thread"]
    _order = "issue_date desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Holder",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        string="Issued By",
        required=True,
        index=True,
        readonly=True,
        default=lambda self: self.env.company,
        help="The company whose doors open with this credential.",
    )
    handle = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: qr_token.new_handle(),
    )
    state = fields.Selection(
        [("active", "Active"), ("revoked", "Revoked")],
        required=True,
        default="active",
        readonly=True,
        tracking=True,
    )
    issue_date = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now
    )
    revoke_date = fields.Datetime(readonly=True)
    revoke_reason = fields.Char(readonly=True)
    # computed with the reader's rights, so record rules guard the token
    token = fields.Char(compute="_compute_token", compute_sudo=False)
    qr_image = fields.Binary(
        string="QR Code", compute="_compute_qr_image", compute_sudo=False
    )

    _sql_constraints = [
        ("handle_uniq", "UNIQUE (handle)", "This credential handle already exists."),
        (
            "one_active_per_partner",
            "EXCLUDE USING btree (partner_id WITH =, company_id WITH =) "
            "WHERE (state = 'active')",
            "This person already holds an active credential of this company: "
            "rotate it instead.",
        ),
        (
            "revoked_has_date",
            "CHECK (state = 'active' OR revoke_date IS NOT NULL)",
            "A revoked credential needs its revocation date.",
        ),
    ]

    def _auto_init(self):
        """Databases made before credentials carried their issuer: the new
        column is filled with the default (the company of the user running
        the update), then with the holder's company where the holder belongs
        to one. Each person had one active credential, so the constraint of
        one active credential per person and company holds either way."""
        cr = self.env.cr
        new_column = sql.table_exists(cr, self._table) and not sql.column_exists(
            cr, self._table, "company_id"
        )
        result = super()._auto_init()
        if new_column:
            cr.execute(
                SQL(
                    "UPDATE coworking_credential AS credential "
                    "SET company_id = partner.company_id "
                    "FROM res_partner AS partner "
                    "WHERE partner.id = credential.partner_id "
                    "AND partner.company_id IS NOT NULL"
                )
            )
        return result

    @api.model
    def _signing_material(self):
        """Return the (key, database tag) pair of this database."""
        params = self.env["ir.config_parameter"].sudo()
        return (
            qr_token.derive_key(params.get_param("database.secret")),
            qr_token.database_tag(params.get_param("database.uuid")),
        )

    @api.depends("partner_id.name", "issue_date", "state")
    def _compute_display_name(self):
        for credential in self:
            date = credential.issue_date and fields.Date.to_string(
                credential.issue_date
            )
            credential.display_name = self.env._(
                "%(holder)s, issued %(date)s",
                holder=credential.partner_id.name or "",
                date=date or "",
            )

    @api.depends("handle")
    def _compute_token(self):
        key, tag = self._signing_material()
        for credential in self:
            credential.token = (
                qr_token.sign(key, tag, credential.handle)
                if credential.handle
                else False
            )

    @api.depends("token")
    def _compute_qr_image(self):
        for credential in self:
            if not credential.token:
                credential.qr_image = False
                continue
            image = qrcode.make(credential.token, box_size=8, border=2)
            stream = io.BytesIO()
            image.save(stream, format="PNG")
            credential.qr_image = base64.b64encode(stream.getvalue())

    def write(self, vals):
        if vals.keys() & {"handle", "partner_id", "company_id"}:
            raise UserError(
                self.env._("A credential cannot be reassigned: rotate it instead.")
            )
        return super().write(vals)

    def action_revoke(self, reason=None):
        active = self.filtered(lambda c: c.state == "active")
        active.write(
            {
                "state": "revoked",
                "revoke_date": fields.Datetime.now(),
                "revoke_reason": reason
                or self.env._("Revoked by %s", self.env.user.name),
            }
        )
        return True

    @api.model
    def _scan_token(self, token):
        """Check a scanned token; never raise.

        Return a dict with ``valid`` (bool), ``reason`` (a code of ``REASONS``),
        ``message`` (for people) and ``credential`` (a record, possibly empty).
        A credential issued by a company outside the caller's companies is
        ``unknown``: another company's doors learn nothing about it.
        """
        key, tag = self._signing_material()
        credential = self.browse()
        try:
            handle = qr_token.verify(key, tag, token)
        except qr_token.TokenError as error:
            return self._token_verdict(error.code, credential)
        credential = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("handle", "=", handle),
                    ("company_id", "in", self.env.companies.ids),
                ],
                limit=1,
            )
        )
        if not credential:
            return self._token_verdict("unknown", credential)
        if credential.state == "revoked":
            return self._token_verdict("revoked", credential)
        if not credential.partner_id.active:
            return self._token_verdict("archived", credential)
        return self._token_verdict("valid", credential)

    @api.model
    def _token_verdict(self, reason, credential):
        messages = {
            "valid": self.env._("Valid credential of %s.", credential.partner_id.name),
            qr_token.MALFORMED: self.env._(
                "This is not a coworking credential (malformed code)."
            ),
            qr_token.FOREIGN: self.env._(
                "This credential was issued by another coworking database."
            ),
            qr_token.TAMPERED: self.env._(
                "This credential has been altered: its signature does not match."
            ),
            "unknown": self.env._("This credential is not known here."),
            "revoked": self.env._(
                "This credential was revoked on %(date)s: ask for the new one.",
                date=credential.revoke_date,
            ),
            "archived": self.env._("The holder of this credential is archived."),
        }
        return {
            "valid": reason == "valid",
            "reason": reason,
            "message": messages[reason],
            # the search ran as superuser: hand back the caller's own rights
            "credential": credential.sudo(self.env.su),
        }

    @api.model
    def verify_token(self, token):
        """Return the active credential behind ``token`` or raise ValidationError."""
        verdict = self._scan_token(token)
        if not verdict["valid"]:
            raise ValidationError(verdict["message"])
        return verdict["credential"]
