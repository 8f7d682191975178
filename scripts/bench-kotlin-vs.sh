#!/usr/bin/env bash
# Kotlin call timings of two revisions, alternated: each revision's release artifact
# is built once, in its own temporary git worktree, as scripts/install-kotlin.sh
# builds it there (its own release-mobile library, its own generated bindings, the
# stripped library in its JAR); then ONE bench program (scripts/kotlin-bench, the
# operations of KotlinBenchTest, taken from THIS checkout, so both builds are timed
# by the same code) is compiled against each JAR and run in a fresh JVM per round,
# alternating base, new, base, new… for N rounds. Each run measures every operation
# twice (the first pass warms the JIT up) and prints the second pass's median of the
# timed calls per operation; the table gives, per operation and build, the best and
# the median of the N round medians, and the change of new against base in %.
#
# Usage: scripts/bench-kotlin-vs.sh BASE_REV NEW_REV [--rounds N] [--nice PRIO]
#                                   [--work DIR] [--out FILE]
#   --rounds N   alternating rounds (default 8)
#   --nice PRIO  run the timing JVMs under `nice -n PRIO`, each in a session of its
#                own whose autogroup gets PRIO as well (e.g. -15 as root; the builds
#                run at the caller's priority)
#   --work DIR   keep the worktrees, builds and per-round results in DIR and reuse
#                them on the next call (the worktrees are checked out at the given
#                revisions; cargo and Maven rebuild only what changed);
#                without it everything goes into a temporary directory, removed
#                with its worktrees on exit
#   --out FILE   also write the table (markdown) to FILE
#   --no-build   with --work: time the JARs already built there (the worktrees must
#                be at the given revisions)
# Needs: what scripts/install-kotlin.sh needs (cargo, strip, JDK 17+, Maven 3.8+,
# Maven Central for the plugins, JNA and the Kotlin standard library), python3.
# The "given text" rows time the plan's operations on the BASE revision's plan JSON
# in both builds (the embedded datasets differ between revisions); they are left
# out if the new build cannot read that text.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

usage() { sed -n '13,26p' "$0" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
base_rev="$1"
new_rev="$2"
shift 2
rounds=8
prio=""
work=""
out=""
no_build=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) rounds="${2:?}"; shift 2 ;;
        --nice) prio="${2:?}"; shift 2 ;;
        --work) work="${2:?}"; shift 2 ;;
        --out) out="${2:?}"; shift 2 ;;
        --no-build) no_build=1; shift ;;
        *) usage ;;
    esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "bench-kotlin-vs: --rounds needs a positive number" >&2; exit 2; }
for tool in cargo java mvn strip python3 git; do
    command -v "$tool" >/dev/null || { echo "bench-kotlin-vs: '$tool' not found on PATH" >&2; exit 1; }
done

declare -A rev
rev[base]="$(git rev-parse --verify "$base_rev^{commit}")"
rev[new]="$(git rev-parse --verify "$new_rev^{commit}")"

keep=1
if [[ -z "$work" ]]; then
    keep=0
    work="$(mktemp -d "${TMPDIR:-/tmp}/oske-kotlin-vs.XXXXXX")"
fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"
cleanup() {
    if [[ "$keep" == 0 ]]; then
        for side in base new; do
            [[ -d "$work/$side" ]] && git -C "$root" worktree remove --force "$work/$side" 2>/dev/null || true
        done
        rm -rf "$work"
        git -C "$root" worktree prune
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_src="$root/scripts/kotlin-bench/pom.xml"
[[ "$no_build" == 1 && "$keep" == 0 ]] && { echo "bench-kotlin-vs: --no-build needs --work DIR" >&2; exit 2; }
for side in base new; do
    wt="$work/$side"
    if [[ "$no_build" == 1 ]]; then
        [[ "$(git -C "$wt" rev-parse HEAD 2>/dev/null)" == "${rev[$side]}" ]] \
            || { echo "bench-kotlin-vs: --no-build: $wt is not at ${rev[$side]:0:10}" >&2; exit 1; }
        echo "==> $side: the build in $wt (${rev[$side]:0:10}) as it is"
    else
        if [[ -d "$wt" ]] && git -C "$wt" rev-parse HEAD >/dev/null 2>&1; then
            # --work: keep the worktree and its target directory, move it to the revision.
            echo "==> $side: reusing $wt, at ${rev[$side]:0:10}"
            git -C "$wt" checkout -q --detach "${rev[$side]}"
        else
            echo "==> $side: worktree $wt at ${rev[$side]:0:10}"
            git -C "$root" worktree add --detach "$wt" "${rev[$side]}" >/dev/null
        fi
        echo "==> $side: scripts/install-kotlin.sh (release-mobile library, bindings, JAR; no tests)"
        # --repo + maven.install.skip: the revision's JAR goes into a throwaway file
        # repository only, never into ~/.m2 (both revisions carry the same version).
        (cd "$wt" && bash scripts/install-kotlin.sh --repo "$work/repo-$side" --skip-tests \
            -Dmaven.test.skip=true -Dmaven.install.skip=true) >"$work/build-$side.log" 2>&1 \
            || { echo "bench-kotlin-vs: building $side failed, see $work/build-$side.log" >&2; tail -n 30 "$work/build-$side.log" >&2; exit 1; }
    fi
    version="$(cd "$wt" && pkgid="$(cargo pkgid -p oske)" && echo "${pkgid##*[#@]}")"
    jar="$wt/bindings-kotlin/target/oske-$version.jar"
    [[ -s "$jar" ]] || { echo "bench-kotlin-vs: no $jar" >&2; exit 1; }
    echo "    library $(wc -c <"$wt/bindings-kotlin/target/native/linux-x86-64/liboske_ffi.so" | tr -d ' ') bytes stripped; $jar"
    echo "==> $side: compiling scripts/kotlin-bench against that JAR"
    # From scratch: Maven would keep classes compiled against another build's JAR.
    rm -rf "$work/bench-$side"
    mvn -B -ntp -q -Dstyle.color=never -f "$bench_src" -Doske.jar="$jar" \
        -Dbench.build.dir="$work/bench-$side" compile >"$work/bench-build-$side.log" 2>&1 \
        || { echo "bench-kotlin-vs: compiling the bench for $side failed, see $work/bench-build-$side.log" >&2; tail -n 30 "$work/bench-build-$side.log" >&2; exit 1; }
done

cp_of() { echo "$work/bench-$1/classes:$(cat "$work/bench-$1/classpath.txt")"; }
java -cp "$(cp_of base)" fi.oske.bench.CallTimingsKt --write-plan "$work/base-plan.json"

runner=()
if [[ -n "$prio" ]]; then
    runner=(nice -n "$prio")
    # With the kernel's autogroup scheduling (sched_autogroup_enabled=1) the CPU is
    # shared between sessions first and by nice values only within one, so a nice
    # value alone does not lift the runs above other sessions' builds: each timing
    # JVM gets a session of its own whose autogroup takes the same nice value.
    if [[ "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null)" == 1 ]]; then
        runner=(setsid --wait bash -c 'echo "$0" >/proc/self/autogroup && exec nice -n "$0" "$@"' "$prio")
    fi
fi
rm -rf "$work/runs"
mkdir -p "$work/runs"
load_start="$(uptime)"
echo "==> $rounds rounds, alternating base and new${prio:+ (nice -n $prio)}; $load_start"
for ((r = 1; r <= rounds; r++)); do
    for side in base new; do
        "${runner[@]}" java -cp "$(cp_of "$side")" fi.oske.bench.CallTimingsKt \
            --json "$work/base-plan.json" --out "$work/runs/$side-$r.tsv"
    done
    echo "    round $r/$rounds done; $(uptime | sed 's/.*load average/load average/')"
done
load_end="$(uptime)"

python3 - "$work/runs" "$rounds" "${rev[base]}" "${rev[new]}" "$load_start" "$load_end" "$prio" >"$work/table.md" <<'PY'
import statistics, sys, pathlib
runs, rounds = pathlib.Path(sys.argv[1]), int(sys.argv[2])
base_rev, new_rev, load_start, load_end, prio = sys.argv[3:8]
data, labels, order = {}, {}, []
for side in ("base", "new"):
    for r in range(1, rounds + 1):
        for line in (runs / f"{side}-{r}.tsv").read_text().splitlines():
            key, us, label = line.split("\t")
            if key not in order:
                order.append(key)
            labels.setdefault((side, key), label)
            data.setdefault((side, key), []).append(float(us))
def fmt(x):
    return f"{x:,.1f}".replace(",", " ") if x < 100 else f"{x:,.0f}".replace(",", " ")
def pct(n, b):
    return f"{(n / b - 1) * 100:+.0f} %".replace("-", "−")
print(f"base {base_rev[:10]}, new {new_rev[:10]}; {rounds} rounds alternating base, new "
      f"(one JVM per run{', nice -n ' + prio if prio else ''}); each figure: the median of one run's timed calls, µs")
print()
print("| operation (from Kotlin, through JNA, stripped library) | base: best / median | new: best / median | change: best / median |")
print("|---|---:|---:|---:|")
worse = []
for key in order:
    b, n = data.get(("base", key)), data.get(("new", key))
    if not b or not n or len(b) != rounds or len(n) != rounds:
        continue
    label = labels[("new", key)]
    if labels[("base", key)] != label:
        label += f" (base: {labels[('base', key)]})"
    cb, cm = pct(min(n), min(b)), pct(statistics.median(n), statistics.median(b))
    if min(n) > 1.1 * min(b) or statistics.median(n) > 1.1 * statistics.median(b):
        worse.append(key)
    print(f"| {label} | {fmt(min(b))} / {fmt(statistics.median(b))} | {fmt(min(n))} / {fmt(statistics.median(n))} | {cb} / {cm} |")
print()
print(f"Worse by more than 10 % (best or median): {', '.join(worse) if worse else 'none'}.")
print()
print(f"Load at the start: {load_start.strip()}")
print(f"Load at the end:   {load_end.strip()}")
print()
print("Per-round medians (µs), base | new:")
for key in order:
    b, n = data.get(("base", key), []), data.get(("new", key), [])
    print(f"- {key}: {' '.join(fmt(x) for x in b)} | {' '.join(fmt(x) for x in n)}")
PY
{
    echo
    echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; $(uname -sr);"
    echo "JVM: $(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vm.name = //p') $(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p');"
    echo "JNA: $(tr ':' '\n' <"$work/bench-new/classpath.txt" | sed -n 's:.*/jna-\([0-9.]*\)\.jar$:\1:p')."
} >>"$work/table.md"
cat "$work/table.md"
[[ -n "$out" ]] && cp "$work/table.md" "$out"
exit 0
