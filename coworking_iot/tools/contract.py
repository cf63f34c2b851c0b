# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The MQTT contract of the sensors, as pure Python (no ORM).

Topics (``<prefix>`` is ``coworking`` unless set otherwise)::

    <prefix>/devices/<device uid>/readings   QoS 1, not retained
    <prefix>/devices/<device uid>/status     QoS 1, retained (and the Last Will)

A reading is a JSON object::

    {"device": "pc-paris-1", "id": "000042", "ts": "2026-12-06T09:15:00Z",
     "metric": "people", "value": 4, "sig": "<hex HMAC-SHA256>"}

``id`` is the device's message id (unique per device: a message sent twice is
stored once), ``ts`` an ISO 8601 time with its offset or seconds since the
epoch, ``sig`` the HMAC-SHA256 of ``device|id|ts|metric|value`` (each as
written in the JSON text) with the device's secret, required for devices
authenticated by signature.

A status is ``{"online": true, "battery": 87}`` (both optional).

``parse_reading`` returns a ``Reading`` or raises ``Dropped`` with one of
``DROP_REASONS``: the worker counts the reason and goes on.
"""

import hashlib
import hmac
import json
import math
from collections import namedtuple
from datetime import UTC, datetime, timedelta

MAX_PAYLOAD = 4096
MAX_ID = 64

DROP_REASONS = {
    "too_large": "Payload over 4 KiB",
    "malformed": "Malformed payload",
    "unknown_device": "Unknown or inactive device",
    "unknown_metric": "Metric not measured by the device",
    "out_of_range": "Value out of range",
    "clock_skew": "Timestamp too far from the receipt time",
    "bad_signature": "Missing or wrong signature",
    "error": "Refused by the server (see the worker's log)",
}

# metric: (lowest, highest, integral)
METRICS = {
    "presence": (0, 1, True),
    "people": (0, 10_000, True),
    "entries": (0, 10_000, True),
    "pages": (0, 1_000_000_000, True),
    "hours": (0, 1_000_000, False),
    "battery": (0, 100, False),
}
# What each kind of device may send.
KIND_METRICS = {
    "occupancy": {"presence", "battery"},
    "people_counter": {"people", "battery"},
    "door": {"entries", "battery"},
    "usage_counter": {"pages", "hours", "battery"},
}
# Counters only grow: what is stored is the total, usage is the increase.
COUNTERS = {"pages", "hours"}

Reading = namedtuple(
    "Reading", "uid message_id measured_at metric value signed_text sig"
)
Status = namedtuple("Status", "uid online battery")


class Dropped(ValueError):
    """A message the worker counts and drops."""

    def __init__(self, reason, uid=None):
        super().__init__(reason)
        self.reason = reason
        self.uid = uid


def topic_uid(topic, prefix):
    """``(uid, kind)`` of a topic ``<prefix>/devices/<uid>/<kind>``, kind being
    ``readings`` or ``status``; ``(None, None)`` for any other topic."""
    parts = topic.split("/")
    head = prefix.split("/")
    if (
        len(parts) != len(head) + 3
        or parts[: len(head)] != head
        or parts[len(head)] != "devices"
        or parts[-1] not in ("readings", "status")
        or not parts[-2]
    ):
        return None, None
    return parts[-2], parts[-1]


def _load(payload):
    if len(payload) > MAX_PAYLOAD:
        raise Dropped("too_large")
    try:
        # numbers are kept as written: the signature covers the text
        data = json.loads(payload, parse_float=str, parse_int=str)
    except (ValueError, UnicodeDecodeError) as error:
        raise Dropped("malformed") from error
    if not isinstance(data, dict):
        raise Dropped("malformed")
    return data


def _number(text):
    if not isinstance(text, str):
        raise Dropped("malformed")
    try:
        value = float(text)
    except ValueError as error:
        raise Dropped("malformed") from error
    if not math.isfinite(value):
        raise Dropped("malformed")
    return value


def parse_time(raw):
    """A naive UTC datetime from ISO 8601 with an offset or epoch seconds."""
    if isinstance(raw, str) and raw and raw[0].isdigit() and "-" not in raw:
        seconds = _number(raw)
        if not 0 <= seconds < 4_102_444_800:  # before 2100
            raise Dropped("clock_skew")
        return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)
    if not isinstance(raw, str) or len(raw) > 40:
        raise Dropped("malformed")
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError as error:
        raise Dropped("malformed") from error
    if moment.tzinfo is None:
        raise Dropped("malformed")  # a device says which clock it reads
    return moment.astimezone(UTC).replace(tzinfo=None)


def parse_reading(topic_uid_, payload, now, max_future, max_age):
    """Validate one reading: shape, size, time. What depends on the device
    (is it known, may it send this metric, its signature) is checked by
    ``check_device``."""
    data = _load(payload)
    uid = data.get("device")
    message_id = data.get("id")
    metric = data.get("metric")
    if (
        uid != topic_uid_
        or not isinstance(message_id, str)
        or not 0 < len(message_id) <= MAX_ID
        or not isinstance(metric, str)
        or "ts" not in data
        or "value" not in data
    ):
        raise Dropped("malformed", topic_uid_)
    value = data["value"]
    if isinstance(value, bool) and metric == "presence":
        value = "1" if value else "0"
    number = _number(value)
    measured_at = parse_time(data["ts"])
    if measured_at > now + max_future or measured_at < now - max_age:
        raise Dropped("clock_skew", uid)
    if metric not in METRICS:
        raise Dropped("unknown_metric", uid)
    low, high, integral = METRICS[metric]
    if not low <= number <= high or (integral and not number.is_integer()):
        raise Dropped("out_of_range", uid)
    signed_text = "|".join((uid, message_id, str(data["ts"]), metric, str(value)))
    sig = data.get("sig")
    return Reading(
        uid,
        message_id,
        measured_at,
        metric,
        number,
        signed_text,
        sig if isinstance(sig, str) else None,
    )


def check_device(reading, kind, secret):
    """Raise ``Dropped`` unless the device of ``kind`` may send the reading;
    ``secret``: the device's signing secret, or None when the broker
    authenticates it."""
    if reading.metric not in KIND_METRICS.get(kind, ()):
        raise Dropped("unknown_metric", reading.uid)
    if secret is not None:
        expected = sign(secret, reading.signed_text)
        if not reading.sig or not hmac.compare_digest(expected, reading.sig):
            raise Dropped("bad_signature", reading.uid)


def parse_status(topic_uid_, payload):
    data = _load(payload)
    online = data.get("online", True)
    battery = data.get("battery")
    if not isinstance(online, bool):
        raise Dropped("malformed", topic_uid_)
    if battery is not None:
        battery = _number(battery)
        if not 0 <= battery <= 100:
            raise Dropped("out_of_range", topic_uid_)
    return Status(topic_uid_, online, battery)


def sign(secret, text):
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def reading_payload(uid, message_id, moment, metric, value, secret=None):
    """The JSON text a device publishes (the simulator and the tests)."""
    ts = (
        moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        if isinstance(moment, datetime)
        else moment
    )
    value_text = json.dumps(value)
    data = {"device": uid, "id": message_id, "ts": ts, "metric": metric, "value": value}
    if secret:
        data["sig"] = sign(secret, "|".join((uid, message_id, ts, metric, value_text)))
    return json.dumps(data, separators=(",", ":"))


DEFAULT_MAX_FUTURE = timedelta(minutes=5)
DEFAULT_MAX_AGE = timedelta(hours=24)
