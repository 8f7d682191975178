"""The Python quick start works as written: every ```python block of
bindings-python/README.md (and of the root README's "Python quick start" section,
when there is one) runs, and prints what its comments say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from .conftest import REPO_ROOT

EXPECTED = [
    "ep-0.1 network Työkokoukset, verkostot",
    "team.area-listings-disagree /projects/0/teams/0/other_listings/0",
    "Etelä-Pohjanmaa",
    "IllegalTransitionError protocol.illegal-transition",
    "{'14': 28, '15': 35, '16': 17}",
]
# Printed by the DataFrame examples of bindings-python/README.md only.
EXPECTED_PACKAGE = [
    "Date Categorical",
    "True 80",
    "[('14', 28), ('15', 35), ('16', 17)]",
    "[('warning', 4)]",
    "csv.bad-date 1 start",
    "csv.bad-value 2 kind",
    "1 of 3 measures loaded",
    "['csv.bad-date', 'csv.bad-value']",
]


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def quick_starts() -> list[tuple[str, str]]:
    out = [("bindings-python/README.md", (REPO_ROOT / "bindings-python" / "README.md").read_text(encoding="utf-8"))]
    root = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^#+ *Python quick start\s*$(.*?)(?=^#{1,2} |\Z)", root, flags=re.M | re.S | re.I)
    if m:
        out.append(("README.md#python-quick-start", m.group(1)))
    return out


@pytest.mark.parametrize(("where", "text"), quick_starts(), ids=lambda x: x if "/" in x or "#" in x else "")
def test_quick_start_runs_as_written(where: str, text: str) -> None:
    blocks = python_blocks(text)
    assert blocks, f"{where} has no python block"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for block in blocks:
            exec(compile(block, where, "exec"), {"__name__": "__readme__"})
    printed = out.getvalue()
    expected = EXPECTED + (EXPECTED_PACKAGE if where.startswith("bindings-python/") else [])
    for line in expected:
        assert line in printed, (where, line, printed)
