# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from odoo.tests import BaseCase, tagged

from ..tools import contract

NOW = datetime(2026, 12, 6, 10, 0, 0)
FUTURE = timedelta(minutes=5)
AGE = timedelta(hours=24)


@tagged("post_install", "-at_install")
class TestContract(BaseCase):
    def parse(self, payload, uid="d1"):
        if isinstance(payload, str):
            payload = payload.encode()
        return contract.parse_reading(uid, payload, NOW, FUTURE, AGE)

    def reason(self, payload, uid="d1"):
        with self.assertRaises(contract.Dropped) as caught:
            self.parse(payload, uid)
        return caught.exception.reason

    def test_topic_layout(self):
        self.assertEqual(
            contract.topic_uid("coworking/devices/pc-1/readings", "coworking"),
            ("pc-1", "readings"),
        )
        self.assertEqual(
            contract.topic_uid("acme/cw/devices/pc-1/status", "acme/cw"),
            ("pc-1", "status"),
        )
        for topic in (
            "coworking/devices/pc-1",
            "coworking/devices//readings",
            "other/devices/pc-1/readings",
            "coworking/things/pc-1/readings",
            "coworking/devices/pc-1/readings/extra",
        ):
            self.assertEqual(
                contract.topic_uid(topic, "coworking"), (None, None), topic
            )

    def test_signed_reading_is_read_and_checked(self):
        payload = contract.reading_payload("d1", "7", NOW, "people", 4, "secret")
        reading = self.parse(payload)
        self.assertEqual(
            (reading.uid, reading.message_id, reading.metric, reading.value),
            ("d1", "7", "people", 4.0),
        )
        self.assertEqual(reading.measured_at, NOW)
        contract.check_device(reading, "people_counter", "secret")
        with self.assertRaises(contract.Dropped) as caught:
            contract.check_device(reading, "people_counter", "another secret")
        self.assertEqual(caught.exception.reason, "bad_signature")
        with self.assertRaises(contract.Dropped) as caught:
            contract.check_device(reading, "usage_counter", "secret")
        self.assertEqual(caught.exception.reason, "unknown_metric")

    def test_signature_covers_the_value_as_written(self):
        """A value changed on the way (4 → 40) fails the signature."""
        payload = contract.reading_payload("d1", "7", NOW, "people", 4, "secret")
        tampered = payload.replace('"value":4', '"value":40')
        reading = self.parse(tampered)
        with self.assertRaises(contract.Dropped):
            contract.check_device(reading, "people_counter", "secret")

    def test_epoch_and_offset_timestamps(self):
        epoch = int((NOW - datetime(1970, 1, 1)).total_seconds())
        payload = f'{{"device":"d1","id":"1","ts":{epoch},"metric":"people","value":2}}'
        self.assertEqual(self.parse(payload).measured_at, NOW)
        payload = (
            '{"device":"d1","id":"1","ts":"2026-12-06T11:00:00+01:00",'
            '"metric":"people","value":2}'
        )
        self.assertEqual(self.parse(payload).measured_at, NOW)

    def test_every_bad_payload_has_its_reason(self):
        good = contract.reading_payload("d1", "1", NOW, "people", 1)
        cases = {
            "too_large": good[:-1] + ',"pad":"' + "x" * 5000 + '"}',
            "malformed": "{not json",
            "clock_skew": contract.reading_payload(
                "d1", "1", NOW + timedelta(minutes=6), "people", 1
            ),
            "out_of_range": contract.reading_payload("d1", "1", NOW, "people", -1),
            "unknown_metric": contract.reading_payload("d1", "1", NOW, "humidity", 3),
        }
        for reason, payload in cases.items():
            self.assertEqual(self.reason(payload), reason, payload[:80])
        for malformed in (
            "[1, 2]",
            '"text"',
            b"\xff\xfe",
            '{"device":"d1","id":"1","ts":"2026-12-06T10:00:00Z","metric":"people"}',
            '{"device":"d1","id":"","ts":"2026-12-06T10:00:00Z","metric":"people",'
            '"value":1}',
            '{"device":"d1","id":"1","ts":"2026-12-06T10:00:00","metric":"people",'
            '"value":1}',
            '{"device":"d1","id":"1","ts":"yesterday","metric":"people","value":1}',
            '{"device":"d1","id":"1","ts":"2026-12-06T10:00:00Z","metric":"people",'
            '"value":"NaN"}',
            '{"device":"d1","id":"1","ts":"2026-12-06T10:00:00Z","metric":"people",'
            '"value":1e999}',
        ):
            self.assertEqual(self.reason(malformed), "malformed", malformed)
        # the device in the payload is the one of the topic
        self.assertEqual(self.reason(good, uid="d2"), "malformed")
        # a presence is 0 or 1, a people count whole
        self.assertEqual(
            self.reason(contract.reading_payload("d1", "1", NOW, "presence", 2)),
            "out_of_range",
        )
        self.assertEqual(
            self.reason(contract.reading_payload("d1", "1", NOW, "people", 1.5)),
            "out_of_range",
        )

    def test_status(self):
        status = contract.parse_status("d1", b'{"online": false, "battery": 12.5}')
        self.assertEqual((status.online, status.battery), (False, 12.5))
        with self.assertRaises(contract.Dropped):
            contract.parse_status("d1", b'{"online": "yes"}')
        with self.assertRaises(contract.Dropped):
            contract.parse_status("d1", b'{"battery": 140}')
