# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A year of hourly sensor figures for 200 devices, and what the screens ask
of it, timed over JSON-RPC as the web client asks, against version_info in
the same run."""

import argparse
import json
import os
import shlex
import sys
import time
import urllib.request
from datetime import timedelta
from http.cookiejar import CookieJar

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "booking"))

import common  # noqa: E402
import server  # noqa: E402

HISTORY_SQL = """
INSERT INTO coworking_iot_reading_hourly
    (device_id, company_id, location_id, space_id, equipment_id, metric, hour,
     hour_of_day, weekday, reading_count, value_sum, value_min, value_max,
     value_avg, occupancy_rate)
SELECT d.id, d.company_id, d.location_id, d.space_id, d.equipment_id, m.metric,
       h.hour, extract(hour FROM h.hour)::int,
       (extract(isodow FROM h.hour)::int - 1)::varchar,
       12, 12 * v.avg, 0, v.avg * 2, v.avg, v.rate
  FROM coworking_iot_device d
  JOIN LATERAL (SELECT CASE d.kind WHEN 'occupancy' THEN 'presence'
                                   WHEN 'people_counter' THEN 'people'
                                   WHEN 'door' THEN 'entries'
                                   ELSE 'pages' END AS metric) m ON TRUE
 CROSS JOIN generate_series(%(start)s::timestamp, %(stop)s::timestamp,
                            interval '1 hour') AS h(hour)
  JOIN LATERAL (
       SELECT greatest(0, sin(pi() * (extract(hour FROM h.hour) - 7) / 12))
              * (random() * 0.3 + 0.7) AS share
       ) s ON TRUE
  JOIN LATERAL (
       SELECT CASE m.metric WHEN 'presence' THEN round(s.share)
                            ELSE round(s.share * 10) END AS avg,
              CASE m.metric WHEN 'presence' THEN 100 * round(s.share)
                            WHEN 'people' THEN 100 * s.share END AS rate
       ) v ON TRUE
 WHERE d.uid LIKE 'sim-%%'
ON CONFLICT (device_id, metric, hour) DO NOTHING
"""


class Client:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar())
        )
        self.id = 0

    def rpc(self, path, params):
        self.id += 1
        data = json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": params, "id": self.id}
        ).encode()
        request = urllib.request.Request(
            self.base + path, data, {"Content-Type": "application/json"}
        )
        with self.opener.open(request, timeout=120) as answer:
            body = json.loads(answer.read())
        if "error" in body:
            raise RuntimeError(body["error"])
        return body["result"]

    def call(self, model, method, args, kwargs=None):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )


def timed(function, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return common.summary_ms(samples)


def prepare(args):
    with common.odoo_env(args.database) as env:
        now = env.cr.now().replace(tzinfo=None, minute=0, second=0, microsecond=0)
        env["coworking.iot.device"]._simulated_devices(args.devices)
        env.cr.commit()
        start = time.perf_counter()
        env.cr.execute(
            HISTORY_SQL, {"start": now - timedelta(days=args.days), "stop": now}
        )
        inserted = env.cr.rowcount
        env.cr.commit()
        seconds = time.perf_counter() - start
        start = time.perf_counter()
        env["coworking.iot.space.hourly"]._rebuild()
        env.cr.commit()
        rebuild = time.perf_counter() - start
        env.cr.execute("ANALYZE coworking_iot_reading_hourly")
        env.cr.execute("ANALYZE coworking_iot_space_hourly")
        sizes = []
        for table in ("coworking_iot_reading_hourly", "coworking_iot_space_hourly"):
            env.cr.execute(
                f"SELECT count(*), pg_size_pretty(pg_total_relation_size('{table}')) "
                f"FROM {table}"
            )
            sizes.append((table, *env.cr.fetchone()))
        space = env["coworking.space"].search(
            [("iot_device_ids.uid", "=like", "sim-%")], limit=1
        )
        env.cr.commit()
    print(
        f"history: {inserted} sensor hours written in {seconds:.1f} s, the spaces' "
        f"hours rebuilt from them in {rebuild:.1f} s"
    )
    for table, rows, size in sizes:
        print(f"  {table}: {rows} rows, {size} with its indexes")
    return now, space.id


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--odoo-cmd", required=True)
    parser.add_argument("--port", type=int, default=8204)
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--log-dir", default="/tmp/cw_bench_logs")
    args = parser.parse_args()
    args.odoo_cmd = shlex.split(args.odoo_cmd)
    args.addons_path = (
        os.environ.get("ODOO_ADDONS_PATH") or common.default_addons_path()
    )
    now, space_id = prepare(args)
    logfile = os.path.join(args.log_dir, "history_server.log")
    process = server.start_server(args, 2, logfile)
    try:
        if not server.wait_ready(args.port, process):
            sys.exit(f"the server did not start: see {logfile}")
        client = Client(args.port)
        client.rpc(
            "/web/session/authenticate",
            {"db": args.database, "login": "admin", "password": "admin"},
        )
        sensors = "coworking.iot.reading.hourly"
        spaces = "coworking.iot.space.hourly"
        occupancy = [("metric", "in", ["presence", "people"])]

        def since(days):
            return [("hour", ">=", str(now - timedelta(days=days)))]

        def group(model, domain, groupby):
            return lambda: client.call(
                model,
                "read_group",
                [domain, ["occupancy_rate:avg"], groupby],
                {"lazy": False},
            )

        measures = {
            "version_info (baseline)": lambda: client.rpc(
                "/web/webclient/version_info", {}
            ),
            "Occupancy History's default: space x weekday, last 30 days": group(
                spaces, since(30), ["space_id", "weekday"]
            ),
            "space x hour of day, a whole year": group(
                spaces, since(args.days), ["space_id", "hour_of_day"]
            ),
            "weekday x hour of day, all spaces, a whole year": group(
                spaces, [], ["weekday", "hour_of_day"]
            ),
            "one space per day, a whole year (graph)": group(
                spaces, [("space_id", "=", space_id)], ["hour:day"]
            ),
            "the same year from the sensors' hours: space x hour of day": group(
                sensors, occupancy + since(args.days), ["space_id", "hour_of_day"]
            ),
            "live board (every space with sensors)": lambda: client.call(
                "coworking.space", "iot_live_occupancy_data", []
            ),
        }
        results = {}
        for name, function in measures.items():
            function()  # warm
            results[name] = timed(function, args.repeat)
        base = results["version_info (baseline)"][0]
        print(f"{'what':<66} {'p50 ms':>8} {'min ms':>8} {'x version_info':>15}")
        for name, (median, low) in results.items():
            print(f"{name:<66} {median:8.1f} {low:8.1f} {median / base:15.1f}")
    finally:
        server.stop_server(process)


if __name__ == "__main__":
    main()
