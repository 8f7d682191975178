#!/usr/bin/env bash
# Runs the Python benchmark (bench_measures.py): builds and installs the oske wheel
# into the test venv (as scripts/test-python.sh does), installs the benchmark's own
# requirements (pydantic) and runs it. Arguments go to bench_measures.py, or to the
# script named by BENCH (BENCH=bench_dataframes.py: oske vs polars.read_csv).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PKG="$ROOT/bindings-python"
VENV="${OSKE_PY_VENV:-$ROOT/.venv-py}"
PYTHON="${PYTHON:-python3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

if [[ ! -x "$VENV/bin/python" ]]; then
    "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"
export PATH="$VENV/bin:$PATH" VIRTUAL_ENV="$VENV"
"$PY" -m pip install --quiet -r "$PKG/requirements-dev.txt" -r "$PKG/bench/requirements.txt"

WHEEL_DIR="$CARGO_TARGET_DIR/python/bench-wheels"
rm -rf "$WHEEL_DIR"
mkdir -p "$WHEEL_DIR"
"$PY" -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir "$WHEEL_DIR" "$PKG"
"$PY" -m pip install --quiet --no-deps --force-reinstall "$WHEEL_DIR"/oske-*.whl

cd "$CARGO_TARGET_DIR"
"$PY" "$PKG/bench/${BENCH:-bench_measures.py}" "$@"
