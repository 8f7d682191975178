"""A CSV folder is a Frictionless Data Package: frictionless-py, a peer tool,
validates every exported seed folder in both dialects against the datapackage.json
oske writes beside the tables, and finds the errors oske's own reader finds."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import frictionless
import pytest

import oske


def problems(folder: Path) -> list[str]:
    report = frictionless.validate(str(folder / "datapackage.json"))
    out = [f"package: {e.type}: {e.message}" for e in report.errors]
    for task in report.tasks:
        out += [f"{task.name}: {e.type}: {e.message}" for e in task.errors]
    return out


def error_types(folder: Path) -> list[tuple[str, str]]:
    report = frictionless.validate(str(folder / "datapackage.json"))
    return [(task.name, e.type) for task in report.tasks for e in task.errors]


@pytest.mark.parametrize("dialect", ["standard", "excel-fi"])
@pytest.mark.parametrize("name", oske.datasets())
def test_every_exported_seed_folder_is_a_valid_data_package(tmp_path: Path, name: str, dialect: str) -> None:
    doc = oske.Document.dataset(name)
    written = doc.write_csv_folder(tmp_path, dialect)
    assert Path(written[-1]).name == "datapackage.json"
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert sorted(f"{n}.csv" for n in names) == sorted(Path(p).name for p in written[:-1])
    assert problems(tmp_path) == []
    # Frictionless read every row of every table, typed.
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows == {n: len(doc.table_records(n)) if n != "document" else 1 for n in names}
    # oske reads the folder back by its datapackage.json.
    assert oske.read_csv_folder(tmp_path).document == doc


def test_the_package_describes_the_dialect_and_the_layout(tmp_path: Path) -> None:
    oske.Document.dataset("sonet_botnia_plan_2020").write_csv_folder(tmp_path, "excel-fi")
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    measures = next(r for r in package["resources"] if r["name"] == "measures")
    assert measures["dialect"]["delimiter"] == ";"
    fields: dict[str, Any] = {f["name"]: f for f in measures["schema"]["fields"]}
    assert fields["start"] == {
        "name": "start",
        "title": "alku / början",
        "description": "First day of the scheduled period.",
        "format": "%d.%m.%Y",
        "type": "date",
    }
    assert fields["kind"]["constraints"]["required"] is True
    assert "workshop" in fields["kind"]["constraints"]["enum"]
    assert measures["schema"]["primaryKey"] == ["id"]
    # frictionless reads the typed values as oske does: Finnish dates are dates,
    # decimal-comma percentages numbers.
    doc = oske.Document.dataset("sonet_botnia_plan_2020")
    pkg = frictionless.Package(str(tmp_path / "datapackage.json"))
    def table(name: str) -> frictionless.resources.TableResource:
        resource = pkg.get_resource(name)
        assert isinstance(resource, frictionless.resources.TableResource)
        return resource

    rows = table("measures").read_rows()
    starts = [r["start"] for r in rows]
    assert starts == [r["start"] for r in doc.table_records("measures")]
    assert any(isinstance(d, datetime.date) for d in starts)
    special = table("special_tasks").read_rows()
    assert [float(r["grant_share_percent"]) for r in special] == [
        r["grant_share_percent"] / 100 for r in doc.table_records("special_tasks")
    ]


def test_frictionless_finds_what_oske_finds(tmp_path: Path) -> None:
    oske.Document.dataset("sonet_botnia_plan_2020").write_csv_folder(tmp_path, "excel-fi")
    measures = tmp_path / "measures.csv"
    lines = measures.read_bytes().decode("utf-8-sig").split("\r\n")
    header = lines[0].split(";")
    row = lines[1].split(";")
    row[header.index("kind")] = "juhla"  # not in the code list
    lines[1] = ";".join(row)
    row = lines[2].split(";")
    row[header.index("start")] = "31.2.2020"  # no such day
    lines[2] = ";".join(row)
    row = lines[3].split(";")
    row[header.index("id")] = lines[4].split(";")[header.index("id")]  # duplicate id
    lines[3] = ";".join(row)
    row = lines[5].split(";")
    row[header.index("plan_id")] = "no-such-plan"
    lines[5] = ";".join(row)
    measures.write_bytes(("\r\n".join(lines)).encode("utf-8-sig"))
    assert sorted(error_types(tmp_path)) == [
        ("measures", "constraint-error"),
        ("measures", "foreign-key"),
        ("measures", "primary-key"),
        ("measures", "type-error"),
    ]
    back = oske.read_csv_folder(tmp_path)
    codes = sorted(i.code for i in back.report.issues)
    # (the impossible start date also leaves the schedule without its start)
    assert codes == ["csv.bad-date", "csv.bad-value", "csv.missing-value", "csv.orphan-row"]
    assert [i.code for i in back.validate().issues].count("id.duplicate") == 1


def test_a_folder_is_read_by_its_package_not_its_file_names(tmp_path: Path) -> None:
    doc = oske.Document.dataset("adult_network_2018")
    doc.write_csv_folder(tmp_path, "standard")
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    (tmp_path / "data").mkdir()
    for n, r in enumerate(package["resources"]):
        (tmp_path / r["path"]).rename(tmp_path / "data" / f"part-{n}.csv")
        r["path"] = f"data/part-{n}.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert problems(tmp_path) == []
    back = oske.read_csv_folder(tmp_path)
    assert back.report.issues == []
    assert back.document == doc
