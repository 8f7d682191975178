#!/usr/bin/env bash
# Assembles the Android archive (AAR) of oske from the JVM artifact's JAR and one
# native library per Android ABI:
#
#   AndroidManifest.xml          bindings-kotlin/android/AndroidManifest.xml (fi.oske, minSdk 24)
#   classes.jar                  the JAR's classes (bindings + Codes.kt), without the
#                                desktop library (linux-x86-64/) and Maven metadata
#   jni/<abi>/liboske_ffi.so     one per --abi
#   proguard.txt                 consumer R8/ProGuard rules (bindings-kotlin/android/consumer-rules.pro)
#   R.txt                        empty (no resources)
#   META-INF/com/android/build/gradle/aar-metadata.properties
#
# The Android libraries are built with cargo-ndk (bindings-kotlin/README.md gives
# the commands); strip them first (the NDK's llvm-strip --strip-all) or let the
# app's Gradle build strip them. The AAR does not carry JNA: the app depends on
# net.java.dev.jna:jna:<version>@aar, which has libjnidispatch.so for each ABI.
#
# Usage: scripts/build-aar.sh --jar oske-<v>.jar --out oske-<v>.aar \
#            --abi arm64-v8a=path/liboske_ffi.so [--abi armeabi-v7a=...] [--abi x86_64=...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

jar="" out=""
abis=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --jar) jar="${2:?}"; shift 2 ;;
        --out) out="${2:?}"; shift 2 ;;
        --abi) abis+=("${2:?}"); shift 2 ;;
        *) echo "build-aar: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
[[ -n "$jar" && -n "$out" && ${#abis[@]} -gt 0 ]] || {
    echo "usage: build-aar.sh --jar JAR --out AAR --abi ABI=LIB [--abi ABI=LIB ...]" >&2; exit 2; }
[[ -f "$jar" ]] || { echo "build-aar: no JAR at $jar" >&2; exit 1; }
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
for tool in zip unzip; do
    command -v "$tool" >/dev/null || { echo "build-aar: '$tool' not found on PATH" >&2; exit 1; }
done

stage="$(mktemp -d "${TMPDIR:-/tmp}/oske-aar.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/aar" "$stage/classes"

for entry in "${abis[@]}"; do
    abi="${entry%%=*}" lib="${entry#*=}"
    case "$abi" in
        arm64-v8a|armeabi-v7a|x86_64|x86) ;;
        *) echo "build-aar: '$abi' is not an Android ABI (arm64-v8a, armeabi-v7a, x86_64, x86)" >&2; exit 1 ;;
    esac
    [[ -f "$lib" ]] || { echo "build-aar: no library for $abi at $lib" >&2; exit 1; }
    [[ "$(od -An -c -N 4 "$lib" | tr -d ' ')" == '177ELF' ]] \
        || { echo "build-aar: $lib is not an ELF shared library" >&2; exit 1; }
    mkdir -p "$stage/aar/jni/$abi"
    cp "$lib" "$stage/aar/jni/$abi/liboske_ffi.so"
done

# classes.jar: the classes only (JNA would otherwise find the desktop library first).
(cd "$stage/classes" && unzip -q "$jar" -x 'linux-x86-64/*' 'META-INF/maven/*')
(cd "$stage/classes" && zip -q -X -r "$stage/aar/classes.jar" .)

cp "$root/bindings-kotlin/android/AndroidManifest.xml" "$stage/aar/AndroidManifest.xml"
cp "$root/bindings-kotlin/android/consumer-rules.pro" "$stage/aar/proguard.txt"
: >"$stage/aar/R.txt"
mkdir -p "$stage/aar/META-INF/com/android/build/gradle"
printf 'aarFormatVersion=1.0\naarMetadataVersion=1.0\nminCompileSdk=1\nminAndroidGradlePluginVersion=1.0.0\n' \
    >"$stage/aar/META-INF/com/android/build/gradle/aar-metadata.properties"

mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
rm -f "$out"
(cd "$stage/aar" && zip -q -X -r "$out" AndroidManifest.xml classes.jar R.txt proguard.txt META-INF jni)
echo "aar: $out ($(wc -c <"$out" | tr -d ' ') bytes; ABIs: $(cd "$stage/aar/jni" && echo *))"
