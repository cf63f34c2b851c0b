# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the IoT benchmark drives: its own mosquitto (config and persistence in
a temporary folder), the no-op subscriber of the ceiling, an observer of the
first publication, the worker and simulator commands, and the CPU counters."""

import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
from datetime import datetime
from pathlib import Path

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.subscribeoptions import SubscribeOptions

PREFIX = "coworking"  # the database's topic prefix (the addon's default)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count() or 1


def log(message=""):
    print(message, flush=True)


# ----------------------------------------------------------------------
# Ports, processes, CPU
# ----------------------------------------------------------------------


def port_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(spec):
    """``spec``: ``auto`` (a port the system picks), ``N``, or ``A-B`` (the
    first free port of the range)."""
    if spec == "auto":
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]
    low, _sep, high = spec.partition("-")
    for port in range(int(low), int(high or low) + 1):
        if port_free(port):
            return port
    raise SystemExit(f"ERROR: no free port in {spec} for mosquitto.")


class Processes:
    """The processes this benchmark started: their pids are written into the
    temporary folder (run.sh stops what is left of them on exit)."""

    def __init__(self, tmp_dir):
        self.folder = Path(tmp_dir) / "pids"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.running = {}

    def start(self, name, command, logfile):
        handle = open(logfile, "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=handle, stderr=subprocess.STDOUT
        )
        handle.close()
        (self.folder / str(process.pid)).write_text(name)
        self.running[process.pid] = process
        return process

    def forget(self, process):
        self.running.pop(process.pid, None)
        (self.folder / str(process.pid)).unlink(missing_ok=True)

    def stop(self, process, sig=signal.SIGTERM, timeout=30):
        """Send ``sig`` and wait; killed if still there after ``timeout``."""
        if process.poll() is None:
            process.send_signal(sig)
            if sig != signal.SIGKILL:
                process.send_signal(signal.SIGCONT)  # were it paused
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.forget(process)
        return process.returncode

    def stop_all(self):
        for process in list(self.running.values()):
            self.stop(process, timeout=10)


def cpu_seconds(pid):
    """User + system CPU seconds of a process so far (None once gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


class CpuMeter:
    """CPU seconds of groups of processes between two snapshots: ``groups``
    is a function returning ``{name: [pid, ...]}`` (asked at each snapshot:
    a process that appears later counts from zero); ``machine`` is the
    whole machine's busy time, in cores."""

    def __init__(self, groups):
        self.groups = groups
        self.start = self.end = None
        self.seen = {}  # pid: last CPU seconds read (a process may end first)

    def tick(self):
        """Read the processes' CPU now, for those that end before ``finish``."""
        for name, pids in (self.start or {}).items():
            if name not in ("machine", "at"):
                for pid in pids:
                    cpu = cpu_seconds(pid)
                    if cpu is not None:
                        self.seen[pid] = cpu

    def take(self):
        snapshot = {}
        for name, pids in self.groups().items():
            snapshot[name] = {}
            for pid in pids:
                cpu = cpu_seconds(pid)
                if cpu is not None:
                    self.seen[pid] = cpu
                snapshot[name][pid] = self.seen.get(pid)
        snapshot["machine"] = machine_busy()
        snapshot["at"] = time.monotonic()
        return snapshot

    def begin(self):
        self.start = self.take()

    def finish(self):
        self.end = self.take()
        return self.result()

    def result(self):
        if self.start is None or self.end is None:
            return {}
        seconds = {}
        for name, pids in self.end.items():
            if name in ("machine", "at"):
                continue
            before = self.start.get(name, {})
            seconds[name] = sum(
                cpu - (before.get(pid) or 0)
                for pid, cpu in pids.items()
                if cpu is not None
            )
        (busy0, total0), (busy1, total1) = self.start["machine"], self.end["machine"]
        wall = self.end["at"] - self.start["at"]
        # /proc/stat counts every core's ticks: busy share times the cores
        seconds["machine"] = (busy1 - busy0) / max(total1 - total0, 1) * CORES * wall
        seconds["wall"] = wall
        return seconds


def describe_cpu(cpu):
    """``simulator 1.2 s, …`` and the machine's busy cores."""
    if not cpu:
        return "no CPU figures"
    wall = cpu["wall"] or 1
    parts = [
        f"{name} {value:.2f} s"
        for name, value in cpu.items()
        if name not in ("machine", "wall")
    ]
    return (
        f"CPU over {wall:.2f} s: {', '.join(parts)}; machine "
        f"{cpu['machine'] / wall:.2f} of {CORES} cores busy"
    )


def machine_busy():
    """(busy, total) CPU ticks of the whole machine, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def wait_for(predicate, timeout, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


# ----------------------------------------------------------------------
# The broker
# ----------------------------------------------------------------------


class Broker:
    """mosquitto on ``port``, configured by a file written into ``tmp_dir``,
    its persistence there too; stopped with SIGTERM (it saves its
    persistence file) and started again on the same port and config."""

    def __init__(self, binary, tmp_dir, port, processes, logfile, inflight=1000):
        self.binary = binary
        self.port = port
        self.processes = processes
        self.logfile = logfile
        self.process = None
        folder = Path(tmp_dir) / "mosquitto"
        folder.mkdir(parents=True, exist_ok=True)
        self.persistence = folder / "mosquitto.db"
        self.config = folder / "mosquitto.conf"
        lines = [
            "# written by bench/iot: a broker of its own for one run",
            f"listener {port} 127.0.0.1",
            "allow_anonymous true",
            "persistence true",
            f"persistence_location {folder}/",
            # no limit on what is queued for a subscriber: the worker's
            # session holds the whole burst while it is away
            "max_queued_messages 0",
            # outgoing QoS 1 messages in flight per client; an MQTT v5 client
            # sets its own (the worker's receive maximum); also the broker's
            # receive maximum told to the publisher
            f"max_inflight_messages {inflight}",
            "log_dest stdout",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            "connection_messages true",
        ]
        if os.geteuid() == 0:
            # run as root, mosquitto would switch to the 'mosquitto' user,
            # who cannot write the persistence into this private folder
            lines.append("user root")
        self.config.write_text("\n".join(lines) + "\n")

    def start(self):
        self.process = self.processes.start(
            "mosquitto", [self.binary, "-c", str(self.config)], self.logfile
        )

        def listening():
            if self.process.poll() is not None:
                return True
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
                probe.settimeout(0.5)
                return probe.connect_ex(("127.0.0.1", self.port)) == 0

        wait_for(listening, 10)
        if self.process.poll() is not None:
            raise SystemExit(
                f"ERROR: mosquitto did not start on port {self.port}; see "
                f"{self.logfile}"
            )

    def stop(self, sig=signal.SIGTERM):
        if self.process is not None:
            self.processes.stop(self.process, sig)
            self.process = None


# ----------------------------------------------------------------------
# MQTT clients of the benchmark
# ----------------------------------------------------------------------


def _client(client_id, clean=True):
    client = mqtt.Client(
        mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5
    )
    client.reconnect_delay_set(min_delay=1, max_delay=2)
    properties = Properties(PacketTypes.CONNECT)
    properties.SessionExpiryInterval = 0 if clean else 3600
    properties.ReceiveMaximum = 2000  # the worker's (its default batch fits)
    return client, properties


class NoopSubscriber:
    """The ceiling's subscriber: the worker's topic filters (alone, as the
    worker subscribes unless given a group), QoS 1, acknowledging each
    message at once (paho does it on receipt); records when the
    ``expected``-th reading arrived. ``persistent``: its session outlives
    the connection (the drain runs)."""

    def __init__(self, port, expected, group=None, persistent=False):
        self.port = port
        self.expected = expected
        self.persistent = persistent
        self.filters = [f"{PREFIX}/devices/+/{kind}" for kind in ("readings", "status")]
        if group:
            self.filters = [f"$share/{group}/{topic}" for topic in self.filters]
        self.readings = 0
        self.messages = 0
        self.first = self.last = self.connected_at = None
        self.subscribed = threading.Event()
        self.done = threading.Event()
        self.client, self.properties = _client("bench-iot-noop", clean=not persistent)
        self.client.on_connect = self._on_connect
        self.client.on_subscribe = lambda *args: self.subscribed.set()
        self.client.on_message = self._on_message

    def _on_connect(self, client, userdata, flags, reason_code, properties):
        if self.connected_at is None:
            self.connected_at = time.time()
        client.subscribe([(topic, SubscribeOptions(qos=1)) for topic in self.filters])

    def _on_message(self, client, userdata, message):
        now = time.time()
        if self.first is None:
            self.first = now
        self.messages += 1
        if message.topic.endswith("/readings"):
            self.readings += 1
            if self.readings == self.expected:
                self.last = now
                self.done.set()

    def start(self, clean_start=True):
        self.client.connect(
            "127.0.0.1", self.port, clean_start=clean_start, properties=self.properties
        )
        self.client.loop_start()
        if not self.subscribed.wait(10):
            raise SystemExit("ERROR: the no-op subscriber could not subscribe.")

    def close(self):
        self.client.disconnect()
        self.client.loop_stop()


class Observer:
    """When a simulator run published its first reading and its last one,
    as written in them (``ts``, the simulator's clock when it built the
    message: this machine's), whatever the lag of the receivers: it
    subscribes to the readings of the first device (``sim-0001``, which
    publishes the first reading) and of the last one (``sim-0200``), 1/100
    of the traffic. ``first`` is when the first of them arrived here."""

    def __init__(self, port, first_uid="sim-0001", last_uid="sim-0200"):
        self.port = port
        self.first_topic = f"{PREFIX}/devices/{first_uid}/readings"
        self.last_topic = f"{PREFIX}/devices/{last_uid}/readings"
        self.filters = [
            (self.first_topic, SubscribeOptions(qos=1)),
            (self.last_topic, SubscribeOptions(qos=1)),
        ]
        self.lock = threading.Lock()
        self.subscribed = threading.Event()
        self.reset()
        self.client, self.properties = _client("bench-iot-observer")
        self.client.on_connect = self._on_connect
        self.client.on_subscribe = lambda *args: self.subscribed.set()
        self.client.on_message = self._on_message

    def reset(self):
        with self.lock:
            self.first = self.first_published = self.last_published = None

    def _on_connect(self, client, userdata, flags, reason_code, properties):
        client.subscribe(self.filters)

    def _on_message(self, client, userdata, message):
        now = time.time()
        try:
            published = datetime.fromisoformat(json.loads(message.payload)["ts"])
            published = published.timestamp()
        except (ValueError, KeyError, TypeError):
            return
        with self.lock:
            if message.topic == self.first_topic and self.first is None:
                self.first, self.first_published = now, published
            if message.topic == self.last_topic:
                self.last_published = published

    def start(self):
        self.client.connect("127.0.0.1", self.port, properties=self.properties)
        self.client.loop_start()
        if not self.subscribed.wait(10):
            raise SystemExit("ERROR: the observer could not subscribe.")

    def close(self):
        self.client.disconnect()
        self.client.loop_stop()


def clear_session(port, client_id):
    """End a persistent session left on the broker (its subscriptions and
    queued messages): connect with a clean start and no expiry."""
    client, properties = _client(client_id, clean=True)
    connected = threading.Event()
    client.on_connect = lambda *args: connected.set()
    client.connect("127.0.0.1", port, clean_start=True, properties=properties)
    client.loop_start()
    connected.wait(5)
    client.disconnect()
    client.loop_stop()


# ----------------------------------------------------------------------
# The addon's commands
# ----------------------------------------------------------------------

SIMULATOR_DONE = re.compile(
    r"IoT simulator: (\d+) messages published for (\d+) devices, (\d+) acknowledged"
)
WORKER_STATS = re.compile(r"IoT worker [^:]+: (.*)$")
WORKER_CONNECTED = "connected to 127.0.0.1"


class Commands:
    """``odoo --addons-path=… coworking-iot[-simulator] -d DB …``: the
    addons path first, so that Odoo finds the addon's commands."""

    def __init__(self, odoo_cmd, addons_path, database, port, processes, log_dir):
        self.odoo_cmd = odoo_cmd
        self.addons_path = addons_path
        self.database = database
        self.port = port
        self.processes = processes
        self.log_dir = Path(log_dir)

    def _command(self, name, *options):
        return [
            *self.odoo_cmd,
            f"--addons-path={self.addons_path}",
            name,
            "-d",
            self.database,
            "--log-level=info",
            "--mqtt-host=127.0.0.1",
            f"--mqtt-port={self.port}",
            *options,
        ]

    def worker(self, logname, client_id, batch_size, wait=True, group=None):
        """``group``: the shared subscription's group (default: alone)."""
        logfile = self.log_dir / f"iot_{logname}.log"
        logfile.unlink(missing_ok=True)
        options = [f"--client-id={client_id}", f"--batch-size={batch_size}"]
        if group:
            options.append(f"--group={group}")
        process = self.processes.start(
            "worker", self._command("coworking-iot", *options), logfile
        )
        process.logfile = logfile
        if wait:
            self.wait_connected(process)
        return process

    def wait_connected(self, process, connections=1, step=0.1, settle=0.3):
        """Wait for the worker's connection (its log); return when it was
        seen, as time.time()."""

        def connected():
            return process.poll() is not None or (
                process.logfile.read_text(errors="replace").count(WORKER_CONNECTED)
                >= connections
            )

        if not wait_for(connected, 90, step) or process.poll() is not None:
            raise SystemExit(
                f"ERROR: the worker did not connect; see {process.logfile}"
            )
        seen = time.time()
        time.sleep(settle)  # its subscription is sent from the connection callback
        return seen

    def simulator(self, logname, rate, count, devices, client_id="bench-iot-sim"):
        logfile = self.log_dir / f"iot_{logname}.log"
        logfile.unlink(missing_ok=True)
        process = self.processes.start(
            "simulator",
            self._command(
                "coworking-iot-simulator",
                f"--devices={devices}",
                f"--rate={rate}",
                f"--count={count}",
                f"--client-id={client_id}",
            ),
            logfile,
        )
        process.logfile = logfile
        return process

    @staticmethod
    def simulator_result(process):
        """(published, acknowledged) from the simulator's last line."""
        found = SIMULATOR_DONE.findall(process.logfile.read_text(errors="replace"))
        if not found:
            return None, None
        published, _devices, acknowledged = found[-1]
        return int(published), int(acknowledged)

    @staticmethod
    def worker_stats(process):
        """The worker's last statistics line, as a dict (counter: value)."""
        found = WORKER_STATS.findall(process.logfile.read_text(errors="replace"))
        if not found:
            return {}
        stats = {}
        for part in found[-1].split(", "):
            value, _sep, key = part.partition(" ")
            if value.isdigit():
                stats[key.strip()] = int(value)
        return stats
