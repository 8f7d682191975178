"""Benchmark: validating one large measures.csv with oske vs pydantic v2.

Generates a measures table (default 200 000 rows, about 3 % of them broken in the
ways CSV exports break), validates it with `oske.validate_measures_csv` and with an
idiomatic pure-Python pydantic v2 implementation of the same rules
(`pydantic_measures.py`), checks that both find exactly the same rejected rows and
the same issues on the same lines, and prints the timings (best of `--repeat` runs)
as a Markdown table for BENCHMARKS.md.

    bash bindings-python/bench/run.sh            # builds oske, installs pydantic, runs this
    python bindings-python/bench/bench_measures.py --rows 200000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import oske  # noqa: E402

HEADER = [
    "plan_id", "region", "id", "title_fi", "title_sv", "title_en", "kind", "priority",
    "service_areas", "start", "end", "dates", "schedule_note", "frequency_min",
    "frequency_per", "frequency_note", "partners", "status", "network",
]
KINDS = ["workshop", "survey", "network", "event", "statement", "training", "meeting", "other"]
AREAS = ["child_protection", "older_people", "disability_services", "adult_social_work", "family_law"]
PARTNERS = ["Aksila", "Vaasan yliopisto", "Seinäjoen ammattikorkeakoulu", "THL", "Kuntaliitto"]

T = TypeVar("T")


def generate(path: Path, rows: int, seed: int = 2020) -> None:
    rnd = random.Random(seed)
    out = [",".join(HEADER)]
    for i in range(rows):
        month = rnd.randrange(1, 12)
        cells = {
            "plan_id": "sonet-botnia-plan-2020",
            "region": rnd.choice(["14", "15", "16"]),
            "id": f"m{i}",
            "title_fi": f"Toimenpide {i}: työpaja ja verkostotapaaminen",
            "title_sv": f"Åtgärd {i}" if rnd.random() < 0.3 else "",
            "title_en": f"Measure {i}: workshop and network meeting",
            "kind": rnd.choice(KINDS),
            "priority": f"p{rnd.randrange(1, 6)}",
            "service_areas": "|".join(rnd.sample(AREAS, rnd.randrange(0, 3))),
            "start": f"1.{month}.2020",
            "end": f"{rnd.randrange(1, 28)}.{month + 1}.2020",
            "dates": f"2020-{month:02d}-15" if rnd.random() < 0.2 else "",
            "schedule_note": "syksy 2020" if rnd.random() < 0.1 else "",
            "frequency_min": "", "frequency_per": "", "frequency_note": "",
            "partners": "|".join(rnd.sample(PARTNERS, rnd.randrange(0, 3))),
            "status": rnd.choice(["planned", "ongoing", "done", ""]),
            "network": "",
        }
        if rnd.random() < 0.15:
            cells["frequency_min"], cells["frequency_per"] = str(rnd.randrange(1, 5)), "year"
            cells["frequency_note"] = "vähintään 2 x vuodessa"
        r = rnd.random()
        if r < 0.005:
            cells["kind"] = "juhlaseminaari"  # csv.bad-value: rejected
        elif r < 0.010:
            cells["start"] = "31.2.2020"  # csv.bad-date: rejected
        elif r < 0.015:
            cells["title_fi"] = cells["title_sv"] = cells["title_en"] = ""  # text.missing
        elif r < 0.020:
            cells["start"], cells["end"] = "2020-12-01", "2020-01-01"  # period.reversed
        elif r < 0.025:
            cells["frequency_min"], cells["frequency_per"] = "0", "year"  # frequency.invalid
        elif r < 0.030:
            cells["end"] = ""  # csv.missing-value: rejected
        out.append(",".join(cells[h] for h in HEADER))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def best_of(n: int, f: Callable[[], T]) -> tuple[float, T]:
    best, result = float("inf"), None
    for _ in range(n):
        t0 = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - t0)
    assert result is not None
    return best, result


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> None:
    ap = argparse.ArgumentParser(description="oske vs pydantic v2 on one large measures.csv")
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "measures.csv"
        generate(path, args.rows)
        size = path.stat().st_size

        t_oske, check = best_of(args.repeat, lambda: oske.validate_measures_csv(path, name="measures.csv"))
        # Imported here: `generate` (which bench_dataframes.py uses) needs no pydantic.
        import pydantic_measures

        t_pyd, base = best_of(args.repeat, lambda: pydantic_measures.validate(path))

    # Same rules: the same rows rejected, for the same reasons, and the same issues.
    oske_rejected = [(r.line, r.codes) for r in check.rejected]
    pyd_rejected = [(line, codes) for line, codes, _ in base.rejected]
    assert oske_rejected == pyd_rejected, "the two implementations reject different rows"
    oske_issues = [(i.line, i.code) for i in check.report]
    assert oske_issues == base.issues, "the two implementations report different issues"
    assert check.rows == base.rows == args.rows and check.loaded == base.loaded

    codes: dict[str, int] = {}
    for _, code in oske_issues:
        codes[code] = codes.get(code, 0) + 1
    speedup = t_pyd / t_oske
    print(f"rows: {args.rows}, file: {size / 1e6:.1f} MB, rejected: {len(oske_rejected)}, issues: {len(oske_issues)}")
    print("issues by code: " + ", ".join(f"{k} {v}" for k, v in sorted(codes.items())))
    print()
    print("| implementation | time (best of %d) | rows/s | vs pydantic |" % args.repeat)
    print("|---|---:|---:|---:|")
    print(f"| oske {oske.__version__} `validate_measures_csv` | {t_oske:.3f} s | {args.rows / t_oske:,.0f} | {speedup:.1f}× |")
    print(f"| pydantic {metadata.version('pydantic')} (pure-Python rules) | {t_pyd:.3f} s | {args.rows / t_pyd:,.0f} | 1.0× |")
    print()
    print(f"machine: {cpu_model()}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}, "
          f"CPython {platform.python_version()}")
    if speedup < 10:
        print(f"WARNING: speedup {speedup:.1f}× is below the 10× target", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
