#!/usr/bin/env bash
# Runs every test of the project: Rust (fmt, clippy, unit, integration, doc and
# conformance tests), Python (builds the package in a venv, pytest, stubtest, mypy)
# and Kotlin (builds the library, generates bindings, mvn test).
# Installs what it needs itself; run it from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "Registry: rebuilt from its sources, facts and invariants checked"
bash scripts/test-registry.sh

step "Rust: formatting"
cargo fmt --all --check

step "Rust: clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

step "Rust: tests (unit, integration, conformance vectors, doctests)"
cargo test --workspace

# The crate as crates.io would get it: packaged (licences, README, data) and built
# from the package alone. --allow-dirty: package the working tree as it is.
step "Rust: cargo publish --dry-run -p oske"
cargo publish --dry-run --allow-dirty -p oske

step "Python: build the package in a venv and run pytest, stubtest, mypy"
bash scripts/test-python.sh

step "Kotlin: build the library, generate bindings, mvn test"
bash scripts/test-kotlin.sh

step "All tests passed"
