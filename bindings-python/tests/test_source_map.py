"""Every issue at its cell: validation issues of a document read from CSV files or a
workbook carry the file, sheet, line (or sheet row) and column of the cell their
value was read from, beside their JSON Pointer."""

import datetime
import json
import pickle
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import oske

TABLE_VECTORS = Path(__file__).resolve().parents[2] / "tests" / "tables-conformance"

FILES = {
    "action_plans.csv": "id,centre,title_fi,start,end\r\np1,sonet-botnia,Suunnitelma,1.1.2020,31.12.2021\r\n",
    "measures.csv": "plan_id,region,id,title_fi,kind\r\np1,14,m1,T,workshop\r\np1,99,m2,U,workshop\r\n",
    "projects.csv": "id,name_fi,start,end,budget_total\r\nP1,Hanke,1.1.2020,31.12.2022,1000\r\n",
    "organisations.csv": "project_id,id,name_fi\r\nP1,o1,Org\r\n",
    "funding_sources.csv": "project_id,scope,funder,amount\r\nP1,project,o1,900\r\n",
    "teams.csv": "project_id,id,base_municipality,area_municipalities\r\nP1,T1,005,005|999|010\r\n",
}


def places(report: oske.Report) -> list[tuple[object, ...]]:
    return [
        (i.code, i.pointer, Path(i.file).name if i.file else None, i.sheet, i.line, i.column, i.field)
        for i in report
    ]


def test_validation_issues_of_a_csv_folder_are_at_their_cells(tmp_path: Path) -> None:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    imp = oske.read_csv_folder(tmp_path)
    assert len(imp.report) == 0
    report = imp.validate()
    assert places(report) == [
        ("registry.unknown-code", "/action_plans/0/sections/1/region", "measures.csv", None, 3, 2, "region"),
        (
            "registry.unknown-code",
            "/projects/0/teams/0/area_municipalities/1",
            "teams.csv",
            None,
            2,
            4,
            "area_municipalities",
        ),
        ("sum.budget-sources", "/projects/0/budget/total", "projects.csv", None, 2, 5, "budget_total"),
    ]
    (team,) = [i for i in report if i.pointer.startswith("/projects/0/teams/0")]
    assert team.file == str(tmp_path / "teams.csv")
    # The place is in the records and survives pickling of the import.
    rec = report.to_records()[1]
    assert (rec["line"], rec["column"]) == (2, 4)
    again = pickle.loads(pickle.dumps(imp))
    assert places(again.validate()) == places(report)


def test_validation_issues_of_a_workbook_are_at_their_sheet_cells() -> None:
    imp = oske.read_tables({n: t.encode() for n, t in FILES.items()})
    book = oske.read_workbook(oske.workbook_bytes(imp.document), name="book.xlsx")
    assert places(book.validate()) == [
        # The writer gives every section a row of the sections sheet.
        ("registry.unknown-code", "/action_plans/0/sections/1/region", "book.xlsx", "sections", 3, 2, "region"),
        (
            "registry.unknown-code",
            "/projects/0/teams/0/area_municipalities/1",
            "book.xlsx",
            "teams",
            2,
            7,
            "area_municipalities",
        ),
        ("sum.budget-sources", "/projects/0/budget/total", "book.xlsx", "projects", 2, 9, "budget_total"),
    ]


def test_a_table_named_by_its_path_keeps_the_path() -> None:
    imp = oske.read_table(FILES["teams.csv"].encode(), name="teams.csv")
    # The team's project is missing: the row is rejected, nothing to place.
    assert [i.code for i in imp.report] == ["csv.orphan-row"]
    assert [i.code for i in imp.validate()] == ["csv.orphan-row"]


CSV_VECTORS = sorted(d for d in TABLE_VECTORS.iterdir() if (d / "input").is_dir())
XLSX_VECTORS = sorted(d for d in TABLE_VECTORS.iterdir() if (d / "book.json").is_file())


def test_the_table_vectors_are_found() -> None:
    assert len(CSV_VECTORS) == 19
    assert len(XLSX_VECTORS) == 10


def write_book(spec: dict[str, Any], path: Path) -> None:
    """The workbook a vector's `book.json` describes, written by openpyxl (the Rust
    suite writes the same cells with rust_xlsxwriter): strings, numbers, dates as
    date-formatted serials, and error values."""
    wb = openpyxl.Workbook()
    for sheet in spec["sheets"]:
        ws = wb.create_sheet(sheet["name"])
        for r, row in enumerate(sheet["rows"], start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c)
                if isinstance(value, str):
                    cell.value = value
                    cell.data_type = "s"
                elif isinstance(value, (int, float)):
                    cell.value = value
                elif "date" in value:
                    cell.value = datetime.date.fromisoformat(value["date"])
                    cell.number_format = "d.m.yyyy"
                elif "error" in value:
                    cell.value = value["error"]
                    cell.data_type = "e"
                else:
                    raise AssertionError(f"unknown cell {value!r}")
    del wb["Sheet"]  # the one a new workbook starts with
    wb.save(path)


def check_vector(case: Path, imp: oske.CsvImport) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    validating = expected.get("validate") is True
    report = imp.validate() if validating else imp.report
    got = []
    for i in report:
        shape: dict[str, object] = {"code": i.code}
        if validating:
            shape["pointer"] = i.pointer
        for key, value in [
            ("file", Path(i.file).name if i.file else None),
            ("sheet", i.sheet),
            ("line", i.line),
            ("column", i.column),
            ("field", i.field),
        ]:
            if value is not None:
                shape[key] = value
        got.append(shape)
    assert got == expected["issues"], expected["about"]


@pytest.mark.parametrize("case", CSV_VECTORS, ids=lambda d: d.name)
def test_csv_table_vector(case: Path) -> None:
    check_vector(case, oske.read_csv_folder(case / "input"))


@pytest.mark.parametrize("case", XLSX_VECTORS, ids=lambda d: d.name)
def test_workbook_table_vector(case: Path, tmp_path: Path) -> None:
    spec = json.loads((case / "book.json").read_text(encoding="utf-8"))
    book = tmp_path / "book.xlsx"
    write_book(spec, book)
    check_vector(case, oske.read_workbook(book))


def test_measures_of_sections_in_turn_are_placed_at_their_rows_after_pickling(tmp_path: Path) -> None:
    # Measures going to two sections in turn: the source map keeps each section's
    # measures as one run of lines; a pointer into the last row of a run, and one
    # into a row in the middle of the other, find their lines and cells.
    rows = [
        ("14", "m1", ""),
        ("15", "m2", ""),
        ("14", "m3", ""),
        ("15", "m4", "1.1.2030"),
        ("14", "m5", "1.1.2030"),
        ("15", "m6", ""),
    ]
    measures = "plan_id,region,id,title_fi,kind,start,end\r\n" + "".join(
        f"p1,{region},{mid},T,workshop,{start},{start.replace('1.1.', '31.12.')}\r\n"
        for region, mid, start in rows
    )
    (tmp_path / "action_plans.csv").write_text(FILES["action_plans.csv"], encoding="utf-8")
    (tmp_path / "measures.csv").write_text(measures, encoding="utf-8")
    imp = oske.read_csv_folder(tmp_path)
    assert len(imp.report) == 0
    report = imp.validate()
    outside = [p for p in places(report) if p[0] == "schedule.outside-period"]
    assert outside == [
        ("schedule.outside-period", "/action_plans/0/sections/0/measures/2/schedule/period", "measures.csv", None, 6, 6, "start"),
        ("schedule.outside-period", "/action_plans/0/sections/1/measures/1/schedule/period", "measures.csv", None, 5, 6, "start"),
    ]
    again = pickle.loads(pickle.dumps(imp))
    assert places(again.validate()) == places(report)
