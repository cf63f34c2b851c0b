# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user

from odoo.addons.coworking_base.tests.api_common import ApiClientMixin

from .common import BookingCommon


class ApiCommon(ApiClientMixin, HttpCase, BookingCommon):
    """Portal users flagged as members (no membership bills them: this addon
    has none) with API keys, a guest customer with a key, front desk staff,
    and a space of another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = new_test_user(
            cls.env,
            "cw_api_a",
            groups="base.group_portal",
            name="Member A",
            email="api.a@example.com",
        )
        cls.user_b = new_test_user(
            cls.env,
            "cw_api_b",
            groups="base.group_portal",
            name="Member B",
            email="api.b@example.com",
        )
        (cls.user_a | cls.user_b).partner_id.is_coworking_member = True
        cls.user_guest = new_test_user(
            cls.env,
            "cw_api_guest",
            groups="base.group_portal",
            name="Guest With Account",
            email="api.guest@example.com",
        )
        Keys = cls.env["res.users.apikeys"]
        cls.key_a = Keys.with_user(cls.user_a).sudo()._generate(None, "a", None)
        cls.key_b = Keys.with_user(cls.user_b).sudo()._generate(None, "b", None)
        cls.key_guest = (
            Keys.with_user(cls.user_guest).sudo()._generate(None, "guest", None)
        )
        cls.key_front = (
            Keys.with_user(cls.user_front).sudo()._generate(None, "front", None)
        )
        cls.hidden_room = cls.env["coworking.space"].create(
            {
                "name": "Unpublished Room",
                "location_id": cls.location.id,
                "kind": "meeting_room",
                "capacity": 4,
                "is_published": False,
            }
        )
        cls.foreign_room = cls._create_foreign_space("Foreign Room")
        cls._enable_demo_payment()

    # -- helpers --------------------------------------------------------

    def snapshot(self):
        """What a refused request must leave as it was."""
        self.env.invalidate_all()
        bookings = self.env["coworking.booking"].search([])
        return (
            sorted(bookings.mapped(lambda b: (b.id, b.state, b.start, b.stop))),
            self.env["sale.order"].search_count([]),
            self.env["res.partner"].search_count([]),
        )

    def body(self, target=None, start=None, stop=None, **values):
        target = target or self.room
        return {
            "space_id": target.id,
            "start": (start or "2026-12-01T10:00:00+01:00"),
            "stop": (stop or "2026-12-01T12:00:00+01:00"),
            **values,
        }
