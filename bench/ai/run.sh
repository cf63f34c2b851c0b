#!/usr/bin/env bash
# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
#
# coworking_ai (see bench/README.md, "Forecasting, maintenance and the
# assistant"):
#   - the demand forecast on two years of synthetic history over 50 spaces:
#     training time, memory, error against the seasonal-naive baseline;
#   - predictive maintenance against Odoo's MTBF estimate on a synthetic fleet;
#   - the assistant: intent accuracy on the held-out phrases (FR, EN) and its
#     reply time against a plain Discuss message post.
#   bench/ai/run.sh
# Odoo 18.0 is taken as installed (the `odoo` command, ODOO_BIN, or an `odoo`
# importable by ODOO_PYTHON); this script never downloads or builds it.
#
# Environment:
#   BENCH_DB_PREFIX    databases <prefix>_tmpl and <prefix>_run (cw_bench_ai)
#   BENCH_TEMPLATE_DB  database to start from (cw_tmpl if it exists, else a
#                      fresh install with demo data)
#   BENCH_PORT         HTTP port of the server (8204)
#   BENCH_AI_SPACES / BENCH_AI_DAYS  spaces and days of history (50 / 730)
#   BENCH_AI_POSTS     messages timed, to the assistant and plain (40 each)
#   BENCH_LOG_DIR      server and install logs (/tmp/cw_bench_logs)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/../../scripts/common.sh"

find_odoo
check_postgres

PREFIX=${BENCH_DB_PREFIX:-cw_bench_ai}
source "$HERE/../lib.sh"

started=$(date +%s)
prepare_databases coworking_ai ai_install demo
echo "  ready in $(($(date +%s) - started)) s"
status=0
echo
echo "== Demand forecast"
"$ODOO_PYTHON" "$HERE/bench_forecast.py" -d "$RUN" \
  --spaces "${BENCH_AI_SPACES:-50}" --days "${BENCH_AI_DAYS:-730}" || status=1
echo
echo "== Assistant: intents on held-out phrases (FR, EN), reply time in Discuss"
"$ODOO_PYTHON" "$HERE/assistant.py" -d "$RUN" --posts "${BENCH_AI_POSTS:-40}" || status=1
db drop "$RUN"
echo
echo "== Predictive maintenance against Odoo's MTBF estimate (synthetic fleet)"
"$ODOO_PYTHON" "$HERE/maintenance.py" || status=1
echo
echo "Total: $(($(date +%s) - started)) s; logs in $LOG_DIR"
exit $status
