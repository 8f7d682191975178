#!/usr/bin/env bash
# Builds the release artifact as scripts/install-kotlin.sh does (release-mobile
# library, bindings from the unstripped library, the stripped one in the JAR), into a
# throwaway repository, running the Kotlin tests AND the timings (KotlinBenchTest)
# against the packaged JAR, then prints the sizes and assembles the AAR (the host
# library standing in for the ABIs) to measure it.
#
# Usage: scripts/build-kotlin-release.sh [--no-test]
# Output: <target>/release-mobile/liboske_ffi.so                 (unstripped)
#         bindings-kotlin/target/native/linux-x86-64/liboske_ffi.so (stripped)
#         bindings-kotlin/target/oske-<version>.jar
#         bindings-kotlin/target/kotlin-bench.md                    (timings)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

test_args=(-Doske.test.excludedGroups=)
[[ "${1:-}" == "--no-test" ]] && test_args=(--skip-tests)

pkgid="$(cargo pkgid -p oske)"
version="${pkgid##*[#@]}"
work="$(mktemp -d "${TMPDIR:-/tmp}/oske-kotlin-release.XXXXXX")"
trap 'rm -rf "$work"' EXIT

bash scripts/install-kotlin.sh --repo "$work/repo" "${test_args[@]}"

target_dir="$(cargo metadata --format-version 1 --no-deps \
    | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)"
lib="$target_dir/release-mobile/liboske_ffi.so"
stripped="$root/bindings-kotlin/target/native/linux-x86-64/liboske_ffi.so"
jar="$root/bindings-kotlin/target/oske-$version.jar"
bash scripts/build-aar.sh --jar "$jar" --out "$work/oske-$version.aar" \
    --abi "arm64-v8a=$stripped" >/dev/null

size() { wc -c <"$1" | tr -d ' '; }
bytes="$(size "$stripped")"
echo "unstripped:     $(size "$lib") bytes  $lib"
echo "stripped:       $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.2f MiB, %.2f MB", b / 1048576, b / 1000000 }'))"
echo "jar:            $(size "$jar") bytes"
echo "aar (one ABI):  $(size "$work/oske-$version.aar") bytes"
if [[ -f bindings-kotlin/target/kotlin-bench.md && "${1:-}" != "--no-test" ]]; then
    echo "==> timings (bindings-kotlin/target/kotlin-bench.md)"
    cat bindings-kotlin/target/kotlin-bench.md
fi
