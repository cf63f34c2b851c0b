#!/usr/bin/env bash
# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
#
# Badge scanners at the doors of an event of 5,000 participants, over HTTP
# (see bench/README.md, "Scans at the doors of an event").
#   bench/scan/run.sh
# Odoo 18.0 is taken as installed (the `odoo` command, ODOO_BIN, or an `odoo`
# importable by ODOO_PYTHON); this script never downloads or builds it.
#
# Environment:
#   BENCH_DB_PREFIX    databases <prefix>_tmpl and <prefix>_run (cw_bench_scan)
#   BENCH_TEMPLATE_DB  database to start from (cw_tmpl if it exists, else a
#                      fresh install without demo data)
#   BENCH_PORT         HTTP port of the server (8204)
#   BENCH_GEVENT_PORT  its gevent (websocket) port (BENCH_PORT + 1)
#   BENCH_SCAN_WORKERS / BENCH_SCAN_SCANNERS / BENCH_SCAN_PARTICIPANTS /
#   BENCH_SCAN_SCANS / BENCH_SCAN_PAIRS
#                      server workers, scanner clients, participants, scans
#                      sent by the scanners, nonce pairs sent at once
#                      (4 / 10 / 5000 / 2000 / 200)
#   BENCH_LOG_DIR      server and install logs (/tmp/cw_bench_logs)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# find_odoo, check_postgres, die: the suite's own helpers
source "$HERE/../../scripts/common.sh"

find_odoo
check_postgres

PREFIX=${BENCH_DB_PREFIX:-cw_bench_scan}
source "$HERE/../lib.sh"

started=$(date +%s)
prepare_databases coworking_event_badges scan_install
echo "  ready in $(($(date +%s) - started)) s"
echo
echo "=== ${BENCH_SCAN_SCANNERS:-10} scanners at the doors of an event of ${BENCH_SCAN_PARTICIPANTS:-5000} participants ==="
"$ODOO_PYTHON" "$HERE/bench_scan.py" -d "$RUN" \
  --odoo-cmd "${ODOO_CMD[*]}" --port "$PORT" \
  --gevent-port "${BENCH_GEVENT_PORT:-$((PORT + 1))}" \
  --workers "${BENCH_SCAN_WORKERS:-4}" --scanners "${BENCH_SCAN_SCANNERS:-10}" \
  --participants "${BENCH_SCAN_PARTICIPANTS:-5000}" --scans "${BENCH_SCAN_SCANS:-2000}" \
  --pairs "${BENCH_SCAN_PAIRS:-200}" \
  --log-dir "$LOG_DIR" --json "$LOG_DIR/scan_figures.json"
status=$?
echo
echo "Total: $(($(date +%s) - started)) s; logs in $LOG_DIR"
exit $status
