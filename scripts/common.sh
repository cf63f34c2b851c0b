#!/usr/bin/env bash
# Shared helpers of the suite's scripts: find Odoo 18 and PostgreSQL as installed,
# install the suite's own Python requirements. Sourced, never run.
# Odoo is taken as installed: set ODOO_BIN to an odoo executable, or put `odoo` on
# PATH, or make `odoo` importable by ODOO_PYTHON (default python3).

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() {
  echo "ERROR: $*" >&2
  # The test command always ends with its count, even when it cannot start.
  [ -n "${DIE_SUMMARY:-}" ] && echo "0 passed, 1 failed"
  exit 2
}

find_odoo() {
  if [ -n "${ODOO_BIN:-}" ]; then
    [ -x "$ODOO_BIN" ] || die "ODOO_BIN=$ODOO_BIN is not an executable."
    ODOO_CMD=("$ODOO_BIN")
  elif command -v odoo >/dev/null 2>&1; then
    ODOO_BIN=$(command -v odoo)
    ODOO_CMD=("$ODOO_BIN")
  elif "${ODOO_PYTHON:-python3}" -c "import odoo.cli" >/dev/null 2>&1; then
    ODOO_CMD=("${ODOO_PYTHON:-python3}" -m odoo)
  else
    die "Odoo 18.0 is not installed: no 'odoo' command on PATH and no importable
'odoo' for ${ODOO_PYTHON:-python3}. Install Odoo 18.0 Community (pip install -e
<odoo source> in a virtualenv, or the odoo:18.0 Docker image with
docker-compose.yml), then set ODOO_BIN=/path/to/odoo or put it on PATH."
  fi
  # The Python that runs Odoo is the one that gets the suite's requirements.
  if [ -z "${ODOO_PYTHON:-}" ]; then
    local shebang
    shebang=$(head -n 1 "${ODOO_CMD[0]}" 2>/dev/null)
    case "$shebang" in
      "#!"*python*) ODOO_PYTHON=${shebang#\#!} ;;
      *) ODOO_PYTHON=python3 ;;
    esac
  fi
  ODOO_PYTHON=${ODOO_PYTHON%% *}
  local version
  version=$("$ODOO_PYTHON" -c "import odoo.release as r; print(r.serie)" 2>/dev/null) ||
    die "$ODOO_PYTHON cannot import odoo; set ODOO_PYTHON to the Python that runs Odoo."
  [ "$version" = "18.0" ] || die "Odoo $version found; the suite needs Odoo 18.0."
}

check_postgres() {
  "$ODOO_PYTHON" - <<'PY' || die "PostgreSQL is not reachable. Start it (e.g.
'pg_ctlcluster 15 main start') or point PGHOST/PGPORT/PGUSER/PGPASSWORD at a server
where this user may create databases."
import sys
import psycopg2
try:
    psycopg2.connect(dbname="postgres", connect_timeout=5).close()
except psycopg2.OperationalError as error:
    sys.exit(str(error).strip())
PY
}

pip_install() {
  # pip install into Odoo's Python; Debian-style system Pythons need the flag.
  "$ODOO_PYTHON" -m pip install --quiet --disable-pip-version-check "$@" && return 0
  "$ODOO_PYTHON" -m pip install --quiet --disable-pip-version-check \
    --break-system-packages "$@"
}

install_requirements() {
  pip_install -r "$REPO_ROOT/requirements.txt" ||
    die "Could not install $REPO_ROOT/requirements.txt into $ODOO_PYTHON."
}

odoo_addons_path() {
  local core
  core=$("$ODOO_PYTHON" -c "import odoo.addons, os; print(','.join(p for p in odoo.addons.__path__ if os.path.isdir(os.path.join(p, 'base'))))")
  echo "$REPO_ROOT,$core"
}

suite_addons() {
  # Every installable addon of the repository, comma-separated.
  "$ODOO_PYTHON" - "$REPO_ROOT" <<'PY'
import ast, pathlib, sys
root = pathlib.Path(sys.argv[1])
names = []
for manifest in sorted(root.glob("*/__manifest__.py")):
    data = ast.literal_eval(manifest.read_text())
    if data.get("installable", True):
        names.append(manifest.parent.name)
print(",".join(names))
PY
}
