#!/usr/bin/env bash
# Install the Debian packages listed in scripts/debian/PROFILE.txt that are missing.
# usage: scripts/ensure-debian-packages.sh PROFILE...   (e.g. run test)
# Does nothing on systems without dpkg (see README: other platforms).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "setup: no dpkg on this system; install the packages in scripts/debian/*.txt by hand (README: Other platforms)"
  exit 0
fi
missing=()
for profile in "$@"; do
  list="$here/debian/$profile.txt"
  [ -f "$list" ] || { echo "setup: unknown package profile '$profile' ($list missing)" >&2; exit 2; }
  while read -r pkg; do
    [ -n "$pkg" ] || continue
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing+=("$pkg")
  done < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$list")
done
[ ${#missing[@]} -eq 0 ] && exit 0
# De-duplicate while keeping order.
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
echo "setup: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    echo "setup: run as root, or install them yourself: apt-get install ${missing[*]}" >&2; exit 1
  fi
else SUDO=(); fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
