//! A proofreader for the rulebook: every rule's message, rendered in every language
//! with realistic values (one and several, a long name, a date, a sum), must read
//! as a Finnish, Swedish or English official letter does.
//!
//! It fails on an unfilled `{placeholder}`; on an ASCII identifier (`snake_case`, a
//! kebab-case id such as a centre's `sonet-botnia`, anything with a digit after a
//! hyphen); and, in Finnish and Swedish text, on an ISO date, a decimal point or an
//! English word. Text inside straight quotes `"…"` is the reader's own data, quoted
//! verbatim, and is not read.

use oske::{Lang, Registry, Rule};

/// English words that have no business in a Finnish or Swedish sentence. (Words
/// that are also Finnish or Swedish — `on`, `in`, `per`, `plan`, `team`, `session`,
/// `region`, `period`, `total` — are not listed.)
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "is",
    "not",
    "to",
    "from",
    "with",
    "was",
    "were",
    "has",
    "have",
    "which",
    "but",
    "or",
    "at",
    "for",
    "by",
    "state",
    "step",
    "action",
    "value",
    "table",
    "column",
    "row",
    "file",
    "date",
    "meeting",
    "meetings",
    "project",
    "network",
    "registry",
    "municipality",
    "centre",
    "consultation",
    "brief",
    "funder",
    "share",
    "sum",
    "yes",
    "no",
    "true",
    "false",
    "unknown",
    "missing",
    "invalid",
    "error",
    "agreed",
    "sent",
    "held",
    "scheduled",
    "cancelled",
    "evaluated",
    "documented",
    "prepared",
    "detected",
    "named",
    "overflow",
    "increase",
    "decrease",
    "maintain",
    "remote",
    "hybrid",
    "priority",
    "evaluation",
    "organisation",
    "subject",
    "half",
    "year",
    "month",
    "quarter",
    "days",
    "day",
    "person",
    "kind",
];

/// `text` with every `"…"` span removed.
fn unquoted(text: &str) -> String {
    text.split('"')
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, s)| s)
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || ",;:()[]".contains(c))
        .map(|w| w.trim_matches(|c: char| ".…–".contains(c)))
        .filter(|w| !w.is_empty())
}

/// What a proofreader would mark in `msg`, written in `lang`.
fn problems(msg: &str, lang: Lang, ids: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    if msg.contains('{') || msg.contains('}') {
        out.push("an unfilled placeholder".to_owned());
    }
    let text = unquoted(msg);
    for w in words(&text) {
        let ascii_ident = w
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if w.contains('_') && ascii_ident {
            out.push(format!("the snake_case identifier {w:?}"));
        }
        // Identifiers are lower case: `Windows-1252` is a name.
        if ascii_ident && w.contains('-') && !w.bytes().any(|b| b.is_ascii_uppercase()) {
            let kebab_id = w
                .split('-')
                .skip(1)
                .any(|p| p.bytes().any(|b| b.is_ascii_digit()))
                || ids.contains(&w);
            let iso = w.len() == 10 && w.bytes().filter(|&b| b == b'-').count() == 2;
            if kebab_id && !iso {
                out.push(format!("the kebab-case id {w:?}"));
            }
        }
        if lang == Lang::En {
            continue;
        }
        let b = w.as_bytes();
        if w.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && w.replace('-', "").bytes().all(|c| c.is_ascii_digit())
        {
            out.push(format!("the ISO date {w:?}"));
        }
        // Runs of digits and points: only d.m.yyyy dates may have points.
        for run in w.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
            let run = run.trim_matches('.');
            if run.contains('.') && run.bytes().any(|c| c.is_ascii_digit()) {
                let parts: Vec<&str> = run.split('.').collect();
                let date = parts.len() == 3
                    && parts[0].len() <= 2
                    && parts[1].len() <= 2
                    && parts[2].len() == 4
                    && parts
                        .iter()
                        .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()));
                if !date {
                    out.push(format!("the decimal point in {run:?}"));
                }
            }
        }
        if ENGLISH.contains(&w.to_lowercase().as_str()) {
            out.push(format!("the English word {w:?}"));
        }
    }
    out
}

fn known_ids() -> Vec<&'static str> {
    let reg = Registry::embedded();
    reg.centres.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn every_message_reads_right_in_every_language() {
    let ids = known_ids();
    let mut marked = Vec::new();
    for rule in Rule::ALL {
        for many in [false, true] {
            let issue = rule.example(many);
            for lang in Lang::ALL {
                let msg = issue.message(lang);
                for p in problems(&msg, lang, &ids) {
                    marked.push(format!("{} ({lang}): {p} in: {msg}", rule.code()));
                }
            }
        }
    }
    assert!(
        marked.is_empty(),
        "the proofreader marks:\n{}",
        marked.join("\n")
    );
}

#[test]
fn the_proofreader_marks_what_it_should() {
    let ids = known_ids();
    let fi = |m: &str| problems(m, Lang::Fi, &ids);
    assert!(fi("kunta Isokyrö (152) ei kuulu alueeseen 1.11.2008").is_empty());
    assert!(fi("osuus on 74,999945\u{a0}% (tiedosto \"a_b.csv\")").is_empty());
    assert_eq!(
        fi("osuus on 74.999945 %"),
        ["the decimal point in \"74.999945\""]
    );
    assert_eq!(fi("päivä 2026-01-01"), ["the ISO date \"2026-01-01\""]);
    assert_eq!(
        fi("toimintoa send_brief"),
        ["the snake_case identifier \"send_brief\""]
    );
    assert_eq!(
        fi("keskus sonet-botnia"),
        ["the kebab-case id \"sonet-botnia\""]
    );
    assert_eq!(fi("hanke tp-2020"), ["the kebab-case id \"tp-2020\""]);
    assert_eq!(fi("tilassa evaluated"), ["the English word \"evaluated\""]);
    assert_eq!(fi("arvo {value}"), ["an unfilled placeholder"]);
    assert!(fi("konsultaatio-ohjelma Keski-Pohjanmaa Windows-1252").is_empty());
    assert!(problems("state evaluated on 1 November 2008", Lang::En, &ids).is_empty());
    assert_eq!(
        problems("ändrad i send_brief", Lang::Sv, &ids),
        ["the snake_case identifier \"send_brief\""]
    );
}

fn meetings(count: u64, min: u64) -> oske::Issue {
    let d = |m, day| chrono::NaiveDate::from_ymd_opt(2020, m, day).unwrap();
    oske::Issue::new(Rule::MeetingBelowFrequency, "/networks/0/min_frequency")
        .arg_count("count", count)
        .arg_period("window", &oske::Period::new(d(1, 1), d(6, 30)))
        .arg_count("min", min)
        .arg_term("unit", "half_year")
}

#[test]
fn one_and_many_take_their_own_forms() {
    let one = meetings(1, 2);
    assert_eq!(
        one.message(Lang::Fi),
        "ajanjaksolla 1.1.2020–30.6.2020 pidettiin 1 kokous, mikä on vähemmän kuin \
         ilmoitettu vähimmäismäärä 2 kokousta puolessa vuodessa"
    );
    assert_eq!(
        one.message(Lang::Sv),
        "under perioden 1.1.2020–30.6.2020 hölls 1 möte, vilket är färre än det angivna \
         minimiantalet 2 möten per halvår"
    );
    assert_eq!(
        one.message(Lang::En),
        "1 meeting was held in the period 1 January 2020 – 30 June 2020, fewer than the \
         declared minimum of 2 meetings per half-year"
    );
    let none = meetings(0, 1);
    assert!(none.message(Lang::Fi).contains("pidettiin 0 kokousta, "));
    assert!(none
        .message(Lang::Fi)
        .contains("vähimmäismäärä 1 kokous puolessa"));
    assert!(none.message(Lang::Sv).contains("hölls 0 möten, "));
    assert!(none.message(Lang::Sv).contains("minimiantalet 1 möte per"));
    assert!(none.message(Lang::En).starts_with("0 meetings were held"));
    let late = Rule::ConsultationBriefLate.example(false);
    assert!(late.message(Lang::Fi).contains("viimeistään 1 päivä ennen"));
    assert!(late.message(Lang::Sv).contains("senast 1 dag före"));
    assert!(late.message(Lang::En).contains("at least 1 day before"));
    let late = Rule::ConsultationBriefLate.example(true);
    assert!(late
        .message(Lang::Fi)
        .contains("viimeistään 3 päivää ennen"));
    assert!(late.message(Lang::Sv).contains("senast 3 dagar före"));
}

#[test]
fn names_sums_and_shares_are_written_per_language() {
    let isokyro = oske::LocalizedText::fi("Isokyrö").with(Lang::Sv, "Storkyro");
    let centre = oske::LocalizedText::fi("Pohjois-Suomen sosiaalialan osaamiskeskus").with(
        Lang::Sv,
        "Norra Finlands kompetenscentrum inom det sociala området",
    );
    let i = oske::Issue::new(Rule::RegistryRegionOutsideCentre, "/x")
        .arg("kind", "municipality")
        .arg_name("code", "152", &isokyro)
        .arg_name("centre", "poske", &centre)
        .arg_date(
            "date",
            chrono::NaiveDate::from_ymd_opt(2008, 11, 1).unwrap(),
        );
    assert_eq!(
        i.message(Lang::Fi),
        "kunta Isokyrö (152) ei kuulu 1.11.2008 osaamiskeskuksen toimialueeseen \
         (osaamiskeskus: Pohjois-Suomen sosiaalialan osaamiskeskus)"
    );
    assert_eq!(
        i.message(Lang::Sv),
        "kommunen Storkyro (152) hör inte den 1.11.2008 till kompetenscentrets verksamhetsområde \
         (kompetenscentrum: Norra Finlands kompetenscentrum inom det sociala området)"
    );
    // The args keep the stable, language-neutral values.
    assert_eq!(
        i.args,
        [
            ("kind", "municipality".to_string()),
            ("code", "152".to_string()),
            ("centre", "poske".to_string()),
            ("date", "2008-11-01".to_string())
        ]
    );
    let s = oske::Issue::new(Rule::SumBudgetSources, "/x")
        .arg_money("total", oske::Cents(182_820_400))
        .arg_money("sum", oske::Cents(182_820_350));
    assert_eq!(
        s.message(Lang::Fi),
        "talousarvion kokonaissumma 1\u{a0}828\u{a0}204,00\u{a0}€ ei ole sama kuin \
         rahoituslähteiden summa 1\u{a0}828\u{a0}203,50\u{a0}€"
    );
    assert_eq!(
        s.message(Lang::En),
        "the budget total, €1,828,204.00, is not the sum of its funding sources, €1,828,203.50"
    );
    let stm = oske::LocalizedText::fi("Sosiaali- ja terveysministeriö")
        .with(Lang::Sv, "Social- och hälsovårdsministeriet");
    let sh = oske::Issue::new(Rule::ShareApproximate, "/x")
        .arg_name("funder", "stm", &stm)
        .arg_percent("actual", "74.999945")
        .arg_share("stated", oske::Bp(7500));
    assert_eq!(
        sh.message(Lang::Sv),
        "finansiär Social- och hälsovårdsministeriet: andelen av totalbeloppet är \
         74,999945\u{a0}%; den angivna andelen 75\u{a0}% är ett närmevärde"
    );
    // A name missing in the message's language falls back to another language.
    assert!(sh
        .message(Lang::En)
        .starts_with("funder Sosiaali- ja terveysministeriö: "));
}

/// Documents and registries that cannot be read, one for each form of error the
/// core words: JSON syntax, data (types, variants, fields, dates), versions, a
/// registry's consistency problems, a file that cannot be read.
const UNREADABLE_DOCUMENTS: &[&str] = &[
    "{",
    "",
    "[1]",
    "5",
    "\"x\"",
    "null",
    "{\"a\" 1}",
    "{\"format_version\": 1,}",
    "{} x",
    "{\"a\": \"\\q\"}",
    "{\"a\": 1e999}",
    "{\"a\": tru}",
    "{\"a\": \"x\u{1}\"}",
    "{1: 2}",
    "{\"a\": [1 2]}",
    "{\"a\": {\"b\": 1 \"c\": 2}}",
    "{\"a\": \"\\ud800\"}",
    "{\"format_version\": 2}",
    "{}",
    "{\"format_version\": \"1\"}",
    "{\"format_version\": true}",
    "{\"format_version\": 1, \"networks\": [{\"id\": 5}]}",
    "{\"format_version\": 1, \"networks\": {}}",
    "{\"format_version\": 1, \"networks\": [[1]]}",
    "{\"format_version\": 1, \"networks\": [{\"name\": {\"fi\": \"x\"}}]}",
    "{\"format_version\": 1, \"projects\": [{\"id\": \"p\", \"budget\": -1.5}]}",
    "{\"format_version\": 1, \"action_plans\": [{\"id\": \"p\", \"period\": {\"start\": \"31.2.2020\", \"end\": \"1.1.2021\"}}]}",
    "{\"format_version\": 1, \"networks\": [{\"id\": \"n\", \"name\": {\"fi\": \"x\"}, \"meetings\": [{\"date\": \"1.1.2020\", \"format\": \"telepathy\"}]}]}",
];

const UNREADABLE_REGISTRIES: &[&str] = &[
    "[]",
    "{\"format_version\": 9}",
    "{\"format_version\": 2, \"colour\": 1}",
    "{\"format_version\": 2, \"regions\": [{\"code\": \"01\"}]}",
    r#"{"format_version": 2, "coverage": {"start": "2020-01-01", "end": "2019-01-01"},
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
                        {"area": "005", "kind": "municipality", "date": "2019-12-31", "population": 2}]}"#,
];

/// Every error the core returns for [`UNREADABLE_DOCUMENTS`], [`UNREADABLE_REGISTRIES`]
/// and a missing file, with the registry's problems one by one.
fn load_errors() -> Vec<oske::JsonError> {
    let mut out: Vec<oske::JsonError> = UNREADABLE_DOCUMENTS
        .iter()
        .map(|t| oske::json::from_str(t).expect_err(t))
        .collect();
    for t in UNREADABLE_REGISTRIES {
        out.push(Registry::from_json(t).expect_err(t));
    }
    // Each consistency problem on its own, as the first one is reported.
    let data: oske::registry::RegistryData =
        oske::json::from_str_plain(UNREADABLE_REGISTRIES[4]).unwrap();
    let problems = Registry::from_data(data).unwrap_err();
    assert!(problems.len() >= 14, "{problems:?}");
    for p in problems {
        out.push(oske::JsonError {
            kind: oske::JsonErrorKind::Data,
            file: None,
            pointer: Some(p.pointer),
            line: None,
            column: None,
            message: p.message,
        });
    }
    out.push(oske::json::from_path("/nonexistent/oske/plan.json").unwrap_err());
    out
}

/// `msg` without its JSON Pointers (`/networks/0/id`: places in the reader's file)
/// and the JSON punctuation it names (`"}"`, `({…})`), which are no placeholders.
fn without_pointers(msg: &str) -> String {
    msg.replace("\"}\"", "")
        .replace("({…})", "")
        .split(' ')
        .filter(|w| !w.trim_start_matches('(').starts_with('/'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every kind of workbook error, in `lang` (none without the feature `xlsx`).
fn workbook_errors(lang: Lang) -> Vec<String> {
    #[cfg(feature = "xlsx")]
    {
        use oske::tables::{RefProblem, WorkbookError as E};
        let mut out: Vec<String> = [
            E::Read("Xlsx error: Zip error: invalid Zip archive".into()),
            E::Structure("attempt to subtract with overflow".into()),
            E::Write("/x/y.xlsx: No such file or directory (os error 2)".into()),
            E::NoSheet("measures".into()),
        ]
        .iter()
        .map(|e| e.localized(lang))
        .collect();
        for problem in [
            RefProblem::NotACell,
            RefProblem::OutsideGrid,
            RefProblem::Reversed,
            RefProblem::TagTooLong,
        ] {
            let e = E::Reference {
                part: "xl/worksheets/sheet1.xml".into(),
                element: "dimension",
                attribute: "ref",
                value: "F1:E5".into(),
                problem,
            };
            assert_eq!(e.localized(Lang::En), e.to_string());
            out.push(e.localized(lang));
        }
        out
    }
    #[cfg(not(feature = "xlsx"))]
    {
        let _ = lang;
        Vec::new()
    }
}

#[test]
fn every_load_error_reads_right_in_every_language() {
    let ids = known_ids();
    let mut marked = Vec::new();
    let errors = load_errors();
    for e in &errors {
        assert_eq!(e.localized(Lang::En), e.to_string());
        assert_eq!(e.message_in(Lang::En), e.message);
        for lang in [Lang::Fi, Lang::Sv] {
            let msg = e.localized(lang);
            assert!(msg.ends_with(&e.message_in(lang)), "{msg}");
            for p in problems(&without_pointers(&msg), lang, &ids) {
                marked.push(format!("({lang}) {p} in: {msg}"));
            }
            // A text of the core is never passed on quoted, in English; only the
            // system's reason why a file could not be read is.
            let quoted = msg.contains("ilmoitus: \"") || msg.contains("meddelande: \"");
            if quoted && e.kind != oske::JsonErrorKind::Io {
                marked.push(format!("({lang}) the English text quoted in: {msg}"));
            }
        }
    }
    let date = oske::parse_date("31.2.2020").unwrap_err();
    let lang_err = "de".parse::<Lang>().unwrap_err();
    for lang in [Lang::Fi, Lang::Sv] {
        for msg in workbook_errors(lang).into_iter().chain([
            date.message(lang),
            lang_err.message(lang),
            oske::errors::write_failed(lang, Some("/x/y.json"), "No such file or directory"),
            oske::errors::write_failed(lang, None, "Permission denied"),
            oske::errors::unknown_dataset(
                lang,
                "x",
                &["sonet_botnia_plan_2020", "lapland_unit_2008"],
            ),
            oske::errors::not_found(lang, oske::errors::Missing::Network, "x"),
            oske::errors::not_found(lang, oske::errors::Missing::Consultation, "x"),
            oske::errors::not_found(lang, oske::errors::Missing::ConsultationProgramme, "x"),
        ]) {
            for p in problems(&msg, lang, &ids) {
                marked.push(format!("({lang}) {p} in: {msg}"));
            }
        }
    }
    assert!(
        marked.is_empty(),
        "the proofreader marks:\n{}",
        marked.join("\n")
    );
}

/// Every argument error a binding raises (Python's type and shape errors), rendered
/// in Finnish and Swedish, reads right: the texts live once in `oske::errors`.
#[test]
fn every_argument_error_reads_right_in_every_language() {
    use oske::errors::{ArgumentProblem as P, NameKind};
    let ids = known_ids();
    let detail = "unknown variant `teleportation`, expected `skills` or `language`";
    let all = vec![
        P::OneOf {
            what: "money",
            given: "euros".into(),
            allowed: &["cents", "decimal"],
        },
        P::UnknownDialect("excel-se".into()),
        P::UnknownEncoding("ebcdic".into()),
        P::UnknownDecimalMark("roman".into()),
        P::Delimiter("::".into()),
        P::NoTable {
            given: "budget".into(),
            tables: vec!["action_plans", "measures"],
        },
        P::NotALayoutTable("budget".into()),
        P::UnknownRule("no.such".into()),
        P::UnknownCodeKind {
            given: "kunta".into(),
            kinds: vec!["region", "municipality"],
        },
        P::UnknownName {
            what: NameKind::SelectionCriterion,
            detail: detail.into(),
        },
        P::UnknownName {
            what: NameKind::Severity,
            detail: "invalid type: integer `5`, expected a string".into(),
        },
        P::UnknownName {
            what: NameKind::ParticipantCategory,
            detail: "something else".into(),
        },
        P::UnknownName {
            what: NameKind::AreaKind,
            detail: detail.into(),
        },
        P::WholeNumber {
            what: "planned_minutes",
            given: "18446744073709551616".into(),
            max: 4_294_967_295,
        },
        P::TooDeep {
            at: "/a/b".into(),
            max: 128,
        },
        P::IntegerTooLarge {
            at: "/x".into(),
            given: "18446744073709551616".into(),
        },
        P::NotFinite {
            at: "/x".into(),
            given: "NaN".into(),
        },
        P::DictKey { at: "/".into() },
        P::NotText {
            at: "/title".into(),
            shown: "x\\ud800".into(),
        },
        P::CannotStore {
            at: "/period".into(),
            type_name: "set".into(),
        },
        P::DateType {
            type_name: "int".into(),
        },
        P::PathType,
        P::NotPickled {
            what: "oske.Document",
            detail: "EOF while parsing a value at line 1 column 0".into(),
        },
        P::NameNeeded,
        P::ContentNotBytes("measures.csv".into()),
        P::TableKey,
        P::LineOffset(-1),
        P::MergeEmpty,
        P::NotATable {
            type_name: "int".into(),
        },
        P::RowNotDict { row: 1 },
        P::ColumnNotText {
            shown: "nimi\\ud800".into(),
        },
        P::NoCapsule,
        P::WrongCapsule,
        P::ArrowStream("Invalid argument error: stream".into()),
        P::ArrowStreamFailed("Invalid argument error: batch".into()),
        P::ArrowType {
            column: "s".into(),
            arrow_type: "Struct(a Int64)".into(),
        },
        P::CentsType {
            type_name: "float".into(),
        },
        P::EurosType {
            type_name: "float".into(),
        },
        P::NotEuros("12,50 e".into()),
        P::EurosNotFinite("NaN".into()),
        P::FractionOfCent("0.001".into()),
    ];
    let mut marked = Vec::new();
    for p in &all {
        for lang in [Lang::Fi, Lang::Sv] {
            let msg = p.message(lang);
            assert_ne!(msg, p.message(Lang::En));
            for problem in problems(&without_pointers(&msg), lang, &ids) {
                marked.push(format!("({lang}) {problem} in: {msg}"));
            }
        }
    }
    assert!(
        marked.is_empty(),
        "the proofreader marks:\n{}",
        marked.join("\n")
    );
    assert_eq!(
        all[9].message(Lang::Fi),
        "valintaperuste: arvoa \"teleportation\" ei tunneta; sallitut arvot ovat \"skills\" ja \"language\""
    );
    assert_eq!(
        all[13].message(Lang::Sv),
        "argumentet \"planned_minutes\" ska vara ett heltal 0–4\u{a0}294\u{a0}967\u{a0}295, inte \
         18\u{a0}446\u{a0}744\u{a0}073\u{a0}709\u{a0}551\u{a0}616"
    );
}

#[test]
fn load_errors_are_written_in_each_language() {
    let e = oske::json::from_str(UNREADABLE_DOCUMENTS[26]).unwrap_err();
    assert_eq!(
        e.localized(Lang::Fi),
        "rivi 1, sarake 82: tietovirhe kohdassa /action_plans/0/period/start: \"31.2.2020\" ei ole \
         päivämäärä; kirjoita päivämäärä muodossa p.k.vvvv (esim. 14.2.2018) tai vvvv-kk-pp"
    );
    assert_eq!(
        e.localized(Lang::Sv),
        "rad 1, kolumn 82: datafel vid /action_plans/0/period/start: \"31.2.2020\" är inte ett \
         datum; skriv datumet i formen d.m.åååå (t.ex. 14.2.2018) eller åååå-mm-dd"
    );
    let e = oske::json::from_str(UNREADABLE_DOCUMENTS[27]).unwrap_err();
    assert_eq!(
        e.message_in(Lang::Fi),
        "arvoa \"telepathy\" ei tunneta; sallitut arvot ovat \"in_person\", \"remote\" ja \"hybrid\""
    );
    assert_eq!(
        e.message_in(Lang::Sv),
        "värdet \"telepathy\" är okänt; de tillåtna värdena är \"in_person\", \"remote\" och \"hybrid\""
    );
    let e = oske::json::from_str(UNREADABLE_DOCUMENTS[25]).unwrap_err();
    assert_eq!(
        e.message_in(Lang::Fi),
        "arvon on oltava objekti, mutta se on desimaaliluku \u{2212}1,5"
    );
    assert_eq!(
        e.message_in(Lang::Sv),
        "värdet ska vara ett objekt, men det är decimaltalet \u{2212}1,5"
    );
    let e = oske::json::from_str("{\"format_version\": 1, \"a\": [1,]}").unwrap_err();
    assert_eq!(
        e.localized(Lang::Fi),
        "rivi 1, sarake 31: JSON-syntaksivirhe: viimeisen alkion jälkeen on ylimääräinen pilkku"
    );
    let e = Registry::from_json(UNREADABLE_REGISTRIES[4]).unwrap_err();
    let fi = e.localized(Lang::Fi);
    assert!(
        fi.starts_with(
            "tietovirhe kohdassa /coverage: kattavuusjakso päättyy 1.1.2019 ennen kuin se alkaa \
             1.1.2020 (ja "
        ),
        "{fi}"
    );
    assert!(fi.ends_with(" muuta ongelmaa)"), "{fi}");
    let e = oske::json::from_path("/nonexistent/oske/plan.json").unwrap_err();
    assert_eq!(
        e.localized(Lang::Sv),
        "/nonexistent/oske/plan.json: läsfel: filen kunde inte läsas (systemets meddelande: \
         \"No such file or directory (os error 2)\")"
    );
}

#[test]
fn state_and_step_labels_read_right() {
    use oske::consultation::{Action, ConsultationState as S};
    let ids = known_ids();
    let states = [
        S::Prepared,
        S::ConsultantAgreed,
        S::BriefSent,
        S::Scheduled,
        S::Held,
        S::Documented,
        S::Evaluated,
        S::Cancelled,
    ];
    let actions = [
        Action::AgreeConsultant,
        Action::SendBrief,
        Action::Schedule,
        Action::Hold,
        Action::Document,
        Action::Evaluate,
        Action::Cancel,
        Action::ModelConcept,
    ];
    for lang in [Lang::Fi, Lang::Sv] {
        let labels = states
            .iter()
            .map(|s| s.label(lang))
            .chain(actions.iter().map(|a| a.label(lang)));
        for label in labels {
            assert!(problems(label, lang, &ids).is_empty(), "{lang}: {label}");
        }
    }
    assert_eq!(S::Evaluated.label(Lang::Fi), "arvioitu");
    assert_eq!(
        Action::SendBrief.label(Lang::Sv),
        "sändning av beskrivningen"
    );
}

#[test]
fn a_report_line_is_written_in_the_report_language() {
    let mut i = oske::Issue::new(Rule::PeriodReversed, "/networks/0/period")
        .arg_date(
            "start",
            chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap(),
        )
        .arg_date(
            "end",
            chrono::NaiveDate::from_ymd_opt(2018, 12, 31).unwrap(),
        );
    assert_eq!(
        i.line(Lang::En),
        "error period.reversed at /networks/0/period: the period ends on 31 December 2018, \
         before it starts on 1 January 2019"
    );
    i.location = Some(oske::SourceLocation {
        line: Some(3),
        ..Default::default()
    });
    assert_eq!(
        i.line(Lang::Fi),
        "virhe period.reversed kohdassa /networks/0/period (rivi 3): ajanjakson päättymispäivä \
         31.12.2018 on ennen sen alkamispäivää 1.1.2019"
    );
    assert!(i
        .line(Lang::Sv)
        .starts_with("fel period.reversed vid /networks/0/period (rad 3): periodens slutdatum"));
    assert_eq!(oske::Severity::Info.label(Lang::Sv), "anmärkning");
    assert_eq!(oske::Severity::Warning.label(Lang::Fi), "varoitus");
}
