# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Concurrent HTTP clients against ``POST /coworking/api/booking/create``.

1. Setup (in the database, committed): one location open every day
   07:00-21:00 (Europe/Paris), ``--rooms`` exclusive meeting rooms (30-minute
   steps, 15-minute buffer) and one per-seat hot-desk zone of ``--zone-capacity``
   seats, ``--clients`` member portal users, each with an API key.
2. For each server mode (``--modes``: ``threaded`` = ``--workers=0``,
   ``workers2`` = ``--workers=2``): start a real Odoo server, warm it up, then
   ``--clients`` threads, one per user, each with its own keep-alive
   connection, send ``--requests`` requests in total:

   * baseline: ``POST /web/webclient/version_info`` (JSON-RPC, auth none);
   * bookings: overlapping requests for the rooms and the zone over
     ``--days`` days, drawn with ``--seed``, so that many of them collide.

   The server is stopped (by its pid) after each mode.
3. Checks in SQL: no two active bookings of a room overlap (buffer included),
   and the seats taken at once in the zone never exceed its capacity; the rows
   created match the 201 answers.

Figures: requests/s, bookings/s (201 answers per second), p50/p95 latency, the
status-code mix, and ratios against the baseline measured in the same run.
"""

import argparse
import http.client
import json
import os
import random
import sys
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    configured_addons_path,
    odoo_env,
    opening_hours,
    percentile,
)
from server import (  # noqa: E402,F401
    count_in_log,
    start_server,
    stop_server,
    wait_ready,
)

TZ_NAME = "Europe/Paris"
API_PATH = "/coworking/api/booking/create"
BASELINE_PATH = "/web/webclient/version_info"
ACTIVE = ("held", "confirmed", "checked_in")
UTC = timezone.utc
LOGIN_PREFIX = "cw_bench_member_"
STAFF_LOGIN = "cw_bench_front_desk"


def log(message=""):
    print(message, flush=True)


# ----------------------------------------------------------------------
# Setup
# ----------------------------------------------------------------------


def setup(env, args):
    """Create (or reuse) the bench location, spaces and users; return the
    ids, the API keys and the first bookable day."""
    quiet = dict(
        env.context,
        tracking_disable=True,
        mail_create_nolog=True,
        mail_notrack=True,
        no_reset_password=True,
    )
    env = env(context=quiet)
    # e-mails go to the queue (sent by the mail cron), not over SMTP inside
    # the request, as on a production server with an outgoing mail queue
    env["ir.config_parameter"].set_param("mail.mail.force.send.limit", "0")
    location = env["coworking.location"].search([("code", "=", "BENCHHTTP")])
    if not location:
        calendar = opening_hours(env, "Bench HTTP 07-21 every day", TZ_NAME, (7, 21))
        location = env["coworking.location"].create(
            {
                "name": "Bench HTTP Location",
                "code": "BENCHHTTP",
                "tz": TZ_NAME,
                "resource_calendar_id": calendar.id,
            }
        )
    rules = {
        "booking_min_minutes": 30,
        "booking_max_minutes": 600,
        "booking_notice_minutes": 0,
        "booking_horizon_days": 90,
    }
    Space = env["coworking.space"]
    rooms = Space.search(
        [("location_id", "=", location.id), ("kind", "=", "meeting_room")],
        order="id",
    )
    missing = args.rooms - len(rooms)
    if missing > 0:
        rooms |= Space.create(
            [
                {
                    "name": f"Bench Room {len(rooms) + index + 1}",
                    "location_id": location.id,
                    "kind": "meeting_room",
                    "capacity": 8,
                    "booking_slot_minutes": 30,
                    "booking_buffer_minutes": 15,
                    **rules,
                }
                for index in range(missing)
            ]
        )
    rooms = rooms[: args.rooms]
    zone = Space.search(
        [("location_id", "=", location.id), ("kind", "=", "hot_desk")], limit=1
    )
    if not zone:
        zone = Space.create(
            {
                "name": "Bench Hot-Desk Zone",
                "location_id": location.id,
                "kind": "hot_desk",
                "capacity": args.zone_capacity,
                "booking_slot_minutes": 60,
                "booking_buffer_minutes": 0,
                **rules,
            }
        )
    zone.capacity = args.zone_capacity
    portal = env.ref("base.group_portal")
    Users = env["res.users"].with_context(active_test=False)
    keys = []
    for index in range(args.clients):
        login = f"{LOGIN_PREFIX}{index:02d}"
        user = Users.search([("login", "=", login)])
        if not user:
            user = Users.create(
                {
                    "name": f"Bench Member {index:02d}",
                    "login": login,
                    "email": f"{login}@example.com",
                    "groups_id": [(6, 0, portal.ids)],
                }
            )
        user.active = True
        user.partner_id.is_coworking_member = True
        # a key without expiry needs a system environment (sudo)
        keys.append(
            env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate(None, "coworking bench", None)
        )
    staff = Users.search([("login", "=", STAFF_LOGIN)])
    if not staff:
        staff = Users.create(
            {
                "name": "Bench Front Desk",
                "login": STAFF_LOGIN,
                "email": f"{STAFF_LOGIN}@example.com",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            env.ref("base.group_user").id,
                            env.ref("coworking_base.group_coworking_user").id,
                        ],
                    )
                ],
            }
        )
    staff_key = (
        env["res.users.apikeys"]
        .with_user(staff)
        .sudo()
        ._generate(None, "coworking bench", None)
    )
    members = Users.search([("login", "=like", f"{LOGIN_PREFIX}%")], order="login")
    env.flush_all()
    return {
        "rooms": rooms.ids,
        "zone": zone.id,
        "capacity": zone.capacity,
        "keys": keys,
        "partners": members[: args.clients].partner_id.ids,
        "staff_uid": staff.id,
        "staff_key": staff_key,
        "db": env.cr.dbname,
    }


# ----------------------------------------------------------------------
# Requests
# ----------------------------------------------------------------------


def booking_requests(args, data, first_day, pytz):
    """The booking requests of one run: ``(space_id, start, stop, seats)``
    with aware datetimes, overlapping on purpose."""
    rng = random.Random(args.seed + first_day.toordinal())
    tz = pytz.timezone(TZ_NAME)
    requests = []
    for _index in range(args.requests):
        day = first_day + timedelta(days=rng.randrange(args.days))
        midnight = tz.localize(datetime.combine(day, datetime.min.time()))
        if rng.random() < args.zone_share:
            hours = rng.choice((1, 1, 2, 3))
            start_hour = rng.randrange(8, 20 - hours + 1)
            start = midnight + timedelta(hours=start_hour)
            stop = start + timedelta(hours=hours)
            requests.append((data["zone"], start, stop, rng.choice((1, 1, 2))))
        else:
            minutes = rng.choice((60, 60, 90, 120))
            start_minute = 8 * 60 + 30 * rng.randrange((12 * 60 - minutes) // 30 + 1)
            start = midnight + timedelta(minutes=start_minute)
            stop = start + timedelta(minutes=minutes)
            requests.append((rng.choice(data["rooms"]), start, stop, 1))
    return requests


def booking_body(space_id, start, stop, seats):
    """JSON body of ``POST /coworking/api/booking/create``."""
    return {
        "space_id": space_id,
        "start": start.isoformat(),
        "stop": stop.isoformat(),
        "seats": seats,
    }


def jsonrpc_body(data, index, space_id, start, stop, seats):
    """``coworking.booking.create`` through Odoo's JSON-RPC as a front-desk
    user (``--via jsonrpc``): same checks and database guarantees, without
    the API's code."""
    values = {
        "space_id": space_id,
        "partner_id": data["partners"][index % len(data["partners"])],
        "start": start.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        "stop": stop.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        "seats": seats,
        "state": "confirmed",
    }
    return {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {
            "service": "object",
            "method": "execute_kw",
            "args": [
                data["db"],
                data["staff_uid"],
                data["staff_key"],
                "coworking.booking",
                "create",
                [values],
            ],
        },
        "id": index,
    }


def classify_jsonrpc(status, body):
    """Map a JSON-RPC answer to the status the API would give."""
    if status != 200:
        return status
    try:
        answer = json.loads(body)
    except ValueError:
        return 500
    if "result" in answer:
        return 201
    error = answer.get("error", {}).get("data", {}).get("name", "")
    return 409 if error.endswith("BookingRefused") else f"error {error}"


def transport(via, data):
    """``(path, client keys, body(index, request), status_of(status, answer))``
    of the booking requests."""
    if via == "jsonrpc":
        return (
            "/jsonrpc",
            [None] * len(data["keys"]),
            lambda index, request: jsonrpc_body(data, index, *request),
            classify_jsonrpc,
        )
    return (
        API_PATH,
        data["keys"],
        lambda index, request: booking_body(*request),
        lambda status, answer: status,
    )


def baseline_body():
    return {"jsonrpc": "2.0", "method": "call", "params": {}, "id": 1}


class Client(threading.Thread):
    """One user: a keep-alive connection sending requests from a shared list
    until it is empty."""

    def __init__(self, port, key, jobs, lock, results):
        super().__init__(daemon=True)
        self.port = port
        self.key = key
        self.jobs = jobs
        self.lock = lock
        self.results = results
        self.connection = None

    def next_job(self):
        with self.lock:
            return self.jobs.pop() if self.jobs else None

    def send(self, path, body):
        payload = json.dumps(body).encode()
        headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=120
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

    def run(self):
        while (job := self.next_job()) is not None:
            path, body = job
            started = time.perf_counter()
            try:
                status, data = self.send(path, body)
            except (http.client.HTTPException, OSError) as error:
                status, data = f"error {type(error).__name__}", b""
            elapsed = time.perf_counter() - started
            with self.lock:
                self.results.append((status, elapsed, data))


def hammer(port, keys, jobs):
    """Run the jobs with one client per key; return (wall seconds, results)."""
    jobs = list(reversed(jobs))
    lock = threading.Lock()
    results = []
    clients = [Client(port, key, jobs, lock, results) for key in keys]
    started = time.perf_counter()
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    return time.perf_counter() - started, results


def describe(name, wall, results, baseline=None):
    latencies = [elapsed for _status, elapsed, _data in results]
    statuses = Counter(status for status, _elapsed, _data in results)
    created = statuses.get(201, 0)
    figures = {
        "name": name,
        "requests": len(results),
        "wall": wall,
        "rps": len(results) / wall,
        "bps": created / wall,
        "p50": percentile(latencies, 0.50) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "statuses": dict(sorted(statuses.items(), key=str)),
    }
    line = (
        f"  {name:<9} {figures['requests']:4d} requests in {wall:6.2f} s: "
        f"{figures['rps']:7.1f} req/s, p50 {figures['p50']:7.1f} ms, "
        f"p95 {figures['p95']:7.1f} ms, status {figures['statuses']}"
    )
    if baseline:
        line += (
            f"\n            {figures['bps']:.1f} bookings/s; req/s = "
            f"{figures['rps'] / baseline['rps']:.3f} x baseline, "
            f"bookings/s = {figures['bps'] / baseline['rps']:.3f} x baseline "
            f"req/s, p50 = {figures['p50'] / baseline['p50']:.1f} x baseline, "
            f"p95 = {figures['p95'] / baseline['p95']:.1f} x baseline"
        )
    log(line)
    return figures


# ----------------------------------------------------------------------
# Server
# ----------------------------------------------------------------------


def check_database(env, data, since, window=None):
    """Overlaps of exclusive rooms, peak seats of the zone, rows created."""
    cr = env.cr
    cr.execute(
        """
        SELECT count(*)
          FROM coworking_booking a
          JOIN coworking_booking b
            ON a.resource_id = b.resource_id AND a.id < b.id
           AND tsrange(a.start, a.blocked_stop, '[)')
               && tsrange(b.start, b.blocked_stop, '[)')
         WHERE a.space_id = ANY(%(rooms)s)
           AND a.state IN %(active)s AND b.state IN %(active)s
        """,
        {"rooms": data["rooms"], "active": ACTIVE},
    )
    overlaps = cr.fetchone()[0]
    # the load is highest at the start of some booking
    cr.execute(
        """
        SELECT COALESCE(MAX(load), 0) FROM (
            SELECT p.id, SUM(b.seats) AS load
              FROM coworking_booking p
              JOIN coworking_booking b
                ON b.space_id = p.space_id
               AND b.start <= p.start AND b.blocked_stop > p.start
               AND b.state IN %(active)s
             WHERE p.space_id = %(zone)s AND p.state IN %(active)s
             GROUP BY p.id
        ) AS loads
        """,
        {"zone": data["zone"], "active": ACTIVE},
    )
    peak = cr.fetchone()[0]
    cr.execute(
        """
        SELECT count(*) FROM coworking_booking
         WHERE (space_id = ANY(%(rooms)s) OR space_id = %(zone)s)
           AND create_date >= %(since)s
           AND start >= %(begin)s AND start < %(end)s
        """,
        {
            "rooms": data["rooms"],
            "zone": data["zone"],
            "since": since,
            "begin": window[0] if window else datetime(2000, 1, 1),
            "end": window[1] if window else datetime(3000, 1, 1),
        },
    )
    created = cr.fetchone()[0]
    return overlaps, peak, created


# ----------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------


def run_mode(args, mode, data, first_day, pytz):
    workers = {"threaded": 0, "workers2": 2}[mode]
    logfile = os.path.join(args.log_dir, f"server_{mode}.log")
    log(f"\n== {mode} (--workers={workers}) ==")
    process = start_server(args, workers, logfile)
    try:
        if not wait_ready(args.port, process):
            log(f"  server did not start; see {logfile}")
            return None
        keys = data["keys"]
        # warm-up: load the registry and routing in every worker/thread, and
        # the API route with a request refused for being in the past
        hammer(args.port, keys, [(BASELINE_PATH, baseline_body())] * len(keys) * 2)
        wall, results = hammer(
            args.port, keys, [(BASELINE_PATH, baseline_body())] * args.requests
        )
        baseline = describe("baseline", wall, results)
        past = datetime.now(pytz.utc) - timedelta(days=2)
        past_request = (data["rooms"][0], past, past + timedelta(hours=1), 1)
        via = args.via
        path, client_keys, body, status_of = transport(via, data)
        _wall, warm = hammer(
            args.port,
            client_keys,
            [(path, body(index, past_request)) for index in range(len(keys))],
        )
        warm_statuses = Counter(
            status_of(status, answer) for status, _e, answer in warm
        )
        log(f"  warm-up {path} requests (in the past): {dict(warm_statuses)}")
        if set(warm_statuses) != {422}:
            log(f"  {path} should refuse a past booking with 422; stopping.")
            return None
        since = datetime.now(pytz.utc).replace(microsecond=0, tzinfo=None)
        since -= timedelta(seconds=1)
        jobs = [
            (path, body(index, request))
            for index, request in enumerate(
                booking_requests(args, data, first_day, pytz)
            )
        ]
        wall, results = hammer(args.port, client_keys, jobs)
        results = [
            (status_of(status, answer), elapsed, answer)
            for status, elapsed, answer in results
        ]
        booking = describe("bookings", wall, results, baseline)
        odd = [
            (status, answer[:300])
            for status, _elapsed, answer in results
            if status not in (201, 409)
        ]
        for status, answer in odd[:3]:
            log(f"  unexpected answer {status}: {answer!r}")
        retried = count_in_log(logfile, "could not serialize access")
        log(
            f"  server log: {retried} serialization failures (each retried by "
            "Odoo, up to 5 tries per request)"
        )
        return {
            "mode": mode,
            "via": via,
            "baseline": baseline,
            "booking": booking,
            "since": since,
            "window": (
                pytz.timezone(TZ_NAME)
                .localize(datetime.combine(first_day, datetime.min.time()))
                .astimezone(pytz.utc)
                .replace(tzinfo=None),
                pytz.timezone(TZ_NAME)
                .localize(
                    datetime.combine(
                        first_day + timedelta(days=args.days), datetime.min.time()
                    )
                )
                .astimezone(pytz.utc)
                .replace(tzinfo=None),
            ),
            "created_201": booking["statuses"].get(201, 0),
        }
    finally:
        stop_server(process)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path")
    parser.add_argument(
        "--odoo-cmd",
        default="odoo",
        help="command starting Odoo, e.g. 'odoo' or '/venv/bin/python -m odoo'",
    )
    parser.add_argument("--port", type=int, default=8204)
    parser.add_argument("--modes", default="threaded,workers2")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--rooms", type=int, default=3)
    parser.add_argument("--zone-capacity", type=int, default=4)
    parser.add_argument("--zone-share", type=float, default=0.4)
    parser.add_argument("--days", type=int, default=4)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--log-dir", default=".")
    parser.add_argument(
        "--via",
        choices=("api", "jsonrpc"),
        default="api",
        help="api: POST /coworking/api/booking/create as member portal users "
        "(Bearer API keys); jsonrpc: coworking.booking.create through /jsonrpc "
        "as one front-desk user (same database guarantees, the ORM's path)",
    )
    args = parser.parse_args()
    args.odoo_cmd = args.odoo_cmd.split()

    with odoo_env(args.database, args.addons_path) as env:
        import pytz

        args.addons_path = configured_addons_path()
        if not env["ir.module.module"].search(
            [("name", "=", "coworking_booking"), ("state", "=", "installed")]
        ):
            sys.exit(f"ERROR: coworking_booking is not installed in {args.database}.")
        data = setup(env, args)
        env.cr.commit()
        today = datetime.now(pytz.timezone(TZ_NAME)).date()

    log(
        f"{args.clients} clients (member portal users, API keys), {args.requests} "
        f"requests per series; {len(data['rooms'])} exclusive rooms and one "
        f"per-seat zone of {data['capacity']} seats, {args.days} days"
    )
    outcomes = []
    for offset, mode in enumerate(args.modes.split(",")):
        # each mode books its own days, starting the day after tomorrow
        first_day = today + timedelta(days=2 + offset * args.days)
        outcome = run_mode(args, mode, data, first_day, pytz)
        if outcome:
            outcomes.append(outcome)

    failed = not outcomes
    with odoo_env(args.database, args.addons_path) as env:
        log("\n== checks (SQL) ==")
        overlaps, peak, _created = check_database(env, data, datetime(2000, 1, 1))
        log(f"  overlapping active bookings of exclusive rooms: {overlaps} (must be 0)")
        log(f"  peak seats taken at once in the zone: {peak} of {data['capacity']}")
        failed |= overlaps > 0 or peak > data["capacity"]
        for outcome in outcomes:
            _o, _p, created = check_database(
                env, data, outcome["since"], outcome["window"]
            )
            log(
                f"  {outcome['mode']}: {outcome['created_201']} answers 201, "
                f"{created} bookings created since the run started"
            )
    log("")
    for outcome in outcomes:
        b, k = outcome["baseline"], outcome["booking"]
        log(
            f"{outcome['mode']} via {outcome['via']}: bookings {k['bps']:.1f}/s, "
            f"requests {k['rps']:.1f}/s ({k['rps'] / b['rps']:.3f} x baseline "
            f"{b['rps']:.1f}/s), p50 {k['p50']:.0f} ms, p95 {k['p95']:.0f} ms "
            f"(baseline {b['p50']:.0f}/{b['p95']:.0f} ms), status {k['statuses']}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
