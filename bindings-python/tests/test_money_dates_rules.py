"""Money in cents, dates, and the rule catalogue."""

from __future__ import annotations

import datetime
import pickle
from decimal import Decimal

import pytest

import oske


def test_cents_and_euros() -> None:
    assert oske.cents_to_euros(182_820_400) == Decimal("1828204.00")
    assert str(oske.cents_to_euros(-5)) == "-0.05"
    assert oske.euros_to_cents(Decimal("1828204.00")) == 182_820_400
    assert oske.euros_to_cents("1371152") == 137_115_200
    assert oske.euros_to_cents(20_000) == 2_000_000
    for amount in (Decimal("0.005"), "1,5", "NaN", 1.5, True):
        with pytest.raises(oske.ArgumentError):
            oske.euros_to_cents(amount)  # type: ignore[arg-type]
    with pytest.raises(oske.ArgumentError):
        oske.cents_to_euros(1.0)  # type: ignore[arg-type]
    assert oske.format_cents(182_820_400) == "1 828 204,00 €"
    assert oske.format_cents(-150) == "-1,50 €"


def test_nordic_special_task_amount() -> None:
    assert oske.nordic_special_task_amount(200_000_000) == 1_500_000
    assert oske.nordic_special_task_amount(123_456_789) == 925_926  # 925 925.9175 → up


def test_dates() -> None:
    assert oske.parse_date("7.5.2020") == datetime.date(2020, 5, 7)
    assert oske.parse_date("2020-05-07") == datetime.date(2020, 5, 7)
    with pytest.raises(oske.ArgumentError, match=r'"14\.2\.2018\." is not a date'):
        oske.parse_date("14.2.2018.")
    assert oske.format_date_fi(datetime.date(2020, 5, 7)) == "7.5.2020"
    assert oske.format_date_fi("2018-02-14") == "14.2.2018"


def test_rule_catalogue() -> None:
    rules = oske.rules()
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes))
    assert codes[0] == "json.unknown-field"
    overlap = oske.Rule.from_code("team.area-overlap")
    assert overlap in rules
    assert (overlap.severity, str(overlap)) == ("warning", "team.area-overlap")
    assert repr(overlap) == "Rule(code='team.area-overlap', severity='warning')"
    assert overlap.template("sv").startswith("kommunen {municipality:coded}")
    assert overlap.about.startswith("A municipality is in the areas of two developer teams")
    assert pickle.loads(pickle.dumps(overlap)) == overlap
    assert {r.severity for r in rules} == {"error", "warning", "info"}
    for r in rules:
        for lang in ("fi", "sv", "en"):
            assert r.template(lang)


def test_rule_catalogue_matches_docs() -> None:
    from .conftest import REPO_ROOT

    text = (REPO_ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for r in oske.rules():
        assert f"| `{r.code}` | {r.severity} | {r.about} |" in text
