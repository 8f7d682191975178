#!/usr/bin/env bash
# Build the Python package `oske` (bindings-python/) as a wheel with maturin,
# install it into a venv and run its pytest suite (conformance vectors included),
# mypy's stubtest (the .pyi stubs against the built module), mypy --strict on
# examples/python and the tests, and the example script itself.
#
# Works from a fresh clone; the venv lives in .venv-py/ at the repository root
# and is reused on later runs. Rust artefacts go to the shared workspace target
# dir ($CARGO_TARGET_DIR, default <repo>/target) so other builds are reused.
#
# Environment:
#   PYTHON            interpreter used to create the venv (default: python3)
#   OSKE_PY_VENV      venv location (default: <repo>/.venv-py)
#   CARGO_TARGET_DIR  cargo target dir (default: <repo>/target)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$ROOT/bindings-python"
VENV="${OSKE_PY_VENV:-$ROOT/.venv-py}"
PYTHON="${PYTHON:-python3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export PIP_DISABLE_PIP_VERSION_CHECK=1
export PYTHONDONTWRITEBYTECODE=1
export MYPY_CACHE_DIR="$CARGO_TARGET_DIR/python/mypy-cache"

start=$SECONDS
step() { printf '\n==> [%ss] %s\n' "$((SECONDS - start))" "$*"; }

step "venv at $VENV"
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import sys' 2>/dev/null; then
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"
# The maturin PEP 517 backend runs the `maturin` executable from PATH.
export PATH="$VENV/bin:$PATH"
export VIRTUAL_ENV="$VENV"
"$PY" --version

step "dev tools"
"$PY" -m pip install --quiet -r "$PKG/requirements-dev.txt"

# Build a real wheel with the PEP 517 backend (maturin, release profile) and
# install it. --no-build-isolation uses the pinned maturin from the venv
# instead of downloading one per run; --force-reinstall because the version
# does not change between runs.
step "build + install wheel"
WHEEL_DIR="$CARGO_TARGET_DIR/python/wheels"
rm -rf "$WHEEL_DIR"
mkdir -p "$WHEEL_DIR"
"$PY" -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir "$WHEEL_DIR" "$PKG"
wheels=("$WHEEL_DIR"/oske-*.whl)
if [[ ${#wheels[@]} -ne 1 || ! -f "${wheels[0]}" ]]; then
    echo "expected exactly one wheel in $WHEEL_DIR, found: ${wheels[*]}" >&2
    exit 1
fi
echo "built $(basename "${wheels[0]}")"
"$PY" -m pip install --quiet --no-deps --force-reinstall "${wheels[0]}"

# --- open formats: the `oske` command, whose --json report tests/test_schema.py
# checks against docs/schema/report.schema.json (debug build, shared with cargo test).
step "build the oske command (for the report schema test)"
cargo build --quiet -p oske-cli
export OSKE_CLI="$CARGO_TARGET_DIR/debug/oske"
# --- end open formats

# Run from outside the source tree so that `import oske` finds the installed
# wheel, never bindings-python/python/oske.
cd "$CARGO_TARGET_DIR"

step "pytest"
"$PY" -m pytest -p no:cacheprovider -c "$PKG/pyproject.toml" --rootdir "$PKG" "$PKG/tests"

step "stubtest"
"$PY" -m mypy.stubtest oske

step "mypy --strict: examples/python and the tests"
"$PY" -m mypy --strict "$ROOT/examples/python"
"$PY" -m mypy --strict --explicit-package-bases "$PKG/tests"

step "example: examples/python/botnia_measures.py"
"$PY" "$ROOT/examples/python/botnia_measures.py" --lang fi > "$CARGO_TARGET_DIR/python/example.out"
grep -q "^total " "$CARGO_TARGET_DIR/python/example.out"
grep -q "csv.bad-date" "$CARGO_TARGET_DIR/python/example.out"
echo "ok ($(wc -l < "$CARGO_TARGET_DIR/python/example.out") lines of output)"

step "done in $((SECONDS - start))s"
