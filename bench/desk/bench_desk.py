# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Cashier's desks of an event (coworking_event_pos), over HTTP.

1. Setup (in the database, committed; ``desk_setup.py``): a limited event
   running now with a workshop (a paid session) and its ticket, an
   unlimited one alike, an item (a service with the sales tax), ``--desks``
   desks of each event, each with its cashier (a desk operator), its own
   cash method and a session the cashier opened; ``--participants`` people
   registered in the limited event with their QR; the buyers; for each race
   of ``--races``, an event with ``--seats-left`` seats left after
   ``--taken`` confirmed registrations, its desks and cashiers, and the
   website's carts (quotations with a draft registration each).
2. A real Odoo server (``--workers``, 4 by default, no cron). Each cashier
   logs in (``/web/session/authenticate``); a sale is what the Point of
   Sale sends, ``/web/dataset/call_kw/pos.order/sync_from_ui`` with one
   paid order (a workshop ticket with its registration and an item, in
   cash); the QR search is ``pos.config.coworking_desk_find_participant``.

   * one at a time: ``--sales`` sales at one desk, as many QR searches and
     authenticated reads (``pos.config.read``), and version_info
     (``POST /web/webclient/version_info``, JSON-RPC, no authentication)
     before and after, one client;
   * ``--desks`` desks at once: ``--sales`` sales of the limited event, as
     many of the unlimited one (no guard row written), QR searches and
     reads, with version_info by as many clients before and after;
   * each race: every desk tries to sell ``--tries`` tickets and every
     website client to confirm ``--tries`` carts, all released at once:
     sold, refused with Odoo's "not enough seats", other answers, the time
     to sell out.

   Serialization failures are counted in the server log (Odoo's request
   loop logs each retry at info level, ``odoo.service.model``).
3. Checks (SQL): every race sold exactly its seats (confirmed registrations
   = the event's seats), no order left behind by a refusal, every sale
   answered paid has its paid order and registration.

No timing is asserted: the script fails (exit 1) when a check fails or a
request is answered anything but a result or a clear refusal.
"""

import argparse
import base64
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "booking"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scan"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import configured_addons_path, odoo_env  # noqa: E402
from desk_db import check_database, model_cost  # noqa: E402
from desk_http import (  # noqa: E402
    Desk,
    LockSampler,
    Website,
    baseline,
    calls_series,
    log,
    ms,
    race,
    sales_series,
)
from desk_setup import setup  # noqa: E402
from scan_http import count_retries, start_server  # noqa: E402
from server import count_in_log, stop_server, wait_ready  # noqa: E402


def figures(wall, latencies, kinds=None):
    result = {
        "requests": len(latencies),
        "wall": wall,
        "rps": len(latencies) / wall if wall else 0.0,
        "p50": ms(latencies, 0.5),
        "p95": ms(latencies, 0.95),
        "p99": ms(latencies, 0.99),
    }
    if kinds is not None:
        result["answers"] = dict(kinds)
    return result


def merged_baseline(before, after):
    wall = before[0] + after[0]
    return figures(wall, before[1] + after[1], before[2] + after[2])


def ratios(series, base):
    return {
        "rps": series["rps"] / base["rps"],
        "p50": series["p50"] / base["p50"],
        "p95": series["p95"] / base["p95"],
        "p99": series["p99"] / base["p99"],
    }


def describe(name, series, base=None):
    line = (
        f"{name}: {series['requests']} in {series['wall']:.2f} s, "
        f"{series['rps']:.1f}/s, p50 {series['p50']:.1f} ms, p95 "
        f"{series['p95']:.1f} ms, p99 {series['p99']:.1f} ms"
    )
    if "answers" in series:
        line += f", answers {series['answers']}"
    if base:
        r = ratios(series, base)
        line += (
            f"; vs version_info: throughput {r['rps']:.3f} x, p50 {r['p50']:.2f} x, "
            f"p95 {r['p95']:.2f} x, p99 {r['p99']:.2f} x"
        )
        series["ratios"] = r
    log(line)
    return series


def results_series(wall, results):
    """Figures of ``(kind, message, seconds, ...)`` results."""
    return figures(
        wall,
        [result[2] for result in results],
        Counter(result[0] for result in results),
    )


class Run:
    """The phases against one server, with the errors and retries seen."""

    def __init__(self, args, data, logfile):
        self.args = args
        self.data = data
        self.logfile = logfile
        self.errors = []
        self.retries = {}
        self.locks = {}
        self.out = {}
        self.sold = 0

    def mark(self, phase):
        """Retries (and give-ups) logged since the previous mark."""
        total = count_retries(self.logfile)
        gave_up = count_in_log(self.logfile, "maximum number of tries reached")
        seen = sum(r[0] for r in self.retries.values())
        seen_up = sum(r[1] for r in self.retries.values())
        self.retries[phase] = (total - seen, gave_up - seen_up)

    def sampled(self, phase, work, *work_args):
        """``work(*work_args)`` while sampling the backends waiting for a
        lock; the sample is kept under ``phase``."""
        sampler = LockSampler(self.data["db"])
        sampler.start()
        try:
            return work(*work_args)
        finally:
            self.locks[phase] = sampler.finish()

    def keep_errors(self, phase, results):
        """The failed requests of a latency phase; its sales counted."""
        for result in results:
            if result[0] == "error":
                self.errors.append(f"{phase}: {result[1]}")
            elif result[0] == "ok" and len(result) == 5:  # a sale
                self.sold += 1

    def desks(self, key):
        return self.desks_of(self.data[key])

    def latency(self):
        args, data = self.args, self.data
        desks, open_desks = self.desks("desks"), self.desks("open_desks")
        buyers = iter(data["buyers"])
        ticket, item = data["ticket"], data["item"]
        # warm-up: every worker serves sales, searches and version_info
        warm = [next(buyers) for _i in range(args.warmup * args.desks)]
        _w, results = sales_series(desks, warm, ticket, item, len(warm))
        self.keep_errors("warm-up", results)
        warm = [next(buyers) for _i in range(args.warmup * args.desks)]
        _w, results = sales_series(
            open_desks, warm, data["open_ticket"], item, len(warm)
        )
        self.keep_errors("warm-up", results)
        tokens = data["tokens"]
        calls_series(desks, Desk.find, tokens[: args.warmup * args.desks])
        baseline(args.port, args.desks, 100)
        self.mark("warm-up")

        out = self.out
        # one at a time
        before = baseline(args.port, 1, args.sales)
        chunk = [next(buyers) for _i in range(args.sales)]
        wall, results = self.sampled(
            "sales one at a time",
            sales_series,
            desks[:1],
            chunk,
            ticket,
            item,
            args.sales,
        )
        self.keep_errors("sales one at a time", results)
        self.mark("sales one at a time")
        sales_1 = results_series(wall, results)
        wall, finds = calls_series(desks[:1], Desk.find, tokens[: args.sales])
        self.keep_errors("QR one at a time", finds)
        finds_1 = results_series(wall, finds)
        wall, reads = calls_series(
            desks[:1], lambda desk, _i: desk.read_name(), range(args.sales)
        )
        reads_1 = results_series(wall, reads)
        base_1 = merged_baseline(before, baseline(args.port, 1, args.sales))
        log("== one at a time (one desk, one client) ==")
        out["one"] = {
            "baseline": describe("version_info", base_1),
            "sales": describe("sale (sync_from_ui)", sales_1, base_1),
            "qr": describe("QR search", finds_1, base_1),
            "read": describe("authenticated read (call_kw)", reads_1, base_1),
        }

        # the desks at once
        n = args.desks
        before = baseline(args.port, n, args.baseline)
        chunk = [next(buyers) for _i in range(args.sales)]
        wall, results = self.sampled(
            "sales, desks at once", sales_series, desks, chunk, ticket, item, args.sales
        )
        self.keep_errors("sales, desks at once", results)
        self.mark("sales, desks at once")
        sales_n = results_series(wall, results)
        chunk = [next(buyers) for _i in range(args.sales)]
        wall, results = self.sampled(
            "sales, unlimited event",
            sales_series,
            open_desks,
            chunk,
            data["open_ticket"],
            item,
            args.sales,
        )
        self.keep_errors("sales, unlimited event", results)
        self.mark("sales, unlimited event")
        open_n = results_series(wall, results)
        wall, finds = calls_series(desks, Desk.find, tokens[: args.sales])
        self.keep_errors("QR, desks at once", finds)
        finds_n = results_series(wall, finds)
        wall, reads = calls_series(
            desks, lambda desk, _i: desk.read_name(), range(args.sales)
        )
        reads_n = results_series(wall, reads)
        self.mark("QR and reads")
        base_n = merged_baseline(before, baseline(args.port, n, args.baseline))
        log(f"== {n} desks at once ==")
        out["parallel"] = {
            "baseline": describe(f"version_info, {n} clients", base_n),
            "sales": describe("sale, limited event (guard row)", sales_n, base_n),
            "sales_unlimited": describe("sale, unlimited event", open_n, base_n),
            "qr": describe("QR search", finds_n, base_n),
            "read": describe("authenticated read (call_kw)", reads_n, base_n),
        }
        log(
            "retries (serialization failures, server log): "
            + ", ".join(f"{k} {v[0]}" for k, v in self.retries.items())
        )
        self.log_locks()

    def log_locks(self):
        for phase, sample in self.locks.items():
            top = "; ".join(f"{n} x {q}" for q, n in sample["top"])
            log(
                f"  {phase}: {sample['mean_waiting']:.2f} backends waiting for a "
                f"lock on average{': ' + top if top else ''}"
            )

    def races(self):
        args, data = self.args, self.data
        out = self.out.setdefault("races", [])
        for number, race_data in enumerate(data["races"], 1):
            race_data = dict(race_data, item=data["item"])
            desks = self.desks_of(race_data["desks"])
            websites = []
            for web in race_data["web"]:
                website = Website(
                    args.port,
                    data["db"],
                    web["login"],
                    args.password,
                    {
                        "lang": "en_US",
                        "tz": "UTC",
                        "uid": web["uid"],
                        "allowed_company_ids": [data["company"]],
                    },
                )
                website.authenticate()
                websites.append(website)
            self.mark(f"before race {number}")
            wall, released, results = self.sampled(
                f"race {number}", race, race_data, desks, websites, args.tries
            )
            self.mark(f"race {number}")
            errors = [r for r in results if r[2] == "error"]
            for result in errors:
                self.errors.append(f"race {number} ({result[0]}): {result[3]}")
            sold = [r for r in results if r[2] == "ok"]
            sold_out = max((r[6] for r in sold), default=released) - released
            latencies = [r[4] for r in results]
            refused_ms = [r[4] for r in results if r[2] == "seats"]
            sold_ms = [r[4] for r in sold]
            retries, gave_up = self.retries[f"race {number}"]
            other = Counter(r[3][:120] for r in results if r[2] == "refused")
            summary = {
                "desks": len(desks),
                "websites": len(websites),
                "attempts": len(results),
                "seats_left": race_data["seats_max"] - race_data["taken"],
                "sold": len(sold),
                "sold_by": dict(Counter(r[0] for r in sold)),
                "refused_seats": sum(1 for r in results if r[2] == "seats"),
                "refused_other": dict(other),
                "errors": len(errors),
                "retries": retries,
                "gave_up": gave_up,
                "sold_out_s": sold_out,
                "wall_s": wall,
                "p50": ms(latencies, 0.5),
                "p95": ms(latencies, 0.95),
                "max": max(latencies) * 1000 if latencies else 0,
                "sold_p50": ms(sold_ms, 0.5),
                "refused_p50": ms(refused_ms, 0.5),
                "seats_message": next(
                    (r[3] for r in results if r[2] == "seats"), ""
                ).splitlines()[:2],
            }
            out.append(summary)
            log(
                f"== race {number}: {len(desks)} desks + {len(websites)} website "
                f"clients, {args.tries} attempts each, {summary['seats_left']} "
                f"seats left =="
            )
            log(
                f"  {len(results)} attempts in {wall:.2f} s: sold {len(sold)} "
                f"{summary['sold_by']}, refused 'not enough seats' "
                f"{summary['refused_seats']}, other refusals {dict(other) or 0}, "
                f"errors {len(errors)}; sold out after {sold_out:.2f} s"
            )
            log(
                f"  latency p50 {summary['p50']:.0f} ms, p95 {summary['p95']:.0f} ms, "
                f"max {summary['max']:.0f} ms (sold p50 {summary['sold_p50']:.0f} ms, "
                f"refused p50 {summary['refused_p50']:.0f} ms); Odoo retries "
                f"(serialization failures) {retries}, requests that gave up "
                f"after 5 tries {gave_up}"
            )
            log(f"  the refusal: {' / '.join(summary['seats_message'])}")
            summary["locks"] = self.locks[f"race {number}"]

    def desks_of(self, desk_data):
        args, data = self.args, self.data
        desks = [
            Desk(args.port, data["db"], desk, args.password, data["company"])
            for desk in desk_data
        ]
        for desk in desks:
            desk.authenticate()
        return desks


def server_errors(logfile):
    """ERROR lines of the server log, but odoo.sql_db's report of each
    serialization failure (the request is retried)."""
    count = 0
    with open(logfile, encoding="utf-8", errors="replace") as handle:
        for text in handle:
            if " ERROR " in text and " odoo.sql_db: bad query" not in text:
                count += 1
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path")
    parser.add_argument("--odoo-cmd", default="odoo")
    parser.add_argument("--port", type=int, default=8204)
    parser.add_argument("--gevent-port", type=int, help="the HTTP port + 1 by default")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--desks", type=int, default=4, help="desks at once")
    parser.add_argument("--sales", type=int, default=200, help="sales per series")
    parser.add_argument(
        "--baseline", type=int, default=400, help="version_info requests per side"
    )
    parser.add_argument("--warmup", type=int, default=5, help="sales per desk")
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument(
        "--model-sales", type=int, default=40, help="in-process sales (rolled back)"
    )
    parser.add_argument("--seats-latency", type=int, default=100_000)
    parser.add_argument(
        "--races",
        default="10:0,8:2",
        help="desks:website clients of each race (comma-separated)",
    )
    parser.add_argument("--tries", type=int, default=20, help="attempts per client")
    parser.add_argument("--seats-left", type=int, default=50)
    parser.add_argument("--taken", type=int, default=10, help="seats taken before")
    parser.add_argument("--password", default="bench-desk-2026")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--log-dir", default=".")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    args.odoo_cmd = args.odoo_cmd.split()
    args.races = [
        tuple(int(n) for n in part.split(":")) for part in args.races.split(",") if part
    ]
    tag = base64.b32encode(os.urandom(5)).decode().lower()[:4]

    started = time.perf_counter()
    with odoo_env(args.database, args.addons_path) as env:
        args.addons_path = configured_addons_path()
        if not env["ir.module.module"].search(
            [("name", "=", "coworking_event_pos"), ("state", "=", "installed")]
        ):
            sys.exit(f"ERROR: coworking_event_pos is not installed in {args.database}.")
        from odoo import fields

        data = setup(env, args, tag, fields.Datetime.now().replace(microsecond=0))
        data["company"] = env.company.id
        env.cr.commit()
        in_process = model_cost(env, data, args.model_sales)
    log(
        f"setup (tag {tag}): {args.desks} desks of a limited and {args.desks} of an "
        f"unlimited event with a workshop ticket ({data['ticket']['total']:.2f}) and "
        f"an item ({data['item']['total']:.2f}), {len(data['tokens'])} registered "
        f"participants with their QR, races {args.races} "
        f"({time.perf_counter() - started:.0f} s)"
    )
    logfile = os.path.join(args.log_dir, "server_desk.log")
    if os.path.exists(logfile):
        os.remove(logfile)
    process = start_server(args, logfile)
    run = Run(args, data, logfile)
    try:
        if not wait_ready(args.port, process):
            sys.exit(f"ERROR: the server did not start; see {logfile}")
        baseline(args.port, args.desks, 40)
        run.latency()
        run.races()
    finally:
        stop_server(process)
    with odoo_env(args.database, args.addons_path) as env:
        checks, latency = check_database(env, data, run.out, run.sold)
    failed = (
        bool(run.errors)
        or not all(check["ok"] for check in checks)
        or not latency["ok"]
    )
    log(f"errors (answers other than a result or a clear refusal): {len(run.errors)}")
    for (phase, first), count in Counter(
        tuple(error.split("\n", 1)[0].split(": ", 1)) for error in run.errors
    ).items():
        log(f"  {phase}: {count} x {first}")
    if run.errors:
        frames = [
            text.strip()
            for text in run.errors[0].splitlines()
            if text.strip().startswith("File ") and "/work/" in text
        ]
        log(f"  the first one's frames in the suite: {' <- '.join(reversed(frames))}")
        log(f"  (tracebacks in {args.json or 'the --json file'} and {logfile})")
    log(
        f"server log: {server_errors(logfile)} errors other than the serialization "
        f"failures Odoo retries; retries by phase {run.retries}"
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(
                {
                    "workers": args.workers,
                    "in_process": in_process,
                    "figures": run.out,
                    "retries": run.retries,
                    "locks": run.locks,
                    "checks": checks,
                    "latency_check": latency,
                    "errors": run.errors,
                },
                handle,
                indent=2,
                default=str,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
