#!/usr/bin/env bash
# The linker of the shipped mobile library (`-C linker=` of the final crate only,
# see scripts/install-kotlin.sh): it links the library twice from the same objects.
#
#   1. `<out>` without UniFFI's metadata: every `UNIFFI_META_*` static (the
#      interface description that only `uniffi-bindgen` reads, about 38 KB of data
#      plus 180 dynamic symbols) is taken out of rustc's export list, so that
#      `--gc-sections` drops it. Nothing at run time reads these statics; the
#      checksum functions the Kotlin code checks stay exported. UniFFI's
#      `ffi_*_rust_future_*` functions are taken out too (48 of them, about 17 KB
#      with their symbols): they serve `async` exports, which this library has
#      none of, and scripts/install-kotlin.sh removes their declarations from the
#      generated Kotlin (JNA's direct mapping looks every declared function up).
#   2. `<out's directory>/uniffi/<out's name>`, exactly as rustc asked (metadata
#      kept): the file `uniffi-bindgen generate` reads.
#
# The real linker is $OSKE_LINKER (default `cc`; for Android the NDK's clang).
set -euo pipefail

linker="${OSKE_LINKER:-cc}"
out=""
script=""
prev=""
for a in "$@"; do
    [[ "$prev" == "-o" ]] && out="$a"
    case "$a" in
        -Wl,--version-script=*) script="${a#-Wl,--version-script=}" ;;
    esac
    prev="$a"
done
if [[ -z "$out" || -z "$script" ]]; then
    echo "link-mobile: expected rustc's -o and -Wl,--version-script= arguments (a cdylib link)" >&2
    exit 1
fi

# 2. With the metadata, for the bindgen.
full="$(dirname "$out")/uniffi/$(basename "$out")"
mkdir -p "$(dirname "$full")"
args=()
prev=""
for a in "$@"; do
    if [[ "$prev" == "-o" ]]; then a="$full"; fi
    args+=("$a")
    prev="$a"
done
"$linker" "${args[@]}"

# 1. Without it: the export list minus the metadata statics and the futures. With
#    identical code folding (lld `--icf=all`: functions and constants whose bytes are
#    the same are kept once; Rust does not promise distinct addresses for them).
grep -v -e 'UNIFFI_META_' -e '_rust_future_' "$script" >"$script.mobile"
args=(-Wl,--icf=all)
for a in "$@"; do
    [[ "$a" == "-Wl,--version-script=$script" ]] && a="-Wl,--version-script=$script.mobile"
    args+=("$a")
done
exec "$linker" "${args[@]}"
