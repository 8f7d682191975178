#!/usr/bin/env bash
# Builds the oske-kotlin cdylib, generates the Kotlin bindings from the
# unstripped library with the crate's own (version-pinned) uniffi-bindgen,
# then compiles them with Maven and runs the JUnit 5 tests on the JVM: the
# binding's tests, every conformance vector in tests/conformance, and the
# programs in examples/kotlin (their output is compared with the expected files;
# OSKE_BLESS=1 rewrites those).
#
# Usage: scripts/test-kotlin.sh [extra mvn arguments...]
# Needs: cargo, a JDK (17+) and Maven; Maven fetches its plugins and
# dependencies from Maven Central on the first run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in cargo java mvn; do
    command -v "$tool" >/dev/null || { echo "test-kotlin: '$tool' not found on PATH" >&2; exit 1; }
done

case "$(uname -s)" in
    Darwin) lib_file="liboske_ffi.dylib" ;;
    *) lib_file="liboske_ffi.so" ;;
esac

# The shared workspace target dir (honours CARGO_TARGET_DIR and .cargo/config).
target_dir="$(cargo metadata --format-version 1 --no-deps \
    | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)"
lib_dir="$target_dir/debug"
gen_dir="$root/bindings-kotlin/target/generated-sources/uniffi"

# The version version() must return: the core crate's Cargo version.
pkgid="$(cargo pkgid -p oske)"
oske_version="${pkgid##*[#@]}"

echo "==> cargo build -p oske-kotlin"
cargo build -p oske-kotlin

echo "==> uniffi-bindgen generate $lib_dir/$lib_file"
rm -rf "$gen_dir"
cargo run -q -p oske-kotlin --bin uniffi-bindgen -- generate "$lib_dir/$lib_file" \
    --language kotlin --out-dir "$gen_dir" --no-format

echo "==> mvn test (jna.library.path=$lib_dir)"
mvn -B -ntp -Dstyle.color=never -f bindings-kotlin/pom.xml test \
    -Doske.lib.dir="$lib_dir" \
    -Doske.generated.dir="$gen_dir" \
    -Doske.expected.version="$oske_version" \
    "$@"
