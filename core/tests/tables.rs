//! CSV tables: one fixture per quirk of real Finnish spreadsheets (the encoded bytes
//! are built in the test), every `csv.*` rule shown with its exact location, and
//! the Excel-Finnish export byte for byte.

use chrono::NaiveDate;
use oske::tables::{
    self, DecimalMark, Dialect, Encoding, EncodingSource, Imported, MeasureItem, MeasureReader,
    ReadOptions, RowIssues, RowStatus,
};
use oske::{Cents, Issue, Lang, SourceLocation};
use std::collections::BTreeSet;
use std::io::Read;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn read(files: &[(&str, &[u8])]) -> Imported {
    read_with(files, &ReadOptions::default())
}

fn read_with(files: &[(&str, &[u8])], opts: &ReadOptions) -> Imported {
    tables::read_tables(
        files.iter().map(|(n, b)| (n.to_string(), *b)).collect(),
        opts,
    )
}

fn loc(i: &Issue) -> (Option<&str>, Option<u64>, Option<u64>, Option<&str>) {
    let l = i.location.as_ref().expect("a location");
    (l.file.as_deref(), l.line, l.column, l.field.as_deref())
}

fn codes(imp: &Imported) -> Vec<&'static str> {
    imp.issues.iter().map(|i| i.code()).collect()
}

const PLAN: &str =
    "id;centre;title_fi;start;end\r\np1;sonet-botnia;Toimintasuunnitelma;1.1.2020;31.12.2021\r\n";

// ---------------------------------------------------------------- encodings

#[test]
fn utf8_with_bom_semicolons_crlf_and_finnish_dates() {
    let measures = "\u{feff}plan_id;region;id;title_fi;kind;start;end;status\r\n\
                    p1;14;m1;Päihdetyön työpaja;työpaja;14.2.2018;1.11.2018;käynnissä\r\n";
    let imp = read(&[
        ("action_plans.csv", PLAN.as_bytes()),
        ("measures.csv", measures.as_bytes()),
    ]);
    assert_eq!(codes(&imp), Vec::<&str>::new());
    let t = &imp.tables[1];
    assert_eq!(
        (t.encoding, t.encoding_source, t.delimiter),
        (Encoding::Utf8, EncodingSource::ByteOrderMark, b';')
    );
    assert_eq!((t.rows, t.loaded), (1, 1));
    let m = &imp.document.action_plans[0].sections[0].measures[0];
    assert_eq!(m.title.fi.as_deref(), Some("Päihdetyön työpaja"));
    assert_eq!(m.kind, oske::plan::MeasureKind::Workshop);
    assert_eq!(m.status, oske::plan::MeasureStatus::Ongoing);
    let p = m.schedule.as_ref().unwrap().period.unwrap();
    assert_eq!((p.start, p.end), (d(2018, 2, 14), d(2018, 11, 1)));
}

#[test]
fn windows_1252_is_detected_decoded_and_stated() {
    let text =
        "id;centre;title_fi;start;end\r\np1;sonet-botnia;Päivä – “€”;2020-01-01;2021-12-31\r\n";
    let bytes = Encoding::Windows1252.encode(text).unwrap();
    assert!(bytes.contains(&0x80) && bytes.contains(&0xE4));
    let imp = read(&[("action_plans.csv", &bytes)]);
    assert_eq!(imp.tables[0].encoding, Encoding::Windows1252);
    assert_eq!(imp.tables[0].encoding_source, EncodingSource::Detected);
    assert_eq!(codes(&imp), vec!["csv.encoding"]);
    assert_eq!(
        imp.issues[0].message(Lang::En),
        "the file was read as Windows-1252 (detected from the content)"
    );
    assert_eq!(
        imp.issues[0].location.as_ref().unwrap().file.as_deref(),
        Some("action_plans.csv")
    );
    assert_eq!(
        imp.document.action_plans[0].title.fi.as_deref(),
        Some("Päivä – “€”")
    );
}

#[test]
fn iso_8859_1_is_detected_when_no_windows_only_byte_appears() {
    let text = "id;centre;title_sv;start;end\np1;fskc;Åbo – nej, Öster;1.1.2020;31.12.2020\n"
        .replace('–', "-");
    let bytes = Encoding::Iso8859_1.encode(&text).unwrap();
    let imp = read(&[("action_plans.csv", &bytes)]);
    assert_eq!(imp.tables[0].encoding, Encoding::Iso8859_1);
    assert_eq!(
        imp.document.action_plans[0].title.sv.as_deref(),
        Some("Åbo - nej, Öster")
    );
    assert_eq!(
        imp.issues[0].message(Lang::Fi),
        "tiedosto luettiin merkistöllä ISO-8859-1 (tunnistettu sisällöstä)"
    );
}

#[test]
fn a_windows_only_byte_past_the_first_chunk_is_stated() {
    let mut text = "id;centre;title_fi;start;end\n".to_string();
    for i in 0..2000 {
        text.push_str(&format!("p{i};x;Seinäjoki;1.1.2020;2.1.2020\n"));
    }
    text.push_str("q;x;€;1.1.2020;2.1.2020\n");
    let bytes = Encoding::Windows1252.encode(&text).unwrap();
    assert!(bytes.len() > 64 * 1024);
    let imp = read(&[("action_plans.csv", &bytes)]);
    assert_eq!(imp.tables[0].encoding, Encoding::Windows1252);
    assert_eq!(
        imp.issues[0].message(Lang::En),
        "the file was read as Windows-1252 (detected from the content)"
    );
    assert_eq!(
        imp.document.action_plans[2000].title.fi.as_deref(),
        Some("€")
    );
}

#[test]
fn a_named_encoding_always_wins() {
    // UTF-8 bytes of "ä" read as ISO-8859-1 because the caller says so.
    let imp = read_with(
        &[(
            "action_plans.csv",
            "id;centre;title_fi;start;end\np1;x;ä;1.1.2020;2.1.2020\n".as_bytes(),
        )],
        &ReadOptions {
            encoding: Some(Encoding::Iso8859_1),
            ..Default::default()
        },
    );
    assert_eq!(imp.tables[0].encoding_source, EncodingSource::Named);
    assert_eq!(imp.document.action_plans[0].title.fi.as_deref(), Some("Ã¤"));
    // And a legacy file named as Windows-1252 decodes 0x80 as the euro sign.
    let bytes = b"id;centre;title_fi;start;end\np1;x;\x80;1.1.2020;2.1.2020\n";
    let imp = read_with(
        &[("action_plans.csv", bytes)],
        &ReadOptions {
            encoding: Some(Encoding::Windows1252),
            ..Default::default()
        },
    );
    assert_eq!(imp.document.action_plans[0].title.fi.as_deref(), Some("€"));
}

#[test]
fn utf16_with_bom_and_tabs_as_excel_saves_unicode_text() {
    let text =
        "id\tcentre\ttitle_fi\tstart\tend\r\np1\tsonet-botnia\tSeinäjoki\t1.1.2020\t31.12.2020\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(Encoding::Utf16Le.encode(text).unwrap());
    let imp = read(&[("action_plans.csv", &bytes)]);
    assert_eq!(codes(&imp), Vec::<&str>::new());
    assert_eq!(
        (imp.tables[0].encoding, imp.tables[0].delimiter),
        (Encoding::Utf16Le, b'\t')
    );
    assert_eq!(
        imp.document.action_plans[0].title.fi.as_deref(),
        Some("Seinäjoki")
    );
}

#[test]
fn invalid_utf8_in_a_utf8_file_rejects_the_row_and_names_the_cell() {
    let mut bytes = b"id;centre;title_fi;start;end\np1;x;ok;1.1.2020;2.1.2020\n".to_vec();
    bytes.extend_from_slice(b"p2;x;P\xe4iv\xe4;1.1.2020;2.1.2020\n");
    let imp = read_with(
        &[("action_plans.csv", &bytes)],
        &ReadOptions {
            encoding: Some(Encoding::Utf8),
            ..Default::default()
        },
    );
    assert_eq!(codes(&imp), vec!["csv.invalid-text"]);
    assert_eq!(
        loc(&imp.issues[0]),
        (Some("action_plans.csv"), Some(3), Some(3), Some("title_fi"))
    );
    assert_eq!(
        imp.issues[0].message(Lang::En),
        "the column \"title_fi\" contains bytes that are not valid in the character encoding UTF-8: \"Päivä\""
    );
    assert_eq!(imp.document.action_plans.len(), 1);
    assert_eq!(
        imp.tables[0].rejected[0].text,
        "p2;x;Päivä;1.1.2020;2.1.2020"
    );
}

// ---------------------------------------------------------------- delimiters, lines, header

#[test]
fn delimiters_are_detected_and_a_named_one_wins() {
    for (sep, expect) in [(",", b','), (";", b';'), ("\t", b'\t')] {
        let text = format!(
            "id{s}centre{s}title_en{s}start{s}end\np1{s}x{s}T{s}2020-01-01{s}2020-12-31\n",
            s = sep
        );
        let imp = read(&[("action_plans.csv", text.as_bytes())]);
        assert_eq!(imp.tables[0].delimiter, expect);
        assert_eq!(imp.document.action_plans[0].title.en.as_deref(), Some("T"));
    }
    // Two semicolons in a comma file's header: detection would pick `;`, the caller says `,`.
    let text = "id,centre,title_en,start,end\np1,x,\"a;b;c\",2020-01-01,2020-12-31\n";
    let imp = read_with(
        &[("action_plans.csv", text.as_bytes())],
        &ReadOptions {
            delimiter: Some(b','),
            ..Default::default()
        },
    );
    assert_eq!(
        imp.document.action_plans[0].title.en.as_deref(),
        Some("a;b;c")
    );
    // Excel's sep= line.
    let text = "sep=,\nid,centre,start,end\np1,x,2020-01-01,2020-12-31\n";
    let imp = read(&[("action_plans.csv", text.as_bytes())]);
    assert_eq!(
        (imp.tables[0].delimiter, imp.document.action_plans.len()),
        (b',', 1)
    );
}

#[test]
fn finnish_and_swedish_header_aliases_and_file_names() {
    let fi = "Tunniste;Osaamiskeskus;Otsikko FI;Alku;Loppu\np1;sonet-botnia;Suunnitelma;1.1.2020;31.12.2020\n";
    let sv =
        "plan;landskap;id;titel_sv;typ;början;slut\np1;15;m1;Verkstad;workshop;1.2.2020;2.2.2020\n";
    let imp = read(&[
        ("Toimintasuunnitelmat.csv", fi.as_bytes()),
        ("åtgärder.csv", sv.as_bytes()),
    ]);
    assert_eq!(codes(&imp), Vec::<&str>::new());
    assert_eq!(
        imp.tables.iter().map(|t| t.table).collect::<Vec<_>>(),
        vec![Some("action_plans"), Some("measures")]
    );
    let plan = &imp.document.action_plans[0];
    assert_eq!(plan.title.fi.as_deref(), Some("Suunnitelma"));
    assert_eq!(plan.sections[0].region, "15");
    assert_eq!(
        plan.sections[0].measures[0].title.sv.as_deref(),
        Some("Verkstad")
    );
}

#[test]
fn empty_trailing_columns_and_blank_rows_are_accepted() {
    let text = "id;centre;start;end;;;\r\np1;x;1.1.2020;2.1.2020;;;\r\n;;;;;;\r\n\r\np2;x;1.1.2020;2.1.2020;;\r\n";
    let imp = read(&[("action_plans.csv", text.as_bytes())]);
    assert_eq!(codes(&imp), Vec::<&str>::new());
    assert_eq!(imp.document.action_plans.len(), 2);
    assert_eq!(imp.tables[0].rows, 2);
}

#[test]
fn physical_lines_count_blank_lines_and_breaks_inside_quotes() {
    let text = "id;centre;title_fi;start;end\r\n\r\np1;x;\"two\r\nlines\";1.1.2020;2.1.2020\r\np2;x;y;31.2.2020;2.1.2020\r\n";
    let imp = read(&[("action_plans.csv", text.as_bytes())]);
    assert_eq!(codes(&imp), vec!["csv.bad-date"]);
    assert_eq!(
        loc(&imp.issues[0]),
        (Some("action_plans.csv"), Some(5), Some(4), Some("start"))
    );
    assert_eq!(
        imp.document.action_plans[0].title.fi.as_deref(),
        Some("two\r\nlines")
    );
}

// ---------------------------------------------------------------- values

#[test]
fn money_in_every_form_found_in_the_field_reads_into_exact_cents() {
    let projects = "id;name_fi;start;end;budget_total;annual_total\n\
                    lapland;Kehittämisyksikkö;1.11.2008;31.12.2011;1 828 204 €;568\u{a0}000,00\n";
    let sources = "project_id;scope;funder;amount;stated_share_percent\n\
                   lapland;project;stm;1 371 152,00;75\n\
                   lapland;project;municipalities;457052.00;25 %\n\
                   lapland;annual;municipalities;142\u{a0}000 €;\n\
                   lapland;annual;stm;426.000,00;0,75\n";
    let imp = read(&[
        ("projects.csv", projects.as_bytes()),
        ("funding_sources.csv", sources.as_bytes()),
    ]);
    assert_eq!(codes(&imp), Vec::<&str>::new());
    let b = imp.document.projects[0].budget.as_ref().unwrap();
    assert_eq!(b.total, Cents(182_820_400));
    assert_eq!(
        b.sources.iter().map(|s| s.amount).collect::<Vec<_>>(),
        vec![Cents(137_115_200), Cents(45_705_200)]
    );
    assert_eq!(b.sources[0].stated_share, Some(oske::Bp(7500)));
    let a = b.annual.as_ref().unwrap();
    assert_eq!(a.total, Cents(56_800_000));
    assert_eq!(
        a.sources.iter().map(|s| s.amount).collect::<Vec<_>>(),
        vec![Cents(14_200_000), Cents(42_600_000)]
    );
    assert_eq!(a.sources[1].stated_share, Some(oske::Bp(75)));
    assert_eq!(b.share_tolerance, oske::Bp(1));
}

#[test]
fn an_ambiguous_number_is_reported_not_guessed_unless_the_decimal_mark_is_named() {
    let projects = "id;start;end;budget_total\nlapland;1.11.2008;31.12.2011;1.234\n";
    let imp = read(&[("projects.csv", projects.as_bytes())]);
    assert_eq!(codes(&imp), vec!["csv.ambiguous-number"]);
    let i = &imp.issues[0];
    assert_eq!(i.pointer, "/projects/0/budget/total");
    assert_eq!(
        loc(i),
        (Some("projects.csv"), Some(2), Some(4), Some("budget_total"))
    );
    assert_eq!(
        i.message(Lang::En),
        "the value \"1.234\" in the column \"budget_total\" is ambiguous: \".\" may be a decimal mark or a thousands separator"
    );
    assert!(imp.document.projects.is_empty());
    assert_eq!(
        imp.tables[0].rejected[0].text,
        "lapland;1.11.2008;31.12.2011;1.234"
    );
    let comma = read_with(
        &[("projects.csv", projects.as_bytes())],
        &ReadOptions {
            decimal: DecimalMark::Comma,
            ..Default::default()
        },
    );
    assert_eq!(
        comma.document.projects[0].budget.as_ref().unwrap().total,
        Cents(123_400)
    );
    let point = read_with(
        &[
            ("evaluations.csv", b"id;method\ne;bikva\n"),
            (
                "indicators.csv",
                b"evaluation_id;id;unit;baseline;direction\ne;i;x;1.234;increase\n",
            ),
        ],
        &ReadOptions {
            decimal: DecimalMark::Point,
            ..Default::default()
        },
    );
    assert_eq!(codes(&point), Vec::<&str>::new());
    assert_eq!(
        point.document.evaluations[0].indicators[0].baseline,
        Some(1.234)
    );
}

#[test]
fn decimal_comma_in_measurements() {
    let ev = "id;title_fi;method\ne1;Arviointi;bikva\n";
    let ind = "evaluation_id;id;name_fi;unit;baseline;target;actual;direction\n\
               e1;i1;Asiakkaat;%;12,5;1 234,5;0,125;increase\n";
    let imp = read(&[
        ("evaluations.csv", ev.as_bytes()),
        ("indicators.csv", ind.as_bytes()),
    ]);
    assert_eq!(codes(&imp), Vec::<&str>::new());
    let i = &imp.document.evaluations[0].indicators[0];
    assert_eq!(
        (i.baseline, i.target, i.actual),
        (Some(12.5), Some(1234.5), Some(0.125))
    );
}

// ---------------------------------------------------------------- bad input: every csv rule

struct Case {
    files: Vec<(&'static str, Vec<u8>)>,
    code: &'static str,
    pointer: &'static str,
    location: SourceLocation,
    message: &'static str,
}

fn at(file: &str, line: u64, column: Option<u64>, field: Option<&str>) -> SourceLocation {
    SourceLocation {
        file: Some(file.into()),
        line: Some(line),
        column,
        field: field.map(Into::into),
        sheet: None,
    }
}

fn cases() -> Vec<Case> {
    let plan = || ("action_plans.csv", PLAN.as_bytes().to_vec());
    let project = || {
        (
            "projects.csv",
            b"id;start;end\np;1.1.2020;31.12.2021\n".to_vec(),
        )
    };
    let m_head = "plan_id;region;id;title_fi;kind;start;end;frequency_min;frequency_per\r\n";
    let measures = |row: &str| ("measures.csv", format!("{m_head}{row}\r\n").into_bytes());
    vec![
        Case {
            files: vec![project(), ("tiimit.csv", "hanke;tunniste;kotikunta;alueen_kunnat\np;t1;Kemijarvi;148\n".as_bytes().to_vec())],
            code: "csv.name-resolved",
            pointer: "/projects/0/teams/0/base_municipality",
            location: at("tiimit.csv", 2, Some(3), Some("kotikunta")),
            message: "\"Kemijarvi\" in the column \"kotikunta\" was read as the municipality Kemijärvi (320), on the registry's map of 1 January 2020",
        },
        Case {
            files: vec![("consultation_programmes.csv", b"id;centre\nk;Poske\n".to_vec())],
            code: "csv.name-resolved-latest",
            pointer: "/consultation_programmes/0/centre",
            location: at("consultation_programmes.csv", 2, Some(2), Some("centre")),
            message: "\"Poske\" in the column \"centre\" was read as the centre Poske on the registry's latest map (1 January 2026), because no date applies to the row",
        },
        Case {
            files: vec![project(), ("teams.csv", b"project_id;id;base_municipality;area_municipalities\np;t1;148;Inari|Inarii\n".to_vec())],
            code: "csv.unknown-name",
            pointer: "/projects/0/teams/0/area_municipalities/1",
            location: at("teams.csv", 2, Some(4), Some("area_municipalities")),
            message: "\"Inarii\" in the column \"area_municipalities\" is neither a code nor a name in the registry (municipality); the closest names: Inari (148)",
        },
        Case {
            files: vec![
                ("action_plans.csv", b"id;centre;start;end;population_date;population_total\np1;sonet-botnia;1.1.2008;31.12.2008;31.12.2007;5\n".to_vec()),
                ("population_parts.csv", b"plan_id;area;population\np1;Lappi;5\n".to_vec()),
            ],
            code: "csv.ambiguous-name",
            pointer: "/action_plans/0/population/parts/0/area",
            location: at("population_parts.csv", 2, Some(2), Some("area")),
            message: "the name \"Lappi\" in the column \"area\" fits several entries of the registry (region or municipality) on 1 January 2008: Lapland (19), Lappi (406); write the code instead",
        },
        Case {
            files: vec![plan(), measures("p1;14;m1;T;workshop;1.1.2020;2.1.2020;2;year;extra")],
            code: "csv.too-many-cells",
            pointer: "",
            location: at("measures.csv", 2, Some(10), None),
            message: "too many cells: the row has 10 cells but the header row has 9 columns (first extra cell: \"extra\")",
        },
        Case {
            files: vec![plan(), measures("p1;14;m1;T;workshop")],
            code: "csv.too-few-cells",
            pointer: "",
            location: SourceLocation { column: None, field: None, ..at("measures.csv", 2, None, None) },
            message: "too few cells: the row has 5 cells but the header row has 9 columns",
        },
        Case {
            files: vec![plan(), measures("p1;14;m1;T;workshop;14.2.2018;30.2.2018;;")],
            code: "csv.bad-date",
            pointer: "/action_plans/0/sections/0/measures/0/schedule/period/end",
            location: at("measures.csv", 2, Some(7), Some("end")),
            message: "the value \"30.2.2018\" in the column \"end\" is not a date: write d.m.yyyy (14.2.2018) or yyyy-mm-dd",
        },
        Case {
            files: vec![("projects.csv", b"id;start;end;budget_total\np;1.1.2020;2.1.2020;12,345 \xe2\x82\xac\n".to_vec())],
            code: "csv.ambiguous-number",
            pointer: "/projects/0/budget/total",
            location: at("projects.csv", 2, Some(4), Some("budget_total")),
            message: "the value \"12,345 €\" in the column \"budget_total\" is ambiguous: \",\" may be a decimal mark or a thousands separator",
        },
        Case {
            files: vec![("projects.csv", b"id;start;end;budget_total\np;1.1.2020;2.1.2020;12,3456\n".to_vec())],
            code: "csv.bad-money",
            pointer: "/projects/0/budget/total",
            location: at("projects.csv", 2, Some(4), Some("budget_total")),
            message: "the value \"12,3456\" in the column \"budget_total\" is not a sum in euros with at most two decimals",
        },
        Case {
            files: vec![plan(), measures("p1;14;m1;T;workshop;;;2,5;year")],
            code: "csv.bad-integer",
            pointer: "/action_plans/0/sections/0/measures/0/frequency/min_times",
            location: at("measures.csv", 2, Some(8), Some("frequency_min")),
            message: "the value \"2,5\" in the column \"frequency_min\" is not a whole number from 0 to 4,294,967,295",
        },
        Case {
            files: vec![
                ("evaluations.csv", b"id;method\ne;bikva\n".to_vec()),
                ("indicators.csv", b"evaluation_id;id;unit;target;direction\ne;i;%;n/a;increase\n".to_vec()),
            ],
            code: "csv.bad-number",
            pointer: "/evaluations/0/indicators/0/target",
            location: at("indicators.csv", 2, Some(4), Some("target")),
            message: "the value \"n/a\" in the column \"target\" is not a number",
        },
        Case {
            files: vec![plan(), ("special_tasks.csv", b"plan_id;id;kind;year;grant_share_percent\np1;n;nordic;2020;0,755 %\n".to_vec())],
            code: "csv.bad-percent",
            pointer: "/action_plans/0/special_tasks/0/grant_share",
            location: at("special_tasks.csv", 2, Some(5), Some("grant_share_percent")),
            message: "the value \"0,755 %\" in the column \"grant_share_percent\" is not a percentage with at most two decimals",
        },
        Case {
            files: vec![plan(), measures("p1;14;m1;T;seminar-ish;;;;")],
            code: "csv.bad-value",
            pointer: "/action_plans/0/sections/0/measures/0/kind",
            location: at("measures.csv", 2, Some(5), Some("kind")),
            message: "the value \"seminar-ish\" in the column \"kind\" is not one of the allowed values: network, meeting, workshop, themed afternoon, survey, statement, steering group, project preparation, project support, evaluation, event, study visit, consultation, training, publication, other",
        },
        Case {
            files: vec![plan(), measures("p1;14;m1;T;workshop;;;2;")],
            code: "csv.missing-value",
            pointer: "/action_plans/0/sections/0/measures/0/frequency/per",
            location: at("measures.csv", 2, Some(9), Some("frequency_per")),
            message: "the column \"frequency_per\" must have a value",
        },
        Case {
            files: vec![plan(), measures("p9;14;m1;T;workshop;;;;")],
            code: "csv.orphan-row",
            pointer: "",
            location: at("measures.csv", 2, Some(1), Some("plan_id")),
            message: "the row belongs to action plan \"p9\", which is not in the table action_plans",
        },
        Case {
            files: vec![("networks.csv", b"id,name_fi\nn1,A\nn1,B\n".to_vec())],
            code: "csv.duplicate-key",
            pointer: "/networks/1/id",
            location: at("networks.csv", 3, Some(1), Some("id")),
            message: "network \"n1\" is already defined on line 2",
        },
        Case {
            files: vec![("networks.csv", b"id,name_fi,colour\nn1,A,blue\n".to_vec())],
            code: "csv.unknown-column",
            pointer: "",
            location: at("networks.csv", 1, Some(3), Some("colour")),
            message: "the column \"colour\" is not part of the table networks and was not read",
        },
        Case {
            files: vec![("networks.csv", b"name_fi\nA\n".to_vec())],
            code: "csv.missing-column",
            pointer: "",
            location: at("networks.csv", 1, None, Some("id")),
            message: "the table networks must have the column \"id\"",
        },
        Case {
            files: vec![("networks.csv", b"id,nimi_fi,name_fi\nn1,A,B\n".to_vec())],
            code: "csv.duplicate-column",
            pointer: "",
            location: at("networks.csv", 1, Some(3), Some("name_fi")),
            message: "the column \"name_fi\" is the same as column number 2 and was not read",
        },
        Case {
            files: vec![("notes.csv", b"a,b\n".to_vec())],
            code: "csv.unknown-table",
            pointer: "",
            location: SourceLocation { file: Some("notes.csv".into()), ..Default::default() },
            message: "the file \"notes.csv\" is not a table of the file format and was not read",
        },
        Case {
            files: vec![("networks.csv", b"id,name_fi\nn1,\"A\nn2,B\n".to_vec())],
            code: "csv.unclosed-quote",
            pointer: "",
            location: at("networks.csv", 2, None, None),
            message: "a quoted cell that begins on this row is never closed",
        },
        Case {
            files: vec![("networks.csv", b"id,name_fi\nn1,A\xff\n".to_vec())],
            code: "csv.encoding",
            pointer: "",
            location: SourceLocation { file: Some("networks.csv".into()), ..Default::default() },
            message: "the file was read as ISO-8859-1 (detected from the content)",
        },
        Case {
            files: vec![("networks.csv", b"id;name_fi\nn1;\"A\"\"\"\nn2;\xe2\x82\n".to_vec())],
            code: "csv.invalid-text",
            pointer: "",
            location: at("networks.csv", 3, Some(2), Some("name_fi")),
            message: "the column \"name_fi\" contains bytes that are not valid in the character encoding UTF-8: \"â‚\"",
        },
        Case {
            files: vec![("networks.csv", b"id;name_fi\nn1;\"Skype \"for\" Business\"\n".to_vec())],
            code: "csv.stray-quote",
            pointer: "",
            location: at("networks.csv", 2, Some(2), Some("name_fi")),
            message: "the quoted cell in the column \"name_fi\" holds a quote that is not doubled, so it would read as \"Skype for\" Business\"\"; write a quote inside quotes as two quotes (\"\")",
        },
        Case {
            files: vec![
                ("networks.csv", b"id;name_fi\nn1;A\n".to_vec()),
                ("verkostot.csv", b"id;name_fi\nn2;B\n".to_vec()),
            ],
            code: "csv.duplicate-table",
            pointer: "",
            location: SourceLocation { file: Some("verkostot.csv".into()), ..Default::default() },
            message: "the file \"verkostot.csv\" is a second file for the table networks (already read from the file \"networks.csv\"); it was not read",
        },
    ]
}

#[test]
fn every_csv_problem_is_reported_with_file_line_column_and_raw_value() {
    let mut seen = BTreeSet::new();
    for c in cases() {
        let files: Vec<(&str, &[u8])> = c.files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        let opts = if c.code == "csv.invalid-text" {
            ReadOptions {
                encoding: Some(Encoding::Utf8),
                ..Default::default()
            }
        } else {
            ReadOptions::default()
        };
        let imp = read_with(&files, &opts);
        let found: Vec<&Issue> = imp.issues.iter().filter(|i| i.code() == c.code).collect();
        assert_eq!(found.len(), 1, "{}: {:?}", c.code, imp.issues);
        let i = found[0];
        assert_eq!(i.pointer, c.pointer, "{}", c.code);
        assert_eq!(i.location.as_ref(), Some(&c.location), "{}", c.code);
        assert_eq!(i.message(Lang::En), c.message, "{}", c.code);
        for lang in [Lang::Fi, Lang::Sv] {
            assert!(!i.message(lang).contains('{'), "{} {lang}", c.code);
        }
        seen.insert(c.code);
    }
    // Record too large, unreadable and package-path (a_folder_is_read_by_its_data_package)
    // are shown below; the rest must all be here.
    let missing: Vec<&str> = oske::Rule::ALL
        .iter()
        .map(|r| r.code())
        .filter(|c| c.starts_with("csv."))
        .filter(|c| {
            !seen.contains(c)
                && ![
                    "csv.record-too-large",
                    "csv.unreadable",
                    "csv.package-path",
                    "csv.unchecked-references",
                ]
                .contains(c)
        })
        .collect();
    assert!(missing.is_empty(), "csv rules with no case: {missing:?}");
}

#[test]
fn a_row_larger_than_the_limit_stops_the_file_there() {
    let mut bytes = b"id,name_fi\nn1,ok\nn2,\"".to_vec();
    bytes.resize(bytes.len() + tables::MAX_RECORD_BYTES + 10, b'x');
    let imp = read(&[("networks.csv", &bytes)]);
    assert_eq!(codes(&imp), vec!["csv.record-too-large"]);
    assert_eq!(
        loc(&imp.issues[0]),
        (Some("networks.csv"), Some(3), None, None)
    );
    assert_eq!(imp.document.networks.len(), 1);
}

struct Broken;
impl Read for Broken {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("disk on fire"))
    }
}

#[test]
fn an_unreadable_file_is_reported() {
    let imp = tables::read_tables(
        vec![("networks.csv".to_string(), Broken)],
        &ReadOptions::default(),
    );
    assert_eq!(codes(&imp), vec!["csv.unreadable"]);
    assert_eq!(
        imp.issues[0].message(Lang::En),
        "the file could not be read (system message: \"disk on fire\")"
    );
}

#[test]
fn valid_rows_load_and_rejected_rows_are_kept_verbatim_to_be_written_out() {
    let text = "plan_id;region;id;title_fi;kind;start;end\r\n\
                p1;14;m1;Hyvä;workshop;1.3.2020;31.3.2020\r\n\
                p1;14;m2;\"Huono;\r\nrivi\";workshop;1.3.2020\r\n\
                p1;14;m3;Hyvä;survey;1.4.2020;30.4.2020\r\n\
                p1;14;m4;Päivä;kokous;32.4.2020;30.4.2020\r\n";
    let imp = read(&[
        ("action_plans.csv", PLAN.as_bytes()),
        ("measures.csv", text.as_bytes()),
    ]);
    assert_eq!(codes(&imp), vec!["csv.too-few-cells", "csv.bad-date"]);
    assert_eq!(imp.issues[0].location.as_ref().unwrap().line, Some(3));
    assert_eq!(imp.issues[1].location.as_ref().unwrap().line, Some(6));
    assert_eq!(
        imp.issues[1].pointer,
        "/action_plans/0/sections/0/measures/2/schedule/period/start"
    );
    let ids: Vec<&str> = imp.document.action_plans[0].sections[0]
        .measures
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(ids, vec!["m1", "m3"]);
    let t = &imp.tables[1];
    assert_eq!((t.rows, t.loaded, t.rejected.len()), (4, 2, 2));
    assert_eq!(t.rejected[0].codes, vec!["csv.too-few-cells".to_string()]);
    assert_eq!(
        t.rejected_csv(),
        "plan_id;region;id;title_fi;kind;start;end\r\n\
         p1;14;m2;\"Huono;\r\nrivi\";workshop;1.3.2020\r\n\
         p1;14;m4;Päivä;kokous;32.4.2020;30.4.2020\r\n"
    );
    // The rejected rows, once fixed, read back as the same table.
    let mut out = Vec::new();
    t.write_rejected(&mut out).unwrap();
    assert!(out.starts_with(b"\xEF\xBB\xBFplan_id;"));
    let fixed = String::from_utf8(out)
        .unwrap()
        .replace("1.3.2020\r\n", "1.3.2020;2.3.2020\r\n")
        .replace("32.4", "3.4");
    let again = read(&[
        ("action_plans.csv", PLAN.as_bytes()),
        ("measures.csv", fixed.as_bytes()),
    ]);
    assert_eq!(codes(&again), Vec::<&str>::new());
    assert_eq!(again.document.action_plans[0].sections[0].measures.len(), 2);
}

// ---------------------------------------------------------------- export

#[test]
fn excel_finnish_dialect_byte_for_byte() {
    let csv = "id;start;end;budget_total;share_tolerance_percent\nlapland;1.11.2008;31.12.2011;1828204;\n";
    let src =
        "project_id;scope;funder;amount;stated_share_percent\nlapland;project;stm;1371152,5;75\n";
    let doc = read(&[
        ("projects.csv", csv.as_bytes()),
        ("funding_sources.csv", src.as_bytes()),
    ])
    .document;
    let files = tables::write_tables(&doc, &Dialect::EXCEL_FI);
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        vec!["document.csv", "projects.csv", "funding_sources.csv"]
    );
    assert_eq!(
        String::from_utf8(files[1].1.clone()).unwrap(),
        "\u{feff}id;name_fi;name_sv;name_en;start;end;participants;evaluations;budget_total;share_tolerance_percent;annual_total;contributions_fund\r\n\
         lapland;;;;1.11.2008;31.12.2011;;;1828204,00;0,01;;\r\n"
    );
    assert_eq!(
        String::from_utf8(files[2].1.clone()).unwrap(),
        "\u{feff}project_id;scope;funder;amount;stated_share_percent\r\nlapland;project;stm;1371152,50;75,00\r\n"
    );
    let std_files = tables::write_tables(&doc, &Dialect::STANDARD);
    assert_eq!(
        String::from_utf8(std_files[2].1.clone()).unwrap(),
        "project_id,scope,funder,amount,stated_share_percent\nlapland,project,stm,1371152.50,75.00\n"
    );
    for files in [files, std_files] {
        let back = tables::read_tables(
            files
                .iter()
                .map(|(n, b)| (n.to_string(), b.as_slice()))
                .collect(),
            &ReadOptions::default(),
        );
        assert_eq!(codes(&back), Vec::<&str>::new());
        assert_eq!(back.document, doc);
    }
}

#[test]
fn folder_round_trip_of_the_seed_datasets() {
    let dir = std::env::temp_dir().join(format!("oske-tables-test-{}", std::process::id()));
    let doc = oske::datasets::all();
    for dialect in [Dialect::STANDARD, Dialect::EXCEL_FI] {
        let written = tables::write_folder(&doc, &dir, &dialect).unwrap();
        assert!(written.len() >= 10, "{written:?}");
        let back = tables::read_folder(&dir, &ReadOptions::default()).unwrap();
        assert_eq!(codes(&back), Vec::<&str>::new());
        assert_eq!(back.document, doc);
        assert_eq!(back.rejected_count(), 0);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------- streaming

#[test]
fn measure_reader_streams_rows_with_row_level_validation() {
    let text = "plan_id,region,id,title_fi,kind,start,end,frequency_min,frequency_per\n\
                p1,14,m1,Verkosto,network,1.1.2020,31.12.2020,2,year\n\
                p1,14,m2,,network,1.1.2020,31.12.2019,0,year\n\
                p1,14,m3,X,network,1.1.2020,31.12.2020,2,fortnight\n";
    let r = MeasureReader::new(
        text.as_bytes(),
        Some("measures.csv"),
        &ReadOptions::default(),
    )
    .unwrap();
    let items: Vec<MeasureItem> = r.collect();
    assert_eq!(items.len(), 3);
    let MeasureItem::Loaded(first) = &items[0] else {
        panic!("{:?}", items[0])
    };
    assert_eq!(
        (first.line, first.plan_id.as_str(), first.region.as_str()),
        (2, "p1", "14")
    );
    assert!(first.issues.is_empty());
    let MeasureItem::Loaded(second) = &items[1] else {
        panic!("{:?}", items[1])
    };
    let found: Vec<(&str, Option<&str>, Option<u64>)> = second
        .issues
        .iter()
        .map(|i| {
            (
                i.code(),
                i.location.as_ref().unwrap().field.as_deref(),
                i.location.as_ref().unwrap().line,
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("text.missing", Some("title_fi"), Some(3)),
            ("period.reversed", Some("start"), Some(3)),
            ("frequency.invalid", Some("frequency_min"), Some(3)),
        ]
    );
    let MeasureItem::Rejected(row, issues) = &items[2] else {
        panic!("{:?}", items[2])
    };
    assert_eq!((row.line, issues[0].code()), (4, "csv.bad-value"));
}

#[test]
fn measure_writer_and_reader_agree() {
    let doc = oske::datasets::all();
    let mut w = tables::MeasureWriter::new(Vec::new(), &Dialect::EXCEL_FI).unwrap();
    let mut expected = Vec::new();
    for p in &doc.action_plans {
        for s in &p.sections {
            for m in &s.measures {
                w.write(&p.id, &s.region, m).unwrap();
                expected.push(m.clone());
            }
        }
    }
    assert!(!expected.is_empty());
    let bytes = w.finish().unwrap();
    let r = MeasureReader::new(bytes.as_slice(), None, &ReadOptions::default()).unwrap();
    let got: Vec<_> = r
        .map(|i| match i {
            MeasureItem::Loaded(m) => m.measure,
            MeasureItem::Rejected(r, i) => panic!("{r:?} {i:?}"),
        })
        .collect();
    assert_eq!(got, expected);
}

// ---------------------------------------------------------------- docs

#[test]
fn docs_tables_md_is_generated_from_the_code() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = root.join("docs/tables.md");
    let expected = tables::layout_markdown();
    if std::env::var_os("OSKE_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/tables.md drifted from oske::tables::layout_markdown(); run \
         `OSKE_BLESS=1 cargo test -p oske --test tables docs_tables_md` to update it"
    );
}

// ---------------------------------------------------------------- Data Package

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("oske-dp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn write_folder_describes_the_tables_as_a_data_package() {
    let dir = temp_dir("write");
    let doc = oske::datasets::Dataset::from_name("sonet_botnia_plan_2020")
        .unwrap()
        .document();
    let written = tables::write_folder(&doc, &dir, &Dialect::EXCEL_FI).unwrap();
    assert_eq!(
        written.last().unwrap(),
        &dir.join("datapackage.json"),
        "{written:?}"
    );
    let text = std::fs::read_to_string(dir.join("datapackage.json")).unwrap();
    let p: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(p["profile"], "tabular-data-package");
    let resources = p["resources"].as_array().unwrap();
    // One resource per table file written, in the layout's order.
    assert_eq!(resources.len(), written.len() - 1);
    let measures = resources.iter().find(|r| r["name"] == "measures").unwrap();
    assert_eq!(measures["path"], "measures.csv");
    assert_eq!(measures["dialect"]["delimiter"], ";");
    assert_eq!(measures["dialect"]["lineTerminator"], "\r\n");
    assert_eq!(measures["encoding"], "utf-8-sig");
    let schema = &measures["schema"];
    assert_eq!(schema["primaryKey"], serde_json::json!(["id"]));
    let field = |name: &str| {
        schema["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(field("start")["type"], "date");
    assert_eq!(field("start")["format"], "%d.%m.%Y");
    assert_eq!(field("start")["title"], "alku / början");
    assert_eq!(field("kind")["constraints"]["required"], true);
    let kinds = field("kind")["constraints"]["enum"].clone();
    assert!(
        kinds.as_array().unwrap().contains(&"network".into()),
        "{kinds}"
    );
    assert_eq!(field("frequency_min")["type"], "integer");
    let fks = schema["foreignKeys"].to_string();
    assert!(
        fks.contains(
            r#"{"fields":["plan_id"],"reference":{"fields":["id"],"resource":"action_plans"}}"#
        ),
        "{fks}"
    );
    // Money with a decimal comma in this dialect, a point in the standard one.
    let std_dir = temp_dir("write-std");
    let lapland = oske::datasets::Dataset::from_name("lapland_unit_2008")
        .unwrap()
        .document();
    tables::write_folder(&lapland, &std_dir, &Dialect::STANDARD).unwrap();
    let fi_dir = temp_dir("write-fi");
    tables::write_folder(&lapland, &fi_dir, &Dialect::EXCEL_FI).unwrap();
    let amount = |dir: &std::path::Path| {
        let p: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("datapackage.json")).unwrap())
                .unwrap();
        let r = p["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "funding_sources")
            .unwrap()
            .clone();
        let f = r["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "amount")
            .unwrap()
            .clone();
        (r["dialect"]["delimiter"].clone(), f)
    };
    let (delim, f) = amount(&std_dir);
    assert_eq!(
        (delim, &f["type"], &f["decimalChar"]),
        (",".into(), &"number".into(), &serde_json::Value::Null)
    );
    let (delim, f) = amount(&fi_dir);
    assert_eq!(
        (delim, &f["type"], &f["decimalChar"]),
        (";".into(), &"number".into(), &",".into())
    );
    for d in [dir, std_dir, fi_dir] {
        std::fs::remove_dir_all(d).unwrap();
    }
}

#[test]
fn a_folder_is_read_by_its_data_package() {
    let dir = temp_dir("read");
    let doc = oske::datasets::Dataset::from_name("adult_network_2018")
        .unwrap()
        .document();
    tables::write_folder(&doc, &dir, &Dialect::STANDARD).unwrap();
    // Rename the files: the descriptor says which is which.
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let text = std::fs::read_to_string(dir.join("datapackage.json")).unwrap();
    let mut p: serde_json::Value = serde_json::from_str(&text).unwrap();
    for (n, r) in p["resources"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        let from = dir.join(r["path"].as_str().unwrap());
        let to = format!("data/export-{n}.csv");
        std::fs::rename(from, dir.join(&to)).unwrap();
        r["path"] = to.into();
    }
    std::fs::write(dir.join("datapackage.json"), p.to_string()).unwrap();
    // A stray CSV file beside it is not part of the package: not read, not reported.
    std::fs::write(dir.join("notes.csv"), "a,b\n").unwrap();
    let back = tables::read_folder(&dir, &ReadOptions::default()).unwrap();
    assert_eq!(codes(&back), Vec::<&str>::new());
    assert_eq!(back.document, doc);

    // A resource that is not a table, and paths that are not files in the folder.
    let resources = p["resources"].as_array_mut().unwrap();
    resources.push(serde_json::json!({"name": "colours", "path": "colours.csv"}));
    resources.push(serde_json::json!({"name": "networks", "path": "../networks.csv"}));
    resources.push(serde_json::json!({"name": "meetings", "path": "missing.csv"}));
    std::fs::write(dir.join("datapackage.json"), p.to_string()).unwrap();
    let back = tables::read_folder(&dir, &ReadOptions::default()).unwrap();
    let descriptor = dir.join("datapackage.json").display().to_string();
    let got: Vec<(&str, Option<&str>, String)> = back
        .issues
        .iter()
        .map(|i| (i.code(), loc(i).0, i.message(Lang::En)))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "csv.unknown-table",
                Some(descriptor.as_str()),
                "the file \"colours.csv\" is not a table of the file format and was not read".into()
            ),
            (
                "csv.package-path",
                Some(descriptor.as_str()),
                "the resource \"networks\" of datapackage.json names the path \"../networks.csv\", which is not a file in the folder".into()
            ),
            (
                "csv.package-path",
                Some(descriptor.as_str()),
                "the resource \"meetings\" of datapackage.json names the path \"missing.csv\", which is not a file in the folder".into()
            ),
        ]
    );
    assert_eq!(
        back.issues[1].message(Lang::Fi),
        "datapackage.json-tiedoston resurssi \"networks\" viittaa polkuun \"../networks.csv\", joka ei ole kansiossa oleva tiedosto"
    );
    assert_eq!(
        back.issues[2].message(Lang::Sv),
        "resursen \"meetings\" i datapackage.json anger sökvägen \"missing.csv\", som inte är en fil i mappen"
    );

    // A descriptor that is not JSON is reported, and the folder read by file names.
    std::fs::write(dir.join("datapackage.json"), "{\"resources\": [").unwrap();
    let back = tables::read_folder(&dir, &ReadOptions::default()).unwrap();
    assert_eq!(back.issues[0].code(), "csv.unreadable");
    assert_eq!(loc(&back.issues[0]).0, Some(descriptor.as_str()));
    assert!(
        back.issues[0]
            .message(Lang::En)
            .starts_with("the file could not be read (system message: \"EOF while parsing"),
        "{}",
        back.issues[0].message(Lang::En)
    );
    assert_eq!(codes(&back), vec!["csv.unreadable", "csv.unknown-table"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------- names in code cells

/// The data steward's team sheet of issue 9: municipalities written by name, in
/// lists separated by `|`, `, ` and `; `. Read, they are codes; validated, none is
/// an unknown code (eleven `registry.unknown-code` errors before).
#[test]
fn a_team_sheet_with_municipality_names_reads_as_codes() {
    let projects = "tunniste;alku;loppu\nlappi;1.1.2020;31.12.2021\n";
    let teams = "hanke;tunniste;kotikunta;alueen_kunnat\n\
                 lappi;pohjoinen;Inari;Inari|Sodankylä|Utsjoki\n\
                 lappi;itä;kemijarvi;\"Kemijärvi, Salla; Savukoski|Pelkosenniemi\"\n\
                 lappi;länsi;Enare;Muonio|Enontekiö|Kittilä|Kolari\n";
    let imp = read(&[
        ("hankkeet.csv", projects.as_bytes()),
        ("tiimit.csv", teams.as_bytes()),
    ]);
    let p = &imp.document.projects[0];
    let base: Vec<&str> = p
        .teams
        .iter()
        .map(|t| t.base_municipality.as_str())
        .collect();
    assert_eq!(base, ["148", "320", "148"]);
    assert_eq!(p.teams[0].area_municipalities, ["148", "758", "890"]);
    assert_eq!(p.teams[1].area_municipalities, ["320", "732", "742", "583"]);
    assert_eq!(p.teams[2].area_municipalities, ["498", "047", "261", "273"]);
    // Every name is noted once, at its cell; nothing else.
    assert!(
        imp.issues.iter().all(|i| i.code() == "csv.name-resolved"),
        "{:?}",
        imp.issues
    );
    assert_eq!(imp.issues.len(), 14);
    let i = &imp.issues[1];
    assert_eq!(i.pointer, "/projects/0/teams/0/area_municipalities/0");
    assert_eq!(
        loc(i),
        (Some("tiimit.csv"), Some(2), Some(4), Some("alueen_kunnat"))
    );
    assert_eq!(
        i.message(Lang::Fi),
        "sarakkeen \"alueen_kunnat\" nimi \"Inari\" luettiin rekisterin 1.1.2020 tilanteen mukaan: kunta Inari (148)"
    );
    assert_eq!(
        imp.issues[4].message(Lang::Sv),
        "namnet \"kemijarvi\" i kolumnen \"kotikunta\" lästes enligt registrets läge den 1.1.2020 som kommunen Kemijärvi (320)"
    );
    let report = oske::validate(&imp.document, oske::Registry::embedded());
    let unknown: Vec<&str> = report
        .issues
        .iter()
        .map(|i| i.code())
        .filter(|c| c.starts_with("registry."))
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
}

/// Codes stay codes, silently; text written like a code that the registry does not
/// know is left for validation (`registry.unknown-code`), as in a JSON document.
#[test]
fn codes_in_code_cells_are_read_as_they_are() {
    let projects = "id;start;end\np;1.1.2020;31.12.2021\n";
    let teams = "project_id;id;base_municipality;area_municipalities\np;t;148;148|758|999\n";
    let imp = read(&[
        ("projects.csv", projects.as_bytes()),
        ("teams.csv", teams.as_bytes()),
    ]);
    assert!(imp.issues.is_empty(), "{:?}", imp.issues);
    assert_eq!(
        imp.document.projects[0].teams[0].area_municipalities,
        ["148", "758", "999"]
    );
    let report = oske::validate(&imp.document, oske::Registry::embedded());
    let codes: Vec<(&str, &str)> = report
        .issues
        .iter()
        .filter(|i| i.code().starts_with("registry."))
        .map(|i| (i.code(), i.pointer.as_str()))
        .collect();
    assert_eq!(
        codes,
        [(
            "registry.unknown-code",
            "/projects/0/teams/0/area_municipalities/2"
        )]
    );
}

/// The name is looked up on the map of the row's date: Lappi, a municipality until
/// 31.12.2008, is the region on a 2020 plan and ambiguous on a 2008 one; a name of
/// a merged municipality still resolves (validation then says it merged).
#[test]
fn names_resolve_on_the_date_that_applies_to_the_row() {
    let plan = |start: &str| {
        format!("id;centre;start;end;population_date;population_total\np1;sonet-botnia;{start};31.12.2021;31.12.2007;5\n")
    };
    let parts = "plan_id;area;population\np1;Lappi;5\n";
    let new = plan("1.1.2020");
    let imp = read(&[
        ("action_plans.csv", new.as_bytes()),
        ("population_parts.csv", parts.as_bytes()),
    ]);
    assert_eq!(codes(&imp), ["csv.name-resolved"]);
    assert_eq!(
        imp.document.action_plans[0]
            .population
            .as_ref()
            .unwrap()
            .parts[0]
            .area,
        "19"
    );
    let old = plan("1.1.2008");
    let imp = read(&[
        ("action_plans.csv", old.as_bytes()),
        ("population_parts.csv", parts.as_bytes()),
    ]);
    assert_eq!(codes(&imp), ["csv.ambiguous-name"]);
    assert_eq!(imp.rejected_count(), 1);
    // Ylistaro merged into Seinäjoki on 1.1.2009: its name still reads as its code.
    let projects = "id;start;end\np;1.1.2010;31.12.2011\n";
    let teams = "project_id;id;base_municipality\np;t;Ylistaro\n";
    let imp = read(&[
        ("projects.csv", projects.as_bytes()),
        ("teams.csv", teams.as_bytes()),
    ]);
    assert_eq!(codes(&imp), ["csv.name-resolved"]);
    assert_eq!(imp.document.projects[0].teams[0].base_municipality, "975");
    let report = oske::validate(&imp.document, oske::Registry::embedded());
    assert!(report
        .issues
        .iter()
        .any(|i| i.code() == "registry.municipality-merged"));
}

/// The registry of the read options resolves the names: one that knows another
/// name for a code.
#[test]
fn names_are_resolved_with_the_registry_of_the_read_options() {
    let json = r#"{"format_version": 2, "name": "test", "coverage": {"start": "2002-01-01", "end": "2030-12-31"},
        "regions": [{"code": "15", "name": {"fi": "Pohjanmaa", "sv": "Österbotten"}}],
        "municipalities": [{"code": "905", "name": {"fi": "Testikaupunki", "sv": "Teststad"}, "regions": [{"region": "15"}]}]}"#;
    let reg = std::sync::Arc::new(oske::Registry::from_json(json).unwrap());
    let projects = "id;start;end\np;1.1.2020;31.12.2021\n";
    let teams = "project_id;id;base_municipality\np;t;teststad\n";
    let files: [(&str, &[u8]); 2] = [
        ("projects.csv", projects.as_bytes()),
        ("teams.csv", teams.as_bytes()),
    ];
    let opts = ReadOptions {
        registry: Some(reg),
        ..Default::default()
    };
    let imp = read_with(&files, &opts);
    assert_eq!(codes(&imp), ["csv.name-resolved"]);
    assert_eq!(imp.document.projects[0].teams[0].base_municipality, "905");
    // The embedded registry has no such name.
    let imp = read(&files);
    assert_eq!(codes(&imp), ["csv.unknown-name"]);
}

/// The streaming measures reader takes region names as the folder reader does: on
/// the measure's own start (a lone measures table does not know its plan), else on
/// the registry's latest map; an unknown name rejects the row, with the closest
/// names. `validate_next` reports exactly the same.
#[test]
fn the_streaming_measures_reader_reads_region_names() {
    let csv = "plan_id;region;id;title_fi;kind;start;end\n\
               p1;Lappi;m1;A;workshop;1.3.2020;31.3.2020\n\
               p1;lappland;m2;B;workshop;;\n\
               p1;Lapi;m3;C;workshop;1.3.2020;31.3.2020\n\
               p1;14;m4;D;workshop;1.3.2020;31.3.2020\n\
               p1;  ;m5;E;workshop;1.3.2020;31.3.2020\n";
    let opts = ReadOptions::default();
    let items: Vec<MeasureItem> = MeasureReader::new(csv.as_bytes(), Some("measures.csv"), &opts)
        .unwrap()
        .collect();
    let mut seen = Vec::new();
    for item in &items {
        match item {
            MeasureItem::Loaded(row) => {
                let issues: Vec<_> = row.issues.iter().map(|i| (i.code(), loc(i))).collect();
                seen.push((row.line, row.region.clone(), issues));
            }
            MeasureItem::Rejected(row, issues) => {
                let issues: Vec<_> = issues.iter().map(|i| (i.code(), loc(i))).collect();
                seen.push((row.line, "rejected".to_owned(), issues));
            }
        }
    }
    let at = |line| (Some("measures.csv"), Some(line), Some(2), Some("region"));
    assert_eq!(
        seen,
        [
            (2, "19".to_owned(), vec![("csv.name-resolved", at(2))]),
            (
                3,
                "19".to_owned(),
                vec![("csv.name-resolved-latest", at(3))]
            ),
            (4, "rejected".to_owned(), vec![("csv.unknown-name", at(4))]),
            (5, "14".to_owned(), vec![]),
            (6, "rejected".to_owned(), vec![("csv.missing-value", at(6))]),
        ]
    );
    let MeasureItem::Loaded(first) = &items[0] else {
        unreachable!()
    };
    assert_eq!(
        first.issues[0].message(Lang::Fi),
        "sarakkeen \"region\" nimi \"Lappi\" luettiin rekisterin 1.3.2020 tilanteen mukaan: maakunta Lappi (19)"
    );
    let MeasureItem::Rejected(_, unknown) = &items[2] else {
        unreachable!()
    };
    assert_eq!(
        unknown[0].message(Lang::En),
        "\"Lapi\" in the column \"region\" is neither a code nor a name in the registry (region); the closest names: Lapland (19)"
    );
    // Checked only: the same statuses and issues.
    let mut r = MeasureReader::new(csv.as_bytes(), Some("measures.csv"), &opts).unwrap();
    let mut row = RowIssues::default();
    let mut checked = Vec::new();
    while let Some(status) = r.validate_next(&mut row) {
        checked.push(match status {
            RowStatus::Loaded => row.issues.iter().map(|i| i.code()).collect::<Vec<_>>(),
            RowStatus::Rejected(_, issues) => issues.iter().map(|i| i.code()).collect(),
        });
    }
    assert_eq!(
        checked,
        [
            vec!["csv.name-resolved"],
            vec!["csv.name-resolved-latest"],
            vec!["csv.unknown-name"],
            vec![],
            vec!["csv.missing-value"],
        ]
    );
}

/// Two regions of one name on the date: the streaming reader lists both, as the
/// folder reader does, and the registry of the read options is the one asked.
#[test]
fn the_streaming_measures_reader_reports_an_ambiguous_region_name() {
    let json = r#"{"format_version": 2, "name": "test", "coverage": {"start": "2002-01-01", "end": "2030-12-31"},
        "regions": [{"code": "15", "name": {"fi": "Pohjanmaa", "sv": "Österbotten"}},
                    {"code": "16", "name": {"fi": "Pohjanmaa", "sv": "Österbotten"}},
                    {"code": "17", "name": {"fi": "Testimaa", "sv": "Testland"}}]}"#;
    let reg = std::sync::Arc::new(oske::Registry::from_json(json).unwrap());
    let opts = ReadOptions {
        registry: Some(reg),
        ..Default::default()
    };
    let csv = "plan_id;region;id;title_fi;kind;start;end\n\
               p1;pohjanmaa;m1;A;workshop;1.3.2020;31.3.2020\n\
               p1;Testland;m2;B;workshop;1.3.2020;31.3.2020\n";
    let items: Vec<MeasureItem> = MeasureReader::new(csv.as_bytes(), Some("m.csv"), &opts)
        .unwrap()
        .collect();
    match &items[0] {
        MeasureItem::Rejected(row, issues) => {
            assert_eq!(row.line, 2);
            assert_eq!(issues.len(), 1);
            assert_eq!(issues[0].code(), "csv.ambiguous-name");
            assert_eq!(
                loc(&issues[0]),
                (Some("m.csv"), Some(2), Some(2), Some("region"))
            );
            assert_eq!(
                issues[0].message(Lang::En),
                "the name \"pohjanmaa\" in the column \"region\" fits several entries of the registry (region) on 1 March 2020: Pohjanmaa (15), Pohjanmaa (16); write the code instead"
            );
        }
        other => panic!("{other:?}"),
    }
    match &items[1] {
        MeasureItem::Loaded(row) => {
            assert_eq!(row.region, "17");
            let codes: Vec<&str> = row.issues.iter().map(|i| i.code()).collect();
            assert_eq!(codes, ["csv.name-resolved"]);
        }
        other => panic!("{other:?}"),
    }
}
