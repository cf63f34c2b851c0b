# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

import pytz

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTimeline(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        location = cls.env.ref("coworking_base.coworking_location_paris_demo")
        cls.room = cls.env["coworking.space"].create(
            {"name": "Timeline Room", "location_id": location.id, "capacity": 4}
        )
        member = cls.env["res.partner"].create(
            {"name": "Timeline Member", "is_coworking_member": True}
        )
        # the next weekday, 10:00 in Paris
        day = datetime.now(pytz.timezone("Europe/Paris")).date() + timedelta(days=1)
        while day.weekday() > 4:
            day += timedelta(days=1)
        start = (
            pytz.timezone("Europe/Paris")
            .localize(datetime.combine(day, time(10)))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )
        cls.booking = cls.env["coworking.booking"].create(
            {
                "space_id": cls.room.id,
                "partner_id": member.id,
                "start": start,
                "stop": start + timedelta(hours=2),
                "state": "confirmed",
            }
        )
        new_test_user(
            cls.env,
            "timeline_front",
            groups="coworking_base.group_coworking_user",
            name="Timeline Front Desk",
        )

    def test_action_offers_the_timeline(self):
        action = self.env.ref("coworking_booking.coworking_booking_action")
        self.assertIn("timeline", action.view_mode.split(","))
        views = self.env["coworking.booking"].get_views([(False, "timeline")])
        arch = views["views"]["timeline"]["arch"]
        self.assertIn('default_group_by="resource_id"', arch)

    def test_front_desk_sees_bookings_on_the_timeline(self):
        self.start_tour(
            "/odoo", "coworking_booking_timeline_tour", login="timeline_front"
        )
