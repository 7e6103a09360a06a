#!/usr/bin/env bash
# Create .venv and install the project with the given extras, only when pyproject.toml or
# the extras changed since the last install.
# usage: scripts/setup-venv.sh EXTRAS   (e.g. "dev" or "dev,center")
set -euo pipefail
cd "$(dirname "$0")/.."
extras=${1:-}
venv=${VENV:-.venv}
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
  "$python" - <<'PY' || { echo "setup: Python 3.11 or newer is needed (found $($python --version 2>&1))" >&2; exit 1; }
import sys; sys.exit(sys.version_info < (3, 11))
PY
  echo "setup: creating $venv with $($python --version 2>&1)"
  "$python" -m venv "$venv"
fi
stamp="$venv/.installed"
hash=$(cat pyproject.toml requirements/station.txt | sha256sum | cut -c1-16)
# Up to date when the same pyproject.toml was installed with (at least) these extras.
if [ -f "$stamp" ] && read -r have_hash have_extras < "$stamp" && [ "$have_hash" = "$hash" ]; then
  covered=1
  for e in ${extras//,/ }; do [[ ",$have_extras," == *",$e,"* ]] || covered=0; done
  [ $covered = 1 ] && exit 0
fi
echo "setup: installing the project into $venv (extras: ${extras:-none})"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
# The station's dependencies from the hashed lock that Windows stations install too
# (scripts/windows/install.ps1), then the project and any extras on top.
"$venv/bin/python" -m pip install -q --disable-pip-version-check --require-hashes -r requirements/station.txt
spec="."; [ -n "$extras" ] && spec=".[$extras]"
"$venv/bin/python" -m pip install -q --disable-pip-version-check -e "$spec"
echo "$hash $extras" > "$stamp"
