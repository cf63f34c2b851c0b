# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""MQTT sensors to readings: the ingestion worker against the broker's
ceiling, and what a broker restart or a killed worker loses.

On its own mosquitto (``mqtt_bench.Broker``), with the addon's commands,
each worker run after a ceiling run of its own (the ratio compares runs
made under the same load):

1. **Live** (``live``): ``coworking-iot-simulator --devices 200 --rate 0
   --count N`` publishing to a no-op subscriber (paho, MQTT v5, QoS 1, the
   worker's topic filters, acknowledging at once): readings per second
   from the first reading's publication (its own time stamp) to the N-th
   reading received: the ceiling. Then the same traffic to the worker
   (``coworking-iot``), for each batch size: to the last reading row
   committed (the table polled every 20 ms).
2. **Drain** (``drain``): the N readings published while the subscriber is
   away (queued in its session), then taken from its connection: the
   no-op subscriber, then the worker (``--drain-workers`` N: N workers
   sharing a group). CPU seconds of each process, and py-spy on the
   worker with ``--profile``.
3. **Loss**: the simulator at a fixed rate with the worker; in the middle,
   mosquitto stopped with SIGTERM (it saves its persistence) and started
   again 3 s later on the same port and config (``broker``); the worker
   killed (SIGKILL) and started again with its client id (``worker``);
   the broker restarted while the worker is paused until 3 s after it is
   back, alone (``broker-late``) and in a group (``broker-shared-late``).
   Counted: publications the broker acknowledged to the simulator, rows
   stored for the run, duplicates, and the loss (acknowledged publications
   missing from the rows).
4. **Baseline** (``baseline``): ``POST /web/webclient/version_info`` on an
   Odoo server of the same database, one client, as the other benchmarks.

No timing is asserted: the script fails (exit 1) when a reading is lost or
stored twice (but for the known loss of ``broker-shared-late``), or a run
does not complete.
"""

import argparse
import json
import os
import signal
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "booking"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from mqtt_bench import (  # noqa: E402
    Broker,
    Commands,
    CpuMeter,
    NoopSubscriber,
    Observer,
    Processes,
    clear_session,
    describe_cpu,
    free_port,
    log,
)
from readings import Readings, report_checks  # noqa: E402
from spy import Profiler, summarize  # noqa: E402

WORKER_ID = "bench-iot-worker"
SHARED_GROUP = "bench-iot"  # the workers' group when they share the messages


# ----------------------------------------------------------------------
# Scenarios
# ----------------------------------------------------------------------


def ceiling(ctx, label=""):
    args = ctx.args
    log(
        f"== 1. ceiling{label}: simulator -> mosquitto -> no-op subscriber, "
        f"{args.count} readings =="
    )
    subscriber = NoopSubscriber(ctx.port, args.count)
    subscriber.start()
    ctx.observer.reset()
    simulator = ctx.commands.simulator("ceiling_simulator", 0, args.count, args.devices)
    meter = CpuMeter(
        lambda: {
            "simulator": [simulator.pid],
            "broker": [ctx.broker.process.pid],
            "subscriber": [os.getpid()],
        }
    )
    deadline = time.monotonic() + args.timeout
    while not subscriber.done.is_set() and time.monotonic() < deadline:
        if meter.start is None and ctx.observer.first is not None:
            meter.begin()
        meter.tick()
        if simulator.poll() is not None and not subscriber.done.wait(10):
            break
        subscriber.done.wait(0.02)
    cpu = meter.finish()
    simulator.wait(args.timeout)
    ctx.processes.forget(simulator)
    subscriber.close()
    published, acknowledged = ctx.commands.simulator_result(simulator)
    # from the first reading's publication (its own time stamp): the
    # receivers may lag behind on a busy machine
    first = ctx.observer.first_published
    if subscriber.last is None or first is None:
        log(f"  FAILED: {subscriber.readings} of {args.count} readings received")
        ctx.failures.append("ceiling: not every reading received")
        return None
    seconds = subscriber.last - first
    result = {
        "readings": args.count,
        "seconds": seconds,
        "rate": args.count / seconds,
        "publish_seconds": (ctx.observer.last_published or subscriber.last) - first,
        "published": published,
        "acknowledged": acknowledged,
        "cpu": cpu,
    }
    log(
        f"  {args.count} readings in {seconds:.2f} s: {result['rate']:,.0f} readings/s "
        f"(messages built by the simulator in {result['publish_seconds']:.2f} s; "
        f"{acknowledged} of {published} acknowledged by the broker)"
    )
    log(f"  {describe_cpu(cpu)}")
    return result


def end_to_end(ctx, batch_size, ceiling_rate):
    args = ctx.args
    log(f"== 2. end to end: worker --batch-size {batch_size}, {args.count} readings ==")
    clear_session(ctx.port, WORKER_ID)
    ctx.readings.vacuum()
    worker = ctx.commands.worker(f"e2e_worker_{batch_size}", WORKER_ID, batch_size)
    since = ctx.readings.last_id()
    ctx.observer.reset()
    simulator = ctx.commands.simulator(
        f"e2e_simulator_{batch_size}", 0, args.count, args.devices
    )
    meter = CpuMeter(
        lambda: {
            "simulator": [simulator.pid],
            "broker": [ctx.broker.process.pid],
            "worker": [worker.pid],
            "worker's postgres": ctx.readings.backends(worker.pid),
        }
    )

    def on_tick(now):
        if meter.start is None and ctx.observer.first is not None:
            meter.begin()
        meter.tick()

    rows, reached = ctx.readings.wait_rows(
        since,
        args.count,
        lambda: simulator.poll() is None,
        args.timeout,
        15,
        on_tick,
    )
    cpu = meter.finish()
    simulator.wait(args.timeout)
    ctx.processes.forget(simulator)
    ctx.processes.stop(worker)
    published, acknowledged = ctx.commands.simulator_result(simulator)
    stats = ctx.commands.worker_stats(worker)
    checks = ctx.readings.run_checks(since, published)
    first = ctx.observer.first_published
    result = {
        "batch_size": batch_size,
        "rows": rows,
        "published": published,
        "acknowledged": acknowledged,
        "worker": stats,
        "checks": checks,
        "cpu": cpu,
    }
    if reached is None or first is None:
        log(f"  FAILED: {rows} of {args.count} rows stored; see {worker.logfile}")
        ctx.failures.append(f"end to end, batch {batch_size}: incomplete")
        return result
    seconds = reached - first
    result.update(
        seconds=seconds,
        rate=args.count / seconds,
        ceiling=ceiling_rate,
        ratio=(args.count / seconds) / ceiling_rate if ceiling_rate else None,
        publish_seconds=(ctx.observer.last_published or reached) - first,
    )
    log(
        f"  {rows} rows in {seconds:.2f} s: {result['rate']:,.0f} readings/s"
        + (f" = {result['ratio']:.2f} x the ceiling" if result["ratio"] else "")
        + f"; messages built in {result['publish_seconds']:.2f} s"
    )
    log(f"  {describe_cpu(cpu)}")
    log(f"  worker: {stats}")
    report_checks(
        ctx, f"end to end, batch {batch_size}", checks, acknowledged, published
    )
    return result


def publish_queued(ctx, name):
    """Publish the run's readings while the subscriber is away: the broker
    queues them in its session."""
    simulator = ctx.commands.simulator(name, 0, ctx.args.count, ctx.args.devices)
    simulator.wait(ctx.args.timeout)
    ctx.processes.forget(simulator)
    return ctx.commands.simulator_result(simulator)


def drain_ceiling(ctx):
    """The no-op subscriber taking the readings queued in its session."""
    args = ctx.args
    log(f"== 2b. drain ceiling: no-op subscriber, {args.count} readings queued ==")
    subscriber = NoopSubscriber(ctx.port, args.count, persistent=True)
    subscriber.start()
    subscriber.close()
    published, acknowledged = publish_queued(ctx, "drain_ceiling_simulator")
    subscriber = NoopSubscriber(ctx.port, args.count, persistent=True)
    meter = CpuMeter(
        lambda: {"broker": [ctx.broker.process.pid], "subscriber": [os.getpid()]}
    )
    meter.begin()
    subscriber.start(clean_start=False)
    subscriber.done.wait(args.timeout)
    cpu = meter.finish()
    subscriber.close()
    clear_session(ctx.port, "bench-iot-noop")
    if subscriber.last is None:
        log(f"  FAILED: {subscriber.readings} of {args.count} readings received")
        ctx.failures.append("drain ceiling: not every reading received")
        return None
    seconds = subscriber.last - subscriber.connected_at
    result = {
        "readings": args.count,
        "seconds": seconds,
        "rate": args.count / seconds,
        "published": published,
        "acknowledged": acknowledged,
        "cpu": cpu,
    }
    log(
        f"  {args.count} readings in {seconds:.2f} s from the connection: "
        f"{result['rate']:,.0f} readings/s"
    )
    log(f"  {describe_cpu(cpu)}")
    return result


def drain(ctx, batch_size, ceiling_rate):
    """The worker taking the readings queued in its session while it was
    stopped: its own pace, without a publisher on the same cores. With
    ``--drain-workers`` N, N workers of one shared subscription, each
    with its own session (the broker queues the messages to them in turn)."""
    args = ctx.args
    count = args.drain_workers
    ids = [WORKER_ID]
    if count > 1:
        ids = [f"{WORKER_ID}-{n}" for n in range(1, count + 1)]
    queued = f"{args.count} readings queued"
    log(f"== 2c. drain: {count} worker(s) --batch-size {batch_size}, {queued} ==")
    group = SHARED_GROUP if count > 1 else None
    for client_id in ids:
        clear_session(ctx.port, client_id)
        worker = ctx.commands.worker(
            f"drain_{client_id}_first", client_id, 10, group=group
        )
        ctx.processes.stop(worker)
    published, acknowledged = publish_queued(ctx, f"drain_simulator_{batch_size}")
    ctx.readings.vacuum()
    since = ctx.readings.last_id()
    workers = [
        ctx.commands.worker(
            f"drain_worker_{batch_size}" + (f"_{n}" if count > 1 else ""),
            client_id,
            batch_size,
            wait=False,
            group=group,
        )
        for n, client_id in enumerate(ids, 1)
    ]
    connected = ctx.commands.wait_connected(workers[0], step=0.02, settle=0)
    meter = CpuMeter(
        lambda: {
            "broker": [ctx.broker.process.pid],
            "worker": [worker.pid for worker in workers],
            "worker's postgres": [
                backend
                for worker in workers
                for backend in ctx.readings.backends(worker.pid)
            ],
        }
    )
    meter.begin()
    profiler = None
    if args.profile:
        profiler = Profiler(
            workers[0].pid, Path(args.log_dir) / f"iot_profile_{batch_size}.txt"
        )
    rows, reached = ctx.readings.wait_rows(
        since, args.count, lambda: False, args.timeout, 15
    )
    cpu = meter.finish()
    if profiler is not None and profiler.missing:
        log("  (no profile: py-spy is not installed; pip install py-spy)")
    elif profiler is not None and profiler.stop():
        log(f"  py-spy ({profiler.output}):")
        for line in summarize(profiler.output):
            log(f"  {line}")
    stats = []
    for worker in workers:
        ctx.processes.stop(worker)
        stats.append(ctx.commands.worker_stats(worker))
    checks = ctx.readings.run_checks(since, published)
    result = {
        "batch_size": batch_size,
        "workers": count,
        "rows": rows,
        "published": published,
        "acknowledged": acknowledged,
        "worker": stats,
        "checks": checks,
        "cpu": cpu,
    }
    if reached is None:
        log(f"  FAILED: {rows} of {args.count} rows stored; see {workers[0].logfile}")
        ctx.failures.append(f"drain, batch {batch_size}: incomplete")
        return result
    seconds = reached - connected
    result.update(
        seconds=seconds,
        rate=args.count / seconds,
        ceiling=ceiling_rate,
        ratio=(args.count / seconds) / ceiling_rate if ceiling_rate else None,
    )
    log(
        f"  {rows} rows in {seconds:.2f} s from the connection: "
        f"{result['rate']:,.0f} readings/s"
        + (f" = {result['ratio']:.2f} x the drain ceiling" if result["ratio"] else "")
    )
    log(f"  {describe_cpu(cpu)}")
    log(f"  worker(s): {stats}")
    report_checks(ctx, f"drain, batch {batch_size}", checks, acknowledged, published)
    return result


LOSS_KINDS = ("broker", "worker", "broker-late", "broker-shared-late")
SCENARIOS = ("live", "drain", *LOSS_KINDS, "baseline")


def loss(ctx, kind):
    """``kind``: ``broker`` (mosquitto restarted), ``worker`` (the worker
    killed and started again); ``broker-late``: mosquitto restarted, the
    worker reconnecting after the publisher (it is paused, SIGSTOP, from
    before the broker stops until ``--late`` s after it is back: its
    reconnection delay grows to 30 s, the devices' to 10 s);
    ``broker-shared-late``: the same with the worker in a group (a shared
    subscription). The ``-late`` runs last half as long."""
    args = ctx.args
    late = kind.endswith("-late")
    seconds = args.loss_seconds / 2 if late else args.loss_seconds
    count = int(args.loss_rate * seconds)
    restart = f"mosquitto stopped (SIGTERM) and started again after {args.pause:g} s"
    if late:
        restart += f", the worker back {args.late:g} s after it"
    title = {
        "broker": restart,
        "worker": "the worker killed (SIGKILL) and started again, same client id",
        "broker-late": restart,
        "broker-shared-late": f"{restart}, in a group ($share/{SHARED_GROUP})",
    }[kind]
    group = SHARED_GROUP if "shared" in kind else None
    log(
        f"== 3. loss: {count} readings at {args.loss_rate:g}/s, in the middle "
        f"{title} =="
    )
    clear_session(ctx.port, WORKER_ID)
    ctx.readings.vacuum()
    worker = ctx.commands.worker(
        f"loss_{kind}_worker", WORKER_ID, args.loss_batch, group=group
    )
    since = ctx.readings.last_id()
    ctx.observer.reset()
    simulator = ctx.commands.simulator(
        f"loss_{kind}_simulator", args.loss_rate, count, args.devices
    )
    event = {}

    def on_tick(now):
        first = ctx.observer.first
        if event or first is None or now - first < seconds / 2:
            return
        event["at"] = now - first
        event["rows_before"] = ctx.readings.count_since(since)
        if kind != "worker":
            if late:
                worker.send_signal(signal.SIGSTOP)
            ctx.broker.stop()
            time.sleep(args.pause)
            ctx.broker.start()
            if late:
                time.sleep(args.late)
                worker.send_signal(signal.SIGCONT)
        else:
            ctx.processes.stop(worker, signal.SIGKILL)
            event["worker"] = ctx.commands.worker(
                f"loss_{kind}_worker_again", WORKER_ID, args.loss_batch, wait=False
            )
        log(
            f"  at {event['at']:.1f} s ({event['rows_before']} rows stored): "
            f"{'worker killed, restarted' if kind == 'worker' else 'broker restarted'}"
        )

    ctx.readings.wait_rows(
        since,
        count,
        lambda: simulator.poll() is None or not event,
        seconds + args.timeout,
        20,
        on_tick,
    )
    simulator.wait(args.timeout)
    ctx.processes.forget(simulator)
    published, acknowledged = ctx.commands.simulator_result(simulator)
    # what was acknowledged and not yet stored: the worker gets it again
    if published:
        ctx.readings.wait_rows(since, published, lambda: False, args.timeout, 10)
    workers = [worker, event.get("worker")] if kind == "worker" else [worker]
    stats = []
    for process in workers:
        if process is not None:
            ctx.processes.stop(process)
            stats.append(ctx.commands.worker_stats(process))
    checks = ctx.readings.run_checks(since, published)
    log(
        f"  simulator: {published} published, {acknowledged} acknowledged by the broker"
    )
    log(f"  worker(s): {stats}")
    report_checks(ctx, f"loss, {kind}", checks, acknowledged, published)
    return {
        "kind": kind,
        "event": {k: v for k, v in event.items() if k != "worker"},
        "published": published,
        "acknowledged": acknowledged,
        "workers": stats,
        "checks": checks,
    }


def baseline(ctx):
    """version_info on a threaded Odoo server of the same database."""
    from bench_http import BASELINE_PATH, baseline_body, hammer
    from common import percentile
    from server import start_server, stop_server, wait_ready

    args = ctx.args
    log(f"== 4. baseline: {args.baseline_requests} x version_info, one client ==")
    logfile = Path(args.log_dir) / "iot_server.log"
    server_args = SimpleNamespace(
        odoo_cmd=ctx.commands.odoo_cmd,
        database=args.database,
        addons_path=args.addons_path,
        port=args.port,
    )
    server = start_server(server_args, 0, logfile)
    (ctx.processes.folder / str(server.pid)).write_text("server")
    ctx.processes.running[server.pid] = server
    try:
        if not wait_ready(args.port, server):
            log(f"  FAILED: the server did not start; see {logfile}")
            ctx.failures.append("baseline: no server")
            return None
        job = (BASELINE_PATH, baseline_body())
        hammer(args.port, [None], [job] * 20)
        wall, results = hammer(args.port, [None], [job] * args.baseline_requests)
    finally:
        stop_server(server)
        ctx.processes.forget(server)
    latencies = [elapsed for _status, elapsed, _data in results]
    result = {
        "requests": len(results),
        "rps": len(results) / wall,
        "p50": percentile(latencies, 0.5) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
    }
    log(
        f"  {result['rps']:.1f} req/s, p50 {result['p50']:.1f} ms, "
        f"p95 {result['p95']:.1f} ms"
    )
    return result


# ----------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--odoo-cmd", default="odoo")
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--mosquitto", default="mosquitto")
    parser.add_argument("--tmp-dir", required=True, help="config and persistence")
    parser.add_argument(
        "--mqtt-port", default="auto", help="auto, a port, or a range A-B"
    )
    parser.add_argument("--port", type=int, default=8204, help="Odoo's HTTP port")
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--batch-sizes", default="200,500,1000")
    parser.add_argument(
        "--drain-workers", type=int, default=1, help="workers sharing the drain"
    )
    parser.add_argument("--loss-rate", type=float, default=2000)
    parser.add_argument("--loss-seconds", type=float, default=20)
    parser.add_argument("--loss-batch", type=int, default=500)
    parser.add_argument("--pause", type=float, default=3, help="broker down, seconds")
    parser.add_argument(
        "--late", type=float, default=3, help="worker back after the broker, seconds"
    )
    parser.add_argument("--baseline-requests", type=int, default=200, help="0: none")
    parser.add_argument(
        "--scenarios", default=",".join(SCENARIOS), help=", ".join(SCENARIOS)
    )
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument(
        "--profile", action="store_true", help="py-spy on the worker of the drains"
    )
    parser.add_argument("--log-dir", default="/tmp/cw_bench_logs")
    parser.add_argument("--json")
    args = parser.parse_args()
    if not 1 <= args.count <= 60000 or int(args.loss_rate * args.loss_seconds) > 60000:
        # the simulator's MQTT message ids wrap at 65,535
        parser.error("at most 60,000 readings per run")
    return args


def main():
    args = parse_args()
    scenarios = set(args.scenarios.split(","))

    def interrupted(signum, frame):
        log(f"Interrupted (signal {signum}): stopping what the benchmark started")
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)
    processes = Processes(args.tmp_dir)
    port = free_port(args.mqtt_port)
    broker = Broker(
        args.mosquitto,
        args.tmp_dir,
        port,
        processes,
        Path(args.log_dir) / "iot_mosquitto.log",
    )
    (Path(args.log_dir) / "iot_mosquitto.log").unlink(missing_ok=True)
    ctx = SimpleNamespace(
        args=args,
        port=port,
        broker=broker,
        processes=processes,
        commands=Commands(
            args.odoo_cmd.split(),
            args.addons_path,
            args.database,
            port,
            processes,
            args.log_dir,
        ),
        readings=Readings(args.database),
        observer=Observer(port),
        failures=[],
    )
    figures = {"mqtt_port": port, "cores": os.cpu_count()}
    log(f"mosquitto on 127.0.0.1:{port}, config {broker.config}")
    autovacuum = ctx.readings.one("SHOW autovacuum")
    figures["autovacuum"] = autovacuum
    log(
        f"PostgreSQL autovacuum: {autovacuum}; the ingestion's tables are vacuumed "
        "before each worker run"
    )
    try:
        broker.start()
        ctx.observer.start()
        # each worker run follows a ceiling run of its own: on a shared
        # machine, the ratio compares runs made under the same load
        sizes = [int(size) for size in args.batch_sizes.split(",")]
        figures["ceiling"], figures["e2e"] = [], []
        for size in sizes if "live" in scenarios else []:
            result = ceiling(ctx, f" (before batch {size})")
            figures["ceiling"].append(result)
            figures["e2e"].append(end_to_end(ctx, size, (result or {}).get("rate")))
        figures["drain_ceiling"], figures["drain"] = [], []
        for size in sizes if "drain" in scenarios else []:
            result = drain_ceiling(ctx)
            figures["drain_ceiling"].append(result)
            figures["drain"].append(drain(ctx, size, (result or {}).get("rate")))
        for kind in LOSS_KINDS:
            if kind in scenarios:
                figures[f"loss_{kind}"] = loss(ctx, kind)
        ctx.observer.close()
        broker.stop()
        if "baseline" in scenarios and args.baseline_requests:
            figures["baseline"] = baseline(ctx)
    finally:
        processes.stop_all()
    summary(ctx, figures)
    figures["failures"] = ctx.failures
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, default=str))
    return 1 if ctx.failures else 0


def summary(ctx, figures):
    log()
    log("== summary ==")
    base = figures.get("baseline")
    for title, key, ceiling_key in (
        ("live", "e2e", "ceiling"),
        ("drain", "drain", "drain_ceiling"),
    ):
        ceilings = [run["rate"] for run in figures.get(ceiling_key) or [] if run]
        if ceilings:
            log(
                f"{title} ceiling (no-op subscriber): "
                + ", ".join(f"{rate:,.0f}" for rate in ceilings)
                + f" readings/s (median {statistics.median(ceilings):,.0f})"
            )
        for run in figures.get(key) or []:
            if run.get("rate"):
                log(
                    f"{title} worker, batch {run['batch_size']:>5}: "
                    f"{run['rate']:,.0f} readings/s"
                    + (
                        f" = {run['ratio']:.2f} x the ceiling measured before it"
                        if run.get("ratio")
                        else ""
                    )
                    + (
                        f" = {run['rate'] / base['rps']:.0f} x version_info's req/s"
                        if base
                        else ""
                    )
                )
    if base:
        rps, p50 = base["rps"], base["p50"]
        log(f"version_info, one client: {rps:.1f} req/s, p50 {p50:.1f} ms")
    for kind in LOSS_KINDS:
        run = figures.get(f"loss_{kind}")
        if run:
            checks = run["checks"]
            log(
                f"loss, {kind}: {run['published']} published, {run['acknowledged']} "
                f"acknowledged, {checks.get('rows')} stored, duplicates "
                f"{checks.get('duplicates')}, LOSS {checks.get('loss')}"
            )
    for failure in ctx.failures:
        log(f"FAILED: {failure}")


if __name__ == "__main__":
    sys.exit(main())
