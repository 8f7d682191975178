"""Benchmark: oske in the data stack, on one 200 000-row measures folder.

In one run, best of `--repeat` each:

- the baseline: `polars.read_csv` of the folder's `measures.csv` (reads, types,
  validates nothing);
- oske reading the folder (`read_csv_folder`), validating the document
  (`CsvImport.validate`) and handing the measures over as a DataFrame: pandas through
  `Document.to_dataframe` (default and `dtype_backend="pyarrow"`) and polars through
  `polars.DataFrame(doc.to_arrow("measures"))` and `doc.to_polars("measures")` (string views);
- oske validating the same rows given as a DataFrame (polars and pandas, as
  `read_csv` gives them): `load_tables` + `validate`, against the CSV path (read the
  folder + validate). The script first checks that both paths report the same
  issues (code, column, row) and load the same document.

The folder is the embedded SONet BOTNIA plan's tables with its `measures.csv`
replaced by the generated rows of `bench_measures.py` (about 3 % of them broken).

    bash bindings-python/bench/run.sh            # builds oske, installs the bench's requirements
    BENCH=bench_dataframes.py bash bindings-python/bench/run.sh
    python bindings-python/bench/bench_dataframes.py --rows 200000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402

import oske  # noqa: E402
from bench_measures import generate  # noqa: E402

T = TypeVar("T")


CPU: dict[str, float] = {}


def best_of(n: int, f: Callable[[], T], label: str = "") -> tuple[float, T]:
    """Best wall-clock time of `n` runs (and, in CPU, the best process CPU time: on a
    busy shared machine the steady figure; polars' threads add up in it)."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(n):
        # The last run's result is freed before the clock starts, not inside it.
        result = None
        t0, c0 = time.perf_counter(), time.process_time()
        result = f()
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    assert result is not None
    CPU[label] = best_cpu
    return best, result


def machine() -> str:
    model, cores = "", os.cpu_count()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        ram = f"{int(mem.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        ram = "RAM unknown"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{model or platform.machine()}, {cores} logical CPUs, {ram}, load average {load:.1f} at the end, "
        f"{platform.system()} {platform.release()}, CPython {platform.python_version()}, "
        f"polars {metadata.version('polars')}, pyarrow {metadata.version('pyarrow')}, pandas {metadata.version('pandas')}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description="oske vs polars.read_csv on one measures folder")
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    n = args.repeat

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "botnia"
        base = oske.Document.dataset("sonet_botnia_plan_2020")
        base.write_csv_folder(folder)
        measures = folder / "measures.csv"
        generate(measures, args.rows)
        size = measures.stat().st_size
        others = {t: base.to_arrow(t) for t in oske.table_names() if t != "measures" and base.table_records(t)}

        t_polars, pl_frame = best_of(n, lambda: pl.read_csv(measures), "polars")

        def csv_path() -> tuple[oske.CsvImport, oske.Report]:
            imp = oske.read_csv_folder(folder)
            return imp, imp.validate()

        t_read, (imp, report) = best_of(n, csv_path, "read")
        doc = imp.document
        t_pandas, pd_frame = best_of(n, lambda: doc.to_dataframe("measures"), "pandas")
        t_pandas_arrow, _ = best_of(n, lambda: doc.to_dataframe("measures", dtype_backend="pyarrow"), "pandas_arrow")
        t_to_polars, out_frame = best_of(n, lambda: pl.DataFrame(doc.to_arrow("measures")), "to_polars")
        t_to_polars_views, views_frame = best_of(n, lambda: doc.to_polars("measures"), "to_polars_views")

        given_pl = pl.read_csv(measures)
        given_pd = pd.read_csv(measures, dtype=str, keep_default_na=False)

        def frame_path(frame: Any) -> tuple[oske.CsvImport, oske.Report]:
            loaded = oske.load_tables({**others, "measures": frame})
            return loaded, loaded.validate()

        t_in_pl, (in_pl, in_pl_report) = best_of(n, lambda: frame_path(given_pl), "in_pl")
        t_in_pd, (in_pd, in_pd_report) = best_of(n, lambda: frame_path(given_pd), "in_pd")

    # The same rows checked the same way: the same document, and the same issues
    # (a CSV line is the frame's row + 2: the header is line 1).
    def where(r: oske.Report, shift: int) -> list[tuple[str, str | None, int | None]]:
        return [(i.code, i.field, None if i.line is None else i.line + shift) for i in r]

    assert in_pl.document == doc and in_pd.document == doc, "a DataFrame loaded another document"
    # Both paths list issues under the same caps (IssueLimits: 1 000 per rule, the rest
    # summed up in `report.truncated`), so the lists are equal.
    assert where(in_pl_report, 2) == where(report, 0) == where(in_pd_report, 2), "different issues"
    measures_report = next(t for t in imp.tables if t.table == "measures")
    assert out_frame.height == len(pd_frame) == views_frame.height == measures_report.loaded

    def ratio(t: float) -> str:
        return f"{t / t_polars:.1f}×"

    c = CPU
    rows = [
        ("`polars.read_csv(measures.csv)` (baseline: reads, validates nothing)", t_polars, None, c["polars"]),
        ("oske `read_csv_folder` + `validate()`", t_read, None, c["read"]),
        ("… + `to_dataframe(\"measures\")` (pandas, default dtypes)", t_read + t_pandas, t_pandas, c["read"] + c["pandas"]),
        ("… + `to_dataframe(\"measures\", dtype_backend=\"pyarrow\")`", t_read + t_pandas_arrow, t_pandas_arrow,
         c["read"] + c["pandas_arrow"]),
        ("… + `polars.DataFrame(doc.to_arrow(\"measures\"))`", t_read + t_to_polars, t_to_polars, c["read"] + c["to_polars"]),
        ("… + `doc.to_polars(\"measures\")` (string views)", t_read + t_to_polars_views, t_to_polars_views,
         c["read"] + c["to_polars_views"]),
    ]
    print(f"rows: {args.rows}, measures.csv: {size / 1e6:.1f} MB, loaded: {measures_report.loaded}, "
          f"rejected: {len(measures_report.rejected)}, issues: {len(report)} listed from the CSV file, "
          f"{len(in_pl_report)} from the frame")
    print()
    print(f"| step (best of {n}) | total | of which the hand-over | vs polars.read_csv | CPU time | CPU vs polars |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, total, part, cpu in rows:
        print(f"| {label} | {total:.3f} s | {'' if part is None else f'{part:.3f} s'} | {ratio(total)} "
              f"| {cpu:.3f} s | {cpu / c['polars']:.1f}× |")
    print()
    print("| validating the rows (best of %d) | time | vs the CSV path | CPU time | CPU vs the CSV path |" % n)
    print("|---|---:|---:|---:|---:|")
    print(f"| CSV: `read_csv_folder` + `validate()` | {t_read:.3f} s | 1.0× | {c['read']:.3f} s | 1.0× |")
    print(f"| polars DataFrame (`pl.read_csv` typed): `load_tables` + `validate()` | {t_in_pl:.3f} s | {t_in_pl / t_read:.2f}× "
          f"| {c['in_pl']:.3f} s | {c['in_pl'] / c['read']:.2f}× |")
    print(f"| pandas DataFrame (text): `load_tables` + `validate()` | {t_in_pd:.3f} s | {t_in_pd / t_read:.2f}× "
          f"| {c['in_pd']:.3f} s | {c['in_pd'] / c['read']:.2f}× |")
    print()
    print(f"machine: {machine()}")


if __name__ == "__main__":
    main()
