# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The ingestion worker: an MQTT subscriber (QoS 1, persistent session,
manual acknowledgement) writing readings in batches.

A message is acknowledged to the broker only after the transaction holding
its batch is committed, in the order messages arrived: a worker killed
before its commit gets the same messages again from the broker, and the
readings' unique (device, message id) stores each once. Several workers
share the load through an MQTT shared subscription (``$share/<group>/…``).
"""

import collections
import logging
import ssl
import threading
import time

import paho.mqtt.client as mqtt
import psycopg2
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.subscribeoptions import SubscribeOptions

from odoo import SUPERUSER_ID, api, fields
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

_logger = logging.getLogger(__name__)

# The database is away, or is not what the code expects (a module not
# updated, a right missing): never the message's fault, so never a reason to
# drop it. Data errors (a value the column refuses) are the message's.
SYSTEMIC_ERRORS = (
    psycopg2.OperationalError,
    psycopg2.InterfaceError,
    psycopg2.ProgrammingError,
    psycopg2.InternalError,
    psycopg2.NotSupportedError,
)

Message = collections.namedtuple("Message", "generation mid qos topic payload")


class BrokerSettings(
    collections.namedtuple(
        "BrokerSettings", "host port username password tls ca_file prefix"
    )
):
    """Where the broker is: the settings of the database, overridden on the
    command line."""

    @classmethod
    def from_env(cls, env, **overrides):
        get = env["ir.config_parameter"].sudo().get_param
        values = {
            "host": get("coworking_iot.broker_host", "127.0.0.1"),
            "port": int(get("coworking_iot.broker_port", 1883)),
            "username": get("coworking_iot.broker_username") or None,
            "password": get("coworking_iot.broker_password") or None,
            "tls": get("coworking_iot.broker_tls") in ("True", "1", "true"),
            "ca_file": get("coworking_iot.broker_ca_file") or None,
            "prefix": get("coworking_iot.topic_prefix", "coworking"),
        }
        values.update(
            {key: value for key, value in overrides.items() if value is not None}
        )
        return cls(**values)

    def client(self, client_id, manual_ack=False):
        """A paho client (MQTT v5) with the broker's credentials and TLS."""
        client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2,
            client_id=client_id,
            protocol=mqtt.MQTTv5,
            manual_ack=manual_ack,
        )
        if self.username:
            client.username_pw_set(self.username, self.password)
        if self.tls:
            client.tls_set(ca_certs=self.ca_file, cert_reqs=ssl.CERT_REQUIRED)
        return client


class IngestionWorker:
    """``cursor``: a function returning a new database cursor (a context
    manager committing on exit). ``group``: the shared subscription's group,
    None to subscribe alone (and get the retained statuses). A broker must
    keep shared subscriptions across its restarts for a group to lose
    nothing then: Mosquitto 2.0.11 does not (it restores the plain
    subscriptions of persistent sessions only), so a worker subscribes
    alone unless told otherwise."""

    def __init__(
        self,
        cursor,
        broker,
        client_id,
        group=None,
        batch_size=500,
        flush_interval=0.2,
        session_expiry=24 * 3600,
        receive_maximum=2000,
        stats_every=10.0,
    ):
        if not 1 <= batch_size <= 10_000:
            raise ValueError("batch_size: 1 to 10000")
        if not 0 < flush_interval <= 60:
            raise ValueError("flush_interval: more than 0, at most 60 seconds")
        if not 60 <= session_expiry <= 30 * 24 * 3600:
            raise ValueError("session_expiry: 60 seconds to 30 days")
        self.cursor = cursor
        self.broker = broker
        self.client_id = client_id
        self.group = group
        self.batch_size = batch_size
        self.flush_interval = flush_interval
        self.session_expiry = session_expiry
        self.receive_maximum = min(max(receive_maximum, batch_size), 65535)
        self.stats_every = stats_every
        self.pending = collections.deque()
        self.arrived = threading.Event()
        self.stopping = threading.Event()
        self.connected = threading.Event()
        self.generation = 0
        self.stats = collections.Counter()
        self.failures = 0
        self.client = None

    # ------------------------------------------------------------------
    # MQTT
    # ------------------------------------------------------------------

    def topic_filters(self):
        filters = [
            f"{self.broker.prefix}/devices/+/{kind}" for kind in ("readings", "status")
        ]
        if self.group:
            filters = [f"$share/{self.group}/{topic}" for topic in filters]
        return filters

    def connect(self):
        client = self.broker.client(self.client_id, manual_ack=True)
        client.reconnect_delay_set(min_delay=1, max_delay=30)
        client.on_connect = self._on_connect
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        properties = Properties(PacketTypes.CONNECT)
        # the broker keeps the session (subscriptions and unacknowledged
        # messages) while the worker is away
        properties.SessionExpiryInterval = self.session_expiry
        # as many messages in flight as a batch can hold
        properties.ReceiveMaximum = self.receive_maximum
        self.client = client
        client.connect_async(
            self.broker.host,
            self.broker.port,
            keepalive=30,
            clean_start=False,
            properties=properties,
        )
        client.loop_start()

    def retire(self, timeout=10):
        """Remove the worker's session from the broker: a worker taken out
        of service for good must be retired, or the broker keeps giving its
        share of the group's messages to a session nobody reads."""
        client = self.broker.client(self.client_id, manual_ack=True)
        properties = Properties(PacketTypes.CONNECT)
        properties.SessionExpiryInterval = 0
        client.connect(
            self.broker.host,
            self.broker.port,
            keepalive=10,
            clean_start=True,
            properties=properties,
        )
        client.loop_start()
        try:
            deadline = time.monotonic() + timeout
            while not client.is_connected() and time.monotonic() < deadline:
                time.sleep(0.02)
            if not client.is_connected():
                raise ConnectionError("the broker did not answer")
        finally:
            client.disconnect()
            client.loop_stop()

    def _on_connect(self, client, userdata, flags, reason_code, properties):
        if reason_code.is_failure:
            _logger.warning(
                "IoT worker: the broker refused the connection: %s", reason_code
            )
            return
        _logger.info(
            "IoT worker %s connected to %s:%s (session %s)",
            self.client_id,
            self.broker.host,
            self.broker.port,
            "resumed" if flags.session_present else "new",
        )
        client.subscribe(
            [(topic, SubscribeOptions(qos=1)) for topic in self.topic_filters()]
        )
        self.connected.set()

    def _on_disconnect(self, client, userdata, flags, reason_code, properties):
        # the messages of the lost connection are not acknowledged any more:
        # the broker sends them again on the next one (same session)
        self.generation += 1
        self.connected.clear()
        if not self.stopping.is_set():
            self.stats["disconnects"] += 1
            _logger.warning("IoT worker: disconnected (%s), reconnecting", reason_code)

    def _on_message(self, client, userdata, message):
        self.pending.append(
            Message(
                self.generation,
                message.mid,
                message.qos,
                message.topic,
                message.payload,
            )
        )
        if len(self.pending) >= self.batch_size:
            self.arrived.set()

    # ------------------------------------------------------------------
    # Batches
    # ------------------------------------------------------------------

    def run(self):
        """Take batches until ``stop()``; the last batch is written and
        acknowledged before returning (unless the database is failing: its
        messages stay with the broker)."""
        if self.client is None:
            self.connect()
        last_stats = time.monotonic()
        try:
            while not self.stopping.is_set() or self.pending:
                if len(self.pending) < self.batch_size:
                    self.arrived.wait(self.flush_interval)
                    self.arrived.clear()
                if self.pending and not self.process(self.take()):
                    if self.stopping.is_set():
                        break
                    self.backoff()
                if time.monotonic() - last_stats >= self.stats_every:
                    last_stats = time.monotonic()
                    self.log_stats()
        finally:
            self.client.disconnect()
            self.client.loop_stop()
            self.log_stats()

    def take(self):
        batch = []
        while self.pending and len(batch) < self.batch_size:
            batch.append(self.pending.popleft())
        return batch

    def give_back(self, batch):
        """Put ``batch`` back in front of the pending messages, unacknowledged."""
        self.pending.extendleft(reversed(batch))

    def backoff(self):
        self.failures += 1
        self.stopping.wait(min(0.1 * 2**self.failures, 5.0))

    def process(self, batch):
        """Write ``batch``, commit, then acknowledge its messages in order.
        Returns False when the batch could not be written (given back,
        nothing acknowledged)."""
        try:
            result = self.write_batch([(m.topic, m.payload) for m in batch])
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            self.stats["retries"] += 1
            self.give_back(batch)
            return False
        except SYSTEMIC_ERRORS as error:
            # the database is away or not what the code expects (a module
            # not updated): nothing is acknowledged, the batch waits, and
            # the broker keeps the rest
            self.stats["database errors"] += 1
            _logger.warning("IoT worker: database error (%s), retrying", error)
            self.give_back(batch)
            return False
        except Exception:
            _logger.exception(
                "IoT worker: batch failed; writing its messages one by one"
            )
            return self.process_one_by_one(batch)
        self.failures = 0
        self.count(len(batch), result)
        self.acknowledge(batch)
        return True

    def process_one_by_one(self, batch):
        """A batch failed on something else than the database: write its
        messages one at a time. A message failing while others of the batch
        go through is refused (counted, told in the log, acknowledged); when
        all fail, the fault is not theirs: the batch is given back."""
        results, refused = [], []
        for message in batch:
            try:
                results.append(self.write_batch([(message.topic, message.payload)]))
            except Exception:
                _logger.exception("IoT worker: message refused on %s", message.topic)
                refused.append(message)
        if not results:
            self.stats["database errors"] += 1
            self.give_back(batch)
            return False
        for message in refused:
            self.write_error(message)
        self.failures = 0
        for result in results:
            self.count(0, result)
        self.count(len(batch), {"dropped": {"error": len(refused)}} if refused else {})
        self.acknowledge(batch)
        return True

    def count(self, received, result):
        self.stats["received"] += received
        self.stats["stored"] += result.get("stored", 0)
        self.stats["duplicates"] += result.get("duplicates", 0)
        for reason, count in result.get("dropped", {}).items():
            self.stats[f"dropped {reason}"] += count

    def write_batch(self, messages):
        with self.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["coworking.iot.reading"]._ingest(messages)

    def write_error(self, message):
        """Count a message that failed alone, in a transaction of its own."""
        try:
            with self.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["coworking.iot.reading"]._ingest_count_drops(
                    [("error", None, message.payload)], {}, fields.Datetime.now()
                )
        except Exception:
            _logger.exception("IoT worker: could not count a refused message")

    def acknowledge(self, batch):
        generation = self.generation
        for message in batch:
            if message.qos and message.generation == generation:
                self.client.ack(message.mid, message.qos)
                self.stats["acknowledged"] += 1

    def stop(self):
        self.stopping.set()
        self.arrived.set()

    def log_stats(self):
        _logger.info(
            "IoT worker %s: %s",
            self.client_id,
            ", ".join(f"{value} {key}" for key, value in sorted(self.stats.items()))
            or "nothing yet",
        )
