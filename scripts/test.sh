#!/usr/bin/env bash
# Run the whole test suite on a fresh database: install every suite addon with
# its demo data and run its tests, and Odoo's own tests of the apps the suite
# extends, with the suite installed, so that a change here that breaks Odoo is
# caught.
# Fails on any failed, errored or skipped browser test, on a skipped suite test
# not listed in tests/allowed_skips.txt, on a suite addon that ran fewer tests
# than its tests/test_*.py files hold, on an ERROR in the log, on a WARNING of a
# suite addon, and on a failure of the tests of the summary itself
# (tests/test_odoo_test_summary.py). Ends with the line `N passed, N failed`.
# Environment: COWORKING_TEST_DB (default: coworking_test_<pid>), KEEP_DB=1 to
# keep the database, UPSTREAM_TAGS to change Odoo's suites (empty: none),
# EXPECT_ALL_TESTS=0 not to require every suite test to run (default 1; set it
# when narrowing the suite's test tags on purpose).
set -uo pipefail
source "$(dirname "$0")/common.sh"
DIE_SUMMARY=1
SUITE_PREFIX=coworking_

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

# coworking_iot's tests start and restart a Mosquitto broker of their own.
if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Mosquitto for the IoT tests..."
    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q mosquitto) \
      >/dev/null || die "apt-get could not install mosquitto."
  else
    die "Mosquitto is missing: coworking_iot's tests run their own broker. Install it
(Debian: apt-get install mosquitto) and run again."
  fi
fi

DB=${COWORKING_TEST_DB:-coworking_test_$$}
ADDONS=$(suite_addons)
ADDONS_PATH=$(odoo_addons_path)
# Installed with the suite, not tested here: Odoo's demo payment provider, which
# the booking tests pay with (as Odoo's own payment tests do).
TEST_ADDONS=${TEST_ADDONS-payment_demo}
# Odoo's own tests of the apps the suite extends: resource, product, maintenance
# (coworking_base); sale, crm, payment, portal, and the website's crawler over
# every public page (coworking_booking); OCA subscription_oca (coworking_membership);
# account_payment, event_sale and the invoice, payment and sending tests of
# account (coworking_billing); bus, whose channels carry the live queue
# (coworking_queue, and the live occupancy of coworking_iot, whose equipment
# counters feed maintenance); event, website_event, website_event_track and
# website_event_exhibitor (coworking_event_badges); pos_event, pos_event_sale
# and the point_of_sale classes and tours covering what the cashier's desk
# touches: order sync and refunds, payment methods and customer accounts,
# session opening and closing with cash control and its accounting, product
# and category loading, customer search and barcode scanning, the receipt and
# ticket screens (coworking_event_pos; the whole suite of tours would not fit
# the CI's time); mail's tests of Discuss channels and their members, where
# coworking_ai's assistant answers (its pricing is covered by product and sale,
# its maintenance requests by maintenance, its pages by the website's crawler).
UPSTREAM_TAGS=${UPSTREAM_TAGS-/mail:TestChannelInternals,/mail:TestDiscussChannelMember,/bus,/resource,/product,/maintenance,/sale,/crm,/payment,/portal,/website:Crawler,/subscription_oca,/account_payment,/event_sale,/event,/website_event,/website_event_track,/website_event_exhibitor,/account:TestAccountMoveOutInvoiceOnchanges,/account:TestAccountPaymentRegister,/account:TestAccountMoveSend,/account:TestPortalInvoice,/pos_event,/pos_event_sale,/point_of_sale:TestPointOfSale,/point_of_sale:TestPointOfSaleFlow,/point_of_sale:TestPoSBasicConfig,/point_of_sale:TestPosSimpleOrders,/point_of_sale:TestPosSimpleInvoicedOrders,/point_of_sale:TestPoSMultipleReceivableAccounts,/point_of_sale:TestPoSOtherCurrencyConfig,/point_of_sale:TestPoSProductsWithTax,/point_of_sale:TestPoSWithFiscalPosition,/point_of_sale:TestPoSSetup,/point_of_sale:TestReportSession,/point_of_sale:TestReportPoSOrder,/point_of_sale:TestPoSController,/point_of_sale:TestConfigureShops,/point_of_sale:TestUi.test_01_point_of_sale_tour,/point_of_sale:TestUi.test_01_pos_basic_order,/point_of_sale:TestUi.test_02_pos_with_invoiced,/point_of_sale:TestUi.test_06_pos_discount_display_with_multiple_pricelist,/point_of_sale:TestUi.test_receipt_tracking_method,/point_of_sale:TestUi.test_draft_orders_not_syncing,/point_of_sale:TestUi.test_allow_order_modification_after_validation_error,/point_of_sale:TestUi.test_order_and_invoice_amounts,/point_of_sale:TestUi.test_change_without_cash_method,/point_of_sale:TestUi.test_cash_rounding_payment,/point_of_sale:TestUi.test_05_ticket_screen,/point_of_sale:TestUi.test_refund_few_quantities,/point_of_sale:TestUi.test_refund_order_with_fp_tax_included,/point_of_sale:TestUi.test_lot_refund,/point_of_sale:TestUi.test_pos_closing_cash_details,/point_of_sale:TestUi.test_cash_payments_should_reflect_on_next_opening,/point_of_sale:TestUi.test_autofill_cash_count,/point_of_sale:TestUi.test_tracking_number_closing_session,/point_of_sale:TestUi.test_chrome_without_cash_move_permission,/point_of_sale:TestUi.test_limited_product_pricelist_loading,/point_of_sale:TestUi.test_limited_categories,/point_of_sale:TestUi.test_product_search,/point_of_sale:TestUi.test_product_search_2,/point_of_sale:TestUi.test_customer_search_more,/point_of_sale:TestUi.test_customer_all_fields_displayed,/point_of_sale:TestUi.test_res_partner_scan_barcode,/point_of_sale:TestUi.test_07_pos_barcodes_scan,/point_of_sale:TestUi.test_GS1_pos_barcodes_scan,/point_of_sale:MobileTestUi.test_05_ticket_screen,/point_of_sale:MobileTestUi.test_refund_few_quantities,/point_of_sale:MobileTestUi.test_pos_closing_cash_details,/point_of_sale:MobileTestUi.test_customer_search_more}
LOG_DIR=${LOG_DIR:-$REPO_ROOT/.ci/logs}
mkdir -p "$LOG_DIR"
rm -f "$LOG_DIR"/*.log

SUITE_TAGS=$(echo "$ADDONS" | sed 's/\(^\|,\)/\1\//g')
# Tests that fail on a stock database too are left out, each with its reason.
KNOWN_FAILURES=$(grep -v '^\s*#' "$REPO_ROOT/tests/upstream_known_failures.txt" |
  awk 'NF {printf ",-%s", $1}')
TAGS="$SUITE_TAGS${UPSTREAM_TAGS:+,$UPSTREAM_TAGS$KNOWN_FAILURES}"

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

# One install, the way Odoo's own CI runs: each app's at-install tests run as
# that app is installed (before the suite, which depends on it), and every
# post-install test runs at the end with the whole suite loaded, so that a
# change of the suite that breaks an Odoo app fails here.
status=0
echo "== Suite addons ($ADDONS) and Odoo's tests of the apps they extend"
echo "   (${UPSTREAM_TAGS:-none}) on a fresh database $DB"
"${ODOO_CMD[@]}" -c "$REPO_ROOT/odoo.conf" --addons-path="$ADDONS_PATH" -d "$DB" \
  --db-filter="^$DB\$" --test-enable --stop-after-init \
  --http-port="${TEST_HTTP_PORT:-8169}" --max-cron-threads=0 --log-level=info \
  -i "$ADDONS${TEST_ADDONS:+,$TEST_ADDONS}" --test-tags "$TAGS" \
  >"$LOG_DIR/tests.log" 2>&1 || status=1

# The tests of the summary below, on small fake logs: its failures count.
echo "== Tests of the test summary (log in $LOG_DIR/tooling.log)"
(cd "$REPO_ROOT" && "$ODOO_PYTHON" -m unittest discover -s tests \
  -p 'test_odoo_test_summary.py' -v) >"$LOG_DIR/tooling.log" 2>&1 || true

SUMMARY_OPTIONS=(--allowed-skips "$REPO_ROOT/tests/allowed_skips.txt"
  --tooling-log "$LOG_DIR/tooling.log")
if [ "${EXPECT_ALL_TESTS:-1}" != 0 ]; then
  SUMMARY_OPTIONS+=(--expect-tests "$REPO_ROOT")
fi
echo "== Results (log in $LOG_DIR/tests.log)"
"$ODOO_PYTHON" "$REPO_ROOT/tests/odoo_test_summary.py" --exit-status "$status" \
  --group "suite=$SUITE_PREFIX" "${SUMMARY_OPTIONS[@]}" "$LOG_DIR/tests.log"
