#!/usr/bin/env bash
# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
#
# coworking_iot's compact history: a year of hourly figures of 200 devices
# (1.75 million rows) and the screens that read it, over HTTP, against
# version_info (see bench/README.md, "A year of sensor history").
#   bench/history/run.sh
# Odoo 18.0 is taken as installed (the `odoo` command, ODOO_BIN, or an `odoo`
# importable by ODOO_PYTHON); this script never downloads or builds it.
#
# Environment:
#   BENCH_DB_PREFIX    databases <prefix>_tmpl and <prefix>_run (cw_bench_history)
#   BENCH_TEMPLATE_DB  database to start from (cw_tmpl if it exists, else a
#                      fresh install with demo data)
#   BENCH_PORT         HTTP port of the server (8204)
#   BENCH_HISTORY_DEVICES / BENCH_HISTORY_DAYS / BENCH_HISTORY_REPEAT
#                      devices, days of history, calls per measure (200 / 365 / 15)
#   BENCH_LOG_DIR      server and install logs (/tmp/cw_bench_logs)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/../../scripts/common.sh"

find_odoo
check_postgres

PREFIX=${BENCH_DB_PREFIX:-cw_bench_history}
source "$HERE/../lib.sh"

started=$(date +%s)
prepare_databases coworking_iot history_install demo
echo "  ready in $(($(date +%s) - started)) s"
echo
"$ODOO_PYTHON" "$HERE/bench_history.py" -d "$RUN" \
  --odoo-cmd "${ODOO_CMD[*]}" --port "$PORT" \
  --devices "${BENCH_HISTORY_DEVICES:-200}" --days "${BENCH_HISTORY_DAYS:-365}" \
  --repeat "${BENCH_HISTORY_REPEAT:-15}" --log-dir "$LOG_DIR"
status=$?
db drop "$RUN"
echo
echo "Total: $(($(date +%s) - started)) s; logs in $LOG_DIR"
exit $status
