#!/usr/bin/env bash
# Builds and installs the Maven artifact fi.oske:oske:<workspace version>:
#
#   1. cargo builds liboske_ffi with the size-tuned `release-mobile` profile,
#      library only (--no-default-features: no bindgen CLI, no CSV tables), linked
#      by scripts/link-mobile.sh: the library without UniFFI's interface metadata
#      and async support, and a copy with them (deps/uniffi/liboske_ffi.so);
#   2. the crate's own pinned uniffi-bindgen generates the Kotlin from that
#      UNSTRIPPED copy (UniFFI reads the interface from metadata symbols), and the
#      declarations of the async functions are taken out of it;
#   3. a copy is stripped and staged as the JAR resource linux-x86-64/liboske_ffi.so
#      (JNA's resource path: JNA extracts it from the JAR, no jna.library.path);
#   4. Maven compiles the bindings and Codes.kt, packages oske-<v>.jar and
#      oske-<v>-sources.jar, runs the binding tests and the conformance vectors
#      against the packaged JAR (failsafe), and installs the JAR, the sources JAR and
#      the POM (which declares JNA and the Kotlin standard library).
#
# Usage: scripts/install-kotlin.sh [--repo DIR] [--skip-tests] [extra mvn arguments...]
#   (no --repo)  install into the local Maven repository (~/.m2/repository)
#   --repo DIR   deploy into DIR instead, as a file repository (Maven layout);
#                a consumer adds <repository><url>file://DIR</url></repository>
#   --skip-tests package and install without running the tests
# Needs: cargo, strip, a JDK 17+ and Maven 3.8+.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

repo=""
skip_tests=0
mvn_extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --repo) repo="${2:?--repo needs a directory}"; shift 2 ;;
        --repo=*) repo="${1#--repo=}"; shift ;;
        --skip-tests) skip_tests=1; shift ;;
        *) mvn_extra+=("$1"); shift ;;
    esac
done

for tool in cargo java mvn strip; do
    command -v "$tool" >/dev/null || { echo "install-kotlin: '$tool' not found on PATH" >&2; exit 1; }
done
case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) echo "install-kotlin: the JAR carries the linux-x86-64 library; build it on x86-64 Linux" >&2; exit 1 ;;
esac

# The Maven version must be the workspace's Cargo version.
pkgid="$(cargo pkgid -p oske)"
version="${pkgid##*[#@]}"
pom_version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' bindings-kotlin/pom.xml | head -1)"
if [[ "$pom_version" != "$version" ]]; then
    echo "install-kotlin: bindings-kotlin/pom.xml has version $pom_version, the workspace $version" >&2
    exit 1
fi

target_dir="$(cargo metadata --format-version 1 --no-deps \
    | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)"
lib="$target_dir/release-mobile/liboske_ffi.so"
# The same link with UniFFI's metadata kept, for the bindgen (scripts/link-mobile.sh).
meta_lib="$target_dir/release-mobile/deps/uniffi/liboske_ffi.so"
gen_dir="$root/bindings-kotlin/target/generated-sources/uniffi"
native_dir="$root/bindings-kotlin/target/native"

echo "==> cargo rustc -p oske-kotlin --lib --no-default-features --profile release-mobile (linker scripts/link-mobile.sh)"
# `cargo rustc`: the linker wrapper is given to the final crate only. It links the
# shipped library without UniFFI's metadata statics, which only the bindgen reads
# (52 KB), and beside it the same library with them ($meta_lib).
cargo rustc -p oske-kotlin --lib --no-default-features --profile release-mobile \
    -- -C linker="$root/scripts/link-mobile.sh"
[[ -s "$meta_lib" ]] || { echo "install-kotlin: $meta_lib was not linked" >&2; exit 1; }

echo "==> uniffi-bindgen generate $meta_lib (unstripped, with the metadata)"
rm -rf "$gen_dir"
# The bindgen itself is a host tool: run it from the (faster to build) dev profile.
cargo run -q -p oske-kotlin --bin uniffi-bindgen -- generate "$meta_lib" \
    --language kotlin --out-dir "$gen_dir" --no-format

# The library has no `async` exports, and scripts/link-mobile.sh does not export
# UniFFI's future functions that serve them: take their declarations (two lines
# each) out of the generated Kotlin, which JNA's direct mapping would otherwise
# look up when the library is loaded.
kt="$(grep -rl "external fun ffi_oske_ffi_rust_future_" "$gen_dir")"
awk '/external fun ffi_oske_ffi_rust_future_/ { skip = 2 } skip > 0 { skip--; next } { print }' \
    "$kt" >"$kt.tmp" && mv "$kt.tmp" "$kt"
if grep -q "rust_future_" "$kt"; then
    echo "install-kotlin: $kt still refers to UniFFI's future functions" >&2
    exit 1
fi

echo "==> strip into $native_dir/linux-x86-64/liboske_ffi.so"
rm -rf "$native_dir"
mkdir -p "$native_dir/linux-x86-64"
strip --strip-all -o "$native_dir/linux-x86-64/liboske_ffi.so" "$lib"
echo "stripped: $(wc -c <"$native_dir/linux-x86-64/liboske_ffi.so" | tr -d ' ') bytes (unstripped $(wc -c <"$lib" | tr -d ' '))"

mvn_args=(-B -ntp -Dstyle.color=never -f bindings-kotlin/pom.xml
    -Doske.native.dir="$native_dir"
    -Doske.generated.dir="$gen_dir"
    -Doske.expected.version="$version")
[[ "$skip_tests" == 1 ]] && mvn_args+=(-DskipITs)
if [[ -n "$repo" ]]; then
    mkdir -p "$repo"
    repo="$(cd "$repo" && pwd)"
    echo "==> mvn deploy fi.oske:oske:$version into the file repository $repo"
    # deploy without install: nothing of oske goes into ~/.m2.
    mvn "${mvn_args[@]}" deploy -Dmaven.install.skip=true \
        -DaltDeploymentRepository="oske-local::file://$repo" "${mvn_extra[@]}"
else
    echo "==> mvn install fi.oske:oske:$version into the local Maven repository"
    mvn "${mvn_args[@]}" install "${mvn_extra[@]}"
fi
jar="$root/bindings-kotlin/target/oske-$version.jar"
echo "jar: $(wc -c <"$jar" | tr -d ' ') bytes  $jar"
