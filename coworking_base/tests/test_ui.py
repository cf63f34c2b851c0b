# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.env["resource.calendar"].create(
            {"name": "Tour hours", "tz": "Europe/Paris"}
        )
        cls.location = cls.env["coworking.location"].create(
            {
                "name": "Tour Location",
                "tz": "Europe/Paris",
                "resource_calendar_id": calendar.id,
            }
        )
        cls.member = cls.env["res.partner"].create(
            {"name": "Tour Member", "is_coworking_member": True}
        )
        new_test_user(
            cls.env,
            "tour_manager",
            groups="coworking_base.group_coworking_manager,base.group_partner_manager",
            name="Tour Manager",
        )

    def test_manager_creates_a_space_and_issues_a_credential(self):
        self.start_tour(
            "/odoo/action-coworking_base.coworking_space_action",
            "coworking_base_tour",
            login="tour_manager",
        )
        space = self.env["coworking.space"].search([("name", "=", "Tour Focus Room")])
        self.assertEqual(space.location_id, self.location)
        self.assertEqual(space.kind, "private_office")
        self.assertEqual(space.capacity, 3)
        self.assertEqual(space.resource_id.tz, "Europe/Paris")
        credential = self.member.coworking_credential_id
        self.assertTrue(credential)
        self.assertTrue(
            self.env["coworking.credential"]._scan_token(credential.token)["valid"]
        )
