# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the desk benchmark (``bench_desk.py``) measures and checks in the
database itself: the cost of a sale and of a QR search in-process, and the
checks of the races and of the latency series afterwards."""

import statistics
import time

from desk_http import log, ms, sale_vals


def model_cost(env, data, count, warm=10):
    """Milliseconds and queries per sale through ``pos.order.sync_from_ui``
    in-process, at the first desk (as its cashier) and at the plain Point
    of Sale (not a desk), the same order; and per QR search. Rolled back."""
    from odoo import sql_db

    people = env["res.partner"].create(
        [
            {"name": f"Bench In-process {n:04d}", "email": f"inproc{n:04d}@example.com"}
            for n in range((count + warm) * 2)
        ]
    )
    buyers = iter([{"id": p.id, "name": p.name, "email": p.email} for p in people])
    result = {}

    def timed(call):
        env.invalidate_all()
        before = sql_db.sql_counter
        started = time.perf_counter()
        answer = call()
        env.flush_all()
        return time.perf_counter() - started, sql_db.sql_counter - before, answer

    for key, desk in (("desk", data["desks"][0]), ("plain", data["plain"])):
        Order = (
            env["pos.order"]
            .with_user(desk["uid"])
            .with_context(config_id=desk["config_id"], login_number=1)
        )
        times, queries = [], []
        for n in range(count + warm):
            vals = sale_vals(
                desk, 10_000 + n, next(buyers), data["ticket"], data["item"]
            )
            seconds, number, answer = timed(lambda v=vals, o=Order: o.sync_from_ui([v]))
            if answer["pos.order"][0]["state"] != "paid":
                raise RuntimeError(f"in-process sale not paid at {key}")
            if n >= warm:
                times.append(seconds)
                queries.append(number)
        result[key] = {
            "p50": ms(times, 0.5),
            "queries": statistics.median(queries),
        }
    Config = env["pos.config"].with_user(data["desks"][0]["uid"])
    desk = Config.browse(data["desks"][0]["config_id"])
    times, queries = [], []
    for n, token in enumerate(data["tokens"][: count + warm]):
        seconds, number, _a = timed(
            lambda t=token: desk.coworking_desk_find_participant(t)
        )
        if n >= warm:
            times.append(seconds)
            queries.append(number)
    result["qr"] = {"p50": ms(times, 0.5), "queries": statistics.median(queries)}
    env.cr.rollback()
    log(
        f"in-process, {count} each: desk sale p50 {result['desk']['p50']:.1f} ms, "
        f"{result['desk']['queries']:.0f} queries; the same sale at a plain Point "
        f"of Sale p50 {result['plain']['p50']:.1f} ms, "
        f"{result['plain']['queries']:.0f} queries "
        f"({result['desk']['p50'] / result['plain']['p50']:.2f} x); QR search p50 "
        f"{result['qr']['p50']:.1f} ms, {result['qr']['queries']:.0f} queries"
    )
    return result


def check_database(env, data, out, sold):
    """Seats of each race, orders left behind, paid sales."""
    cr = env.cr
    checks = []
    for number, (race_data, summary) in enumerate(
        zip(data["races"], out.get("races", []), strict=False), 1
    ):
        cr.execute(
            "SELECT count(*) FROM event_registration WHERE event_id = %s "
            "AND state IN ('open', 'done') AND active",
            [race_data["event"]],
        )
        taken = cr.fetchone()[0]
        configs = [desk["config_id"] for desk in race_data["desks"]]
        cr.execute(
            "SELECT o.state, count(*) FROM pos_order o JOIN pos_session s "
            "ON s.id = o.session_id WHERE s.config_id = ANY(%s) GROUP BY o.state",
            [configs],
        )
        orders = dict(cr.fetchall())
        orders_ids = [o for web in race_data["web"] for o in web["orders"]]
        cr.execute(
            "SELECT state, count(*) FROM sale_order WHERE id = ANY(%s) GROUP BY state",
            [orders_ids or [0]],
        )
        carts = dict(cr.fetchall())
        check = {
            "race": number,
            "seats_max": race_data["seats_max"],
            "taken": taken,
            "pos_orders": orders,
            "carts": carts,
            "ok": taken == race_data["seats_max"]
            and summary["sold"] == race_data["seats_max"] - race_data["taken"]
            and orders.get("paid", 0) == summary["sold_by"].get("desk", 0)
            and sum(orders.values()) == orders.get("paid", 0)
            and carts.get("sale", 0) == summary["sold_by"].get("website", 0),
        }
        checks.append(check)
        log(
            f"check race {number}: confirmed registrations {taken} of "
            f"{race_data['seats_max']} seats; desks' orders {orders}; website "
            f"carts {carts}: {'OK' if check['ok'] else 'WRONG'}"
        )
    configs = [d["config_id"] for d in data["desks"] + data["open_desks"]]
    cr.execute(
        """
        SELECT o.state, count(*), count(*) FILTER (WHERE NOT EXISTS (
                   SELECT 1 FROM pos_order_line l
                     JOIN event_registration r ON r.pos_order_line_id = l.id
                    WHERE l.order_id = o.id AND r.state IN ('open', 'done')))
          FROM pos_order o JOIN pos_session s ON s.id = o.session_id
         WHERE s.config_id = ANY(%s)
         GROUP BY o.state
        """,
        [configs],
    )
    rows = cr.fetchall()
    latency = {
        "orders": {state: count for state, count, _m in rows},
        "without_registration": sum(missing for _s, _c, missing in rows),
        "sold": sold,
    }
    latency["ok"] = (
        latency["orders"] == {"paid": sold} and not latency["without_registration"]
    )
    log(
        f"check latency series: {sold} sales answered paid; orders {latency['orders']},"
        f" without a confirmed registration {latency['without_registration']}: "
        f"{'OK' if latency['ok'] else 'WRONG'}"
    )
    return checks, latency
