# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The HTTP side of the desk benchmark (``bench_desk.py``): a logged-in
user's JSON-RPC client, the order a desk sends, and the phases run against
the server (latency series, QR search, last-seats races)."""

import http.client
import json
import sys
import threading
import time
import uuid
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "booking"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scan"))

from bench_http import BASELINE_PATH, baseline_body, hammer  # noqa: E402
from common import percentile  # noqa: E402

CALL_KW = "/web/dataset/call_kw/{model}/{method}"
REFUSALS = ("odoo.exceptions.ValidationError", "odoo.exceptions.UserError")
SEATS_MESSAGE = "not enough seats"


def log(message=""):
    print(message, flush=True)


def ms(values, fraction):
    return percentile(values, fraction) * 1000


# ----------------------------------------------------------------------
# A logged-in user
# ----------------------------------------------------------------------


class Session:
    """A user logged in through ``/web/session/authenticate`` (its own
    session cookie) on a keep-alive connection, calling JSON-RPC."""

    def __init__(self, port, db, login, password, context=None):
        self.port = port
        self.db = db
        self.login = login
        self.password = password
        self.context = context or {}
        self.connection = None
        self.cookie = None

    def post(self, path, params):
        """``(HTTP status, decoded answer or None, seconds)``; transport
        errors are answered as status ``"error <kind>"``."""
        body = json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}
        ).encode()
        headers = {"Content-Type": "application/json"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        started = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=300
                )
            self.connection.request("POST", path, body, headers)
            response = self.connection.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError) as error:
            if self.connection:
                self.connection.close()
            self.connection = None
            return f"error {type(error).__name__}", None, time.perf_counter() - started
        elapsed = time.perf_counter() - started
        cookie = response.getheader("Set-Cookie")
        if cookie and "session_id=" in cookie:
            self.cookie = cookie.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        try:
            answer = json.loads(data)
        except ValueError:
            answer = {"raw": data[:500].decode(errors="replace")}
        return response.status, answer, elapsed

    def authenticate(self):
        status, answer, _s = self.post(
            "/web/session/authenticate",
            {"db": self.db, "login": self.login, "password": self.password},
        )
        if status != 200 or not (answer or {}).get("result", {}).get("uid"):
            raise RuntimeError(f"{self.login} could not log in: {status} {answer}")

    def call(self, model, method, args):
        return self.post(
            CALL_KW.format(model=model, method=method),
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": {"context": self.context},
            },
        )


def outcome(status, answer):
    """``(kind, message)``: ``ok``, ``seats`` (refused: not enough seats),
    ``refused`` (another UserError/ValidationError) or ``error`` (anything
    else: an HTTP error, a server error answered in JSON-RPC)."""
    if status != 200 or not isinstance(answer, dict):
        return "error", f"HTTP {status} {answer!r}"[:2000]
    if "error" not in answer:
        return "ok", ""
    data = answer["error"].get("data") or {}
    message = data.get("message") or answer["error"].get("message") or ""
    if data.get("name") in REFUSALS:
        return ("seats" if SEATS_MESSAGE in message else "refused"), message
    return "error", f"{data.get('name')}: {message}\n{data.get('debug', '')}"


# ----------------------------------------------------------------------
# What a desk sends
# ----------------------------------------------------------------------


def now_utc():
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def line(product, extra=None):
    return [
        0,
        0,
        {
            "uuid": str(uuid.uuid4()),
            "product_id": product["product_id"],
            "full_product_name": product["name"],
            "qty": 1,
            "price_unit": product["price"],
            "discount": 0.0,
            "price_subtotal": product["untaxed"],
            "price_subtotal_incl": product["total"],
            "tax_ids": [[6, 0, product["tax_ids"]]],
            "pack_lot_ids": [],
            **(extra or {}),
        },
    ]


def sale_vals(desk, sequence, buyer, ticket, item):
    """A paid order as the Point of Sale sends it to ``sync_from_ui``: one
    workshop ticket with its registration (as pos_event's configurator
    sends it) and one item, the whole total in cash (the values of
    ``coworking_event_pos/tests/common.py``'s ``order_vals``)."""
    key = str(uuid.uuid4())
    when = now_utc()
    registration = {
        "event_id": ticket["event_id"],
        "event_ticket_id": ticket["id"],
        "partner_id": buyer["id"],
        "name": buyer["name"],
        "email": buyer["email"],
    }
    lines = [
        line(
            ticket,
            {
                "event_ticket_id": ticket["id"],
                "event_registration_ids": [[0, 0, registration]],
            },
        ),
        line(item),
    ]
    total = round(ticket["total"] + item["total"], 2)
    untaxed = round(ticket["untaxed"] + item["untaxed"], 2)
    return {
        "uuid": key,
        "name": f"Order {key}",
        "session_id": desk["session_id"],
        "sequence_number": sequence,
        "user_id": desk["uid"],
        "partner_id": buyer["id"],
        "pricelist_id": desk["pricelist_id"],
        "fiscal_position_id": False,
        "date_order": when,
        "lines": lines,
        "payment_ids": [
            [
                0,
                0,
                {
                    "amount": total,
                    "name": when,
                    "payment_date": when,
                    "payment_method_id": desk["cash_method_id"],
                },
            ]
        ],
        "amount_total": total,
        "amount_tax": round(total - untaxed, 2),
        "amount_paid": total,
        "amount_return": 0,
        "to_invoice": False,
        "last_order_preparation_change": "{}",
    }


class Desk(Session):
    """A desk's cashier: sells, searches people by their QR."""

    def __init__(self, port, db, desk, password, company_id):
        super().__init__(
            port,
            db,
            desk["login"],
            password,
            {
                "lang": "en_US",
                "tz": "UTC",
                "uid": desk["uid"],
                "allowed_company_ids": [company_id],
                "config_id": desk["config_id"],
                "login_number": 1,
            },
        )
        self.desk = desk
        self.sequence = 0

    def sell(self, buyer, ticket, item):
        """``(kind, message, seconds, started, ended)`` of one sale."""
        self.sequence += 1
        vals = sale_vals(self.desk, self.sequence, buyer, ticket, item)
        started = time.perf_counter()
        status, answer, elapsed = self.call("pos.order", "sync_from_ui", [[vals]])
        kind, message = outcome(status, answer)
        if kind == "ok":
            orders = answer["result"].get("pos.order") or [{}]
            if orders[0].get("state") not in ("paid", "done", "invoiced"):
                kind = "error"
                message = f"order answered in state {orders[0].get('state')!r}"
        return kind, message, elapsed, started, started + elapsed

    def find(self, code):
        status, answer, elapsed = self.call(
            "pos.config",
            "coworking_desk_find_participant",
            [[self.desk["config_id"]], code],
        )
        kind, message = outcome(status, answer)
        if kind == "ok" and not answer["result"].get("found"):
            kind, message = "error", f"not found: {answer['result'].get('message')}"
        return kind, message, elapsed

    def read_name(self):
        """The second baseline: an authenticated ``call_kw`` that reads."""
        status, answer, elapsed = self.call(
            "pos.config", "read", [[self.desk["config_id"]], ["name"]]
        )
        return outcome(status, answer)[0], "", elapsed


class Website(Session):
    """The website confirming paid carts (``sale.order.action_confirm``)."""

    def confirm(self, order_id):
        started = time.perf_counter()
        status, answer, elapsed = self.call(
            "sale.order", "action_confirm", [[order_id]]
        )
        kind, message = outcome(status, answer)
        return kind, message, elapsed, started, started + elapsed


# ----------------------------------------------------------------------
# Phases
# ----------------------------------------------------------------------


def run_threads(workers):
    """Start the ``(target, args)`` pairs at once (they meet at a barrier
    of their own first); answer the wall seconds."""
    barrier = threading.Barrier(len(workers) + 1)

    def wrap(target, target_args):
        barrier.wait()
        target(*target_args)

    threads = [
        threading.Thread(target=wrap, args=(target, target_args), daemon=True)
        for target, target_args in workers
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, started


def baseline(port, clients, count):
    """version_info (JSON-RPC, no authentication) by ``clients`` at once:
    ``(wall seconds, latencies, statuses)``."""
    wall, results = hammer(
        port, [None] * clients, [(BASELINE_PATH, baseline_body())] * count
    )
    return (
        wall,
        [elapsed for _status, elapsed, _data in results],
        Counter(status for status, _e, _d in results),
    )


def shared_jobs(items):
    jobs = list(reversed(items))
    lock = threading.Lock()

    def take():
        with lock:
            return jobs.pop() if jobs else None

    return take


def sales_series(desks, buyers, ticket, item, count):
    """``count`` sales shared by ``desks`` (each its own cashier), as fast
    as answered: ``(wall seconds, results)``."""
    take = shared_jobs(buyers[:count])
    results = []
    lock = threading.Lock()

    def loop(desk):
        while (buyer := take()) is not None:
            result = desk.sell(buyer, ticket, item)
            with lock:
                results.append(result)

    wall, _started = run_threads([(loop, (desk,)) for desk in desks])
    return wall, results


def calls_series(desks, method, items):
    """``method(desk, item)`` for each item, shared by ``desks``."""
    take = shared_jobs(items)
    results = []
    lock = threading.Lock()

    def loop(desk):
        while (item := take()) is not None:
            result = method(desk, item)
            with lock:
                results.append(result)

    wall, _started = run_threads([(loop, (desk,)) for desk in desks])
    return wall, results


def race(race_data, desks, websites, tries):
    """Every desk sells ``tries`` tickets (one buyer each) and every
    website client confirms its ``tries`` carts, all released at once:
    ``(wall seconds, release time, results)``, each result
    ``(client kind, client index, kind, message, seconds, started, ended)``."""
    results = []
    lock = threading.Lock()
    ticket, item = race_data["ticket"], race_data["item"]

    def sell(index, desk):
        for buyer in race_data["buyers"][index * tries : (index + 1) * tries]:
            result = desk.sell(buyer, ticket, item)
            with lock:
                results.append(("desk", index, *result))

    def confirm(index, website):
        for order_id in race_data["web"][index]["orders"]:
            result = website.confirm(order_id)
            with lock:
                results.append(("website", index, *result))

    workers = [(sell, (index, desk)) for index, desk in enumerate(desks)]
    workers += [(confirm, (index, web)) for index, web in enumerate(websites)]
    wall, started = run_threads(workers)
    return wall, started, results


class LockSampler(threading.Thread):
    """Samples ``pg_stat_activity`` of the database every ``period``
    seconds: how many of its backends wait for a lock, and on what query
    (what the requests queue on)."""

    def __init__(self, dbname, period=0.05):
        super().__init__(daemon=True)
        self.dbname = dbname
        self.period = period
        self.stop = threading.Event()
        self.samples = 0
        self.waiting = 0
        self.queries = Counter()

    def run(self):
        import psycopg2

        connection = psycopg2.connect(dbname=self.dbname)
        connection.autocommit = True
        cursor = connection.cursor()
        while not self.stop.is_set():
            cursor.execute(
                "SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 90) "
                "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid() "
                "AND wait_event_type = 'Lock'",
                [self.dbname],
            )
            rows = cursor.fetchall()
            self.samples += 1
            self.waiting += len(rows)
            self.queries.update(row[0] for row in rows)
            self.stop.wait(self.period)
        connection.close()

    def finish(self):
        self.stop.set()
        self.join()
        return {
            "mean_waiting": self.waiting / self.samples if self.samples else 0.0,
            "top": self.queries.most_common(3),
        }
