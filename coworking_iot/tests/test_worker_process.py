# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The real command, ``odoo coworking-iot``, as production runs it: a process
of its own, with its own commits, killed with SIGKILL between receiving and
committing, then started again. Fixtures are committed (and removed
afterwards) so that the process sees them."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

from odoo.addons.coworking_base.tests.common import TwoTransactionsMixin

from ..tools.contract import reading_payload
from .broker import BrokerMixin, Publisher

CLIENT_ID = "coworking-iot-process-test"


@tagged("post_install", "-at_install")
class TestWorkerProcess(BrokerMixin, TwoTransactionsMixin, TransactionCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            # a run stopped half-way left its device: start clean
            env["coworking.iot.device"].with_context(active_test=False).search(
                [("uid", "=", "t-process-pc")]
            ).unlink()
            space = env.ref("coworking_base.coworking_space_paris_seine_demo")
            device = env["coworking.iot.device"].create(
                {
                    "name": "Process test counter",
                    "uid": "t-process-pc",
                    "kind": "people_counter",
                    "space_id": space.id,
                    "secret": "s-process",
                }
            )
            self.device_id = device.id
        self.addCleanup(self._remove_fixtures)
        self.processes = []
        self.folder = tempfile.mkdtemp(prefix="coworking-iot-worker-")
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.publisher = Publisher(self.broker.port, client_id="pub-process")
        self.addCleanup(self.publisher.close)

    def _remove_fixtures(self):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait(10)
        with self.registry.cursor() as cr:
            # the readings, hours and drop counters go with the device
            self._env(cr)["coworking.iot.device"].browse(self.device_id).unlink()

    def start_worker(self, *options):
        log = os.path.join(self.folder, f"worker-{len(self.processes)}.log")
        process = subprocess.Popen(
            [
                sys.executable,
                sys.argv[0],
                f"--addons-path={config['addons_path']}",
                "coworking-iot",
                "--client-id",
                CLIENT_ID,
                "--mqtt-port",
                str(self.broker.port),
                *options,
                *self.odoo_options(),
                f"--logfile={log}",
                "--log-level=info",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(process)
        # subscribed once connected (the registry loads first)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if f"IoT worker {CLIENT_ID} connected" in self.read_log(log):
                time.sleep(0.3)
                return process
            time.sleep(0.1)
        raise AssertionError(f"the worker did not start: {self.read_log(log)[-3000:]}")

    @staticmethod
    def read_log(path):
        try:
            with open(path) as file:
                return file.read()
        except FileNotFoundError:
            return ""

    def odoo_options(self):
        """The database of the tests, reached as the tests reach it."""
        options = ["-d", self.env.cr.dbname]
        if config.rcfile and os.path.exists(config.rcfile):
            options += ["-c", config.rcfile]
        for key in ("db_host", "db_port", "db_user", "db_password"):
            if config[key]:
                options.append(f"--{key}={config[key]}")
        return options

    def stored(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT message_id, count(*) FROM coworking_iot_reading "
                "WHERE device_id = %s GROUP BY message_id",
                [self.device_id],
            )
            return dict(cr.fetchall())

    def messages(self, count):
        now = fields.Datetime.now()
        topic = "coworking/devices/t-process-pc/readings"
        return [
            (
                topic,
                reading_payload(
                    "t-process-pc", f"p-{n}", now, "people", 2, "s-process"
                ),
            )
            for n in range(count)
        ]

    def test_killed_process_gets_the_messages_again(self):
        # a batch waits 30 s for more messages: the kill comes before its commit
        dying = self.start_worker("--flush-interval", "30", "--batch-size", "10000")
        self.publisher.publish(self.messages(50))
        time.sleep(1)
        dying.send_signal(signal.SIGKILL)
        dying.wait(10)
        self.assertEqual(self.stored(), {})
        worker = self.start_worker("--flush-interval", "0.1")
        deadline = time.monotonic() + 30
        while len(self.stored()) < 50 and time.monotonic() < deadline:
            time.sleep(0.1)
        stored = self.stored()
        self.assertEqual(len(stored), 50, "acknowledged messages were lost")
        self.assertEqual(set(stored.values()), {1})
        # stopped as a service manager does: the last batch is written first
        worker.send_signal(signal.SIGTERM)
        self.assertEqual(worker.wait(30), 0)
        retire = subprocess.run(
            [
                sys.executable,
                sys.argv[0],
                f"--addons-path={config['addons_path']}",
                "coworking-iot",
                "--client-id",
                CLIENT_ID,
                "--mqtt-port",
                str(self.broker.port),
                "--retire",
                *self.odoo_options(),
                "--log-level=warn",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        self.assertEqual(retire.returncode, 0, retire.stderr[-2000:])
