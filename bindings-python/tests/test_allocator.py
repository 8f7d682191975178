"""The extension's allocator (src/alloc.rs): blocks of 1 MiB and more are mapped
pages grown with `mremap`. A table big enough that its vectors grow across that
threshold, and then far past it, must come back exactly as written: every value at
its row, through the document, the Arrow hand-over and the source map."""

from __future__ import annotations

from pathlib import Path

import polars as pl

import oske

PLANS = "id,centre,title_fi,start,end\np1,sonet-botnia,Suunnitelma,1.1.2020,31.12.2020\n"
ROWS = 30_000  # about 10 MB of measures: grown from below 1 MiB to several mapped MiB


def write_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "action_plans.csv").write_text(PLANS, encoding="utf-8")
    lines = ["plan_id,region,id,title_fi,kind,start,end,partners"]
    for i in range(ROWS):
        region = ("14", "15", "16")[i % 3]
        # Row 20 001 (line 20 002) has an end before its start: a validation issue
        # placed through the source map.
        end = "1.1.2020" if i == 20_000 else "31.3.2020"
        lines.append(f"p1,{region},m{i},Toimenpide {i},workshop,1.3.2020,{end},kunta {i}|järjestö {i % 7}")
    (folder / "measures.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_large_table_comes_back_exactly(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    write_folder(folder)
    imp = oske.read_csv_folder(folder)
    sections = imp.document.action_plans[0].sections
    assert [s.region for s in sections] == ["14", "15", "16"]
    for k, s in enumerate(sections):
        assert len(s.measures) == ROWS // 3
        for j in (0, 1, 4_095, 4_096, len(s.measures) - 1):
            i = 3 * j + k
            m = s.measures[j]
            assert (m.id, m.title.fi, m.partners) == (f"m{i}", f"Toimenpide {i}", [f"kunta {i}", f"järjestö {i % 7}"])

    report = imp.validate()
    reversed_ = [i for i in report if i.code == "period.reversed"]
    assert [(i.line, i.field) for i in reversed_] == [(20_002, "start")]

    frame = pl.DataFrame(imp.document.to_arrow("measures"))
    assert frame.height == ROWS
    ids = frame["id"].to_list()
    assert sorted(ids, key=lambda s: int(s[1:])) == [f"m{i}" for i in range(ROWS)]
    by_id = dict(zip(ids, frame["title_fi"].to_list()))
    assert by_id["m29999"] == "Toimenpide 29999" and by_id["m0"] == "Toimenpide 0"
