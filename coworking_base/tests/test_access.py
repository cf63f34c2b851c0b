# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged, users

from .common import CoworkingCommon

STAFF = (
    "cw_front",
    "cw_cashier",
    "cw_agent",
    "cw_controller",
    "cw_room",
    "cw_employee",
)


@tagged("post_install", "-at_install")
class TestAccess(CoworkingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.credential = cls.member._coworking_issue_credential()
        cls.portal_credential = cls.user_portal.partner_id._coworking_issue_credential()

    def test_implied_groups(self):
        manager = self.user_manager
        for xmlid in (
            "user",
            "cashier",
            "queue_agent",
            "badge_controller",
            "room_manager",
        ):
            self.assertTrue(
                manager.has_group(f"coworking_base.group_coworking_{xmlid}")
            )
        self.assertTrue(
            self.user_room_manager.has_group(
                "coworking_base.group_coworking_badge_controller"
            )
        )
        self.assertFalse(
            self.user_cashier.has_group("coworking_base.group_coworking_user")
        )

    @users(*STAFF, "cw_manager", "cw_portal")
    def test_everyone_reads_locations_and_spaces(self):
        location = self.location.with_user(self.env.user)
        self.assertEqual(location.name, "Test Paris")
        self.assertEqual(
            set(location.space_ids.mapped("name")), {"Test Room", "Test Open Space"}
        )
        self.assertEqual(self.room.with_user(self.env.user).capacity, 6)

    @users(*STAFF)
    def test_staff_cannot_change_configuration(self):
        room = self.room.with_user(self.env.user)
        with self.assertRaises(AccessError):
            room.capacity = 8
        with self.assertRaises(AccessError):
            self.env["coworking.space"].create(
                {"name": "Sneaky", "location_id": self.location.id}
            )
        with self.assertRaises(AccessError):
            self.location.with_user(self.env.user).unlink()

    @users("cw_portal")
    def test_portal_cannot_change_configuration(self):
        with self.assertRaises(AccessError):
            self.room.with_user(self.env.user).write({"capacity": 8})
        with self.assertRaises(AccessError):
            self.env["coworking.amenity"].create({"name": "Sauna"})

    @users("cw_manager")
    def test_manager_configures_everything(self):
        location = self.env["coworking.location"].create(
            {
                "name": "Lyon",
                "tz": "Europe/Paris",
                "resource_calendar_id": self.calendar_paris.id,
            }
        )
        space = self.env["coworking.space"].create(
            {"name": "Rhône", "location_id": location.id, "capacity": 8}
        )
        equipment = self.env["coworking.equipment"].create(
            {"name": "Screen", "location_id": location.id, "space_id": space.id}
        )
        self.env["coworking.amenity"].create({"name": "Sauna"})
        space.capacity = 10
        equipment.unlink()
        space.unlink()
        self.assertEqual(location.space_count, 0)

    @users("cw_front")
    def test_front_desk_manages_credentials(self):
        member = self.member.with_user(self.env.user)
        member.action_coworking_issue_credential()
        self.assertEqual(self.credential.state, "revoked")
        self.assertTrue(member.coworking_credential_id.token.startswith("CW1."))
        self.assertTrue(member.coworking_qr_image)
        member.action_coworking_revoke_credential()
        self.assertFalse(member.coworking_credential_id)
        # Front desk may update equipment notes but not create equipment.
        self.env["coworking.equipment"].search([], limit=1).write({"note": "<p>Ok</p>"})

    @users("cw_controller", "cw_room")
    def test_badge_controllers_check_credentials(self):
        verdict = self.env["coworking.credential"]._scan_token(self.credential.token)
        self.assertTrue(verdict["valid"])
        self.assertEqual(
            self.credential.with_user(self.env.user).partner_id, self.member
        )
        with self.assertRaises(AccessError):
            self.credential.with_user(self.env.user).action_revoke()

    @users("cw_cashier", "cw_agent", "cw_employee")
    def test_other_staff_cannot_read_member_credentials(self):
        credentials = self.env["coworking.credential"].search([])
        self.assertNotIn(self.credential, credentials)
        with self.assertRaises(AccessError):
            self.credential.with_user(self.env.user).token  # noqa: B018
        with self.assertRaises(AccessError):
            self.member.with_user(self.env.user).action_coworking_issue_credential()

    @users("cw_portal")
    def test_portal_sees_only_own_credential(self):
        credentials = self.env["coworking.credential"].search([])
        self.assertEqual(credentials, self.portal_credential)
        self.assertTrue(credentials.token.startswith("CW1."))
        with self.assertRaises(AccessError):
            self.credential.with_user(self.env.user).token  # noqa: B018
        with self.assertRaises(AccessError):
            self.portal_credential.with_user(self.env.user).action_revoke()
