//! Facts of the embedded registry, from its sources (`docs/registry-sources.md`):
//! every year's municipality count, mergers, moves between regions, counties,
//! cooperation areas, the centres' areas at every date, populations.

use chrono::{Datelike, Days, NaiveDate};
use oske::registry::{AreaKind, CodeKind};
use oske::{validate, Registry};
use std::collections::BTreeSet;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn reg() -> &'static Registry {
    Registry::embedded()
}

fn code_of(name: &str, on: NaiveDate) -> String {
    match reg().resolve(CodeKind::Municipality, name, on) {
        oske::registry::Resolution::Name(c) => c.to_owned(),
        other => panic!("{name} on {on}: {other:?}"),
    }
}

/// Statistics Finland's number of municipalities on 1 January (mainland and Åland),
/// as listed with their sources in `scripts/registry/raw/published_counts.csv`.
const COUNTS: [(i32, usize); 25] = [
    (2002, 448),
    (2003, 446),
    (2004, 444),
    (2005, 432),
    (2006, 431),
    (2007, 416),
    (2008, 415),
    (2009, 348),
    (2010, 342),
    (2011, 336),
    (2012, 336),
    (2013, 320),
    (2014, 320),
    (2015, 317),
    (2016, 313),
    (2017, 311),
    (2018, 311),
    (2019, 311),
    (2020, 310),
    (2021, 309),
    (2022, 309),
    (2023, 309),
    (2024, 309),
    (2025, 308),
    (2026, 308),
];

#[test]
fn every_years_municipality_count_is_statistics_finlands() {
    for (year, count) in COUNTS {
        assert_eq!(
            reg().municipalities_on(d(year, 1, 1)).count(),
            count,
            "municipalities on 1.1.{year}"
        );
    }
}

#[test]
fn the_registry_is_known_to_2026_and_covers_2002_on() {
    let cov = reg().coverage.unwrap();
    assert_eq!(cov.start, d(2002, 1, 1));
    assert!(reg().known_as_of.unwrap() >= d(2026, 1, 1));
    assert_eq!(reg().regions.len(), 20); // 01–19 and 21, with 20 Itä-Uusimaa until 2010
    assert_eq!(reg().counties.len(), 22); // 21 counties and the City of Helsinki
    assert_eq!(reg().cooperation_areas.len(), 5);
}

#[test]
fn the_three_ostrobothnian_regions_had_56_municipalities_in_2005() {
    // Seed 004: "56 kuntaa" in Etelä-Pohjanmaa, Pohjanmaa and Keski-Pohjanmaa.
    let on = d(2005, 1, 1);
    let n: usize = ["14", "15", "16"]
        .iter()
        .map(|r| reg().municipalities_of_region(r, on).len())
        .sum();
    assert_eq!(n, 56);
    // Named in seed 004's time: these still existed.
    for name in ["Himanka", "Kälviä", "Lohtaja", "Ullava", "Nurmo"] {
        code_of(name, on);
    }
}

#[test]
fn moves_between_regions() {
    let region = |code: &str, on| reg().region_of_municipality(code, on).unwrap().code.clone();
    // Isokyrö (152): Pohjanmaa → Etelä-Pohjanmaa; Heinävesi (090): Etelä-Savo →
    // Pohjois-Karjala, both on 1.1.2021.
    assert_eq!(region("152", d(2020, 12, 31)), "15");
    assert_eq!(region("152", d(2021, 1, 1)), "14");
    assert_eq!(region("090", d(2020, 12, 31)), "10");
    assert_eq!(region("090", d(2021, 1, 1)), "12");
    // Itä-Uusimaa (20) merged into Uusimaa on 1.1.2011: Porvoo (638) moved.
    assert_eq!(region("638", d(2010, 12, 31)), "20");
    assert_eq!(region("638", d(2011, 1, 1)), "01");
    assert!(reg()
        .municipalities_of_region("20", d(2011, 1, 1))
        .is_empty());
    assert_eq!(
        reg().region_on("20", d(2011, 1, 1)),
        oske::registry::Lookup::NotValid(
            reg().region("20").unwrap(),
            reg().region("20").unwrap().valid
        )
    );
}

#[test]
fn named_mergers_with_their_dates_and_successors() {
    // (merged municipality, last day, successor)
    let cases = [
        ("Nurmo", d(2008, 12, 31), "Seinäjoki"),
        ("Ylistaro", d(2008, 12, 31), "Seinäjoki"),
        ("Kälviä", d(2008, 12, 31), "Kokkola"),
        ("Lohtaja", d(2008, 12, 31), "Kokkola"),
        ("Ullava", d(2008, 12, 31), "Kokkola"),
        ("Himanka", d(2009, 12, 31), "Kalajoki"),
        ("Karjaa", d(2008, 12, 31), "Raasepori"),
        ("Tammisaari", d(2008, 12, 31), "Raasepori"),
        ("Vehmersalmi", d(2004, 12, 31), "Kuopio"),
        ("Kangaslampi", d(2004, 12, 31), "Varkaus"),
        ("Nummi-Pusula", d(2012, 12, 31), "Lohja"),
        ("Maaninka", d(2014, 12, 31), "Kuopio"),
        ("Jalasjärvi", d(2015, 12, 31), "Kurikka"),
        ("Luvia", d(2016, 12, 31), "Eurajoki"),
        ("Valtimo", d(2019, 12, 31), "Nurmes"),
        ("Honkajoki", d(2020, 12, 31), "Kankaanpää"),
        ("Pertunmaa", d(2024, 12, 31), "Mäntyharju"),
    ];
    for (name, last, successor) in cases {
        let code = code_of(name, last);
        let m = reg().municipality(&code).unwrap();
        assert_eq!(m.valid.to, Some(last), "{name}");
        let next = reg().successor_on(&code, last + Days::new(1)).unwrap();
        assert_eq!(next.name.get(oske::Lang::Fi), Some(successor), "{name}");
        assert!(
            reg().municipality_on(&code, last + Days::new(1)) != oske::registry::Lookup::Valid(m)
        );
    }
}

#[test]
fn bilingual_municipalities_have_both_names() {
    let name = |code: &str, lang| {
        reg()
            .municipality(code)
            .unwrap()
            .name
            .exact(lang)
            .map(str::to_owned)
    };
    assert_eq!(name("091", oske::Lang::Fi).as_deref(), Some("Helsinki"));
    assert_eq!(name("091", oske::Lang::Sv).as_deref(), Some("Helsingfors"));
    assert_eq!(name("905", oske::Lang::Sv).as_deref(), Some("Vasa"));
    assert_eq!(name("152", oske::Lang::Sv).as_deref(), Some("Storkyro"));
}

#[test]
fn counties_and_cooperation_areas() {
    let on = d(2024, 1, 1);
    let county = |code: &str| reg().county_of_municipality(code, on).unwrap().code.clone();
    // Vantaa and Kerava form one county.
    assert_eq!(county("092"), county("245"));
    assert_eq!(
        reg()
            .county(&county("092"))
            .unwrap()
            .name
            .get(oske::Lang::Fi),
        Some("Vantaan ja Keravan hyvinvointialue")
    );
    // Helsinki organises the services itself; Åland is outside the reform.
    assert_eq!(reg().county_of_municipality("091", on).unwrap().code, "90");
    assert!(reg().county_of_municipality("478", on).is_none());
    // Counties exist from 1.7.2021 and are responsible from 1.1.2023.
    assert!(reg()
        .county_of_municipality("092", d(2021, 6, 30))
        .is_none());
    for c in reg().counties.iter() {
        assert_eq!(c.valid.from, Some(d(2021, 7, 1)), "{}", c.code);
        assert_eq!(c.responsible_from, Some(d(2023, 1, 1)), "{}", c.code);
    }
    // Every mainland municipality of 2024 has a county and a cooperation area.
    for m in reg().municipalities_on(on) {
        let aland = reg().region_of_municipality(&m.code, on).unwrap().code == "21";
        assert_eq!(
            reg()
                .cooperation_area_of_municipality(&m.code, on)
                .is_some(),
            !aland,
            "{}",
            m.code
        );
    }
    // Five cooperation areas hold the 22 counties once each.
    let mut all: Vec<&str> = reg()
        .cooperation_areas
        .iter()
        .flat_map(|a| a.counties.iter().map(String::as_str))
        .collect();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), 22);
    // Seinäjoki and Tampere share the inner (Tays) area; Vaasa is western.
    let area = |code: &str| {
        reg()
            .cooperation_area_of_municipality(code, on)
            .unwrap()
            .code
            .clone()
    };
    assert_eq!(area("743"), area("837"));
    assert_ne!(area("743"), area("905"));
}

#[test]
fn vaasas_centre_before_and_after_1_7_2025() {
    assert_eq!(
        reg()
            .centre_of_municipality("905", d(2025, 6, 1))
            .unwrap()
            .id,
        "sonet-botnia"
    );
    assert_eq!(
        reg()
            .centre_of_municipality("905", d(2025, 9, 1))
            .unwrap()
            .id,
        "lansi-suomi"
    );
    let botnia = reg().centre("sonet-botnia").unwrap();
    assert_eq!(botnia.valid.to, Some(d(2025, 6, 30)));
    assert_eq!(botnia.successor.as_deref(), Some("lansi-suomi"));
    // Six centres from 1.7.2025: one per cooperation area and the nationwide FSKC.
    let operating: Vec<&str> = reg()
        .centres
        .iter()
        .filter(|c| c.valid.contains(d(2025, 7, 1)))
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(operating.len(), 6, "{operating:?}");
    assert!(operating.contains(&"fskc") && operating.contains(&"jarvi-suomi"));
}

/// Every date on which something in the registry changes, from 1.1.2002 to the
/// registry's last known date: between two of them the map is the same.
fn change_dates() -> BTreeSet<NaiveDate> {
    let start = d(2002, 1, 1);
    let end = reg().known_as_of.unwrap();
    let mut dates = BTreeSet::from([start, end]);
    let mut add = |v: &oske::Validity| {
        if let Some(f) = v.from {
            dates.insert(f);
        }
        if let Some(t) = v.to {
            dates.insert(t + Days::new(1));
        }
    };
    for r in reg().regions.iter() {
        add(&r.valid);
    }
    for c in reg().counties.iter() {
        add(&c.valid);
    }
    for a in reg().cooperation_areas.iter() {
        add(&a.valid);
    }
    for m in reg().municipalities.iter() {
        add(&m.valid);
        m.regions.iter().for_each(|r| add(&r.valid));
        m.counties.iter().for_each(|r| add(&r.valid));
    }
    for c in reg().centres.iter() {
        add(&c.valid);
        c.areas.iter().for_each(|a| add(&a.valid));
    }
    dates
        .into_iter()
        .filter(|x| *x >= start && *x <= end)
        .collect()
}

#[test]
fn on_every_date_every_mainland_municipality_has_exactly_one_regional_centre() {
    let dates = change_dates();
    assert!(dates.len() > 20, "{} change dates", dates.len());
    for on in dates {
        for m in reg().municipalities_on(on) {
            let region = reg().region_of_municipality(&m.code, on).expect("a region");
            let centres: Vec<&str> = reg()
                .centres_for_municipality(&m.code, on)
                .iter()
                .map(|c| c.id.as_str())
                .collect();
            if region.code == "21" {
                assert!(
                    centres.is_empty(),
                    "Åland's {} in {centres:?} on {on}",
                    m.code
                );
            } else {
                assert_eq!(
                    centres.len(),
                    1,
                    "{} {:?} on {on}: {centres:?}",
                    m.code,
                    m.name.get(oske::Lang::Fi)
                );
            }
        }
    }
}

#[test]
fn the_swedish_language_centre_is_nationwide_not_regional() {
    let fskc = reg().centre("fskc").unwrap();
    assert!(fskc.areas.is_empty());
    assert!(fskc.nationwide_scope.is_some());
    assert!(!fskc.is_regional());
}

#[test]
fn centre_areas_use_every_level_the_law_used() {
    let kinds = |id: &str| -> BTreeSet<String> {
        reg()
            .centre(id)
            .unwrap()
            .areas
            .iter()
            .filter_map(|a| a.target())
            .map(|(k, _)| format!("{k:?}"))
            .collect()
    };
    // Uusimaa was split between Socca, Sosiaalitaito and Verso at municipality level.
    assert!(kinds("socca").contains(&format!("{:?}", AreaKind::Municipality)));
    // From 1.1.2023 by county, from 1.7.2025 by cooperation area.
    assert!(kinds("sonet-botnia").contains(&format!("{:?}", AreaKind::County)));
    assert!(kinds("lansi-suomi").contains(&format!("{:?}", AreaKind::CooperationArea)));
}

/// Decree 1248/2022 § 1 (in force 1.1.2023): one southern statutory centre, the
/// Etelä-Suomen sosiaalialan osaamiskeskus, covering the Itä-, Keski- and Länsi-Uusimaa,
/// Vantaa–Kerava and Päijät-Häme counties. It names no organisation: Socca (Uusimaa) and
/// Verso (Päijät-Häme) run it; the City of Helsinki is not named and is in the area only
/// by Act 615/2021 § 2, which the data marks unverified.
#[test]
fn the_southern_statutory_centre_of_2023_is_run_by_socca_and_verso() {
    let on = d(2024, 6, 1);
    let stat = "Etelä-Suomen sosiaalialan osaamiskeskus";
    let runners: Vec<&str> = reg()
        .data()
        .centres
        .iter()
        .filter(|c| c.valid.contains(on))
        .filter(|c| {
            c.statutory_centre
                .as_ref()
                .and_then(|s| s.get(oske::Lang::Fi))
                == Some(stat)
        })
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(runners, ["socca", "verso"]);
    // The counties the two cover together: the decree's five, plus Helsinki (90).
    let mut counties: BTreeSet<&str> = BTreeSet::new();
    for m in reg().municipalities_on(on) {
        if runners
            .iter()
            .any(|id| reg().centre_covers_municipality(id, &m.code, on))
        {
            counties.insert(
                reg()
                    .county_of_municipality(&m.code, on)
                    .unwrap()
                    .code
                    .as_str(),
            );
        }
    }
    assert_eq!(
        counties,
        BTreeSet::from(["01", "02", "03", "04", "09", "90"])
    );
    let socca = reg().centre("socca").unwrap();
    assert!(socca.unverified.iter().any(|u| u == "areas.county.90"));
    assert!(socca.sources.iter().any(|s| s == "decree-1248-2022"));
    assert!(socca.sources.iter().any(|s| s == "act-615-2021"));
    // Päijät-Häme (Lahti) is Verso's, Porvoo (East Uusimaa) Socca's.
    assert_eq!(reg().centre_of_municipality("398", on).unwrap().id, "verso");
    assert_eq!(reg().centre_of_municipality("638", on).unwrap().id, "socca");
    // Every other regional organisation of 2002–2025 names its statutory centre too.
    for c in &reg().data().centres {
        if c.is_regional() && c.valid.contains(d(2024, 6, 1)) {
            assert!(
                c.statutory_centre.is_some(),
                "{} has no statutory centre",
                c.id
            );
        }
    }
    assert_eq!(
        reg()
            .centre("pikassos")
            .unwrap()
            .statutory_centre
            .as_ref()
            .and_then(|s| s.get(oske::Lang::Fi)),
        Some("Häme-Satakunnan sosiaalialan osaamiskeskus")
    );
}

#[test]
fn populations_of_2019_sum_to_statistics_finlands_region_totals() {
    let on = d(2019, 12, 31);
    // Statistics Finland's final figures (the plan of seed 001 quotes earlier ones:
    // 188 719, 180 569, 68 189; docs/registry-sources.md).
    assert_eq!(reg().population("14", on), Some(188_685));
    assert_eq!(reg().population("15", on), Some(180_445));
    assert_eq!(reg().population("16", on), Some(68_158));
    // The published total of Etelä-Pohjanmaa equals the sum of its municipalities.
    let sum: u64 = reg()
        .municipalities_of_region("14", on)
        .iter()
        .map(|m| reg().population(&m.code, on).unwrap())
        .sum();
    assert_eq!(sum, 188_685);
    // The whole country.
    let total: u64 = reg()
        .municipalities_on(on)
        .filter_map(|m| reg().population(&m.code, on))
        .sum();
    assert_eq!(total, 5_525_292);
}

#[test]
fn documents_of_every_era_validate_against_the_map_of_their_date() {
    // A 2021 project naming Tampere; a 2005 project naming Nurmo; a 2026 plan of the
    // western centre: no registry issue. SONet BOTNIA in a 2026 plan is an error that
    // names its successor.
    let doc = oske::json::from_str(
        r#"{"format_version": 1,
        "action_plans": [
          {"id": "w", "centre": "lansi-suomi", "title": {"fi": "Suunnitelma 2026"},
           "period": {"start": "2026-01-01", "end": "2026-12-31"}, "sections": [{"region": "15"}]},
          {"id": "b", "centre": "sonet-botnia", "title": {"fi": "Suunnitelma 2026"},
           "period": {"start": "2026-01-01", "end": "2026-12-31"}}],
        "projects": [
          {"id": "t", "name": {"fi": "Tampere"}, "period": {"start": "2021-01-01", "end": "2021-12-31"}, "participants": ["837"]},
          {"id": "n", "name": {"fi": "Nurmo"}, "period": {"start": "2005-01-01", "end": "2005-12-31"}, "participants": ["544"]}]}"#,
    )
    .unwrap()
    .document;
    let report = validate(&doc, reg());
    assert_eq!(
        report.codes_and_pointers(),
        [(
            "registry.centre-ended".to_string(),
            "/action_plans/1/centre".to_string()
        )]
    );
    let msg = report.issues[0].message(oske::Lang::Fi);
    assert!(msg.contains("30.6.2025"), "{msg}");
    assert!(
        msg.contains(&oske::Registry::embedded().label(
            CodeKind::Centre,
            "lansi-suomi",
            oske::Lang::Fi
        )),
        "{msg}"
    );
    // Lookups by code are binary searches over sorted indexes: every code is found.
    for m in reg().municipalities.iter() {
        assert_eq!(reg().municipality(&m.code).unwrap().code, m.code);
    }
    assert!(d(2026, 1, 1).year() == 2026);
}

#[test]
fn change_dates_of_a_period_are_the_days_its_map_changes() {
    let p = |a: NaiveDate, b: NaiveDate| oske::date::Period::new(a, b);
    // The whole coverage: the same dates the one-centre invariant walks.
    let all = reg().change_dates(&p(d(2002, 1, 1), reg().known_as_of.unwrap()));
    // The invariant's walk adds the last known date, 1.1.2026, on which nothing changed.
    let mut walked: Vec<NaiveDate> = change_dates().into_iter().collect();
    assert_eq!(walked.pop(), Some(d(2026, 1, 1)));
    assert_eq!(all, walked);
    // 2020–2021: Isokyrö's and Heinävesi's moves and the mergers of 1.1.2021, and the
    // counties' establishment on 1.7.2021.
    assert_eq!(
        reg().change_dates(&p(d(2020, 1, 1), d(2021, 12, 31))),
        [d(2020, 1, 1), d(2021, 1, 1), d(2021, 7, 1)]
    );
    // 2022–2023: the counties take over on 1.1.2023.
    assert_eq!(
        reg().change_dates(&p(d(2022, 1, 1), d(2023, 12, 31))),
        [d(2022, 1, 1), d(2023, 1, 1)]
    );
    // A 2023–2026 plan spans Pertunmaa's merger into Mäntyharju (1.1.2025) and the
    // centre reform (1.7.2025).
    assert_eq!(
        reg().change_dates(&p(d(2023, 1, 1), d(2026, 12, 31))),
        [d(2023, 1, 1), d(2025, 1, 1), d(2025, 7, 1)]
    );
    // A period starting on a change date, and a reversed period.
    assert_eq!(
        reg().change_dates(&p(d(2025, 7, 1), d(2025, 12, 31))),
        [d(2025, 7, 1)]
    );
    assert_eq!(
        reg().change_dates(&p(d(2025, 12, 31), d(2023, 1, 1))),
        [d(2025, 12, 31)]
    );
}
