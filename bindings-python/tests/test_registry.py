"""The registry: regions, municipalities, counties, cooperation areas and centres on a date."""

from __future__ import annotations

import datetime
import json
import pickle

import pytest

import oske


def test_embedded_contents(registry: oske.Registry) -> None:
    assert len(registry.regions) == 20
    assert len(registry.centres) == 16
    assert len(registry.municipalities) == 458
    assert len(registry.counties) == 22
    assert len(registry.cooperation_areas) == 5
    assert registry.format_version == 2
    assert registry.known_as_of == datetime.date(2026, 1, 1)
    assert registry.coverage == oske.Period("2002-01-01", "2026-01-01")
    assert repr(registry).startswith("Registry(name='oske embedded registry: ")
    assert repr(registry).endswith(
        ", regions=20, municipalities=458, centres=16, counties=22, cooperation_areas=5)"
    )
    assert oske.Registry.embedded() == registry
    sf = registry.sources[0]
    assert isinstance(sf, oske.Source)
    assert (sf.id, sf.publisher) == ("sf-kunta", "Statistics Finland")
    assert sf.url == "https://data.stat.fi/api/classifications/v2/classifications"
    assert {"sf-hyvinvointialue", "sf-yhteistyoalue", "decree-2024-10-30"} <= {s.id for s in registry.sources}


def test_isokyro_moves_region_on_2021_01_01(registry: oske.Registry) -> None:
    before = registry.region_of_municipality("152", datetime.date(2020, 12, 31))
    after = registry.region_of_municipality("152", "1.1.2021")
    assert before is not None and after is not None
    assert (before.code, before.name.fi) == ("15", "Pohjanmaa")
    assert (after.code, after.name.fi, after.name.sv) == ("14", "Etelä-Pohjanmaa", "Södra Österbotten")
    assert [c.id for c in registry.centres_for_municipality("152", "2020-06-01")] == ["sonet-botnia"]
    isokyro = registry.municipality("152")
    assert isokyro is not None
    assert [(m.region, m.valid.valid_from, m.valid.valid_to) for m in isokyro.regions] == [
        ("15", None, datetime.date(2020, 12, 31)),
        ("14", datetime.date(2021, 1, 1), None),
    ]
    assert [(c.county, c.valid.valid_from) for c in isokyro.counties] == [("16", datetime.date(2021, 7, 1))]
    assert isokyro.successor is None and isokyro.former_names == []


def test_sonet_botnia_ends_on_2025_06_30_and_lansi_suomi_takes_over(registry: oske.Registry) -> None:
    centre = registry.centre("sonet-botnia")
    assert centre is not None
    assert centre.short_name == "SONet BOTNIA"
    assert centre.valid.valid_to == datetime.date(2025, 6, 30)
    assert centre.successor == "lansi-suomi"
    assert centre.host is not None and centre.host.fi == "Etelä-Pohjanmaan hyvinvointialue"
    assert centre.statutory_centre is not None
    assert centre.statutory_centre.fi == "Pohjanmaan maakuntien sosiaalialan osaamiskeskus"
    # Decree 1248/2022: one southern statutory centre, run by Socca (Uusimaa) and Verso (Päijät-Häme).
    socca, verso = registry.centre("socca"), registry.centre("verso")
    assert socca is not None and verso is not None
    assert [c.statutory_centre.fi if c.statutory_centre else None for c in (socca, verso)] == [
        "Etelä-Suomen sosiaalialan osaamiskeskus", "Etelä-Suomen sosiaalialan osaamiskeskus",
    ]
    assert "areas.county.90" in socca.unverified
    assert centre.sources == ["decree-1411-2001", "decree-1248-2022", "domain-seeds", "kphva-2025-177"]
    # Regions until 2022, then the three Ostrobothnian counties.
    assert [(a.region, a.county) for a in centre.areas] == [
        ("14", None), ("15", None), ("16", None), (None, "16"), (None, "17"), (None, "18"),
    ]
    assert [c.id for c in registry.centres_for_municipality("905", "30.6.2025")] == ["sonet-botnia"]
    assert [c.id for c in registry.centres_for_municipality("905", "1.7.2025")] == ["lansi-suomi"]
    assert registry.centre_covers_region("sonet-botnia", "16", "2020-01-01")
    assert not registry.centre_covers_region("sonet-botnia", "19", "2020-01-01")
    lansi = registry.centre("lansi-suomi")
    assert lansi is not None
    assert (lansi.unverified, lansi.host) == (["name", "host"], None)
    assert [(a.cooperation_area, a.region, a.valid.valid_from) for a in lansi.areas] == [
        ("4", None, datetime.date(2025, 7, 1))
    ]


def test_vaasas_centre_on_1_6_2025_and_1_9_2025(registry: oske.Registry) -> None:
    before = registry.centre_of_municipality("905", "1.6.2025")
    after = registry.centre_of_municipality("905", datetime.date(2025, 9, 1))
    assert before is not None and after is not None
    assert (before.id, after.id) == ("sonet-botnia", "lansi-suomi")
    assert registry.centre_covers_municipality("sonet-botnia", "905", "2025-06-01")
    assert not registry.centre_covers_municipality("sonet-botnia", "905", "2025-09-01")
    assert registry.centre_covers_municipality("lansi-suomi", "905", "2025-09-01")
    assert registry.centre_covers_county("sonet-botnia", "17", "2024-01-01")
    assert not registry.centre_covers_county("sonet-botnia", "04", "2024-01-01")
    assert not registry.centre_covers_county("sonet-botnia", "17", "2025-09-01")
    # Åland (Maarianhamina 478) is in no centre's area; FSKC is nationwide, not regional.
    assert registry.centre_of_municipality("478", "2024-01-01") is None
    assert registry.municipalities_of_centre("fskc", "2024-01-01") == []


def test_municipalities_of_a_centre_and_on_a_date(registry: oske.Registry) -> None:
    # SONet BOTNIA's area in 2020: the regions 14, 15 and 16.
    botnia = registry.municipalities_of_centre("sonet-botnia", "2020-01-01")
    assert len(botnia) == 40
    assert {"152", "743", "905"} <= {m.code for m in botnia}
    assert registry.municipalities_of_centre("sonet-botnia", "2025-09-01") == []
    # Statistics Finland's counts on 1 January.
    assert len(registry.municipalities_on("1.1.2002")) == 448
    assert len(registry.municipalities_on("2009-01-01")) == 348
    on_2026 = registry.municipalities_on(datetime.date(2026, 1, 1))
    assert len(on_2026) == 308
    assert [m.code for m in on_2026] == sorted(m.code for m in on_2026)


def test_vantaa_and_kerava_form_one_county(registry: oske.Registry) -> None:
    on = "2024-01-01"
    vantaa = registry.county_of_municipality("092", on)
    kerava = registry.county_of_municipality("245", on)
    assert vantaa is not None and vantaa == kerava
    assert (vantaa.code, vantaa.name.fi) == ("04", "Vantaan ja Keravan hyvinvointialue")
    assert vantaa.valid.valid_from == datetime.date(2021, 7, 1)
    assert vantaa.responsible_from == datetime.date(2023, 1, 1)
    assert registry.county("04") == vantaa
    assert registry.county("99") is None
    assert [m.code for m in registry.municipalities_of_county("04", on)] == ["092", "245"]
    # Counties exist from 1.7.2021; Helsinki (90) organises the services itself.
    assert registry.county_of_municipality("092", "30.6.2021") is None
    helsinki = registry.county_of_municipality("091", on)
    assert helsinki is not None and helsinki.name.fi == "Helsingin kaupunki"
    assert registry.county_of_municipality("478", on) is None


def test_cooperation_areas(registry: oske.Registry) -> None:
    on = "2024-01-01"
    south = registry.cooperation_area_of_county("04", on)
    assert south is not None
    assert (south.code, south.name.fi) == ("1", "Etelä-Suomen yhteistyöalue")
    assert south.counties == ["01", "02", "03", "04", "09", "10", "11", "90"]
    assert registry.cooperation_area("1") == south
    assert registry.cooperation_area("9") is None
    assert registry.cooperation_area_of_municipality("245", on) == south
    assert [c.code for c in registry.counties_of_cooperation_area("1", on)] == south.counties
    assert registry.counties_of_cooperation_area("1", "2021-06-30") == []
    # Seinäjoki (743) is in the inland area with Tampere (837); Vaasa (905) in the western.
    seinajoki = registry.cooperation_area_of_municipality("743", on)
    vaasa = registry.cooperation_area_of_municipality("905", on)
    assert seinajoki is not None and vaasa is not None
    assert (seinajoki.code, vaasa.code) == ("3", "4")
    assert registry.cooperation_area_of_municipality("837", on) == seinajoki
    assert registry.cooperation_area_of_municipality("478", on) is None


def test_nurmo_merged_into_seinajoki_on_1_1_2009(registry: oske.Registry) -> None:
    nurmo = registry.municipality("544")
    assert nurmo is not None
    assert (nurmo.name.fi, nurmo.valid.valid_to, nurmo.successor) == ("Nurmo", datetime.date(2008, 12, 31), "743")
    assert nurmo.unverified == ["regions"]
    assert [m.code for m in registry.successor_chain("544")] == ["743"]
    assert registry.successor_chain("743") == []
    on = registry.successor_on("544", "1.1.2009")
    assert on is not None and on.name.fi == "Seinäjoki"
    # Parainen (573) merged into the new Parainen (445), called Länsi-Turunmaa until 2011.
    parainen = registry.municipality("445")
    assert parainen is not None
    assert [(f.name.fi, f.name.sv, f.valid.valid_to) for f in parainen.former_names] == [
        ("Länsi-Turunmaa", "Väståboland", datetime.date(2011, 12, 31))
    ]
    assert [m.code for m in registry.successor_chain("573")] == ["445"]


def test_populations(registry: oske.Registry) -> None:
    assert [registry.population(r, "31.12.2019") for r in ("14", "15", "16")] == [188_685, 180_445, 68_158]
    assert registry.population_of("region", "14", "2019-12-31") == 188_685
    assert registry.population_of("municipality", "905", "2019-12-31") == 67_636
    assert registry.population_of("municipality", "905", "2022-12-31") == 67_988
    # A county has no figure of its own: the sum of Vantaa's and Kerava's.
    assert registry.population_of("county", "04", "2022-12-31") == 242_819 + 37_676
    # No county existed on 31.12.2019.
    assert registry.population_of("county", "04", "2019-12-31") is None
    assert registry.population("14", "2020-01-01") is None
    figure = next(p for p in registry.populations if p.area == "14")
    assert (figure.kind, figure.source, figure.published_total) == ("region", "epliitto", True)
    vaasa = next(p for p in registry.populations if p.area == "905")
    assert (vaasa.kind, vaasa.date, vaasa.source, vaasa.published_total) == (
        "municipality", datetime.date(2019, 12, 31), "yle-geodata", False,
    )
    with pytest.raises(oske.ArgumentError, match="kind"):
        registry.population_of("province", "14", "2019-12-31")  # type: ignore[arg-type]


def test_coverage_and_effective_date(registry: oske.Registry) -> None:
    assert registry.covers("2002-01-01") and not registry.covers("2001-12-31")
    assert registry.effective_date("2001-05-01") == datetime.date(2002, 1, 1)
    assert registry.effective_date("2030-01-01") == datetime.date(2026, 1, 1)
    assert registry.effective_date("15.6.2020") == datetime.date(2020, 6, 15)
    assert registry.region("99") is None and registry.municipality("000") is None


def test_labels(registry: oske.Registry) -> None:
    assert registry.label("municipality", "152", "sv") == "Storkyro (152)"
    assert registry.label("municipality", "152") == "Isokyrö (152)"
    assert registry.label("county", "04", "fi") == "Vantaan ja Keravan hyvinvointialue (04)"
    assert registry.label("cooperation_area", "4", "sv") == "Västra Finlands samarbetsområde (4)"
    assert registry.label("centre", "sonet-botnia", "fi") == "SONet BOTNIA"
    assert registry.label("region", "99", "fi") == "99"
    with pytest.raises(oske.ArgumentError, match='unknown kind "kunta"'):
        registry.label("kunta", "152", "fi")  # type: ignore[arg-type]
    with pytest.raises(oske.ArgumentError):
        registry.label("municipality", "152", "de")


def test_resolve_codes_and_names(registry: oske.Registry) -> None:
    on = "2020-01-01"
    r = registry.resolve("municipality", "905", on)
    assert (r.status, r.codes) == ("code", ["905"])
    assert r == registry.resolve("municipality", " 905 ", on)
    swedish = registry.resolve("municipality", "VASA", on)
    assert (swedish.status, swedish.codes) == ("name", ["905"])
    folded = registry.resolve("municipality", "Kemijarvi", on)
    assert (folded.status, folded.codes) == ("folded", ["320"])
    other = registry.resolve("municipality", "Nurmo", on)
    assert (other.status, other.codes) == ("other_date", ["544"])
    # Vöyri (944) until 2006 and Vöyri (946) from 2011: on 1.1.2008 neither exists.
    both = registry.resolve("municipality", "Vöyri", "2008-01-01")
    assert (both.status, both.codes) == ("ambiguous", ["944", "946"])
    assert registry.resolve("municipality", "Vörå", "2012-01-01").codes == ["946"]
    unknown = registry.resolve("municipality", "Seinajoky", on)
    assert unknown.status == "unknown" and unknown.codes[0] == "743"
    region = registry.resolve("region", "Södra Österbotten", on)
    assert (region.status, region.codes) == ("name", ["14"])
    county = registry.resolve("county", "vantaan ja keravan hyvinvointialue", "2024-01-01")
    assert (county.status, county.codes) == ("name", ["04"])
    area = registry.resolve("cooperation_area", "Länsi-Suomen yhteistyöalue", "2024-01-01")
    assert (area.status, area.codes) == ("name", ["4"])
    centre = registry.resolve("centre", "sonet botnia", on)
    assert (centre.status, centre.codes) == ("name", ["sonet-botnia"])
    assert repr(folded) == "Resolution(status='folded', codes=['320'])"
    assert hash(folded) == hash(registry.resolve("municipality", "kemijarvi", on))
    with pytest.raises(oske.ArgumentError, match="cooperation_area"):
        registry.resolve("province", "Vaasa", on)  # type: ignore[arg-type]


def test_bad_dates_are_argument_errors(registry: oske.Registry) -> None:
    with pytest.raises(oske.ArgumentError, match=r'"2020-13-01" is not a date'):
        registry.region_of_municipality("152", "2020-13-01")
    with pytest.raises(oske.ArgumentError, match=r'"31.2.2024" is not a date'):
        registry.county_of_municipality("092", "31.2.2024")


def test_own_registry_round_trip_and_pickle(registry: oske.Registry) -> None:
    own = oske.Registry.from_json(registry.to_json())
    assert own == registry
    assert pickle.loads(pickle.dumps(registry)) == registry
    with pytest.raises(oske.LoadError) as info:
        oske.Registry.from_json('{"regions": [{"code": "14", "name": {"fi": "x"}, "colour": 1}]}')
    assert (info.value.kind, info.value.pointer) == ("data", "/regions/0/colour")
    # An unknown top-level field (the registry denies them) is placed at its key.
    with pytest.raises(oske.LoadError) as info:
        oske.Registry.from_json('{"name": "x", "colour": 1}')
    e = info.value
    assert (e.kind, e.pointer, e.line, e.column) == ("data", "/colour", 1, 22)
    county = registry.county("04")
    assert county is not None
    assert oske.County.from_json(county.to_json()) == county
    assert pickle.loads(pickle.dumps(county)) == county


def test_inconsistent_registries_are_load_errors_with_the_place() -> None:
    duplicate = {
        "format_version": 2,
        "regions": [
            {"code": "14", "name": {"fi": "Etelä-Pohjanmaa"}},
            {"code": "14", "name": {"fi": "Pohjanmaa"}},
        ],
    }
    with pytest.raises(oske.LoadError) as info:
        oske.Registry.from_json(json.dumps(duplicate))
    assert (info.value.kind, info.value.pointer) == ("data", "/regions/1/code")
    assert 'duplicate code "14" (first at /regions/0)' in str(info.value)
    overlap = {
        "format_version": 2,
        "regions": [{"code": "14", "name": {"fi": "A"}}, {"code": "15", "name": {"fi": "B"}}],
        "municipalities": [
            {
                "code": "152",
                "name": {"fi": "Isokyrö"},
                "regions": [
                    {"region": "15", "valid": {"to": "2021-01-01"}},
                    {"region": "14", "valid": {"from": "2021-01-01"}},
                ],
            }
        ],
    }
    with pytest.raises(oske.LoadError) as info:
        oske.Registry.from_json(json.dumps(overlap))
    assert (info.value.kind, info.value.pointer) == ("data", "/municipalities/0/regions/1")
    assert "overlaps in time" in str(info.value)
