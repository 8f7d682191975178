"""Shared helpers for the oske Python tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import oske

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFORMANCE_DIR = REPO_ROOT / "tests" / "conformance"


def walk(obj: object, seen: list[object] | None = None) -> list[object]:
    """Every oske model object reachable from `obj` through its properties."""
    out: list[object] = [] if seen is None else seen
    if isinstance(obj, list):
        for x in obj:
            walk(x, out)
        return out
    if type(obj).__module__ != "oske" or isinstance(obj, (oske.Document,)):
        return out
    out.append(obj)
    for name in dir(type(obj)):
        if name.startswith("_"):
            continue
        if isinstance(getattr(type(obj), name, None), property) or type(getattr(type(obj), name)).__name__ == "getset_descriptor":
            walk(getattr(obj, name), out)
    return out


@pytest.fixture(scope="session")
def botnia() -> oske.Document:
    return oske.Document.dataset("sonet_botnia_plan_2020")


@pytest.fixture(scope="session")
def lapland() -> oske.Document:
    return oske.Document.dataset("lapland_unit_2008")


@pytest.fixture(scope="session")
def registry() -> oske.Registry:
    return oske.Registry.embedded()
