"""CSV tables: reading folders and tables, rejected rows, writing, typed records."""

from __future__ import annotations

import datetime
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest

import oske

MEASURES = (
    "plan_id;region;id;title_fi;kind;start;end\n"
    "p1;14;m1;Työpaja;workshop;1.3.2020;31.3.2020\n"
    "p1;14;m2;Selvitys;survey;1.4.2020;\n"
    "p1;14;m3;Juhla;party;1.4.2020;1.5.2020\n"
    "p1;14;m4;;other;1.4.2020;1.3.2020\n"
)


@pytest.mark.parametrize("dialect", ["standard", "excel-fi"])
def test_every_dataset_round_trips_through_a_folder(tmp_path: Path, dialect: str) -> None:
    for name in oske.datasets():
        doc = oske.Document.dataset(name)
        folder = tmp_path / f"{name}-{dialect}"
        written = doc.write_csv_folder(folder, dialect)
        assert written and all(Path(p).parent == folder for p in written)
        back = oske.read_csv_folder(folder)
        assert back.report.issues == [], back.report
        assert back.rejected_count == 0 and not back.has_errors
        assert back.document == doc
        # The same issues, each now also at the cell it was read from.
        located, plain = back.validate(), doc.validate()
        assert [(i.code, i.pointer, i.message) for i in located] == [
            (i.code, i.pointer, i.message) for i in plain
        ]
        assert all(i.file is not None and i.line is not None for i in located)
        assert all(i.file is None for i in plain)
        # In memory too.
        assert oske.read_tables(doc.to_csv_tables(dialect)).document == doc


def test_dialects_write_what_they_say(botnia: oske.Document) -> None:
    standard = botnia.to_csv_tables()["measures.csv"]
    excel = botnia.to_csv_tables("excel-fi")["measures.csv"]
    assert standard.startswith(b"plan_id,region,id,title_fi,")
    assert excel.startswith(b"\xef\xbb\xbfplan_id;region;id;title_fi;")
    assert b"\r\n" in excel and b"\r\n" not in standard
    with pytest.raises(oske.ArgumentError, match='unknown dialect "excel-se"'):
        botnia.to_csv_tables("excel-se")


def test_read_table_reports_rows_with_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "toimenpiteet.csv"  # the Finnish name of measures.csv
    path.write_text(MEASURES, encoding="utf-8")
    imp = oske.read_table(path)
    [table] = imp.tables
    assert (table.file, table.table, table.encoding, table.encoding_source, table.delimiter) == (
        str(path), "measures", "utf-8", "detected", ";",
    )
    assert (table.rows, table.loaded) == (4, 0)
    # measures.csv alone: every row names a plan that action_plans.csv does not have.
    assert [(i.code, i.line, i.column, i.field) for i in imp.report] == [
        ("csv.orphan-row", 2, 1, "plan_id"),
        ("csv.orphan-row", 3, 1, "plan_id"),
        ("csv.orphan-row", 4, 1, "plan_id"),
        ("csv.orphan-row", 5, 1, "plan_id"),
    ]
    assert imp.report[0].file == str(path)
    assert imp.report[0].message == 'the row belongs to action plan "p1", which is not in the table action_plans'
    assert imp.has_errors and imp.rejected_count == 4
    same = oske.read_table(MEASURES.encode(), name="measures.csv")
    assert [i.code for i in same.report] == ["csv.orphan-row"] * 4
    assert same.report[0].file == "measures.csv"
    with pytest.raises(oske.ArgumentError, match="name= is needed with bytes"):
        oske.read_table(MEASURES.encode())


def test_a_csv_export_with_bad_rows(tmp_path: Path, botnia: oske.Document) -> None:
    folder = tmp_path / "export"
    botnia.write_csv_folder(folder, "excel-fi")
    measures = folder / "measures.csv"
    lines = measures.read_bytes().decode("utf-8-sig").split("\r\n")
    header = lines[0].split(";")
    row = lines[1].split(";")
    row[header.index("kind")] = "juhla"
    lines[1] = ";".join(row)
    row = lines[2].split(";")
    row[header.index("start")] = "31.2.2020"
    row[header.index("end")] = "31.3.2020"
    lines[2] = ";".join(row)
    measures.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))

    imp = oske.read_csv_folder(folder)
    [mt] = [t for t in imp.tables if t.table == "measures"]
    assert (mt.rows, mt.loaded, [r.line for r in mt.rejected]) == (80, 78, [2, 3])
    assert [r.codes for r in mt.rejected] == [["csv.bad-value"], ["csv.bad-date"]]
    assert mt.rejected[0].text == lines[1]
    assert mt.rejected_csv() == lines[0] + "\r\n" + lines[1] + "\r\n" + lines[2] + "\r\n"
    assert [(i.code, i.line, i.field) for i in imp.report] == [
        ("csv.bad-value", 2, "kind"),
        ("csv.bad-date", 3, "start"),
    ]
    fi = imp.report.in_lang("fi")
    assert all(i.message != i.message_in("en") for i in fi)
    out = tmp_path / "rejected.csv"
    mt.write_rejected(out)
    assert out.read_bytes() == b"\xef\xbb\xbf" + mt.rejected_csv().encode("utf-8")
    # Validation of what loaded comes after the reading issues.
    report = imp.validate(lang="sv")
    assert report.codes_and_pointers()[:2] == imp.report.codes_and_pointers()
    assert len(imp.document.action_plans[0].sections[0].measures) == 26


def test_read_options(tmp_path: Path) -> None:
    text = "plan_id\tregion\tid\ttitle_fi\tkind\n" "p1\t14\tm1\tPäivä\tevent\n"
    data = text.encode("cp1252")
    imp = oske.read_table(data, name="measures.csv", encoding="windows-1252", delimiter="tab")
    [t] = imp.tables
    assert (t.encoding, t.encoding_source, t.delimiter) == ("windows-1252", "named", "\t")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"encoding": "ebcdic"}, 'unknown encoding "ebcdic"'),
        ({"delimiter": "::"}, "delimiter must be one ASCII character"),
        ({"decimal": "roman"}, "decimal:"),
    ]
    for kwargs, pattern in cases:
        with pytest.raises(oske.ArgumentError, match=pattern):
            oske.read_table(data, name="measures.csv", **kwargs)
    with pytest.raises(oske.LoadError) as info:
        oske.read_csv_folder(tmp_path / "nowhere")
    assert (info.value.kind, info.value.file) == ("io", str(tmp_path / "nowhere"))
    with pytest.raises(oske.LoadError) as info:
        oske.read_table(tmp_path / "measures.csv")
    assert info.value.kind == "io"


def test_validate_measures_csv() -> None:
    check = oske.validate_measures_csv(MEASURES.encode())
    assert (check.file, check.rows, check.loaded) == ("measures.csv", 4, 2)
    assert [(r.line, r.codes) for r in check.rejected] == [(3, ["csv.missing-value"]), (4, ["csv.bad-value"])]
    assert [(i.code, i.line, i.field) for i in check.report] == [
        ("csv.missing-value", 3, "end"),
        ("csv.bad-value", 4, "kind"),
        ("text.missing", 5, "title_fi"),
        ("period.reversed", 5, "start"),
    ]
    assert check.has_errors
    shifted = oske.validate_measures_csv(MEASURES.encode(), line_offset=100)
    assert [r.line for r in shifted.rejected] == [103, 104]
    assert [i.line for i in shifted.report] == [103, 104, 105, 105]
    assert pickle.loads(pickle.dumps(check)) == check
    assert check.rejected_csv() == (
        "plan_id;region;id;title_fi;kind;start;end\r\n"
        "p1;14;m2;Selvitys;survey;1.4.2020;\r\n"
        "p1;14;m3;Juhla;party;1.4.2020;1.5.2020\r\n"
    )


def test_table_records_are_typed(lapland: oske.Document, botnia: oske.Document) -> None:
    sources = lapland.table_records("funding_sources")
    assert [(r["scope"], r["funder"], r["amount"], r["stated_share_percent"]) for r in sources] == [
        ("project", "stm", 137_115_200, None),
        ("project", "municipalities", 45_705_200, None),
        ("annual", "municipalities", 14_200_000, 2500),
        ("annual", "stm", 42_600_000, 7500),
    ]
    plans = botnia.table_records("action_plans")
    assert plans[0]["start"] == datetime.date(2020, 1, 1)
    measures = botnia.table_records("measures")
    assert len(measures) == 80
    assert all(isinstance(m["service_areas"], list) for m in measures)
    assert botnia.table_records("meetings") == []
    with pytest.raises(oske.ArgumentError, match='no table named "budget"'):
        botnia.table_records("budget")
    assert "measures" in oske.table_names() and len(oske.table_names()) == 30


def test_table_dataframes(lapland: oske.Document, botnia: oske.Document) -> None:
    df = lapland.to_dataframe("funding_sources")
    assert str(df["amount"].dtype) == "Int64"
    assert df["amount"].sum() == 182_820_400 + 56_800_000
    m = botnia.to_dataframe("measures")
    assert list(m.columns) == list(botnia.table_records("measures")[0])
    assert m.groupby("region").size().to_dict() == {"14": 28, "15": 35, "16": 17}
    assert str(m["frequency_min"].dtype) == "Int64"
    empty = botnia.to_dataframe("meetings")
    assert len(empty) == 0 and "date" in empty.columns


def test_table_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch, botnia: oske.Document) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(oske.MissingDependencyError):
        botnia.to_dataframe("measures")
    assert len(botnia.table_records("measures")) == 80  # records need no pandas


def test_csv_objects_pickle(tmp_path: Path) -> None:
    imp = oske.read_table(MEASURES.encode(), name="measures.csv")
    back = pickle.loads(pickle.dumps(imp))
    assert back == imp
    assert back.tables == imp.tables and back.report == imp.report
    row = imp.tables[0].rejected[0]
    assert pickle.loads(pickle.dumps(row)) == row
    assert row.to_dict() == {"line": 2, "text": "p1;14;m1;Työpaja;workshop;1.3.2020;31.3.2020", "codes": ["csv.orphan-row"]}
    assert repr(row) == "RejectedRow(line=2, codes=['csv.orphan-row'], text='p1;14;m1;Työpaja;workshop;1.3.2020;31.3.2020')"


# ---- names where codes are expected (issue 9) -----------------------------------

NAMES_PROJECTS = "tunniste;nimi_fi;alku;loppu\nlappi;Lapin hanke;1.1.2020;31.12.2021\n"
NAMES_TEAMS = (
    "hanke;tunniste;kotikunta;alueen_kunnat\n"
    "lappi;pohjoinen;Inari;Inari|Sodankylä, Utsjoki\n"
    "lappi;itä;Inarii;320\n"
)
OTHER_REGISTRY = (
    '{"format_version": 2, "name": "test", "coverage": {"start": "2002-01-01", "end": "2030-12-31"},'
    ' "regions": [{"code": "19", "name": {"fi": "Lappi"}}],'
    ' "municipalities": [{"code": "148", "name": {"fi": "Anar"}, "regions": [{"region": "19"}]}]}'
)


def test_names_in_code_cells_are_read_as_codes(tmp_path: Path) -> None:
    (tmp_path / "hankkeet.csv").write_text(NAMES_PROJECTS, encoding="utf-8")
    (tmp_path / "tiimit.csv").write_text(NAMES_TEAMS, encoding="utf-8")
    imp = oske.read_csv_folder(tmp_path)
    assert [(i.code, i.line, i.column, i.field) for i in imp.report] == [
        ("csv.name-resolved", 2, 3, "kotikunta"),
        ("csv.name-resolved", 2, 4, "alueen_kunnat"),
        ("csv.name-resolved", 2, 4, "alueen_kunnat"),
        ("csv.name-resolved", 2, 4, "alueen_kunnat"),
        ("csv.unknown-name", 3, 3, "kotikunta"),
    ]
    assert imp.report.issues[0].message == (
        '"Inari" in the column "kotikunta" was read as the municipality Inari (148), '
        "on the registry's map of 1 January 2020"
    )
    assert imp.report.issues[4].pointer == "/projects/0/teams/1/base_municipality"
    team = imp.document.to_dict()["projects"][0]["teams"][0]
    assert team["base_municipality"] == "148"
    assert team["area_municipalities"] == ["148", "758", "890"]
    # The same through in-memory records and read_tables.
    records = [
        {"project_id": "lappi", "id": "t", "base_municipality": "kemijarvi"},
    ]
    projects = [{"id": "lappi", "name_fi": "Hanke", "start": "1.1.2020", "end": "31.12.2021"}]
    loaded = oske.load_tables({"projects": projects, "teams": records})
    assert [i.code for i in loaded.report] == ["csv.name-resolved"]
    assert loaded.document.to_dict()["projects"][0]["teams"][0]["base_municipality"] == "320"


def test_names_in_code_cells_use_the_registry_given(tmp_path: Path) -> None:
    reg = oske.Registry.from_json(OTHER_REGISTRY)
    files = {"hankkeet.csv": NAMES_PROJECTS.encode(), "tiimit.csv": NAMES_TEAMS.encode()}
    imp = oske.read_tables(files, registry=reg)
    assert [i.code for i in imp.report] == ["csv.unknown-name"] * 5
    one = oske.read_tables(
        {"hankkeet.csv": NAMES_PROJECTS.encode(), "tiimit.csv": b"hanke;tunniste;kotikunta\nlappi;t;anar\n"},
        registry=reg,
    )
    assert [i.code for i in one.report] == ["csv.name-resolved"]
    records = [{"project_id": "lappi", "id": "t", "base_municipality": "Anar"}]
    projects = [{"id": "lappi", "name_fi": "Hanke", "start": "1.1.2020", "end": "31.12.2021"}]
    loaded = oske.load_tables({"projects": projects, "teams": records}, registry=reg)
    assert [i.code for i in loaded.report] == ["csv.name-resolved"]
    teams = oske.load_table(records, "teams", registry=reg)
    # A team alone: its project is not there, so the row is an orphan.
    assert "csv.orphan-row" in [i.code for i in teams.report]
