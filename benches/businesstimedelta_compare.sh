#!/usr/bin/env bash
# Runs benches/businesstimedelta_compare.py in a throwaway venv (nothing is
# installed into the repository). Usage: benches/businesstimedelta_compare.sh [N]
set -euo pipefail
venv="${BTD_VENV:-/tmp/slac-btd-venv}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q businesstimedelta
fi
cd "$(dirname "$0")/.."
exec "$venv/bin/python" benches/businesstimedelta_compare.py "$@"
