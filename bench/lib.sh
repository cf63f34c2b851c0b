# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
#
# What the benchmarks' run.sh scripts share; sourced after scripts/common.sh
# (find_odoo, check_postgres, die) with HERE set to the script's folder.
# Sets LOG_DIR, PORT, ADDONS_PATH (exported as ODOO_ADDONS_PATH); defines db,
# copy_filestore and odoo_init.

LOG_DIR=${BENCH_LOG_DIR:-/tmp/cw_bench_logs}
PORT=${BENCH_PORT:-8204}
mkdir -p "$LOG_DIR"
ADDONS_PATH=$(cd "$HERE/../booking" && "$ODOO_PYTHON" -c "import common; print(common.default_addons_path())") ||
  die "Could not compute the addons path with $ODOO_PYTHON."
export ODOO_ADDONS_PATH=$ADDONS_PATH

db() {
  # db exists NAME | db drop NAME | db copy FROM TO
  "$ODOO_PYTHON" - "$@" <<'PY'
import sys
import psycopg2
from psycopg2 import sql

action, *names = sys.argv[1:]
conn = psycopg2.connect(dbname="postgres")
conn.autocommit = True
cr = conn.cursor()
if action == "exists":
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [names[0]])
    sys.exit(0 if cr.fetchone() else 1)
if action == "drop":
    cr.execute(
        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(names[0])
        )
    )
elif action == "copy":
    cr.execute(
        sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(names[1]), sql.Identifier(names[0])
        )
    )
PY
}

FILESTORE=$("$ODOO_PYTHON" -c "from odoo.tools import config; print(config.filestore(''))" 2>/dev/null)
copy_filestore() {
  # copy_filestore FROM TO
  rm -rf "${FILESTORE:?}/$2"
  if [ -d "$FILESTORE/$1" ]; then cp -r "$FILESTORE/$1" "$FILESTORE/$2"; fi
}

odoo_init() {
  # odoo_init DB LOGNAME ARGS...: run Odoo to install/update, stop after init
  local dbname=$1 logname=$2
  shift 2
  "${ODOO_CMD[@]}" -d "$dbname" --addons-path="$ADDONS_PATH" --db-filter="^$dbname\$" \
    --http-port="$PORT" --max-cron-threads=0 --stop-after-init --log-level=warn \
    "$@" >"$LOG_DIR/$logname.log" 2>&1 ||
    die "Odoo failed to prepare $dbname; see $LOG_DIR/$logname.log"
}

prepare_databases() {
  # prepare_databases ADDON LOGNAME [demo]: <prefix>_tmpl from $BENCH_TEMPLATE_DB
  # (cw_tmpl) with ADDON installed and updated from the current code (else a
  # fresh install of ADDON, without demo data unless "demo" is given), copied
  # to <prefix>_run. Sets TMPL and RUN.
  local addon=$1 logname=$2 demo=${3:-}
  local source=${BENCH_TEMPLATE_DB:-cw_tmpl}
  TMPL=${PREFIX}_tmpl
  RUN=${PREFIX}_run
  db drop "$RUN"
  db drop "$TMPL"
  if db exists "$source"; then
    echo "Preparing $TMPL from $source (+ $addon, current code)..."
    db copy "$source" "$TMPL" || die "Could not copy $source (is it in use?)."
    copy_filestore "$source" "$TMPL"
    odoo_init "$TMPL" "$logname" -i "$addon" -u "$addon"
  elif [ "$demo" = demo ]; then
    echo "Preparing $TMPL: fresh install of $addon with its demo data..."
    odoo_init "$TMPL" "$logname" -i "$addon"
  else
    echo "Preparing $TMPL: fresh install of $addon without demo data..."
    odoo_init "$TMPL" "$logname" -i "$addon" --without-demo=all
  fi
  db copy "$TMPL" "$RUN" || die "Could not create $RUN."
  copy_filestore "$TMPL" "$RUN"
}
