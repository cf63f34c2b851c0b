# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Agents calling next at once on a long queue, over HTTP.

1. Setup (in the database, committed): a location open all day every day,
   one service, ``--agents`` agent users each holding their own counter
   (open) on that service, and ``--waiting`` waiting tickets (a tenth of
   them express), taken through ``coworking.queue.ticket._take``.
2. In-process, with the queue full: the cost of a push to the screens,
   ``coworking.queue._push()`` (positions and wait ranges of every waiting
   ticket, the queue's and the location's bus messages) and of
   ``_live_positions`` alone, ``--push-reps`` times, rolled back; bus
   messages written per push.
3. A real Odoo server (``--workers``, 4 by default, no cron):

   * baseline: ``POST /web/webclient/version_info`` (JSON-RPC, no
     authentication) by ``--agents`` clients at once, ``--calls`` requests,
     before and after the agents (both series make the baseline);
   * second baseline: each agent logs in (``/web/session/authenticate``,
     its own session) and reads its counter's name through
     ``/web/dataset/call_kw``, all at once, ``--calls`` requests in all;
   * agents: all released at once, each loops: JSON-RPC
     ``/web/dataset/call_kw`` ``coworking.queue.counter.action_call_next``
     on its counter, then ``coworking.queue.ticket.action_start`` and
     ``action_served`` on the ticket it got (a counter holds one ticket at a
     time), until ``--calls`` calls are made in all.

   Figures: call-next p50/p95 and their ratios to the baseline's (and to
   the authenticated read's), start and served latencies, serialization
   failures in the server log (each one retried by Odoo), bus messages
   written during the run and the positions they carried per second.
4. Checks (SQL): no ticket called twice (``called`` steps per ticket in
   ``coworking.queue.ticket.event``; a recall is logged as ``recalled``),
   at most one ticket at each counter, every call answered with a ticket
   no other agent got.

No timing is asserted: the script fails (exit 1) only when a ticket was
called twice, a counter held two tickets, or a call failed.
"""

import argparse
import http.client
import json
import os
import random
import re
import statistics
import sys
import threading
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "booking"))

from bench_http import BASELINE_PATH, baseline_body, hammer  # noqa: E402
from common import (  # noqa: E402
    configured_addons_path,
    odoo_env,
    opening_hours,
    percentile,
)
from server import count_in_log, start_server, stop_server, wait_ready  # noqa: E402

TZ_NAME = "Europe/Paris"
CODE = "BENCHQ"
LOGIN_PREFIX = "cw_bench_queue_agent_"
CALL_KW = "/web/dataset/call_kw"
TICKET_IDS = re.compile(r"coworking\.queue\.ticket\(([\d, ]*)\)")


def log(message=""):
    print(message, flush=True)


# ----------------------------------------------------------------------
# Setup
# ----------------------------------------------------------------------


def setup(env, args):
    """The bench location, service, agents and counters; the waiting
    tickets. Tickets left by an earlier run are closed first."""
    from odoo import Command

    env = env(context=dict(env.context, tracking_disable=True, no_reset_password=True))
    location = env["coworking.location"].search([("code", "=", CODE)])
    if not location:
        calendar = opening_hours(env, "Bench queue, day and night", TZ_NAME, (0, 24))
        location = env["coworking.location"].create(
            {
                "name": "Bench Queue Location",
                "code": CODE,
                "tz": TZ_NAME,
                "resource_calendar_id": calendar.id,
            }
        )
    queue = env["coworking.queue"].search([("location_id", "=", location.id)], limit=1)
    if not queue:
        queue = env["coworking.queue"].create(
            {
                "name": "Bench Service",
                "location_id": location.id,
                "prefix": "Q",
                "default_service_minutes": 5,
            }
        )
    # an earlier run's tickets: closed (a benchmark's reset, not a business step)
    env.cr.execute(
        """
        UPDATE coworking_queue_ticket
           SET state = 'cancelled', done_at = now() at time zone 'UTC'
         WHERE queue_id = %s AND state IN ('waiting', 'called', 'serving')
        """,
        [queue.id],
    )
    env.invalidate_all()
    groups = [
        env.ref("base.group_user").id,
        env.ref("coworking_base.group_coworking_queue_agent").id,
    ]
    Users = env["res.users"].with_context(active_test=False)
    Counter_ = env["coworking.queue.counter"]
    agents = []
    for index in range(args.agents):
        login = f"{LOGIN_PREFIX}{index:02d}"
        user = Users.search([("login", "=", login)])
        if not user:
            user = Users.create(
                {
                    "name": f"Bench Agent {index:02d}",
                    "login": login,
                    "password": args.password,
                    "groups_id": [Command.set(groups)],
                }
            )
        name = f"Bench Counter {index + 1:02d}"
        counter = Counter_.search(
            [("location_id", "=", location.id), ("name", "=", name)]
        )
        if not counter:
            counter = Counter_.create(
                {
                    "name": name,
                    "location_id": location.id,
                    "queue_ids": [Command.set(queue.ids)],
                    "user_ids": [Command.set(user.ids)],
                }
            )
        if counter.state == "closed":
            counter.with_user(user).action_open()
        agents.append((login, counter.id))
    rng = random.Random(args.seed)
    start = datetime.now().replace(microsecond=0) - timedelta(seconds=args.waiting)
    Ticket = env["coworking.queue.ticket"]
    for index in range(args.waiting):
        Ticket._take(
            queue,
            "express" if rng.random() < 0.1 else "normal",
            staff=True,
            now=start + timedelta(seconds=index),
        )
    env.flush_all()
    return {"queue": queue.id, "agents": agents, "db": env.cr.dbname}


def push_cost(env, queue_id, reps):
    """Seconds of ``_live_positions`` and of ``_push()`` (with the insert of
    its bus messages) on the full queue, and the messages a push writes."""
    queue = env["coworking.queue"].browse(queue_id)
    waiting = queue.waiting_count
    live_times, push_times, messages = [], [], []
    for _rep in range(reps):
        env.invalidate_all()
        started = time.perf_counter()
        live = env["coworking.queue"]._live_positions(queue)
        live_times.append(time.perf_counter() - started)
        env.invalidate_all()
        env.cr.execute("SELECT COALESCE(MAX(id), 0) FROM bus_bus")
        before = env.cr.fetchone()[0]
        started = time.perf_counter()
        queue._push()
        env.cr.precommit.run()
        push_times.append(time.perf_counter() - started)
        env.cr.execute("SELECT count(*) FROM bus_bus WHERE id > %s", [before])
        messages.append(env.cr.fetchone()[0])
        env.cr.rollback()
    return {
        "waiting": waiting,
        "positions": len(live),
        "live": statistics.median(live_times),
        "push": statistics.median(push_times),
        "messages": statistics.median(messages),
    }


# ----------------------------------------------------------------------
# Agents
# ----------------------------------------------------------------------


class Agent(threading.Thread):
    """One agent with its own session: call next, start, served, again."""

    def __init__(self, port, db, login, password, counter_id, shared):
        super().__init__(daemon=True)
        self.port = port
        self.db = db
        self.login = login
        self.password = password
        self.counter_id = counter_id
        self.shared = shared
        self.connection = None
        self.cookie = None
        self.timings = {"call": [], "start": [], "served": []}
        self.tickets = []
        self.errors = []

    def post(self, path, params):
        body = json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}
        ).encode()
        headers = {"Content-Type": "application/json"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if self.connection is None:
            self.connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=300
            )
        self.connection.request("POST", path, body, headers)
        response = self.connection.getresponse()
        data = response.read()
        cookie = response.getheader("Set-Cookie")
        if cookie and "session_id=" in cookie:
            self.cookie = cookie.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        answer = json.loads(data) if data else {}
        if response.status != 200 or "error" in answer:
            error = answer.get("error", {}).get("data", {}).get("message")
            raise RuntimeError(f"{response.status} {error or data[:200]!r}")
        return answer["result"]

    def call_kw(self, model, method, ids, *args):
        return self.post(
            CALL_KW,
            {"model": model, "method": method, "args": [ids, *args], "kwargs": {}},
        )

    def authenticate(self):
        result = self.post(
            "/web/session/authenticate",
            {"db": self.db, "login": self.login, "password": self.password},
        )
        if not result.get("uid"):
            raise RuntimeError(f"{self.login} could not log in")

    def timed(self, kind, model, method, ids, *args):
        started = time.perf_counter()
        result = self.call_kw(model, method, ids, *args)
        self.timings.setdefault(kind, []).append(time.perf_counter() - started)
        return result

    def read_counter(self, count):
        """The second baseline: an authenticated call_kw that reads."""
        self.shared["barrier"].wait()
        for _index in range(count):
            self.timed(
                "read", "coworking.queue.counter", "read", [self.counter_id], ["name"]
            )

    def take_turn(self):
        with self.shared["lock"]:
            if self.shared["left"] <= 0:
                return False
            self.shared["left"] -= 1
            return True

    def run(self):
        self.shared["barrier"].wait()
        while self.take_turn():
            try:
                answer = self.timed(
                    "call",
                    "coworking.queue.counter",
                    "action_call_next",
                    [self.counter_id],
                )
                found = TICKET_IDS.search(str(answer))
                ids = (
                    [int(i) for i in found.group(1).split(",") if i.strip()]
                    if found
                    else []
                )
                if not ids:
                    self.errors.append(f"call: no ticket ({answer!r})")
                    return
                self.tickets.extend(ids)
                self.timed("start", "coworking.queue.ticket", "action_start", ids)
                self.timed("served", "coworking.queue.ticket", "action_served", ids)
            except (
                RuntimeError,
                OSError,
                http.client.HTTPException,
                ValueError,
            ) as error:
                self.errors.append(str(error))
                if self.connection:
                    self.connection.close()
                    self.connection = None


def run_agents(args, data):
    """Each agent logs in and reads its counter (``--calls`` reads in all,
    at once), then they call next at once; ``(wall seconds of the calls,
    agents, read latencies)``."""
    shared = {
        "lock": threading.Lock(),
        "left": args.calls,
        "barrier": threading.Barrier(len(data["agents"])),
    }
    agents = [
        Agent(args.port, data["db"], login, args.password, counter_id, shared)
        for login, counter_id in data["agents"]
    ]
    for agent in agents:
        agent.authenticate()
    readers = [
        threading.Thread(target=agent.read_counter, args=(args.calls // len(agents),))
        for agent in agents
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    reads = [t for agent in agents for t in agent.timings.pop("read", [])]
    log(
        f"second baseline, call_kw read of each agent's counter (its session), "
        f"{len(agents)} at once: {len(reads)} requests, p50 {ms(reads, 0.5):.1f} ms, "
        f"p95 {ms(reads, 0.95):.1f} ms"
    )
    started = time.perf_counter()
    for agent in agents:
        agent.start()
    for agent in agents:
        agent.join()
    return time.perf_counter() - started, agents, reads


# ----------------------------------------------------------------------
# Checks
# ----------------------------------------------------------------------


def check_database(env, queue_id, since_bus_id):
    cr = env.cr
    cr.execute(
        """
        SELECT count(*) FROM (
            SELECT ticket_id FROM coworking_queue_ticket_event
             WHERE action = 'called' AND queue_id = %s
             GROUP BY ticket_id HAVING count(*) > 1
        ) AS twice
        """,
        [queue_id],
    )
    called_twice = cr.fetchone()[0]
    cr.execute(
        """
        SELECT count(*) FROM (
            SELECT counter_id FROM coworking_queue_ticket
             WHERE state IN ('called', 'serving') AND queue_id = %s
             GROUP BY counter_id HAVING count(*) > 1
        ) AS crowded
        """,
        [queue_id],
    )
    crowded = cr.fetchone()[0]
    cr.execute(
        """
        SELECT count(*) FILTER (WHERE kind = %(kind)s),
               COALESCE(SUM(json_array_length(message->'payload'->'waiting'))
                        FILTER (WHERE kind = %(kind)s), 0),
               count(*)
          FROM (SELECT message::json AS message, message::json->>'type' AS kind
                  FROM bus_bus WHERE id > %(since)s) AS messages
        """,
        {"kind": "coworking_queue/queue", "since": since_bus_id},
    )
    queue_messages, positions, messages = cr.fetchone()
    cr.execute(
        "SELECT state, count(*) FROM coworking_queue_ticket WHERE queue_id = %s "
        "GROUP BY state",
        [queue_id],
    )
    states = dict(cr.fetchall())
    return {
        "called_twice": called_twice,
        "counters_with_two": crowded,
        "queue_messages": queue_messages,
        "positions_pushed": positions,
        "messages": messages,
        "states": states,
    }


# ----------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------


def ms(values, fraction):
    return percentile(values, fraction) * 1000


def measure_baseline(args, clients, when):
    """``version_info`` latencies with as many clients as agents."""
    wall, results = hammer(
        args.port, clients, [(BASELINE_PATH, baseline_body())] * args.calls
    )
    latencies = [elapsed for _status, elapsed, _data in results]
    statuses = Counter(status for status, _elapsed, _data in results)
    log(
        f"baseline version_info {when} the agents, {len(clients)} clients: "
        f"{len(results)} requests in {wall:.2f} s, p50 {ms(latencies, 0.5):.1f} ms, "
        f"p95 {ms(latencies, 0.95):.1f} ms, status {dict(statuses)}"
    )
    return latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path")
    parser.add_argument("--odoo-cmd", default="odoo")
    parser.add_argument("--port", type=int, default=8204)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--agents", type=int, default=10)
    parser.add_argument("--waiting", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--push-reps", type=int, default=5)
    parser.add_argument("--password", default="bench-queue-agent")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--log-dir", default=".")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    args.odoo_cmd = args.odoo_cmd.split()

    started = time.perf_counter()
    with odoo_env(args.database, args.addons_path) as env:
        args.addons_path = configured_addons_path()
        if not env["ir.module.module"].search(
            [("name", "=", "coworking_queue"), ("state", "=", "installed")]
        ):
            sys.exit(f"ERROR: coworking_queue is not installed in {args.database}.")
        data = setup(env, args)
        env.cr.commit()
        log(
            f"setup: {args.waiting} waiting tickets, {args.agents} agents with "
            f"their counters open ({time.perf_counter() - started:.0f} s)"
        )
        push = push_cost(env, data["queue"], args.push_reps)
        env.cr.execute("SELECT COALESCE(MAX(id), 0) FROM bus_bus")
        since_bus_id = env.cr.fetchone()[0]
    log(
        f"push of the full queue ({push['waiting']} waiting), median of "
        f"{args.push_reps}: _live_positions {push['live'] * 1000:.1f} ms "
        f"({push['positions'] / push['live']:,.0f} positions/s), _push() "
        f"{push['push'] * 1000:.1f} ms ({push['positions'] / push['push']:,.0f} "
        f"positions/s, {push['push'] and 1 / push['push']:.1f} pushes/s), "
        f"{push['messages']:.0f} bus messages per push"
    )

    logfile = os.path.join(args.log_dir, "server_queue.log")
    if os.path.exists(logfile):
        os.remove(logfile)
    process = start_server(args, args.workers, logfile)
    try:
        if not wait_ready(args.port, process):
            sys.exit(f"ERROR: the server did not start; see {logfile}")
        clients = [None] * args.agents
        hammer(args.port, clients, [(BASELINE_PATH, baseline_body())] * args.agents * 4)
        baseline = measure_baseline(args, clients, "before")
        wall, agents, reads = run_agents(args, data)
        baseline += measure_baseline(args, clients, "after")
    finally:
        stop_server(process)
    calls = [t for agent in agents for t in agent.timings["call"]]
    starts = [t for agent in agents for t in agent.timings["start"]]
    serves = [t for agent in agents for t in agent.timings["served"]]
    errors = [error for agent in agents for error in agent.errors]
    got = Counter(ticket for agent in agents for ticket in agent.tickets)
    retries = count_in_log(logfile, "could not serialize access")
    figures = {
        "baseline_p50": ms(baseline, 0.5),
        "baseline_p95": ms(baseline, 0.95),
        "call_p50": ms(calls, 0.5),
        "call_p95": ms(calls, 0.95),
        "read_p50": ms(reads, 0.5),
        "read_p95": ms(reads, 0.95),
        "start_p50": ms(starts, 0.5),
        "served_p50": ms(serves, 0.5),
        "calls": len(calls),
        "wall": wall,
        "errors": len(errors),
        "retries": retries,
        "push": push,
    }
    log(
        f"agents: {len(calls)} calls (+ start and served each) in {wall:.2f} s, "
        f"{len(calls) / wall:.1f} calls/s; call-next p50 {figures['call_p50']:.1f} ms "
        f"({figures['call_p50'] / figures['baseline_p50']:.2f} x baseline), p95 "
        f"{figures['call_p95']:.1f} ms "
        f"({figures['call_p95'] / figures['baseline_p95']:.2f} x baseline); "
        f"start p50 {figures['start_p50']:.1f} ms, served p50 "
        f"{figures['served_p50']:.1f} ms; call-next against the authenticated read: "
        f"p50 {figures['call_p50'] / figures['read_p50']:.2f} x, p95 "
        f"{figures['call_p95'] / figures['read_p95']:.2f} x"
    )
    log(
        f"serialization failures in the server log (each retried by Odoo): {retries}; "
        f"failed requests: {len(errors)}"
    )
    for error in errors[:5]:
        log(f"  {error}")

    with odoo_env(args.database, args.addons_path) as env:
        checks = check_database(env, data["queue"], since_bus_id)
    figures["checks"] = checks
    log(
        f"bus during the run: {checks['messages']} messages, "
        f"{checks['queue_messages']} queue pushes carrying "
        f"{checks['positions_pushed']:,} positions: "
        f"{checks['queue_messages'] / wall:.1f} pushes/s, "
        f"{checks['positions_pushed'] / wall:,.0f} positions/s"
    )
    twice_by_clients = sum(1 for count in got.values() if count > 1)
    log(
        f"checks: tickets called twice {checks['called_twice']} (events), "
        f"{twice_by_clients} (answers); counters holding two tickets "
        f"{checks['counters_with_two']}; tickets {checks['states']}"
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, indent=2, default=str)
    failed = (
        checks["called_twice"]
        or twice_by_clients
        or checks["counters_with_two"]
        or errors
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
