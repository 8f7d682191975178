"""Regression tests for the hostile-input findings of issue 13 that reach Python."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import oske

U64_MAX = 2**64 - 1


def population_document(parts: list[int], total: int) -> oske.Document:
    return oske.Document.from_json(
        json.dumps(
            {
                "format_version": 1,
                "action_plans": [
                    {
                        "id": "p",
                        "centre": "sonet-botnia",
                        "title": {"fi": "Suunnitelma"},
                        "period": {"start": "2020-01-01", "end": "2021-12-31"},
                        "population": {
                            "reference_date": "2019-12-31",
                            "total": total,
                            "parts": [{"area": f"x{i}", "population": p} for i, p in enumerate(parts)],
                        },
                    }
                ],
            }
        )
    )


def test_finding_01_population_beyond_i64_is_a_python_int() -> None:
    doc = population_document([U64_MAX, 5], U64_MAX)
    plans = doc.table_records("action_plans")
    assert plans[0]["population_total"] == U64_MAX
    parts = doc.table_records("population_parts")
    assert [p["population"] for p in parts] == [U64_MAX, 5]
    # Finding 10 through Python: the exact sum, never saturated.
    issues = doc.validate().issues
    assert [(i.code, i.pointer) for i in issues] == [("sum.population", "/action_plans/0/population/total")]
    assert issues[0].message_in("en") == (
        f"the total population, {U64_MAX:,}, is not the sum of its parts, {U64_MAX + 5:,}"
    )


def test_finding_13_an_inconsistent_policy_is_an_argument_error() -> None:
    with pytest.raises(oske.ArgumentError, match=r"shortest session \(60 minutes\) is longer than its longest session \(30 minutes\)"):
        oske.ConsultationPolicy(min_minutes=60, max_minutes=30)
    assert oske.ConsultationPolicy(min_minutes=30, max_minutes=30).max_minutes == 30


def test_finding_17_huge_counts_are_argument_errors_not_overflow() -> None:
    c = oske.Consultation.prepare("c1", "Lastensuojelu", ["Miten?"])
    c.agree_consultant("VISO", "DK", ["innovative"])
    c.send_brief("1.10.2020")
    for minutes in (2**64, 2**63, -1, -(2**70)):
        with pytest.raises(oske.ArgumentError, match="planned_minutes must be a whole number"):
            c.schedule("8.10.2020", minutes)
    with pytest.raises(TypeError):
        c.schedule("8.10.2020", "45")  # type: ignore[arg-type]
    assert c.state == "brief_sent"
    with pytest.raises(oske.ArgumentError, match="min_minutes must be a whole number"):
        oske.ConsultationPolicy(min_minutes=2**64)


def test_finding_17_negative_line_offset_is_refused() -> None:
    data = b"plan_id;region;id;title_fi;kind\np;14;m1;T;survey\n"
    with pytest.raises(oske.ArgumentError, match="line_offset must be 0 or more"):
        oske.validate_measures_csv(data, line_offset=-1)
    check = oske.validate_measures_csv(data, line_offset=10)
    assert check.rows == 1


def test_finding_17_write_error_keeps_its_reason(tmp_path: Path) -> None:
    doc = oske.Document.from_json('{"format_version": 1}')
    target = tmp_path / "no-such-dir" / "x.json"
    with pytest.raises(oske.WriteError) as info:
        doc.save(target)
    assert info.value.filename == str(target)
    assert info.value.errno == 2
    assert str(info.value) == f"[Errno 2] No such file or directory: '{target}'"


def test_finding_17_json_with_bom_and_documents_are_objects() -> None:
    doc = oske.Document.from_json('\ufeff{"format_version": 1, "title": "T"}')
    assert doc.title == "T"
    with pytest.raises(oske.LoadError) as info:
        oske.Document.from_json("[1]")
    assert (info.value.kind, info.value.pointer) == ("data", "")
    with pytest.raises(oske.LoadError):
        oske.Registry.from_json("[]")


def test_finding_14_dataframes_are_capped_as_csv_is() -> None:
    # 1 500 rows with the same bad date: the CSV reader lists 1 000 errors and sums up
    # the other 500; tables given in memory (dicts, pandas) list exactly the same.
    pd = pytest.importorskip("pandas")
    rows = [{"id": f"n{i}", "name_fi": "A", "start": "31.2.2020", "end": "1.3.2020"} for i in range(1500)]
    csv = "id;name_fi;start;end\n" + "".join(f"n{i};A;31.2.2020;1.3.2020\n" for i in range(1500))
    from_csv = oske.read_tables({"networks.csv": csv.encode()}).report
    for given in (rows, pd.DataFrame(rows)):
        report = oske.load_tables({"networks": given}).report
        issues = list(report)
        assert len(issues) == 1001
        assert [i.code for i in issues[:1000]] == ["csv.bad-date"] * 1000
        assert (issues[0].line, issues[0].field) == (0, "start")
        assert (issues[999].line, issues[999].field) == (999, "start")
        last = issues[-1]
        assert last.code == "report.truncated-errors"
        assert last.args == {"rule": "csv.bad-date", "more": "500", "per_rule": "1000", "total": "10000"}
        assert report.has_errors
        # The same issues as the CSV path (a CSV line is the row + 2).
        assert [(i.code, i.field, None if i.line is None else i.line + 2) for i in issues] == [
            (i.code, i.field, i.line) for i in from_csv
        ]


def test_text_utf8_cannot_encode_in_a_document_is_an_argument_error_at_its_place() -> None:
    # An unpaired surrogate (what `open(..., errors="surrogateescape")` leaves of a
    # byte that is not UTF-8) was a bare UnicodeEncodeError with no place.
    base = oske.Document.dataset("sonet_botnia_plan_2020").to_dict()
    value = json.loads(json.dumps(base))
    value["action_plans"][0]["title"]["fi"] = "Suunnitelma \ud800"
    key = json.loads(json.dumps(base))
    key["action_plans"][0]["x\udcff"] = 1
    for given, at, shown in ((value, "/action_plans/0/title/fi", "Suunnitelma \\ud800"), (key, "/action_plans/0", "x\\udcff")):
        with pytest.raises(oske.ArgumentError) as e:
            oske.Document.from_dict(given)
        assert e.value.messages == {
            "en": f'at {at}: the text "{shown}" cannot be stored in an oske document: UTF-8 cannot encode it '
            "(it holds an unpaired surrogate)",
            "fi": f'kohdassa {at}: tekstiä "{shown}" ei voi tallentaa oske-asiakirjaan, koska merkistö UTF-8 ei voi '
            "esittää sitä (siinä on merkki, jota ei voi koodata)",
            "sv": f'vid {at}: texten "{shown}" kan inte lagras i ett oske-dokument, eftersom teckenkodningen UTF-8 '
            "inte kan återge den (den innehåller ett tecken som inte kan kodas)",
        }
    assert oske.Document.from_dict(base) == oske.Document.dataset("sonet_botnia_plan_2020")


def test_a_folder_whose_name_is_not_utf8_is_written_and_read(tmp_path: Path) -> None:
    # Linux file names are bytes; Python gives one that is not UTF-8 with surrogates
    # (`os.fsdecode`). It was refused with a UnicodeEncodeError, and the folder was
    # not found.
    import os

    raw = os.fsencode(tmp_path) + b"/sein\xe4joki"
    folder = os.fsdecode(raw)
    doc = oske.Document.dataset("sonet_botnia_plan_2020")
    doc.write_csv_folder(folder)
    assert os.path.isfile(raw + b"/measures.csv")
    for given in (folder, Path(folder)):
        imp = oske.read_csv_folder(given)
        assert imp.document == doc and list(imp.report) == []
