"""Arrow out and DataFrames in: tables and reports through the Arrow PyCapsule
interface (polars, pyarrow, pandas), and tables given as DataFrames, Arrow streams or
lists of dicts validated by the CSV reader's own rules."""

from __future__ import annotations

import datetime
import decimal
import gc
import os
import subprocess
import sys
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]  # no stubs
import pytest

import oske

MEASURES = (
    "plan_id,region,id,title_fi,kind,start,end,frequency_min,frequency_per,service_areas\n"
    "p1,14,m1,Työpaja,workshop,1.3.2020,31.3.2020,2,year,child_protection|older_people\n"
    "p1,14,m2,Juhla,party,1.4.2020,,,,\n"
    "p1,14,m3,Kysely,survey,31.2.2020,,x,year,\n"
    "p2,14,m4,Orpo,survey,,,,,\n"
    "p1,15,m5,Verkosto,network,2020-05-01,2020-06-30,,,nope\n"
)
PLANS = "id,centre,title_fi,start,end\np1,sonet-botnia,Suunnitelma,1.1.2020,31.12.2020\n"


def every_table() -> list[tuple[oske.Document, str]]:
    out = []
    for name in oske.datasets():
        doc = oske.Document.dataset(name)
        out += [(doc, t) for t in oske.table_names() if doc.table_records(t)]
    return out


def rows(text: str) -> list[dict[str, str]]:
    lines = text.splitlines()
    header = lines[0].split(",")
    return [dict(zip(header, line.split(","))) for line in lines[1:]]


# ---- Arrow out -------------------------------------------------------------------


def test_every_table_of_every_dataset_goes_out_typed_and_equal_to_its_records() -> None:
    checked = 0
    for doc, name in every_table():
        t = doc.to_arrow(name)
        table = pa.table(t)
        # The release build makes its text arrays without arrow's checks: pyarrow's
        # full validation (offsets, UTF-8, views in their buffers) is the check.
        table.validate(full=True)
        assert table.num_rows == len(t) == t.num_rows
        assert table.column_names == t.column_names
        assert table.to_pylist() == doc.table_records(name), name
        assert pl.DataFrame(t).to_dicts() == doc.table_records(name), name
        checked += 1
    assert checked >= 20


def test_string_views_hold_the_same_values(botnia: oske.Document) -> None:
    checked = 0
    for doc, name in every_table():
        plain, view = doc.to_arrow(name), doc.to_arrow(name, strings="view")
        pa.table(view).validate(full=True)
        records = doc.table_records(name)
        assert pa.table(view).to_pylist() == records, name
        assert pl.DataFrame(view).to_dicts() == records, name
        assert pl.DataFrame(view).equals(pl.DataFrame(plain)), name
        assert doc.to_polars(name).equals(pl.DataFrame(view)), name
        # Only the text types differ: utf8 becomes utf8_view, in lists too.
        for (column, a), (_, b) in zip(plain.column_types, view.column_types):
            assert b == a.replace("Utf8", "Utf8View") if a.startswith(("Utf8", "List")) else b == a, column
        checked += 1
    assert checked >= 20
    types = dict(botnia.to_arrow("measures", strings="view").column_types)
    assert types["title_fi"] == "Utf8View"
    assert types["kind"] == "Dictionary(Int32, Utf8)"
    assert pa.table(botnia.to_arrow("measures", strings="view")).schema.field("partners").type == pa.list_(pa.string_view())
    frame = botnia.to_polars("measures", money="decimal")
    assert frame.schema["title_fi"] == pl.String and frame.schema["kind"] == pl.Categorical
    assert frame.schema["service_areas"] == pl.List(pl.String)
    with pytest.raises(oske.ArgumentError, match='strings must be "utf8" or "view"'):
        botnia.to_arrow("measures", strings="large_utf8")
    with pytest.raises(oske.ArgumentError, match='money must be "cents" or "decimal"'):
        botnia.to_polars("measures", money="euros")


def view_blocks(texts: list[str | None]) -> list[int]:
    """The sizes of the data blocks arrow's `StringViewBuilder` writes for `texts`:
    a text of more than 12 bytes goes into the block being written, or, when it
    does not fit, into a new one of twice the last size (16 KiB first, 2 MiB at most)
    or of the text's size if larger."""
    blocks: list[int] = []
    used, room, size = 0, 0, 8 * 1024
    for t in texts:
        n = len((t or "").encode())
        if n <= 12:
            continue
        if room - used < n:
            if used:
                blocks.append(used)
            size = min(size * 2, 2 * 1024 * 1024)
            used, room = 0, max(n, size)
        used += n
    return blocks + ([used] if used else [])


def test_string_views_are_laid_out_as_arrows_builder_lays_them_out(tmp_path: Any) -> None:
    # Texts of every length around the 12 bytes a view holds in itself, in ASCII
    # and in two-byte letters, and long ones that fill several blocks.
    folder = tmp_path / "views"
    oske.Document.dataset("sonet_botnia_plan_2020").write_csv_folder(folder)
    short = ["x" * k for k in range(1, 41)] + ["ä" * k for k in range(1, 21)] + ["aä" * k for k in range(1, 11)]
    n = 6000
    lines = ["plan_id,region,id,title_fi,title_en,kind,partners"]
    for i in range(n):
        lines.append(",".join([
            "sonet-botnia-plan-2020",
            "16",
            f"m{i}",
            short[i % len(short)] if i % 7 else "",
            f"Measure {i}: " + "workshop and network meeting " * (i % 5),
            "other",
            "|".join(short[(i + k) % len(short)] for k in range(i % 4)),
        ]))
    (folder / "measures.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    imp = oske.read_csv_folder(folder)
    assert imp.report.errors == [], imp.report.errors[:3]
    doc = imp.document
    records = doc.table_records("measures")
    table = pa.table(doc.to_arrow("measures", strings="view"))
    table.validate(full=True)
    pa.table(doc.to_arrow("measures")).validate(full=True)
    assert table.num_rows == n
    for column in ("title_fi", "title_en", "partners"):
        assert table.column(column).to_pylist() == [r[column] for r in records], column
    for column in ("title_fi", "title_en"):
        (chunk,) = table.column(column).chunks
        assert chunk.type == pa.string_view()
        assert [b.size for b in chunk.buffers()[2:]] == view_blocks([r[column] for r in records]), column
        assert chunk.null_count == sum(r[column] is None for r in records), column
    (partners,) = table.column("partners").chunks
    items = [item for r in records for item in r["partners"]]
    assert partners.values.to_pylist() == items
    assert [b.size for b in partners.values.buffers()[2:]] == view_blocks(items)
    assert partners.values.null_count == 0 and partners.values.buffers()[0] is None


def test_to_polars_without_polars_says_what_to_install(botnia: oske.Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(oske.MissingDependencyError, match=r'pip install "oske\[polars\]"'):
        botnia.to_polars("measures")


def generated_measures(tmp_path: Any, n: int) -> oske.Document:
    """The BOTNIA plan with `n` generated measures: every kind of cell, empty cells,
    and code values that first appear late in the table (so that a table built in
    parts meets them in a later part only)."""
    folder = tmp_path / f"measures-{n}"
    oske.Document.dataset("sonet_botnia_plan_2020").write_csv_folder(folder)
    header = (
        "plan_id,region,id,title_fi,title_sv,title_en,kind,priority,service_areas,start,end,dates,"
        "schedule_note,frequency_min,frequency_per,frequency_note,partners,status,network,"
        "frequency_qualifier,instruments"
    )
    kinds = ["workshop", "survey", "network", "event", "statement", "training", "meeting", "other"]
    areas = ["child_protection", "older_people", "disability_services", "adult_social_work", "family_law"]
    partners = ["Aksila", "Vaasan yliopisto", "Seinäjoen ammattikorkeakoulu", "THL"]
    lines = [header]
    for i in range(n):
        late = i >= n * 3 // 4
        lines.append(",".join([
            "sonet-botnia-plan-2020",
            ["14", "15", "16"][i % 3],
            f"m{i}",
            f"Toimenpide {i}: työpaja ja verkostotapaaminen" if i % 50 else "",
            f"Åtgärd {i}" if i % 3 == 0 else "",
            f"M{i}" if i % 7 else f"Measure {i}: workshop and network meeting",
            kinds[(i * 7) % len(kinds)] if late else kinds[i % 4],
            f"p{i % 5 + 1}" if i % 4 else "",
            "|".join(areas[: i % 4]),
            f"{i % 28 + 1}.{i % 11 + 1}.2020" if i % 9 else "",
            f"{i % 28 + 1}.12.2020" if i % 9 else "",
            "|".join(f"2021-0{k + 1}-1{k}" for k in range(i % 3)),
            "syksy 2020" if i % 10 == 0 else "",
            str(i % 4 + 1) if i % 6 == 0 else "",
            ("month" if late else "year") if i % 6 == 0 else "",
            "vähintään 2 x vuodessa" if i % 12 == 0 else "",
            "|".join(partners[i % 3 : i % 3 + i % 2 + 1]) if i % 5 else "",
            ("done" if late else "ongoing") if i % 2 else "",
            "",
            ("exactly" if late else "at_least") if i % 6 == 0 and i % 4 == 0 else "",
            "sosdigi|other:Oma mittari" if late and i % 8 == 0 else ("avain" if i % 8 == 0 else ""),
        ]))
    (folder / "measures.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    imp = oske.read_csv_folder(folder)
    assert imp.report.errors == [], imp.report.errors[:3]
    return imp.document


@pytest.mark.parametrize("n", [10_000, 50_000])
def test_a_large_table_built_in_parts_is_the_table(tmp_path: Any, n: int) -> None:
    doc = generated_measures(tmp_path, n)
    records = doc.table_records("measures")
    assert len(records) == n
    for strings in ("utf8", "view"):
        t = doc.to_arrow("measures", strings=strings)
        table = pa.table(t)
        table.validate(full=True)
        assert len(t) == table.num_rows == n
        assert table.to_pylist() == records, strings
        assert pl.DataFrame(t).to_dicts() == records, strings
        # The parts' dictionary columns share one dictionary, whose values come in
        # the order they first appear in the whole table.
        for column in ("kind", "frequency_per", "status", "frequency_qualifier"):
            chunks = table.column(column).chunks
            assert all(c.dictionary.equals(chunks[0].dictionary) for c in chunks), column
            seen = list(dict.fromkeys(r[column] for r in records if r[column] is not None))
            assert chunks[0].dictionary.to_pylist() == seen, column
        if strings == "utf8":
            plain = table
        else:
            assert table.cast(plain.schema).equals(plain)
    # One record batch for a small table; a large one in parts when there are cores.
    batches = pa.RecordBatchReader.from_stream(doc.to_arrow("measures")).read_all().to_batches()
    if n < 16_384 or (os.cpu_count() or 1) < 2:
        assert len(batches) == 1
    else:
        assert len(batches) == min(os.cpu_count() or 1, 4)
        assert abs(batches[0].num_rows - batches[-1].num_rows) <= 1
    frame = doc.to_dataframe("measures")
    assert [None if pd.isna(v) else v for v in frame["title_fi"].tolist()] == [r["title_fi"] for r in records]
    assert frame["title_fi"].isna().sum() == n // 50
    assert frame.shape == (n, 21)


def test_column_types(botnia: oske.Document, lapland: oske.Document) -> None:
    s = pa.table(botnia.to_arrow("measures")).schema
    assert s.field("start").type == pa.date32()
    assert s.field("kind").type == pa.dictionary(pa.int32(), pa.string())
    assert s.field("service_areas").type == pa.list_(pa.string())
    assert not s.field("service_areas").nullable
    assert s.field("dates").type == pa.list_(pa.date32())
    assert s.field("frequency_min").type == pa.int64()
    assert s.field("title_fi").type == pa.string()
    df = pl.DataFrame(botnia.to_arrow("measures"))
    assert df.schema["start"] == pl.Date
    assert df.schema["kind"] == pl.Categorical
    assert df.schema["partners"] == pl.List(pl.String)
    assert df.group_by("region").len().sort("region").rows() == [("14", 28), ("15", 35), ("16", 17)]

    funding = pa.table(lapland.to_arrow("funding_sources"))
    assert funding.schema.field("amount").type == pa.int64()
    assert funding.column("amount").to_pylist()[:2] == [137_115_200, 45_705_200]
    exact = pa.table(lapland.to_arrow("funding_sources", money="decimal"))
    assert exact.schema.field("amount").type == pa.decimal128(19, 2)
    assert exact.schema.field("stated_share_percent").type == pa.decimal128(19, 2)
    assert exact.column("amount").to_pylist()[:2] == [decimal.Decimal("1371152.00"), decimal.Decimal("457052.00")]
    # The seed states no share of the total (only of the operating year): no value.
    assert exact.column("stated_share_percent").to_pylist()[0] is None
    with pytest.raises(oske.ArgumentError, match='money must be "cents" or "decimal"'):
        lapland.to_arrow("funding_sources", money="euros")
    with pytest.raises(oske.ArgumentError, match='no table named "budget"'):
        lapland.to_arrow("budget")


def test_typed_columns_hold_the_seed_values_exactly(botnia: oske.Document, tmp_path: Any) -> None:
    """The arrays are built from the model, not from text: pin their exact values
    and raw encodings for the SONet BOTNIA seed, and check every cell against the
    standard CSV export read back by Python's own csv module (an independent path)."""
    t = pa.table(botnia.to_arrow("measures"))
    ids = t.column("id").to_pylist()
    ep51, po210 = ids.index("ep-5.1"), ids.index("po-2.10")
    assert t.num_rows == 80
    # Dates: date32, days since 1970-01-01.
    assert t.column("start").cast(pa.int32()).to_pylist()[po210] == 18262
    assert t.column("end").to_pylist()[po210] == datetime.date(2020, 12, 31)
    assert t.column("start").to_pylist()[ep51] is None
    assert t.column("dates").to_pylist()[ep51] == [datetime.date(2020, 5, 7)]
    assert t.column("dates").to_pylist()[po210] == []
    # Code lists: dictionary-encoded, each name once, in the order first seen.
    kind = t.column("kind").combine_chunks()
    assert kind.dictionary.to_pylist() == [
        "network", "steering_group", "other", "statement", "survey", "project_support", "workshop",
        "project_preparation", "event", "meeting", "themed_afternoon", "evaluation", "study_visit",
        "consultation", "publication",
    ]
    assert kind.indices.to_pylist()[:12] == [0, 1, 2, 3, 4, 5, 6, 5, 7, 2, 5, 0]
    assert kind.indices.type == pa.int32()
    qualifier = t.column("frequency_qualifier").combine_chunks()
    assert qualifier.dictionary.to_pylist() == ["exactly"]
    assert qualifier.to_pylist()[ep51] == "exactly" and qualifier.null_count == 79
    # Whole numbers, lists of texts and of code names.
    assert t.column("frequency_min").to_pylist()[ep51] == 1
    assert t.column("partners").to_pylist()[ep51] == ["sosiaalialan osaamiskeskusjohto"]
    assert t.column("service_areas").to_pylist()[po210] == [
        "child_protection", "disability_services", "substance_abuse_and_mental_health",
    ]
    assert t.column("instruments").to_pylist()[po210] == ["sosdigi", "arvoa", "avain"]
    # Empty text cells are nulls, not empty strings.
    assert t.column("title_sv").null_count == 80
    # Percentages: int64 basis points (0.75 % = 75), and decimal128 percent.
    special = pa.table(botnia.to_arrow("special_tasks"))
    assert special.column("grant_share_percent").to_pylist() == [75]
    assert special.column("year").to_pylist() == [2020]
    exact = pa.table(botnia.to_arrow("special_tasks", money="decimal"))
    assert exact.column("grant_share_percent").to_pylist() == [decimal.Decimal("0.75")]
    plans = pa.table(botnia.to_arrow("action_plans")).to_pylist()
    assert plans[0]["population_date"] == datetime.date(2019, 12, 31)
    assert plans[0]["population_total"] == 437_477
    assert plans[0]["instruments"] == ["avain", "arvoa", "sosdigi", "suuntima", "welfare_barometer"]

    # Every cell equals the standard CSV export's, read by Python's csv module.
    import csv

    botnia.write_csv_folder(tmp_path)
    with open(tmp_path / "measures.csv", encoding="utf-8", newline="") as f:
        written = list(csv.DictReader(f))
    assert len(written) == t.num_rows

    def text(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, list):
            return "|".join(text(x) for x in v)
        if isinstance(v, datetime.date):
            return v.isoformat()
        return str(v)

    for out, row in zip(t.to_pylist(), written):
        assert {k: text(v) for k, v in out.items()} == row


def test_an_empty_table_keeps_its_columns(botnia: oske.Document) -> None:
    t = botnia.to_arrow("meetings")
    assert len(t) == 0 and "date" in t.column_names
    assert pa.table(t).schema.field("date").type == pa.date32()
    assert pl.DataFrame(t).shape == (0, len(t.column_names))


def test_capsules_follow_the_pycapsule_interface(botnia: oske.Document) -> None:
    t = botnia.to_arrow("measures")
    assert repr(t) == "ArrowTable(rows=80, columns=21)"
    assert ("start", "Date32") in t.column_types
    # Each call gives a stream of its own; one never consumed is freed with its capsule.
    unused = t.__arrow_c_stream__()
    assert type(unused).__name__ == "PyCapsule"
    del unused
    gc.collect()
    assert pa.table(t).equals(pa.table(t))
    assert pa.schema(t) == pa.table(t).schema
    # A requested schema is accepted and ignored, as the interface allows.
    assert pa.RecordBatchReader.from_stream(t, schema=pa.schema(t)).read_all().num_rows == 80


def test_reports_and_checks_go_out_as_arrow(lapland: oske.Document) -> None:
    report = lapland.validate(lang="fi")
    table = pa.table(report)
    assert table.column_names == ["code", "severity", "pointer", "line", "column", "file", "field", "sheet", "message"]
    assert table.schema.field("code").type == pa.dictionary(pa.int32(), pa.string())
    assert table.schema.field("line").type == pa.uint64()
    assert table.to_pylist() == report.to_records()
    assert pl.DataFrame(report).to_dicts() == report.to_records()
    assert pa.table(report.to_arrow()).equals(table)
    assert pa.table(oske.Report()).num_rows == 0

    check = oske.validate_measures_csv(MEASURES.encode())
    frame = pl.DataFrame(check)
    assert frame.to_dicts() == check.report.to_records()
    assert frame.filter(pl.col("code") == "csv.bad-value")["line"].to_list() == [3, 6]
    assert pa.table(check.to_arrow()).num_rows == len(check.report)


def test_to_dataframe_through_pyarrow_is_the_frame_built_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    tables = every_table()
    fast = [doc.to_dataframe(name) for doc, name in tables]
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    slow = [doc.to_dataframe(name) for doc, name in tables]
    for (_, name), a, b in zip(tables, fast, slow):
        pd.testing.assert_frame_equal(a, b, check_exact=True, obj=name)
    m = fast[[n for _, n in tables].index("measures")]
    assert str(m["frequency_min"].dtype) == "Int64"
    assert isinstance(m["service_areas"][0], list)
    with pytest.raises(oske.MissingDependencyError, match="pip install pyarrow"):
        tables[0][0].to_dataframe(tables[0][1], dtype_backend="pyarrow")


def test_to_dataframe_with_the_pyarrow_backend(botnia: oske.Document) -> None:
    df = botnia.to_dataframe("measures", dtype_backend="pyarrow")
    assert isinstance(df["start"].dtype, pd.ArrowDtype)
    assert df["start"].dtype.pyarrow_dtype == pa.date32()
    records = botnia.table_records("measures")
    for column in ("start", "kind", "frequency_min", "service_areas"):
        values = [None if not isinstance(v, list) and pd.isna(v) else v for v in df[column].tolist()]
        assert values == [r[column] for r in records], column
    assert df["region"].value_counts().to_dict() == {"15": 35, "14": 28, "16": 17}
    with pytest.raises(oske.ArgumentError, match='dtype_backend must be "numpy_nullable" or "pyarrow"'):
        botnia.to_dataframe("measures", dtype_backend="numpy")


# ---- DataFrames in -----------------------------------------------------------------


def test_every_dataset_comes_back_from_every_kind_of_table() -> None:
    for name in oske.datasets():
        doc = oske.Document.dataset(name)
        tables = [t for t in oske.table_names() if doc.table_records(t)]
        arrow = {t: doc.to_arrow(t) for t in tables}
        given: list[dict[str, Any]] = [
            arrow,
            {t: pa.table(a) for t, a in arrow.items()},
            {t: pl.DataFrame(a) for t, a in arrow.items()},
            {t: doc.to_dataframe(t) for t in tables},
            {t: doc.to_dataframe(t, dtype_backend="pyarrow") for t in tables},
            {t: doc.table_records(t) for t in tables},
            {t: doc.to_arrow(t, money="decimal") for t in tables},
        ]
        for g in given:
            back = oske.load_tables(g)
            assert back.report.issues == [], (name, back.report)
            assert back.document == doc, name
            # The same issues; those of the tables read back also carry their cells.
            assert [(i.code, i.pointer, i.message) for i in back.validate()] == [
                (i.code, i.pointer, i.message) for i in doc.validate()
            ]


def csv_issues(text: str) -> list[tuple[str, int | None, str | None, str | None]]:
    imp = oske.read_tables({"action_plans.csv": PLANS.encode(), "measures.csv": text.encode()})
    return [(i.code, None if i.line is None else i.line - 2, i.field, i.message) for i in imp.report]


def frame_issues(imp: oske.CsvImport) -> list[tuple[str, int | None, str | None, str | None]]:
    return [(i.code, i.line, i.field, i.message) for i in imp.report]


@pytest.mark.parametrize("form", ["dicts", "pandas", "polars", "pyarrow"])
def test_a_frame_is_checked_as_the_csv_reader_checks_the_same_cells(form: str) -> None:
    given = rows(MEASURES)
    data: Any = {
        "dicts": given,
        "pandas": pd.DataFrame(given),
        "polars": pl.DataFrame(given),
        "pyarrow": pa.Table.from_pylist(given),
    }[form]
    imp = oske.load_tables({"action_plans": rows(PLANS), "measures": data})
    assert frame_issues(imp) == csv_issues(MEASURES)
    assert [(i.code, i.line, i.field, i.file) for i in imp.report] == [
        ("csv.bad-value", 1, "kind", "measures"),
        ("csv.missing-value", 1, "end", "measures"),
        ("csv.bad-date", 2, "start", "measures"),
        ("csv.missing-value", 2, "end", "measures"),
        ("csv.bad-integer", 2, "frequency_min", "measures"),
        ("csv.orphan-row", 3, "plan_id", "measures"),
        ("csv.bad-value", 4, "service_areas", "measures"),
    ]
    t = imp.tables[1]
    assert (t.table, t.rows, t.loaded) == ("measures", 5, 1)
    assert [r.line for r in t.rejected] == [1, 2, 3, 4]
    assert t.rejected[0].text == "p1,14,m2,Juhla,party,1.4.2020,,,,"
    assert t.rejected_csv().splitlines()[0] == MEASURES.splitlines()[0]


def test_pandas_without_pyarrow_is_read_value_by_value(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = pd.DataFrame(rows(MEASURES))
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    imp = oske.load_tables({"action_plans": pd.DataFrame(rows(PLANS)), "measures": frame})
    assert frame_issues(imp) == csv_issues(MEASURES)


def test_a_filtered_pandas_frame_keeps_positions_not_its_index() -> None:
    frame = pd.DataFrame(rows(MEASURES)).iloc[[1, 4]]
    assert list(frame.index) == [1, 4]
    # No plans given: both rows are orphans, at positions 0 and 1 of the frame.
    imp = oske.load_table(frame, "measures", name="measures (filtered)")
    assert [(i.code, i.line, i.field, i.file) for i in imp.report] == [
        ("csv.orphan-row", 0, "plan_id", "measures (filtered)"),
        ("csv.orphan-row", 1, "plan_id", "measures (filtered)"),
    ]
    assert imp.tables[0].file == "measures (filtered)"


def test_typed_values_become_the_cells_the_csv_reader_reads(lapland: oske.Document) -> None:
    others = {t: lapland.to_arrow(t) for t in oske.table_names() if t != "funding_sources" and lapland.table_records(t)}
    records = lapland.table_records("funding_sources")
    as_euros: list[dict[str, Any]] = []
    for i, r in enumerate(records):
        r = dict(r)
        cents = r["amount"]
        # Integers in a money column are cents; decimals, floats and text are euros.
        forms: list[Any] = [decimal.Decimal(cents) / 100, cents / 100, oske.format_cents(cents), cents]
        r["amount"] = forms[i % 4]
        r["stated_share_percent"] = None if r["stated_share_percent"] is None else r["stated_share_percent"] / 100
        as_euros.append(r)
    back = oske.load_tables({**others, "funding_sources": as_euros})
    assert back.report.issues == [], back.report
    assert back.document == lapland


def test_dates_and_missing_values_in_pandas_and_polars() -> None:
    given = {
        "plan_id": ["p1", "p1", "p1"],
        "region": [14, 14, 14],
        "id": ["m1", "m2", "m3"],
        "title_fi": ["A", "B", "C"],
        "kind": ["workshop", "survey", "event"],
        "start": [datetime.date(2020, 3, 1), None, datetime.date(2020, 4, 1)],
        "end": [datetime.date(2020, 3, 31), None, datetime.date(2020, 4, 2)],
        "frequency_min": [2, None, None],
        "frequency_per": ["year", None, None],
    }
    for frame in (pd.DataFrame(given), pl.DataFrame(given), pd.DataFrame(given).astype({"start": "datetime64[ns]", "end": "datetime64[ns]"})):
        imp = oske.load_tables({"action_plans": rows(PLANS), "measures": frame})
        assert imp.report.issues == [], (type(frame), imp.report)
        ms = imp.document.action_plans[0].sections[0].measures
        assert [m.schedule.period.start if m.schedule and m.schedule.period else None for m in ms] == [
            datetime.date(2020, 3, 1),
            None,
            datetime.date(2020, 4, 1),
        ]
        assert ms[0].frequency is not None and ms[0].frequency.min_times == 2
        assert ms[1].frequency is None


def test_a_time_of_day_is_not_a_date() -> None:
    frame = pl.DataFrame({"plan_id": ["p1"], "region": ["14"], "id": ["m1"], "title_fi": ["A"], "kind": ["event"], "start": [datetime.datetime(2020, 3, 1, 12, 30)], "end": [datetime.date(2020, 3, 2)]})
    imp = oske.load_tables({"action_plans": rows(PLANS), "measures": frame})
    assert [(i.code, i.line, i.field) for i in imp.report] == [("csv.bad-date", 0, "start")]
    assert "2020-03-01T12:30:00" in imp.report.issues[0].message


def test_headers_are_mapped_as_in_csv_files() -> None:
    frame = pl.DataFrame({"suunnitelma": ["p1"], "maakunta": ["14"], "tunniste": ["m1"], "otsikko_fi": ["A"], "tyyppi": ["tapahtuma"], "väri": ["sininen"]})
    imp = oske.load_tables({"action_plans": rows(PLANS), "toimenpiteet": frame})
    assert [(i.code, i.line, i.field) for i in imp.report] == [("csv.unknown-column", None, "väri")]
    assert imp.tables[1].loaded == 1
    missing = oske.load_table(pl.DataFrame({"id": ["m1"]}), "measures")
    assert [i.code for i in missing.report] == ["csv.missing-column"] * 3
    assert missing.tables[0].rejected[0].codes == ["csv.missing-column"]


def test_bad_tables_are_argument_errors() -> None:
    with pytest.raises(oske.ArgumentError, match="a table must be a pandas or polars DataFrame"):
        oske.load_table(42, "measures")  # type: ignore[arg-type]
    with pytest.raises(oske.ArgumentError, match="row 1 is not a dict"):
        oske.load_table([{"id": "m1"}, "m2"], "measures")  # type: ignore[list-item]
    with pytest.raises(oske.ArgumentError, match='no table named "budget"'):
        oske.load_tables({"budget": []})
    with pytest.raises(oske.ArgumentError, match='column "s" has the Arrow type Struct'):
        oske.load_table(pl.DataFrame({"id": ["m1"], "s": [{"a": 1}]}), "measures")

    class NotACapsule:
        def __arrow_c_stream__(self, requested_schema: object = None) -> object:
            return "stream"

    with pytest.raises(oske.ArgumentError, match="did not return a capsule"):
        oske.load_table(NotACapsule(), "measures")

    class WrongCapsule:
        def __arrow_c_stream__(self, requested_schema: object = None) -> object:
            return pa.schema([("id", pa.string())]).__arrow_c_schema__()

    with pytest.raises(oske.ArgumentError, match='did not return an "arrow_array_stream" capsule'):
        oske.load_table(WrongCapsule(), "measures")

    class Failing:
        def __arrow_c_stream__(self, requested_schema: object = None) -> object:
            raise RuntimeError("no stream today")

    with pytest.raises(RuntimeError, match="no stream today"):
        oske.load_table(Failing(), "measures")


def test_importing_oske_needs_neither_pyarrow_nor_polars() -> None:
    code = (
        "import sys\n"
        "for m in ('pandas', 'pyarrow', 'polars'): sys.modules[m] = None\n"
        "import oske\n"
        "doc = oske.Document.dataset('sonet_botnia_plan_2020')\n"
        "t = doc.to_arrow('measures')\n"
        "assert len(t) == 80 and t.__arrow_c_stream__() is not None\n"
        "back = oske.load_tables({n: doc.table_records(n) for n in oske.table_names() if doc.table_records(n)})\n"
        "assert back.document == doc\n"
        "assert not [m for m in ('pandas', 'pyarrow', 'polars') if sys.modules[m] is not None]\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "ok\n"


# ---- pandas frames of text: read straight from their strings ----------------------------


class OldRoute:
    """A pandas frame as `load_tables` read it before the direct read of text
    columns: through `__arrow_c_stream__` (pyarrow's `from_pandas`), or value by value
    when that fails. It hides `iloc`, so oske cannot tell that it is pandas."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.columns = frame.columns

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self.frame.__arrow_c_stream__(requested_schema)

    def __getitem__(self, key: Any) -> Any:
        return self.frame[key]


def loaded_as(imp: oske.CsvImport) -> tuple[Any, ...]:
    """Everything a load gives: the document, each issue whole, each table's counts and
    rejected rows (their text holds every cell of the row as a CSV line), and the
    rules' issues located through the source map."""
    return (
        imp.document,
        [(i.code, i.pointer, i.file, i.line, i.column, i.field, i.message) for i in imp.validate()],
        [(i.code, i.line, i.column, i.field, i.file, i.pointer, i.message) for i in imp.report],
        [(t.table, t.header, t.rows, t.loaded, [(r.line, r.text, r.codes) for r in t.rejected]) for t in imp.tables],
    )


NA_KINDS: list[Any] = [None, float("nan"), np.nan, pd.NA, pd.NaT, np.float64("nan")]


def text_frame(extra: dict[str, list[Any]] | None = None) -> pd.DataFrame:
    titles = ["Työpaja", "", "x,y", 'sanoi "hei"', "rivi\nkaksi", "🙂 ääkköset", None, pd.NA]
    n = len(titles)
    given: dict[str, list[Any]] = {
        "plan_id": ["p1"] * (n - 1) + [None],
        "region": ["14", "15", np.nan, "14", "Inari", "", "14", pd.NaT],
        "id": [f"m{i}" for i in range(n)],
        "title_fi": titles,
        "kind": ["workshop", "party", None, "survey", "event", "other", pd.NA, "event"],
        "start": ["1.3.2020", "2020-04-01", "31.2.2020", "", None, "1.1.2020", "x", np.nan],
        "end": [None] * n,
        "frequency_min": ["2", "", "x", None, "1", "-3", "2.5", pd.NA],
        "frequency_per": ["year", None, "week", "", "year", "month", None, "year"],
        "service_areas": ["child_protection|older_people", "", "nope", None, "a|b", "|", "older_people", None],
    }
    given.update(extra or {})
    frame = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in given.items()})
    assert all(d == object for d in frame.dtypes)
    return frame


def both_routes(frame: Any, with_plans: bool = True) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    plans = {"action_plans": rows(PLANS)} if with_plans else {}
    direct = oske.load_tables({**plans, "measures": frame})
    old = oske.load_tables({**plans, "measures": OldRoute(frame)})
    return loaded_as(direct), loaded_as(old)


def count_arrow_exports(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    export = pd.DataFrame.__arrow_c_stream__

    def counted(self: pd.DataFrame, requested_schema: Any = None) -> Any:
        calls[0] += 1
        return export(self, requested_schema)

    monkeypatch.setattr(pd.DataFrame, "__arrow_c_stream__", counted)
    return calls


@pytest.mark.parametrize("with_plans", [True, False])
def test_a_pandas_frame_of_text_reads_as_through_arrow_without_arrow(monkeypatch: pytest.MonkeyPatch, with_plans: bool) -> None:
    frame = text_frame()
    calls = count_arrow_exports(monkeypatch)
    direct, old = both_routes(frame, with_plans)
    assert calls[0] == 1  # the old route only
    assert direct == old
    # Without the plans every row is an orphan: the rejected rows hold every cell.
    if not with_plans:
        texts = [r[1] for r in direct[3][0][4]]
        assert texts[0] == "p1,14,m0,Työpaja,workshop,1.3.2020,,2,year,child_protection|older_people"
        assert texts[2] == "p1,,m2,\"x,y\",,31.2.2020,,x,week,nope"
        assert texts[4] == 'p1,Inari,m4,"rivi\nkaksi",event,,,1,year,a|b'
        assert texts[7] == ",,m7,,event,,,,year,"
    # The same figures as a pyarrow table given explicitly.
    plans = {"action_plans": rows(PLANS)} if with_plans else {}
    assert loaded_as(oske.load_tables({**plans, "measures": pa.Table.from_pandas(frame)})) == direct


@pytest.mark.parametrize("missing", NA_KINDS, ids=repr)
def test_every_missing_value_of_pandas_is_an_empty_cell(monkeypatch: pytest.MonkeyPatch, missing: Any) -> None:
    frame = text_frame({"title_sv": [missing] * 7 + ["Verkstad"], "end": [missing, "31.3.2020"] * 4})
    calls = count_arrow_exports(monkeypatch)
    direct, old = both_routes(frame, with_plans=False)
    assert calls[0] == 1
    assert direct == old


@pytest.mark.parametrize("missing", NA_KINDS, ids=repr)
def test_every_missing_value_of_pandas_is_an_empty_cell_read_value_by_value(missing: Any) -> None:
    # `title_sv` mixes an integer with text, which pyarrow refuses: the frame is read
    # value by value, where `pd.NaT` (a datetime to Python) was once written as a date.
    frame = pd.DataFrame(
        {
            "plan_id": ["p1"] * 4,
            "region": ["14"] * 4,
            "id": ["m0", "m1", "m2", "m3"],
            "title_fi": ["Työpaja"] * 4,
            "title_sv": [missing, "Verkstad", missing, 2],
            "kind": ["workshop"] * 4,
        },
        dtype=object,
    )
    imp = oske.load_tables({"action_plans": rows(PLANS), "measures": frame})
    assert list(imp.report) == []
    titles = {r["id"]: r["title_sv"] for r in imp.document.table_records("measures")}
    assert titles == {"m0": None, "m1": "Verkstad", "m2": None, "m3": "2"}


@pytest.mark.parametrize(
    "column",
    [
        [1, 2, 3, 4, 5, 6, 7, 8],  # integers: pyarrow makes an int64 column
        [1, None, 3, 4, 5, 6, 7, 8],
        ["1", 2, "3", 4, "5", 6, "7", 8],  # mixed: pyarrow refuses, read value by value
        ["2", 2.5, "x", None, "1", "", "2", "3"],  # a float among texts
        [2.0, 2.5, np.nan, None, 1.0, 0.0, 1e-7, 3.0],
        [True, False, None, True, True, False, True, False],
        [decimal.Decimal("2"), decimal.Decimal("2.50"), None, decimal.Decimal("NaN"), decimal.Decimal(1), decimal.Decimal(0), decimal.Decimal(3), decimal.Decimal(4)],
        [datetime.date(2020, 3, 1), None, datetime.date(2020, 3, 2), datetime.date(2020, 3, 3), datetime.date(2020, 3, 4), pd.NaT, datetime.date(2020, 3, 5), datetime.date(2020, 3, 6)],
        [datetime.datetime(2020, 3, 1), datetime.datetime(2020, 3, 1, 12, 30), None, datetime.datetime(2020, 3, 3), datetime.datetime(2020, 3, 4), datetime.datetime(2020, 3, 5), datetime.datetime(2020, 3, 6), datetime.datetime(2020, 3, 7)],
        [["child_protection", "older_people"], [], None, ["nope"], ["a"], ["b", "c"], ["older_people"], ["x"]],
        ["a", type("Sub", (str,), {})("b"), "c", "d", "e", "f", "g", "h"],  # a str subclass
        ["a", "\ud800", "c", "d", "e", "f", "g", "h"],  # an unpaired surrogate
        [np.int64(3), "x", None, "y", "z", "w", "v", "u"],
    ],
    ids=lambda c: type(c[1]).__name__ + "-" + type(c[0]).__name__,
)
@pytest.mark.parametrize("name", ["frequency_min", "service_areas", "start", "title_fi"])
def test_a_column_that_is_not_only_text_reads_as_before(column: list[Any], name: str) -> None:
    frame = text_frame({name: column})
    try:
        old = loaded_as(oske.load_tables({"measures": OldRoute(frame)}))
    except (ValueError, TypeError, UnicodeError) as e:
        with pytest.raises(type(e)):
            oske.load_tables({"measures": frame})
        return
    assert loaded_as(oske.load_tables({"measures": frame})) == old


def test_frames_pandas_exports_differently_keep_the_arrow_route(monkeypatch: pytest.MonkeyPatch) -> None:
    base = text_frame()
    frames = [
        base.iloc[[1, 4, 6]],  # an index that is not a range: pyarrow adds it as a column
        base.set_index("id"),  # a named index: pyarrow adds it as the column `id`
        base.rename_axis("rivi"),  # a named range index
        base.rename(columns={"title_fi": 7}),  # a column name that is not text
        base.astype({"region": "string"}),  # a column of another dtype
        base.assign(frequency_min=[2.0, np.nan, 3.0, np.nan, 1.0, 0.5, 2.0, np.nan]),  # floats
    ]
    calls = count_arrow_exports(monkeypatch)
    for i, frame in enumerate(frames):
        before = calls[0]
        direct, old = both_routes(frame, with_plans=False)
        assert direct == old, i
        assert calls[0] - before == 2 or i == 2, i  # both routes went through Arrow
    dup = pd.DataFrame([["p1", "m1", "A"]], columns=["plan_id", "id", "id"], dtype=object)
    with pytest.raises(Exception) as direct_error:
        oske.load_tables({"measures": dup})
    with pytest.raises(Exception) as old_error:
        oske.load_tables({"measures": OldRoute(dup)})
    assert (type(direct_error.value), str(direct_error.value)) == (type(old_error.value), str(old_error.value))


def large_text_frame(n: int) -> pd.DataFrame:
    """Rows of measures: every 97th row's plan is unknown (an orphan, rejected), every
    7th has no title (a missing value of each kind pandas has); the rest load."""
    kinds = ["workshop", "survey", "event", "network"]
    return pd.DataFrame(
        {
            "plan_id": pd.Series(["p1" if i % 97 else "p9" for i in range(n)], dtype=object),
            "region": pd.Series([["14", "15"][i % 2] for i in range(n)], dtype=object),
            "id": pd.Series([f"m{i}" for i in range(n)], dtype=object),
            "title_fi": pd.Series([f"Toimi {i}" if i % 7 else [np.nan, None, pd.NA][i % 3] for i in range(n)], dtype=object),
            "kind": pd.Series([kinds[i % 4] for i in range(n)], dtype=object),
            "start": pd.Series([f"{1 + i % 28}.{1 + i % 12}.2020" for i in range(n)], dtype=object),
            "end": pd.Series(["31.12.2020"] * n, dtype=object),
        }
    )


def rejected_of(n: int) -> int:
    return sum(1 for i in range(n) if i % 97 == 0)


@pytest.mark.parametrize("at", [0, 4_095, 4_096, 20_000, 49_999])
def test_a_large_frame_with_a_value_that_is_not_text_reads_as_before(at: int) -> None:
    # Large frames are mapped on a second thread part by part while they are
    # written: a value that is not text, in the first part or the last, sends the
    # frame the old way.
    frame = large_text_frame(50_000)
    frame.loc[at, "region"] = 14
    direct, old = both_routes(frame)
    assert direct == old
    t = direct[3][1]
    assert (t[2], t[3], len(t[4])) == (50_000, 50_000 - 516, 516)  # the orphans


def test_a_large_frame_and_another_table_fail_as_before() -> None:
    frame = large_text_frame(6_000)
    cases: list[dict[str, Any]] = [
        {"measures": frame, "action_plans": 3},
        {"measures": frame, "nope": rows(PLANS)},
        {"action_plans": 3, "measures": frame},
    ]
    for given in cases:
        with pytest.raises(Exception) as direct:
            oske.load_tables(given)
        with pytest.raises(Exception) as old:
            oske.load_tables({k: OldRoute(frame) if k == "measures" else v for k, v in given.items()})
        assert (type(direct.value), str(direct.value)) == (type(old.value), str(old.value))
    imp = oske.load_table(frame, "measures", name="iso")
    assert loaded_as(imp) == loaded_as(oske.load_table(OldRoute(frame), "measures", name="iso"))
    assert imp.tables[0].file == "iso" and imp.report.issues[0].file == "iso"


def test_a_large_frame_of_text_reads_as_through_arrow() -> None:
    for n in (4_999, 5_000, 50_000, 100_003):  # one thread, then two
        frame = large_text_frame(n)
        direct, old = both_routes(frame)
        assert direct == old
        t = direct[3][1]
        assert (t[2], t[3], len(t[4])) == (n, n - rejected_of(n), rejected_of(n))
        assert [r[0] for r in t[4][-2:]] == [i for i in range(n) if i % 97 == 0][-2:]
        # The rejected rows hold their cells (a missing value as an empty cell).
        for line, text, _ in t[4][-3:]:
            assert text == ",".join("" if pd.isna(v) else v for v in frame.iloc[line]), line


def frame_laid_out(layout: str, n: int) -> pd.DataFrame:
    """`large_text_frame(n)` with its values laid out in memory as `layout` says."""
    base = large_text_frame(n)
    if layout == "one block":  # pandas' own: one 2-D block, read in Fortran order
        return base
    if layout == "blocks":  # a column set anew: two blocks, `to_numpy` copies them
        frame = base.copy()
        frame["kind"] = frame["kind"].copy()
        return frame
    if layout == "C order":  # rows one after the other
        return pd.DataFrame(np.ascontiguousarray(base.to_numpy()), columns=base.columns)
    if layout == "every second row":  # a view with a stride of two rows
        return base.iloc[::2]
    assert layout == "reversed"  # negative strides: the Arrow route
    return base.iloc[::-1]


@pytest.mark.parametrize("layout", ["one block", "blocks", "C order", "every second row", "reversed"])
def test_a_large_frame_of_text_in_any_memory_layout_reads_as_through_arrow(monkeypatch: pytest.MonkeyPatch, layout: str) -> None:
    frame = frame_laid_out(layout, 12_001)
    strides = frame.to_numpy().strides
    assert (strides[0] > strides[1]) == (layout == "C order") or layout in ("every second row", "reversed")
    calls = count_arrow_exports(monkeypatch)
    direct, old = both_routes(frame)
    assert direct == old
    # Read in place but for negative strides, which go through Arrow.
    assert calls[0] == (2 if layout == "reversed" else 1)
    n = len(frame)
    t = direct[3][1]
    assert (t[2], t[3]) == (n, n - len(t[4]))
    # The rows keep their positions (0, 1, …), whatever the index or the layout.
    assert [r[0] for r in t[4][:2]] == [i for i in range(n) if frame["plan_id"].iloc[i] == "p9"][:2]
    last = t[4][-1]
    assert last[1] == ",".join("" if pd.isna(v) else v for v in frame.iloc[last[0]])


# ---- A string UTF-8 cannot encode (an unpaired surrogate) ---------------------------


def surrogate_given(form: str) -> Any:
    """The measures of `MEASURES` with an unpaired surrogate in m3's title, as `form`
    gives them: a pandas frame of text (read directly), the same frame through
    pyarrow or value by value (`OldRoute`), a pandas frame whose column is not only
    text (read value by value), a list of dicts, or a large frame (written in parts
    while a second thread maps them) with the surrogate in its row 7 001."""
    if form == "large":
        frame = large_text_frame(20_000)
        frame.loc[7_001, "title_fi"] = "Toimi \udfff"
        return frame
    given = rows(MEASURES)
    given[2]["title_fi"] = "Kysely \ud800"
    if form == "dicts":
        return given
    frame = pd.DataFrame(given, dtype=object)
    if form == "pandas-mixed":
        frame["frequency_min"] = pd.Series([2, None, "x", None, None], dtype=object)
    return OldRoute(frame) if form == "old-route" else frame


@pytest.mark.parametrize("form", ["pandas-text", "old-route", "pandas-mixed", "dicts", "large"])
def test_a_string_utf8_cannot_encode_rejects_its_row_at_the_cell(form: str) -> None:
    imp = oske.load_tables({"action_plans": rows(PLANS), "measures": surrogate_given(form)})
    bad = [i for i in imp.report if i.code == "csv.invalid-text"]
    assert len(bad) == 1
    (issue,) = bad
    line, shown = (7_001, "Toimi \\udfff") if form == "large" else (2, "Kysely \\ud800")
    assert (issue.file, issue.line, issue.column, issue.field) == ("measures", line, 4, "title_fi")
    assert issue.severity == "error"
    assert issue.message_in("en") == (
        f'the column "title_fi" contains bytes that are not valid in the character encoding UTF-8: "{shown}"'
    )
    assert issue.message_in("fi") == f'sarakkeessa "title_fi" on tavuja, jotka eivät ole merkistön UTF-8 mukaisia: "{shown}"'
    assert issue.message_in("sv") == (
        f'kolumnen "title_fi" innehåller byte som inte är giltiga i teckenkodningen UTF-8: "{shown}"'
    )
    measures = imp.tables[1]
    (row,) = [r for r in measures.rejected if r.codes == ["csv.invalid-text"]]
    assert row.line == line and shown in row.text
    # The row is not loaded; every other row is read as without the surrogate.
    ids = {r["id"] for r in imp.document.table_records("measures")}
    assert ("m3" if form != "large" else "m7001") not in ids and len(ids) == measures.loaded
    assert measures.rows == measures.loaded + len(measures.rejected)


def test_a_column_name_utf8_cannot_encode_is_an_argument_error() -> None:
    frame = pd.DataFrame(rows(MEASURES), dtype=object).rename(columns={"title_fi": "title\ud800"})
    givens: list[Any] = [frame, OldRoute(frame), frame.to_dict("records")]
    for given in givens:
        with pytest.raises(oske.ArgumentError) as e:
            oske.load_tables({"measures": given})
        assert e.value.messages == {
            "en": 'the column name "title\\ud800" is not text that UTF-8 can encode (it holds an unpaired surrogate)',
            "fi": 'sarakkeen nimi "title\\ud800" ei ole tekstiä, jonka merkistö UTF-8 voi esittää '
            "(siinä on merkki, jota ei voi koodata)",
            "sv": 'kolumnnamnet "title\\ud800" är ingen text som teckenkodningen UTF-8 kan återge '
            "(det innehåller ett tecken som inte kan kodas)",
        }


class StreamOnly:
    """An Arrow stream with no length: `load_tables` cannot tell its size, so it reads
    it whole on one thread (the route a large stream took before its rows were
    written part by part on a second thread while this one maps them)."""

    def __init__(self, data: Any) -> None:
        self.data = data

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self.data.__arrow_c_stream__(requested_schema)


@pytest.mark.parametrize("n", [4_999, 5_000, 50_003])
def test_a_large_arrow_stream_read_in_parts_reads_as_read_whole(n: int) -> None:
    clean = large_text_frame(n).astype(object).map(lambda v: None if pd.isna(v) else v)
    polars_frame = pl.from_pandas(clean)
    # A pyarrow table of batches of uneven sizes, across the parts' 4 096 rows.
    whole = pa.Table.from_pandas(clean, preserve_index=False)
    sizes, at = [1, 4_095, 4_097, 10_000, 7], 0
    batches: list[Any] = []
    while at < n:
        size = min(sizes[len(batches) % len(sizes)], n - at)
        batches.append(whole.slice(at, size).combine_chunks().to_batches()[0])
        at += size
    uneven = pa.Table.from_batches(batches, schema=whole.schema)
    plans = {"action_plans": rows(PLANS)}
    for given in (polars_frame, uneven):
        assert len(given) == n
        in_parts = loaded_as(oske.load_tables({**plans, "measures": given}))
        assert in_parts == loaded_as(oske.load_tables({**plans, "measures": StreamOnly(given)}))
        t = in_parts[3][1]
        assert (t[2], t[3], len(t[4])) == (n, n - rejected_of(n), rejected_of(n))
        # Lines go on across parts: the last rejected rows are where they are.
        assert [r[0] for r in t[4][-2:]] == [i for i in range(n) if i % 97 == 0][-2:]


def test_a_large_arrow_stream_failing_part_way_fails_as_read_whole() -> None:
    clean = large_text_frame(9_000).astype(object).map(lambda v: None if pd.isna(v) else v)
    good = pa.Table.from_pandas(clean, preserve_index=False)

    class Failing:
        def __len__(self) -> int:
            return 9_000

        def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
            def batches() -> Any:
                yield from good.to_batches(max_chunksize=4_000)[:2]
                raise ValueError("the source went away")

            return pa.RecordBatchReader.from_batches(good.schema, batches()).__arrow_c_stream__(requested_schema)

    with pytest.raises(oske.ArgumentError) as in_parts:
        oske.load_tables({"action_plans": rows(PLANS), "measures": Failing()})
    with pytest.raises(oske.ArgumentError) as whole:
        oske.load_tables({"action_plans": rows(PLANS), "measures": StreamOnly(Failing())})
    assert str(in_parts.value) == str(whole.value)
    assert "the source went away" in str(in_parts.value)
