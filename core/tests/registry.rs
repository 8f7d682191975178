//! The registry as a structure: checks on reading, look-ups by code and by name,
//! memberships over time, centre areas at municipality, region, county and
//! cooperation-area level, successor chains, populations. Facts of the embedded
//! registry are tested in `registry_facts.rs`.

use chrono::NaiveDate;
use oske::registry::{CodeKind, Resolution};
use oske::Registry;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A registry of format 2 with two regions, one county per region from 2021-07-01, a
/// cooperation area, a merger, a move between regions and centres at every level.
const SMALL: &str = r#"{
  "format_version": 2,
  "name": "test",
  "known_as_of": "2026-01-01",
  "coverage": {"start": "2002-01-01", "end": "2026-01-01"},
  "regions": [
    {"code": "15", "name": {"fi": "Pohjanmaa", "sv": "Österbotten"}},
    {"code": "14", "name": {"fi": "Etelä-Pohjanmaa", "sv": "Södra Österbotten"}},
    {"code": "20", "name": {"fi": "Itä-Uusimaa", "sv": "Östra Nyland"}, "valid": {"to": "2010-12-31"}}
  ],
  "counties": [
    {"code": "HV15", "name": {"fi": "Pohjanmaan hyvinvointialue", "sv": "Österbottens välfärdsområde"}, "valid": {"from": "2021-07-01"}, "responsible_from": "2023-01-01"},
    {"code": "HV14", "name": {"fi": "Etelä-Pohjanmaan hyvinvointialue", "sv": "Södra Österbottens välfärdsområde"}, "valid": {"from": "2021-07-01"}, "responsible_from": "2023-01-01"}
  ],
  "cooperation_areas": [
    {"code": "Y1", "name": {"fi": "Läntinen yhteistyöalue", "sv": "Västra samarbetsområdet"}, "valid": {"from": "2023-01-01"}, "counties": ["HV15"]},
    {"code": "Y2", "name": {"fi": "Sisä-Suomen yhteistyöalue", "sv": "Inre Finlands samarbetsområde"}, "valid": {"from": "2023-01-01"}, "counties": ["HV14"]}
  ],
  "municipalities": [
    {"code": "905", "name": {"fi": "Vaasa", "sv": "Vasa"}, "regions": [{"region": "15"}],
     "counties": [{"county": "HV15", "valid": {"from": "2021-07-01"}}]},
    {"code": "152", "name": {"fi": "Isokyrö", "sv": "Storkyro"},
     "regions": [{"region": "15", "valid": {"to": "2020-12-31"}}, {"region": "14", "valid": {"from": "2021-01-01"}}],
     "counties": [{"county": "HV14", "valid": {"from": "2021-07-01"}}]},
    {"code": "743", "name": {"fi": "Seinäjoki", "sv": "Seinäjoki"}, "regions": [{"region": "14"}],
     "counties": [{"county": "HV14", "valid": {"from": "2021-07-01"}}]},
    {"code": "540", "name": {"fi": "Nurmo", "sv": "Nurmo"}, "valid": {"to": "2008-12-31"}, "successor": "743",
     "regions": [{"region": "14"}]},
    {"code": "320", "name": {"fi": "Kemijärvi", "sv": "Kemijärvi"}, "regions": [{"region": "14"}],
     "counties": [{"county": "HV14", "valid": {"from": "2021-07-01"}}]}
  ],
  "centres": [
    {"id": "west", "short_name": "W", "name": {"fi": "Länsi"}, "valid": {"to": "2022-12-31"},
     "areas": [{"region": "15"}, {"municipality": "743"}]},
    {"id": "south", "short_name": "S", "name": {"fi": "Etelä"}, "valid": {"to": "2022-12-31"},
     "areas": [{"region": "14", "valid": {"to": "2008-12-31"}}, {"municipality": "152"}, {"municipality": "320"}, {"municipality": "540"}]},
    {"id": "by-county", "short_name": "K", "name": {"fi": "Maakunnittain"}, "valid": {"from": "2023-01-01", "to": "2025-06-30"},
     "areas": [{"county": "HV15"}, {"county": "HV14"}], "successor": "by-area"},
    {"id": "by-area", "short_name": "A", "name": {"fi": "Yhteistyöalueittain"}, "valid": {"from": "2025-07-01"},
     "areas": [{"cooperation_area": "Y1"}, {"cooperation_area": "Y2"}]},
    {"id": "fskc", "short_name": "FSKC", "name": {"sv": "FSKC"}, "nationwide_scope": {"sv": "svenskspråkiga"}}
  ],
  "populations": [
    {"area": "905", "date": "2019-12-31", "population": 67615},
    {"area": "152", "date": "2019-12-31", "population": 4658},
    {"area": "15", "kind": "region", "date": "2019-12-31", "population": 67615, "published_total": true}
  ]
}"#;

fn small() -> Registry {
    Registry::from_json(SMALL).unwrap()
}

#[test]
fn lookups_by_code_find_every_entry() {
    let reg = small();
    for code in ["905", "152", "743", "540", "320"] {
        assert_eq!(reg.municipality(code).unwrap().code, code);
    }
    assert!(reg.municipality("999").is_none());
    assert_eq!(
        reg.region("20").unwrap().name.get(oske::Lang::Sv),
        Some("Östra Nyland")
    );
    assert_eq!(reg.county("HV14").unwrap().code, "HV14");
    assert_eq!(reg.cooperation_area("Y1").unwrap().counties, ["HV15"]);
    assert_eq!(reg.centre("by-area").unwrap().short_name, "A");
    assert_eq!(
        reg.label(CodeKind::Municipality, "152", oske::Lang::Sv),
        "Storkyro (152)"
    );
    assert_eq!(
        reg.label(CodeKind::Municipality, "999", oske::Lang::Sv),
        "999"
    );
}

#[test]
fn memberships_and_centres_follow_the_date() {
    let reg = small();
    let code = |c: Option<&oske::registry::Region>| c.map(|r| r.code.clone());
    assert_eq!(
        code(reg.region_of_municipality("152", d(2020, 12, 31))),
        Some("15".into())
    );
    assert_eq!(
        code(reg.region_of_municipality("152", d(2021, 1, 1))),
        Some("14".into())
    );
    assert!(reg.county_of_municipality("152", d(2021, 6, 30)).is_none());
    assert_eq!(
        reg.county_of_municipality("152", d(2021, 7, 1))
            .unwrap()
            .code,
        "HV14"
    );
    assert_eq!(
        reg.cooperation_area_of_municipality("905", d(2023, 1, 1))
            .unwrap()
            .code,
        "Y1"
    );
    assert!(reg
        .cooperation_area_of_municipality("905", d(2022, 12, 31))
        .is_none());
    let ids = |v: Vec<&oske::registry::Centre>| v.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    // Municipality-level parts: Seinäjoki (region 14) was the western centre's.
    assert_eq!(
        ids(reg.centres_for_municipality("743", d(2010, 1, 1))),
        ["west"]
    );
    // A region part with an end: until 2008 all of region 14 was the southern one's,
    // so Seinäjoki was in both areas then.
    assert_eq!(
        ids(reg.centres_for_municipality("743", d(2008, 6, 1))),
        ["west", "south"]
    );
    // Isokyrö: south by its municipality part, and west through region 15 until 2020.
    assert_eq!(
        ids(reg.centres_for_municipality("152", d(2020, 6, 1))),
        ["west", "south"]
    );
    assert_eq!(
        ids(reg.centres_for_municipality("152", d(2021, 6, 1))),
        ["south"]
    );
    // County level, then cooperation-area level.
    assert_eq!(
        ids(reg.centres_for_municipality("152", d(2024, 1, 1))),
        ["by-county"]
    );
    assert_eq!(
        ids(reg.centres_for_municipality("152", d(2025, 7, 1))),
        ["by-area"]
    );
    assert_eq!(
        reg.centre_of_municipality("905", d(2025, 7, 1)).unwrap().id,
        "by-area"
    );
    // The nationwide FSKC has no regional area.
    assert!(reg
        .centres_for_municipality("905", d(2010, 1, 1))
        .iter()
        .all(|c| c.id != "fskc"));
    // Region coverage counts a region covered in part.
    assert!(reg.centre_covers_region("west", "14", d(2010, 1, 1)));
    assert!(!reg.centre_covers_region("west", "14", d(2023, 1, 1)));
    assert!(reg.centre_covers_county("by-county", "HV14", d(2024, 1, 1)));
    // Members on a date.
    let codes = |v: Vec<&oske::registry::Municipality>| {
        v.iter().map(|m| m.code.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        codes(reg.municipalities_of_region("14", d(2008, 1, 1))),
        ["320", "540", "743"]
    );
    assert_eq!(
        codes(reg.municipalities_of_region("14", d(2021, 1, 1))),
        ["152", "320", "743"]
    );
    assert_eq!(
        codes(reg.municipalities_of_county("HV14", d(2024, 1, 1))),
        ["152", "320", "743"]
    );
    assert_eq!(
        codes(reg.municipalities_of_centre("west", d(2010, 1, 1))),
        ["152", "743", "905"]
    );
    assert_eq!(
        reg.counties_of_cooperation_area("Y2", d(2024, 1, 1))
            .iter()
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>(),
        ["HV14"]
    );
}

#[test]
fn successor_chain_and_successor_on_a_date() {
    let reg = small();
    let chain: Vec<&str> = reg
        .successor_chain("540")
        .iter()
        .map(|m| m.code.as_str())
        .collect();
    assert_eq!(chain, ["743"]);
    assert!(reg.successor_chain("743").is_empty());
    assert_eq!(reg.successor_on("540", d(2009, 1, 1)).unwrap().code, "743");
}

#[test]
fn names_resolve_in_finnish_and_swedish_any_case_accents_optional() {
    let reg = small();
    let on = d(2020, 1, 1);
    assert_eq!(
        reg.resolve(CodeKind::Municipality, "905", on),
        Resolution::Code("905")
    );
    assert_eq!(
        reg.resolve(CodeKind::Municipality, "Vaasa", on),
        Resolution::Name("905")
    );
    assert_eq!(
        reg.resolve(CodeKind::Municipality, "VASA", on),
        Resolution::Name("905")
    );
    assert_eq!(
        reg.resolve(CodeKind::Municipality, " storkyro ", on),
        Resolution::Name("152")
    );
    assert_eq!(
        reg.resolve(CodeKind::Municipality, "Kemijarvi", on),
        Resolution::Folded("320")
    );
    assert_eq!(
        reg.resolve(CodeKind::Region, "Södra Österbotten", on),
        Resolution::Name("14")
    );
    assert_eq!(
        reg.resolve(
            CodeKind::County,
            "pohjanmaan hyvinvointialue",
            d(2024, 1, 1)
        ),
        Resolution::Name("HV15")
    );
    assert_eq!(
        reg.resolve(CodeKind::Centre, "FSKC", on),
        Resolution::Name("fskc")
    );
    // A merged municipality's name still finds it (its validity is checked apart).
    // A misspelling: the closest names are suggested.
    assert_eq!(
        reg.resolve(CodeKind::Municipality, "Seinajoky", on),
        Resolution::Unknown(vec!["743"])
    );
    assert_eq!(
        reg.resolve(CodeKind::Municipality, "Helsinki", on),
        Resolution::Unknown(vec![])
    );
}

#[test]
fn a_name_shared_by_two_entries_on_a_date_is_ambiguous() {
    let text = r#"{"regions": [{"code": "01", "name": {"fi": "A"}}],
      "municipalities": [
        {"code": "001", "name": {"fi": "Koski"}, "regions": [{"region": "01"}]},
        {"code": "002", "name": {"fi": "Koski"}, "regions": [{"region": "01"}]},
        {"code": "003", "name": {"fi": "Ylikoski"}, "valid": {"to": "2008-12-31"}, "regions": [{"region": "01"}]},
        {"code": "004", "name": {"fi": "Ylikoski"}, "valid": {"from": "2009-01-01"}, "regions": [{"region": "01"}]}
      ]}"#;
    let reg = Registry::from_json(text).unwrap();
    assert_eq!(
        reg.resolve(CodeKind::Municipality, "koski", d(2020, 1, 1)),
        Resolution::Ambiguous(vec!["001", "002"])
    );
    // The same name on different dates is not ambiguous.
    assert_eq!(
        reg.resolve(CodeKind::Municipality, "Ylikoski", d(2008, 1, 1)),
        Resolution::Name("003")
    );
    assert_eq!(
        reg.resolve(CodeKind::Municipality, "Ylikoski", d(2009, 1, 1)),
        Resolution::Name("004")
    );
}

#[test]
fn populations_are_exact_or_summed_from_municipalities() {
    let reg = small();
    let on = d(2019, 12, 31);
    assert_eq!(reg.population("905", on), Some(67_615));
    assert_eq!(reg.population("15", on), Some(67_615)); // published total
                                                        // Region 14 has no published figure and not every municipality has one.
    assert_eq!(reg.population("14", on), None);
    assert_eq!(reg.population("905", d(2020, 12, 31)), None);
}

/// Reading a registry: each inconsistency is an error with its pointer.
#[test]
fn inconsistent_registries_are_refused_with_the_place() {
    let cases: [(&str, &str, &str); 10] = [
        (
            r#"{"regions": [{"code": "14", "name": {"fi": "A"}}, {"code": "14", "name": {"fi": "B"}}]}"#,
            "/regions/1/code",
            "duplicate code \"14\" (first at /regions/0)",
        ),
        (
            r#"{"regions": [{"code": "14", "name": {"fi": "A"}}, {"code": "15", "name": {"fi": "B"}}],
                "municipalities": [{"code": "152", "name": {"fi": "Isokyrö"}, "regions": [
                  {"region": "15", "valid": {"to": "2021-06-30"}}, {"region": "14", "valid": {"from": "2021-01-01"}}]}]}"#,
            "/municipalities/0/regions/1",
            "membership of region \"14\" overlaps in time with the membership of region \"15\" (/municipalities/0/regions/0)",
        ),
        (
            r#"{"municipalities": [{"code": "152", "name": {"fi": "Isokyrö"}, "regions": [{"region": "15"}]}]}"#,
            "/municipalities/0/regions/0/region",
            "region \"15\" is not in the registry's regions",
        ),
        (
            r#"{"regions": [{"code": "14", "name": {"fi": "A"}, "valid": {"from": "2010-01-01", "to": "2009-12-31"}}]}"#,
            "/regions/0/valid",
            "validity ends on 2009-12-31 before it starts on 2010-01-01",
        ),
        (
            r#"{"coverage": {"start": "2026-01-01", "end": "2002-01-01"}}"#,
            "/coverage",
            "coverage ends on 2002-01-01 before it starts on 2026-01-01",
        ),
        (
            r#"{"centres": [{"id": "c", "short_name": "C", "name": {"fi": "C"}, "areas": [{"county": "X"}]}]}"#,
            "/centres/0/areas/0/county",
            "county \"X\" is not in the registry",
        ),
        (
            r#"{"centres": [{"id": "c", "short_name": "C", "name": {"fi": "C"}, "areas": [{}]}]}"#,
            "/centres/0/areas/0",
            "an area part names exactly one of region, county, cooperation_area, municipality",
        ),
        (
            r#"{"municipalities": [{"code": "001", "name": {"fi": "A"}, "successor": "002"},
                                   {"code": "002", "name": {"fi": "B"}, "successor": "001"}]}"#,
            "/municipalities/0/successor",
            "the successor chain of \"001\" returns to \"001\" (and 1 more problem)",
        ),
        (
            r#"{"format_version": 3}"#,
            "/format_version",
            "format_version 3 is not supported (this library reads 1 to 2)",
        ),
        (
            r#"{"populations": [{"area": "905", "date": "2019-12-31", "population": 1},
                                {"area": "905", "date": "2019-12-31", "population": 2}]}"#,
            "/populations/1",
            "a second population figure for \"905\" on 2019-12-31 (first at /populations/0)",
        ),
    ];
    for (text, pointer, message) in cases {
        let e = Registry::from_json(text).expect_err(text);
        assert_eq!(e.kind, oske::json::JsonErrorKind::Data, "{text}");
        assert_eq!(e.pointer.as_deref(), Some(pointer), "{text}");
        assert_eq!(e.message, message, "{text}");
    }
}

#[test]
fn several_problems_are_counted_and_all_listed_by_from_data() {
    let text = r#"{"regions": [{"code": "14", "name": {"fi": "A"}}, {"code": "14", "name": {"fi": "B"}}, {"code": "14", "name": {"fi": "C"}}]}"#;
    let e = Registry::from_json(text).unwrap_err();
    assert_eq!(
        e.message,
        "duplicate code \"14\" (first at /regions/0) (and 1 more problem)"
    );
    let data: oske::registry::RegistryData = serde_json::from_str(text).unwrap();
    let problems = Registry::from_data(data).unwrap_err();
    let pointers: Vec<&str> = problems.iter().map(|p| p.pointer.as_str()).collect();
    assert_eq!(pointers, ["/regions/1/code", "/regions/2/code"]);
}

#[test]
fn a_registry_is_a_json_object_and_a_bom_is_accepted() {
    assert!(Registry::from_json("[]").is_err());
    let r = Registry::from_json("\u{feff}{\"name\": \"x\"}").unwrap();
    assert_eq!(r.name, "x");
}

#[test]
fn a_registry_round_trips_through_json() {
    let reg = small();
    let text = serde_json::to_string(&reg).unwrap();
    assert_eq!(Registry::from_json(&text).unwrap(), reg);
    let embedded = Registry::from_json(Registry::embedded_json()).unwrap();
    assert_eq!(&embedded, Registry::embedded());
}

/// An unknown field of the registry (which denies them) is reported at the field, with
/// the line and column of its key, not at the object that holds it (issue 13, a
/// regression of the tree reader: it said `/`, line 1, column 26).
#[test]
fn an_unknown_registry_field_is_placed_at_its_key() {
    let e = Registry::from_json(r#"{"name": "x", "colour": 1}"#).unwrap_err();
    assert_eq!(e.pointer.as_deref(), Some("/colour"));
    assert_eq!((e.line, e.column), (Some(1), Some(22)));
    assert!(
        e.message
            .starts_with("unknown field `colour`, expected one of "),
        "{}",
        e.message
    );
    // On a later line, after a field of the same name inside a value, with an
    // escaped key: the place is the root's key.
    let text = "{\n  \"name\": \"x\",\n  \"regions\": [],\n  \"col\\u006fur\": {\"colour\": 2}\n}";
    let e = Registry::from_json(text).unwrap_err();
    assert_eq!(e.pointer.as_deref(), Some("/colour"));
    assert_eq!((e.line, e.column), (Some(4), Some(15)));
    assert_eq!(
        e.to_string(),
        format!("line 4, column 15: data error at /colour: {}", e.message)
    );
}

/// Registry data with one problem of every kind (the proofreader's registry).
const EVERY_PROBLEM: &str = r#"{"format_version": 2, "coverage": {"start": "2020-01-01", "end": "2019-01-01"},
        "regions": [{"code": "01", "name": {"fi": "A"}}, {"code": "01", "name": {"fi": "B"}},
                    {"code": "02", "name": {"fi": "C"}, "valid": {"from": "2021-01-01", "to": "2020-01-01"}}],
        "counties": [{"code": "01", "name": {"fi": "H"}}],
        "cooperation_areas": [{"code": "1", "name": {"fi": "Y"}, "counties": ["77"]}],
        "municipalities": [
            {"code": "005", "name": {"fi": "K"}, "successor": "005", "regions": [{"region": "09"}, {"region": "01"}, {"region": "02"}],
             "counties": [{"county": "88"}, {"county": "01"}, {"county": "01"}]},
            {"code": "006", "name": {"fi": "L"}, "successor": "007"},
            {"code": "007", "name": {"fi": "M"}, "successor": "006"}],
        "centres": [{"id": "c", "name": {"fi": "O"}, "successor": "x",
                     "areas": [{"region": "01", "county": "01"}, {"municipality": "999"}]}],
        "populations": [{"area": "005", "kind": "municipality", "date": "2019-12-31", "population": 1},
                        {"area": "005", "kind": "municipality", "date": "2019-12-31", "population": 2}]}"#;

/// Every consistency problem of [`EVERY_PROBLEM`] as the core words it in English,
/// Finnish and Swedish, with its pointer (the texts of `main` before the translations
/// moved into one table of templates, `errors.rs`).
const EVERY_PROBLEM_TEXTS: &[[&str; 3]] = &[
    [
        "data error at /coverage: coverage ends on 2019-01-01 before it starts on 2020-01-01",
        "tietovirhe kohdassa /coverage: kattavuusjakso päättyy 1.1.2019 ennen kuin se alkaa 1.1.2020",
        "datafel vid /coverage: täckningsperioden slutar den 1.1.2019 innan den börjar den 1.1.2020",
    ],
    [
        "data error at /regions/1/code: duplicate code \"01\" (first at /regions/0)",
        "tietovirhe kohdassa /regions/1/code: kentän \"code\" arvo \"01\" esiintyy toiseen kertaan (ensimmäinen kohdassa /regions/0)",
        "datafel vid /regions/1/code: värdet \"01\" i fältet \"code\" förekommer en andra gång (första vid /regions/0)",
    ],
    [
        "data error at /regions/2/valid: validity ends on 2020-01-01 before it starts on 2021-01-01",
        "tietovirhe kohdassa /regions/2/valid: voimassaolo päättyy 1.1.2020 ennen kuin se alkaa 1.1.2021",
        "datafel vid /regions/2/valid: giltigheten upphör den 1.1.2020 innan den börjar den 1.1.2021",
    ],
    [
        "data error at /cooperation_areas/0/counties/0: county \"77\" is not in the registry's counties",
        "tietovirhe kohdassa /cooperation_areas/0/counties/0: hyvinvointialuetta \"77\" ei ole rekisterin hyvinvointialueiden joukossa",
        "datafel vid /cooperation_areas/0/counties/0: välfärdsområdet \"77\" finns inte bland registrets välfärdsområden",
    ],
    [
        "data error at /municipalities/0/successor: successor \"005\" is not another municipality of the registry",
        "tietovirhe kohdassa /municipalities/0/successor: seuraaja \"005\" ei ole rekisterin toinen kunta",
        "datafel vid /municipalities/0/successor: efterträdaren \"005\" är inte en annan kommun i registret",
    ],
    [
        "data error at /municipalities/0/regions/0/region: region \"09\" is not in the registry's regions",
        "tietovirhe kohdassa /municipalities/0/regions/0/region: maakuntaa \"09\" ei ole rekisterin maakuntien joukossa",
        "datafel vid /municipalities/0/regions/0/region: landskapet \"09\" finns inte bland registrets landskap",
    ],
    [
        "data error at /municipalities/0/regions/1: membership of region \"01\" overlaps in time with the membership of region \"09\" (/municipalities/0/regions/0)",
        "tietovirhe kohdassa /municipalities/0/regions/1: kuuluminen maakuntaan \"01\" on ajallisesti päällekkäinen maakuntaan \"09\" kuulumisen kanssa (/municipalities/0/regions/0)",
        "datafel vid /municipalities/0/regions/1: tillhörigheten till landskapet \"01\" överlappar i tid med tillhörigheten till landskapet \"09\" (/municipalities/0/regions/0)",
    ],
    [
        "data error at /municipalities/0/regions/2: membership of region \"02\" overlaps in time with the membership of region \"09\" (/municipalities/0/regions/0)",
        "tietovirhe kohdassa /municipalities/0/regions/2: kuuluminen maakuntaan \"02\" on ajallisesti päällekkäinen maakuntaan \"09\" kuulumisen kanssa (/municipalities/0/regions/0)",
        "datafel vid /municipalities/0/regions/2: tillhörigheten till landskapet \"02\" överlappar i tid med tillhörigheten till landskapet \"09\" (/municipalities/0/regions/0)",
    ],
    [
        "data error at /municipalities/0/regions/2: membership of region \"02\" overlaps in time with the membership of region \"01\" (/municipalities/0/regions/1)",
        "tietovirhe kohdassa /municipalities/0/regions/2: kuuluminen maakuntaan \"02\" on ajallisesti päällekkäinen maakuntaan \"01\" kuulumisen kanssa (/municipalities/0/regions/1)",
        "datafel vid /municipalities/0/regions/2: tillhörigheten till landskapet \"02\" överlappar i tid med tillhörigheten till landskapet \"01\" (/municipalities/0/regions/1)",
    ],
    [
        "data error at /municipalities/0/counties/0/county: county \"88\" is not in the registry's counties",
        "tietovirhe kohdassa /municipalities/0/counties/0/county: hyvinvointialuetta \"88\" ei ole rekisterin hyvinvointialueiden joukossa",
        "datafel vid /municipalities/0/counties/0/county: välfärdsområdet \"88\" finns inte bland registrets välfärdsområden",
    ],
    [
        "data error at /municipalities/0/counties/1: membership of county \"01\" overlaps in time with the membership of county \"88\" (/municipalities/0/counties/0)",
        "tietovirhe kohdassa /municipalities/0/counties/1: kuuluminen hyvinvointialueeseen \"01\" on ajallisesti päällekkäinen hyvinvointialueeseen \"88\" kuulumisen kanssa (/municipalities/0/counties/0)",
        "datafel vid /municipalities/0/counties/1: tillhörigheten till välfärdsområdet \"01\" överlappar i tid med tillhörigheten till välfärdsområdet \"88\" (/municipalities/0/counties/0)",
    ],
    [
        "data error at /municipalities/0/counties/2: membership of county \"01\" overlaps in time with the membership of county \"88\" (/municipalities/0/counties/0)",
        "tietovirhe kohdassa /municipalities/0/counties/2: kuuluminen hyvinvointialueeseen \"01\" on ajallisesti päällekkäinen hyvinvointialueeseen \"88\" kuulumisen kanssa (/municipalities/0/counties/0)",
        "datafel vid /municipalities/0/counties/2: tillhörigheten till välfärdsområdet \"01\" överlappar i tid med tillhörigheten till välfärdsområdet \"88\" (/municipalities/0/counties/0)",
    ],
    [
        "data error at /municipalities/0/counties/2: membership of county \"01\" overlaps in time with the membership of county \"01\" (/municipalities/0/counties/1)",
        "tietovirhe kohdassa /municipalities/0/counties/2: kuuluminen hyvinvointialueeseen \"01\" on ajallisesti päällekkäinen hyvinvointialueeseen \"01\" kuulumisen kanssa (/municipalities/0/counties/1)",
        "datafel vid /municipalities/0/counties/2: tillhörigheten till välfärdsområdet \"01\" överlappar i tid med tillhörigheten till välfärdsområdet \"01\" (/municipalities/0/counties/1)",
    ],
    [
        "data error at /centres/0/successor: successor \"x\" is not another centre of the registry",
        "tietovirhe kohdassa /centres/0/successor: seuraaja \"x\" ei ole rekisterin toinen osaamiskeskus",
        "datafel vid /centres/0/successor: efterträdaren \"x\" är inte ett annat kompetenscentrum i registret",
    ],
    [
        "data error at /centres/0/areas/0: an area part names exactly one of region, county, cooperation_area, municipality",
        "tietovirhe kohdassa /centres/0/areas/0: alueen osan on nimettävä täsmälleen yksi seuraavista kentistä: \"region\", \"county\", \"cooperation_area\", \"municipality\"",
        "datafel vid /centres/0/areas/0: en del av ett område ska ange exakt ett av fälten \"region\", \"county\", \"cooperation_area\", \"municipality\"",
    ],
    [
        "data error at /centres/0/areas/1/municipality: municipality \"999\" is not in the registry",
        "tietovirhe kohdassa /centres/0/areas/1/municipality: kunta \"999\" ei ole rekisterissä",
        "datafel vid /centres/0/areas/1/municipality: kommunen \"999\" finns inte i registret",
    ],
    [
        "data error at /municipalities/0/successor: the successor chain of \"005\" returns to \"005\"",
        "tietovirhe kohdassa /municipalities/0/successor: kunnan \"005\" seuraajien ketju palaa kuntaan \"005\"",
        "datafel vid /municipalities/0/successor: kedjan av efterträdare till kommunen \"005\" återvänder till \"005\"",
    ],
    [
        "data error at /municipalities/1/successor: the successor chain of \"006\" returns to \"006\"",
        "tietovirhe kohdassa /municipalities/1/successor: kunnan \"006\" seuraajien ketju palaa kuntaan \"006\"",
        "datafel vid /municipalities/1/successor: kedjan av efterträdare till kommunen \"006\" återvänder till \"006\"",
    ],
    [
        "data error at /municipalities/2/successor: the successor chain of \"007\" returns to \"007\"",
        "tietovirhe kohdassa /municipalities/2/successor: kunnan \"007\" seuraajien ketju palaa kuntaan \"007\"",
        "datafel vid /municipalities/2/successor: kedjan av efterträdare till kommunen \"007\" återvänder till \"007\"",
    ],
    [
        "data error at /populations/1: a second population figure for \"005\" on 2019-12-31 (first at /populations/0)",
        "tietovirhe kohdassa /populations/1: alueelle \"005\" on annettu toinen väkiluku päivälle 31.12.2019 (ensimmäinen kohdassa /populations/0)",
        "datafel vid /populations/1: en andra folkmängdssiffra för \"005\" den 31.12.2019 (första vid /populations/0)",
    ],
];

fn problem_texts(text: &str) -> Vec<[String; 3]> {
    let data: oske::registry::RegistryData = oske::json::from_str_plain(text).unwrap();
    Registry::from_data(data)
        .unwrap_err()
        .into_iter()
        .map(|p| {
            let e = oske::JsonError {
                kind: oske::JsonErrorKind::Data,
                file: None,
                pointer: Some(p.pointer),
                line: None,
                column: None,
                message: p.message,
            };
            [oske::Lang::En, oske::Lang::Fi, oske::Lang::Sv].map(|l| e.localized(l))
        })
        .collect()
}

#[test]
fn every_consistency_problem_is_worded_the_same_in_three_languages() {
    let got = problem_texts(EVERY_PROBLEM);
    let want: Vec<[String; 3]> = EVERY_PROBLEM_TEXTS
        .iter()
        .map(|t| t.map(str::to_owned))
        .collect();
    assert_eq!(got, want);
}

/// A reversed validity is reported at its own pointer at every level.
#[test]
fn reversed_validities_are_placed_at_every_level() {
    let text = r#"{"format_version": 2,
        "regions": [{"code": "01", "name": {"fi": "A"}}],
        "counties": [{"code": "01", "name": {"fi": "H"}}],
        "cooperation_areas": [{"code": "1", "name": {"fi": "Y"}, "valid": {"from": "2023-01-02", "to": "2023-01-01"}}],
        "municipalities": [{"code": "005", "name": {"fi": "K"},
            "regions": [{"region": "01", "valid": {"from": "2011-01-01", "to": "2010-12-31"}}],
            "counties": [{"county": "01", "valid": {"from": "2024-01-01", "to": "2023-01-01"}}]}],
        "centres": [{"id": "c", "name": {"fi": "O"}, "valid": {"from": "2003-01-01", "to": "2002-01-01"},
            "areas": [{"region": "01", "valid": {"from": "2005-01-01", "to": "2004-12-31"}}]}]}"#;
    let got: Vec<String> = problem_texts(text)
        .into_iter()
        .map(|[en, _, _]| en)
        .collect();
    assert_eq!(
        got,
        [
            "data error at /cooperation_areas/0/valid: validity ends on 2023-01-01 before it starts on 2023-01-02",
            "data error at /municipalities/0/regions/0/valid: validity ends on 2010-12-31 before it starts on 2011-01-01",
            "data error at /municipalities/0/counties/0/valid: validity ends on 2023-01-01 before it starts on 2024-01-01",
            "data error at /centres/0/valid: validity ends on 2002-01-01 before it starts on 2003-01-01",
            "data error at /centres/0/areas/0/valid: validity ends on 2004-12-31 before it starts on 2005-01-01",
        ]
    );
}
