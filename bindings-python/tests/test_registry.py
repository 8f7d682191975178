"""The registry: regions, municipalities and centres on a date."""

from __future__ import annotations

import datetime
import pickle

import pytest

import oske


def test_embedded_contents(registry: oske.Registry) -> None:
    assert len(registry.regions) == 19
    assert len(registry.centres) == 11
    assert len(registry.municipalities) == 61
    assert registry.coverage == oske.Period("2002-01-01", "2025-06-30")
    assert repr(registry).startswith('Registry(name="oske embedded registry: ')
    assert repr(registry).endswith(", regions=19, municipalities=61, centres=11)")
    assert oske.Registry.embedded() == registry


def test_isokyro_moves_region_on_2021_01_01(registry: oske.Registry) -> None:
    before = registry.region_of_municipality("152", datetime.date(2020, 12, 31))
    after = registry.region_of_municipality("152", "1.1.2021")
    assert before is not None and after is not None
    assert (before.code, before.name.fi) == ("15", "Pohjanmaa")
    assert (after.code, after.name.fi, after.name.sv) == ("14", "Etelä-Pohjanmaa", "Södra Österbotten")
    assert [c.id for c in registry.centres_for_municipality("152", "2020-06-01")] == ["sonet-botnia"]
    assert len(registry.municipalities_of_region("15", "2020-06-01")) == 15
    assert len(registry.municipalities_of_region("15", "2022-01-01")) == 14
    isokyro = registry.municipality("152")
    assert isokyro is not None
    assert [(m.region, m.valid.valid_from, m.valid.valid_to) for m in isokyro.regions] == [
        ("15", None, datetime.date(2020, 12, 31)),
        ("14", datetime.date(2021, 1, 1), None),
    ]


def test_sonet_botnia_ends_on_2025_06_30(registry: oske.Registry) -> None:
    centre = registry.centre("sonet-botnia")
    assert centre is not None
    assert centre.short_name == "SONet BOTNIA"
    assert centre.valid.valid_to == datetime.date(2025, 6, 30)
    assert [c.id for c in registry.centres_for_municipality("905", "30.6.2025")] == ["sonet-botnia"]
    assert registry.centres_for_municipality("905", "1.7.2025") == []
    assert registry.centre_covers_region("sonet-botnia", "16", "2020-01-01")
    assert not registry.centre_covers_region("sonet-botnia", "19", "2020-01-01")
    assert [c.short_name for c in registry.centres_for_region("19", "2009-01-01")] == ["Poske"]


def test_population_and_coverage(registry: oske.Registry) -> None:
    assert [registry.population(r, "31.12.2019") for r in ("14", "15", "16")] == [188_685, 180_445, 68_158]
    assert registry.population("14", "2020-01-01") is None
    assert registry.covers("2002-01-01") and not registry.covers("2001-12-31")
    assert registry.region("99") is None and registry.municipality("000") is None


def test_bad_dates_are_argument_errors(registry: oske.Registry) -> None:
    with pytest.raises(oske.ArgumentError, match=r'"2020-13-01" is not a date'):
        registry.region_of_municipality("152", "2020-13-01")


def test_own_registry_round_trip_and_pickle(registry: oske.Registry) -> None:
    own = oske.Registry.from_json(registry.to_json())
    assert own == registry
    assert pickle.loads(pickle.dumps(registry)) == registry
    with pytest.raises(oske.LoadError) as info:
        oske.Registry.from_json('{"regions": [{"code": "14", "name": {"fi": "x"}, "colour": 1}]}')
    assert (info.value.kind, info.value.pointer) == ("data", "/regions/0/colour")
