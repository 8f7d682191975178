"""Excel workbooks: read and write, issues at their sheet, row and column."""

from pathlib import Path

import pytest

import oske

FIXTURES = Path(__file__).resolve().parents[2] / "core" / "tests" / "fixtures" / "spreadsheets"


def test_a_document_round_trips_through_a_workbook(tmp_path: Path) -> None:
    doc = oske.Document.dataset("sonet_botnia_plan_2020")
    for names in ["en", "fi", "sv"]:
        data = oske.workbook_bytes(doc, sheet_names=names)
        assert data[:2] == b"PK"
        back = oske.read_workbook(data, name="plan.xlsx")
        assert len(back.report) == 0
        assert back.document == doc
    path = tmp_path / "plan.xlsx"
    oske.write_workbook(doc, path)
    assert oske.read_workbook(path).document == doc
    assert oske.read_workbook(str(path)).document == doc


def test_workbooks_written_by_libreoffice_and_openpyxl_read_back_equal() -> None:
    for ds in ["sonet_botnia_plan_2020", "lapland_unit_2008"]:
        expected = oske.Document.dataset(ds)
        for f in [f"libreoffice-{ds}.xlsx", f"libreoffice-{ds}.ods", f"openpyxl-{ds}.xlsx"]:
            imp = oske.read_workbook(FIXTURES / f)
            assert len(imp.report) == 0, f
            assert imp.document == expected, f


def test_an_error_cell_is_reported_at_its_sheet_row_and_column() -> None:
    imp = oske.read_workbook(FIXTURES / "openpyxl-errors.xlsx")
    (issue,) = [i for i in imp.report if i.code == "xlsx.cell-error"]
    assert (issue.sheet, issue.line, issue.column) == ("networks", 3, 2)
    assert issue.file is not None and issue.file.endswith("openpyxl-errors.xlsx")
    assert issue.message == 'the cell B3 holds the Excel error value "#DIV/0!" instead of data'
    record = imp.report.to_records()[0]
    assert record["sheet"] == "networks"


def test_bad_input_raises_clear_errors() -> None:
    with pytest.raises(oske.LoadError):
        oske.read_workbook(b"not a workbook", name="x.xlsx")
    with pytest.raises(oske.ArgumentError):
        oske.read_workbook(b"", table="budget")
    with pytest.raises(oske.ArgumentError):
        oske.workbook_bytes(oske.Document.dataset("adult_network_2018"), sheet_names="de")
    empty = oske.read_workbook(FIXTURES / "openpyxl-empty.xlsx")
    assert empty.tables == []
