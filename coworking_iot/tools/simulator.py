# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A traffic generator for demos and benchmarks: N devices publishing the
readings of a coworking day (people arriving from 8:00, a lunch dip, gone by
19:00; printers' page counters and projectors' hour counters growing with
it), at a chosen rate, signed as the devices would."""

import collections
import json
import logging
import math
import random
import threading
import time
from datetime import UTC, datetime

from paho.mqtt.enums import MQTTErrorCode
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from . import contract

_logger = logging.getLogger(__name__)
MQTT_ERR_SUCCESS = MQTTErrorCode.MQTT_ERR_SUCCESS
MQTT_ERR_NO_CONN = MQTTErrorCode.MQTT_ERR_NO_CONN

SimDevice = collections.namedtuple("SimDevice", "uid kind secret capacity metric")


def day_curve(hour):
    """Share of a space taken at ``hour`` (local, 0-24) on a working day."""
    if hour < 7.5 or hour > 19.5:
        return 0.0
    morning = math.exp(-((hour - 10.5) ** 2) / 4.5)
    afternoon = math.exp(-((hour - 15.0) ** 2) / 5.0)
    lunch = 0.35 * math.exp(-((hour - 12.75) ** 2) / 0.3)
    return max(0.0, min(1.0, 0.85 * max(morning, afternoon) - lunch))


class Simulator:
    """``devices``: ``SimDevice`` list; ``rate``: messages per second in all
    (0: as fast as the broker takes them); ``speed``: simulated seconds of
    the day curve per real second (timestamps stay real: devices send the
    time of their clock)."""

    def __init__(
        self,
        devices,
        broker,
        rate=50.0,
        speed=60.0,
        start_hour=7.0,
        client_id="coworking-iot-simulator",
        bad_ratio=0.0,
        seed=None,
    ):
        if not devices:
            raise ValueError("no device to simulate")
        self.devices = devices
        self.broker = broker
        self.rate = rate
        self.speed = speed
        self.start_hour = start_hour
        self.client_id = client_id
        self.bad_ratio = bad_ratio
        self.random = random.Random(seed)
        self.run_id = format(int(time.time() * 1000), "x")
        self.sequence = 0
        self.counters = {}
        self.published = 0
        self.acknowledged = 0
        self.unacked = {}  # mid: is a reading
        self.early = set()  # acknowledged before publish() returned
        self.lock = threading.Lock()
        self.client = None

    def connect(self):
        client = self.broker.client(self.client_id)
        # unacknowledged publications are kept and sent again after a
        # reconnection: a broker restart loses none of them
        client.max_inflight_messages_set(1000)
        client.max_queued_messages_set(0)
        client.reconnect_delay_set(min_delay=1, max_delay=10)
        client.on_publish = self._on_publish
        properties = Properties(PacketTypes.CONNECT)
        properties.SessionExpiryInterval = 3600
        client.connect_async(
            self.broker.host,
            self.broker.port,
            keepalive=30,
            clean_start=False,
            properties=properties,
        )
        client.loop_start()
        self.client = client

    def _on_publish(self, client, userdata, mid, reason_code, properties):
        with self.lock:
            if mid in self.unacked:
                self.acknowledged += self.unacked.pop(mid)
            else:
                self.early.add(mid)

    def hour(self, elapsed):
        return (self.start_hour + elapsed * self.speed / 3600.0) % 24

    def value(self, device, share):
        if device.metric == "presence":
            return 1 if self.random.random() < share else 0
        if device.metric == "people":
            return max(0, round(device.capacity * share + self.random.gauss(0, 0.5)))
        if device.metric == "entries":
            return max(0, round(self.random.expovariate(1.0) * share * 3))
        if device.metric == "pages":
            total = self.counters.get(device.uid, self.random.randint(1000, 90000))
            total += max(0, round(self.random.expovariate(1.0) * share * 12))
            self.counters[device.uid] = total
            return total
        if device.metric == "hours":
            total = self.counters.get(
                device.uid, round(self.random.uniform(10, 900), 2)
            )
            total = round(total + share * self.speed / 3600.0, 3)
            self.counters[device.uid] = total
            return total
        return round(self.random.uniform(20, 100), 1)

    def message(self, device, share, now):
        self.sequence += 1
        message_id = f"{self.run_id}-{self.sequence}"
        if self.bad_ratio and self.random.random() < self.bad_ratio:
            return self.bad_message(device, message_id, now)
        payload = contract.reading_payload(
            device.uid,
            message_id,
            now,
            device.metric,
            self.value(device, share),
            device.secret,
        )
        return f"{self.broker.prefix}/devices/{device.uid}/readings", payload

    def bad_message(self, device, message_id, now):
        topic = f"{self.broker.prefix}/devices/{device.uid}/readings"
        kind = self.random.choice(["malformed", "range", "skew", "unknown", "sig"])
        if kind == "malformed":
            return topic, "{not json"
        if kind == "range":
            return topic, contract.reading_payload(
                device.uid, message_id, now, device.metric, -5, device.secret
            )
        if kind == "skew":
            return topic, contract.reading_payload(
                device.uid,
                message_id,
                datetime(2001, 1, 1),
                device.metric,
                1,
                device.secret,
            )
        if kind == "unknown":
            return (
                f"{self.broker.prefix}/devices/ghost-1/readings",
                contract.reading_payload("ghost-1", message_id, now, "people", 1),
            )
        return topic, contract.reading_payload(
            device.uid, message_id, now, device.metric, 1, "not-the-secret"
        )

    def publish_statuses(self):
        """Each device's retained status (not counted among the readings)."""
        for device in self.devices:
            self.track(
                self.client.publish(
                    f"{self.broker.prefix}/devices/{device.uid}/status",
                    json.dumps(
                        {"online": True, "battery": self.random.randint(40, 100)}
                    ),
                    qos=1,
                    retain=True,
                ),
                reading=False,
            )

    def track(self, info, reading=True):
        """Follow a publication until the broker acknowledges it (the
        acknowledgement may come before ``publish`` returns)."""
        if info.rc not in (MQTT_ERR_SUCCESS, MQTT_ERR_NO_CONN):
            raise RuntimeError(f"the client refused a publication: {info.rc}")
        with self.lock:
            if info.mid in self.early:
                self.early.discard(info.mid)
                self.acknowledged += reading
            else:
                self.unacked[info.mid] = reading

    def run(self, count=None, duration=None, stop=None):
        """Publish until ``count`` messages, ``duration`` seconds or ``stop``
        (an Event) is set; then wait (up to 60 s) for the broker to
        acknowledge every publication. Returns the number published."""
        if self.client is None:
            self.connect()
        started = time.monotonic()
        interval = 1.0 / self.rate if self.rate else 0.0
        next_at = started
        index = 0
        while True:
            if count is not None and self.published >= count:
                break
            if duration is not None and time.monotonic() - started >= duration:
                break
            if stop is not None and stop.is_set():
                break
            device = self.devices[index % len(self.devices)]
            index += 1
            now = datetime.now(UTC).replace(tzinfo=None)
            share = day_curve(self.hour(time.monotonic() - started))
            topic, payload = self.message(device, share, now)
            self.track(self.client.publish(topic, payload, qos=1))
            self.published += 1
            if interval:
                next_at += interval
                pause = next_at - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
        self.wait_acknowledged(60)
        return self.published

    def wait_acknowledged(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if not self.unacked:
                    return True
            time.sleep(0.05)
        return False

    def close(self):
        if self.client is not None:
            self.client.disconnect()
            self.client.loop_stop()
            self.client = None
