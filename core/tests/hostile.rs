//! Regression tests for the hostile-input findings of issue 13, one per finding,
//! named after it (`finding_02_…`). Each failed on the code before its fix.

use chrono::NaiveDate;
use oske::tables::{self, Dialect, Encoding, EncodingSource, Imported, ReadOptions};
use oske::{Document, Issue, Lang, SourceLocation};

fn read(files: &[(&str, &[u8])]) -> Imported {
    tables::read_tables(
        files.iter().map(|(n, b)| (n.to_string(), *b)).collect(),
        &ReadOptions::default(),
    )
}

fn codes(imp: &Imported) -> Vec<&'static str> {
    imp.issues.iter().map(|i| i.code()).collect()
}

fn loc(i: &Issue) -> (Option<&str>, Option<u64>, Option<u64>, Option<&str>) {
    let l = i.location.as_ref().expect("a location");
    (l.file.as_deref(), l.line, l.column, l.field.as_deref())
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Writes `doc` as tables in `dialect` and reads them back.
fn round_trip(doc: &Document, dialect: &Dialect) -> Imported {
    let files = tables::write_tables(doc, dialect);
    tables::read_tables(
        files
            .iter()
            .map(|(n, b)| (n.to_string(), b.as_slice()))
            .collect(),
        &ReadOptions::default(),
    )
}

fn doc_from(json: &str) -> Document {
    oske::json::from_str(json).unwrap().document
}

// ------------------------------------------------------------- CSV and tables

#[test]
fn finding_02_undoubled_quotes_reported() {
    let csv = "id;name_fi;name_en\n\
               n1;Verkosto;\"Skype \"for\" Business\"\n\
               n2;\"Toinen \"\"lainattu\"\" nimi\";Teams\n";
    let imp = read(&[("networks.csv", csv.as_bytes())]);
    assert_eq!(codes(&imp), vec!["csv.stray-quote"]);
    assert_eq!(
        loc(&imp.issues[0]),
        (Some("networks.csv"), Some(2), Some(3), Some("name_en"))
    );
    assert_eq!(
        imp.issues[0].message(Lang::En),
        "the quoted cell in the column \"name_en\" holds a quote that is not doubled, so it would \
         read as \"Skype for\" Business\"\"; write a quote inside quotes as two quotes (\"\")"
    );
    // The bad row is rejected verbatim, never loaded reshaped; doubled quotes load.
    let t = &imp.tables[0];
    assert_eq!((t.rows, t.loaded), (2, 1));
    assert_eq!(t.rejected[0].text, "n1;Verkosto;\"Skype \"for\" Business\"");
    assert_eq!(imp.document.networks.len(), 1);
    assert_eq!(
        imp.document.networks[0].name.fi.as_deref(),
        Some("Toinen \"lainattu\" nimi")
    );
    // An unquoted cell with quotes inside is read as written.
    let imp = read(&[("networks.csv", b"id;name_fi\nn1;Skype \"for\" Business\n")]);
    assert_eq!(codes(&imp), Vec::<&str>::new());
    assert_eq!(
        imp.document.networks[0].name.fi.as_deref(),
        Some("Skype \"for\" Business")
    );
}

#[test]
fn finding_03_utf16_unpaired_surrogate_is_invalid_text() {
    let mut units: Vec<u16> = "id\tname_fi\r\nn1\tok\r\nn2\tA".encode_utf16().collect();
    units.push(0xD800); // a high surrogate with no low one
    units.extend("B\r\nn3\tC\r\n".encode_utf16());
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    let imp = read(&[("networks.csv", &bytes)]);
    assert_eq!(codes(&imp), vec!["csv.invalid-text"]);
    assert_eq!(
        loc(&imp.issues[0]),
        (Some("networks.csv"), Some(3), Some(2), Some("name_fi"))
    );
    assert_eq!(
        imp.issues[0].message(Lang::En),
        "the column \"name_fi\" contains bytes that are not valid in the character encoding UTF-16LE: \"A\u{FFFD}B\""
    );
    let ids: Vec<&str> = imp
        .document
        .networks
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(ids, ["n1", "n3"]);
    assert_eq!(imp.tables[0].rejected[0].text, "n2\tA\u{FFFD}B");
    // A lone low surrogate, big-endian, and an odd last byte: the same.
    let mut units: Vec<u16> = "id,name_fi\nn1,x".encode_utf16().collect();
    units.push(0xDC00);
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(units.iter().flat_map(|u| u.to_be_bytes()));
    let imp = read(&[("networks.csv", &bytes)]);
    assert_eq!(codes(&imp), vec!["csv.invalid-text"]);
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "id,name_fi\nn1,x"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    bytes.push(b'y');
    let imp = read(&[("networks.csv", &bytes)]);
    assert_eq!(codes(&imp), vec!["csv.invalid-text"]);
}

#[test]
fn finding_05_excel_export_writes_only_dates_the_reader_reads() {
    let mut doc = doc_from(
        r#"{"format_version": 1, "networks": [
            {"id": "n", "name": {"fi": "Verkosto"},
             "period": {"start": "0999-02-14", "end": "2020-12-31"}}]}"#,
    );
    assert_eq!(doc.networks[0].period.unwrap().start, d(999, 2, 14));
    for dialect in [Dialect::EXCEL_FI, Dialect::STANDARD] {
        let back = round_trip(&doc, &dialect);
        assert_eq!(codes(&back), Vec::<&str>::new(), "{dialect:?}");
        assert_eq!(back.document, doc);
    }
    let files = tables::write_tables(&doc, &Dialect::EXCEL_FI);
    let networks = files.iter().find(|(n, _)| *n == "networks.csv").unwrap();
    assert!(String::from_utf8_lossy(&networks.1).contains(";14.2.0999;31.12.2020;"));
    // Years a Finnish date cannot hold are written as ISO 8601 expanded years, which
    // the reader (and the JSON loader) read back.
    for (start, end) in [
        (d(-5, 1, 1), d(10_000, 1, 31)),
        (d(0, 3, 1), d(12_345, 6, 7)),
    ] {
        doc.networks[0].period = Some(oske::Period::new(start, end));
        for dialect in [Dialect::EXCEL_FI, Dialect::STANDARD] {
            let back = round_trip(&doc, &dialect);
            assert_eq!(codes(&back), Vec::<&str>::new(), "{dialect:?}");
            assert_eq!(back.document, doc, "{dialect:?}");
        }
        let json = oske::json::to_string(&doc);
        assert_eq!(oske::json::from_str(&json).unwrap().document, doc);
    }
    assert_eq!(oske::parse_date("+10000-01-31").unwrap(), d(10_000, 1, 31));
    assert_eq!(oske::parse_date("-0005-01-01").unwrap(), d(-5, 1, 1));
    assert!(oske::parse_date("+100-01-01").is_err());
    assert!(oske::parse_date("+10000-1-01").is_err());
}

#[test]
fn finding_06_whitespace_only_consultant_survives_csv() {
    let doc = doc_from(
        r#"{"format_version": 1, "consultation_programmes": [{
            "id": "cp", "name": {"fi": "Ohjelma"},
            "consultations": [{"id": "c1", "state": "consultant_agreed", "brief": "Tausta",
                "questions": ["Miten?"], "consultant": {"organisation": "  ", "country": " ",
                "criteria": []}}]}]}"#,
    );
    let before = oske::validate(&doc, oske::Registry::embedded());
    for dialect in [Dialect::STANDARD, Dialect::EXCEL_FI] {
        let back = round_trip(&doc, &dialect);
        assert_eq!(codes(&back), Vec::<&str>::new());
        assert_eq!(back.document, doc);
        let after = oske::validate(&back.document, oske::Registry::embedded());
        assert_eq!(after.codes_and_pointers(), before.codes_and_pointers());
    }
}

#[test]
fn finding_07_duplicate_team_ids_are_a_duplicate_key() {
    let projects = "id,name_fi,start,end\np1,Hanke,1.1.2020,31.12.2021\n";
    let teams = "project_id,id,base_municipality\np1,t1,148\np1,t1,320\np1,t2,758\n";
    let listings = "project_id,team_id,source,municipalities\np1,t1,liite,148\np1,t2,liite,758\n";
    let imp = read(&[
        ("projects.csv", projects.as_bytes()),
        ("teams.csv", teams.as_bytes()),
        ("team_listings.csv", listings.as_bytes()),
    ]);
    assert_eq!(codes(&imp), vec!["csv.duplicate-key"], "{:?}", imp.issues);
    assert_eq!(
        loc(&imp.issues[0]),
        (Some("teams.csv"), Some(3), Some(2), Some("id"))
    );
    assert_eq!(
        imp.issues[0].message(Lang::En),
        "team \"t1\" is already defined on line 2"
    );
    let teams = &imp.document.projects[0].teams;
    assert_eq!(teams.len(), 2);
    assert_eq!(teams[0].base_municipality, "148");
    assert_eq!(teams[0].other_listings.len(), 1);
    assert_eq!(teams[1].id, "t2");
    assert_eq!(teams[1].other_listings[0].municipalities, ["758"]);
    // The same id in two projects is two teams.
    let projects2 = format!("{projects}p2,Toinen,1.1.2020,31.12.2021\n");
    let imp = read(&[
        ("projects.csv", projects2.as_bytes()),
        (
            "teams.csv",
            b"project_id,id,base_municipality\np1,t1,148\np2,t1,732\n",
        ),
    ]);
    assert_eq!(codes(&imp), Vec::<&str>::new());
}

#[test]
fn finding_08_one_cp1252_byte_in_utf8_is_reported_where_it_stands() {
    let mut csv = "id;name_fi\nn1;Päihdetyö\n".as_bytes().to_vec();
    csv.extend_from_slice(b"n2;Ty\xf6ryhm\xe4\n");
    csv.extend_from_slice("n3;Yhteistyö\n".as_bytes());
    let imp = read(&[("networks.csv", &csv)]);
    assert_eq!(codes(&imp), vec!["csv.invalid-text"]);
    assert_eq!(
        loc(&imp.issues[0]),
        (Some("networks.csv"), Some(3), Some(2), Some("name_fi"))
    );
    assert_eq!(
        (imp.tables[0].encoding, imp.tables[0].encoding_source),
        (Encoding::Utf8, EncodingSource::Detected)
    );
    let names: Vec<&str> = imp
        .document
        .networks
        .iter()
        .filter_map(|n| n.name.fi.as_deref())
        .collect();
    assert_eq!(names, ["Päihdetyö", "Yhteistyö"]);
    // A file that is all Windows-1252 is still read as such.
    let imp = read(&[("networks.csv", b"id;name_fi\nn1;Ty\xf6ryhm\xe4\n")]);
    assert_eq!(codes(&imp), vec!["csv.encoding"]);
    assert_eq!(
        imp.document.networks[0].name.fi.as_deref(),
        Some("Työryhmä")
    );
}

#[test]
fn finding_09_two_files_for_one_table_is_an_error() {
    let imp = read(&[
        ("networks.csv", b"id;name_fi\nn1;A\n"),
        (
            "kokoukset.csv",
            b"network_id;id;date;format\nn1;k1;1.2.2020;in-person\n",
        ),
        (
            "meetings.csv",
            b"network_id;id;date;format\nn1;k1;1.2.2020;in-person\n",
        ),
    ]);
    assert_eq!(codes(&imp), vec!["csv.duplicate-table"]);
    assert_eq!(
        imp.issues[0].message(Lang::En),
        "the file \"meetings.csv\" is a second file for the table meetings (already read from the file \"kokoukset.csv\"); it was not read"
    );
    assert_eq!(imp.document.networks[0].meetings.len(), 1);
    assert_eq!(imp.tables.len(), 2);
}

#[test]
fn finding_09_write_folder_removes_stale_alias_tables() {
    let dir = std::env::temp_dir().join(format!("oske-finding-09-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for stale in [
        "kokoukset.csv",
        "möten.csv",
        "verkostot.tsv",
        "toimenpiteet.txt",
    ] {
        std::fs::write(dir.join(stale), "x\n").unwrap();
    }
    std::fs::write(dir.join("notes.txt"), "keep me\n").unwrap();
    let doc = doc_from(
        r#"{"format_version": 1, "networks": [{"id": "n", "name": {"fi": "Verkosto"},
            "period": {"start": "2020-01-01", "end": "2020-12-31"}}]}"#,
    );
    tables::write_folder(&doc, &dir, &Dialect::STANDARD).unwrap();
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "datapackage.json",
            "document.csv",
            "networks.csv",
            "notes.txt"
        ]
    );
    let back = tables::read_folder(&dir, &ReadOptions::default()).unwrap();
    assert_eq!(codes(&back), Vec::<&str>::new());
    assert_eq!(back.document, doc);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn finding_16_csv_injection_is_neutralised_in_excel_output() {
    let hostile = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "=IMPORTXML(A1,\"//a\")",
        "-2+3",
        "\tTab",
        "\rCR",
        "'=already quoted",
        "''=twice",
        "'plain apostrophe",
        "-12,50",
        "Normal",
    ];
    let networks: Vec<String> = hostile
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                r#"{{"id": "n{i}", "name": {{"fi": {}}}, "period": {{"start": "2020-01-01", "end": "2020-12-31"}}}}"#,
                serde_json::to_string(t).unwrap()
            )
        })
        .collect();
    let doc = doc_from(&format!(
        r#"{{"format_version": 1, "networks": [{}]}}"#,
        networks.join(",")
    ));
    let files = tables::write_tables(&doc, &Dialect::EXCEL_FI);
    let (_, bytes) = files.iter().find(|(n, _)| *n == "networks.csv").unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let cells: Vec<String> = rdr
        .records()
        .map(|r| r.unwrap().get(1).unwrap().to_owned())
        .collect();
    assert_eq!(
        cells,
        [
            "'=HYPERLINK(\"http://x\",\"y\")",
            "'+cmd|' /C calc'!A0",
            "'@SUM(1+1)",
            "'=IMPORTXML(A1,\"//a\")",
            "'-2+3",
            "'\tTab",
            "'\rCR",
            "''=already quoted",
            "'''=twice",
            "'plain apostrophe",
            "-12,50",
            "Normal",
        ]
    );
    // Reversible in both dialects: the text reads back exactly.
    for dialect in [Dialect::EXCEL_FI, Dialect::STANDARD] {
        let back = round_trip(&doc, &dialect);
        assert_eq!(codes(&back), Vec::<&str>::new());
        assert_eq!(back.document, doc, "{dialect:?}");
    }
    // The standard dialect leaves formula-like text alone.
    let files = tables::write_tables(&doc, &Dialect::STANDARD);
    let (_, bytes) = files.iter().find(|(n, _)| *n == "networks.csv").unwrap();
    assert!(String::from_utf8_lossy(bytes).contains("n0,\"=HYPERLINK("));
    // Measures written one by one are guarded too.
    let mut doc = oske::datasets::all();
    doc.action_plans[0].sections[0].measures[0].title.fi = Some("=1+1".into());
    let m = &doc.action_plans[0].sections[0].measures[0];
    let mut w = tables::MeasureWriter::new(Vec::new(), &Dialect::EXCEL_FI).unwrap();
    w.write("p", "14", m).unwrap();
    let out = String::from_utf8(w.finish().unwrap()).unwrap();
    assert!(out.contains(";'=1+1;"), "{out}");
}

#[test]
fn finding_17_utf32_input_is_unreadable() {
    let mut le = vec![0xFF, 0xFE, 0, 0];
    le.extend(
        "id,name_fi\nn1,A\n"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes()),
    );
    let mut be = vec![0, 0, 0xFE, 0xFF];
    be.extend(
        "id,name_fi\nn1,A\n"
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes()),
    );
    let no_bom: Vec<u8> = "id,name_fi\nn1,A\n"
        .chars()
        .flat_map(|c| (c as u32).to_le_bytes())
        .collect();
    for bytes in [le, be, no_bom] {
        let imp = read(&[("networks.csv", &bytes)]);
        assert_eq!(codes(&imp), vec!["csv.unreadable"]);
        assert_eq!(
            imp.issues[0].message(Lang::En),
            "the file could not be read (system message: \"UTF-32 text is not supported: save the file as UTF-8\")"
        );
        assert_eq!(
            imp.issues[0].location,
            Some(SourceLocation {
                file: Some("networks.csv".into()),
                ..Default::default()
            })
        );
    }
}

#[test]
fn finding_17_utf16_without_bom_is_detected_no_nul_in_messages() {
    for big in [false, true] {
        let text = "id\tname_fi\tstart\tend\r\nn1\tVerkosto\t31.2.2020\t1.3.2020\r\n";
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| {
                if big {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect();
        let imp = read(&[("networks.csv", &bytes)]);
        let t = &imp.tables[0];
        assert_eq!(
            (t.encoding, t.encoding_source, t.delimiter),
            (
                if big {
                    Encoding::Utf16Be
                } else {
                    Encoding::Utf16Le
                },
                EncodingSource::Detected,
                b'\t'
            )
        );
        assert_eq!(codes(&imp), vec!["csv.bad-date"]);
        let m = imp.issues[0].message(Lang::En);
        assert!(!m.contains('\0'), "{m:?}");
        assert_eq!(
            m,
            "the value \"31.2.2020\" in the column \"start\" is not a date: write d.m.yyyy (14.2.2018) or yyyy-mm-dd"
        );
    }
}

// ------------------------------------------------------- model and validation

fn validate_json(json: &str) -> oske::Report {
    oske::validate(&doc_from(json), oske::Registry::embedded())
}

#[test]
fn finding_04_two_sections_for_one_region_are_caught_in_json() {
    let report = validate_json(
        r#"{"format_version": 1, "action_plans": [{"id": "p", "centre": "sonet-botnia",
            "title": {"fi": "Suunnitelma"}, "period": {"start": "2020-01-01", "end": "2021-12-31"},
            "sections": [
              {"region": "14", "measures": [{"id": "m1", "title": {"fi": "A"}, "kind": "survey"}]},
              {"region": "16", "measures": [{"id": "m2", "title": {"fi": "B"}, "kind": "survey"}]},
              {"region": "14", "measures": [{"id": "m3", "title": {"fi": "C"}, "kind": "survey"}]},
              {"region": "14", "measures": [{"id": "m4", "title": {"fi": "D"}, "kind": "survey"}]}]}]}"#,
    );
    assert_eq!(
        report.codes_and_pointers(),
        [
            (
                "plan.duplicate-section".to_string(),
                "/action_plans/0/sections/2/region".to_string()
            ),
            (
                "plan.duplicate-section".to_string(),
                "/action_plans/0/sections/3/region".to_string()
            ),
        ]
    );
    assert_eq!(
        report.issues[1].message(Lang::Fi),
        "suunnitelmassa on jo osio, jonka alue on maakunta Etelä-Pohjanmaa (14) (osio 1); suunnitelmassa on kullekin alueelle yksi osio"
    );
}

#[test]
fn finding_10_population_sum_is_exact_not_saturated() {
    let report = validate_json(&format!(
        r#"{{"format_version": 1, "action_plans": [{{"id": "p", "centre": "sonet-botnia",
            "title": {{"fi": "Suunnitelma"}}, "period": {{"start": "2020-01-01", "end": "2021-12-31"}},
            "population": {{"reference_date": "2019-12-31", "total": {max},
              "parts": [{{"area": "x1", "population": {max}}}, {{"area": "x2", "population": 5}}]}}}}]}}"#,
        max = u64::MAX
    ));
    assert_eq!(
        report.codes_and_pointers(),
        [(
            "sum.population".to_string(),
            "/action_plans/0/population/total".to_string()
        )]
    );
    assert_eq!(
        report.issues[0].message(Lang::En),
        "the total population, 18,446,744,073,709,551,615, is not the sum of its parts, 18,446,744,073,709,551,620"
    );
    // Money sums are exact as well: no "overflow" in any language.
    let max = i64::MAX;
    let report = validate_json(&format!(
        r#"{{"format_version": 1, "projects": [{{"id": "p", "name": {{"fi": "P"}},
            "period": {{"start": "2020-01-01", "end": "2020-12-31"}},
            "organisations": [{{"id": "a", "name": {{"fi": "A"}}, "roles": ["funder"]}}],
            "budget": {{"total": {max}, "sources": [
              {{"funder": "a", "amount": {max}}}, {{"funder": "a", "amount": {max}}}]}}}}]}}"#
    ));
    let sums: Vec<&Issue> = report
        .issues
        .iter()
        .filter(|i| i.code() == "sum.budget-sources")
        .collect();
    assert_eq!(sums.len(), 1, "{:?}", report.issues);
    assert_eq!(
        sums[0].message(Lang::Fi),
        "talousarvion kokonaissumma 92\u{a0}233\u{a0}720\u{a0}368\u{a0}547\u{a0}758,07\u{a0}€ ei ole sama kuin rahoituslähteiden summa 184\u{a0}467\u{a0}440\u{a0}737\u{a0}095\u{a0}516,14\u{a0}€"
    );
    for lang in [Lang::En, Lang::Fi, Lang::Sv] {
        assert!(!sums[0].message(lang).contains("overflow"));
    }
}

#[test]
fn finding_12_consultation_dates_follow_the_protocol() {
    use oske::consultation::{Consultation, ConsultationPolicy};
    let c: Consultation = serde_json::from_str(
        r#"{"id": "c1", "state": "evaluated", "brief": "Lastensuojelu",
            "questions": ["Miten?"],
            "consultant": {"organisation": "VISO", "country": "DK", "criteria": ["innovative"]},
            "brief_sent_on": "2020-10-01",
            "session": {"date": "2020-10-08", "planned_minutes": 45},
            "held": {"date": "2020-10-05", "actual_minutes": 40},
            "documentation": "Kuvattu.",
            "evaluation": {"date": "2020-10-04", "summary": {"fi": "Hyödyllinen"}}}"#,
    )
    .unwrap();
    let found: Vec<(&str, String)> = c
        .check(&ConsultationPolicy::default(), "/c")
        .iter()
        .map(|i| (i.code(), i.pointer.clone()))
        .collect();
    assert_eq!(
        found,
        [
            ("consultation.date-order", "/c/held/date".to_string()),
            ("consultation.date-order", "/c/evaluation/date".to_string()),
        ]
    );
    let c: Consultation = serde_json::from_str(
        r#"{"id": "c2", "state": "cancelled", "brief": "Vammaispalvelut",
            "questions": ["Mikä toimii?"],
            "consultant": {"organisation": "VISO", "country": "DK", "criteria": ["innovative"]},
            "brief_sent_on": "2020-10-01",
            "cancellation": {"date": "2020-09-01", "reason": "Peruttu", "from_state": "brief_sent"}}"#,
    )
    .unwrap();
    let issues = c.check(&ConsultationPolicy::default(), "/c");
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].pointer, "/c/cancellation/date");
    assert_eq!(
        issues[0].message(Lang::Fi),
        "peruutuksen päivämäärä 1.9.2020 on aikaisempi kuin kuvauksen lähetyksen päivämäärä 1.10.2020; protokollan vaiheet etenevät järjestyksessä"
    );
}

#[test]
fn finding_13_an_inconsistent_policy_is_rejected() {
    use oske::consultation::ConsultationPolicy;
    let policy = ConsultationPolicy {
        min_minutes: 60,
        max_minutes: 30,
        ..Default::default()
    };
    let issue = policy.check("/policy").expect("an issue");
    assert_eq!(
        (issue.code(), issue.pointer.as_str()),
        ("consultation.policy-inconsistent", "/policy/min_minutes")
    );
    assert_eq!(ConsultationPolicy::default().check("/policy"), None);
    let same = ConsultationPolicy {
        min_minutes: 30,
        max_minutes: 30,
        ..Default::default()
    };
    assert_eq!(same.check("/policy"), None);
}

#[test]
fn finding_11_a_document_is_an_object_and_structs_are_not_arrays() {
    for text in ["[1]", "[]", "1", "\"doc\"", "  [1, {}]"] {
        let e = oske::json::from_str(text).unwrap_err();
        assert_eq!(
            (e.kind.as_str(), e.pointer.as_deref()),
            ("data", Some("")),
            "{text}"
        );
        assert!(
            e.message
                .starts_with("a document is a JSON object with `format_version` 1, not "),
            "{text}: {}",
            e.message
        );
    }
    // Broken JSON stays a syntax error with its place.
    let e = oske::json::from_str("[1,").unwrap_err();
    assert_eq!(e.kind.as_str(), "syntax");
    let e = oske::json::from_str(r#"{"format_version": 1, "networks": [["n", {"fi": "x"}]]}"#)
        .unwrap_err();
    assert_eq!(
        (e.kind.as_str(), e.pointer.as_deref(), e.message.as_str()),
        (
            "data",
            Some("/networks/0"),
            "invalid type: sequence, expected struct Network"
        )
    );
    let e =
        oske::json::from_str(r#"{"format_version": 1, "networks": [{"id": "n", "name": ["x"]}]}"#)
            .unwrap_err();
    assert_eq!(e.pointer.as_deref(), Some("/networks/0/name"));
    // The registry and any value read with `from_str_plain` must be objects too.
    let e = oske::Registry::from_json("[]").unwrap_err();
    assert_eq!(e.message, "a registry is a JSON object ({ … })");
    let e = oske::json::from_str_strict::<oske::network::Network>(r#"{"id": "n", "name": ["x"]}"#)
        .unwrap_err();
    assert_eq!(e.pointer.as_deref(), Some("/name"));
    let n: oske::network::Network =
        oske::json::from_str_strict(r#"{"id": "n", "name": {"fi": "x"}}"#).unwrap();
    assert_eq!(n.id, "n");
}

#[test]
fn finding_17_json_and_registry_with_a_bom_are_accepted() {
    let loaded = oske::json::from_str("\u{feff}{\"format_version\": 1}").unwrap();
    assert_eq!(loaded.document, Document::new());
    let text = format!("\u{feff}{}", oske::Registry::embedded_json());
    let reg = oske::Registry::from_json(&text).unwrap();
    assert_eq!(&reg, oske::Registry::embedded());
    let dir = std::env::temp_dir().join(format!("oske-finding-17-{}.json", std::process::id()));
    std::fs::write(&dir, "\u{feff}{\"format_version\": 1, \"title\": \"T\"}").unwrap();
    let loaded = oske::json::from_path(&dir).unwrap();
    assert_eq!(loaded.document.title.as_deref(), Some("T"));
    std::fs::remove_file(&dir).unwrap();
}

#[test]
fn finding_14_issues_are_capped_and_frequency_windows_bounded() {
    // 30 networks with a monthly minimum over the years 1–9999 and no meeting: one
    // warning each for the whole empty stretch, not 120 000.
    let networks: Vec<String> = (0..30)
        .map(|i| {
            format!(
                r#"{{"id": "n{i}", "name": {{"fi": "Verkosto"}},
                   "period": {{"start": "0001-01-01", "end": "9999-12-31"}},
                   "min_frequency": {{"min_times": 1, "per": "month"}}}}"#
            )
        })
        .collect();
    let report = validate_json(&format!(
        r#"{{"format_version": 1, "networks": [{}]}}"#,
        networks.join(",")
    ));
    assert_eq!(report.issues.len(), 30);
    assert!(report
        .issues
        .iter()
        .all(|i| i.code() == "meeting.below-frequency"));
    assert_eq!(
        report.issues[0].message(Lang::En),
        "0 meetings were held in the period 1 January 1 – 31 December 9999, fewer than the declared minimum of 1 meeting per month"
    );
    // Meetings once a year over 2 000 years: two runs per meeting at most, then
    // capped at the default 1 000 per rule with a summary of the rest.
    let meetings: Vec<String> = (1000..3000)
        .map(|y| format!(r#"{{"id": "m{y}", "date": "{y}-06-15", "format": "in_person"}}"#))
        .collect();
    let doc = doc_from(&format!(
        r#"{{"format_version": 1, "networks": [{{"id": "n", "name": {{"fi": "Verkosto"}},
            "period": {{"start": "1000-01-01", "end": "2999-12-31"}},
            "min_frequency": {{"min_times": 1, "per": "month"}},
            "meetings": [{}]}}]}}"#,
        meetings.join(",")
    ));
    let all = oske::validate_with(
        &doc,
        oske::Registry::embedded(),
        oske::IssueLimits::UNLIMITED,
    );
    // Per year: January–May empty, June met, July–December empty, merged with the
    // next January–May: 2 001 runs in all.
    assert_eq!(all.issues.len(), 2_001);
    let capped = oske::validate(&doc, oske::Registry::embedded());
    assert_eq!(capped.issues.len(), 1_001);
    let last = capped.issues.last().unwrap();
    assert_eq!(last.code(), "report.truncated");
    assert_eq!(
        last.message(Lang::En),
        "1,001 more issues were found for the rule \"meeting.below-frequency\" but not listed (a report lists at most 1,000 per rule and 10,000 in all)"
    );
    // A CSV header of 200 000 unknown columns: 1 000 listed, the rest counted.
    let mut header = String::from("id;name_fi");
    for i in 0..200_000 {
        header.push_str(&format!(";x{i}"));
    }
    header.push_str("\nn1;A");
    header.push_str(&";".repeat(200_000));
    header.push('\n');
    let imp = read(&[("networks.csv", header.as_bytes())]);
    assert_eq!(imp.issues.len(), 1_001);
    assert_eq!(
        imp.issues.last().unwrap().message(Lang::En),
        "199,000 more issues were found for the rule \"csv.unknown-column\" but not listed (a report lists at most 1,000 per rule and 10,000 in all)"
    );
    assert_eq!(imp.document.networks.len(), 1);
    // 50 000 bad rows: 1 000 errors listed and an error summary, so the import still
    // fails; every row is kept to be written out.
    let mut csv = String::from("id;name_fi;start;end\n");
    for i in 0..50_000 {
        csv.push_str(&format!("n{i};A;31.2.2020;1.3.2020\n"));
    }
    let imp = read(&[("networks.csv", csv.as_bytes())]);
    assert_eq!(imp.issues.len(), 1_001);
    assert_eq!(imp.issues.last().unwrap().code(), "report.truncated-errors");
    assert!(imp.has_errors());
    assert_eq!(imp.tables[0].rejected.len(), 50_000);
    let limited = tables::read_tables_with(
        vec![("networks.csv".to_string(), csv.as_bytes())],
        &ReadOptions::default(),
        oske::IssueLimits {
            per_rule: 5,
            total: 3,
        },
    );
    assert_eq!(
        codes(&limited),
        [
            "csv.bad-date",
            "csv.bad-date",
            "csv.bad-date",
            "report.truncated-errors"
        ]
    );
}

#[test]
fn finding_14_records_are_capped_as_csv_is() {
    // Tables given in memory (a DataFrame in Python) list issues under the same caps
    // as the CSV reader: 1 500 rows with the same bad date give 1 000 errors and a
    // summary of the other 500, as the same rows read from CSV do.
    let mut records = tables::Records::new(["id", "name_fi", "start", "end"]);
    let mut csv = String::from("id;name_fi;start;end\n");
    for i in 0..1_500 {
        records.push_row([format!("n{i}").as_str(), "A", "31.2.2020", "1.3.2020"]);
        csv.push_str(&format!("n{i};A;31.2.2020;1.3.2020\n"));
    }
    let from_csv = read(&[("networks.csv", csv.as_bytes())]);
    let imp = tables::read_records(vec![("networks".to_string(), records.clone())]);
    assert_eq!(imp.issues.len(), 1_001);
    assert!(imp.issues[..1_000]
        .iter()
        .all(|i| i.code() == "csv.bad-date"));
    // The first and the last listed are rows 0 and 999, in the `start` column.
    assert_eq!(
        loc(&imp.issues[0]),
        (Some("networks"), Some(0), Some(3), Some("start"))
    );
    assert_eq!(
        loc(&imp.issues[999]),
        (Some("networks"), Some(999), Some(3), Some("start"))
    );
    let last = imp.issues.last().unwrap();
    assert_eq!(last.code(), "report.truncated-errors");
    assert_eq!(
        last.message(Lang::En),
        "500 more errors were found for the rule \"csv.bad-date\" but not listed (a report lists at most 1,000 per rule and 10,000 in all)"
    );
    assert!(imp.has_errors());
    assert_eq!(imp.tables[0].rejected.len(), 1_500);
    // The same codes and summary as the CSV path.
    assert_eq!(codes(&imp), codes(&from_csv));
    assert_eq!(last.args, from_csv.issues.last().unwrap().args);
    // The registry-taking form caps too, and the limits can be given.
    let with = tables::read_records_with(vec![("networks".to_string(), records.clone())], None);
    assert_eq!(with.issues.len(), 1_001);
    let limited = tables::read_records_limited(
        vec![("networks".to_string(), records.clone())],
        None,
        oske::IssueLimits {
            per_rule: 5,
            total: 3,
        },
    );
    assert_eq!(
        codes(&limited),
        [
            "csv.bad-date",
            "csv.bad-date",
            "csv.bad-date",
            "report.truncated-errors"
        ]
    );
    assert_eq!(limited.issues[3].args[1], ("more", "1497".to_string()));
    let all = tables::read_records_limited(
        vec![("networks".to_string(), records)],
        None,
        oske::IssueLimits::UNLIMITED,
    );
    assert_eq!(all.issues.len(), 1_500);
    // A header of 20 000 unknown columns: at most 10 000 are built, the rest only
    // counted, and 1 000 listed, as for CSV.
    let mut names = vec!["id".to_string(), "name_fi".to_string()];
    names.extend((0..20_000).map(|i| format!("x{i}")));
    let mut wide = tables::Records::new(names.iter().map(String::as_str));
    let mut row = vec!["n1".to_string(), "A".to_string()];
    row.extend((0..20_000).map(|_| String::new()));
    wide.push_row(row.iter().map(String::as_str));
    let imp = tables::read_records(vec![("networks".to_string(), wide)]);
    assert_eq!(imp.issues.len(), 1_001);
    assert_eq!(
        imp.issues.last().unwrap().message(Lang::En),
        "19,000 more issues were found for the rule \"csv.unknown-column\" but not listed (a report lists at most 1,000 per rule and 10,000 in all)"
    );
    assert_eq!(imp.document.networks.len(), 1);
}

/// A document of `n` networks and `n` measures, each measure referring to a
/// network, and `n` evaluations whose subjects are networks.
fn many_references(n: usize) -> Document {
    use oske::plan::{ActionPlan, Measure, MeasureKind, RegionalSection};
    let mut doc = doc_from(
        r#"{"format_version": 1, "action_plans": [{"id": "p", "centre": "sonet-botnia",
            "title": {"fi": "Suunnitelma"}, "period": {"start": "2020-01-01", "end": "2021-12-31"},
            "sections": [{"region": "14"}]}],
            "networks": [{"id": "n", "name": {"fi": "Verkosto"}}],
            "evaluations": [{"id": "e", "title": {"fi": "Arviointi"}, "method": "self_evaluation", "subject": "n"}]}"#,
    );
    let network = doc.networks[0].clone();
    let evaluation = doc.evaluations[0].clone();
    let plan: &mut ActionPlan = &mut doc.action_plans[0];
    let section: &mut RegionalSection = &mut plan.sections[0];
    let measure = Measure {
        id: String::new(),
        title: oske::LocalizedText::fi("Toimenpide"),
        kind: MeasureKind::Survey,
        ..serde_json::from_str::<Measure>(r#"{"id": "m", "title": {"fi": "x"}, "kind": "survey"}"#)
            .unwrap()
    };
    for i in 0..n {
        let mut m = measure.clone();
        m.id = format!("m{i}");
        m.network = Some(format!("n{i}"));
        section.measures.push(m);
    }
    doc.networks.clear();
    doc.evaluations.clear();
    for i in 0..n {
        let mut nw = network.clone();
        nw.id = format!("n{i}");
        doc.networks.push(nw);
        let mut e = evaluation.clone();
        e.id = format!("e{i}");
        e.subject = Some(format!("n{}", n - 1 - i));
        doc.evaluations.push(e);
    }
    doc
}

#[test]
fn finding_15_references_are_resolved_by_hash_not_scan() {
    // 50 000 measures and evaluations referring to 50 000 networks: a linear scan
    // per reference is 5 × 10⁹ string comparisons (the finding measured 14.4 s for
    // 160 000 references, growing quadratically); hashed, a few seconds even in a
    // debug build, document building included.
    let doc = many_references(50_000);
    let t = std::time::Instant::now();
    let report = oske::validate(&doc, oske::Registry::embedded());
    let took = t.elapsed();
    assert_eq!(report.codes_and_pointers(), Vec::<(String, String)>::new());
    assert!(took.as_secs() < 20, "validation took {took:?}");
    // A dangling reference is still found.
    let mut doc = doc;
    doc.action_plans[0].sections[0].measures[7].network = Some("nope".into());
    let report = oske::validate(&doc, oske::Registry::embedded());
    assert_eq!(
        report.codes_and_pointers(),
        [(
            "ref.dangling".to_string(),
            "/action_plans/0/sections/0/measures/7/network".to_string()
        )]
    );
}
