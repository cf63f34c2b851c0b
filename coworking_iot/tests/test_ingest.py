# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

import psycopg2
import pytz
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.coworking_base.tests.common import CronRunnerMixin

from .common import IotCommon


@tagged("post_install", "-at_install")
class TestIngest(IotCommon, CronRunnerMixin):
    def drops(self):
        return {
            (drop.reason, drop.uid): drop.count
            for drop in self.env["coworking.iot.drop"].search([])
        }

    def test_readings_update_occupancy_and_devices(self):
        now = fields.Datetime.now()
        result = self.ingest(
            [
                self.message(self.counter, 1, "people", 2, now - timedelta(minutes=2)),
                self.message(self.counter, 2, "people", 3, now - timedelta(minutes=1)),
                self.message(self.desk_1, 1, "presence", 1, now),
                self.message(self.desk_2, 1, "presence", 0, now),
                self.message(self.door, 1, "entries", 2, now),
            ],
            now,
        )
        self.assertEqual(
            result, {"stored": 5, "duplicates": 0, "statuses": 0, "dropped": {}}
        )
        # the room counts its people counter's last value, the open space its
        # presence sensors that see someone
        self.assertEqual((self.room.people_now, self.room.occupancy_rate), (3, 50.0))
        self.assertEqual(
            (self.hot_desk.people_now, self.hot_desk.occupancy_rate), (1, 5.0)
        )
        self.assertEqual(self.room.occupancy_updated_at, now)
        self.assertEqual(self.counter.status, "online")
        self.assertEqual(self.counter.last_seen, now)
        self.assertEqual(
            (self.counter.last_metric, self.counter.last_value), ("people", 3)
        )
        hourly = self.env["coworking.iot.reading.hourly"].search(
            [("device_id", "=", self.counter.id)]
        )
        self.assertEqual(sum(hourly.mapped("reading_count")), 2)
        self.assertAlmostEqual(sum(hourly.mapped("value_sum")), 5.0)
        self.assertEqual(set(hourly.mapped("space_id")), {self.room})

    def test_a_message_sent_again_is_stored_and_counted_once(self):
        message = self.message(self.counter, "m-1", "people", 4)
        first = self.ingest([message, message])
        again = self.ingest([message])
        self.assertEqual((first["stored"], first["duplicates"]), (1, 1))
        self.assertEqual((again["stored"], again["duplicates"]), (0, 1))
        self.assertEqual(
            self.Reading.search_count([("device_id", "=", self.counter.id)]), 1
        )
        hourly = self.env["coworking.iot.reading.hourly"].search(
            [("device_id", "=", self.counter.id)]
        )
        self.assertEqual(hourly.reading_count, 1)

    def test_hourly_aggregates_add_up(self):
        base = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        values = [2, 6, 4]
        self.ingest(
            [
                self.message(
                    self.counter, n, "people", value, base + timedelta(minutes=n)
                )
                for n, value in enumerate(values)
            ],
            base + timedelta(minutes=5),
        )
        self.ingest(
            [self.message(self.counter, 9, "people", 0, base + timedelta(minutes=9))],
            base + timedelta(minutes=10),
        )
        hour = self.env["coworking.iot.reading.hourly"].search(
            [("device_id", "=", self.counter.id), ("hour", "=", base)]
        )
        self.assertEqual(hour.reading_count, 4)
        self.assertEqual((hour.value_min, hour.value_max, hour.value_avg), (0, 6, 3))
        # 3 people on average in a room of 6
        self.assertAlmostEqual(hour.occupancy_rate, 50.0)
        # on the location's clock
        local = pytz.utc.localize(base).astimezone(pytz.timezone("Europe/Paris"))
        self.assertEqual(
            (hour.hour_of_day, hour.weekday), (local.hour, str(local.weekday()))
        )

    def test_spaces_hours_follow_their_sensors(self):
        base = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)

        def at(minutes):
            return base + timedelta(minutes=minutes)

        self.ingest(
            [
                # the room: its counter says 2 then 4, 3 on average
                self.message(self.counter, 1, "people", 2, at(1)),
                self.message(self.counter, 2, "people", 4, at(2)),
                # the open space: one desk taken all along, one half the time
                self.message(self.desk_1, 1, "presence", 1, at(1)),
                self.message(self.desk_2, 1, "presence", 1, at(1)),
                self.message(self.desk_2, 2, "presence", 0, at(2)),
                self.message(self.door, 1, "entries", 3, at(1)),
                self.message(self.door, 2, "entries", 2, at(2)),
            ],
            at(3),
        )
        # sent again: nothing counted twice
        self.ingest([self.message(self.counter, 2, "people", 4, at(2))], at(4))
        Hours = self.env["coworking.iot.space.hourly"]
        room = Hours.search([("space_id", "=", self.room.id), ("hour", "=", base)])
        self.assertEqual((room.people_avg, room.people_peak), (3, 4))
        self.assertAlmostEqual(room.occupancy_rate, 50.0)
        self.assertEqual(room.location_id, self.location)
        open_space = Hours.search(
            [("space_id", "=", self.hot_desk.id), ("hour", "=", base)]
        )
        self.assertEqual((open_space.people_avg, open_space.people_peak), (1.5, 2))
        self.assertAlmostEqual(open_space.occupancy_rate, 7.5)
        self.assertEqual(open_space.entries, 5)
        # a space with a door reader only has entries, no occupancy (not a
        # 0 % that would pull the averages down)
        lobby = self.env["coworking.space"].create(
            {
                "name": "Lobby",
                "location_id": self.location.id,
                "kind": "lounge",
                "capacity": 10,
            }
        )
        self.door.space_id = lobby
        self.ingest([self.message(self.door, 3, "entries", 4, at(65))], at(66))
        self.env.cr.execute(
            "SELECT entries, occupancy_rate FROM coworking_iot_space_hourly "
            "WHERE space_id = %s",
            [lobby.id],
        )
        self.assertEqual(self.env.cr.fetchall(), [(4, None)])

    def test_usage_counters_add_increases_and_survive_a_reset(self):
        now = fields.Datetime.now()
        at = [now - timedelta(minutes=m) for m in (30, 20, 10, 5)]
        # the first total is the baseline, then +40, then a reset to 15 (+15)
        self.ingest(
            [
                self.message(self.pages, 1, "pages", 1000, at[0]),
                self.message(self.pages, 2, "pages", 1040, at[1]),
                self.message(self.pages, 3, "pages", 15, at[2]),
            ],
            now,
        )
        self.assertEqual(self.printer.iot_pages, 55)
        # an older message arriving late changes nothing
        self.ingest([self.message(self.pages, 4, "pages", 500, at[0])], now)
        self.assertEqual(self.printer.iot_pages, 55)
        self.assertEqual(self.pages.counter_value, 15)

    def test_bad_messages_are_counted_per_reason_and_good_ones_pass(self):
        now = fields.Datetime.now()
        ghost = self.message(self.counter, 1, "people", 1)[1].replace(
            b"t-room-pc", b"ghost-9"
        )
        messages = [
            self.message(self.counter, 1, "people", 2),
            ("coworking/devices/t-room-pc/readings", b"{oops"),
            ("coworking/devices/ghost-9/readings", ghost),
            self.message(self.counter, 2, "people", -4),
            self.message(self.counter, 3, "people", 1, now - timedelta(days=3)),
            self.message(self.counter, 4, "people", 1, secret="wrong"),
            self.message(self.counter, 5, "pages", 1),
            ("coworking/devices/t-room-pc/readings", b" " * 5000),
            ("coworking/elsewhere", b"{}"),
            self.message(self.desk_1, 1, "presence", 1),
        ]
        result = self.ingest(messages, now)
        self.assertEqual(result["stored"], 2)
        self.assertEqual(
            result["dropped"],
            {
                "malformed": 2,
                "unknown_device": 1,
                "out_of_range": 1,
                "clock_skew": 1,
                "bad_signature": 1,
                "unknown_metric": 1,
                "too_large": 1,
            },
        )
        drops = self.drops()
        self.assertEqual(drops[("unknown_device", "ghost-9")], 1)
        self.assertEqual(drops[("malformed", "t-room-pc")], 1)
        self.assertEqual(drops[("malformed", "-")], 1)
        # counted again, on the same day's counter
        self.ingest([("coworking/devices/t-room-pc/readings", b"{oops")], now)
        self.assertEqual(self.drops()[("malformed", "t-room-pc")], 2)
        drop = self.env["coworking.iot.drop"].search(
            [("reason", "=", "malformed"), ("uid", "=", "t-room-pc")]
        )
        self.assertEqual((drop.device_id, drop.last_payload), (self.counter, "{oops"))

    def test_archived_device_and_broker_authenticated_device(self):
        self.door.active = False
        result = self.ingest([self.message(self.door, 1, "entries", 1)])
        self.assertEqual(result["dropped"], {"unknown_device": 1})
        self.door.active = True
        # the broker authenticates the door: no signature asked
        result = self.ingest([self.message(self.door, 2, "entries", 1)])
        self.assertEqual(result["stored"], 1)

    def test_status_messages(self):
        self.ingest(
            [("coworking/devices/t-desk-1/status", b'{"online": true, "battery": 18}')]
        )
        self.assertEqual((self.desk_1.status, self.desk_1.battery), ("online", 18))
        # the Last Will: the device went away
        self.ingest([("coworking/devices/t-desk-1/status", b'{"online": false}')])
        self.assertEqual(self.desk_1.status, "offline")
        self.assertTrue(self.desk_1.activity_ids)

    def test_offline_after_silence_through_the_cron_runner(self):
        cron = self.env.ref("coworking_iot.ir_cron_coworking_iot_offline")
        start = fields.Datetime.now()
        with freeze_time(start):
            self.ingest([self.message(self.counter, 1, "people", 1, start)], start)
            self.ingest([self.message(self.desk_1, 1, "presence", 1, start)], start)
        self.desk_1.offline_minutes = 60
        with freeze_time(start + timedelta(minutes=20)):
            self.run_cron(cron)
        self.assertEqual(self.counter.status, "offline")
        self.assertEqual(self.desk_1.status, "online")
        activity_type = self.env.ref("coworking_iot.mail_activity_type_device_offline")
        activity = self.counter.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        self.assertEqual(len(activity), 1)
        self.assertTrue(
            activity.user_id.has_group("coworking_base.group_coworking_manager")
        )
        # the demo's devices fell silent too: every one of them is done
        done, remaining = self.progress_of(cron)[-1]
        self.assertGreaterEqual(done, 1)
        self.assertEqual(remaining, 0)
        # a second run tells nobody twice
        with freeze_time(start + timedelta(minutes=30)):
            self.run_cron(cron)
        self.assertEqual(len(self.counter.activity_ids), 1)
        # heard again: online, the activity done
        later = start + timedelta(minutes=31)
        with freeze_time(later):
            self.ingest([self.message(self.counter, 2, "people", 1, later)], later)
        self.assertEqual(self.counter.status, "online")
        self.assertFalse(self.counter.activity_ids)

    def test_offline_activity_in_the_managers_language(self):
        self._load_french("coworking_iot")
        manager = self.counter._offline_responsible()
        manager.write({"lang": "fr_FR", "tz": "Europe/Paris"})
        seen = self.at("2026-12-06T08:00:00")
        self.ingest([self.message(self.counter, 1, "people", 1, seen)], seen)
        with freeze_time(seen + timedelta(hours=1)):
            self.Device._cron_mark_offline()
        activity = self.counter.activity_ids
        self.assertEqual(activity.summary, "Appareil hors ligne")
        # 8:00 UTC is 9:00 in Paris
        self.assertIn("09:00", str(activity.note))
        self.assertIn("n'a rien envoyé", str(activity.note))

    def test_purge_keeps_the_hours_through_the_cron_runner(self):
        cron = self.env.ref("coworking_iot.ir_cron_coworking_iot_purge")
        old = fields.Datetime.now() - timedelta(days=40)
        with freeze_time(old):
            self.ingest(
                [self.message(self.counter, n, "people", 2, old) for n in range(3)], old
            )
        self.ingest([self.message(self.counter, 10, "people", 2)])
        self.run_cron(cron)
        readings = self.Reading.search([("device_id", "=", self.counter.id)])
        self.assertEqual(readings.mapped("message_id"), ["10"])
        self.assertEqual(self.progress_of(cron)[-1], (3, 0))
        old_hour = self.env["coworking.iot.reading.hourly"].search(
            [
                ("device_id", "=", self.counter.id),
                ("hour", "<", fields.Datetime.now() - timedelta(days=30)),
            ]
        )
        self.assertEqual(old_hour.reading_count, 3)

    def test_device_needs_what_it_measures_and_a_valid_id(self):
        with self.assertRaises(ValidationError):
            self.Device.create({"name": "x", "uid": "t-x", "kind": "people_counter"})
        with self.assertRaises(ValidationError):
            self.Device.create(
                {
                    "name": "x",
                    "uid": "t-y",
                    "kind": "usage_counter",
                    "space_id": self.room.id,
                }
            )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.CheckViolation),
            self.cr.savepoint(),
        ):
            self.Device.create(
                {
                    "name": "x",
                    "uid": "bad id/#",
                    "kind": "door",
                    "space_id": self.room.id,
                }
            )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
            self.cr.savepoint(),
        ):
            self.Device.create(
                {"name": "x", "uid": "t-door", "kind": "door", "space_id": self.room.id}
            )
        self.assertEqual(self.counter.location_id, self.location)
        self.assertEqual(self.counter.topic, "coworking/devices/t-room-pc/readings")

    def test_settings_are_bounded(self):
        for field, value in (
            ("coworking_iot_broker_port", 70000),
            ("coworking_iot_retention_days", 0),
            ("coworking_iot_max_age_seconds", 10),
            ("coworking_iot_topic_prefix", "cw/#"),
        ):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self.env["res.config.settings"].create({field: value})

    def test_access(self):
        self.ingest([self.message(self.counter, 1, "people", 2)])
        front = self.Device.with_user(self.user_front)
        self.assertIn(self.counter, front.search([]))
        with self.assertRaises(AccessError):
            self.counter.with_user(self.user_front).name = "renamed"
        with self.assertRaises(AccessError):
            self.counter.with_user(self.user_front).secret  # noqa: B018
        with self.assertRaises(AccessError):
            self.env["coworking.iot.drop"].with_user(self.user_front).search([])
        with self.assertRaises(AccessError):
            self.Reading.with_user(self.user_portal).search([])
        self.counter.with_user(self.user_manager).name = "renamed"
        self.assertTrue(self.counter.with_user(self.user_manager).secret)
        # another company sees none of it
        other = self.env["res.company"].create({"name": "Other Coworking"})
        stranger = new_test_user(
            self.env,
            "cw_iot_other",
            groups="coworking_base.group_coworking_manager",
            company_id=other.id,
            company_ids=[other.id],
        )
        self.assertFalse(self.Device.with_user(stranger).search([]))
        self.assertFalse(self.Reading.with_user(stranger).search([]))
        self.assertFalse(
            self.env["coworking.iot.reading.hourly"].with_user(stranger).search([])
        )

    def test_occupancy_channels_are_granted_to_the_staff_of_the_company(self):
        Space = self.env["coworking.space"]
        channel = (self.company, "coworking_iot_occupancy")
        self.assertEqual(Space._iot_channels_of(self.user_front), [channel])
        self.assertEqual(Space._iot_channels_of(self.user_manager), [channel])
        self.assertEqual(Space._iot_channels_of(self.user_portal), [])
        self.assertEqual(Space._iot_channels_of(self.user_employee), [])

    def test_simulated_fleet(self):
        devices = self.Device._simulated_devices(25)
        self.assertEqual(len(devices), 25)
        self.assertEqual(
            {d.kind for d in devices},
            {"occupancy", "people_counter", "door", "usage_counter"},
        )
        # asked again, the same fleet
        self.assertEqual(self.Device._simulated_devices(25), devices)
