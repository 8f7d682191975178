"""The shared conformance vectors (tests/conformance/*.json, format in tests/README.md),
run with exactly the expectations of the Rust suite."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import oske

from .conftest import CONFORMANCE_DIR

KEYS = {"name", "description", "registry", "document", "document_text", "expected", "expected_error", "lang_messages"}
VECTORS = sorted(CONFORMANCE_DIR.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    v: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(v) - KEYS
    assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"
    assert v["name"] == path.stem
    assert ("document" in v) != ("document_text" in v)
    return v


def test_there_are_vectors() -> None:
    assert len(VECTORS) >= 31


@pytest.mark.parametrize("path", VECTORS, ids=lambda p: p.stem)
def test_vector(path: Path) -> None:
    v = load(path)
    text = v["document_text"] if "document_text" in v else json.dumps(v["document"], ensure_ascii=False)
    registry = oske.Registry.from_json(json.dumps(v["registry"])) if "registry" in v else None
    try:
        doc = oske.Document.from_json(text)
    except oske.LoadError as e:
        assert "expected_error" in v, f"unexpected load error: {e}"
        want = v["expected_error"]
        assert e.kind == want["kind"]
        assert e.pointer == want.get("pointer")
        assert e.line == want.get("line")
        assert e.column == want.get("column")
        return
    assert "expected" in v, "the vector expects a load error, but the document loaded"
    report = doc.validate(registry)
    assert report.codes_and_pointers() == [(x["code"], x["pointer"]) for x in v["expected"]]
    for m in v.get("lang_messages", []):
        issue = report.issues[m["index"]]
        for lang in ("fi", "sv", "en"):
            if lang in m:
                assert issue.message_in(lang) == m[lang], (lang, m["index"])


def test_vectors_cover_every_document_rule_and_error_kind() -> None:
    codes: set[str] = set()
    kinds: set[str] = set()
    clean = False
    for path in VECTORS:
        v = load(path)
        codes.update(x["code"] for x in v.get("expected", []))
        if "expected_error" in v:
            kinds.add(v["expected_error"]["kind"])
        clean = clean or v.get("expected") == []
    document_rules = {
        r.code for r in oske.rules()
        if not r.code.startswith(("csv.", "xlsx.", "report."))
        and r.code != "protocol.illegal-transition"
    }
    assert document_rules - codes == set()
    assert {"syntax", "data", "version"} <= kinds
    assert clean
