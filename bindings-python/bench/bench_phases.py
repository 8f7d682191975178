"""Benchmark: the phases of oske's read + validate + polars hand-over of one measures
folder, next to `polars.read_csv` of its `measures.csv`, in one process.

The folder is the one `bench_dataframes.py` builds (the embedded SONet BOTNIA plan's
tables with `measures.csv` replaced by the generated rows of `bench_measures.py`); it
is written to `--folder` once and reused, so that two builds of oske can be timed
alternately on the same files (`PYTHONPATH=build-a python bench_phases.py ...`, then
`PYTHONPATH=build-b ...`, and again).

Prints one line per phase: best wall-clock time and best process CPU time of
`--repeat` runs, and the ratio of the whole path to polars. With `--pairs N`, then
times `polars.read_csv` and the whole path one after the other N times and prints the
median of the N pair ratios (wall and CPU): on a busy machine the steadier figure.

    python bindings-python/bench/bench_phases.py --folder /tmp/botnia --rows 200000 --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import polars as pl  # noqa: E402

import oske  # noqa: E402
from bench_measures import generate  # noqa: E402


def best_of(n: int, f: Callable[[], Any]) -> tuple[float, float, Any]:
    """Best wall-clock and best process CPU time of `n` runs, and the last result."""
    wall, cpu, result = float("inf"), float("inf"), None
    for _ in range(n):
        result = None
        t0, c0 = time.perf_counter(), time.process_time()
        result = f()
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu, result


def main() -> None:
    ap = argparse.ArgumentParser(description="phases of oske's measures path vs polars.read_csv")
    ap.add_argument("--folder", type=Path, required=True)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--label", default="")
    ap.add_argument("--pairs", type=int, default=0)
    ap.add_argument("--to-polars", action="store_true",
                    help="hand over with doc.to_polars() (string views) when oske has it")
    args = ap.parse_args()
    n, folder = args.repeat, args.folder
    measures = folder / "measures.csv"
    if not measures.exists():
        oske.Document.dataset("sonet_botnia_plan_2020").write_csv_folder(folder)
        generate(measures, args.rows)

    polars = best_of(n, lambda: pl.read_csv(measures))
    read = best_of(n, lambda: oske.read_csv_folder(folder))
    imp = read[2]
    validate = best_of(n, imp.validate)
    doc = imp.document
    views = args.to_polars and hasattr(oske.Document, "to_polars")
    strings = {"strings": "view"} if views else {}
    arrow = best_of(n, lambda: doc.to_arrow("measures", **strings))
    table = arrow[2]
    frame = best_of(n, lambda: pl.DataFrame(table))

    def whole() -> Any:
        i = oske.read_csv_folder(folder)
        i.validate()
        if views:
            return i.document.to_polars("measures")
        return pl.DataFrame(i.document.to_arrow("measures"))

    total = best_of(n, whole)
    assert total[2].height == frame[2].height

    phases = [
        ("polars.read_csv", polars),
        ("read_csv_folder", read),
        ("validate", validate),
        ("to_arrow", arrow),
        ("pl.DataFrame", frame),
        ("whole path", total),
    ]
    for name, (wall, cpu, _) in phases:
        print(f"{args.label}\t{name}\t{wall:.3f}\t{cpu:.3f}")
    print(f"{args.label}\tratio\t{total[0] / polars[0]:.2f}\t{total[1] / polars[1]:.2f}")
    if args.pairs:
        walls, cpus = [], []
        for _ in range(args.pairs):
            p = best_of(1, lambda: pl.read_csv(measures))
            o = best_of(1, whole)
            walls.append(o[0] / p[0])
            cpus.append(o[1] / p[1])
        print(f"{args.label}\tpaired ratio (median of {args.pairs})\t{statistics.median(walls):.2f}"
              f"\t{statistics.median(cpus):.2f}\t(CPU {min(cpus):.2f}–{max(cpus):.2f})")


if __name__ == "__main__":
    main()
