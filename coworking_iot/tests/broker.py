# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A real Mosquitto broker of the tests' own, on a free port, that they can
stop and start again (its sessions and queued messages persist on disk, as
a production broker's should)."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import paho.mqtt.client as mqtt

CONFIG = """\
listener {port} 127.0.0.1
allow_anonymous true
persistence true
persistence_location {folder}/
autosave_interval 1
max_queued_messages 0
max_inflight_messages 0
log_dest file {folder}/mosquitto.log
log_type error
log_type warning
log_type notice
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mosquitto:
    def __init__(self):
        self.binary = shutil.which("mosquitto") or (
            os.path.exists("/usr/sbin/mosquitto") and "/usr/sbin/mosquitto"
        )
        if not self.binary:
            raise RuntimeError(
                "mosquitto is missing: install the Debian package mosquitto "
                "(scripts/test.sh installs it when it can)"
            )
        self.folder = tempfile.mkdtemp(prefix="coworking-iot-mosquitto-")
        # started as root, mosquitto runs as its own user: it must write its
        # persistence file and its log here
        os.chmod(self.folder, 0o777)  # noqa: S103
        self.port = free_port()
        self.config = os.path.join(self.folder, "mosquitto.conf")
        with open(self.config, "w") as file:
            file.write(CONFIG.format(port=self.port, folder=self.folder))
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "-c", self.config],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError(f"mosquitto did not start: see {self.folder}/mosquitto.log")

    def stop(self):
        """Stop as a service manager does (SIGTERM: the broker saves its
        sessions and queued messages)."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(10)
        self.process = None

    def close(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class Publisher:
    """A device side: publishes with QoS 1 and waits for the broker's
    acknowledgement of each message."""

    def __init__(self, port, client_id="coworking-iot-test-publisher"):
        self.client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5
        )
        self.client.max_queued_messages_set(0)
        self.client.reconnect_delay_set(min_delay=1, max_delay=2)
        self.client.connect("127.0.0.1", port, keepalive=30)
        self.client.loop_start()

    def publish(self, messages, timeout=30):
        """Publish once connected (a device waits for its broker too)."""
        deadline = time.monotonic() + timeout
        while not self.client.is_connected():
            if time.monotonic() > deadline:
                raise AssertionError("the publisher could not reach the broker")
            time.sleep(0.05)
        infos = [
            self.client.publish(topic, payload, qos=1) for topic, payload in messages
        ]
        for info in infos:
            info.wait_for_publish(max(deadline - time.monotonic(), 0.1))
            if not info.is_published():
                raise AssertionError("the broker did not acknowledge a publication")

    def close(self):
        self.client.disconnect()
        self.client.loop_stop()


class BrokerMixin:
    """A Mosquitto of the test class's own, as ``cls.broker``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.broker = Mosquitto().start()
        cls.addClassCleanup(cls.broker.close)
