# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    coworking_membership_clearing_account_id = fields.Many2one(
        "account.account",
        string="Membership Charges to Invoice",
        help="Desk purchases charged to memberships wait here between the "
        "desk's closing and the member's monthly invoice.",
    )

    def _coworking_membership_clearing_account(self):
        """The clearing account of membership charges (created once)."""
        self.ensure_one()
        account = self.sudo().coworking_membership_clearing_account_id
        if account:
            return account
        Account = self.env["account.account"].sudo().with_company(self)
        # a current asset, not a receivable: the member's invoice line
        # crediting it is a plain line (Odoo makes a line on a receivable
        # account a due date of the invoice)
        sibling = Account.search(
            [
                *Account._check_company_domain(self),
                ("account_type", "=", "asset_current"),
            ],
            order="code desc",
            limit=1,
        )
        account = Account.create(
            {
                "name": self.env._("Membership Charges to Invoice"),
                "code": Account._search_new_account_code(sibling.code or "1109"),
                "account_type": "asset_current",
                "reconcile": True,
                "company_ids": [fields.Command.link(self.id)],
            }
        )
        self.sudo().coworking_membership_clearing_account_id = account
        return account
