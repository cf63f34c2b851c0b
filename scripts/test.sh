#!/usr/bin/env bash
# Run the whole test suite on a fresh database:
#   1. install every suite addon with its demo data and run its tests;
#   2. update the Odoo apps the suite extends and run their own tests, with the
#      suite installed, so that a change here that breaks Odoo is caught.
# Fails on any failed, errored or skipped browser test, on an ERROR in the log,
# and on a WARNING of a suite addon. Ends with the line `N passed, N failed`.
# Environment: COWORKING_TEST_DB (default: coworking_test_<pid>), KEEP_DB=1 to
# keep the database, UPSTREAM_TAGS to change the Odoo suites of step 2
# (empty: skip step 2).
set -uo pipefail
source "$(dirname "$0")/common.sh"
DIE_SUMMARY=1

find_odoo
check_postgres
install_requirements
pip_install -r "$REPO_ROOT/tests/requirements.txt" ||
  die "Could not install tests/requirements.txt into $ODOO_PYTHON."

# Browser tours need Chromium; Odoo would silently skip them without it.
if ! command -v chromium >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1 \
  && ! command -v chromium-browser >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests..."
    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium) \
      >/dev/null || die "apt-get could not install chromium."
  else
    die "Chromium is missing: the browser tours need it. Install it (Debian: apt-get
install chromium) and run again."
  fi
fi

DB=${COWORKING_TEST_DB:-coworking_test_$$}
ADDONS=$(suite_addons)
ADDONS_PATH=$(odoo_addons_path)
# Installed with the suite, not tested here: Odoo's demo payment provider, which
# the booking tests pay with (as Odoo's own payment tests do).
TEST_ADDONS=${TEST_ADDONS-payment_demo}
# The Odoo apps the suite extends: resource, product, maintenance (coworking_base);
# sale, crm, payment, portal (coworking_booking).
UPSTREAM_MODULES=${UPSTREAM_MODULES-resource,product,maintenance,sale,crm,payment,portal}
UPSTREAM_TAGS=${UPSTREAM_TAGS-/resource,/product,/maintenance,/sale,/crm,/payment,/portal}
LOG_DIR=${LOG_DIR:-$REPO_ROOT/.ci/logs}
mkdir -p "$LOG_DIR"
rm -f "$LOG_DIR"/*.log

SUITE_TAGS=$(echo "$ADDONS" | sed 's/\(^\|,\)/\1\//g')
# Tests that fail on a stock database too are left out, each with its reason.
KNOWN_FAILURES=$(grep -v '^\s*#' "$REPO_ROOT/tests/upstream_known_failures.txt" |
  awk 'NF {printf ",-%s", $1}')
COMMON=(-c "$REPO_ROOT/odoo.conf" --addons-path="$ADDONS_PATH" -d "$DB"
  --db-filter="^$DB\$" --test-enable --stop-after-init --http-port="${TEST_HTTP_PORT:-8169}"
  --max-cron-threads=0 --log-level=info)

dropdb_quiet() {
  "$ODOO_PYTHON" - "$1" <<'PY'
import sys, psycopg2
conn = psycopg2.connect(dbname="postgres")
conn.autocommit = True
with conn.cursor() as cr:
    cr.execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % sys.argv[1].replace('"', ''))
PY
}
dropdb_quiet "$DB"
if [ "${KEEP_DB:-0}" != 1 ]; then
  trap 'dropdb_quiet "$DB"; rm -rf "${HOME}/.local/share/Odoo/filestore/$DB"' EXIT
fi

status=0
echo "== 1/2 Suite addons ($ADDONS) on a fresh database $DB"
"${ODOO_CMD[@]}" "${COMMON[@]}" -i "$ADDONS${TEST_ADDONS:+,$TEST_ADDONS}" \
  --test-tags "$SUITE_TAGS" \
  >"$LOG_DIR/1-suite.log" 2>&1 || status=1
"$ODOO_PYTHON" "$REPO_ROOT/tests/odoo_test_summary.py" --title "suite" "$LOG_DIR/1-suite.log"

if [ -n "$UPSTREAM_TAGS" ]; then
  echo "== 2/2 Odoo's own tests of the apps the suite extends ($UPSTREAM_TAGS)"
  "${ODOO_CMD[@]}" "${COMMON[@]}" -u "$UPSTREAM_MODULES" \
    --test-tags "$UPSTREAM_TAGS$KNOWN_FAILURES" \
    >"$LOG_DIR/2-upstream.log" 2>&1 || status=1
  "$ODOO_PYTHON" "$REPO_ROOT/tests/odoo_test_summary.py" --title "upstream" \
    "$LOG_DIR/2-upstream.log"
fi

echo "== Total (logs in $LOG_DIR)"
"$ODOO_PYTHON" "$REPO_ROOT/tests/odoo_test_summary.py" --exit-status "$status" \
  "$LOG_DIR"/*.log
