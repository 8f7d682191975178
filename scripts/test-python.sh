#!/usr/bin/env bash
# Build the Python package `oske` (bindings-python/) as a manylinux2014 wheel with
# maturin and zig, check its tag with auditwheel, install it into a fresh venv with
# no Rust toolchain on PATH and run there its pytest suite (conformance vectors,
# JSON Schemas and Data Packages included), mypy's stubtest (the .pyi stubs against
# the built module), mypy --strict on examples/python and the tests, and the
# example script itself.
#
# Works from a fresh clone; the build venv (maturin, ziglang, auditwheel) lives in
# .venv-py/ at the repository root and is reused on later runs; the test venv
# ($CARGO_TARGET_DIR/python/test-venv) is made anew on every run. Rust artefacts go to the shared workspace target
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

step "build tools (maturin, ziglang, auditwheel)"
"$PY" -m pip install --quiet -r "$PKG/requirements-build.txt"

# --- manylinux wheel (issue 12 item 4): maturin links with zig against glibc 2.17
# (manylinux2014), auditwheel checks the tag, and the suite runs against the wheel
# installed into a fresh venv whose PATH has no Rust toolchain.
step "build the manylinux wheel (maturin --zig)"
WHEEL_DIR="$CARGO_TARGET_DIR/python/wheels"
rm -rf "$WHEEL_DIR"
mkdir -p "$WHEEL_DIR"
"$VENV/bin/maturin" build --quiet --release --zig --compatibility manylinux2014 \
    -m "$PKG/Cargo.toml" --out "$WHEEL_DIR"
wheels=("$WHEEL_DIR"/oske-*.whl)
if [[ ${#wheels[@]} -ne 1 || ! -f "${wheels[0]}" ]]; then
    echo "expected exactly one wheel in $WHEEL_DIR, found: ${wheels[*]}" >&2
    exit 1
fi
WHEEL="${wheels[0]}"
echo "built $(basename "$WHEEL") ($(stat -c %s "$WHEEL") bytes)"
case "$(basename "$WHEEL")" in
    oske-*-cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl) ;;
    *) echo "not a manylinux2014 abi3 wheel: $(basename "$WHEEL")" >&2; exit 1 ;;
esac

step "auditwheel show"
"$VENV/bin/auditwheel" show "$WHEEL" | tee "$CARGO_TARGET_DIR/python/auditwheel.txt"
grep -q 'consistent with the following platform tag: "manylinux_2_17_x86_64"' \
    "$CARGO_TARGET_DIR/python/auditwheel.txt"

# --- open formats: the `oske` command, whose --json report tests/test_schema.py
# checks against docs/schema/report.schema.json (debug build, shared with cargo test).
step "build the oske command (for the report schema test)"
cargo build --quiet -p oske-cli
export OSKE_CLI="$CARGO_TARGET_DIR/debug/oske"
# --- end open formats

step "fresh test venv without Rust: install the wheel"
TEST_VENV="$CARGO_TARGET_DIR/python/test-venv"
rm -rf "$TEST_VENV"
"$PY" -m venv "$TEST_VENV"
# From here on PATH holds the test venv and the system, no cargo/rustc/maturin.
export PATH="$TEST_VENV/bin:/usr/local/bin:/usr/bin:/bin"
export VIRTUAL_ENV="$TEST_VENV"
for tool in cargo rustc maturin; do
    if command -v "$tool" >/dev/null; then
        echo "$tool is still on PATH: $(command -v "$tool")" >&2
        exit 1
    fi
done
PY="$TEST_VENV/bin/python"
"$PY" -m pip install --quiet -r "$PKG/requirements-dev.txt"   # test tools
"$PY" -m pip install --quiet --no-deps "$WHEEL"
"$PY" -c 'import oske, sys; print("oske", oske.__version__, "from", oske.__file__)'
# --- end manylinux wheel

# Run from outside the source tree so that `import oske` finds the installed
# wheel, never bindings-python/python/oske.
cd "$CARGO_TARGET_DIR"

step "pytest"
"$PY" -m pytest -p no:cacheprovider -c "$PKG/pyproject.toml" --rootdir "$PKG" "$PKG/tests"

step "the DataFrame benchmark, small (bench_dataframes.py: not timed here; it checks that the CSV folder, a polars and a pandas frame of the same rows give the same document and issues)"
"$PY" "$PKG/bench/bench_dataframes.py" --rows 6000 --repeat 1

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
