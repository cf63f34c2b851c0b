# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The worker against a real Mosquitto of the tests' own: messages arrive,
bad ones are dropped without blocking the good ones, the worker outlives a
broker restart, a worker killed before its commit loses nothing, shared
subscriptions split the load, and nothing is stored twice."""

import subprocess
import sys
import threading
import time

import psycopg2.errors

from odoo.tests import tagged
from odoo.tools import config, mute_logger

from ..tools.worker import BrokerSettings, IngestionWorker
from .broker import BrokerMixin, Publisher
from .common import IotCommon


class CrashBeforeCommit(BaseException):
    """Stands for the process dying between receiving and committing."""


def die(worker):
    """The connection goes as with a killed process: no DISCONNECT, no
    acknowledgement, no reconnection."""
    worker.client.loop_stop()
    worker.client._sock_close()
    raise CrashBeforeCommit()


class Buggy(IngestionWorker):
    """Fails on a message saying "boom", as a bug would."""

    def write_batch(self, messages):
        if any(b'"boom"' in payload for _topic, payload in messages):
            raise ValueError("a bug on this message")
        return super().write_batch(messages)


class Broken(IngestionWorker):
    """A database not what the code expects (``ProgrammingError``: a table
    missing), then code failing on every message, then healthy."""

    fault = "schema"

    def write_batch(self, messages):
        if self.fault == "schema":
            raise psycopg2.errors.UndefinedTable("no coworking_iot_space_hourly")
        if self.fault == "code":
            raise ValueError("fails whatever the message")
        return super().write_batch(messages)


@tagged("post_install", "-at_install")
class TestWorker(BrokerMixin, IotCommon):
    def setUp(self):
        super().setUp()
        # the worker's cursors are the test's transaction (committed by the
        # worker as savepoints), so that the test sees what it wrote
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        self.workers = []
        self.publisher = Publisher(
            self.broker.port, client_id=f"pub-{self._testMethodName}"
        )
        self.addCleanup(self.publisher.close)

    def settings(self):
        return BrokerSettings(
            "127.0.0.1", self.broker.port, None, None, False, None, "coworking"
        )

    def start_worker(self, client_id, worker_class=IngestionWorker, **options):
        options.setdefault("flush_interval", 0.05)
        worker = worker_class(
            self.registry.cursor,
            self.settings(),
            client_id=f"{self._testMethodName[:40]}-{client_id}",
            **options,
        )
        worker.connect()
        if not worker.connected.wait(10):
            raise AssertionError("the worker did not connect")
        thread = threading.Thread(target=self._run, args=(worker,), daemon=True)
        thread.start()
        worker.thread = thread
        self.workers.append(worker)
        self.addCleanup(worker.retire)
        self.addCleanup(self.stop_worker, worker)
        # the subscription is in place before anything is published
        time.sleep(0.3)
        return worker

    def _run(self, worker):
        try:
            worker.run()
        except CrashBeforeCommit:
            worker.crashed = True

    def stop_worker(self, worker):
        worker.stop()
        worker.thread.join(20)

    def wait_for(self, condition, timeout=30, what="the messages"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}")

    def stored(self, device):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT message_id, count(*) FROM coworking_iot_reading "
                "WHERE device_id = %s GROUP BY message_id",
                [device.id],
            )
            return dict(cr.fetchall())

    def test_readings_arrive_and_update_occupancy(self):
        worker = self.start_worker("w")
        self.publisher.publish(
            [self.message(self.counter, n, "people", n) for n in range(1, 5)]
            + [self.message(self.desk_1, 1, "presence", 1)]
        )
        self.wait_for(lambda: worker.stats["acknowledged"] == 5)
        self.env.invalidate_all()
        self.assertEqual(len(self.stored(self.counter)), 4)
        self.assertEqual(self.room.people_now, 4)
        self.assertEqual(self.hot_desk.people_now, 1)
        self.assertEqual(self.counter.status, "online")

    def test_bad_payloads_are_dropped_and_good_ones_pass(self):
        worker = self.start_worker("w")
        good = [self.message(self.counter, n, "people", 1) for n in range(8)]
        bad = [
            ("coworking/devices/t-room-pc/readings", b"{not json"),
            ("coworking/devices/t-room-pc/readings", b"x" * 5000),
            self.message(self.counter, "neg", "people", -1),
            self.message(self.counter, "sig", "people", 1, secret="forged"),
            self.message(
                self.counter, "old", "people", 1, self.at("2001-01-01T00:00:00")
            ),
            self.message(self.counter, "metric", "presence", 1),
            (
                "coworking/devices/nobody/readings",
                self.message(self.counter, "x", "people", 1)[1].replace(
                    b"t-room-pc", b"nobody"
                ),
            ),
        ]
        mixed = [
            message
            for pair in zip(good, bad + [good[-1]], strict=True)
            for message in pair
        ]
        self.publisher.publish(mixed)
        self.wait_for(lambda: worker.stats["acknowledged"] == len(mixed))
        self.assertEqual(
            sorted(self.stored(self.counter)), sorted(str(n) for n in range(8))
        )
        dropped = {
            key.split(" ", 1)[1]: value
            for key, value in worker.stats.items()
            if key.startswith("dropped ")
        }
        self.assertEqual(
            dropped,
            {
                "malformed": 1,
                "too_large": 1,
                "out_of_range": 1,
                "bad_signature": 1,
                "clock_skew": 1,
                "unknown_metric": 1,
                "unknown_device": 1,
            },
        )
        # the good message sent twice is stored once
        self.assertEqual(worker.stats["duplicates"], 1)
        self.assertEqual(set(self.stored(self.counter).values()), {1})

    def test_worker_survives_a_broker_restart(self):
        worker = self.start_worker("w")
        self.publisher.publish(
            [self.message(self.counter, n, "people", 1) for n in range(10)]
        )
        self.wait_for(lambda: worker.stats["acknowledged"] == 10)
        with mute_logger("odoo.addons.coworking_iot.tools.worker"):
            self.broker.stop()
            self.wait_for(lambda: worker.stats["disconnects"], what="the disconnection")
            time.sleep(1)
            self.broker.start()
        # published while the worker reconnects: kept by the broker's session
        self.publisher.publish(
            [self.message(self.counter, n, "people", 1) for n in range(10, 30)],
            timeout=60,
        )
        self.wait_for(lambda: len(self.stored(self.counter)) == 30, timeout=60)
        self.assertGreaterEqual(worker.stats["disconnects"], 1)
        self.assertEqual(set(self.stored(self.counter).values()), {1})

    def test_messages_wait_for_the_worker_across_a_broker_restart(self):
        """Published while no worker is connected, across a restart of the
        broker: its persistent session keeps them for the worker."""
        worker = self.start_worker("same")
        self.stop_worker(worker)
        with mute_logger("odoo.addons.coworking_iot.tools.worker"):
            self.publisher.publish(
                [self.message(self.counter, n, "people", 1) for n in range(10)]
            )
            self.broker.stop()
            self.broker.start()
            self.publisher.publish(
                [self.message(self.counter, n, "people", 1) for n in range(10, 15)],
                timeout=60,
            )
        self.assertEqual(self.stored(self.counter), {})
        worker = self.start_worker("same")
        self.wait_for(lambda: len(self.stored(self.counter)) == 15)
        self.assertEqual(set(self.stored(self.counter).values()), {1})

    def test_worker_killed_before_commit_gets_the_messages_again(self):
        class Dying(IngestionWorker):
            def write_batch(self, messages):
                self.received_before_death = len(messages)
                die(self)

        dying = self.start_worker("same", Dying, batch_size=100, flush_interval=1.0)
        messages = [self.message(self.counter, n, "people", 1) for n in range(20)]
        self.publisher.publish(messages)
        self.wait_for(lambda: getattr(dying, "crashed", False), what="the crash")
        self.assertGreater(dying.received_before_death, 0)
        self.assertEqual(self.stored(self.counter), {})
        # the same worker, restarted: the broker sends what was not acknowledged
        worker = self.start_worker("same")
        self.wait_for(lambda: len(self.stored(self.counter)) == 20)
        self.assertEqual(set(self.stored(self.counter).values()), {1})
        self.assertEqual(worker.stats["stored"], 20)

    def test_killed_after_commit_before_ack_stores_nothing_twice(self):
        class DyingAfterCommit(IngestionWorker):
            def acknowledge(self, batch):
                die(self)

        dying = self.start_worker(
            "same", DyingAfterCommit, batch_size=100, flush_interval=1.0
        )
        self.publisher.publish(
            [self.message(self.counter, n, "people", 1) for n in range(12)]
        )
        self.wait_for(lambda: getattr(dying, "crashed", False), what="the crash")
        committed = len(self.stored(self.counter))
        self.assertGreater(committed, 0)
        worker = self.start_worker("same")
        self.wait_for(lambda: len(self.stored(self.counter)) == 12)
        self.wait_for(lambda: worker.stats["acknowledged"] >= committed)
        # the messages sent again were recognised, not stored twice
        self.assertEqual(set(self.stored(self.counter).values()), {1})
        self.assertEqual(worker.stats["duplicates"], committed)

    def test_a_message_the_server_cannot_take_does_not_block_the_others(self):
        """A message that makes the ingestion fail (a bug, say) is isolated:
        the batch is written message by message, that one is counted as
        refused and acknowledged, the others stored."""

        worker = self.start_worker("w", Buggy, flush_interval=0.5)
        messages = [self.message(self.counter, n, "people", 1) for n in range(5)]
        messages.insert(2, self.message(self.counter, "boom", "people", 1))
        with mute_logger("odoo.addons.coworking_iot.tools.worker"):
            self.publisher.publish(messages)
            self.wait_for(lambda: worker.stats["acknowledged"] == 6)
        self.assertEqual(sorted(self.stored(self.counter)), ["0", "1", "2", "3", "4"])
        self.assertEqual(worker.stats["dropped error"], 1)
        drop = self.env["coworking.iot.drop"].search([("reason", "=", "error")])
        self.assertEqual(drop.count, 1)
        self.assertIn('"boom"', drop.last_payload)

    def test_a_failing_database_never_drops_a_message(self):
        """When every message fails, the fault is not theirs: nothing is
        acknowledged nor dropped, and all are written once it is mended."""
        worker = self.start_worker("w", Broken)
        with mute_logger("odoo.addons.coworking_iot.tools.worker"):
            self.publisher.publish(
                [self.message(self.counter, n, "people", 1) for n in range(5)]
            )
            self.wait_for(lambda: worker.stats["database errors"] >= 2)
            worker.fault = "code"
            errors = worker.stats["database errors"]
            self.wait_for(lambda: worker.stats["database errors"] >= errors + 2)
            self.assertEqual(worker.stats["acknowledged"], 0)
            self.assertEqual(self.stored(self.counter), {})
            worker.fault = None
            self.wait_for(lambda: len(self.stored(self.counter)) == 5)
        self.wait_for(lambda: worker.stats["acknowledged"] == 5)
        self.assertEqual(worker.stats["dropped error"], 0)
        self.assertFalse(
            self.env["coworking.iot.drop"].search([("reason", "=", "error")])
        )

    def test_shared_subscription_splits_the_load(self):
        group = self._testMethodName[:40]
        first = self.start_worker("a", group=group)
        second = self.start_worker("b", group=group)
        self.publisher.publish(
            [self.message(self.counter, n, "people", 1) for n in range(40)]
        )
        self.wait_for(lambda: len(self.stored(self.counter)) == 40)
        self.wait_for(lambda: first.stats["received"] + second.stats["received"] == 40)
        self.assertGreater(first.stats["received"], 0)
        self.assertGreater(second.stats["received"], 0)

    def test_command_is_found_by_odoo(self):
        """``odoo coworking-iot`` is an Odoo command loaded from the addon's
        ``cli/`` folder."""
        for name in ("coworking-iot", "coworking-iot-simulator"):
            done = subprocess.run(
                [
                    sys.executable,
                    sys.argv[0],
                    f"--addons-path={config['addons_path']}",
                    name,
                    "--help",
                ],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            self.assertEqual(done.returncode, 0, done.stderr[-2000:])
            self.assertIn("--mqtt-host", done.stdout)
