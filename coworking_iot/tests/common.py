# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo import fields

from odoo.addons.coworking_base.tests.common import CoworkingCommon

from ..tools.contract import reading_payload


class IotCommon(CoworkingCommon):
    """The Paris location of ``CoworkingCommon`` with sensors: a people
    counter in the meeting room, two presence sensors and a door reader in
    the open space, a page counter on a printer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Device = cls.env["coworking.iot.device"]
        cls.Reading = cls.env["coworking.iot.reading"]
        cls.printer = cls.env["coworking.equipment"].create(
            {"name": "Test Printer", "kind": "printer", "location_id": cls.location.id}
        )
        cls.counter = cls.Device.create(
            {
                "name": "Room counter",
                "uid": "t-room-pc",
                "kind": "people_counter",
                "space_id": cls.room.id,
                "secret": "s-room",
            }
        )
        cls.desk_1, cls.desk_2 = cls.Device.create(
            [
                {
                    "name": f"Desk sensor {n}",
                    "uid": f"t-desk-{n}",
                    "kind": "occupancy",
                    "space_id": cls.hot_desk.id,
                    "secret": f"s-desk-{n}",
                }
                for n in (1, 2)
            ]
        )
        cls.door = cls.Device.create(
            {
                "name": "Door",
                "uid": "t-door",
                "kind": "door",
                "space_id": cls.hot_desk.id,
                "auth_mode": "broker",
            }
        )
        cls.pages = cls.Device.create(
            {
                "name": "Printer pages",
                "uid": "t-pages",
                "kind": "usage_counter",
                "equipment_id": cls.printer.id,
                "secret": "s-pages",
            }
        )

    def message(self, device, message_id, metric, value, at=None, secret=None):
        """``(topic, payload)`` of a reading signed as the device signs it."""
        at = at or fields.Datetime.now()
        if secret is None and device.auth_mode == "signature":
            secret = device.sudo().secret
        return (
            f"coworking/devices/{device.uid}/readings",
            reading_payload(
                device.uid, str(message_id), at, metric, value, secret or None
            ).encode(),
        )

    def ingest(self, messages, now=None):
        result = self.Reading._ingest(messages, now or fields.Datetime.now())
        self.env.invalidate_all()
        return result

    @staticmethod
    def at(text):
        return datetime.fromisoformat(text)
