# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CoworkingCommon


@tagged("post_install", "-at_install")
class TestMultiCompany(CoworkingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_company_b()
        cls.equipment_b = cls.env["coworking.equipment"].create(
            {"name": "Printer B", "location_id": cls.location_b.id}
        )
        cls.amenity_shared = cls.env["coworking.amenity"].create({"name": "Shared"})
        cls.amenity_b = cls.env["coworking.amenity"].create(
            {"name": "Only B", "company_id": cls.company_b.id}
        )
        cls.user_manager_b = new_test_user(
            cls.env,
            "cw_manager_b",
            groups="coworking_base.group_coworking_manager",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.user_both = new_test_user(
            cls.env,
            "cw_both",
            groups="coworking_base.group_coworking_user",
            company_ids=[Command.set((cls.company + cls.company_b).ids)],
        )

    def test_records_belong_to_their_location_company(self):
        self.assertEqual(self.space_b.company_id, self.company_b)
        self.assertEqual(self.space_b.resource_id.company_id, self.company_b)
        self.assertEqual(self.equipment_b.company_id, self.company_b)

    def test_user_of_company_a_cannot_read_company_b(self):
        env = self.env(user=self.user_front)
        self.assertNotIn(self.space_b, env["coworking.space"].search([]))
        self.assertNotIn(self.location_b, env["coworking.location"].search([]))
        self.assertNotIn(self.equipment_b, env["coworking.equipment"].search([]))
        self.assertIn(self.room, env["coworking.space"].search([]))
        for record in (self.space_b, self.location_b, self.equipment_b):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_env(env).read(["name"])
        amenities = env["coworking.amenity"].search([])
        self.assertIn(self.amenity_shared, amenities)
        self.assertNotIn(self.amenity_b, amenities)

    def test_manager_of_company_b_cannot_touch_company_a(self):
        env = self.env(user=self.user_manager_b)
        self.assertEqual(
            env["coworking.space"].search(
                [("id", "in", (self.room + self.space_b).ids)]
            ),
            self.space_b,
        )
        with self.assertRaises(AccessError):
            self.room.with_env(env).write({"capacity": 2})

    def test_user_of_both_companies_sees_the_active_ones(self):
        env = self.env(user=self.user_both)
        both = env(context={"allowed_company_ids": (self.company + self.company_b).ids})
        self.assertIn(self.space_b, both["coworking.space"].search([]))
        self.assertIn(self.room, both["coworking.space"].search([]))
        only_a = env(context={"allowed_company_ids": self.company.ids})
        self.assertNotIn(self.space_b, only_a["coworking.space"].search([]))
