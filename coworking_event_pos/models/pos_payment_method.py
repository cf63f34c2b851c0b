# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PosPaymentMethod(models.Model):
    _inherit = "pos.payment.method"

    coworking_membership_charge = fields.Boolean(
        string="Charge to the Membership",
        help="A member's purchase is not paid at the desk: it goes on the "
        "member's (or team's) next monthly invoice. The desk's closing books it "
        "on the company's clearing account of membership charges, which the "
        "monthly invoice clears.",
    )
    coworking_ask_reference = fields.Boolean(
        string="Ask the Terminal Reference",
        help="The cashier types the reference printed by the card terminal "
        "(a terminal not connected to Odoo); it is kept on the payment.",
    )

    @api.constrains("coworking_membership_charge", "journal_id", "split_transactions")
    def _check_coworking_membership_charge(self):
        for method in self.filtered("coworking_membership_charge"):
            if method.journal_id or method.split_transactions:
                raise ValidationError(
                    self.env._(
                        "A payment method charging memberships has no journal "
                        "and does not identify the customer's account: the "
                        "monthly invoice bills the member."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("coworking_membership_charge") and not vals.get(
                "receivable_account_id"
            ):
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["receivable_account_id"] = (
                    company._coworking_membership_clearing_account().id
                )
        return super().create(vals_list)

    @api.onchange("coworking_membership_charge")
    def _onchange_coworking_membership_charge(self):
        if self.coworking_membership_charge:
            self.journal_id = False
            self.split_transactions = False
            self.receivable_account_id = (
                self.company_id._coworking_membership_clearing_account()
            )

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + [
            "coworking_membership_charge",
            "coworking_ask_reference",
        ]
