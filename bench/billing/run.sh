#!/usr/bin/env bash
# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
#
# The monthly billing run of coworking_billing for many members, against
# subscription_oca's own cron in the same run (see bench/README.md).
#   bench/billing/run.sh
# Odoo 18.0 is taken as installed (the `odoo` command, ODOO_BIN, or an `odoo`
# importable by ODOO_PYTHON); this script never downloads or builds it.
#
# Environment:
#   BENCH_DB_PREFIX   databases <prefix>_tmpl, _oca, _coworking, _coworkingpost (cw_bill)
#   BENCH_MEMBERS     members (2000)
#   BENCH_BATCH       members invoiced per batch of the run (100)
#   BENCH_LOG_DIR     install logs (/tmp/cw_bench_logs)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/../../scripts/common.sh"

find_odoo
check_postgres

PREFIX=${BENCH_DB_PREFIX:-cw_bill}
MEMBERS=${BENCH_MEMBERS:-2000}
BATCH=${BENCH_BATCH:-100}
source "$HERE/../lib.sh"

started=$(date +%s)
TMPL=${PREFIX}_tmpl
for name in "$TMPL" "${PREFIX}_oca" "${PREFIX}_coworking" "${PREFIX}_coworkingpost"; do db drop "$name"; done
echo "Preparing $TMPL: coworking_billing without demo data, $MEMBERS members and a month of usage..."
"${ODOO_CMD[@]}" -d "$TMPL" --addons-path="$ADDONS_PATH" --db-filter="^$TMPL\$" \
  --max-cron-threads=0 --stop-after-init --log-level=warn --http-port=8206 \
  -i coworking_billing --without-demo=all >"$LOG_DIR/billing_install.log" 2>&1 ||
  die "Odoo failed to install coworking_billing; see $LOG_DIR/billing_install.log"
"$ODOO_PYTHON" "$HERE/bench_billing.py" setup -d "$TMPL" --members "$MEMBERS" ||
  die "The setup failed."
echo "  ready in $(($(date +%s) - started)) s"

status=0
results=()
for step in oca coworking coworking-post; do
  target=${PREFIX}_${step//-/}
  db copy "$TMPL" "$target" || die "Could not create $target."
  args=("${step%-post}" -d "$target" --batch "$BATCH")
  [ "$step" = coworking-post ] && args+=(--post)
  echo "== $step"
  line=$("$ODOO_PYTHON" "$HERE/bench_billing.py" "${args[@]}" | tail -n 1) || status=1
  echo "  $line"
  results+=("$line")
done

"$ODOO_PYTHON" - "${results[@]}" <<'PY'
import json, sys

runs = {r["what"]: r for r in map(json.loads, sys.argv[1:])}
oca, cw = runs["oca"], runs["coworking"]
print()
print(f"{'':24}{'invoices':>9}{'lines':>8}{'seconds':>9}{'inv/s':>8}{'queries/inv':>13}{'max RSS MB':>12}{'growth MB':>11}")
for what, r in runs.items():
    print(
        f"{what:24}{r['invoices']:>9}{r['lines']:>8}{r['seconds']:>9.1f}"
        f"{r['invoices'] / r['seconds']:>8.1f}{r['queries'] / max(r['invoices'], 1):>13.1f}"
        f"{r['rss_mb']:>12.0f}{r['rss_growth_mb']:>11.0f}"
    )
print()
print(
    f"coworking run vs subscription_oca cron: {(cw['invoices'] / cw['seconds']) / (oca['invoices'] / oca['seconds']):.2f} x the invoices per second, "
    f"{(cw['queries'] / cw['invoices']) / (oca['queries'] / oca['invoices']):.2f} x the queries per invoice, "
    f"{cw['lines'] / max(cw['invoices'], 1):.1f} vs {oca['lines'] / max(oca['invoices'], 1):.1f} lines per invoice"
)
if cw.get("failed"):
    print(f"FAILED: {cw['failed']} members not invoiced")
    sys.exit(1)
PY
[ $? -eq 0 ] || status=1
echo "Total: $(($(date +%s) - started)) s"
exit $status
