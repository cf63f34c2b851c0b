# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user
from odoo.tools import html2plaintext

from odoo.addons.coworking_membership.tests.common import NOW, MembershipCommon

# NOW is Tuesday 24 November 2026, 08:00 UTC (09:00 in Paris): "tomorrow"
# is Wednesday 25 November, when the Test Paris location opens 08:00-20:00.
__all__ = ["NOW", "AssistantCommon"]


class AssistantCommon(MembershipCommon):
    """The booking and membership fixtures, and the people who talk to the
    assistant: ``user_portal`` (a member on the credits plan, in Paris),
    ``user_portal_b`` (another member), the front desk (staff) and the
    manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.Assistant = cls.env["coworking.ai.assistant"]
        cls.Pending = cls.env["coworking.ai.assistant.pending"]
        cls.user_portal_b = new_test_user(
            cls.env, "cw_portal_b", groups="base.group_portal", name="Bruno Other"
        )
        cls.users_paris = (
            cls.user_portal
            | cls.user_portal_b
            | cls.user_front
            | cls.user_manager
            | cls.user_employee
        )
        cls.users_paris.write({"tz": "Europe/Paris"})
        cls.portal_partner = cls.user_portal.partner_id
        cls.portal_b_partner = cls.user_portal_b.partner_id
        (cls.portal_partner | cls.portal_b_partner).write({"is_coworking_member": True})
        cls.membership = cls.make_membership(cls.portal_partner, cls.plan_credits)
        cls.membership_b = cls.make_membership(cls.portal_b_partner, cls.plan_credits)

    def ask(self, user, text):
        """The assistant's answer to ``text`` from ``user``, as plain text."""
        return html2plaintext(self.Assistant.with_user(user)._answer(text))

    def bookings_of(self, partner):
        return self.env["coworking.booking"].search(
            [("partner_id", "=", partner.id), ("state", "!=", "cancelled")]
        )

    def pending_of(self, user):
        return self.Pending.search([("user_id", "=", user.id)])
