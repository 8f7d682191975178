//! One passing and one failing case for every rule of the rulebook (`oske::Rule::ALL`),
//! with exact issue codes and JSON Pointers; the protocol's state machine, move by
//! move; and a check that every rule (bar the CSV rules, tested in `tables*.rs`) is
//! exercised by a failing case here.

use chrono::NaiveDate;
use oske::consultation::{
    Action, Consultant, Consultation, ConsultationPolicy, ConsultationProgramme, ConsultationState,
    ProtocolError, SelectionCriterion, TrialEvaluation,
};
use oske::{Lang, LocalizedText, Registry, Report, Rule};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

thread_local! {
    /// Codes seen in failing cases on this thread (see `every_rule_has_a_failing_case`).
    static SEEN: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
}

fn saw(code: &str) {
    let rule = Rule::from_code(code).unwrap_or_else(|| panic!("no rule has code {code}"));
    SEEN.with(|s| s.borrow_mut().insert(rule.code()));
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Loads a document from its JSON value (as text, through `oske::json::from_str`) and
/// validates it; the report holds the load warnings first, then the issues.
fn run_with(v: &Value, reg: &Registry) -> Report {
    let text = serde_json::to_string_pretty(v).unwrap();
    let loaded = oske::json::from_str(&text).unwrap_or_else(|e| panic!("load failed: {e}"));
    let mut report = Report {
        issues: loaded.warnings,
    };
    report.extend(oske::validate(&loaded.document, reg));
    report
}

fn run(v: &Value) -> Report {
    run_with(v, Registry::embedded())
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(c, p)| (c.to_string(), p.to_string()))
        .collect()
}

/// Asserts the exact `(code, pointer)` list and records the codes as exercised.
fn expect_with(v: &Value, reg: &Registry, expected: &[(&str, &str)]) -> Report {
    let report = run_with(v, reg);
    assert_eq!(
        report.codes_and_pointers(),
        pairs(expected),
        "\nissues:\n{}",
        report
            .issues
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    for (c, _) in expected {
        saw(c);
    }
    report
}

fn expect(v: &Value, expected: &[(&str, &str)]) -> Report {
    expect_with(v, Registry::embedded(), expected)
}

/// Asserts that the document has no issue of `code` (the passing case of a rule) and
/// that it does have issues when the rule's failing case is applied (so the passing
/// case is a real near miss, not a document the rule never looks at).
fn expect_clean(v: &Value) {
    expect(v, &[]);
}

/// Sets (or adds) the value at a JSON Pointer; `-` appends to an array.
fn set(v: &mut Value, ptr: &str, new: Value) {
    let (parent, last) = ptr.rsplit_once('/').expect("pointer");
    let target = v
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no parent at {parent}"));
    match target {
        Value::Object(m) => {
            m.insert(last.replace("~1", "/").replace("~0", "~"), new);
        }
        Value::Array(a) if last == "-" => a.push(new),
        Value::Array(a) => a[last.parse::<usize>().unwrap()] = new,
        _ => panic!("{parent} is not a container"),
    }
}

/// Removes the value at a JSON Pointer.
fn remove(v: &mut Value, ptr: &str) {
    let (parent, last) = ptr.rsplit_once('/').expect("pointer");
    match v.pointer_mut(parent) {
        Some(Value::Object(m)) => {
            m.remove(last).unwrap_or_else(|| panic!("nothing at {ptr}"));
        }
        Some(Value::Array(a)) => {
            a.remove(last.parse::<usize>().unwrap());
        }
        _ => panic!("no container at {parent}"),
    }
}

fn with(mut v: Value, ptr: &str, new: Value) -> Value {
    set(&mut v, ptr, new);
    v
}

/// The message of the only issue of `code` in `lang`.
fn message(report: &Report, code: &str, lang: Lang) -> String {
    let found: Vec<_> = report.issues.iter().filter(|i| i.code() == code).collect();
    assert_eq!(found.len(), 1, "expected one {code}");
    found[0].message(lang)
}

// ---------------------------------------------------------------------------
// A clean document: every kind of item, every rule's passing case at once.
// ---------------------------------------------------------------------------

fn evaluated_consultation() -> Value {
    json!({
        "id": "c1",
        "state": "evaluated",
        "brief": "Child protection key projects: how are they organised?",
        "questions": ["How is the key project organised?", "How is its effect shown?"],
        "consultant": {"organisation": "VISO", "country": "DK", "criteria": ["nationally_significant"]},
        "brief_sent_on": "2020-10-01",
        "session": {"date": "2020-10-08", "planned_minutes": 45, "platform": "Teams"},
        "held": {"date": "2020-10-08", "actual_minutes": 40},
        "documentation": "Trial described for the developer group.",
        "evaluation": {"date": "2020-10-20", "summary": {"en": "Useful"}, "useful": true}
    })
}

fn clean() -> Value {
    json!({
        "format_version": 1,
        "title": "Every kind of item, without an issue",
        "action_plans": [{
            "id": "plan-2020",
            "centre": "sonet-botnia",
            "title": {"fi": "Toimintasuunnitelma 2020", "sv": "Verksamhetsplan 2020"},
            "period": {"start": "2020-01-01", "end": "2021-12-31"},
            "population": {
                "reference_date": "31.12.2019",
                "parts": [
                    {"area": "14", "population": 188685},
                    {"area": "16", "population": 68158},
                    {"area": "15", "population": 180445}
                ],
                "total": 437288
            },
            "priorities": [
                {"id": "p1", "number": 1, "title": {"en": "Practice-oriented development"}},
                {"id": "p5", "number": 5, "title": {"en": "The Nordic special task"}}
            ],
            "sections": [{
                "region": "16",
                "local_priorities": [
                    {"id": "kp1", "number": 1, "title": {"fi": "Käytäntölähtöinen kehittäminen"}, "maps_to": "p1"},
                    {"id": "kp6", "number": 6, "title": {"fi": "Rahoituksen turvaaminen"}}
                ],
                "measures": [{
                    "id": "m1",
                    "title": {"en": "Registration coaches' network"},
                    "kind": "network",
                    "priority": "p1",
                    "schedule": {"period": {"start": "2020-02-01", "end": "2020-11-30"}, "dates": ["7.5.2020"]},
                    "frequency": {"min_times": 2, "per": "year"},
                    "network": "coaches"
                }, {
                    "id": "m2",
                    "title": {"fi": "Rahoitusselvitys"},
                    "kind": "survey",
                    "priority": "kp6"
                }]
            }],
            "special_tasks": [{
                "id": "nordic-2020",
                "kind": "nordic",
                "year": 2020,
                "grant_share": 75,
                "state_grant": 200000000,
                "allocated": 1500000,
                "content": [{"en": "Nordic video consultation trials"}],
                "consultation_programme": "nordic-consultations"
            }]
        }],
        "projects": [{
            "id": "lapland-unit",
            "name": {"fi": "Lapin sosiaalityön kehittämisyksikkö"},
            "period": {"start": "2008-11-01", "end": "2011-12-31"},
            "phases": [{"name": "III", "period": {"start": "2008-11-01", "end": "2011-12-31"}}],
            "organisations": [
                {"id": "poske", "name": {"fi": "Poske"}, "roles": ["coordinator"], "centre": "poske"},
                {"id": "stm", "name": {"fi": "Sosiaali- ja terveysministeriö"}, "roles": ["funder"]},
                {"id": "municipalities", "name": {"en": "Municipalities"}, "roles": ["funder"]}
            ],
            "teams": [
                {"id": "inari", "base_municipality": "148", "area_municipalities": ["148", "890"]},
                {"id": "kemi", "base_municipality": "240", "area_municipalities": ["240", "751"], "shared_with": ["tornio"]},
                {"id": "tornio", "base_municipality": "851", "area_municipalities": ["851", "751"]}
            ],
            "participants": ["047"],
            "budget": {
                "total": 182820400,
                "sources": [
                    {"funder": "stm", "amount": 137115200},
                    {"funder": "municipalities", "amount": 45705200}
                ],
                "annual": {
                    "total": 56800000,
                    "sources": [
                        {"funder": "stm", "amount": 42600000, "stated_share": 7500},
                        {"funder": "municipalities", "amount": 14200000, "stated_share": 2500}
                    ],
                    "contributions": [
                        {"category": "team_municipality", "per_year": 2000000, "count": 6},
                        {"category": "other_participant", "per_year": 200000, "count": 11}
                    ],
                    "contributions_fund": "municipalities"
                }
            },
            "evaluations": ["unit-evaluation"]
        }],
        "networks": [{
            "id": "coaches",
            "name": {"fi": "Kirjaamisvalmentajien verkosto"},
            "period": {"start": "2020-01-01", "end": "2020-12-31"},
            "min_frequency": {"min_times": 2, "per": "year"},
            "meetings": [
                {"id": "coaches-1", "date": "14.2.2020", "format": "in_person", "regions_represented": ["14", "15", "16"]},
                {"id": "coaches-2", "date": "2020-09-10", "format": "remote", "platform": "Teams"}
            ]
        }],
        "evaluations": [{
            "id": "unit-evaluation",
            "title": {"en": "Internal evaluation"},
            "subject": "lapland-unit",
            "method": "self_evaluation",
            "period": {"start": "2009-01-01", "end": "2011-12-31"},
            "indicators": [
                {"id": "i1", "name": {"en": "Clients reached"}, "unit": "count", "baseline": 100, "target": 200, "direction": "increase"},
                {"id": "i2", "name": {"en": "Waiting days"}, "unit": "days", "baseline": 30, "target": 20, "direction": "decrease"},
                {"id": "i3", "name": {"en": "Satisfaction"}, "unit": "score 1-5", "baseline": 4, "target": 4, "direction": "maintain"}
            ]
        }],
        "consultation_programmes": [{
            "id": "nordic-consultations",
            "name": {"en": "Nordic video consultations"},
            "centre": "sonet-botnia",
            "consultations": [evaluated_consultation()],
            "concept": {"date": "2020-12-15", "description": {"en": "The operating concept"}}
        }],
        "activity_reports": [{
            "id": "pohjanmaa-2005",
            "centre": "sonet-botnia",
            "region": "15",
            "title": {"fi": "Toimintakertomus 2005–2006"},
            "period": {"start": "2005-01-01", "end": "2006-12-31"},
            "priority_areas": [{"title": {"fi": "Lastensuojelu"}, "projects": 8}],
            "networks": ["coaches"],
            "evaluations": ["unit-evaluation"]
        }]
    })
}

#[test]
fn the_clean_document_has_no_issue() {
    expect_clean(&clean());
}

// ---------------------------------------------------------------------------
// Format and structure
// ---------------------------------------------------------------------------

#[test]
fn json_unknown_field() {
    // Passing: every field of the format is known, optional ones included.
    expect_clean(&with(clean(), "/title", json!("A title")));
    // Failing: a field the format does not define, nested and at the top.
    let mut v = clean();
    set(&mut v, "/networks/0/meetings/0/room", json!("B 101"));
    set(&mut v, "/zz_note", json!("not loaded"));
    let r = expect(
        &v,
        &[
            ("json.unknown-field", "/networks/0/meetings/0/room"),
            ("json.unknown-field", "/zz_note"),
        ],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the field \"room\" is not part of the file format and was not read"
    );
    assert_eq!(
        r.issues[0].message(Lang::Fi),
        "kenttä \"room\" ei kuulu tiedostomuotoon, eikä sitä luettu"
    );
}

#[test]
fn id_duplicate() {
    // Passing: ids need only be unique within their kind.
    expect_clean(&with(
        clean(),
        "/action_plans/0/sections/0/measures/1/id",
        json!("p1"),
    ));
    // Failing: two meetings, two measures, two indicators of one evaluation.
    let mut v = clean();
    set(&mut v, "/networks/0/meetings/1/id", json!("coaches-1"));
    set(
        &mut v,
        "/action_plans/0/sections/0/measures/1/id",
        json!("m1"),
    );
    set(&mut v, "/evaluations/0/indicators/2/id", json!("i1"));
    let r = expect(
        &v,
        &[
            ("id.duplicate", "/action_plans/0/sections/0/measures/1/id"),
            ("id.duplicate", "/networks/0/meetings/1/id"),
            ("id.duplicate", "/evaluations/0/indicators/2/id"),
        ],
    );
    assert_eq!(
        r.issues[1].message(Lang::En),
        "the id \"coaches-1\" is already used at \"/networks/0/meetings/0/id\""
    );
    // Consultation ids are unique across programmes.
    let mut v = clean();
    let mut second = v["consultation_programmes"][0].clone();
    second["id"] = json!("second-programme");
    second.as_object_mut().unwrap().remove("concept");
    set(&mut v, "/consultation_programmes/-", second);
    expect(
        &v,
        &[(
            "id.duplicate",
            "/consultation_programmes/1/consultations/0/id",
        )],
    );
}

#[test]
fn ref_dangling() {
    // Passing: a measure may serve a local priority of its own section.
    expect_clean(&with(
        clean(),
        "/action_plans/0/sections/0/measures/0/priority",
        json!("kp1"),
    ));
    // Failing, one reference at a time.
    let cases = [
        ("/action_plans/0/sections/0/measures/0/priority", "p9"),
        // maps_to must name a common priority, not a local one
        (
            "/action_plans/0/sections/0/local_priorities/0/maps_to",
            "kp6",
        ),
        (
            "/action_plans/0/sections/0/measures/0/network",
            "no-network",
        ),
        (
            "/action_plans/0/special_tasks/0/consultation_programme",
            "nope",
        ),
        ("/projects/0/budget/sources/0/funder", "eu"),
        ("/projects/0/evaluations/0", "no-evaluation"),
        ("/evaluations/0/subject", "no-subject"),
        ("/activity_reports/0/networks/0", "no-network"),
        ("/activity_reports/0/evaluations/0", "no-evaluation"),
    ];
    for (ptr, value) in cases {
        expect(&with(clean(), ptr, json!(value)), &[("ref.dangling", ptr)]);
    }
    // A local priority of one section is not known in another.
    let mut v = clean();
    set(
        &mut v,
        "/action_plans/0/sections/-",
        json!({"region": "14", "measures": [
            {"id": "m3", "title": {"fi": "Työpaja"}, "kind": "workshop", "priority": "kp6"}]}),
    );
    let r = expect(
        &v,
        &[(
            "ref.dangling",
            "/action_plans/0/sections/1/measures/0/priority",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the referenced priority \"kp6\" is not defined"
    );
    // A team shares its area with a team that does not exist (and so the shared
    // municipality overlaps).
    expect(
        &with(
            clean(),
            "/projects/0/teams/1/shared_with/0",
            json!("toronto"),
        ),
        &[
            ("ref.dangling", "/projects/0/teams/1/shared_with/0"),
            (
                "team.area-overlap",
                "/projects/0/teams/2/area_municipalities/1",
            ),
        ],
    );
    // The contributions name a fund with no yearly source.
    expect(
        &with(
            clean(),
            "/projects/0/budget/annual/contributions_fund",
            json!("stm-x"),
        ),
        &[(
            "ref.dangling",
            "/projects/0/budget/annual/contributions_fund",
        )],
    );
}

#[test]
fn text_missing() {
    // Passing: one language is enough, whichever it is.
    expect_clean(&with(
        clean(),
        "/action_plans/0/title",
        json!({"sv": "Plan"}),
    ));
    // Failing: no text, or only blank text.
    let cases = [
        ("/action_plans/0/title", json!({})),
        ("/action_plans/0/priorities/1/title", json!({"fi": "  "})),
        (
            "/action_plans/0/sections/0/local_priorities/1/title",
            json!({"en": ""}),
        ),
        ("/action_plans/0/sections/0/measures/1/title", json!({})),
        ("/action_plans/0/special_tasks/0/content/0", json!({})),
        ("/projects/0/name", json!({"fi": " ", "sv": "\t"})),
        ("/projects/0/organisations/2/name", json!({})),
        ("/networks/0/name", json!({})),
        ("/evaluations/0/title", json!({})),
        ("/evaluations/0/indicators/1/name", json!({})),
        ("/consultation_programmes/0/name", json!({})),
        ("/activity_reports/0/title", json!({})),
        ("/activity_reports/0/priority_areas/0/title", json!({})),
    ];
    for (ptr, value) in cases {
        expect(&with(clean(), ptr, value), &[("text.missing", ptr)]);
    }
    let r = run(&with(clean(), "/networks/0/name", json!({})));
    assert_eq!(
        message(&r, "text.missing", Lang::Sv),
        "texten saknar innehåll på finska, svenska och engelska"
    );
}

#[test]
fn period_reversed() {
    // Passing: a one-day period (both ends included).
    expect_clean(&with(
        clean(),
        "/evaluations/0/period",
        json!({"start": "2010-05-05", "end": "2010-05-05"}),
    ));
    // Failing: each period of the document.
    let reversed = json!({"start": "2011-01-01", "end": "2010-12-31"});
    for ptr in [
        "/projects/0/phases/0/period",
        "/evaluations/0/period",
        "/action_plans/0/sections/0/measures/0/schedule/period",
    ] {
        expect(
            &with(clean(), ptr, reversed.clone()),
            &[("period.reversed", ptr)],
        );
    }
    // A reversed network period: its meetings are not then reported as outside it,
    // nor its frequency checked.
    let r = expect(
        &with(
            clean(),
            "/networks/0/period",
            json!({"start": "2020-12-31", "end": "2020-01-01"}),
        ),
        &[("period.reversed", "/networks/0/period")],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the period ends on 1 January 2020, before it starts on 31 December 2020"
    );
    // A reversed plan period: likewise its measures' schedules are not reported as
    // outside a period that holds no day.
    expect(
        &with(
            clean(),
            "/action_plans/0/period",
            json!({"start": "2021-12-31", "end": "2020-01-01"}),
        ),
        &[("period.reversed", "/action_plans/0/period")],
    );
    // The same for activity reports and projects.
    expect(
        &with(
            clean(),
            "/activity_reports/0/period",
            json!({"start": "2006-12-31", "end": "2005-01-01"}),
        ),
        &[("period.reversed", "/activity_reports/0/period")],
    );
    expect(
        &with(
            clean(),
            "/projects/0/period",
            json!({"start": "2011-12-31", "end": "2008-11-01"}),
        ),
        &[("period.reversed", "/projects/0/period")],
    );
}

#[test]
fn schedule_outside_period() {
    // Passing: the plan's first and last day are inside it.
    expect_clean(&with(
        clean(),
        "/action_plans/0/sections/0/measures/0/schedule/dates",
        json!(["1.1.2020", "31.12.2021"]),
    ));
    // Failing: a date, a period reaching past the plan's end, a meeting outside the
    // network's period.
    let r = expect(
        &with(
            clean(),
            "/action_plans/0/sections/0/measures/0/schedule/dates",
            json!(["2020-05-07", "2022-01-01"]),
        ),
        &[(
            "schedule.outside-period",
            "/action_plans/0/sections/0/measures/0/schedule/dates/1",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the scheduled time 1 January 2022 is outside the period 1 January 2020 – 31 December 2021"
    );
    expect(
        &with(
            clean(),
            "/action_plans/0/sections/0/measures/0/schedule/period/end",
            json!("2022-01-31"),
        ),
        &[(
            "schedule.outside-period",
            "/action_plans/0/sections/0/measures/0/schedule/period",
        )],
    );
    expect(
        &with(
            clean(),
            "/networks/0/meetings/-",
            json!({"id": "coaches-3", "date": "2021-01-05", "format": "in_person"}),
        ),
        &[("schedule.outside-period", "/networks/0/meetings/2/date")],
    );
}

#[test]
fn frequency_invalid() {
    // Passing: once per unit is enough.
    let mut v = clean();
    set(
        &mut v,
        "/action_plans/0/sections/0/measures/0/frequency/min_times",
        json!(1),
    );
    set(&mut v, "/networks/0/min_frequency/min_times", json!(1));
    expect_clean(&v);
    // Failing: zero times per unit.
    let r = expect(
        &with(
            clean(),
            "/action_plans/0/sections/0/measures/0/frequency/min_times",
            json!(0),
        ),
        &[(
            "frequency.invalid",
            "/action_plans/0/sections/0/measures/0/frequency/min_times",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the frequency must be at least once per year"
    );
    // A network's: its meetings are then not counted against it.
    expect(
        &with(
            clean(),
            "/networks/0/min_frequency",
            json!({"min_times": 0, "per": "quarter"}),
        ),
        &[("frequency.invalid", "/networks/0/min_frequency/min_times")],
    );
}

// ---------------------------------------------------------------------------
// Registry
// ---------------------------------------------------------------------------

/// A small registry: Isokyrö (152) moves from Pohjanmaa (15) to Etelä-Pohjanmaa (14)
/// on 1.1.2021; a centre covers Pohjanmaa only; a municipality, a region and a centre
/// that ceased to exist.
fn small_registry() -> Registry {
    Registry::from_json(
        r#"{
        "name": "test registry",
        "coverage": {"start": "2000-01-01", "end": "2030-12-31"},
        "regions": [
            {"code": "14", "name": {"fi": "Etelä-Pohjanmaa"}},
            {"code": "15", "name": {"fi": "Pohjanmaa"}},
            {"code": "19", "name": {"fi": "Lappi"}},
            {"code": "99", "name": {"fi": "Lakkautettu maakunta"}, "valid": {"to": "2009-12-31"}}
        ],
        "municipalities": [
            {"code": "152", "name": {"fi": "Isokyrö"}, "regions": [
                {"region": "15", "valid": {"to": "2020-12-31"}},
                {"region": "14", "valid": {"from": "2021-01-01"}}]},
            {"code": "905", "name": {"fi": "Vaasa"}, "regions": [{"region": "15"}]},
            {"code": "911", "name": {"fi": "Yhdistetty kunta"}, "valid": {"to": "2008-12-31"},
             "successor": "905", "regions": [{"region": "19"}]},
            {"code": "912", "name": {"fi": "Uusi kunta"}, "valid": {"from": "2009-01-01"},
             "regions": [{"region": "19"}]}
        ],
        "centres": [
            {"id": "pohjanmaa-centre", "short_name": "P", "name": {"fi": "Pohjanmaan keskus"},
             "areas": [{"region": "15"}]},
            {"id": "closed-centre", "short_name": "C", "name": {"fi": "Lakkautettu keskus"},
             "valid": {"from": "2002-01-01", "to": "2009-12-31"},
             "areas": [{"region": "19"}, {"region": "99"}]},
            {"id": "merged-centre", "short_name": "M", "name": {"fi": "Yhdistynyt keskus"},
             "valid": {"from": "2002-01-01", "to": "2009-12-31"}, "successor": "pohjanmaa-centre",
             "areas": [{"region": "14"}]}
        ]
    }"#,
    )
    .unwrap()
}

/// A project coordinated by the small registry's Pohjanmaa centre, from `start` to
/// `end`, with a team based in Isokyrö whose area includes Vaasa.
fn isokyro_project(start: &str, end: &str) -> Value {
    json!({
        "format_version": 1,
        "projects": [{
            "id": "u",
            "name": {"en": "Unit"},
            "period": {"start": start, "end": end},
            "organisations": [{"id": "c", "name": {"en": "Centre"}, "roles": ["coordinator"], "centre": "pohjanmaa-centre"}],
            "teams": [{"id": "t", "base_municipality": "152", "area_municipalities": ["152", "905"]}]
        }]
    })
}

#[test]
fn registry_unknown_code() {
    // Passing: Ahvenanmaa (21) is a region, though no centre covers it.
    expect_clean(&with(
        clean(),
        "/networks/0/meetings/0/regions_represented/0",
        json!("21"),
    ));
    // Failing: each place a code is checked.
    let cases = [
        ("/action_plans/0/centre", "nope"),
        ("/action_plans/0/sections/0/region", "03"),
        ("/projects/0/organisations/0/centre", "nope"),
        ("/projects/0/teams/0/base_municipality", "999"),
        ("/projects/0/teams/0/area_municipalities/1", "999"),
        ("/projects/0/participants/0", "999"),
        ("/networks/0/meetings/0/regions_represented/0", "22"),
        ("/consultation_programmes/0/centre", "nope"),
        ("/activity_reports/0/centre", "nope"),
        ("/activity_reports/0/region", "3"),
    ];
    for (ptr, value) in cases {
        expect(
            &with(clean(), ptr, json!(value)),
            &[("registry.unknown-code", ptr)],
        );
    }
    let r = run(&with(
        clean(),
        "/networks/0/meetings/0/regions_represented/0",
        json!("03"),
    ));
    assert_eq!(
        message(&r, "registry.unknown-code", Lang::En),
        "the code \"03\" (region) is not in the registry"
    );
    assert_eq!(
        message(&r, "registry.unknown-code", Lang::Fi),
        "koodia \"03\" (maakunta) ei ole rekisterissä"
    );
}

#[test]
fn registry_not_valid() {
    // A region, a municipality and a centre of a small registry, each named on a date
    // it was not valid: the region and the centre had ended (the centre with no
    // successor), the municipality did not exist yet.
    let small = small_registry();
    let v = json!({
        "format_version": 1,
        "action_plans": [{
            "id": "p", "centre": "closed-centre", "title": {"en": "Plan"},
            "period": {"start": "2010-01-01", "end": "2010-12-31"},
            "sections": [{"region": "99"}, {"region": "19"}]
        }],
        "projects": [{
            "id": "u", "name": {"en": "Unit"},
            "period": {"start": "2008-01-01", "end": "2008-12-31"},
            "teams": [{"id": "t", "base_municipality": "912"}]
        }]
    });
    let r = expect_with(
        &v,
        &small,
        &[
            ("registry.not-valid", "/action_plans/0/centre"),
            ("registry.not-valid", "/action_plans/0/sections/0/region"),
            (
                "registry.not-valid",
                "/projects/0/teams/0/base_municipality",
            ),
        ],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the centre C is not valid in the registry on 1 January 2010 (valid 1 January 2002 – 31 December 2009)"
    );
    assert_eq!(
        r.issues[2].message(Lang::En),
        "the municipality Uusi kunta (912) is not valid in the registry on 1 January 2008 (valid 1 January 2009 – …)"
    );
    // Passing: the plan a year earlier, the project a year later.
    let mut good = v.clone();
    set(
        &mut good,
        "/action_plans/0/period",
        json!({"start": "2009-01-01", "end": "2009-12-31"}),
    );
    set(
        &mut good,
        "/projects/0/period",
        json!({"start": "2009-01-01", "end": "2009-12-31"}),
    );
    expect_with(&good, &small, &[]);
}

#[test]
fn registry_centre_ended() {
    // A centre wound up with a successor: named after its end it is an error that
    // names the centre that took over.
    let small = small_registry();
    let plan = |start: &str, end: &str| {
        json!({
            "format_version": 1,
            "action_plans": [{
                "id": "p", "centre": "merged-centre", "title": {"en": "Plan"},
                "period": {"start": start, "end": end}
            }]
        })
    };
    expect_with(&plan("2009-01-01", "2009-12-31"), &small, &[]);
    let r = expect_with(
        &plan("2010-01-01", "2010-12-31"),
        &small,
        &[("registry.centre-ended", "/action_plans/0/centre")],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the centre M operated until 31 December 2009; on 1 January 2010 its area of operation belongs to the centre P"
    );
    // A plan that begins while the centre operates and runs past its end: checked on
    // every date of the period where the map changes, it is reported for the first
    // day after the end, once.
    let r = expect_with(
        &plan("2009-12-31", "2010-12-31"),
        &small,
        &[("registry.centre-ended", "/action_plans/0/centre")],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the centre M operated until 31 December 2009; on 1 January 2010 its area of operation belongs to the centre P"
    );
}

#[test]
fn registry_municipality_merged() {
    // 911 merged into Vaasa (905) on 1.1.2009: named in a 2009 project it is a
    // warning naming the successor; in 2008 it is valid.
    let small = small_registry();
    let project = |start: &str, end: &str| {
        json!({
            "format_version": 1,
            "projects": [{
                "id": "u", "name": {"en": "Unit"},
                "period": {"start": start, "end": end},
                "participants": ["911"]
            }]
        })
    };
    expect_with(&project("2008-01-01", "2008-12-31"), &small, &[]);
    // A project of 2009, and one of 2008–2009 (reported for 1.1.2009, when the
    // merger changed the map inside its period).
    for start in ["2009-01-01", "2008-12-31"] {
        let r = expect_with(
            &project(start, "2009-12-31"),
            &small,
            &[("registry.municipality-merged", "/projects/0/participants/0")],
        );
        assert_eq!(
            r.issues[0].message(Lang::En),
            "the municipality Yhdistetty kunta (911) merged into Vaasa (905) on 1 January 2009; on 1 January 2009 its area belongs to Vaasa (905)"
        );
    }
}

#[test]
fn registry_outside_coverage() {
    // The small registry covers 1.1.2000–31.12.2030. Passing: its last day.
    let small = small_registry();
    let plan = |start: &str, region: &str| {
        json!({
            "format_version": 1,
            "action_plans": [{
                "id": "p", "centre": "pohjanmaa-centre", "title": {"en": "Plan"},
                "period": {"start": start, "end": "2031-12-31"},
                "sections": [{"region": region}]
            }]
        })
    };
    expect_with(&plan("2030-12-31", "15"), &small, &[]);
    // Failing: the day after is a note, and the codes are still checked, against
    // the map of the last day the registry knows.
    let r = expect_with(
        &plan("2031-01-01", "99"),
        &small,
        &[
            ("registry.outside-coverage", "/action_plans/0/period/start"),
            ("registry.not-valid", "/action_plans/0/sections/0/region"),
        ],
    );
    assert_eq!(r.issues[0].severity(), oske::Severity::Info);
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the registry covers the period 1 January 2000 – 31 December 2030, which does not include 1 January 2031; codes are checked against the map of 31 December 2030"
    );
    // Before the registry: checked against the first day's map; an unknown code is an
    // error whatever the date.
    expect_with(
        &plan("1999-01-01", "03"),
        &small,
        &[
            ("registry.outside-coverage", "/action_plans/0/period/start"),
            ("registry.unknown-code", "/action_plans/0/sections/0/region"),
        ],
    );
    // A project's municipalities and a meeting's regions are checked the same way.
    let v = json!({
        "format_version": 1,
        "projects": [{"id": "u", "name": {"en": "Unit"},
            "period": {"start": "2040-01-01", "end": "2040-12-31"}, "participants": ["999"]}],
        "networks": [{"id": "n", "name": {"en": "Net"},
            "meetings": [{"id": "m", "date": "1990-02-01", "format": "in_person", "regions_represented": ["98"]}]}]
    });
    expect_with(
        &v,
        &small,
        &[
            ("registry.outside-coverage", "/projects/0/period/start"),
            ("registry.unknown-code", "/projects/0/participants/0"),
            ("registry.outside-coverage", "/networks/0/meetings/0/date"),
            (
                "registry.unknown-code",
                "/networks/0/meetings/0/regions_represented/0",
            ),
        ],
    );
}

#[test]
fn registry_region_outside_centre() {
    // Passing: FSKC serves the Swedish-speaking population nationwide; it has no
    // regional area, so no region is outside it.
    let mut v = clean();
    set(&mut v, "/action_plans/0/centre", json!("fskc"));
    set(&mut v, "/activity_reports/0/centre", json!("fskc"));
    expect_clean(&v);
    // Failing: Pohjanmaa (15) is not Poske's; Lappi (19) is not SONet BOTNIA's.
    let r = expect(
        &with(clean(), "/activity_reports/0/centre", json!("poske")),
        &[(
            "registry.region-outside-centre",
            "/activity_reports/0/region",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the region Ostrobothnia (15) is not in the centre's area of operation on 1 January 2005 (centre: Poske)"
    );
    expect(
        &with(clean(), "/action_plans/0/sections/0/region", json!("19")),
        &[(
            "registry.region-outside-centre",
            "/action_plans/0/sections/0/region",
        )],
    );
    // A municipality of a project coordinated by a centre: Isokyrö (152) in Poske's
    // Lapland unit, and Vaasa (905) as a participant.
    let mut v = clean();
    set(
        &mut v,
        "/projects/0/teams/-",
        json!({"id": "kyro", "base_municipality": "152", "area_municipalities": ["152"]}),
    );
    set(&mut v, "/projects/0/participants/-", json!("905"));
    let r = expect(
        &v,
        &[
            (
                "registry.region-outside-centre",
                "/projects/0/teams/3/base_municipality",
            ),
            (
                "registry.region-outside-centre",
                "/projects/0/teams/3/area_municipalities/0",
            ),
            (
                "registry.region-outside-centre",
                "/projects/0/participants/1",
            ),
        ],
    );
    assert_eq!(
        r.issues[2].message(Lang::En),
        "the municipality Vaasa (905) is not in the centre's area of operation on 1 November 2008 (centre: Poske)"
    );
    // Isokyrö belonged to Pohjanmaa until 31.12.2020: inside a Pohjanmaa centre's area
    // in 2020, outside it from 2021 — also for a project that started in 2020 and runs
    // on (checked on every date its map changes: reported for 1.1.2021).
    let small = small_registry();
    expect_with(&isokyro_project("2020-01-01", "2020-12-31"), &small, &[]);
    for start in ["2021-01-01", "2020-12-31"] {
        let r = expect_with(
            &isokyro_project(start, "2022-12-31"),
            &small,
            &[
                (
                    "registry.region-outside-centre",
                    "/projects/0/teams/0/base_municipality",
                ),
                (
                    "registry.region-outside-centre",
                    "/projects/0/teams/0/area_municipalities/0",
                ),
            ],
        );
        assert_eq!(
            r.issues[0].message(Lang::En),
            "the municipality Isokyrö (152) is not in the centre's area of operation on 1 January 2021 (centre: P)"
        );
    }
}

/// A one-plan document: a centre, a period and sections as `[code, area_kind]`
/// (`area_kind` "" for the default, region).
fn area_plan(centre: &str, start: &str, end: &str, sections: &[(&str, &str)]) -> Value {
    let sections: Vec<Value> = sections
        .iter()
        .map(|(code, kind)| {
            if kind.is_empty() {
                json!({"region": code, "measures": []})
            } else {
                json!({"region": code, "area_kind": kind, "measures": []})
            }
        })
        .collect();
    json!({
        "format_version": 1,
        "action_plans": [{
            "id": "p", "centre": centre, "title": {"en": "Plan"},
            "period": {"start": start, "end": end},
            "sections": sections
        }]
    })
}

#[test]
fn plan_sections_are_checked_on_every_date_the_map_changes() {
    // Verso served Päijät-Häme and the former Itä-Uusimaa municipalities (in Uusimaa
    // from 2011) until 2022, and Päijät-Häme's county only from 1.1.2023.
    // Passing: Uusimaa in a plan of 2022; Päijät-Häme in a plan of 2022–2023.
    expect(
        &area_plan("verso", "2022-01-01", "2022-12-31", &[("01", "")]),
        &[],
    );
    expect(
        &area_plan("verso", "2022-01-01", "2023-12-31", &[("07", "")]),
        &[],
    );
    // Failing: Uusimaa in a plan of 2022–2023 is in Verso's area on its first day, not
    // on 1.1.2023: reported once, for that date.
    let r = expect(
        &area_plan("verso", "2022-01-01", "2023-12-31", &[("01", "")]),
        &[(
            "registry.region-outside-centre",
            "/action_plans/0/sections/0/region",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the region Uusimaa (01) is not in the centre's area of operation on 1 January 2023 (centre: Verso)"
    );
    assert_eq!(
        r.issues[0].message(Lang::Fi),
        "maakunta Uusimaa (01) ei kuulu 1.1.2023 osaamiskeskuksen toimialueeseen (osaamiskeskus: Verso)"
    );
    // Itä-Uusimaa (20) merged into Uusimaa on 1.1.2011: valid on a 2010–2011 plan's
    // first day, not on 1.1.2011.
    let r = expect(
        &area_plan("verso", "2010-01-01", "2011-12-31", &[("20", "")]),
        &[("registry.not-valid", "/action_plans/0/sections/0/region")],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the region Itä-Uusimaa (20) is not valid in the registry on 1 January 2011 (valid … – 31 December 2010)"
    );
    // A 2023–2026 plan spans the reform of 1.7.2025: Vasso was wound up on 30.6.2025
    // and the western centre took over. The centre is reported for 1.7.2025; the
    // section, in Vasso's area until then, is not reported again.
    let r = expect(
        &area_plan("vasso", "2023-01-01", "2026-12-31", &[("02", "")]),
        &[("registry.centre-ended", "/action_plans/0/centre")],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the centre Vasso operated until 30 June 2025; on 1 July 2025 its area of operation belongs to the centre Länsi-Suomen yhteistyöalueen sosiaalialan osaamiskeskus"
    );
}

/// A one-project document coordinated by `centre`, with one team based in `base`
/// whose area is `area`.
fn centre_project(centre: &str, start: &str, end: &str, base: &str, area: &[&str]) -> Value {
    json!({
        "format_version": 1,
        "projects": [{
            "id": "u", "name": {"en": "Unit"},
            "period": {"start": start, "end": end},
            "organisations": [{"id": "c", "name": {"en": "Centre"}, "roles": ["coordinator"], "centre": centre}],
            "teams": [{"id": "t", "base_municipality": base, "area_municipalities": area}]
        }]
    })
}

#[test]
fn projects_are_checked_on_every_date_the_map_changes() {
    // Passing: a project of the first half of 2025 coordinated by SONet BOTNIA, with a
    // team in Vaasa; one of 2008 with a team in Kälviä (315, merged into Kokkola on
    // 1.1.2009); one of 2022 coordinated by Verso with a team in Porvoo.
    expect(
        &centre_project("sonet-botnia", "2025-01-01", "2025-06-30", "905", &["905"]),
        &[],
    );
    expect(
        &centre_project(
            "sonet-botnia",
            "2008-01-01",
            "2008-12-31",
            "272",
            &["272", "315"],
        ),
        &[],
    );
    expect(
        &centre_project("verso", "2022-01-01", "2022-12-31", "398", &["398", "638"]),
        &[],
    );
    // Failing: SONet BOTNIA was wound up on 30.6.2025; a 2025 project naming it is
    // reported for 1.7.2025, once (the team's municipalities are not reported again).
    let r = expect(
        &centre_project("sonet-botnia", "2025-01-01", "2025-12-31", "905", &["905"]),
        &[(
            "registry.centre-ended",
            "/projects/0/organisations/0/centre",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the centre SONet BOTNIA operated until 30 June 2025; on 1 July 2025 its area of operation belongs to the centre Länsi-Suomen yhteistyöalueen sosiaalialan osaamiskeskus"
    );
    // Failing: Kälviä in a 2008–2011 project merged on 1.1.2009: a warning naming
    // Kokkola, for that date.
    let r = expect(
        &centre_project(
            "sonet-botnia",
            "2008-11-01",
            "2011-12-31",
            "272",
            &["272", "315"],
        ),
        &[(
            "registry.municipality-merged",
            "/projects/0/teams/0/area_municipalities/1",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the municipality Kälviä (315) merged into Kokkola (272) on 1 January 2009; on 1 January 2009 its area belongs to Kokkola (272)"
    );
    // Failing: Porvoo was in Verso's area until 31.12.2022 and in Socca's from
    // 1.1.2023: a 2022–2023 project of Verso's is reported for 1.1.2023, once.
    let r = expect(
        &centre_project("verso", "2022-01-01", "2023-12-31", "398", &["398", "638"]),
        &[(
            "registry.region-outside-centre",
            "/projects/0/teams/0/area_municipalities/1",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the municipality Porvoo (638) is not in the centre's area of operation on 1 January 2023 (centre: Verso)"
    );
}

#[test]
fn each_occurrence_of_a_project_code_is_reported_at_its_own_pointer() {
    // The validator checks a code once per project and reuses the answer for its other
    // occurrences: each occurrence must still be reported, at its own pointer, as if
    // checked alone. A 2008–2011 project coordinated by POSKE (Lapland): Kälviä (315)
    // lies outside POSKE's area on 1.11.2008 and merged into Kokkola on 1.1.2009 (two
    // issues, in that order, for each of its three occurrences); 999 is no
    // municipality and `nowhere` no centre (once per occurrence); Kemijärvi (320) is
    // valid and in the area on every date.
    let doc = json!({
        "format_version": 1,
        "projects": [{
            "id": "u", "name": {"en": "Unit"},
            "period": {"start": "2008-11-01", "end": "2011-12-31"},
            "organisations": [
                {"id": "c", "name": {"en": "Centre"}, "roles": ["coordinator"], "centre": "poske"},
                {"id": "a", "name": {"en": "A"}, "roles": ["partner"], "centre": "nowhere"},
                {"id": "b", "name": {"en": "B"}, "roles": ["partner"], "centre": "nowhere"}
            ],
            "teams": [{
                "id": "t", "base_municipality": "320",
                "area_municipalities": ["320", "315", "999"],
                "other_listings": [{"source": "appendix", "municipalities": ["315", "999", "320"]}]
            }],
            "participants": ["999", "315"]
        }]
    });
    let r = expect(
        &doc,
        &[
            (
                "registry.unknown-code",
                "/projects/0/organisations/1/centre",
            ),
            (
                "registry.unknown-code",
                "/projects/0/organisations/2/centre",
            ),
            (
                "registry.region-outside-centre",
                "/projects/0/teams/0/area_municipalities/1",
            ),
            (
                "registry.municipality-merged",
                "/projects/0/teams/0/area_municipalities/1",
            ),
            (
                "registry.unknown-code",
                "/projects/0/teams/0/area_municipalities/2",
            ),
            (
                "registry.region-outside-centre",
                "/projects/0/teams/0/other_listings/0/municipalities/0",
            ),
            (
                "registry.municipality-merged",
                "/projects/0/teams/0/other_listings/0/municipalities/0",
            ),
            (
                "registry.unknown-code",
                "/projects/0/teams/0/other_listings/0/municipalities/1",
            ),
            ("registry.unknown-code", "/projects/0/participants/0"),
            (
                "registry.region-outside-centre",
                "/projects/0/participants/1",
            ),
            ("registry.municipality-merged", "/projects/0/participants/1"),
        ],
    );
    // The same code gives the same message at every occurrence, for its own date.
    let messages: Vec<String> = r.issues.iter().map(|i| i.message(Lang::En)).collect();
    assert_eq!(
        messages[2],
        "the municipality Kälviä (315) is not in the centre's area of operation on 1 November 2008 (centre: Poske)"
    );
    assert_eq!(
        messages[3],
        "the municipality Kälviä (315) merged into Kokkola (272) on 1 January 2009; on 1 January 2009 its area belongs to Kokkola (272)"
    );
    for (a, b) in [(2, 5), (2, 9), (3, 6), (3, 10), (4, 7), (4, 8), (0, 1)] {
        assert_eq!(messages[a], messages[b], "issues {a} and {b}");
    }
    // Named once, each is reported once, at that pointer: the answers of one project
    // are not carried into another (here the same project, on 2008 alone, where
    // Kälviä still exists and 999 is still unknown).
    let mut short = doc["projects"][0].clone();
    short["id"] = json!("v");
    short["period"]["end"] = json!("2008-12-31");
    let doc2 = json!({"format_version": 1, "projects": [doc["projects"][0].clone(), short]});
    let r2 = run_with(&doc2, Registry::embedded());
    let second: Vec<(String, String)> = r2
        .codes_and_pointers()
        .into_iter()
        .filter(|(_, at)| at.starts_with("/projects/1/"))
        .collect();
    assert_eq!(
        second,
        pairs(&[
            (
                "registry.unknown-code",
                "/projects/1/organisations/1/centre"
            ),
            (
                "registry.unknown-code",
                "/projects/1/organisations/2/centre"
            ),
            (
                "registry.region-outside-centre",
                "/projects/1/teams/0/area_municipalities/1",
            ),
            (
                "registry.unknown-code",
                "/projects/1/teams/0/area_municipalities/2",
            ),
            (
                "registry.region-outside-centre",
                "/projects/1/teams/0/other_listings/0/municipalities/0",
            ),
            (
                "registry.unknown-code",
                "/projects/1/teams/0/other_listings/0/municipalities/1",
            ),
            ("registry.unknown-code", "/projects/1/participants/0"),
            (
                "registry.region-outside-centre",
                "/projects/1/participants/1",
            ),
        ])
    );
}

#[test]
fn plan_sections_may_name_wellbeing_services_counties() {
    // Passing: SONet BOTNIA's area by county from 1.1.2023 (Decree 1248/2022):
    // Etelä-Pohjanmaa (16), Pohjanmaa (17) and Keski-Pohjanmaa (18); a region section
    // and a county section with the same code are different areas.
    expect(
        &area_plan(
            "sonet-botnia",
            "2023-01-01",
            "2024-12-31",
            &[
                ("16", "county"),
                ("17", "county"),
                ("18", "county"),
                ("16", ""),
            ],
        ),
        &[],
    );
    // The western centre from 1.7.2025: Pohjanmaa's county is in its cooperation area.
    expect(
        &area_plan(
            "lansi-suomi",
            "2025-07-01",
            "2025-12-31",
            &[("17", "county")],
        ),
        &[],
    );
    // Failing: Pohjois-Pohjanmaa's county (19) is not SONet BOTNIA's; Etelä-Pohjanmaa's
    // (16) is in the inner cooperation area, not the western centre's.
    let r = expect(
        &area_plan(
            "sonet-botnia",
            "2023-01-01",
            "2024-12-31",
            &[("19", "county")],
        ),
        &[(
            "registry.region-outside-centre",
            "/action_plans/0/sections/0/region",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::Fi),
        "hyvinvointialue Pohjois-Pohjanmaan hyvinvointialue (19) ei kuulu 1.1.2023 osaamiskeskuksen toimialueeseen (osaamiskeskus: SONet BOTNIA)"
    );
    expect(
        &area_plan(
            "lansi-suomi",
            "2025-07-01",
            "2025-12-31",
            &[("16", "county")],
        ),
        &[(
            "registry.region-outside-centre",
            "/action_plans/0/sections/0/region",
        )],
    );
    // A county plan across the reform: in SONet BOTNIA's area until 30.6.2025, then
    // the centre itself has ended.
    expect(
        &area_plan(
            "sonet-botnia",
            "2024-01-01",
            "2025-12-31",
            &[("17", "county")],
        ),
        &[("registry.centre-ended", "/action_plans/0/centre")],
    );
    // A county that does not exist, and one named before the counties were
    // established (1.7.2021).
    expect(
        &area_plan(
            "sonet-botnia",
            "2023-01-01",
            "2023-12-31",
            &[("99", "county")],
        ),
        &[("registry.unknown-code", "/action_plans/0/sections/0/region")],
    );
    let r = expect(
        &area_plan(
            "sonet-botnia",
            "2020-01-01",
            "2020-12-31",
            &[("17", "county")],
        ),
        &[("registry.not-valid", "/action_plans/0/sections/0/region")],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the wellbeing services county Ostrobothnia wellbeing services county (17) is not valid in the registry on 1 January 2020 (valid 1 July 2021 – …)"
    );
    // Two sections for one county are a duplicate.
    let r = expect(
        &area_plan(
            "sonet-botnia",
            "2023-01-01",
            "2023-12-31",
            &[("17", "county"), ("17", "county")],
        ),
        &[(
            "plan.duplicate-section",
            "/action_plans/0/sections/1/region",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::Sv),
        "planen har redan ett avsnitt för välfärdsområdet Österbottens välfärdsområde (17) (avsnitt 1); en plan har ett avsnitt för varje område"
    );
}

#[test]
fn population_registry_mismatch() {
    // Passing: no registry figure for the reference date, so nothing to compare.
    let mut v = clean();
    set(
        &mut v,
        "/action_plans/0/population/reference_date",
        json!("2018-12-31"),
    );
    set(
        &mut v,
        "/action_plans/0/population/parts/0/population",
        json!(190_000),
    );
    set(&mut v, "/action_plans/0/population/total", json!(438_603));
    expect_clean(&v);
    // Failing: one figure off by one (and the total follows it).
    let mut v = clean();
    set(
        &mut v,
        "/action_plans/0/population/parts/0/population",
        json!(188_686),
    );
    set(&mut v, "/action_plans/0/population/total", json!(437_289));
    let r = expect(
        &v,
        &[(
            "population.registry-mismatch",
            "/action_plans/0/population/parts/0/population",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the population of South Ostrobothnia (14) on 31 December 2019 is given as 188,686, but the registry has 188,685"
    );
}

// ---------------------------------------------------------------------------
// Sums, shares and money
// ---------------------------------------------------------------------------

#[test]
fn sum_population() {
    // Passing: 188 685 + 68 158 + 180 445 = 437 288 (the clean document).
    expect_clean(&clean());
    let r = expect(
        &with(clean(), "/action_plans/0/population/total", json!(437_289)),
        &[("sum.population", "/action_plans/0/population/total")],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the total population, 437,289, is not the sum of its parts, 437,288"
    );
}

#[test]
fn sum_budget_sources() {
    // Passing: 1 371 152 € + 457 052 € = 1 828 204 € (the clean document).
    expect_clean(&clean());
    let r = expect(
        &with(clean(), "/projects/0/budget/total", json!(182_820_401)),
        &[("sum.budget-sources", "/projects/0/budget/total")],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the budget total, €1,828,204.01, is not the sum of its funding sources, €1,828,204.00"
    );
    // The yearly budget too (its stated shares are then only approximate).
    expect(
        &with(
            clean(),
            "/projects/0/budget/annual/total",
            json!(56_800_100),
        ),
        &[
            ("sum.budget-sources", "/projects/0/budget/annual/total"),
            (
                "share.approximate",
                "/projects/0/budget/annual/sources/0/stated_share",
            ),
            (
                "share.approximate",
                "/projects/0/budget/annual/sources/1/stated_share",
            ),
        ],
    );
}

#[test]
fn sum_contributions() {
    // Passing: counts derived from the project (3 team municipalities, 1 other
    // participant): 3 × 40 000 € + 1 × 22 000 € = 142 000 €.
    let mut v = clean();
    set(
        &mut v,
        "/projects/0/budget/annual/contributions",
        json!([
            {"category": "team_municipality", "per_year": 4_000_000},
            {"category": "other_participant", "per_year": 2_200_000}
        ]),
    );
    expect_clean(&v);
    // Failing: 5 × 20 000 € + 11 × 2 000 € = 122 000 €, not 142 000 €.
    let r = expect(
        &with(
            clean(),
            "/projects/0/budget/annual/contributions/0/count",
            json!(5),
        ),
        &[(
            "sum.contributions",
            "/projects/0/budget/annual/contributions",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the per-participant contributions add up to €122,000.00 (5 × €20,000.00 + 11 × €2,000.00), but the stated amount is €142,000.00"
    );
}

#[test]
fn share_tolerance() {
    // Passing: the stated 75 % is within the default tolerance of 0.01 points of
    // 74.999945 % (that is share.approximate, an info, not this warning).
    let mut v = clean();
    set(
        &mut v,
        "/projects/0/budget/sources/0/stated_share",
        json!(7500),
    );
    let r = run(&v);
    assert!(r.issues.iter().all(|i| i.code() != "share.tolerance"));
    // Failing: a stated 70 % for 75 %.
    let r = expect(
        &with(
            clean(),
            "/projects/0/budget/annual/sources/0/stated_share",
            json!(7000),
        ),
        &[(
            "share.tolerance",
            "/projects/0/budget/annual/sources/0/stated_share",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "funder Sosiaali- ja terveysministeriö: the share of the total is 75%, but the stated share is 70% (tolerance 0.01%)"
    );
    // A wider tolerance accepts it as approximate.
    let mut v = with(
        clean(),
        "/projects/0/budget/annual/sources/0/stated_share",
        json!(7000),
    );
    set(&mut v, "/projects/0/budget/share_tolerance", json!(500));
    expect(
        &v,
        &[(
            "share.approximate",
            "/projects/0/budget/annual/sources/0/stated_share",
        )],
    );
}

#[test]
fn share_approximate() {
    // Passing: exact shares (142 000 € is exactly 25 % of 568 000 €; clean document).
    expect_clean(&clean());
    // Failing: 1 371 152 € of 1 828 204 € is 74.999945 %, stated as 75 %; 457 052 € is
    // 25.000055 %, stated as 25 %. Both approximate, neither beyond the tolerance.
    let mut v = clean();
    set(
        &mut v,
        "/projects/0/budget/sources/0/stated_share",
        json!(7500),
    );
    set(
        &mut v,
        "/projects/0/budget/sources/1/stated_share",
        json!(2500),
    );
    let r = expect(
        &v,
        &[
            (
                "share.approximate",
                "/projects/0/budget/sources/0/stated_share",
            ),
            (
                "share.approximate",
                "/projects/0/budget/sources/1/stated_share",
            ),
        ],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "funder Sosiaali- ja terveysministeriö: the share of the total is 74.999945%; the stated share of 75% is approximate"
    );
    assert_eq!(
        r.issues[0].message(Lang::Fi),
        "rahoittaja Sosiaali- ja terveysministeriö: osuus kokonaissummasta on 74,999945\u{a0}%; ilmoitettu osuus 75\u{a0}% on likiarvo"
    );
}

#[test]
fn special_task_share() {
    // Passing: 0.75 % of 1 234 567,89 € is 9 259,259175 €, rounded to 9 259,26 €.
    let mut v = clean();
    set(
        &mut v,
        "/action_plans/0/special_tasks/0/state_grant",
        json!(123_456_789),
    );
    set(
        &mut v,
        "/action_plans/0/special_tasks/0/allocated",
        json!(925_926),
    );
    expect_clean(&v);
    // Failing: a cent off (rounded down instead of to the nearest cent).
    set(
        &mut v,
        "/action_plans/0/special_tasks/0/allocated",
        json!(925_925),
    );
    let r = expect(
        &v,
        &[(
            "special-task.share",
            "/action_plans/0/special_tasks/0/allocated",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the amount allocated, €9,259.25, is not 0.75% of the state grant of €1,234,567.89, which is €9,259.26"
    );
}

// ---------------------------------------------------------------------------
// Developer teams
// ---------------------------------------------------------------------------

#[test]
fn team_area_overlap() {
    // Passing: the later team alone may declare the area shared.
    let mut v = clean();
    remove(&mut v, "/projects/0/teams/1/shared_with");
    set(&mut v, "/projects/0/teams/2/shared_with", json!(["kemi"]));
    expect_clean(&v);
    // Failing: Simo (751) in Kemi's and Tornio's areas, not declared shared.
    let mut v = clean();
    remove(&mut v, "/projects/0/teams/1/shared_with");
    let r = expect(
        &v,
        &[(
            "team.area-overlap",
            "/projects/0/teams/2/area_municipalities/1",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the municipality Simo (751) is in the areas of two developer teams that are not declared shared (the teams based in Kemi and in Tornio)"
    );
    // Inari (148) in the Inari and the Kemijärvi areas, as the Lapland seed lists it;
    // a municipality listed twice by one team is not an overlap with itself.
    set(
        &mut v,
        "/projects/0/teams/-",
        json!({"id": "kemijarvi", "base_municipality": "320", "area_municipalities": ["320", "148", "148"]}),
    );
    expect(
        &v,
        &[
            (
                "team.area-overlap",
                "/projects/0/teams/2/area_municipalities/1",
            ),
            (
                "team.area-overlap",
                "/projects/0/teams/3/area_municipalities/1",
            ),
        ],
    );
}

#[test]
fn team_area_listings_disagree() {
    // Passing: the other listing holds the same municipalities, in another order.
    let mut v = clean();
    set(
        &mut v,
        "/projects/0/teams/0/other_listings",
        json!([{"source": "appendix 1", "municipalities": ["890", "148"]}]),
    );
    expect_clean(&v);
    // Failing: the appendix adds Posio (614) and omits Utsjoki (890).
    set(
        &mut v,
        "/projects/0/teams/0/other_listings/0/municipalities",
        json!(["148", "614"]),
    );
    let r = expect(
        &v,
        &[(
            "team.area-listings-disagree",
            "/projects/0/teams/0/other_listings/0",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the area of the developer team based in Inari is listed differently in \"appendix 1\": added Posio (614); left out Utsjoki (890)"
    );
}

// ---------------------------------------------------------------------------
// Stored consultations, in a document
// ---------------------------------------------------------------------------

const C: &str = "/consultation_programmes/0/consultations/0";

fn c(field: &str) -> String {
    format!("{C}/{field}")
}

#[test]
fn consultation_planned_duration() {
    // Passing: 30 and 45 minutes are both within 30–45.
    expect_clean(&with(clean(), &c("session/planned_minutes"), json!(30)));
    let r = expect(
        &with(clean(), &c("session/planned_minutes"), json!(60)),
        &[(
            "consultation.planned-duration",
            &c("session/planned_minutes"),
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the planned duration of 60 minutes is outside the range of 30–45 minutes set by the policy"
    );
    // The programme's own policy applies.
    let mut v = with(
        clean(),
        "/consultation_programmes/0/policy",
        json!({"min_minutes": 50, "max_minutes": 60}),
    );
    set(&mut v, &c("held/actual_minutes"), json!(55));
    expect(
        &v,
        &[(
            "consultation.planned-duration",
            &c("session/planned_minutes"),
        )],
    );
}

#[test]
fn consultation_held_duration() {
    // Passing: 45 minutes held.
    expect_clean(&with(clean(), &c("held/actual_minutes"), json!(45)));
    // Failing: 46 and 29 minutes (a warning: recorded as it was).
    let r = expect(
        &with(clean(), &c("held/actual_minutes"), json!(46)),
        &[("consultation.held-duration", &c("held/actual_minutes"))],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the session lasted 46 minutes, outside the range of 30–45 minutes set by the policy"
    );
    assert_eq!(r.issues[0].severity(), oske::Severity::Warning);
    expect(
        &with(clean(), &c("held/actual_minutes"), json!(29)),
        &[("consultation.held-duration", &c("held/actual_minutes"))],
    );
}

#[test]
fn consultation_brief_late() {
    // Passing: sent the day before the session (the default lead is one day).
    let mut v = clean();
    set(&mut v, &c("brief_sent_on"), json!("2020-10-07"));
    expect_clean(&v);
    // Failing: sent on the day of the session; reported once, though both the
    // scheduled and the held session show it.
    set(&mut v, &c("brief_sent_on"), json!("2020-10-08"));
    let r = expect(&v, &[("consultation.brief-late", &c("brief_sent_on"))]);
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the brief was sent on 8 October 2020, but it must be sent at least 1 day before the session (8 October 2020)"
    );
    // Held earlier than scheduled, on the day the brief was sent (and so out of the
    // protocol's order too).
    let mut v = clean();
    set(&mut v, &c("held/date"), json!("2020-10-01"));
    expect(
        &v,
        &[
            ("consultation.brief-late", &c("brief_sent_on")),
            ("consultation.date-order", &c("held/date")),
        ],
    );
    // A longer lead time in the policy.
    expect(
        &with(
            clean(),
            "/consultation_programmes/0/policy",
            json!({"min_lead_days": 8}),
        ),
        &[("consultation.brief-late", &c("brief_sent_on"))],
    );
}

#[test]
fn consultation_state() {
    // Passing: every state reached through the protocol (see
    // `every_state_reached_by_the_protocol_checks_clean`) and the clean document.
    expect_clean(&clean());
    // Failing: an evaluated consultation without its documentation.
    let mut v = clean();
    remove(&mut v, &c("documentation"));
    let r = expect(&v, &[("consultation.state", &c("documentation"))]);
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the consultation is in the state \"evaluated\", but it has no documentation"
    );
    // The other combinations are in `stored_consultation_state_checks`.
}

#[test]
fn consultation_no_question() {
    // Passing: one question.
    expect_clean(&with(clean(), &c("questions"), json!(["Only one?"])));
    for questions in [json!([]), json!(["", "  "])] {
        let r = expect(
            &with(clean(), &c("questions"), questions),
            &[("consultation.no-question", &c("questions"))],
        );
        assert_eq!(
            r.issues[0].message(Lang::En),
            "the consultation has no clarifying question"
        );
    }
}

#[test]
fn consultation_brief_empty() {
    // Passing: a one-word brief.
    expect_clean(&with(clean(), &c("brief"), json!("Lastensuojelu")));
    for brief in ["", " \n\t"] {
        expect(
            &with(clean(), &c("brief"), json!(brief)),
            &[("consultation.brief-empty", &c("brief"))],
        );
    }
}

#[test]
fn consultation_brief_too_long() {
    // Passing: exactly the limit, counted in characters (ä is one).
    let mut v = with(
        clean(),
        "/consultation_programmes/0/policy",
        json!({"max_brief_chars": 10}),
    );
    set(&mut v, &c("brief"), json!("ääääääääää"));
    expect_clean(&v);
    // Failing: one more.
    set(&mut v, &c("brief"), json!("äääääääääää"));
    let r = expect(&v, &[("consultation.brief-too-long", &c("brief"))]);
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the brief has 11 characters, more than the maximum of 10 set by the policy"
    );
    // The default limit is 2000.
    expect(
        &with(clean(), &c("brief"), json!("x".repeat(2001))),
        &[("consultation.brief-too-long", &c("brief"))],
    );
}

#[test]
fn consultation_too_many_questions() {
    // Passing: ten questions, the default limit.
    let ten: Vec<String> = (1..=10).map(|i| format!("Question {i}?")).collect();
    expect_clean(&with(clean(), &c("questions"), json!(ten)));
    let eleven: Vec<String> = (1..=11).map(|i| format!("Question {i}?")).collect();
    let r = expect(
        &with(clean(), &c("questions"), json!(eleven)),
        &[("consultation.too-many-questions", &c("questions"))],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the consultation has 11 questions, more than the maximum of 10 set by the policy"
    );
}

#[test]
fn consultation_no_criterion() {
    // Passing: any one criterion.
    expect_clean(&with(
        clean(),
        &c("consultant/criteria"),
        json!(["research_evidence"]),
    ));
    let r = expect(
        &with(clean(), &c("consultant/criteria"), json!([])),
        &[("consultation.no-criterion", &c("consultant/criteria"))],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the consulting party \"VISO\" was chosen without a selection criterion"
    );
}

#[test]
fn consultation_not_nordic() {
    // Passing: the Nordic countries and autonomous areas, in any case.
    for country in ["DK", "fi", "IS", "NO", "SE", "FO", "GL", "AX", " se "] {
        expect_clean(&with(clean(), &c("consultant/country"), json!(country)));
    }
    let r = expect(
        &with(clean(), &c("consultant/country"), json!("DE")),
        &[("consultation.not-nordic", &c("consultant/country"))],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the consulting party's country \"DE\" is not a Nordic country"
    );
}

fn cancelled_consultation(reason: &str) -> Value {
    json!({
        "id": "c2",
        "state": "cancelled",
        "brief": "Disability services",
        "questions": ["What works?"],
        "consultant": {"organisation": "Nordic Welfare Centre", "country": "SE", "criteria": ["innovative"]},
        "cancellation": {"date": "2020-11-01", "reason": reason, "from_state": "consultant_agreed"}
    })
}

#[test]
fn consultation_cancel_reason() {
    // Passing: a cancellation with a reason.
    let v = with(
        clean(),
        "/consultation_programmes/0/consultations/-",
        cancelled_consultation("The consultant withdrew"),
    );
    expect_clean(&v);
    let v = with(
        clean(),
        "/consultation_programmes/0/consultations/-",
        cancelled_consultation(" "),
    );
    let r = expect(
        &v,
        &[(
            "consultation.cancel-reason",
            "/consultation_programmes/0/consultations/1/cancellation/reason",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "no reason is given for the cancellation"
    );
}

#[test]
fn consultation_date_order() {
    // Passing: scheduled and held on 8.10., evaluated on 20.10. (the clean document),
    // and a cancellation after the brief was sent.
    expect_clean(&clean());
    let mut cancelled = cancelled_consultation("The consultant withdrew");
    cancelled["state"] = json!("cancelled");
    cancelled["brief_sent_on"] = json!("2020-10-01");
    cancelled["cancellation"]["from_state"] = json!("brief_sent");
    expect_clean(&with(
        clean(),
        "/consultation_programmes/0/consultations/-",
        cancelled.clone(),
    ));
    // Failing: held before the scheduled date, evaluated before it was held.
    let mut v = clean();
    set(
        &mut v,
        "/consultation_programmes/0/consultations/0/held/date",
        json!("2020-10-07"),
    );
    set(
        &mut v,
        "/consultation_programmes/0/consultations/0/evaluation/date",
        json!("2020-10-06"),
    );
    set(
        &mut v,
        "/consultation_programmes/0/consultations/0/brief_sent_on",
        json!("2020-09-01"),
    );
    let r = expect(
        &v,
        &[
            (
                "consultation.date-order",
                "/consultation_programmes/0/consultations/0/held/date",
            ),
            (
                "consultation.date-order",
                "/consultation_programmes/0/consultations/0/evaluation/date",
            ),
        ],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the date of the held session (7 October 2020) is before the date of the scheduled \
         session (8 October 2020); the steps of the protocol follow one another in order"
    );
    assert_eq!(
        r.issues[1].message(Lang::Fi),
        "arvioinnin päivämäärä 6.10.2020 on aikaisempi kuin pidetyn istunnon päivämäärä \
         7.10.2020; protokollan vaiheet etenevät järjestyksessä"
    );
    // Failing: cancelled before the brief was sent.
    cancelled["cancellation"]["date"] = json!("2020-09-30");
    let r = expect(
        &with(
            clean(),
            "/consultation_programmes/0/consultations/-",
            cancelled,
        ),
        &[(
            "consultation.date-order",
            "/consultation_programmes/0/consultations/1/cancellation/date",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::Sv),
        "datumet för inställningen (30.9.2020) är tidigare än datumet för utskicket av \
         beskrivningen (1.10.2020); protokollets steg följer på varandra i ordning"
    );
}

#[test]
fn consultation_policy_inconsistent() {
    // Passing: 30–45 min (the default, clean document) and 30–30 min.
    expect_clean(&clean());
    let mut v = clean();
    set(
        &mut v,
        "/consultation_programmes/0/policy",
        json!({"min_minutes": 40, "max_minutes": 40, "min_lead_days": 1,
               "max_questions": 10, "max_brief_chars": 2000}),
    );
    set(
        &mut v,
        "/consultation_programmes/0/consultations/0/session/planned_minutes",
        json!(40),
    );
    set(
        &mut v,
        "/consultation_programmes/0/consultations/0/held/actual_minutes",
        json!(40),
    );
    expect_clean(&v);
    // Failing: shortest 60 min, longest 30 min (the session's 45 and 40 min are then
    // outside it as well).
    set(
        &mut v,
        "/consultation_programmes/0/policy",
        json!({"min_minutes": 60, "max_minutes": 30, "min_lead_days": 1,
               "max_questions": 10, "max_brief_chars": 2000}),
    );
    let r = expect(
        &v,
        &[
            (
                "consultation.policy-inconsistent",
                "/consultation_programmes/0/policy/min_minutes",
            ),
            (
                "consultation.planned-duration",
                "/consultation_programmes/0/consultations/0/session/planned_minutes",
            ),
            (
                "consultation.held-duration",
                "/consultation_programmes/0/consultations/0/held/actual_minutes",
            ),
        ],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the policy's shortest session (60 minutes) is longer than its longest session (30 minutes)"
    );
    assert_eq!(
        r.issues[0].message(Lang::Fi),
        "linjauksen lyhin istunto (60 minuuttia) on pidempi kuin sen pisin istunto (30 minuuttia)"
    );
}

#[test]
fn plan_duplicate_section() {
    // Passing: one section per region (the clean document).
    expect_clean(&clean());
    // Failing: a second section for region 16.
    let mut v = clean();
    let second = json!({"region": "16", "measures": [
        {"id": "m9", "title": {"fi": "Toinen"}, "kind": "survey"}]});
    v["action_plans"][0]["sections"]
        .as_array_mut()
        .unwrap()
        .push(second);
    let r = expect(
        &v,
        &[(
            "plan.duplicate-section",
            "/action_plans/0/sections/1/region",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the plan already has a section for the region Central Ostrobothnia (16) (section 1); a plan has one section for each area"
    );
    assert_eq!(
        r.issues[0].message(Lang::Sv),
        "planen har redan ett avsnitt för landskapet Mellersta Österbotten (16) (avsnitt 1); en plan har ett avsnitt för varje område"
    );
    assert_eq!(
        r.issues[0].message(Lang::Fi),
        "suunnitelmassa on jo osio, jonka alue on maakunta Keski-Pohjanmaa (16) (osio 1); suunnitelmassa on kullekin alueelle yksi osio"
    );
}

#[test]
fn report_truncated() {
    // Passing: under the limits every issue is listed (the default limits, 1 000
    // per rule, hold the clean document's none and these three).
    let mut v = clean();
    for i in 0..3 {
        v["networks"].as_array_mut().unwrap().push(
            json!({"id": format!("x{i}"), "name": {}, "min_frequency": {"min_times": 0, "per": "year"}}),
        );
    }
    let doc = oske::json::from_str(&v.to_string()).unwrap().document;
    let all = oske::validate(&doc, Registry::embedded());
    assert_eq!(all.issues.len(), 6);
    // Failing: at most 2 per rule and 3 in all; the rest counted per rule.
    let limits = oske::IssueLimits {
        per_rule: 2,
        total: 3,
    };
    let r = oske::validate_with(&doc, Registry::embedded(), limits);
    let found: Vec<(&str, String)> = r
        .issues
        .iter()
        .map(|i| (i.code(), i.message(Lang::En)))
        .collect();
    assert_eq!(
        found,
        [
            (
                "text.missing",
                "the text has no content in Finnish, Swedish or English".to_string()
            ),
            (
                "frequency.invalid",
                "the frequency must be at least once per year".to_string()
            ),
            (
                "text.missing",
                "the text has no content in Finnish, Swedish or English".to_string()
            ),
            (
                "report.truncated-errors",
                "1 more error was found for the rule \"text.missing\" but not listed (a report \
                 lists at most 2 per rule and 3 in all)"
                    .to_string()
            ),
            (
                "report.truncated-errors",
                "2 more errors were found for the rule \"frequency.invalid\" but not listed (a \
                 report lists at most 2 per rule and 3 in all)"
                    .to_string()
            ),
        ]
    );
    assert!(r.has_errors());
    saw("report.truncated-errors");
    // A rule of warnings: its summary is an info.
    let mut v = clean();
    set(&mut v, "/networks/0/meetings/0/status", json!("cancelled"));
    set(&mut v, "/networks/0/meetings/1/status", json!("cancelled"));
    set(
        &mut v,
        "/networks/0/min_frequency",
        json!({"min_times": 1, "per": "month"}),
    );
    set(&mut v, "/networks/0/meetings/0/date", json!("2020-02-10"));
    let doc = oske::json::from_str(&v.to_string()).unwrap().document;
    let r = oske::validate_with(
        &doc,
        Registry::embedded(),
        oske::IssueLimits {
            per_rule: 0,
            total: 100,
        },
    );
    assert_eq!(
        r.codes_and_pointers(),
        [("report.truncated".to_string(), String::new())]
    );
    assert_eq!(r.issues[0].severity(), oske::Severity::Info);
    assert_eq!(
        r.issues[0].message(Lang::Fi),
        "säännön \"meeting.below-frequency\" havaintoja löytyi 1 lisää, mutta niitä ei luetella \
         (raportissa on enintään 0 havaintoa sääntöä kohden ja 100 yhteensä)"
    );
    saw("report.truncated");
}

#[test]
fn consultation_concept_premature() {
    // Passing: one trial evaluated, one cancelled.
    let v = with(
        clean(),
        "/consultation_programmes/0/consultations/-",
        cancelled_consultation("The consultant withdrew"),
    );
    expect_clean(&v);
    // Failing: a trial still open.
    let mut open = cancelled_consultation("");
    open["state"] = json!("consultant_agreed");
    open.as_object_mut().unwrap().remove("cancellation");
    let r = expect(
        &with(clean(), "/consultation_programmes/0/consultations/-", open),
        &[(
            "consultation.concept-premature",
            "/consultation_programmes/0/concept",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "the operating concept has been modelled although 1 consultation is unfinished and 1 consultation has been evaluated"
    );
    // Failing: no trial evaluated (the only one cancelled).
    let v = with(
        clean(),
        "/consultation_programmes/0/consultations",
        json!([cancelled_consultation("Not needed")]),
    );
    expect(
        &v,
        &[(
            "consultation.concept-premature",
            "/consultation_programmes/0/concept",
        )],
    );
}

// ---------------------------------------------------------------------------
// Networks and evaluations
// ---------------------------------------------------------------------------

#[test]
fn meeting_below_frequency() {
    // Passing: a planned meeting counts; a part-year is not a full unit.
    let mut v = clean();
    set(&mut v, "/networks/0/meetings/1/status", json!("planned"));
    set(&mut v, "/networks/0/period/end", json!("2021-06-30"));
    expect_clean(&v);
    // Failing: a cancelled meeting does not count.
    let r = expect(
        &with(clean(), "/networks/0/meetings/1/status", json!("cancelled")),
        &[("meeting.below-frequency", "/networks/0/min_frequency")],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "1 meeting was held in the period 1 January 2020 – 31 December 2020, fewer than the declared minimum of 2 meetings per year"
    );
    // Each full unit is checked: two quarters of 2020 without a meeting.
    expect(
        &with(
            clean(),
            "/networks/0/min_frequency",
            json!({"min_times": 1, "per": "quarter"}),
        ),
        &[
            ("meeting.below-frequency", "/networks/0/min_frequency"),
            ("meeting.below-frequency", "/networks/0/min_frequency"),
        ],
    );
}

#[test]
fn meeting_remote_no_platform() {
    // Passing: an in-person meeting needs no platform (the first meeting).
    expect_clean(&clean());
    let mut v = clean();
    remove(&mut v, "/networks/0/meetings/1/platform");
    let r = expect(
        &v,
        &[(
            "meeting.remote-no-platform",
            "/networks/0/meetings/1/platform",
        )],
    );
    assert_eq!(
        r.issues[0].message(Lang::En),
        "no platform is named for the meeting (form of meeting: remote)"
    );
    assert_eq!(r.issues[0].severity(), oske::Severity::Info);
    // A hybrid meeting with a blank platform.
    let mut v = clean();
    set(&mut v, "/networks/0/meetings/0/format", json!("hybrid"));
    set(&mut v, "/networks/0/meetings/0/platform", json!(" "));
    expect(
        &v,
        &[(
            "meeting.remote-no-platform",
            "/networks/0/meetings/0/platform",
        )],
    );
}

#[test]
fn indicator_target_direction() {
    // Passing: a target without a baseline cannot contradict a direction.
    let mut v = clean();
    remove(&mut v, "/evaluations/0/indicators/0/baseline");
    set(&mut v, "/evaluations/0/indicators/0/target", json!(1));
    expect_clean(&v);
    // Failing: each direction.
    let cases = [
        ("/evaluations/0/indicators/0/target", json!(50)),
        ("/evaluations/0/indicators/1/target", json!(40)),
        ("/evaluations/0/indicators/2/target", json!(4.5)),
    ];
    for (ptr, target) in cases {
        expect(
            &with(clean(), ptr, target),
            &[("indicator.target-direction", ptr)],
        );
    }
    let r = run(&with(
        clean(),
        "/evaluations/0/indicators/2/target",
        json!(4.5),
    ));
    assert_eq!(
        message(&r, "indicator.target-direction", Lang::En),
        "the target value 4.5 contradicts the intended direction (maintain) from the baseline value 4"
    );
}

// ---------------------------------------------------------------------------
// The protocol as a state machine
// ---------------------------------------------------------------------------

use ConsultationState as S;

const STATES: [ConsultationState; 8] = [
    S::Prepared,
    S::ConsultantAgreed,
    S::BriefSent,
    S::Scheduled,
    S::Held,
    S::Documented,
    S::Evaluated,
    S::Cancelled,
];

const ACTIONS: [Action; 7] = [
    Action::AgreeConsultant,
    Action::SendBrief,
    Action::Schedule,
    Action::Hold,
    Action::Document,
    Action::Evaluate,
    Action::Cancel,
];

fn viso() -> Consultant {
    Consultant {
        organisation: "VISO".into(),
        country: "DK".into(),
        criteria: vec![SelectionCriterion::NationallySignificant],
    }
}

fn trial_evaluation() -> TrialEvaluation {
    TrialEvaluation {
        date: d(2020, 10, 20),
        summary: LocalizedText::en("Useful for the key project"),
        useful: Some(true),
    }
}

fn prepared() -> Consultation {
    Consultation::prepare(
        "c1",
        "Child protection key projects",
        vec!["How is the key project organised?".into()],
        &ConsultationPolicy::default(),
    )
    .unwrap()
}

/// Takes one step with arguments that satisfy every rule but the state's.
fn step(c: &mut Consultation, action: Action) -> Result<(), ProtocolError> {
    let policy = ConsultationPolicy::default();
    match action {
        Action::AgreeConsultant => c.agree_consultant(viso()),
        Action::SendBrief => c.send_brief(d(2020, 10, 1)),
        Action::Schedule => c.schedule(d(2020, 10, 8), 45, Some("Teams".into()), &policy),
        Action::Hold => c.hold(d(2020, 10, 8), 40),
        Action::Document => c.document("Described for the developer group"),
        Action::Evaluate => c.evaluate(trial_evaluation()),
        Action::Cancel => c.cancel(d(2020, 10, 5), "The consultant withdrew"),
        Action::ModelConcept => unreachable!("programme level"),
    }
}

/// The one legal action from each state, and where it leads.
fn legal_next(state: ConsultationState) -> Option<(Action, ConsultationState)> {
    Some(match state {
        S::Prepared => (Action::AgreeConsultant, S::ConsultantAgreed),
        S::ConsultantAgreed => (Action::SendBrief, S::BriefSent),
        S::BriefSent => (Action::Schedule, S::Scheduled),
        S::Scheduled => (Action::Hold, S::Held),
        S::Held => (Action::Document, S::Documented),
        S::Documented => (Action::Evaluate, S::Evaluated),
        S::Evaluated | S::Cancelled => return None,
    })
}

/// A consultation brought to `state` through legal moves only.
fn in_state(state: ConsultationState) -> Consultation {
    let mut c = prepared();
    if state == S::Cancelled {
        step(&mut c, Action::Cancel).unwrap();
        return c;
    }
    while c.state != state {
        let (action, _) = legal_next(c.state).unwrap();
        step(&mut c, action).unwrap();
    }
    c
}

/// Asserts an error's code and records it as exercised.
fn expect_err(r: Result<(), ProtocolError>, code: &str) -> ProtocolError {
    let e = r.expect_err("expected a protocol error");
    assert_eq!(e.code(), code, "{e:?}");
    saw(code);
    e
}

#[test]
fn every_legal_move_changes_state() {
    for from in STATES {
        for action in ACTIONS {
            let mut c = in_state(from);
            let to = match (legal_next(from), action) {
                (Some((a, to)), _) if a == action => to,
                (_, Action::Cancel) if from.can_cancel() => S::Cancelled,
                _ => continue,
            };
            step(&mut c, action).unwrap_or_else(|e| panic!("{from} {action:?}: {e}"));
            assert_eq!(c.state, to, "{from} {action:?}");
        }
    }
    // The data each move records.
    let c = in_state(S::Evaluated);
    assert_eq!(c.consultant, Some(viso()));
    assert_eq!(c.brief_sent_on, Some(d(2020, 10, 1)));
    let s = c.session.as_ref().unwrap();
    assert_eq!(
        (s.date, s.planned_minutes, s.platform.as_deref()),
        (d(2020, 10, 8), 45, Some("Teams"))
    );
    let h = c.held.as_ref().unwrap();
    assert_eq!((h.date, h.actual_minutes), (d(2020, 10, 8), 40));
    assert_eq!(
        c.documentation.as_deref(),
        Some("Described for the developer group")
    );
    assert_eq!(c.evaluation, Some(trial_evaluation()));
    assert_eq!(c.cancellation, None);
}

#[test]
fn cancel_from_every_state_before_held_and_not_after() {
    let cancellable = [S::Prepared, S::ConsultantAgreed, S::BriefSent, S::Scheduled];
    for from in STATES {
        let mut c = in_state(from);
        let before = c.clone();
        let r = c.cancel(d(2020, 10, 5), "The developer group chose another theme");
        if cancellable.contains(&from) {
            assert_eq!(r, Ok(()), "{from}");
            assert_eq!(c.state, S::Cancelled);
            let record = c.cancellation.as_ref().unwrap();
            assert_eq!(record.from_state, from);
            assert_eq!(record.date, d(2020, 10, 5));
            assert!(from.can_cancel());
        } else {
            let e = expect_err(r, "protocol.illegal-transition");
            assert_eq!(
                e,
                ProtocolError::IllegalTransition {
                    action: Action::Cancel,
                    state: from
                }
            );
            assert_eq!(c, before, "unchanged after a refused cancel from {from}");
            assert!(!from.can_cancel());
        }
    }
}

#[test]
fn every_illegal_move_is_refused_and_changes_nothing() {
    let mut refused = 0;
    for from in STATES {
        for action in ACTIONS {
            let legal = legal_next(from).is_some_and(|(a, _)| a == action)
                || (action == Action::Cancel && from.can_cancel());
            if legal {
                continue;
            }
            let mut c = in_state(from);
            let before = c.clone();
            let e = expect_err(step(&mut c, action), "protocol.illegal-transition");
            assert_eq!(
                e,
                ProtocolError::IllegalTransition {
                    action,
                    state: from
                }
            );
            assert_eq!(c, before, "{action:?} from {from} changed the consultation");
            refused += 1;
        }
    }
    // 8 states × 7 actions, less 6 forward moves and 4 cancellations.
    assert_eq!(refused, 46);
    let e = ProtocolError::IllegalTransition {
        action: Action::Cancel,
        state: S::Held,
    };
    assert_eq!(
        e.to_string(),
        "the step \"cancel\" is not possible while the consultation is in the state \"session held\""
    );
    assert_eq!(
        e.message(Lang::Fi),
        "vaihe \"peruminen\" ei ole mahdollinen, kun konsultaation tila on \"istunto pidetty\""
    );
    assert_eq!(
        e.message(Lang::Sv),
        "steget \"inställning\" är inte möjligt när konsultationens tillstånd är \"session hållen\""
    );
    assert_eq!(e.rule(), Rule::ProtocolIllegalTransition);
}

#[test]
fn prepare_checks_the_brief_and_questions() {
    let policy = ConsultationPolicy {
        max_brief_chars: 10,
        max_questions: 2,
        ..ConsultationPolicy::default()
    };
    let q = |n: usize| (1..=n).map(|i| format!("Q{i}?")).collect::<Vec<String>>();
    let prepare = |brief: &str, questions: Vec<String>| {
        Consultation::prepare("c", brief, questions, &policy).map(|_| ())
    };
    assert_eq!(prepare("0123456789", q(2)), Ok(()));
    assert_eq!(
        expect_err(prepare("  ", q(1)), "consultation.brief-empty"),
        ProtocolError::BriefEmpty
    );
    assert_eq!(
        expect_err(prepare("0123456789a", q(1)), "consultation.brief-too-long"),
        ProtocolError::BriefTooLong {
            length: 11,
            max: 10
        }
    );
    assert_eq!(
        expect_err(
            prepare("brief", vec![" ".into()]),
            "consultation.no-question"
        ),
        ProtocolError::NoQuestion
    );
    let e = expect_err(prepare("brief", q(3)), "consultation.too-many-questions");
    assert_eq!(e, ProtocolError::TooManyQuestions { count: 3, max: 2 });
    assert_eq!(
        e.to_string(),
        "the consultation has 3 questions, more than the maximum of 2 set by the policy"
    );
    // The brief's problem comes first when there are several.
    assert_eq!(prepare("", vec![]), Err(ProtocolError::BriefEmpty));
}

#[test]
fn agree_consultant_checks_country_and_criteria() {
    let mut c = in_state(S::Prepared);
    let before = c.clone();
    let not_nordic = Consultant {
        country: "DE".into(),
        ..viso()
    };
    let e = expect_err(c.agree_consultant(not_nordic), "consultation.not-nordic");
    assert_eq!(
        e,
        ProtocolError::NotNordic {
            country: "DE".into()
        }
    );
    let no_criterion = Consultant {
        criteria: vec![],
        ..viso()
    };
    let e = expect_err(
        c.agree_consultant(no_criterion),
        "consultation.no-criterion",
    );
    assert_eq!(
        e,
        ProtocolError::NoCriterion {
            consultant: "VISO".into()
        }
    );
    assert_eq!(
        e.message(Lang::Fi),
        "konsultoiva taho \"VISO\" on valittu ilman valintaperustetta"
    );
    assert_eq!(c, before);
    // Lower case and padding are accepted for the country.
    let ok = Consultant {
        country: " is ".into(),
        ..viso()
    };
    assert_eq!(c.agree_consultant(ok), Ok(()));
    assert_eq!(c.state, S::ConsultantAgreed);
}

#[test]
fn schedule_checks_duration_and_lead_time() {
    let policy = ConsultationPolicy::default();
    let teams = || Some("Teams".to_string());
    let mut c = in_state(S::BriefSent); // brief sent on 1.10.2020
    let before = c.clone();
    for minutes in [0, 29, 46, 90] {
        let e = expect_err(
            c.schedule(d(2020, 10, 8), minutes, teams(), &policy),
            "consultation.planned-duration",
        );
        assert_eq!(
            e,
            ProtocolError::PlannedDuration {
                minutes,
                min: 30,
                max: 45
            }
        );
    }
    // On the day the brief was sent, or before it.
    for day in [1, 30] {
        let date = if day == 30 {
            d(2020, 9, 30)
        } else {
            d(2020, 10, day)
        };
        let e = expect_err(
            c.schedule(date, 30, teams(), &policy),
            "consultation.brief-late",
        );
        assert_eq!(
            e,
            ProtocolError::BriefLate {
                sent: d(2020, 10, 1),
                session: date,
                lead: 1
            }
        );
    }
    assert_eq!(c, before);
    // The bounds are allowed: 30 min on the next day.
    assert_eq!(c.schedule(d(2020, 10, 2), 30, None, &policy), Ok(()));
    assert_eq!(c.state, S::Scheduled);
    // A longer lead time.
    let strict = ConsultationPolicy {
        min_lead_days: 14,
        ..ConsultationPolicy::default()
    };
    let mut c = in_state(S::BriefSent);
    let e = expect_err(
        c.schedule(d(2020, 10, 14), 45, teams(), &strict),
        "consultation.brief-late",
    );
    assert_eq!(
        e.to_string(),
        "the brief was sent on 1 October 2020, but it must be sent at least 14 days before the session (14 October 2020)"
    );
    assert_eq!(c.schedule(d(2020, 10, 15), 45, teams(), &strict), Ok(()));
}

#[test]
fn hold_records_the_session_as_it_was() {
    // Any length and any date are recorded as they were; validation reports them.
    let mut c = in_state(S::Scheduled);
    assert_eq!(c.hold(d(2020, 10, 8), 90), Ok(()));
    assert_eq!(c.state, S::Held);
    assert_eq!(c.held.as_ref().unwrap().actual_minutes, 90);
    assert_eq!(
        check(&c),
        [(
            "consultation.held-duration".to_string(),
            "/c/held/actual_minutes".to_string()
        )]
    );
    // Held on the day the brief was sent, earlier than scheduled: the lead time is
    // broken, reported once at the date the brief was sent, and the session was held
    // before its scheduled date.
    let mut c = in_state(S::Scheduled);
    assert_eq!(c.hold(d(2020, 10, 1), 40), Ok(()));
    assert_eq!(
        check(&c),
        [
            (
                "consultation.brief-late".to_string(),
                "/c/brief_sent_on".to_string()
            ),
            (
                "consultation.date-order".to_string(),
                "/c/held/date".to_string()
            )
        ]
    );
}

#[test]
fn cancel_needs_a_reason() {
    for from in [S::Prepared, S::Scheduled] {
        let mut c = in_state(from);
        let before = c.clone();
        let e = expect_err(c.cancel(d(2020, 10, 5), " "), "consultation.cancel-reason");
        assert_eq!(e, ProtocolError::CancelReasonMissing);
        assert_eq!(c, before);
    }
    // From a state that cannot be cancelled, the state is the problem.
    let mut c = in_state(S::Held);
    expect_err(c.cancel(d(2020, 10, 9), ""), "protocol.illegal-transition");
}

fn programme(consultations: Vec<Consultation>) -> ConsultationProgramme {
    ConsultationProgramme {
        id: "p".into(),
        name: LocalizedText::en("Nordic video consultations"),
        centre: Some("sonet-botnia".into()),
        illustrative: false,
        policy: ConsultationPolicy::default(),
        consultations,
        concept: None,
    }
}

#[test]
fn concept_is_modelled_at_programme_level_after_the_trials() {
    let concept = || LocalizedText::en("The operating concept");
    let date = d(2020, 12, 15);
    // Premature: no trial at all, one still open, or none evaluated.
    let with_id = |mut c: Consultation, id: &str| {
        c.id = id.into();
        c
    };
    let cases = [
        (vec![], 0, 0),
        (
            vec![in_state(S::Evaluated), with_id(in_state(S::Held), "c2")],
            1,
            1,
        ),
        (vec![in_state(S::Cancelled)], 0, 0),
        (vec![in_state(S::Prepared), in_state(S::Documented)], 2, 0),
    ];
    for (trials, open, evaluated) in cases {
        let mut p = programme(trials);
        let before = p.clone();
        let e = expect_err(
            p.model_concept(date, concept()),
            "consultation.concept-premature",
        );
        assert_eq!(e, ProtocolError::ConceptPremature { open, evaluated });
        assert_eq!(p, before);
    }
    // Allowed: every trial evaluated or cancelled, at least one evaluated.
    let mut p = programme(vec![
        in_state(S::Evaluated),
        with_id(in_state(S::Cancelled), "c2"),
    ]);
    assert_eq!(p.trial_counts(), (0, 1));
    assert_eq!(p.model_concept(date, concept()), Ok(()));
    assert_eq!(p.concept.as_ref().unwrap().date, date);
    // Only once.
    let e = expect_err(
        p.model_concept(date, concept()),
        "protocol.illegal-transition",
    );
    assert!(matches!(
        e,
        ProtocolError::IllegalTransition {
            action: Action::ModelConcept,
            ..
        }
    ));
    // The stored programme then validates clean.
    let mut doc = oske::Document::new();
    doc.consultation_programmes.push(p);
    assert_eq!(oske::validate(&doc, Registry::embedded()).issues, vec![]);
}

#[test]
fn every_protocol_error_has_its_rule_and_messages() {
    let errors = [
        ProtocolError::IllegalTransition {
            action: Action::Hold,
            state: S::Prepared,
        },
        ProtocolError::BriefEmpty,
        ProtocolError::BriefTooLong {
            length: 2001,
            max: 2000,
        },
        ProtocolError::NoQuestion,
        ProtocolError::TooManyQuestions { count: 11, max: 10 },
        ProtocolError::NoCriterion {
            consultant: "NVC".into(),
        },
        ProtocolError::NotNordic {
            country: "EE".into(),
        },
        ProtocolError::PlannedDuration {
            minutes: 60,
            min: 30,
            max: 45,
        },
        ProtocolError::BriefLate {
            sent: d(2020, 10, 1),
            session: d(2020, 10, 1),
            lead: 1,
        },
        ProtocolError::CancelReasonMissing,
        ProtocolError::ConceptPremature {
            open: 2,
            evaluated: 0,
        },
    ];
    let codes: Vec<&str> = errors.iter().map(|e| e.code()).collect();
    assert_eq!(
        codes,
        [
            "protocol.illegal-transition",
            "consultation.brief-empty",
            "consultation.brief-too-long",
            "consultation.no-question",
            "consultation.too-many-questions",
            "consultation.no-criterion",
            "consultation.not-nordic",
            "consultation.planned-duration",
            "consultation.brief-late",
            "consultation.cancel-reason",
            "consultation.concept-premature",
        ]
    );
    for e in &errors {
        for lang in Lang::ALL {
            let m = e.message(lang);
            assert!(!m.contains('{') && !m.is_empty(), "{e:?} {lang}: {m}");
        }
        assert_eq!(e.to_string(), e.message(Lang::En));
        assert_eq!(e.to_issue("/x").pointer, "/x");
        assert_eq!(e.to_issue("/x").rule, e.rule());
    }
    assert_eq!(
        errors[10].message(Lang::Sv),
        "verksamhetskonceptet har modellerats trots att 2 konsultationer ännu pågår och 0 konsultationer har utvärderats"
    );
}

// ---------------------------------------------------------------------------
// Stored consultations: Consultation::check
// ---------------------------------------------------------------------------

fn check(c: &Consultation) -> Vec<(String, String)> {
    let issues = c.check(&ConsultationPolicy::default(), "/c");
    for i in &issues {
        saw(i.code());
    }
    issues
        .iter()
        .map(|i| (i.code().to_string(), i.pointer.clone()))
        .collect()
}

#[test]
fn every_state_reached_by_the_protocol_checks_clean() {
    for s in STATES {
        assert_eq!(check(&in_state(s)), vec![], "{s}");
    }
    for from in [S::ConsultantAgreed, S::BriefSent, S::Scheduled] {
        let mut c = in_state(from);
        c.cancel(d(2020, 10, 5), "Postponed indefinitely").unwrap();
        assert_eq!(check(&c), vec![], "cancelled from {from}");
    }
}

#[test]
fn stored_consultation_state_checks() {
    let state = |p: &str| vec![("consultation.state".to_string(), format!("/c/{p}"))];
    let problem = |c: &Consultation| {
        let issues = c.check(&ConsultationPolicy::default(), "/c");
        assert_eq!(issues.len(), 1, "{issues:?}");
        issues[0].message(Lang::En)
    };
    // Data a state needs.
    let mut c = in_state(S::ConsultantAgreed);
    c.consultant = None;
    assert_eq!(check(&c), state("consultant"));
    assert_eq!(
        problem(&c),
        "the consultation is in the state \"consultant agreed\", but it has no consultant"
    );
    let mut c = in_state(S::BriefSent);
    c.brief_sent_on = None;
    assert_eq!(check(&c), state("brief_sent_on"));
    let mut c = in_state(S::Scheduled);
    c.session = None;
    assert_eq!(check(&c), state("session"));
    let mut c = in_state(S::Held);
    c.held = None;
    assert_eq!(check(&c), state("held"));
    let mut c = in_state(S::Documented);
    c.documentation = None;
    assert_eq!(check(&c), state("documentation"));
    let mut c = in_state(S::Evaluated);
    c.evaluation = None;
    assert_eq!(check(&c), state("evaluation"));
    // Data a state cannot have yet.
    let full = in_state(S::Evaluated);
    let mut c = in_state(S::Prepared);
    c.consultant = full.consultant.clone();
    assert_eq!(check(&c), state("consultant"));
    assert_eq!(
        problem(&c),
        "the consultation is in the state \"prepared\", but it records a consultant"
    );
    let mut c = in_state(S::ConsultantAgreed);
    c.brief_sent_on = full.brief_sent_on;
    assert_eq!(check(&c), state("brief_sent_on"));
    let mut c = in_state(S::BriefSent);
    c.session = full.session.clone();
    assert_eq!(check(&c), state("session"));
    let mut c = in_state(S::ConsultantAgreed);
    c.session = full.session.clone();
    assert_eq!(check(&c), state("session"));
    assert_eq!(
        problem(&c),
        "the consultation is in the state \"consultant agreed\", but it has a session but no brief sent"
    );
    let mut c = in_state(S::Scheduled);
    c.held = full.held.clone();
    assert_eq!(check(&c), state("held"));
    let mut c = in_state(S::Held);
    c.documentation = full.documentation.clone();
    assert_eq!(check(&c), state("documentation"));
    let mut c = in_state(S::Documented);
    c.evaluation = full.evaluation.clone();
    assert_eq!(check(&c), state("evaluation"));
    // Cancellation records.
    let mut c = in_state(S::Cancelled);
    c.cancellation = None;
    assert_eq!(check(&c), state("state"));
    assert_eq!(
        problem(&c),
        "the consultation is in the state \"cancelled\", but it has no cancellation record"
    );
    let mut c = in_state(S::Scheduled);
    c.cancellation = in_state(S::Cancelled).cancellation;
    assert_eq!(check(&c), state("cancellation"));
    // Cancelled from held: a state that cannot be cancelled (and whose data, the held
    // session, the consultation does not have).
    let mut c = in_state(S::Scheduled);
    c.cancel(d(2020, 10, 5), "Withdrawn").unwrap();
    c.cancellation.as_mut().unwrap().from_state = S::Held;
    let mut want = state("cancellation/from_state");
    want.extend(state("held"));
    assert_eq!(check(&c), want);
    assert_eq!(
        c.check(&ConsultationPolicy::default(), "/c")[0].message(Lang::En),
        "the consultation is in the state \"cancelled\", but it was cancelled from a state that cannot be cancelled"
    );
    // Cancelled from prepared, but with the data of later states.
    let mut c = in_state(S::Cancelled);
    c.consultant = full.consultant.clone();
    c.brief_sent_on = full.brief_sent_on;
    c.session = full.session.clone();
    assert_eq!(
        check(&c),
        [
            state("consultant"),
            state("brief_sent_on"),
            state("session")
        ]
        .concat()
    );
    let mut c = in_state(S::Scheduled);
    c.cancel(d(2020, 10, 5), "Withdrawn").unwrap();
    c.held = full.held.clone();
    assert_eq!(check(&c), state("held"));
}

#[test]
fn stored_consultation_rule_checks() {
    let at = |p: &str| format!("/c/{p}");
    let mut c = in_state(S::Evaluated);
    c.brief = String::new();
    c.questions = (0..11).map(|i| format!("Q{i}")).collect();
    c.consultant.as_mut().unwrap().country = "US".into();
    c.consultant.as_mut().unwrap().criteria.clear();
    c.session.as_mut().unwrap().planned_minutes = 10;
    c.held.as_mut().unwrap().actual_minutes = 10;
    c.brief_sent_on = Some(d(2020, 10, 8));
    assert_eq!(
        check(&c),
        vec![
            ("consultation.brief-empty".to_string(), at("brief")),
            (
                "consultation.too-many-questions".to_string(),
                at("questions")
            ),
            (
                "consultation.not-nordic".to_string(),
                at("consultant/country")
            ),
            (
                "consultation.no-criterion".to_string(),
                at("consultant/criteria")
            ),
            (
                "consultation.planned-duration".to_string(),
                at("session/planned_minutes")
            ),
            ("consultation.brief-late".to_string(), at("brief_sent_on")),
            (
                "consultation.held-duration".to_string(),
                at("held/actual_minutes")
            ),
        ]
    );
    // Pointers are escaped (RFC 6901) from the given base.
    let mut c = in_state(S::Prepared);
    c.questions.clear();
    let issues = c.check(&ConsultationPolicy::default(), "/a~1b");
    assert_eq!(issues[0].pointer, "/a~1b/questions");
}

// ---------------------------------------------------------------------------
// Every rule is exercised
// ---------------------------------------------------------------------------

/// Every test above that asserts a failing case. Add a new test here; a rule with no
/// failing case fails `every_rule_has_a_failing_case`.
const FAILING_CASES: &[(&str, fn())] = &[
    ("json_unknown_field", json_unknown_field),
    ("id_duplicate", id_duplicate),
    ("ref_dangling", ref_dangling),
    ("text_missing", text_missing),
    ("period_reversed", period_reversed),
    ("schedule_outside_period", schedule_outside_period),
    ("frequency_invalid", frequency_invalid),
    ("registry_unknown_code", registry_unknown_code),
    ("registry_not_valid", registry_not_valid),
    ("registry_outside_coverage", registry_outside_coverage),
    (
        "registry_region_outside_centre",
        registry_region_outside_centre,
    ),
    ("population_registry_mismatch", population_registry_mismatch),
    ("sum_population", sum_population),
    ("sum_budget_sources", sum_budget_sources),
    ("sum_contributions", sum_contributions),
    ("share_tolerance", share_tolerance),
    ("share_approximate", share_approximate),
    ("special_task_share", special_task_share),
    ("team_area_overlap", team_area_overlap),
    ("team_area_listings_disagree", team_area_listings_disagree),
    (
        "consultation_planned_duration",
        consultation_planned_duration,
    ),
    ("consultation_held_duration", consultation_held_duration),
    ("consultation_brief_late", consultation_brief_late),
    ("consultation_state", consultation_state),
    ("consultation_no_question", consultation_no_question),
    ("consultation_brief_empty", consultation_brief_empty),
    ("consultation_brief_too_long", consultation_brief_too_long),
    (
        "consultation_too_many_questions",
        consultation_too_many_questions,
    ),
    ("consultation_no_criterion", consultation_no_criterion),
    ("consultation_not_nordic", consultation_not_nordic),
    ("consultation_cancel_reason", consultation_cancel_reason),
    ("consultation_date_order", consultation_date_order),
    (
        "consultation_policy_inconsistent",
        consultation_policy_inconsistent,
    ),
    ("plan_duplicate_section", plan_duplicate_section),
    ("report_truncated", report_truncated),
    (
        "consultation_concept_premature",
        consultation_concept_premature,
    ),
    (
        "every_illegal_move_is_refused_and_changes_nothing",
        every_illegal_move_is_refused_and_changes_nothing,
    ),
    ("meeting_below_frequency", meeting_below_frequency),
    ("registry_centre_ended", registry_centre_ended),
    ("registry_municipality_merged", registry_municipality_merged),
    ("meeting_remote_no_platform", meeting_remote_no_platform),
    ("indicator_target_direction", indicator_target_direction),
];

#[test]
fn every_rule_has_a_failing_case() {
    SEEN.with(|s| s.borrow_mut().clear());
    for (name, case) in FAILING_CASES {
        let result = std::panic::catch_unwind(case);
        assert!(result.is_ok(), "{name} failed (see its own test)");
    }
    let seen = SEEN.with(|s| s.borrow().clone());
    let missing: Vec<&str> = Rule::ALL
        .iter()
        .map(|r| r.code())
        // csv.* and xlsx.* (reading) rules are shown in core/tests/tables.rs and workbooks.rs.
        .filter(|c| !c.starts_with("csv.") && !c.starts_with("xlsx."))
        .filter(|c| !seen.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "rules with no failing case in core/tests/rules.rs: {missing:?}\n\
         add a test that shows each one (exact code and pointer) and list it in FAILING_CASES"
    );
}

#[test]
fn an_average_frequency_is_not_checked_as_a_minimum() {
    use oske::network::{Meeting, MeetingFormat, MeetingStatus, Network};
    use oske::plan::{Frequency, FrequencyQualifier, FrequencyUnit};
    let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let network = |qualifier| Network {
        id: "ecec".into(),
        name: LocalizedText::fi("Varhaiskasvatuksen kehittäjäryhmä"),
        organisers: Vec::new(),
        period: Some(oske::Period::new(d(2005, 1, 1), d(2006, 12, 31))),
        min_frequency: Some(Frequency {
            min_times: 3,
            per: FrequencyUnit::Year,
            qualifier,
            note: Some("keskimäärin kolmesti vuodessa".into()),
        }),
        meetings: vec![Meeting {
            id: "m1".into(),
            date: d(2005, 3, 1),
            date_note: None,
            status: MeetingStatus::Held,
            format: MeetingFormat::InPerson,
            platform: None,
            place: Some("Seinäjoki".into()),
            duration_minutes: None,
            full_day: false,
            participants: None,
            regions_represented: Vec::new(),
            regions_count: None,
        }],
    };
    let codes = |q| {
        let mut doc = oske::Document::new();
        doc.networks.push(network(q));
        oske::validate(&doc, Registry::embedded()).codes_and_pointers()
    };
    // "At least 3 a year" with one meeting in 2005 and none in 2006: two issues.
    assert_eq!(
        codes(FrequencyQualifier::AtLeast),
        [
            (
                "meeting.below-frequency".to_owned(),
                "/networks/0/min_frequency".to_owned()
            ),
            (
                "meeting.below-frequency".to_owned(),
                "/networks/0/min_frequency".to_owned()
            ),
        ]
    );
    assert_eq!(codes(FrequencyQualifier::Exactly).len(), 2);
    // "On average 3 a year" says nothing about a single year.
    assert_eq!(codes(FrequencyQualifier::OnAverage), []);
}
