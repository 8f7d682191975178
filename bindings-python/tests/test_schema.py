"""The JSON Schemas in docs/schema/ (generated from the Rust types, drift-tested by
core/tests/schema.rs), checked with an independent validator, `jsonschema`:
every seed dataset and conformance vector document validates, the documents that
must fail to load fail the schema at the same place, and the `oske` command's
`--json` report validates against the report schema."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import oske

from .conftest import CONFORMANCE_DIR, REPO_ROOT

SCHEMA_DIR = REPO_ROOT / "docs" / "schema"
SEEDS = sorted((REPO_ROOT / "core" / "data" / "seeds").glob("*.json"))
VECTORS = sorted(CONFORMANCE_DIR.glob("*.json"))


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    return jsonschema.Draft202012Validator(schema)


DOCUMENT = validator("document")
REGISTRY = validator("registry")
REPORT = validator("report")


def pointer(path: Any) -> str:
    return "".join(f"/{p}" for p in path)


def test_there_are_seeds_and_vectors() -> None:
    assert len(SEEDS) == 5
    assert len(VECTORS) >= 32


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_seed_dataset_validates(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    errors = [f"{pointer(e.absolute_path)}: {e.message}" for e in DOCUMENT.iter_errors(doc)]
    assert errors == []
    # and what oske writes validates too
    written = json.loads(oske.Document.dataset(path.stem).to_json())
    assert [e.message for e in DOCUMENT.iter_errors(written)] == []


@pytest.mark.parametrize("path", VECTORS, ids=lambda p: p.stem)
def test_every_conformance_document_validates_or_fails_where_the_loader_fails(path: Path) -> None:
    v = json.loads(path.read_text(encoding="utf-8"))
    if "document" in v:
        found = [f"{pointer(e.absolute_path)}: {e.message}" for e in DOCUMENT.iter_errors(v["document"])]
        assert found == []
        return
    want = v["expected_error"]
    if want["kind"] == "syntax":
        with pytest.raises(json.JSONDecodeError):
            json.loads(v["document_text"])
        return
    # A data or version error: the schema rejects the document, at the loader's pointer.
    errors = list(DOCUMENT.iter_errors(json.loads(v["document_text"])))
    places = set()
    todo: list[jsonschema.ValidationError] = list(errors)
    while todo:  # the errors and, under anyOf/oneOf, the errors of each branch
        e = todo.pop()
        todo.extend(e.context or [])
        place = pointer(e.absolute_path)
        if e.validator == "required":
            place += "/" + str(e.message).split("'")[1]
        places.add(place)
    assert want["pointer"] in places, [e.message for e in errors]


def test_a_document_naming_its_schema_loads_without_warnings() -> None:
    text = json.dumps({"$schema": "docs/schema/document.schema.json", "format_version": 1, "networks": []})
    assert DOCUMENT.is_valid(json.loads(text))
    assert oske.Document.from_json(text).warnings == []


def test_the_schema_rejects_what_the_loader_rejects() -> None:
    def net(**period: str) -> dict[str, Any]:
        return {"format_version": 1, "networks": [{"id": "n", "name": {"fi": "V"}, "period": period}]}

    for start in ("31.1.2020", "2020-01-31", " 1.2.2020 ", "29.2.2020", "30.12.2020"):
        assert DOCUMENT.is_valid(net(start=start, end="2021-01-01")), start
        oske.Document.from_json(json.dumps(net(start=start, end="2021-01-01")))
    for start in ("31.4.2020", "30.2.2020", "2020-1-31", "2020-02-30", "1.13.2020", "2020/01/31", "14.2.18"):
        assert not DOCUMENT.is_valid(net(start=start, end="2021-01-01")), start
        with pytest.raises(oske.LoadError):
            oske.Document.from_json(json.dumps(net(start=start, end="2021-01-01")))
    plan = json.loads(oske.Document.dataset("sonet_botnia_plan_2020").to_json())
    plan["action_plans"][0]["sections"][0]["measures"][0]["kind"] = "party"
    assert not DOCUMENT.is_valid(plan)
    with pytest.raises(oske.LoadError):
        oske.Document.from_json(json.dumps(plan))
    assert not DOCUMENT.is_valid({"format_version": 2})
    assert not DOCUMENT.is_valid({"format_version": 1, "networks": [{"id": 1, "name": {}}]})


def test_the_registries_validate() -> None:
    embedded = json.loads((REPO_ROOT / "core" / "data" / "registry.json").read_text(encoding="utf-8"))
    assert [f"{pointer(e.absolute_path)}: {e.message}" for e in REGISTRY.iter_errors(embedded)] == []
    written = json.loads(oske.Registry.embedded().to_json())
    assert [e.message for e in REGISTRY.iter_errors(written)] == []
    vectors = [json.loads(p.read_text(encoding="utf-8")) for p in VECTORS]
    registries = [v["registry"] for v in vectors if "registry" in v]
    assert len(registries) >= 3
    for r in registries:
        assert [f"{pointer(e.absolute_path)}: {e.message}" for e in REGISTRY.iter_errors(r)] == []
    # The loader and the schema refuse the same things: unknown fields, other versions,
    # impossible dates; and both accept a registry that names its schema.
    small = {"format_version": 2, "regions": [{"code": "14", "name": {"fi": "Etelä-Pohjanmaa"}}]}
    named = {"$schema": "docs/schema/registry.schema.json", **small}
    assert REGISTRY.is_valid(named)
    assert oske.Registry.from_json(json.dumps(named)).regions[0].code == "14"
    for bad in (
        {**small, "colour": "blue"},
        {**small, "format_version": 3},
        {**small, "regions": [{"code": "14", "name": {"fi": "E"}, "valid": {"to": "31.2.2020"}}]},
        {**small, "regions": [{"code": "14", "name": {"fi": "E"}, "area": "x"}]},
    ):
        assert not REGISTRY.is_valid(bad), bad
        with pytest.raises(oske.LoadError):
            oske.Registry.from_json(json.dumps(bad))


def cli() -> str:
    exe = os.environ.get("OSKE_CLI")
    if not exe:
        pytest.skip("OSKE_CLI (the built `oske` command) is not set; scripts/test-python.sh sets it")
    return exe


def test_the_cli_json_report_validates(tmp_path: Path) -> None:
    exe = cli()
    # The embedded seeds: warnings and infos, messages in Finnish.
    out = subprocess.run([exe, "--json", "--lang", "fi"], capture_output=True, text=True, check=True).stdout
    records = json.loads(out)
    assert [r["code"] for r in records].count("team.area-overlap") == 1
    assert list(REPORT.iter_errors(records)) == []
    # Every conformance document that loads (with the embedded registry), with its issues.
    seen: set[str] = set()
    for path in VECTORS:
        v = json.loads(path.read_text(encoding="utf-8"))
        if "document" not in v or "registry" in v:
            continue
        doc_file = tmp_path / path.name
        doc_file.write_text(json.dumps(v["document"]), encoding="utf-8")
        proc = subprocess.run([exe, "validate", str(doc_file), "--json"], capture_output=True, text=True)
        assert proc.returncode in (0, 1), proc.stderr
        records = json.loads(proc.stdout)
        assert [(r["code"], r["pointer"]) for r in records] == [(x["code"], x["pointer"]) for x in v["expected"]]
        assert list(REPORT.iter_errors(records)) == []
        seen.update(r["code"] for r in records)
    assert len(seen) >= 20
    # A code the rulebook does not have, or a missing message, is not a report.
    good = {"code": "id.duplicate", "severity": "error", "pointer": "", "message": "x"}
    assert REPORT.is_valid([good])
    assert not REPORT.is_valid([{**good, "code": "no.such-rule"}])
    assert not REPORT.is_valid([{k: x for k, x in good.items() if k != "message"}])
