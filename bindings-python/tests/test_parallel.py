"""Bulk work across processes: objects pickle to workers, and a big table validated
in chunks on a ProcessPoolExecutor gives exactly the report of one process."""

from __future__ import annotations

import multiprocessing
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import oske

HEADER = "plan_id,region,id,title_fi,title_en,kind,priority,start,end,frequency_min,frequency_per,status"
KINDS = ["workshop", "survey", "network", "event", "statement", "training"]


def make_measures_csv(path: Path, rows: int, seed: int = 7) -> list[str]:
    """A big measures.csv with about 3 % bad rows of several kinds; returns its lines."""
    rnd = random.Random(seed)
    lines = [HEADER]
    for i in range(rows):
        start = datetime_text(rnd.randrange(1, 28), rnd.randrange(1, 12))
        end = datetime_text(28, 12)
        cells = ["plan", rnd.choice(["14", "15", "16"]), f"m{i}", f"Toimenpide {i}", f"Measure {i}",
                 rnd.choice(KINDS), f"p{rnd.randrange(1, 6)}", start, end, "", "", "planned"]
        r = rnd.random()
        if r < 0.005:
            cells[5] = "juhla"  # not a kind: rejected
        elif r < 0.010:
            cells[7] = "31.2.2020"  # not a date: rejected
        elif r < 0.015:
            cells[3] = cells[4] = ""  # no title: loaded, text.missing
        elif r < 0.020:
            cells[7], cells[8] = "2020-12-01", "2020-01-01"  # reversed: period.reversed
        elif r < 0.025:
            cells[9], cells[10] = "0", "year"  # frequency.invalid
        elif r < 0.030:
            cells[8] = ""  # half a period: csv.missing-value, rejected
        lines.append(",".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def datetime_text(day: int, month: int) -> str:
    return f"{day}.{month}.2020"


def check_chunk(chunk: bytes, line_offset: int) -> oske.MeasuresCheck:
    return oske.validate_measures_csv(chunk, name="measures.csv", line_offset=line_offset)


def validate_document(doc: oske.Document) -> oske.Report:
    return doc.validate(lang="fi")


def test_a_table_split_across_processes_gives_the_same_report(tmp_path: Path) -> None:
    path = tmp_path / "measures.csv"
    lines = make_measures_csv(path, 20_000)
    single = oske.validate_measures_csv(path, name="measures.csv")
    assert single.rows == 20_000
    codes = {c for r in single.rejected for c in r.codes}
    assert codes == {"csv.bad-value", "csv.bad-date", "csv.missing-value"}
    assert {"text.missing", "period.reversed", "frequency.invalid"} <= {i.code for i in single.report}
    assert 300 < len(single.report) < 900

    # Four chunks, each repeating the header; a chunk's first row is line 2 of the
    # chunk, and `first` + 1 of the file (the file's header is line 1).
    data = lines[1:]
    size = len(data) // 4 + 1
    jobs = []
    for first in range(0, len(data), size):
        chunk = "\n".join([HEADER, *data[first:first + size]]) + "\n"
        jobs.append((chunk.encode("utf-8"), first))  # line_offset = (first + 2) - 2
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        parts = list(pool.map(check_chunk, [c for c, _ in jobs], [o for _, o in jobs]))
    assert len(parts) == 4
    merged = oske.MeasuresCheck.merge(parts)
    assert merged == single
    assert merged.report == single.report
    assert merged.rejected == single.rejected
    assert (merged.rows, merged.loaded) == (single.rows, single.loaded)


def test_documents_travel_to_worker_processes() -> None:
    docs = [oske.Document.dataset(n) for n in oske.datasets()]
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        reports = list(pool.map(validate_document, docs))
    assert reports == [validate_document(d) for d in docs]
    assert [len(r) for r in reports] == [3, 4, 0, 0, 0]
    # The SONet BOTNIA plan quotes preliminary 2019 populations; the registry holds the final ones.
    assert [i.code for i in reports[0]] == ["population.registry-mismatch"] * 3
