#!/usr/bin/env bash
# The embedded registry: rebuilt from its raw sources it must be byte-identical to the
# committed core/data/registry.json (no hand edits, no drift), and its sourced facts and
# invariants must hold. Stdlib Python only.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/registry/build_registry.py --out "$tmp/registry.json"
if ! cmp -s "$tmp/registry.json" core/data/registry.json; then
    echo "core/data/registry.json differs from what scripts/registry/build_registry.py builds:" >&2
    diff -u core/data/registry.json "$tmp/registry.json" | head -40 >&2
    exit 1
fi
echo "registry: core/data/registry.json is what build_registry.py builds"
python3 scripts/registry/check_registry.py
