# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Odoo server a benchmark runs against: started with the benchmark's
settings, waited for, and stopped by its pid."""

import http.client
import signal
import subprocess
import time


def wait_ready(port, process, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            return False
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/web/health")
            ok = connection.getresponse().status == 200
            connection.close()
            if ok:
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def start_server(args, workers, logfile):
    command = [
        *args.odoo_cmd,
        "server",
        "-d",
        args.database,
        f"--db-filter=^{args.database}$",
        f"--addons-path={args.addons_path}",
        f"--http-port={args.port}",
        f"--gevent-port={args.port + 1}",
        f"--workers={workers}",
        "--max-cron-threads=0",
        "--log-level=warn",
        f"--logfile={logfile}",
    ]
    print(f"  server: {' '.join(command)}", flush=True)
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def count_in_log(logfile, text):
    try:
        with open(logfile, encoding="utf-8", errors="replace") as handle:
            return sum(text in line for line in handle)
    except OSError:
        return 0


def stop_server(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# ----------------------------------------------------------------------
# Checks
# ----------------------------------------------------------------------
