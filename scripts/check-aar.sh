#!/usr/bin/env bash
# Opens an oske Android archive and checks its layout: exactly the entries an AAR
# of this library must have (manifest of package fi.oske, classes.jar with the
# bindings and no desktop library, one ELF liboske_ffi.so per expected ABI and no
# other native file, the consumer R8 rules keeping JNA and fi.oske, empty R.txt,
# AAR metadata). Exits non-zero, saying what is wrong, otherwise.
#
# Usage: scripts/check-aar.sh AAR ABI [ABI ...]
set -euo pipefail

aar="${1:?usage: check-aar.sh AAR ABI [ABI ...]}"
shift
[[ $# -gt 0 ]] || { echo "check-aar: name the expected ABIs" >&2; exit 2; }
[[ -f "$aar" ]] || { echo "check-aar: no file $aar" >&2; exit 1; }

fail() { echo "check-aar: $aar: $*" >&2; exit 1; }

# Every entry, sorted, against the expected list (directories left out).
actual="$(unzip -Z1 "$aar" | grep -v '/$' | LC_ALL=C sort)"
expected="$( {
    printf '%s\n' AndroidManifest.xml classes.jar R.txt proguard.txt \
        META-INF/com/android/build/gradle/aar-metadata.properties
    for abi in "$@"; do echo "jni/$abi/liboske_ffi.so"; done
} | LC_ALL=C sort)"
[[ "$actual" == "$expected" ]] || fail "entries differ from the expected layout:
$(diff <(echo "$expected") <(echo "$actual") || true)"

manifest="$(unzip -p "$aar" AndroidManifest.xml)"
grep -q 'package="fi.oske"' <<<"$manifest" || fail "AndroidManifest.xml is not of package fi.oske"
for abi in "$@"; do
    # (od stops after 4 bytes: unzip's broken pipe is not an error here)
    magic="$( (unzip -p "$aar" "jni/$abi/liboske_ffi.so" || true) | od -An -c -N 4 | tr -d ' ')"
    [[ "$magic" == '177ELF' ]] || fail "jni/$abi/liboske_ffi.so is not an ELF library"
done

classes="$(unzip -p "$aar" classes.jar >"${TMPDIR:-/tmp}/oske-check-aar.$$.jar" && unzip -Z1 "${TMPDIR:-/tmp}/oske-check-aar.$$.jar")"
rm -f "${TMPDIR:-/tmp}/oske-check-aar.$$.jar"
for cls in fi/oske/Document.class fi/oske/Consultation.class fi/oske/CodesKt.class fi/oske/ProtocolException.class; do
    grep -qx "$cls" <<<"$classes" || fail "classes.jar has no $cls"
done
! grep -q '\.so$' <<<"$classes" || fail "classes.jar carries a native library: $(grep '\.so$' <<<"$classes")"

rules="$(unzip -p "$aar" proguard.txt)"
for rule in '-keep class com.sun.jna.** { *; }' '-keep class fi.oske.** { *; }'; do
    grep -qxF -- "$rule" <<<"$rules" || fail "proguard.txt lacks: $rule"
done
[[ -z "$(unzip -p "$aar" R.txt)" ]] || fail "R.txt is not empty"
metadata="$(unzip -p "$aar" META-INF/com/android/build/gradle/aar-metadata.properties)"
grep -qx 'aarFormatVersion=1.0' <<<"$metadata" \
    || fail "aar-metadata.properties lacks aarFormatVersion=1.0"
echo "ok: $aar has the AAR layout (ABIs: $*)"
