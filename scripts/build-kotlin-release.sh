#!/usr/bin/env bash
# Builds the oske-kotlin cdylib with the size-tuned `release-mobile` profile,
# generates the Kotlin bindings from the UNSTRIPPED library (UniFFI reads its
# interface metadata from symbols that stripping removes), strips a copy, prints
# its size, then runs the Kotlin tests and the timings (KotlinBenchTest) against the
# STRIPPED library, which is what an app ships.
#
# Usage: scripts/build-kotlin-release.sh [--no-test]
# Output: <target>/release-mobile/liboske_ffi.so            (unstripped)
#         <target>/release-mobile/stripped/liboske_ffi.so   (stripped copy)
#         bindings-kotlin/target/generated-sources/uniffi    (Kotlin sources)
#         bindings-kotlin/target/kotlin-bench.md             (timings)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

run_tests=1
[[ "${1:-}" == "--no-test" ]] && run_tests=0

case "$(uname -s)" in
    Darwin) lib_file="liboske_ffi.dylib"; strip_cmd=(strip -x) ;;
    *) lib_file="liboske_ffi.so"; strip_cmd=(strip --strip-all) ;;
esac
command -v "${strip_cmd[0]}" >/dev/null || { echo "build-kotlin-release: '${strip_cmd[0]}' not found" >&2; exit 1; }

target_dir="$(cargo metadata --format-version 1 --no-deps \
    | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)"
out_dir="$target_dir/release-mobile"
lib="$out_dir/$lib_file"
gen_dir="$root/bindings-kotlin/target/generated-sources/uniffi"

echo "==> cargo build -p oske-kotlin --lib --no-default-features --profile release-mobile"
cargo build -p oske-kotlin --lib --no-default-features --profile release-mobile

echo "==> uniffi-bindgen generate $lib"
rm -rf "$gen_dir"
# The bindgen itself is a host tool: run it from the (faster to build) dev profile.
cargo run -q -p oske-kotlin --bin uniffi-bindgen -- generate "$lib" \
    --language kotlin --out-dir "$gen_dir" --no-format

mkdir -p "$out_dir/stripped"
stripped="$out_dir/stripped/$lib_file"
cp "$lib" "$stripped"
"${strip_cmd[@]}" "$stripped"

size() { wc -c <"$1" | tr -d ' '; }
bytes="$(size "$stripped")"
echo "unstripped: $(size "$lib") bytes  $lib"
echo "stripped:   $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.2f MiB, %.2f MB", b / 1048576, b / 1000000 }'))  $stripped"

if [[ "$run_tests" == 1 ]]; then
    pkgid="$(cargo pkgid -p oske)"
    echo "==> mvn test + KotlinBenchTest against the stripped library"
    mvn -B -ntp -Dstyle.color=never -f bindings-kotlin/pom.xml test \
        -Doske.lib.dir="$out_dir/stripped" \
        -Doske.generated.dir="$gen_dir" \
        -Doske.expected.version="${pkgid##*[#@]}" \
        -Doske.test.excludedGroups=
    echo "==> timings (bindings-kotlin/target/kotlin-bench.md)"
    cat bindings-kotlin/target/kotlin-bench.md
fi
