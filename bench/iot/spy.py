# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The worker under py-spy during a drain (``--profile``): where its CPU
goes, as shares of the samples, by thread and by function."""

import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

LINE = re.compile(r"^(.*) (\d+)$")
LOCATION = re.compile(r" \(([^)]*?)(?::\d+)?\)$")

# the steps worth naming, in the order of the ingestion
STEPS = (
    ("MQTT receive (paho network thread)", "Client.loop_read"),
    ("MQTT acknowledgements", "IngestionWorker.acknowledge"),
    ("batch: parse and check the messages", "parse_reading"),
    ("batch: signatures", "check_device"),
    ("batch: devices query", "_ingest_devices "),
    ("batch: insert readings and hours (SQL)", "_ingest_store"),
    ("batch: device states, occupancy, usage", "_ingest_devices_seen"),
    ("batch: live occupancy and its bus push", "_iot_refresh_occupancy"),
    ("batch: drop counters", "_ingest_count_drops"),
    ("commit (with the bus hooks)", "BaseCursor.__exit__"),
    ("  of which the bus notification", "ImBus._ensure_hooks.<locals>.notify"),
    ("  of which new connections to 'postgres'", "connect (psycopg2"),
    ("waiting for PostgreSQL (any query)", "Cursor.execute (odoo/sql_db.py"),
)


class Profiler:
    """``py-spy record`` on a process, stopped with SIGINT (it then writes
    its raw, collapsed stacks)."""

    def __init__(self, pid, output, rate=200):
        self.output = output
        self.process = None
        beside = Path(sys.executable).parent / "py-spy"
        binary = shutil.which("py-spy") or (beside if beside.exists() else None)
        self.missing = binary is None
        if binary:
            self.process = subprocess.Popen(
                [
                    binary,
                    "record",
                    "--pid",
                    str(pid),
                    "--rate",
                    str(rate),
                    "--format",
                    "raw",
                    "--nonblocking",
                    "--output",
                    str(output),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def stop(self):
        if self.process is None:
            return False
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return self.output.exists()


def summarize(path, top=12):
    """Lines describing the profile: samples per thread, the named steps'
    shares (inclusive), the hottest frames (self)."""
    stacks = []
    for line in path.read_text(errors="replace").splitlines():
        match = LINE.match(line)
        if match:
            stacks.append((match.group(1).split(";"), int(match.group(2))))
    total = sum(count for _frames, count in stacks)
    if not total:
        return ["(no samples)"]
    lines = [f"{total} samples of the worker's CPU (idle time not sampled)"]
    threads = Counter()
    for frames, count in stacks:
        network = any("Client._thread_main" in frame for frame in frames)
        threads["paho network thread" if network else "main thread"] += count
    lines.append(
        "  threads: "
        + ", ".join(f"{name} {count / total:.0%}" for name, count in threads.items())
    )
    for title, needle in STEPS:
        count = sum(
            n for frames, n in stacks if any(needle in frame for frame in frames)
        )
        lines.append(f"  {count / total:6.1%}  {title}")
    leaves = Counter()
    for frames, count in stacks:
        leaves[LOCATION.sub(r" (\1)", frames[-1])] += count
    lines.append("  hottest frames (self):")
    lines.extend(
        f"  {count / total:6.1%}  {frame}" for frame, count in leaves.most_common(top)
    )
    return lines
