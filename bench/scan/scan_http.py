# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The HTTP side of the scan benchmark (``bench_scan.py``): the server, the
scanner clients, the phases run against the server, and the checks of the
answers and of the database afterwards."""

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "booking"))

from bench_http import BASELINE_PATH, baseline_body, hammer  # noqa: E402
from common import percentile  # noqa: E402
from server import stop_server, wait_ready  # noqa: E402

SCAN_PATH = "/coworking/api/events/{event_id}/scans"


def log(message=""):
    print(message, flush=True)


def ms(values, fraction):
    return percentile(values, fraction) * 1000


# ----------------------------------------------------------------------
# HTTP
# ----------------------------------------------------------------------


def start_server(args, logfile):
    """Like ``booking/server.py``'s, with the gevent port given apart."""
    command = [
        *args.odoo_cmd,
        "server",
        "-d",
        args.database,
        f"--db-filter=^{args.database}$",
        f"--addons-path={args.addons_path}",
        f"--http-port={args.port}",
        f"--gevent-port={args.gevent_port or args.port + 1}",
        f"--workers={args.workers}",
        "--max-cron-threads=0",
        "--log-level=warn",
        # Odoo's request loop says at info level when it retries a request
        # after a serialization failure
        "--log-handler=odoo.service.model:INFO",
        f"--logfile={logfile}",
    ]
    log(f"  server: {' '.join(command)}")
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def count_retries(logfile):
    """Requests retried by Odoo after a serialization failure (or another
    concurrency error), from the server log."""
    try:
        with open(logfile, encoding="utf-8", errors="replace") as handle:
            return sum("tries left, try again in" in line for line in handle)
    except OSError:
        return 0


class Scanner(threading.Thread):
    """One controller's scanner: a keep-alive connection and its API key."""

    def __init__(self, port, key, device, target, *target_args):
        super().__init__(daemon=True)
        self.port = port
        self.key = key
        self.device = device
        self.target = target
        self.target_args = target_args
        self.connection = None
        self.nonce_reused_ok = False
        # (nonce, retry, status, seconds, scan id, duplicate, verdict)
        self.answers = []
        self.errors = []

    def run(self):
        self.target(self, *self.target_args)

    def post(self, path, body):
        payload = json.dumps(body).encode()
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {self.key}",
        }
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=300
                )
            try:
                self.connection.request("POST", path, payload, headers)
                response = self.connection.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response.status, data
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def scan(self, path, body, retry=False):
        body = dict(body, device=self.device)
        started = time.perf_counter()
        try:
            status, data = self.post(path, body)
        except (http.client.HTTPException, OSError) as error:
            self.errors.append(f"{body['nonce']}: {type(error).__name__} {error}")
            return
        elapsed = time.perf_counter() - started
        try:
            answer = json.loads(data)
        except ValueError:
            answer = {}
        scan = answer.get("scan", answer) if isinstance(answer, dict) else {}
        # another scanner's nonce: refused, the other's scan not shown
        reused = status == 409 and scan.get("error", {}).get("code") == "nonce_reused"
        if not (reused and self.nonce_reused_ok) and (
            status not in (200, 201) or not scan.get("id")
        ):
            self.errors.append(f"{body['nonce']}: {status} {data[:200]!r}")
        self.answers.append(
            (
                body["nonce"],
                retry,
                status,
                elapsed,
                scan.get("id"),
                scan.get("duplicate"),
                "nonce_reused" if reused else scan.get("verdict"),
            )
        )


def scan_loop(scanner, path, jobs, lock):
    """Scan from the shared list until it is empty; resend when told to."""
    while True:
        with lock:
            if not jobs:
                return
            item = jobs.pop()
        scanner.scan(path, item["body"])
        if item["retry"]:
            scanner.scan(path, item["body"], retry=True)


def run_scanners(args, data, target, target_args, keys=None):
    """One scanner thread per key (the controllers' by default) running
    ``target(scanner, *target_args(index))``; ``(wall seconds, scanners)``."""
    scanners = [
        Scanner(
            args.port, key, f"bench-scanner-{index:02d}", target, *target_args(index)
        )
        for index, key in enumerate(keys or data["keys"])
    ]
    started = time.perf_counter()
    for scanner in scanners:
        scanner.start()
    for scanner in scanners:
        scanner.join()
    return time.perf_counter() - started, scanners


def measure_baseline(args, when):
    clients = [None] * args.scanners
    wall, results = hammer(
        args.port, clients, [(BASELINE_PATH, baseline_body())] * args.baseline
    )
    latencies = [elapsed for _status, elapsed, _data in results]
    statuses = Counter(status for status, _elapsed, _data in results)
    log(
        f"baseline version_info {when} the scanners, {len(clients)} clients: "
        f"{len(results)} requests in {wall:.2f} s, {len(results) / wall:.1f} req/s, "
        f"p50 {ms(latencies, 0.5):.1f} ms, p95 {ms(latencies, 0.95):.1f} ms, "
        f"status {dict(statuses)}"
    )
    return wall, latencies


def pair_rounds(pairs, scanners):
    """Rounds of ``scanners`` bodies (one per scanner; None: idle), each
    ``(a, b)`` pair given to two scanners of the same round."""
    per_round = scanners // 2
    rounds = []
    for first in range(0, len(pairs), per_round):
        bodies = [body for pair in pairs[first : first + per_round] for body in pair]
        rounds.append(bodies + [None] * (scanners - len(bodies)))
    return rounds


def shared_key(slot):
    """Whether the pair at ``slot`` of a round is sent with one key."""
    return slot % 2 == 0


def pair_keys(keys, scanners):
    """The key of each scanner of the nonce pairs: the two scanners of a
    pair share one controller's key when ``shared_key``, else each has its
    own controller's."""
    chosen = []
    for index in range(scanners):
        slot = index // 2
        if shared_key(slot) or index % 2 == 0:
            chosen.append(keys[slot])
        else:
            chosen.append(keys[len(keys) - 1 - slot])
    return chosen


def scan_rounds(scanner, path, rounds, barrier, slot):
    """Each round: meet the other scanners at the barrier, then send this
    slot's scan (if any)."""
    scanner.nonce_reused_ok = True
    for bodies in rounds:
        barrier.wait()
        if bodies[slot] is not None:
            scanner.scan(path, bodies[slot])


def describe(name, wall, answers):
    latencies = [answer[3] for answer in answers]
    figures = {
        "requests": len(answers),
        "wall": wall,
        "rps": len(answers) / wall,
        "p50": ms(latencies, 0.5),
        "p95": ms(latencies, 0.95),
        "p99": ms(latencies, 0.99),
        "statuses": dict(Counter(answer[2] for answer in answers)),
    }
    line = (
        f"{name}: {figures['requests']} requests in {wall:.2f} s, "
        f"{figures['rps']:.1f} req/s, p50 {figures['p50']:.1f} ms, "
        f"p95 {figures['p95']:.1f} ms, p99 {figures['p99']:.1f} ms, "
        f"status {figures['statuses']}"
    )
    log(line)
    return figures


# ----------------------------------------------------------------------
# Checks
# ----------------------------------------------------------------------


def check_database(env, data, tag):
    """Rows per nonce of this run, verdicts, people entering twice in a row
    at a door, and the peak occupancy of each room with a capacity."""
    cr = env.cr
    cr.execute(
        "SELECT nonce, count(*) FROM coworking_event_scan WHERE nonce LIKE %s "
        "GROUP BY nonce",
        [f"{tag}-%"],
    )
    rows = dict(cr.fetchall())
    cr.execute(
        "SELECT verdict, count(*) FROM coworking_event_scan WHERE nonce LIKE %s "
        "GROUP BY verdict ORDER BY count(*) DESC",
        [f"{tag}-%"],
    )
    verdicts = dict(cr.fetchall())
    cr.execute(
        """
        SELECT count(*) FROM (
            SELECT direction, LAG(direction) OVER (
                       PARTITION BY COALESCE(location_id, 0), partner_id
                       ORDER BY scanned_at, id) AS previous
              FROM coworking_event_scan
             WHERE event_id = %s AND verdict = 'granted' AND partner_id IS NOT NULL
        ) AS steps WHERE direction = 'in' AND previous = 'in'
        """,
        [data["event"]],
    )
    entered_twice = cr.fetchone()[0]
    cr.execute(
        "SELECT location_id, partner_id, direction FROM coworking_event_scan "
        "WHERE event_id = %s AND verdict = 'granted' AND location_id IS NOT NULL "
        "ORDER BY scanned_at, id",
        [data["event"]],
    )
    inside, peak = defaultdict(set), Counter()
    for location_id, partner_id, direction in cr.fetchall():
        if direction == "in":
            inside[location_id].add(partner_id)
        else:
            inside[location_id].discard(partner_id)
        peak[location_id] = max(peak[location_id], len(inside[location_id]))
    return {
        "rows": sum(rows.values()),
        "nonces": len(rows),
        "nonces_twice": sum(1 for count in rows.values() if count > 1),
        "recorded": set(rows),
        "verdicts": verdicts,
        "entered_twice": entered_twice,
        "peaks": {
            room["name"]: (peak[room["id"]], room["capacity"]) for room in data["rooms"]
        },
    }


def check_answers(main, pairs, shared, badges):
    """Retries answered with their first answer's id; nonce pairs with one
    scan, answered 201 and 200 ``duplicate`` with its id when sent with one
    key (``shared``: {nonce: bool}), 201 and 409 without it from two
    controllers; badge pairs with one entry at most."""
    first = {}
    problems = Counter()
    for nonce, retry, status, _s, scan_id, duplicate, _v in main:
        if not retry:
            first[nonce] = scan_id
            if status != 201 or duplicate:
                problems["first scan not answered 201"] += 1
    retries = [answer for answer in main if answer[1]]
    for nonce, _r, status, _s, scan_id, duplicate, _v in retries:
        if status != 200 or duplicate is not True or scan_id != first.get(nonce):
            problems["retry not answered 200, duplicate, same id"] += 1
    by_nonce = defaultdict(list)
    for nonce, _r, status, _s, scan_id, duplicate, _v in pairs:
        by_nonce[nonce].append((status, scan_id, bool(duplicate)))
    for nonce, answers in by_nonce.items():
        answers.sort()
        statuses = [status for status, _id, _d in answers]
        if shared[nonce]:
            wrong = statuses != [200, 201] or (
                answers[0][1] != answers[1][1] or not answers[0][2] or answers[1][2]
            )
        else:
            wrong = statuses != [201, 409] or answers[1][1] is not None
        if wrong:
            problems["nonce pair not answered 201 + 200 (one key) or 409"] += 1
    granted = Counter(
        nonce.rsplit("-", 1)[0] for nonce, *_x, v in badges if v == "granted"
    )
    badge_twice = sum(1 for count in granted.values() if count > 1)
    return {
        "retries": len(retries),
        "pairs": len(by_nonce),
        "pair_statuses": dict(
            Counter(
                " + ".join(str(status) for status, _i, _d in sorted(answers))
                for answers in by_nonce.values()
            )
        ),
        "badge_pairs_granted_twice": badge_twice,
        "problems": dict(problems),
    }


# ----------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------


def http_phases(args, data, plan, pairs, badge_pairs):
    """The baselines, the scanners, the nonce pairs, the badge pairs."""
    path = SCAN_PATH.format(event_id=data["event"])
    logfile = os.path.join(args.log_dir, "server_scan.log")
    if os.path.exists(logfile):
        os.remove(logfile)
    process = start_server(args, logfile)
    try:
        if not wait_ready(args.port, process):
            sys.exit(f"ERROR: the server did not start; see {logfile}")
        hammer(
            args.port, [None] * args.scanners, [(BASELINE_PATH, baseline_body())] * 40
        )
        probe = Scanner(args.port, data["keys"][0], "probe", None)
        status, answer = probe.post(path, {})
        if status == 404 and not answer.startswith(b"{"):
            sys.exit(
                f"ERROR: POST {path} answers 404: the scan route is not installed."
            )
        warm = args.scanners * 4
        lock = threading.Lock()
        jobs = list(reversed(plan[:warm]))
        _wall, warmers = run_scanners(
            args, data, scan_loop, lambda i: (path, jobs, lock)
        )
        # one request at a time: what a scan costs against version_info
        jobs = list(reversed(plan[warm : warm + args.single]))
        _wall, single = run_scanners(
            args, data, scan_loop, lambda i: (path, jobs, lock), keys=data["keys"][:1]
        )
        _wall, single_base = hammer(
            args.port, [None], [(BASELINE_PATH, baseline_body())] * args.single
        )
        base_before = measure_baseline(args, "before")
        jobs = list(reversed(plan[warm + args.single :]))
        wall, scanners = run_scanners(
            args, data, scan_loop, lambda i: (path, jobs, lock)
        )
        retries = {"scanners": count_retries(logfile)}
        base_after = measure_baseline(args, "after")
        # the same nonce at once: from one controller's key on two
        # connections (a scanner resending before the first answer came),
        # or from two controllers' (``pair_keys``)
        rounds = pair_rounds(pairs, args.scanners)
        barrier = threading.Barrier(args.scanners)
        pair_wall, pair_scanners = run_scanners(
            args,
            data,
            scan_rounds,
            lambda i: (path, rounds, barrier, i),
            keys=pair_keys(data["keys"], args.scanners),
        )
        retries["nonce pairs"] = count_retries(logfile) - retries["scanners"]
        # one badge at two scanners of two controllers
        rounds = pair_rounds(badge_pairs, args.scanners)
        badge_wall, badge_scanners = run_scanners(
            args, data, scan_rounds, lambda i: (path, rounds, barrier, i)
        )
        retries["badge pairs"] = (
            count_retries(logfile) - retries["scanners"] - retries["nonce pairs"]
        )
    finally:
        stop_server(process)
    baseline_wall = base_before[0] + base_after[0]
    baseline = base_before[1] + base_after[1]
    return {
        "logfile": logfile,
        "retries": retries,
        "baseline": {
            "rps": len(baseline) / baseline_wall,
            "p50": ms(baseline, 0.5),
            "p95": ms(baseline, 0.95),
            "p99": ms(baseline, 0.99),
        },
        "wall": wall,
        "pair_wall": pair_wall,
        "badge_wall": badge_wall,
        "warm": [a for s in warmers + single for a in s.answers],
        "single": [a for a in single[0].answers if not a[1]],
        "single_base": [elapsed for _status, elapsed, _data in single_base],
        "main": [a for s in scanners for a in s.answers],
        "pairs": [a for s in pair_scanners for a in s.answers],
        "badges": [a for s in badge_scanners for a in s.answers],
        "errors": [
            e
            for group in (warmers, single, scanners, pair_scanners, badge_scanners)
            for s in group
            for e in s.errors
        ],
    }
