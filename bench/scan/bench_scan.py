# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Badge scanners at the doors of an event of 5,000 participants, over HTTP.

1. Setup (in the database, committed): an event running now in the main
   company, four rooms with capacities (one restricted to the VIP ticket, one
   small enough to fill up), a session live in each room, ``--participants``
   people with a confirmed registration each (a tenth on the VIP ticket),
   hence each with the personal QR credential of ``coworking_base``, and
   ``--scanners`` badge-controller users, each with an Odoo API key.
2. In-process, as one controller: ``coworking.event.scan._coworking_scan``
   and the answer (``_scan_result``) on ``--model-scans`` scans of the plan,
   rolled back: milliseconds and queries per scan, and the verdicts compared
   with the ones the plan expects.
3. A real Odoo server (``--workers``, 4 by default, no cron):

   * one request at a time: ``--single`` scans by one scanner, then as
     many ``POST /web/webclient/version_info`` (JSON-RPC, no
     authentication): what a scan costs against the baseline, without
     concurrency;
   * baseline: version_info by ``--scanners`` clients at once,
     ``--baseline`` requests before and as many after the scanners;
   * scanners: ``--scanners`` clients, each with its own key and keep-alive
     connection, send the plan's ``--scans`` scans to
     ``POST /coworking/api/events/<id>/scans`` as fast as answered: people
     arriving at the entrance, entering and leaving rooms, leaving the
     event, a few scanned twice at a door; 5 % bad codes (tampered
     signature, not a badge, unknown barcode), 5 % of the good ones by
     Odoo's registration barcode; after 10 % of the scans the client sends
     the same request again (it lost the answer), which must be answered
     200 with ``duplicate: true`` and the same scan id;
   * nonce pairs: ``--pairs`` times, one scanner sends the same scan (same
     nonce) on two connections at the same moment, as an app that resends
     before the first answer came (the clients meet at a barrier before
     each round): one scan must be recorded, answered 201 and 200
     ``duplicate`` with its id (another controller's key would get 409
     ``nonce_reused``: a nonce is drawn per scanner);
   * badge pairs: ``--badge-pairs`` times, one person's badge is scanned at
     the entrance by two clients at the same moment (two nonces): one entry
     may be granted, not two.

4. Checks (SQL, after the server is stopped): one row per nonce sent and no
   nonce twice; every retry answered with the id of its first answer;
   people never entering twice in a row at a door; room occupancy never
   above capacity (granted scans replayed in order).

Figures: scans/s, p50/p95/p99 and their ratios to version_info's in the same
run, scans per hour against the 60,000 of a commercial scanner, the verdict
mix, serialization failures in the server log (each retried by Odoo). No
timing is asserted: the script fails (exit 1) only when a check fails or a
request gets an answer the API does not give.
"""

import argparse
import base64
import json
import os
import random
import statistics
import sys
import time
import uuid
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "booking"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import configured_addons_path, odoo_env  # noqa: E402
from scan_http import (  # noqa: E402
    check_answers,
    check_database,
    describe,
    http_phases,
    log,
    ms,
    shared_key,
)

EVENT_NAME = "Bench Scan Summit"
LOGIN_PREFIX = "cw_bench_scan_controller_"
COMMERCIAL_PER_HOUR = 60_000
# name, capacity (0: no limit), restricted to the VIP ticket
ROOMS = [
    ("Bench Main Hall", 0, False),
    ("Bench Room A", 600, False),
    ("Bench Room B", 80, False),
    ("Bench VIP Lounge", 300, True),
]


# ----------------------------------------------------------------------
# Setup
# ----------------------------------------------------------------------


def setup(env, args):
    """The event, its rooms, sessions, tickets, participants (with their
    credentials) and controllers; an event left by an earlier run is kept."""
    from odoo import Command, fields

    env = env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_notrack=True,
            no_reset_password=True,
        )
    )
    company = env.company
    event = env["event.event"].search([("name", "=", EVENT_NAME)], limit=1)
    now = fields.Datetime.now().replace(microsecond=0)
    if not event:
        event = create_event(env, args, company, now)
    else:  # keep it running now
        event.write(
            {
                "date_begin": now - timedelta(hours=1),
                "date_end": now + timedelta(hours=12),
            }
        )
        event.track_ids.write({"date": now - timedelta(minutes=30), "duration": 6.0})
    rooms = env["event.track.location"].search(
        [("name", "in", [name for name, _c, _r in ROOMS])], order="id"
    )
    groups = [
        env.ref("base.group_user").id,
        env.ref("coworking_base.group_coworking_badge_controller").id,
    ]
    Users = env["res.users"].with_context(active_test=False)
    Role = env["coworking.event.role"]
    keys, uids = [], []
    for index in range(args.scanners):
        login = f"{LOGIN_PREFIX}{index:02d}"
        user = Users.search([("login", "=", login)])
        if not user:
            user = Users.create(
                {
                    "name": f"Bench Controller {index:02d}",
                    "login": login,
                    "email": f"{login}@example.com",
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "groups_id": [Command.set(groups)],
                }
            )
        if not Role.search_count(
            [("event_id", "=", event.id), ("user_id", "=", user.id)]
        ):
            Role.create(
                {"event_id": event.id, "user_id": user.id, "role": "badge_controller"}
            )
        # a key without expiry needs a system environment (sudo)
        keys.append(
            env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate(None, "scan bench", None)
        )
        uids.append(user.id)
    registrations = env["event.registration"].search(
        [("event_id", "=", event.id), ("state", "=", "open")], order="id"
    )
    # the QR printed on each badge: the token of the attendee's active
    # credential of the event's company (as the badge report reads it, not
    # through the partner's field, which also draws the QR image)
    credentials = env["coworking.credential"].search(
        [
            ("partner_id", "in", registrations.coworking_attendee_id.ids),
            ("company_id", "=", (event.company_id or company).id),
            ("state", "=", "active"),
        ]
    )
    tokens = {credential.partner_id.id: credential.token for credential in credentials}
    people = [
        {
            "partner": registration.coworking_attendee_id.id,
            "token": tokens[registration.coworking_attendee_id.id],
            "barcode": registration.barcode,
            "vip": bool(registration.event_ticket_id.coworking_location_ids),
        }
        for registration in registrations
    ]
    env.flush_all()
    return {
        "db": env.cr.dbname,
        "event": event.id,
        "rooms": [
            {
                "id": room.id,
                "name": room.name,
                "capacity": room.coworking_capacity,
                "restricted": room.coworking_restricted,
            }
            for room in rooms
        ],
        "people": people,
        "keys": keys,
        "uids": uids,
    }


def create_event(env, args, company, now):
    """The event and its participants, created in batches: partners, their
    credentials, then the registrations (confirmed, their attendee set), so
    that ``_coworking_ensure_attendee`` finds every credential issued."""
    from odoo import Command

    product = env.ref("event_product.product_product_event")
    rooms = env["event.track.location"].create(
        [
            {
                "name": name,
                "coworking_capacity": capacity,
                "coworking_restricted": restricted,
            }
            for name, capacity, restricted in ROOMS
        ]
    )
    event = env["event.event"].create(
        {
            "name": EVENT_NAME,
            "company_id": company.id,
            "date_tz": "UTC",
            "date_begin": now - timedelta(hours=1),
            "date_end": now + timedelta(hours=12),
            "seats_limited": False,
        }
    )
    # no confirmation e-mails for 5,000 registrations
    event.event_mail_ids.unlink()
    tickets = env["event.event.ticket"].create(
        [
            {
                "name": "Bench Pass",
                "event_id": event.id,
                "product_id": product.id,
                "price": 0,
            },
            {
                "name": "Bench VIP Pass",
                "event_id": event.id,
                "product_id": product.id,
                "price": 0,
                "coworking_location_ids": [
                    Command.set(rooms.filtered("coworking_restricted").ids)
                ],
            },
        ]
    )
    env["event.track"].create(
        [
            {
                "name": f"Bench Session in {room.name}",
                "event_id": event.id,
                "location_id": room.id,
                "date": now - timedelta(minutes=30),
                "duration": 6.0,
            }
            for room in rooms
        ]
    )
    rng = random.Random(args.seed)
    started = time.perf_counter()
    partners = env["res.partner"].create(
        [
            {
                "name": f"Bench Participant {index:05d}",
                "email": f"bench.participant.{index:05d}@example.com",
            }
            for index in range(args.participants)
        ]
    )
    partners.with_company(event.company_id or company)._coworking_issue_credential()
    log(
        f"  {len(partners)} participants and their credentials: "
        f"{time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    Registration = env["event.registration"]
    batch = 1000
    for first in range(0, len(partners), batch):
        Registration.create(
            [
                {
                    "event_id": event.id,
                    "event_ticket_id": tickets[1 if rng.random() < 0.1 else 0].id,
                    "partner_id": partner.id,
                    "coworking_attendee_id": partner.id,
                    "name": partner.name,
                    "email": partner.email,
                    "state": "open",
                }
                for partner in partners[first : first + batch]
            ]
        )
        env.flush_all()
        env.invalidate_all()
    elapsed = time.perf_counter() - started
    log(f"  {len(partners)} confirmed registrations: {elapsed:.1f} s")
    return event


# ----------------------------------------------------------------------
# The plan: what the scanners read, in order
# ----------------------------------------------------------------------


def tamper(token):
    """The token with one character of its signature changed."""
    head, signature = token.rsplit(".", 1)
    swap = "A" if signature[-2] != "A" else "B"
    return f"{head}.{signature[:-2]}{swap}{signature[-1]}"


def nonce_maker(tag):
    counter = iter(range(10**9))
    return lambda: f"{tag}-{next(counter):07d}"


def bad_code(person, rng):
    """``(code, verdict)``: a badge with a tampered signature, something
    that is not a badge, or a barcode no registration has."""
    kind = rng.choice(("tampered", "malformed", "barcode"))
    if kind == "tampered":
        return tamper(person["token"]), "tampered"
    if kind == "malformed":
        return f"NOT-A-BADGE-{rng.randrange(10**8):08d}", "unknown"
    return f"9{rng.randrange(10**15):015d}", "unknown"


def scan_plan(data, args, count, people, new_nonce, rng):
    """``count`` scans ``{body, kind, expect, retry}`` of a crowd moving
    through the event: ``expect`` is the verdict a sequential run gives."""
    rooms = data["rooms"]
    public = [room for room in rooms if not room["restricted"]]
    vip_rooms = [room for room in rooms if room["restricted"]]
    state = {}  # person index -> None (outside), "event", or a room dict
    inside = []  # people in the event, for picking the next mover
    occupancy = Counter()
    plan = []
    for _index in range(count):
        body = {"nonce": new_nonce(), "direction": "in"}
        expect = "granted"
        if rng.random() < args.bad_share:
            body["code"], expect = bad_code(people[rng.randrange(len(people))], rng)
            retry = rng.random() < args.retry_share
            plan.append(
                {"body": body, "kind": "bad code", "expect": expect, "retry": retry}
            )
            continue
        if inside and rng.random() < args.movers:
            index = rng.choice(inside)
        else:
            index = rng.randrange(len(people))
        person = people[index]
        use_barcode = rng.random() < args.barcode_share
        body["code"] = person["barcode"] if use_barcode else person["token"]
        where = state.get(index)
        roll = rng.random()
        if where is None:
            kind = "entrance, in"
            state[index] = "event"
            inside.append(index)
        elif where == "event" and roll < 0.04:  # shown twice at the entrance
            kind, expect = "entrance, in", "already_inside"
        elif where == "event" and roll < 0.25:  # leaves the event
            kind, body["direction"] = "entrance, out", "out"
            state[index] = None
            inside.remove(index)
        elif where == "event":
            if person["vip"] and rng.random() < 0.5:
                room = rng.choice(vip_rooms)
            elif rng.random() < 0.03:
                room = rng.choice(vip_rooms)  # tries the VIP lounge
            else:
                room = rng.choice(public)
            kind, body["location_id"] = "room, in", room["id"]
            if room["restricted"] and not person["vip"]:
                expect = "wrong_room"
            elif room["capacity"] and occupancy[room["id"]] >= room["capacity"]:
                expect = "room_full"
            else:
                state[index] = room
                occupancy[room["id"]] += 1
        else:  # leaves the room
            kind, body["direction"] = "room, out", "out"
            body["location_id"] = where["id"]
            state[index] = "event"
            occupancy[where["id"]] -= 1
        plan.append(
            {
                "body": body,
                "kind": kind,
                "expect": expect,
                "retry": rng.random() < args.retry_share,
            }
        )
    return plan


# ----------------------------------------------------------------------
# In-process: the model method
# ----------------------------------------------------------------------


def model_cost(env, data, plan):
    """Milliseconds and queries of ``_coworking_scan`` + ``_scan_result``
    per scan, as the first controller, rolled back; verdicts against the
    plan's."""
    from odoo import sql_db

    Scan = env["coworking.event.scan"].with_user(data["uids"][0])
    event = Scan.env["event.event"].browse(data["event"])
    Location = Scan.env["event.track.location"]
    times, queries, verdicts, mismatches = [], [], Counter(), Counter()
    for item in plan:
        body = item["body"]
        before = sql_db.sql_counter
        started = time.perf_counter()
        scan, duplicate = Scan._coworking_scan(
            event,
            body["code"],
            body["nonce"],
            location=Location.browse(body.get("location_id") or []),
            direction=body["direction"],
        )
        answer = scan._scan_result(duplicate)
        times.append(time.perf_counter() - started)
        queries.append(sql_db.sql_counter - before)
        verdicts[answer["verdict"]] += 1
        if answer["verdict"] != item["expect"]:
            mismatches[(item["expect"], answer["verdict"])] += 1
    env.cr.rollback()
    return {
        "scans": len(plan),
        "p50": ms(times, 0.5),
        "p95": ms(times, 0.95),
        "queries": statistics.median(queries),
        "verdicts": dict(verdicts),
        "mismatches": {f"{a} -> {b}": n for (a, b), n in mismatches.items()},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path")
    parser.add_argument("--odoo-cmd", default="odoo")
    parser.add_argument("--port", type=int, default=8204)
    parser.add_argument("--gevent-port", type=int, help="the HTTP port + 1 by default")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--scanners", type=int, default=10)
    parser.add_argument("--scans", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=600)
    parser.add_argument(
        "--single", type=int, default=100, help="scans sent one at a time, first"
    )
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--badge-pairs", type=int, default=50)
    parser.add_argument("--model-scans", type=int, default=300)
    parser.add_argument("--bad-share", type=float, default=0.05)
    parser.add_argument("--retry-share", type=float, default=0.10)
    parser.add_argument("--barcode-share", type=float, default=0.05)
    parser.add_argument(
        "--movers",
        type=float,
        default=0.45,
        help="share of the good scans of people already in",
    )
    parser.add_argument(
        "--model-only",
        action="store_true",
        help="setup and the in-process measure only, no server",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--log-dir", default=".")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    args.odoo_cmd = args.odoo_cmd.split()
    if args.scanners < 2:
        parser.error("--scanners: at least 2 (the pairs need two)")

    started = time.perf_counter()
    with odoo_env(args.database, args.addons_path) as env:
        args.addons_path = configured_addons_path()
        if not env["ir.module.module"].search(
            [("name", "=", "coworking_event_badges"), ("state", "=", "installed")]
        ):
            sys.exit(
                f"ERROR: coworking_event_badges is not installed in {args.database}."
            )
        data = setup(env, args)
        env.cr.commit()
        log(
            f"setup: {len(data['people'])} confirmed participants with their QR, "
            f"{len(data['rooms'])} rooms, {len(data['keys'])} controllers with API "
            f"keys ({time.perf_counter() - started:.0f} s)"
        )
        reserve = args.pairs + args.badge_pairs
        if len(data["people"]) <= reserve * 2:
            sys.exit("ERROR: too few participants for the pairs.")
        crowd = data["people"][:-reserve]
        rng = random.Random(args.seed)
        model_plan = scan_plan(
            data,
            args,
            args.model_scans,
            crowd,
            nonce_maker(f"model{uuid.uuid4().hex[:8]}"),
            random.Random(args.seed + 1),
        )
        model = model_cost(env, data, model_plan)
    log(
        f"in-process, _coworking_scan + _scan_result, {model['scans']} scans as one "
        f"controller: p50 {model['p50']:.1f} ms, p95 {model['p95']:.1f} ms, "
        f"{model['queries']:.0f} queries (median); verdicts {model['verdicts']}; "
        f"not as planned: {model['mismatches'] or 'none'}"
    )
    figures = {"model": model, "workers": args.workers}
    if args.model_only:
        return 0

    tag = f"bench{base64.b32encode(os.urandom(5)).decode().lower()}"
    new_nonce = nonce_maker(tag)
    count = args.scanners * 4 + args.single + args.scans
    plan = scan_plan(data, args, count, crowd, new_nonce, rng)
    reserved = data["people"][-reserve:]
    # the same scan twice (one nonce); one badge at two scanners (two nonces)
    pairs, shared = [], {}
    for index, person in enumerate(reserved[: args.pairs]):
        body = {"nonce": new_nonce(), "code": person["token"], "direction": "in"}
        pairs.append((body, body))
        shared[body["nonce"]] = shared_key(index % (args.scanners // 2))
    badge_pairs = [
        tuple(
            {
                "nonce": f"{tag}-badge{index:04d}-{side}",
                "code": person["token"],
                "direction": "in",
            }
            for side in "ab"
        )
        for index, person in enumerate(reserved[args.pairs :])
    ]
    run = http_phases(args, data, plan, pairs, badge_pairs)
    with odoo_env(args.database, args.addons_path) as env:
        checks = check_database(env, data, tag)
    kinds = {item["body"]["nonce"]: item["kind"] for item in plan}
    return report(args, run, checks, kinds, shared, figures)


def report(args, run, checks, kinds, shared, figures):
    """Print the figures and the checks; 1 when a check failed."""
    baseline = run["baseline"]
    log(
        f"baseline version_info (before + after): {baseline['rps']:.1f} req/s, "
        f"p50 {baseline['p50']:.1f} ms, p95 {baseline['p95']:.1f} ms, "
        f"p99 {baseline['p99']:.1f} ms"
    )
    single = [answer[3] for answer in run["single"]]
    log(
        f"one request at a time: version_info p50 {ms(run['single_base'], 0.5):.1f} "
        f"ms, scan p50 {ms(single, 0.5):.1f} ms "
        f"({ms(single, 0.5) / ms(run['single_base'], 0.5):.1f} x), "
        f"{len(single)} scans"
    )
    scans = describe(
        f"scanners ({args.scanners}, --workers={args.workers})",
        run["wall"],
        run["main"],
    )
    by_kind = defaultdict(list)
    for nonce, retry, _status, seconds, *_rest in run["main"]:
        by_kind["same nonce again" if retry else kinds[nonce]].append(seconds)
    log(
        "  by kind: "
        + "; ".join(
            f"{kind} {len(times)}: p50 {ms(times, 0.5):.0f} ms, "
            f"p95 {ms(times, 0.95):.0f} ms"
            for kind, times in sorted(by_kind.items())
        )
    )
    recorded = scans["statuses"].get(201, 0)
    per_hour = scans["rps"] * 3600
    retries = run["retries"]
    log(
        f"scans: {scans['rps']:.1f}/s ({recorded / run['wall']:.1f}/s recorded, the "
        f"rest retries answered from the log) = {scans['rps'] / baseline['rps']:.2f} x "
        f"version_info's throughput (goal >= 0.5); p50 "
        f"{scans['p50'] / baseline['p50']:.2f} x, p95 "
        f"{scans['p95'] / baseline['p95']:.2f} x (goal <= 2), p99 "
        f"{scans['p99'] / baseline['p99']:.2f} x; {per_hour:,.0f} scans/hour = "
        f"{per_hour / COMMERCIAL_PER_HOUR:.1f} x a commercial scanner's 60,000 "
        f"(goal >= 6)"
    )
    log(
        "requests retried by Odoo after a serialization failure (server log): "
        + ", ".join(f"{phase} {count}" for phase, count in retries.items())
        + f"; failed requests: {len(run['errors'])}"
    )
    for error in run["errors"][:5]:
        log(f"  {error}")
    answers = check_answers(
        run["main"] + run["warm"], run["pairs"], shared, run["badges"]
    )
    sent = {a[0] for group in ("warm", "main", "pairs", "badges") for a in run[group]}
    missing = len(sent - checks["recorded"])
    unexpected = len(checks["recorded"] - sent)
    log(
        f"checks: {len(sent)} distinct nonces sent, {checks['rows']} scans recorded "
        f"({checks['nonces']} nonces), nonces recorded twice {checks['nonces_twice']}, "
        f"sent but not recorded {missing}, recorded but not sent {unexpected}"
    )
    retry_ok = not any("retry" in problem for problem in answers["problems"])
    log(
        f"  {answers['retries']} retries of a nonce: all answered 200, duplicate, "
        f"same id: {'yes' if retry_ok else 'NO'}; {answers['pairs']} nonce pairs "
        f"sent at once ({run['pair_wall']:.1f} s; one key: 201 + 200 duplicate, two "
        f"controllers: 201 + 409 nonce_reused): {answers['pair_statuses']}"
    )
    log(
        f"  {args.badge_pairs} badges scanned by two scanners at once "
        f"({run['badge_wall']:.1f} s): granted twice "
        f"{answers['badge_pairs_granted_twice']}; people entering twice in a row at a "
        f"door (granted scans): {checks['entered_twice']}"
    )
    log(
        "  rooms, peak inside / capacity: "
        + ", ".join(
            f"{name} {peak}/{cap or '-'}"
            for name, (peak, cap) in checks["peaks"].items()
        )
    )
    log(f"  verdicts: {checks['verdicts']}")
    for problem, count in answers["problems"].items():
        log(f"  PROBLEM: {problem}: {count}")
    over = [name for name, (peak, cap) in checks["peaks"].items() if cap and peak > cap]
    checks.pop("recorded")
    figures.update(
        baseline=baseline,
        scans=scans,
        retries_in_log=retries,
        checks=checks,
        answers=answers,
        missing=missing,
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, indent=2, default=str)
    failed = (
        checks["nonces_twice"]
        or missing
        or unexpected
        or answers["problems"]
        or answers["badge_pairs_granted_twice"]
        or checks["entered_twice"]
        or over
        or run["errors"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
