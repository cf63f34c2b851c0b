# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Cost per request kind of the booking API, as a ratio to
``POST /web/webclient/version_info`` measured in the same run.

1. Setup (in the database, committed): API keys for two customers of the
   demo data: ``--login`` (``camille``, a portal user whose membership
   confirms her bookings at once) and ``--guest-login`` (``portal``, without
   membership: held booking and quotation to pay), and the free one-hour
   slots of the demo rooms of their location, found with ``_get_free_slots``.
2. A real Odoo server (``--workers``, 4 by default, no cron) on that database.
3. Sequential requests, one keep-alive connection, ``--warmup`` untimed then
   ``--reps`` timed per kind:

   * ``version_info``: ``POST /web/webclient/version_info`` (JSON-RPC, the
     baseline);
   * ``spaces``: ``GET /coworking/api/spaces`` with the customer's key, and
     ``spaces (anonymous)``;
   * ``availability free`` / ``availability taken``:
     ``GET /coworking/api/room/availability`` of a free and of a taken slot;
   * ``create accepted`` (201): a new free slot each time (the member);
   * ``create held`` (201): the same without membership (held, quotation);
   * ``create taken`` (409): the slot of a booking made just before;
   * ``create rule`` (422): a slot that does not start on the room's step.

   Each kind: median and p95 in ms, and the median's ratio to the baseline.
4. Concurrency series (``--series``, e.g. ``20,50`` clients): the booking mix
   of ``bench_http.py`` (member users with API keys booking overlapping slots
   of 3 rooms and a per-seat zone) against ``version_info`` alone with the
   same number of clients: requests/s and p95, as ratios to the baseline.

No timing is asserted: the script fails (exit 1) only when an answer has the
wrong status (e.g. a 500) or a room is double-booked.
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_http  # noqa: E402
from common import configured_addons_path, odoo_env, percentile  # noqa: E402

API = "/coworking/api"
BASELINE = "version_info"


def log(message=""):
    print(message, flush=True)


# ----------------------------------------------------------------------
# Setup
# ----------------------------------------------------------------------


def setup(env, args):
    """The customer's API key and the slots the requests use."""
    keys = {}
    for login in (args.login, args.guest_login):
        user = env["res.users"].search([("login", "=", login)])
        if not user:
            sys.exit(f"ERROR: no user {login!r} in {env.cr.dbname} (demo data?).")
        keys[login] = (
            env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate(None, "coworking cost bench", None)
        )
    user = env["res.users"].search([("login", "=", args.login)])
    Booking = env["coworking.booking"].with_user(user)
    spaces = (
        env["coworking.space"]
        .with_user(user)
        .search(
            [
                ("kind", "=", "meeting_room"),
                ("is_bookable", "=", True),
                ("website_published", "=", True),
            ],
            order="id",
        )
    )
    location = spaces[:1].location_id
    spaces = spaces.filtered(lambda s: s.location_id == location)
    now = datetime.now().replace(microsecond=0, second=0, minute=0)
    # a day after tomorrow, within every plan's horizon
    first = now + timedelta(days=2)
    last = now + timedelta(days=min(args.days, 13))
    free = Booking.sudo()._get_free_slots(
        spaces, first, last, timedelta(hours=1), staff=False
    )
    per_space = {}
    for space in spaces:
        chosen = []
        buffer = timedelta(minutes=space.booking_buffer_minutes)
        for start, stop, _left in free.get(space, []):
            if not chosen or start >= chosen[-1][1] + buffer:
                chosen.append((start, stop))
        per_space[space.id] = chosen
    needed = args.warmup + args.reps
    # one room for the taken slot, the rule refusals and the free
    # availability; the others for the accepted bookings
    probe = spaces[0]
    accepted = [
        (space_id, start, stop)
        for space_id, slots in per_space.items()
        if space_id != probe.id
        for start, stop in slots
    ]
    if len(per_space[probe.id]) < 3 or len(accepted) < 2 * needed + 1:
        sys.exit("ERROR: not enough free slots for the requests; use --days.")
    taken = per_space[probe.id][0]
    free_slot = per_space[probe.id][1]
    misaligned_start = per_space[probe.id][2][0] + timedelta(minutes=10)
    env.cr.commit()
    return {
        "key": keys[args.login],
        "guest_key": keys[args.guest_login],
        "tz": location.tz,
        "probe": probe.id,
        "taken": taken,
        "free": free_slot,
        "misaligned": (misaligned_start, misaligned_start + timedelta(hours=1)),
        "accepted": accepted[: needed + 1],
        "held": accepted[needed + 1 : 2 * needed + 1],
        "spaces_visible": len(
            env["coworking.space"]
            .with_user(user)
            .search([("is_bookable", "=", True), ("website_published", "=", True)])
        ),
    }


def iso(moment):
    """Naive UTC as ISO 8601 with an offset."""
    return moment.isoformat() + "+00:00"


# ----------------------------------------------------------------------
# Requests
# ----------------------------------------------------------------------


class Connection:
    """One keep-alive connection."""

    def __init__(self, port):
        self.port = port
        self.connection = None

    def request(self, method, path, body=None, key=None):
        headers = {"Connection": "keep-alive"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if key:
            headers["Authorization"] = f"Bearer {key}"
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=120
                )
            try:
                started = time.perf_counter()
                self.connection.request(method, path, payload, headers)
                response = self.connection.getresponse()
                data = response.read()
                elapsed = time.perf_counter() - started
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response.status, elapsed, data
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
        raise AssertionError("unreachable")


def kinds(data):
    """``[(name, expected status, [request per repetition])]``; a request is
    ``(method, path, body, key)``, ``body`` None for a GET."""
    key = data["key"]
    probe = data["probe"]

    def availability(slot):
        query = urlencode(
            {"space_id": probe, "start": iso(slot[0]), "stop": iso(slot[1])}
        )
        return ("GET", f"{API}/room/availability?{query}", None, key)

    def create(space_id, slot, key=key):
        body = {"space_id": space_id, "start": iso(slot[0]), "stop": iso(slot[1])}
        return ("POST", f"{API}/booking/create", body, key)

    version_info = (
        "POST",
        "/web/webclient/version_info",
        {"jsonrpc": "2.0", "method": "call", "params": {}, "id": 1},
        None,
    )
    accepted = [create(space_id, (a, b)) for space_id, a, b in data["accepted"][1:]]
    held = [
        create(space_id, (a, b), data["guest_key"]) for space_id, a, b in data["held"]
    ]
    return [
        (BASELINE, 200, [version_info]),
        ("spaces", 200, [("GET", f"{API}/spaces", None, key)]),
        ("spaces (anonymous)", 200, [("GET", f"{API}/spaces", None, None)]),
        ("availability free", 200, [availability(data["free"])]),
        ("availability taken", 200, [availability(data["taken"])]),
        ("create accepted", 201, accepted),
        ("create held", 201, held),
        ("create taken", 409, [create(probe, data["taken"])]),
        ("create rule", 422, [create(probe, data["misaligned"])]),
    ]


def measure_costs(args, data):
    """Sequential requests per kind; ``{name: figures}``."""
    connection = Connection(args.port)
    # the slot refused as taken: booked once, through the API
    taken = data["accepted"][0]
    status, _e, answer = connection.request(
        "POST",
        f"{API}/booking/create",
        {
            "space_id": data["probe"],
            "start": iso(data["taken"][0]),
            "stop": iso(data["taken"][1]),
        },
        data["key"],
    )
    if status != 201:
        log(f"  could not book the slot to refuse: {status} {answer[:300]!r}")
        return None
    del taken
    results = {}
    wrong = []
    for name, expected, requests in kinds(data):
        samples = []
        for index in range(args.warmup + args.reps):
            method, path, body, key = requests[index % len(requests)]
            status, elapsed, answer = connection.request(method, path, body, key)
            if status != expected:
                wrong.append((name, status, answer[:300]))
            if index >= args.warmup:
                samples.append(elapsed * 1000)
        results[name] = {
            "median": statistics.median(samples),
            "p95": percentile(samples, 0.95),
            "count": len(samples),
        }
    base = results[BASELINE]["median"]
    log(f"\n  {'kind':<22} {'median':>9} {'p95':>9} {'ratio':>7}")
    for name, figures in results.items():
        figures["ratio"] = figures["median"] / base
        log(
            f"  {name:<22} {figures['median']:7.1f} ms {figures['p95']:7.1f} ms "
            f"{figures['ratio']:6.2f}x"
        )
    for name, status, answer in wrong[:5]:
        log(f"  unexpected answer to {name}: {status} {answer!r}")
    if wrong:
        log(f"  {len(wrong)} unexpected answers")
    return results, bool(wrong)


# ----------------------------------------------------------------------
# Concurrency series
# ----------------------------------------------------------------------


def run_series(args, clients, mix, first_day, pytz):
    """version_info then the booking mix with ``clients`` clients."""
    keys = mix["keys"][:clients]
    baseline_jobs = [(bench_http.BASELINE_PATH, bench_http.baseline_body())]
    bench_http.hammer(args.port, keys, baseline_jobs * clients * 2)
    wall, results = bench_http.hammer(args.port, keys, baseline_jobs * args.requests)
    baseline = bench_http.describe("baseline", wall, results)
    mix_args = argparse.Namespace(
        seed=args.seed,
        requests=args.requests,
        days=args.mix_days,
        zone_share=0.4,
    )
    jobs = [
        (bench_http.API_PATH, bench_http.booking_body(*request))
        for request in bench_http.booking_requests(mix_args, mix, first_day, pytz)
    ]
    wall, results = bench_http.hammer(args.port, keys, jobs)
    booking = bench_http.describe("bookings", wall, results, baseline)
    odd = Counter(status for status, _e, _a in results if status not in (201, 409, 422))
    return {
        "clients": clients,
        "baseline": baseline,
        "booking": booking,
        "rps_ratio": booking["rps"] / baseline["rps"],
        "p95_ratio": booking["p95"] / baseline["p95"],
        "odd": dict(odd),
    }


# ----------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path")
    parser.add_argument("--odoo-cmd", default="odoo")
    parser.add_argument("--port", type=int, default=8204)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--login", default="camille")
    parser.add_argument(
        "--guest-login",
        default="portal",
        help="a customer without membership: held booking and quotation",
    )
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--reps", type=int, default=40)
    parser.add_argument("--days", type=int, default=13)
    parser.add_argument(
        "--series", default="20,50", help="client counts of the concurrency series"
    )
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--mix-days", type=int, default=4)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--log-dir", default=".")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="only set up and print the requests' data (for a profiler)",
    )
    args = parser.parse_args()
    args.odoo_cmd = args.odoo_cmd.split()
    series = [int(n) for n in args.series.split(",") if n.strip()]

    with odoo_env(args.database, args.addons_path) as env:
        import pytz

        args.addons_path = configured_addons_path()
        data = setup(env, args)
        mix = None
        if series:
            mix_args = argparse.Namespace(rooms=3, zone_capacity=4, clients=max(series))
            mix = bench_http.setup(env, mix_args)
            env.cr.commit()
        today = datetime.now(pytz.timezone(bench_http.TZ_NAME)).date()
    if args.profile:
        log(json.dumps(data, default=str, indent=1))
        return 0

    log(
        f"Customer {args.login!r} with an API key ({data['spaces_visible']} spaces "
        f"offered to her); server with --workers={args.workers}; "
        f"{args.warmup} + {args.reps} sequential requests per kind"
    )
    logfile = os.path.join(args.log_dir, "server_cost.log")
    process = bench_http.start_server(args, args.workers, logfile)
    failed = False
    outcomes = []
    try:
        if not bench_http.wait_ready(args.port, process):
            log(f"  server did not start; see {logfile}")
            return 1
        measured = measure_costs(args, data)
        if measured is None:
            return 1
        costs, wrong = measured
        failed |= wrong
        for offset, clients in enumerate(series):
            log(f"\n== {clients} clients: version_info, then the booking mix ==")
            # each series books its own days, after the cost requests' days
            first_day = today + timedelta(days=16 + offset * args.mix_days)
            outcome = run_series(args, clients, mix, first_day, pytz)
            outcomes.append(outcome)
            failed |= bool(outcome["odd"])
    finally:
        bench_http.stop_server(process)

    with odoo_env(args.database, args.addons_path) as env:
        overlaps, peak, _created = (
            bench_http.check_database(env, mix, datetime(2000, 1, 1))
            if mix
            else (0, 0, 0)
        )
        log("\n== checks (SQL) ==")
        log(f"  overlapping active bookings of the mix's rooms: {overlaps} (must be 0)")
        log(f"  peak seats taken at once in the zone: {peak} of {mix['capacity']}")
        failed |= overlaps > 0 or peak > mix["capacity"]

    log("\n== summary ==")
    for name, figures in costs.items():
        log(
            f"{name}: {figures['median']:.1f} ms median, {figures['p95']:.1f} ms "
            f"p95, {figures['ratio']:.2f} x version_info"
        )
    for outcome in outcomes:
        b, k = outcome["baseline"], outcome["booking"]
        log(
            f"{outcome['clients']} clients: booking mix {k['rps']:.1f} req/s vs "
            f"{b['rps']:.1f} ({outcome['rps_ratio']:.2f} x), p95 {k['p95']:.0f} "
            f"vs {b['p95']:.0f} ms ({outcome['p95_ratio']:.1f} x), status "
            f"{k['statuses']}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
