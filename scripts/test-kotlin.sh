#!/usr/bin/env bash
# Tests the Kotlin binding as a user gets it, the Maven artifact fi.oske:oske:
#
#   1. scripts/install-kotlin.sh builds the size-tuned library, generates the
#      bindings, strips the library, packages the JAR and runs the binding's
#      tests and every conformance vector in tests/conformance against the
#      packaged JAR, then deploys it into a THROWAWAY repository (a temporary
#      directory; nothing of oske goes into ~/.m2);
#   2. the consumer project examples/kotlin (which depends on fi.oske:oske by
#      coordinates only) is built with that throwaway directory as its local
#      repository, its two programs run, and what they print is compared with
#      examples/kotlin/expected-output.txt and quickstart-output.txt
#      (OSKE_BLESS=1 rewrites those);
#   3. scripts/build-aar.sh assembles an Android archive with the host library
#      standing in for the Android ABIs, and scripts/check-aar.sh checks its layout.
#
# Third-party artifacts (Kotlin, JNA, plugins) come from the normal ~/.m2 cache:
# step 1 uses it as usual; step 2 reads it as a file repository before Maven Central.
#
# Usage: scripts/test-kotlin.sh [extra mvn arguments for step 1...]
# Needs: cargo, strip, a JDK (17+), Maven and unzip/zip.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in cargo java mvn strip zip unzip; do
    command -v "$tool" >/dev/null || { echo "test-kotlin: '$tool' not found on PATH" >&2; exit 1; }
done

pkgid="$(cargo pkgid -p oske)"
version="${pkgid##*[#@]}"

work="$(mktemp -d "${TMPDIR:-/tmp}/oske-kotlin-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
repo="$work/repo"

echo "==> install fi.oske:oske:$version into the throwaway repository $repo"
bash scripts/install-kotlin.sh --repo "$repo" "$@"
jar="$repo/fi/oske/oske/$version/oske-$version.jar"
for f in "$jar" "$repo/fi/oske/oske/$version/oske-$version-sources.jar" "$repo/fi/oske/oske/$version/oske-$version.pom"; do
    [[ -s "$f" ]] || { echo "test-kotlin: $f was not deployed" >&2; exit 1; }
done
entries="$(unzip -Z1 "$jar")"
grep -qx "linux-x86-64/liboske_ffi.so" <<<"$entries" \
    || { echo "test-kotlin: $jar has no linux-x86-64/liboske_ffi.so" >&2; exit 1; }
grep -q "<artifactId>jna</artifactId>" "$repo/fi/oske/oske/$version/oske-$version.pom" \
    || { echo "test-kotlin: the POM does not declare JNA" >&2; exit 1; }

echo "==> examples/kotlin: build against fi.oske:oske from $repo and run"
cat >"$work/settings.xml" <<XML
<settings>
  <localRepository>$repo</localRepository>
  <profiles>
    <profile>
      <id>m2-cache</id>
      <repositories>
        <repository><id>m2-cache</id><url>file://$HOME/.m2/repository</url></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>m2-cache</id><url>file://$HOME/.m2/repository</url></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>m2-cache</activeProfile></activeProfiles>
</settings>
XML
rm -rf examples/kotlin/target
mvn -B -ntp -q -Dstyle.color=never -s "$work/settings.xml" -f examples/kotlin/pom.xml \
    -Doske.version="$version" package
status=0
for pair in "field-app-output.txt:expected-output.txt" "quickstart-output.txt:quickstart-output.txt"; do
    got="examples/kotlin/target/${pair%%:*}"
    want="examples/kotlin/${pair##*:}"
    if [[ "${OSKE_BLESS:-}" == 1 ]]; then
        cp "$got" "$want"
    elif ! diff -u "$want" "$got"; then
        echo "test-kotlin: the output of examples/kotlin differs from $want" >&2
        status=1
    else
        echo "ok: $got is $want"
    fi
done
[[ "$status" == 0 ]] || exit 1

echo "==> Android archive, the host library standing in for every ABI"
host_lib="$root/bindings-kotlin/target/native/linux-x86-64/liboske_ffi.so"
aar="$work/oske-$version.aar"
bash scripts/build-aar.sh --jar "$jar" --out "$aar" \
    --abi "arm64-v8a=$host_lib" --abi "armeabi-v7a=$host_lib" --abi "x86_64=$host_lib"
bash scripts/check-aar.sh "$aar" arm64-v8a armeabi-v7a x86_64
echo "aar: $(wc -c <"$aar" | tr -d ' ') bytes"
# The check must be able to fail: the same archive does not pass for a different ABI list.
if bash scripts/check-aar.sh "$aar" arm64-v8a x86_64 2>/dev/null; then
    echo "test-kotlin: check-aar.sh accepted an AAR with an ABI it was not told of" >&2
    exit 1
fi
