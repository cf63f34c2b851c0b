#!/usr/bin/env bash
# Start coworking_iot's ingestion worker (the `odoo coworking-iot` command) on
# the database $1 (default: coworking, or $COWORKING_DB); the other arguments go
# to the command (see `scripts/iot_worker.sh coworking --help`). The broker is the
# database's IoT settings unless --mqtt-host/--mqtt-port say otherwise ($MQTT_HOST
# and $MQTT_PORT do too). Run one per worker, each with its own --client-id kept
# across restarts; they share the messages through their --group.
set -euo pipefail
source "$(dirname "$0")/common.sh"

DB=${1:-${COWORKING_DB:-coworking}}
find_odoo
check_postgres
install_requirements
BROKER=()
[ -n "${MQTT_HOST:-}" ] && BROKER+=(--mqtt-host "$MQTT_HOST")
[ -n "${MQTT_PORT:-}" ] && BROKER+=(--mqtt-port "$MQTT_PORT")
# Odoo finds an addon's commands when the addons path comes first.
exec "${ODOO_CMD[@]}" --addons-path="$(odoo_addons_path)" coworking-iot \
  "${BROKER[@]}" "${@:2}" -c "$REPO_ROOT/odoo.conf" -d "$DB" --db-filter="^$DB\$"
