# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import itertools

from freezegun import freeze_time

from odoo.addons.coworking_base.tests.common import CronRunnerMixin
from odoo.addons.coworking_booking.tests.common import NOW, BookingCommon
from odoo.addons.coworking_iot.tools.contract import reading_payload


class IotBookingCommon(CronRunnerMixin, BookingCommon):
    """The rooms of ``BookingCommon`` with sensors: a presence sensor in the
    meeting room (none in the second room), one in the per-seat open space.
    Bookings are made a week ahead (``NOW``) for the test Tuesday; sensors
    speak on that Tuesday, each reading received as it is measured."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Device = cls.env["coworking.iot.device"]
        cls.Reading = cls.env["coworking.iot.reading"]
        cls.room_sensor, cls.desk_sensor = cls.Device.create(
            [
                {
                    "name": "Room presence",
                    "uid": "t-room-presence",
                    "kind": "occupancy",
                    "space_id": cls.room.id,
                    "secret": "s-room",
                },
                {
                    "name": "Desk presence",
                    "uid": "t-desk-presence",
                    "kind": "occupancy",
                    "space_id": cls.hot_desk.id,
                    "secret": "s-desk",
                },
            ]
        )
        cls.no_show_cron = cls.env.ref("coworking_booking.ir_cron_mark_no_shows")
        cls.overstay_cron = cls.env.ref("coworking_iot_booking.ir_cron_flag_overstays")
        cls.message_ids = itertools.count(1)

    def book(self, target=None, start=None, stop=None, partner=None, **values):
        with freeze_time(NOW):
            return super().book(target, start, stop, partner, **values)

    def sense(self, device, value, at):
        """The device sees ``value`` (presence 0/1, or people) at ``at``,
        and the worker ingests it at once."""
        metric = "people" if device.kind == "people_counter" else "presence"
        payload = reading_payload(
            device.uid, str(next(self.message_ids)), at, metric, value, device.secret
        )
        with freeze_time(at):
            result = self.Reading._ingest(
                [(f"coworking/devices/{device.uid}/readings", payload.encode())], at
            )
        self.env.invalidate_all()
        self.assertEqual(result["stored"], 1, result)

    def run_cron_at(self, cron, moment):
        with freeze_time(moment):
            self.run_cron(cron)
