#!/usr/bin/env bash
# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
#
# MQTT sensors to readings: the ingestion worker against the broker's ceiling,
# and the loss across a broker restart and a killed worker (see
# bench/README.md, "IoT ingestion").
#   bench/iot/run.sh
# Odoo 18.0 is taken as installed (the `odoo` command, ODOO_BIN, or an `odoo`
# importable by ODOO_PYTHON); this script never downloads or builds it. It
# starts a mosquitto of its own (Debian package `mosquitto`) on a free port,
# with a configuration and a persistence file in a temporary folder removed
# on exit.
#
# Environment:
#   BENCH_DB_PREFIX    databases <prefix>_tmpl and <prefix>_run (cw_bench_iot)
#   BENCH_TEMPLATE_DB  database to start from (cw_tmpl if it exists, else a
#                      fresh install without demo data)
#   BENCH_PORT         HTTP port of the baseline's Odoo server (8204)
#   BENCH_MQTT_PORT    mosquitto's port: auto (a free one), N, or a range A-B
#   MOSQUITTO          the mosquitto executable (found on PATH or /usr/sbin)
#   BENCH_IOT_COUNT / BENCH_IOT_DEVICES / BENCH_IOT_BATCHES
#                      readings per run, simulated devices, worker batch sizes
#                      (20000 / 200 / 200,500,1000)
#   BENCH_IOT_LOSS_RATE / BENCH_IOT_LOSS_SECONDS / BENCH_IOT_LOSS_BATCH
#                      the loss runs: readings per second, seconds, batch size
#                      (2000 / 20 / 500)
#   BENCH_IOT_DRAIN_WORKERS  workers sharing the drains (1; more: a shared
#                      subscription's group)
#   BENCH_IOT_SCENARIOS  live,drain,broker,worker,broker-late,
#                      broker-shared-late,baseline (all; see bench/README.md)
#   BENCH_IOT_PROFILE  1: py-spy on the worker during the drains
#   BENCH_LOG_DIR      worker, simulator, broker and install logs (/tmp/cw_bench_logs)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# find_odoo, check_postgres, die: the suite's own helpers
source "$HERE/../../scripts/common.sh"

find_odoo
check_postgres

MOSQUITTO=${MOSQUITTO:-$(command -v mosquitto || true)}
if [ -z "$MOSQUITTO" ] && [ -x /usr/sbin/mosquitto ]; then
  MOSQUITTO=/usr/sbin/mosquitto
fi
[ -n "$MOSQUITTO" ] && [ -x "$MOSQUITTO" ] ||
  die "mosquitto is not installed (the MQTT broker this benchmark starts for
itself): install the Debian package 'mosquitto' (apt-get install mosquitto; its
service need not run), or set MOSQUITTO=/path/to/mosquitto."
"$ODOO_PYTHON" -c "import paho.mqtt" 2>/dev/null ||
  die "paho-mqtt is missing in $ODOO_PYTHON (coworking_iot needs it):
$ODOO_PYTHON -m pip install 'paho-mqtt>=2'"

PREFIX=${BENCH_DB_PREFIX:-cw_bench_iot}
source "$HERE/../lib.sh"

TMP_DIR=$(mktemp -d "${TMPDIR:-/tmp}/cw_bench_iot.XXXXXX") || die "No temporary folder."
cleanup() {
  # the processes the benchmark started and left (it stops them itself
  # unless it was killed): their pids are the files of $TMP_DIR/pids
  local file
  for file in "$TMP_DIR"/pids/*; do
    [ -e "$file" ] && kill "$(basename "$file")" 2>/dev/null
  done
  rm -rf "$TMP_DIR"
}
BENCH_PID=
interrupted() {
  # the benchmark runs in the background so that a signal reaches this
  # script at once: it is passed on, and the benchmark stops what it started
  if [ -n "$BENCH_PID" ]; then
    kill -TERM "$BENCH_PID" 2>/dev/null
    wait "$BENCH_PID"
  fi
  exit "$1"
}
trap cleanup EXIT
trap 'interrupted 130' INT
trap 'interrupted 143' TERM

started=$(date +%s)
prepare_databases coworking_iot iot_install
echo "  ready in $(($(date +%s) - started)) s"
echo
PROFILE=()
[ "${BENCH_IOT_PROFILE:-0}" != 0 ] && PROFILE=(--profile)
"$ODOO_PYTHON" "$HERE/bench_iot.py" -d "$RUN" \
  --odoo-cmd "${ODOO_CMD[*]}" --addons-path "$ADDONS_PATH" \
  --mosquitto "$MOSQUITTO" --tmp-dir "$TMP_DIR" \
  --mqtt-port "${BENCH_MQTT_PORT:-auto}" --port "$PORT" \
  --count "${BENCH_IOT_COUNT:-20000}" --devices "${BENCH_IOT_DEVICES:-200}" \
  --batch-sizes "${BENCH_IOT_BATCHES:-200,500,1000}" \
  --loss-rate "${BENCH_IOT_LOSS_RATE:-2000}" \
  --loss-seconds "${BENCH_IOT_LOSS_SECONDS:-20}" \
  --loss-batch "${BENCH_IOT_LOSS_BATCH:-500}" \
  --drain-workers "${BENCH_IOT_DRAIN_WORKERS:-1}" \
  --scenarios "${BENCH_IOT_SCENARIOS:-live,drain,broker,worker,broker-late,broker-shared-late,baseline}" \
  "${PROFILE[@]}" \
  --log-dir "$LOG_DIR" --json "$LOG_DIR/iot_figures.json" &
BENCH_PID=$!
wait "$BENCH_PID"
status=$?
BENCH_PID=
echo
echo "Total: $(($(date +%s) - started)) s; logs in $LOG_DIR"
exit $status
