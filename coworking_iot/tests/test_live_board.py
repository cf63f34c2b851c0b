# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.bus.models.bus import channel_with_db, json_dump

from ..tools.contract import reading_payload
from .common import IotCommon

BUS_TYPE = "coworking_iot/occupancy"


@tagged("post_install", "-at_install")
class TestLiveBoard(IotCommon):
    """What the live board reads (``iot_live_occupancy_data``) and the bus
    notifications the ingestion sends it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_company_b()
        cls.counter_b = cls.Device.create(
            {
                "name": "Room B counter",
                "uid": "t-room-b-pc",
                "kind": "people_counter",
                "space_id": cls.space_b.id,
                "company_id": cls.company_b.id,
                "secret": "s-room-b",
            }
        )
        cls.user_b = new_test_user(
            cls.env,
            "cw_front_b",
            groups="coworking_base.group_coworking_user",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.user_both = new_test_user(
            cls.env,
            "cw_front_both",
            groups="coworking_base.group_coworking_user",
            company_ids=[Command.set((cls.company + cls.company_b).ids)],
        )

    def board(self, user, companies=None):
        Space = self.env["coworking.space"].with_user(user)
        if companies:
            Space = Space.with_context(allowed_company_ids=companies.ids)
        return Space.iot_live_occupancy_data()

    def last_bus_id(self):
        """The last bus message, once those pending are written."""
        self.env.cr.precommit.run()
        return self.env["bus.bus"].sudo()._bus_last_id()

    def bus_messages(self, since, company):
        """The occupancy notifications sent to ``company``'s channel after
        the bus message ``since``, as they are written at commit."""
        self.env.cr.precommit.run()
        channel = json_dump(
            channel_with_db(
                self.env.cr.dbname, self.env["coworking.space"]._iot_channel(company.id)
            )
        )
        rows = (
            self.env["bus.bus"]
            .sudo()
            .search([("id", ">", since), ("channel", "=", channel)], order="id")
        )
        messages = [json.loads(row.message) for row in rows]
        return [m["payload"] for m in messages if m["type"] == BUS_TYPE]

    def test_people_reading_sends_the_space_occupancy_on_its_company_channel(self):
        since = self.last_bus_id()
        now = fields.Datetime.now().replace(microsecond=0)
        result = self.ingest([self.message(self.counter, 1, "people", 4)], now=now)
        self.assertEqual(result["stored"], 1)
        self.assertEqual(
            self.bus_messages(since, self.company),
            [
                {
                    "space_id": self.room.id,
                    "people_now": 4,
                    "occupancy_rate": 66.7,
                    "measured_at": fields.Datetime.to_string(now),
                }
            ],
        )
        self.assertFalse(self.bus_messages(since, self.company_b))
        self.assertEqual(self.room.people_now, 4)

    def test_same_count_again_sends_nothing(self):
        self.ingest([self.message(self.counter, 1, "people", 4)])
        since = self.last_bus_id()
        self.ingest([self.message(self.counter, 2, "people", 4)])
        self.assertFalse(self.bus_messages(since, self.company))

    def test_board_lists_the_spaces_with_sensors_and_their_figures(self):
        self.ingest(
            [
                self.message(self.counter, 1, "people", 3),
                self.message(self.desk_1, 1, "presence", 1),
            ]
        )
        self.desk_2.write({"status": "offline"})
        no_sensor = self.env["coworking.space"].create(
            {"name": "Quiet Room", "location_id": self.location.id, "capacity": 2}
        )
        data = self.board(self.user_front, self.company)
        # the server subscribes the staff to their companies' channels: the
        # client names none
        self.assertNotIn("channels", data)
        self.assertTrue(data["now"])
        spaces = {space["id"]: space for space in data["spaces"]}
        self.assertNotIn(no_sensor.id, spaces)
        room = spaces[self.room.id]
        self.assertEqual(room["name"], "Test Room")
        self.assertEqual(room["location_id"], self.location.id)
        self.assertEqual(room["location"], "Test Paris")
        self.assertEqual(room["kind"], "Meeting Room")
        self.assertEqual(room["kind_code"], "meeting_room")
        self.assertEqual(room["capacity"], 6)
        self.assertEqual(room["people_now"], 3)
        self.assertEqual(room["occupancy_rate"], 50.0)
        self.assertTrue(room["measured_at"])
        self.assertEqual(
            (room["sensors"], room["offline"], room["never_seen"]), (1, 0, 0)
        )
        # two presence sensors and a door reader: one seen, one offline, one never
        desk = spaces[self.hot_desk.id]
        self.assertEqual(desk["people_now"], 1)
        self.assertEqual(
            (desk["sensors"], desk["offline"], desk["never_seen"]), (3, 1, 1)
        )

    def test_user_of_another_company_does_not_see_the_first_company_spaces(self):
        self.ingest([self.message(self.counter, 1, "people", 2)])
        Space = self.env["coworking.space"]
        data = self.board(self.user_b)
        self.assertEqual([space["id"] for space in data["spaces"]], [self.space_b.id])
        # nor hears of them: the server subscribes them to their company's only
        self.assertEqual(
            Space._iot_channels_of(self.user_b), [Space._iot_channel(self.company_b.id)]
        )
        # and the first company's users do not see the second's
        ids = [space["id"] for space in self.board(self.user_front)["spaces"]]
        self.assertIn(self.room.id, ids)
        self.assertNotIn(self.space_b.id, ids)

    def test_user_of_both_companies_sees_the_active_ones(self):
        data = self.board(self.user_both, self.company_b)
        self.assertEqual([space["id"] for space in data["spaces"]], [self.space_b.id])
        data = self.board(self.user_both, self.company + self.company_b)
        ids = {space["id"] for space in data["spaces"]}
        self.assertTrue({self.room.id, self.hot_desk.id, self.space_b.id} <= ids)


@tagged("post_install", "-at_install")
class TestLiveBoardTour(HttpCase):
    """The board, opened from the menu on the demo data, shows the people
    counted and the sensors offline, and opens a space."""

    def test_live_board_tour(self):
        louvre = self.env.ref("coworking_iot.coworking_iot_device_louvre_demo")
        seine = self.env.ref("coworking_iot.coworking_iot_device_seine_demo")
        now = fields.Datetime.now()
        payload = reading_payload(
            louvre.uid, "tour-1", now, "people", 4, "demo-secret-louvre"
        )
        self.env["coworking.iot.reading"]._ingest(
            [(f"coworking/devices/{louvre.uid}/readings", payload.encode())], now
        )
        seine.write({"status": "offline"})
        self.assertEqual(louvre.space_id.people_now, 4)
        self.start_tour("/odoo", "coworking_iot_live_occupancy_tour", login="admin")
