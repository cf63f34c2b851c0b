#!/usr/bin/env bash
# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
#
# Speed and concurrency benchmarks of coworking_booking (see bench/README.md).
#   bench/booking/run.sh [all|slots|http|cost]
# Odoo 18.0 is taken as installed (the `odoo` command, ODOO_BIN, or an `odoo`
# importable by ODOO_PYTHON); this script never downloads or builds it.
# The free-slot benchmark also needs OCA resource_booking (bench/requirements.txt).
#
# Environment:
#   BENCH_DB_PREFIX   databases are <prefix>_tmpl, _slots, _http (cw_bench)
#   BENCH_TEMPLATE_DB database with coworking_booking to start from (cw_tmpl if it
#                     exists; else a fresh install without demo data)
#   BENCH_PORT        HTTP port of the server started by the HTTP bench (8204;
#                     the next port is its gevent port)
#   BENCH_MODES       server modes: threaded,workers2
#   BENCH_REPS / BENCH_RB_REPS   repetitions of the free-slot timings (5 / 3)
#   BENCH_CLIENTS / BENCH_REQUESTS   HTTP clients and requests per series (20 / 400)
#   BENCH_LOG_DIR     server and install logs (/tmp/cw_bench_logs)
#   BENCH_COST_WORKERS / BENCH_COST_REPS / BENCH_COST_SERIES   cost per request
#                     kind: server workers, timed requests per kind, client
#                     counts of the concurrency series (4 / 40 / 20,50)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# find_odoo, check_postgres, die: the suite's own helpers
source "$HERE/../../scripts/common.sh"

WHAT=${1:-all}
case "$WHAT" in all | slots | http | cost) ;; *) die "usage: $0 [all|slots|http|cost]" ;; esac

find_odoo
check_postgres

PREFIX=${BENCH_DB_PREFIX:-cw_bench}

source "$HERE/../lib.sh"

has_addon() {
  local dir
  IFS=',' read -ra dirs <<<"$ADDONS_PATH"
  for dir in "${dirs[@]}"; do
    [ -f "$dir/$1/__manifest__.py" ] && return 0
  done
  return 1
}
has_addon coworking_booking || die "coworking_booking is not in the addons path $ADDONS_PATH."
MODULES=coworking_booking
if [ "$WHAT" = all ] || [ "$WHAT" = slots ]; then
  has_addon resource_booking || die "OCA resource_booking (18.0) is missing: the free-slot
benchmark compares against it. Install it into Odoo's Python:
  $ODOO_PYTHON -m pip install -r $HERE/../requirements.txt
or run only the HTTP benchmark: $0 http"
  MODULES=coworking_booking,resource_booking
fi

# 1. A template database with coworking_booking (and resource_booking), rebuilt
#    each run so that it matches the code.
started=$(date +%s)
TMPL=${PREFIX}_tmpl
SOURCE=${BENCH_TEMPLATE_DB:-cw_tmpl}
db drop "${PREFIX}_slots"
db drop "${PREFIX}_http"
db drop "${PREFIX}_cost"
db drop "$TMPL"
if db exists "$SOURCE"; then
  echo "Preparing $TMPL from $SOURCE (+ $MODULES, updated to the current code)..."
  db copy "$SOURCE" "$TMPL" || die "Could not copy $SOURCE (is it in use?)."
  copy_filestore "$SOURCE" "$TMPL"
  odoo_init "$TMPL" install -i "$MODULES" -u coworking_booking,coworking_membership
else
  echo "Preparing $TMPL: fresh install of $MODULES without demo data..."
  odoo_init "$TMPL" install -i "$MODULES" --without-demo=all
fi
echo "  ready in $(($(date +%s) - started)) s"

status=0
if [ "$WHAT" = all ] || [ "$WHAT" = slots ]; then
  echo
  echo "=== Free slots: coworking_booking vs resource_booking ==="
  db copy "$TMPL" "${PREFIX}_slots" || die "Could not create ${PREFIX}_slots."
  copy_filestore "$TMPL" "${PREFIX}_slots"
  "$ODOO_PYTHON" "$HERE/bench_slots.py" -d "${PREFIX}_slots" \
    --reps "${BENCH_REPS:-5}" --rb-reps "${BENCH_RB_REPS:-3}" || status=1
fi
if [ "$WHAT" = all ] || [ "$WHAT" = http ]; then
  echo
  echo "=== Concurrent HTTP clients: POST /coworking/api/booking/create ==="
  db copy "$TMPL" "${PREFIX}_http" || die "Could not create ${PREFIX}_http."
  copy_filestore "$TMPL" "${PREFIX}_http"
  "$ODOO_PYTHON" "$HERE/bench_http.py" -d "${PREFIX}_http" \
    --odoo-cmd "${ODOO_CMD[*]}" --port "$PORT" \
    --modes "${BENCH_MODES:-threaded,workers2}" \
    --clients "${BENCH_CLIENTS:-20}" --requests "${BENCH_REQUESTS:-400}" \
    --log-dir "$LOG_DIR" || status=1
fi
if [ "$WHAT" = all ] || [ "$WHAT" = cost ]; then
  echo
  echo "=== Cost per request kind, as a ratio to /web/webclient/version_info ==="
  db copy "$TMPL" "${PREFIX}_cost" || die "Could not create ${PREFIX}_cost."
  copy_filestore "$TMPL" "${PREFIX}_cost"
  "$ODOO_PYTHON" "$HERE/bench_cost.py" -d "${PREFIX}_cost" \
    --odoo-cmd "${ODOO_CMD[*]}" --port "$PORT" \
    --workers "${BENCH_COST_WORKERS:-4}" --reps "${BENCH_COST_REPS:-40}" \
    --series "${BENCH_COST_SERIES:-20,50}" --log-dir "$LOG_DIR" || status=1
fi
echo
echo "Total: $(($(date +%s) - started)) s; logs in $LOG_DIR"
exit $status
