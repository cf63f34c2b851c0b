# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks (issue 12):
# pylint: disable=consider-merging-classes-inherited
"""The opportunity of a guest who books: a prospect for membership."""

from odoo import Command, fields, models


class CoworkingBooking(models.Model):
    """The CRM opportunity of bookings made by non-members."""

    _inherit = "coworking.booking"

    lead_id = fields.Many2one("crm.lead", string="Opportunity", copy=False)

    def _after_confirm(self):
        """The opportunity of a guest's confirmed booking is updated now."""
        res = super()._after_confirm()
        self.filtered(lambda b: not b.is_member and not b.parent_id)._sync_crm()
        return res

    def _sync_crm(self):
        """Create or update the opportunity of a non-member who booked."""
        if not self:
            return
        Lead = self.env["crm.lead"].sudo()
        tag = self.env.ref(
            "coworking_booking.crm_tag_coworking_booking", raise_if_not_found=False
        )
        for booking in self:
            partner = booking.partner_id.commercial_partner_id
            lead = Lead.search(
                [
                    ("partner_id", "child_of", partner.id),
                    ("type", "=", "opportunity"),
                    ("active", "=", True),
                    ("stage_id.is_won", "=", False),
                    ("tag_ids", "in", tag.ids),
                ],
                limit=1,
            )
            if lead:
                lead.expected_revenue += booking.price
            else:
                lead = Lead.create(
                    {
                        "name": self.env._(
                            "Bookings of %(partner)s", partner=partner.display_name
                        ),
                        "type": "opportunity",
                        "partner_id": booking.partner_id.id,
                        "email_from": booking.email or booking.partner_id.email,
                        "phone": booking.phone or booking.partner_id.phone,
                        "expected_revenue": booking.price,
                        "company_id": booking.company_id.id,
                        "tag_ids": [Command.set(tag.ids)],
                        "description": self.env._(
                            "Booked %(what)s as a guest: a prospect for membership.",
                            what=booking._sale_line_description(),
                        ),
                    }
                )
            lead.message_post(
                body=self.env._(
                    "New booking: %(what)s, %(amount)s",
                    what=booking._sale_line_description(),
                    amount=booking.price,
                )
            )
            booking.sudo().lead_id = lead
