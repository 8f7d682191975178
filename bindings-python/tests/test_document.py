"""Loading, saving and validating documents; reports and their DataFrames."""

from __future__ import annotations

import datetime
import json
import pickle
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import oske

REVERSED = {
    "format_version": 1,
    "networks": [
        {
            "id": "n",
            "name": {"en": "Network"},
            "period": {"start": "2019-01-01", "end": "2018-12-31"},
        }
    ],
    "colour": "blue",
}


def test_datasets() -> None:
    assert oske.datasets() == [
        "sonet_botnia_plan_2020",
        "lapland_unit_2008",
        "pohjanmaa_report_2005",
        "adult_network_2018",
        "nordic_consultation_2020",
    ]
    with pytest.raises(oske.ArgumentError, match='no embedded dataset is named "nope"'):
        oske.Document.dataset("nope")


def test_every_dataset_loads_cleanly_and_round_trips(tmp_path: Path) -> None:
    for name in oske.datasets():
        doc = oske.Document.dataset(name)
        assert doc.warnings == []
        assert oske.Document.from_json(doc.to_json()) == doc
        assert oske.Document.from_dict(doc.to_dict()) == doc
        doc.save(tmp_path / f"{name}.json")
        assert oske.Document.load(tmp_path / f"{name}.json") == doc
        assert oske.Document.load(str(tmp_path / f"{name}.json")) == doc
        assert pickle.loads(pickle.dumps(doc)) == doc


def test_repr_and_properties(botnia: oske.Document) -> None:
    assert repr(botnia) == (
        "Document(title='SONet BOTNIA action plan 2020 (updated), towards 2021 — transcribed "
        "from the Finnish source', action_plans=1)"
    )
    assert botnia.format_version == 1
    assert (botnia.projects, botnia.networks, botnia.evaluations) == ([], [], [])
    assert repr(oske.Document()) == "Document()"
    assert oske.Document(title="t").title == "t"


def test_validate_report() -> None:
    doc = oske.Document.from_dict(REVERSED)
    assert [(w.code, w.pointer) for w in doc.warnings] == [("json.unknown-field", "/colour")]
    report = doc.validate()
    assert report.codes_and_pointers() == [
        ("json.unknown-field", "/colour"),
        ("period.reversed", "/networks/0/period"),
    ]
    assert repr(report) == "Report(errors=1, warnings=1, infos=0, lang='en')"
    assert len(report) == 2 and report.has_errors
    assert [i.code for i in report.errors] == ["period.reversed"]
    assert [i.code for i in report.warnings] == ["json.unknown-field"]
    assert report.infos == []
    assert (report.count("error"), report.count("warning"), report.count("info")) == (1, 1, 0)
    issue = report[1]
    assert (issue.code, issue.severity, issue.pointer) == ("period.reversed", "error", "/networks/0/period")
    assert (issue.line, issue.column, issue.file, issue.field) == (None, None, None, None)
    assert issue.message == "the period ends on 31 December 2018, before it starts on 1 January 2019"
    assert issue.message_in("fi") == "ajanjakson päättymispäivä 31.12.2018 on ennen sen alkamispäivää 1.1.2019"
    assert issue.message_in("sv") == "periodens slutdatum 31.12.2018 infaller före dess startdatum 1.1.2019"
    assert issue.args == {"start": "2019-01-01", "end": "2018-12-31"}
    assert issue.rule == oske.Rule.from_code("period.reversed")
    assert str(issue) == "error period.reversed at /networks/0/period: the period ends on 31 December 2018, before it starts on 1 January 2019"
    assert repr(issue) == "Issue(code='period.reversed', severity='error', pointer='/networks/0/period')"
    assert list(report) == report.issues
    with pytest.raises(IndexError):
        report[2]
    assert report[-1] == issue


def test_report_language() -> None:
    doc = oske.Document.from_dict(REVERSED)
    fi = doc.validate(lang="fi")
    assert fi.lang == "fi"
    assert fi.issues[1].message == "ajanjakson päättymispäivä 31.12.2018 on ennen sen alkamispäivää 1.1.2019"
    assert fi.in_lang("sv").issues[1].message == "periodens slutdatum 31.12.2018 infaller före dess startdatum 1.1.2019"
    assert fi == doc.validate(lang="fi") and fi != doc.validate(lang="en")
    with pytest.raises(oske.ArgumentError):
        doc.validate(lang="de")


def test_report_records_and_dataframe() -> None:
    report = oske.Document.from_dict(REVERSED).validate(lang="fi")
    records = report.to_records()
    assert records[1] == {
        "code": "period.reversed",
        "severity": "error",
        "pointer": "/networks/0/period",
        "line": None,
        "column": None,
        "file": None,
        "field": None,
        "sheet": None,
        "message": "ajanjakson päättymispäivä 31.12.2018 on ennen sen alkamispäivää 1.1.2019",
    }
    df = report.to_dataframe()
    assert list(df.columns) == ["code", "severity", "pointer", "line", "column", "file", "field", "sheet", "message"]
    assert df["code"].tolist() == ["json.unknown-field", "period.reversed"]
    assert str(df["line"].dtype) == "Int64"
    assert df.iloc[1]["message"] == records[1]["message"]
    empty = oske.Report().to_dataframe()
    assert len(empty) == 0 and list(empty.columns) == list(df.columns)


def test_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(oske.MissingDependencyError, match=r'pip install "oske\[pandas\]"') as info:
        oske.Report().to_dataframe()
    assert isinstance(info.value, ImportError)


def test_raise_for_errors() -> None:
    report = oske.Document.from_dict(REVERSED).validate()
    with pytest.raises(oske.ValidationError) as info:
        report.raise_for_errors()
    assert info.value.report == report
    assert str(info.value) == (
        "1 error: error period.reversed at /networks/0/period: "
        "the period ends on 31 December 2018, before it starts on 1 January 2019"
    )
    oske.Document.dataset("adult_network_2018").validate().raise_for_errors()  # no error: no raise


def test_report_construction_and_pickling() -> None:
    report = oske.Document.from_dict(REVERSED).validate(lang="sv")
    assert pickle.loads(pickle.dumps(report)) == report
    assert oske.Report(report.issues, lang="sv") == report
    both = report + report
    assert len(both) == 4 and both.lang == "sv"
    assert sum([report, report], oske.Report(lang="sv")) == both
    issue = oske.Issue("team.area-overlap", "/projects/0/teams/1/area_municipalities/0",
                       {"municipality": "148", "team": "inari", "other": "kemijarvi"}, line=3, file="teams.csv")
    assert issue.message == 'the municipality 148 is in the areas of two developer teams that are not declared shared (the teams based in inari and in kemijarvi)'
    assert (issue.line, issue.file, issue.column) == (3, "teams.csv", None)
    assert pickle.loads(pickle.dumps(issue)) == issue
    assert str(issue).startswith("warning team.area-overlap at /projects/0/teams/1/area_municipalities/0 (teams.csv:3): ")
    with pytest.raises(oske.ArgumentError, match='no rule has the code "no.such"'):
        oske.Issue("no.such")


def test_validate_with_a_registry_of_ones_own(lapland: oske.Document) -> None:
    default = lapland.validate()
    assert default.codes_and_pointers() == [
        ("team.area-listings-disagree", "/projects/0/teams/0/other_listings/0"),
        ("team.area-listings-disagree", "/projects/0/teams/1/other_listings/0"),
        ("team.area-listings-disagree", "/projects/0/teams/5/other_listings/0"),
        ("team.area-overlap", "/projects/0/teams/1/other_listings/0/municipalities/0"),
    ]
    assert lapland.validate(oske.Registry.embedded()) == default
    empty = oske.Registry.from_json('{"name": "empty"}')
    codes = {code for code, _ in lapland.validate(empty).codes_and_pointers()}
    assert "registry.unknown-code" in codes


def test_load_errors_say_where(tmp_path: Path) -> None:
    with pytest.raises(oske.LoadError) as info:
        oske.Document.from_json('{"format_version": 1,\n "networks": [}')
    e = info.value
    assert (e.kind, e.file, e.pointer, e.line, e.column) == ("syntax", None, None, 2, 15)
    assert str(e) == "line 2, column 15: syntax error: expected value"

    bad = tmp_path / "plan.json"
    bad.write_text('{"format_version": 1, "networks": [{"id": "n", "name": {"fi": "V"},\n'
                   ' "period": {"start": "31.2.2020", "end": "31.12.2020"}}]}')
    with pytest.raises(oske.LoadError) as info:
        oske.Document.load(bad)
    e = info.value
    assert (e.kind, e.file, e.pointer, e.line) == ("data", str(bad), "/networks/0/period/start", 2)
    assert str(e).startswith(f"{bad}:2:")

    with pytest.raises(oske.LoadError) as info:
        oske.Document.from_json('{"format_version": 2}')
    assert (info.value.kind, info.value.pointer) == ("version", "/format_version")

    with pytest.raises(oske.LoadError) as info:
        oske.Document.load(tmp_path / "missing.json")
    assert (info.value.kind, info.value.file) == ("io", str(tmp_path / "missing.json"))


def test_save_errors_are_write_errors(tmp_path: Path, botnia: oske.Document) -> None:
    target = tmp_path / "no-such-dir" / "x.json"
    with pytest.raises(oske.WriteError) as info:
        botnia.save(target)
    assert isinstance(info.value, OSError)
    assert info.value.filename == str(target)


def test_from_dict_accepts_dates() -> None:
    data: dict[str, Any] = json.loads(json.dumps(REVERSED))
    data["networks"][0]["period"] = {"start": datetime.date(2019, 1, 1), "end": datetime.date(2019, 12, 31)}
    del data["colour"]
    doc = oske.Document.from_dict(data)
    assert doc.networks[0].period == oske.Period("2019-01-01", "2019-12-31")
    assert doc.validate().issues == []


def big_document(n: int) -> oske.Document:
    measures = [
        {"id": f"m{i}", "title": {"fi": f"Toimenpide {i}"}, "kind": "workshop",
         "schedule": {"period": {"start": "2020-03-01", "end": "2020-03-31"}}}
        for i in range(n)
    ]
    return oske.Document.from_dict(
        {
            "format_version": 1,
            "action_plans": [
                {"id": "p", "centre": "sonet-botnia", "title": {"fi": "Suunnitelma"},
                 "period": {"start": "2020-01-01", "end": "2021-12-31"},
                 "sections": [{"region": "14", "measures": measures}]}
            ],
        }
    )


def test_validate_releases_the_gil() -> None:
    # Big enough that the worker validates for well over the interpreter's switch
    # interval (5 ms): 800 000 measures took 31 ms once large documents were validated
    # on two threads. The worker validates three times in a row, so its window spans
    # about 0.1 s.
    doc = big_document(800_000)
    doc.validate()  # warm up
    window: dict[str, float] = {}

    def work() -> None:
        window["start"] = time.perf_counter()
        for _ in range(3):
            doc.validate()
        window["end"] = time.perf_counter()

    ticks: list[float] = []
    t = threading.Thread(target=work)
    t.start()
    while t.is_alive():
        ticks.append(time.perf_counter())
    t.join()
    start, end = window["start"], window["end"]
    points = [start, *(x for x in ticks if start < x < end), end]
    longest = max(b - a for a, b in zip(points, points[1:]))
    # With the GIL held, this thread cannot run at all while the worker is inside the
    # validator, so its ticks would show a gap as long as one validation (a third of
    # the window). Released, it keeps ticking: no gap comes near that.
    span = end - start
    assert span > 0.05, span
    assert longest < span / 6, (longest, span)


def test_importing_oske_needs_no_pandas() -> None:
    import subprocess

    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import oske\n"
        "r = oske.Document.dataset('lapland_unit_2008').validate()\n"
        "assert len(r.to_records()) == 4\n"
        "assert 'pandas' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "ok\n"
