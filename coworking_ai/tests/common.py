# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields

from odoo.addons.coworking_base.tests.common import CoworkingCommon


class AiCommon(CoworkingCommon):
    """The suite's fixtures, and a second company (``company_b``) with a
    location in Lyon (``location_lyon``: French public holidays), its rooms
    and open space, whose synthetic history the tests write."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_company_b()
        cls.location_lyon = cls.env["coworking.location"].create(
            {
                "name": "Lyon B",
                "company_id": cls.company_b.id,
                "tz": "Europe/Paris",
                "partner_id": cls.env["res.partner"]
                .create(
                    {
                        "name": "Lyon B",
                        "city": "Lyon",
                        "country_id": cls.env.ref("base.fr").id,
                        "company_id": cls.company_b.id,
                    }
                )
                .id,
                "resource_calendar_id": cls._create_calendar(
                    "Lyon hours", "Europe/Paris", cls.company_b
                ).id,
            }
        )
        Space = cls.env["coworking.space"]
        cls.rooms_b = Space.create(
            [
                {
                    "name": f"Room L{number}",
                    "location_id": cls.location_lyon.id,
                    "capacity": 6,
                }
                for number in range(1, 7)
            ]
        )
        cls.open_space_b = Space.create(
            {
                "name": "Open Space L",
                "location_id": cls.location_lyon.id,
                "kind": "hot_desk",
                "capacity": 30,
            }
        )
        cls.members_b = cls.env["res.partner"].create(
            [
                {
                    "name": f"Member B{number}",
                    "is_coworking_member": True,
                    "company_id": cls.company_b.id,
                }
                for number in range(6)
            ]
        )

    @classmethod
    def _generate_history(cls, company, spaces, partners, days, seed=17, today=None):
        """``days`` days of synthetic past bookings of ``spaces`` up to the
        day before ``today`` (the real one by default), written as the demo
        writes them; returns how many."""
        Demand = cls.env["coworking.ai.demand"]
        today = today or fields.Date.context_today(Demand)
        first_day = today - timedelta(days=days)
        records = Demand._synthetic_history(
            company, spaces, partners, first_day, days, seed=seed
        )
        return Demand._demo_insert_bookings(company, spaces, records)
