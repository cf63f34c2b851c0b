#!/usr/bin/env bash
# Start the suite with demo data on http://localhost:8069.
# The database (default: coworking, or $1 / $COWORKING_DB) is created with every
# suite addon and its demo data, in English and French, when missing; otherwise the
# addons are updated.
set -euo pipefail
source "$(dirname "$0")/common.sh"

DB=${1:-${COWORKING_DB:-coworking}}
PORT=${COWORKING_PORT:-8069}
find_odoo
check_postgres
install_requirements
if ! command -v wkhtmltopdf >/dev/null 2>&1; then
  echo "Note: wkhtmltopdf is missing, so receipts cannot be printed as PDF and" \
    "confirmation emails go out without them (Debian: apt-get install wkhtmltopdf)." >&2
fi
# with Odoo's demo payment provider, so that a booking can be paid in the demo
ADDONS="$(suite_addons),payment_demo"

if "$ODOO_PYTHON" -c "
import psycopg2, sys
with psycopg2.connect(dbname='postgres') as c, c.cursor() as cr:
    cr.execute('SELECT 1 FROM pg_database WHERE datname=%s', ['$DB'])
    sys.exit(0 if cr.fetchone() else 1)"; then
  echo "Database $DB exists: updating $ADDONS"
  INIT=(-u "$ADDONS")
else
  echo "Creating database $DB with demo data, in English and French: $ADDONS"
  # English stays the main language (the first one); French is loaded before the
  # website is installed, which offers every active language: pages under /fr/...
  INIT=(-i "$ADDONS" --load-language=en_US,fr_FR)
fi
# The master password is never in the repository: taken from
# $ODOO_MASTER_PASSWORD, or generated once and kept in .local/ (mode 600), in a
# configuration made of odoo.conf plus that password.
LOCAL_CONF="$REPO_ROOT/.local/odoo-local.conf"
mkdir -p "$REPO_ROOT/.local"
umask 077
if [ -n "${ODOO_MASTER_PASSWORD:-}" ]; then
  MASTER=$ODOO_MASTER_PASSWORD
elif [ -f "$REPO_ROOT/.local/master_password" ]; then
  MASTER=$(cat "$REPO_ROOT/.local/master_password")
else
  MASTER=$("$ODOO_PYTHON" -c "import secrets; print(secrets.token_urlsafe(24))")
  printf '%s\n' "$MASTER" >"$REPO_ROOT/.local/master_password"
  echo "A master password was generated in $REPO_ROOT/.local/master_password"
fi
{ cat "$REPO_ROOT/odoo.conf"; printf 'admin_passwd = %s\n' "$MASTER"; } >"$LOCAL_CONF"
umask 022
echo "Open http://localhost:$PORT (login admin / password admin)"
exec "${ODOO_CMD[@]}" -c "$LOCAL_CONF" --addons-path="$(odoo_addons_path)" \
  -d "$DB" --db-filter="^$DB\$" "${INIT[@]}" --http-port="$PORT" "${@:2}"
