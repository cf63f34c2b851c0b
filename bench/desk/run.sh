#!/usr/bin/env bash
# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
#
# Cashier's desks of an event over HTTP: sales through the Point of Sale's
# sync_from_ui against version_info, the QR search, and the last seats sold
# by desks and the website at once (see bench/README.md, "Cashier's desks").
#   bench/desk/run.sh
# Odoo 18.0 is taken as installed (the `odoo` command, ODOO_BIN, or an `odoo`
# importable by ODOO_PYTHON); this script never downloads or builds it.
#
# Environment:
#   BENCH_DB_PREFIX    databases <prefix>_tmpl and <prefix>_run (cw_bench_desk)
#   BENCH_TEMPLATE_DB  database to start from (cw_pos_tmpl, else cw_tmpl if it
#                      exists, else a fresh install without demo data)
#   BENCH_PORT         HTTP port of the server (8204)
#   BENCH_GEVENT_PORT  its gevent (websocket) port (BENCH_PORT + 1)
#   BENCH_DESK_WORKERS / BENCH_DESK_DESKS / BENCH_DESK_SALES / BENCH_DESK_RACES /
#   BENCH_DESK_TRIES / BENCH_DESK_SEATS_LEFT
#                      server workers, desks at once, sales per series, the
#                      races (desks:website clients, comma-separated),
#                      attempts per client in a race, seats left in a race
#                      (4 / 4 / 200 / 10:0,8:2 / 20 / 50)
#   BENCH_LOG_DIR      server and install logs (/tmp/cw_bench_logs)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# find_odoo, check_postgres, die: the suite's own helpers
source "$HERE/../../scripts/common.sh"

find_odoo
check_postgres

PREFIX=${BENCH_DB_PREFIX:-cw_bench_desk}
source "$HERE/../lib.sh"

started=$(date +%s)
TMPL=${PREFIX}_tmpl
RUN=${PREFIX}_run
SOURCE=${BENCH_TEMPLATE_DB:-}
if [ -z "$SOURCE" ]; then
  SOURCE=cw_pos_tmpl
  db exists "$SOURCE" || SOURCE=cw_tmpl
fi
db drop "$RUN"
db drop "$TMPL"
if db exists "$SOURCE"; then
  echo "Preparing $TMPL from $SOURCE (+ coworking_event_pos, current code)..."
  db copy "$SOURCE" "$TMPL" || die "Could not copy $SOURCE (is it in use?)."
  copy_filestore "$SOURCE" "$TMPL"
  odoo_init "$TMPL" desk_install -i coworking_event_pos \
    -u coworking_event_badges,coworking_event_pos
else
  echo "Preparing $TMPL: fresh install of coworking_event_pos without demo data..."
  odoo_init "$TMPL" desk_install -i coworking_event_pos --without-demo=all
fi
db copy "$TMPL" "$RUN" || die "Could not create $RUN."
copy_filestore "$TMPL" "$RUN"
echo "  ready in $(($(date +%s) - started)) s"
echo
echo "=== cashier's desks: ${BENCH_DESK_DESKS:-4} desks at once, races ${BENCH_DESK_RACES:-10:0,8:2} ==="
"$ODOO_PYTHON" "$HERE/bench_desk.py" -d "$RUN" \
  --odoo-cmd "${ODOO_CMD[*]}" --port "$PORT" \
  --gevent-port "${BENCH_GEVENT_PORT:-$((PORT + 1))}" \
  --workers "${BENCH_DESK_WORKERS:-4}" --desks "${BENCH_DESK_DESKS:-4}" \
  --sales "${BENCH_DESK_SALES:-200}" --races "${BENCH_DESK_RACES:-10:0,8:2}" \
  --tries "${BENCH_DESK_TRIES:-20}" --seats-left "${BENCH_DESK_SEATS_LEFT:-50}" \
  --log-dir "$LOG_DIR" --json "$LOG_DIR/desk_figures.json"
status=$?
echo
echo "Total: $(($(date +%s) - started)) s; logs in $LOG_DIR"
exit $status
