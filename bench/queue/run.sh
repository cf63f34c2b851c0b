#!/usr/bin/env bash
# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
#
# Agents calling next at once on a queue of 1,000 waiting tickets, over HTTP
# (see bench/README.md, "Benchmark of coworking_queue").
#   bench/queue/run.sh
# Odoo 18.0 is taken as installed (the `odoo` command, ODOO_BIN, or an `odoo`
# importable by ODOO_PYTHON); this script never downloads or builds it.
#
# Environment:
#   BENCH_DB_PREFIX    databases <prefix>_tmpl and <prefix>_run (cw_bench_queue)
#   BENCH_TEMPLATE_DB  database to start from (cw_tmpl if it exists, else a
#                      fresh install without demo data)
#   BENCH_PORT         HTTP port of the server (8204; the next one is its gevent port)
#   BENCH_QUEUE_WORKERS / BENCH_QUEUE_AGENTS / BENCH_QUEUE_WAITING / BENCH_QUEUE_CALLS
#                      server workers, agents (each with a counter), waiting
#                      tickets, call-next requests in all (4 / 10 / 1000 / 300)
#   BENCH_LOG_DIR      server and install logs (/tmp/cw_bench_logs)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# find_odoo, check_postgres, die: the suite's own helpers
source "$HERE/../../scripts/common.sh"

find_odoo
check_postgres

PREFIX=${BENCH_DB_PREFIX:-cw_bench_queue}
source "$HERE/../lib.sh"

started=$(date +%s)
prepare_databases coworking_queue queue_install
echo "  ready in $(($(date +%s) - started)) s"
echo
echo "=== ${BENCH_QUEUE_AGENTS:-10} agents calling next at once, ${BENCH_QUEUE_WAITING:-1000} waiting ==="
"$ODOO_PYTHON" "$HERE/bench_queue.py" -d "$RUN" \
  --odoo-cmd "${ODOO_CMD[*]}" --port "$PORT" \
  --workers "${BENCH_QUEUE_WORKERS:-4}" --agents "${BENCH_QUEUE_AGENTS:-10}" \
  --waiting "${BENCH_QUEUE_WAITING:-1000}" --calls "${BENCH_QUEUE_CALLS:-300}" \
  --log-dir "$LOG_DIR" --json "$LOG_DIR/queue_figures.json"
status=$?
echo
echo "Total: $(($(date +%s) - started)) s; logs in $LOG_DIR"
exit $status
