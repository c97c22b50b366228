#!/usr/bin/env bash
# Install chronologue and its pinned dependencies (requirements.lock, every package by version and sha256)
# into ./.venv. Safe to run again: an existing venv is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
  || .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
# Start-up: compile chronologue's modules once (an editable install leaves them as source, compiled anew by every
# process that runs with PYTHONDONTWRITEBYTECODE), and build the tables that are slow to read as shipped
# (chronologue.lib.prebuilt: py3langid's model, the gazetteer index, the rule files).
.venv/bin/python -m compileall -q src/chronologue >/dev/null
.venv/bin/python -c "import sys; from chronologue.lib.prebuilt import main; sys.exit(main())"
