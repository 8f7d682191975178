//! Excel workbooks (feature `xlsx`): typed cells, sheet names in three languages,
//! every issue at its sheet, row and column, and streaming a measures sheet.
#![cfg(feature = "xlsx")]

use chrono::NaiveDate;
use oske::tables::{self, ReadOptions, RowIssues, RowStatus};
use oske::{datasets, Issue, Lang, SourceLocation};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

#[path = "../fuzz/src/workbook.rs"]
mod workbook_invariant;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn cell(sheet: &str, row: u64, column: u64, field: Option<&str>) -> SourceLocation {
    SourceLocation {
        file: Some("book.xlsx".into()),
        line: Some(row),
        column: Some(column),
        field: field.map(Into::into),
        sheet: Some(sheet.into()),
    }
}

fn codes(issues: &[Issue]) -> Vec<&str> {
    issues.iter().map(|i| i.code()).collect()
}

/// A workbook as a steward might keep it: Finnish sheet names, a table that starts
/// at B3, dates typed as dates, as serial numbers and as Finnish text, a region
/// code typed as a number, a line break inside a cell, an empty row.
fn stewards_book() -> Vec<u8> {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("d.m.yyyy");
    let ws = wb.add_worksheet();
    ws.set_name("toimintasuunnitelmat").unwrap();
    ws.write_string(0, 0, "Toimintasuunnitelmat 2020").unwrap();
    for (c, h) in ["tunniste", "osaamiskeskus", "otsikko_fi", "alku", "loppu"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, 1 + c as u16, *h).unwrap();
    }
    ws.write_string(3, 1, "p1").unwrap();
    ws.write_string(3, 2, "sonet-botnia").unwrap();
    ws.write_string(3, 3, "Suunnitelma").unwrap();
    ws.write_datetime_with_format(3, 4, ExcelDateTime::from_ymd(2020, 1, 1).unwrap(), &date)
        .unwrap();
    ws.write_number(3, 5, 44196.0).unwrap(); // 31.12.2020 as a bare serial
    let ws = wb.add_worksheet();
    ws.set_name("alueosiot").unwrap();
    ws.write_string(0, 0, "suunnitelma").unwrap();
    ws.write_string(0, 1, "maakunta").unwrap();
    ws.write_string(1, 0, "p1").unwrap();
    ws.write_number(1, 1, 1.0).unwrap(); // Uusimaa, "01", typed as a number
    ws.write_string(2, 0, "p1").unwrap();
    ws.write_string(2, 1, "14").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("toimenpiteet").unwrap();
    for (c, h) in [
        "plan_id", "region", "id", "title_fi", "kind", "start", "end",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // Row 2: valid, a line break in the title.
    ws.write_string(1, 0, "p1").unwrap();
    ws.write_number(1, 1, 14.0).unwrap();
    ws.write_string(1, 2, "m1").unwrap();
    ws.write_string(1, 3, "Työpaja\nkaksi riviä").unwrap();
    ws.write_string(1, 4, "työpaja").unwrap();
    ws.write_datetime_with_format(1, 5, ExcelDateTime::from_ymd(2020, 3, 1).unwrap(), &date)
        .unwrap();
    ws.write_string(1, 6, "31.3.2020").unwrap();
    // Row 3: a date that does not exist.
    ws.write_string(2, 0, "p1").unwrap();
    ws.write_string(2, 1, "14").unwrap();
    ws.write_string(2, 2, "m2").unwrap();
    ws.write_string(2, 4, "survey").unwrap();
    ws.write_string(2, 5, "32.4.2020").unwrap();
    // Row 4 empty; row 5: an unknown kind.
    ws.write_string(4, 0, "p1").unwrap();
    ws.write_string(4, 1, "14").unwrap();
    ws.write_string(4, 2, "m3").unwrap();
    ws.write_string(4, 4, "juhla").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("muistiinpanot").unwrap();
    ws.write_string(0, 0, "not a table").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn typed_cells_are_read_and_every_issue_names_its_cell() {
    let bytes = stewards_book();
    let imp =
        tables::read_workbook_bytes("book.xlsx", &bytes, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        codes(&imp.issues),
        vec![
            "csv.unknown-table",
            "csv.bad-date",
            "csv.missing-value",
            "csv.bad-value"
        ],
        "{:?}",
        imp.issues
    );
    let unknown = &imp.issues[0];
    assert_eq!(
        unknown.location,
        Some(SourceLocation {
            file: Some("book.xlsx".into()),
            sheet: Some("muistiinpanot".into()),
            ..Default::default()
        })
    );
    let bad_date = &imp.issues[1];
    assert_eq!(
        bad_date.location,
        Some(cell("toimenpiteet", 3, 6, Some("start")))
    );
    assert_eq!(
        bad_date.message(Lang::En),
        "the value \"32.4.2020\" in the column \"start\" is not a date: write d.m.yyyy (14.2.2018) or yyyy-mm-dd"
    );
    assert_eq!(
        imp.issues[2].location,
        Some(cell("toimenpiteet", 3, 7, Some("end")))
    );
    assert_eq!(
        imp.issues[3].location,
        Some(cell("toimenpiteet", 5, 5, Some("kind")))
    );
    // The title row above the table at B3 is not a column; the table is read from B3.
    let plan = &imp.document.action_plans[0];
    assert_eq!(plan.id, "p1");
    assert_eq!(plan.period.start, d(2020, 1, 1));
    assert_eq!(plan.period.end, d(2020, 12, 31));
    let regions: Vec<&str> = plan.sections.iter().map(|s| s.region.as_str()).collect();
    assert_eq!(regions, ["01", "14"]);
    let m = &plan.sections[1].measures;
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].title.fi.as_deref(), Some("Työpaja\nkaksi riviä"));
    let period = m[0].schedule.as_ref().unwrap().period.unwrap();
    assert_eq!((period.start, period.end), (d(2020, 3, 1), d(2020, 3, 31)));
    // Rejected rows keep their sheet row.
    let t = imp
        .tables
        .iter()
        .find(|t| t.table == Some("measures"))
        .unwrap();
    assert_eq!(t.file, "book.xlsx [toimenpiteet]");
    let lines: Vec<u64> = t.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 5]);
}

#[test]
fn the_plan_sheet_starting_at_b3_reports_its_cells_there() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("networks").unwrap();
    ws.write_string(2, 1, "id").unwrap();
    ws.write_string(2, 2, "start").unwrap();
    ws.write_string(2, 3, "end").unwrap();
    ws.write_string(3, 1, "n1").unwrap();
    ws.write_string(3, 2, "often").unwrap();
    ws.write_string(3, 3, "31.12.2020").unwrap();
    // A note left of the table, below it: not part of the table.
    ws.write_string(5, 0, "huom.").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let imp =
        tables::read_workbook_bytes("book.xlsx", &bytes, None, &ReadOptions::default()).unwrap();
    assert_eq!(codes(&imp.issues), ["csv.bad-date"]);
    assert_eq!(
        imp.issues[0].location,
        Some(cell("networks", 4, 3, Some("start")))
    );
}

#[test]
fn excel_error_cells_are_errors_at_their_cell() {
    // openpyxl writes "#DIV/0!" as an error cell (t="e"), as Excel does.
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/spreadsheets/openpyxl-errors.xlsx"
    ))
    .unwrap();
    let imp =
        tables::read_workbook_bytes("book.xlsx", &bytes, None, &ReadOptions::default()).unwrap();
    let errors: Vec<&Issue> = imp
        .issues
        .iter()
        .filter(|i| i.code() == "xlsx.cell-error")
        .collect();
    assert_eq!(errors.len(), 1, "{:?}", imp.issues);
    assert_eq!(errors[0].location, Some(cell("networks", 3, 2, None)));
    assert_eq!(
        errors[0].message(Lang::Fi),
        "solussa B3 on Excelin virhearvo \"#DIV/0!\" tiedon sijasta"
    );
}

#[test]
fn sheet_names_in_three_languages_and_a_lossless_round_trip() {
    let doc = datasets::all();
    for lang in [Lang::En, Lang::Fi, Lang::Sv] {
        let bytes = tables::write_workbook(&doc, lang).unwrap();
        let back = tables::read_workbook_bytes("book.xlsx", &bytes, None, &ReadOptions::default())
            .unwrap();
        assert!(back.issues.is_empty(), "{lang}: {:?}", back.issues);
        assert!(back.document == doc, "{lang}: the document changed");
        let names: Vec<&str> = back
            .tables
            .iter()
            .map(|t| t.file.trim_start_matches("book.xlsx ["))
            .collect();
        let expected = match lang {
            Lang::Fi => "toimenpiteet]",
            Lang::Sv => "åtgärder]",
            _ => "measures]",
        };
        assert!(names.contains(&expected), "{names:?}");
    }
    // Every sheet name fits Excel's 31 characters and names its table back.
    for t in tables::TABLES {
        for lang in [Lang::En, Lang::Fi, Lang::Sv] {
            let n = tables::sheet_name(t, lang);
            assert!(n.chars().count() <= 31, "{n}");
            assert_eq!(tables::table_for_file(n).map(|x| x.file), Some(t.file));
        }
    }
}

#[test]
fn written_cells_are_typed() {
    let doc = datasets::all();
    let bytes = tables::write_workbook(&doc, Lang::En).unwrap();
    use calamine::{Data, Reader};
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let projects = wb.worksheet_range("projects").unwrap();
    let header: Vec<String> = projects
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let lapland = projects
        .rows()
        .find(|r| r[col("id")] == Data::String("lapland-social-work-unit".into()))
        .or_else(|| projects.rows().nth(1))
        .unwrap();
    assert!(
        matches!(lapland[col("start")], Data::DateTime(_)),
        "{:?}",
        lapland[col("start")]
    );
    assert!(
        matches!(lapland[col("budget_total")], Data::Float(f) if f == 1_828_204.0),
        "{:?}",
        lapland[col("budget_total")]
    );
    // Codes stay text.
    let sections = wb.worksheet_range("sections").unwrap();
    assert_eq!(
        sections.rows().nth(1).unwrap()[1],
        Data::String("14".into())
    );
}

#[test]
fn an_empty_workbook_has_no_table() {
    let mut wb = Workbook::new();
    wb.add_worksheet();
    let bytes = wb.save_to_buffer().unwrap();
    let imp =
        tables::read_workbook_bytes("empty.xlsx", &bytes, None, &ReadOptions::default()).unwrap();
    assert!(imp.tables.is_empty());
    assert!(
        tables::read_workbook_bytes("x.xlsx", b"not a zip", None, &ReadOptions::default()).is_err()
    );
}

#[test]
fn a_measures_sheet_streams_with_each_issue_at_its_cell() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("åtgärder").unwrap();
    for (c, h) in [
        "plan_id", "region", "id", "title_fi", "kind", "start", "end",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("d.m.yyyy");
    for r in 1..=2000u32 {
        ws.write_string(r, 0, "p1").unwrap();
        ws.write_string(r, 1, "14").unwrap();
        ws.write_string(r, 2, format!("m{r}")).unwrap();
        ws.write_string(r, 3, if r == 7 { "kaksi\nriviä" } else { "T" })
            .unwrap();
        ws.write_string(r, 4, "workshop").unwrap();
        ws.write_datetime_with_format(r, 5, ExcelDateTime::from_ymd(2020, 3, 1).unwrap(), &date)
            .unwrap();
        if r == 1500 {
            ws.write_string(r, 6, "1.2.2020").unwrap(); // ends before it starts
        } else {
            ws.write_string(r, 6, "31.3.2020").unwrap();
        }
    }
    let dir = std::env::temp_dir().join(format!("oske-wb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("book.xlsx");
    wb.save(&path).unwrap();
    let shown = path.display().to_string();
    let (statuses, issues) =
        tables::with_measures_sheet(&path, None, &ReadOptions::default(), |r, at| {
            let mut statuses = [0usize; 2];
            let mut issues = Vec::new();
            let mut row = RowIssues::default();
            while let Some(s) = r.validate_next(&mut row) {
                let found = match s {
                    RowStatus::Loaded => {
                        statuses[0] += 1;
                        std::mem::take(&mut row.issues)
                    }
                    RowStatus::Rejected(_, found) => {
                        statuses[1] += 1;
                        found
                    }
                };
                for mut i in found {
                    at.locate(&mut i);
                    issues.push(i);
                }
            }
            (statuses, issues)
        })
        .unwrap();
    assert_eq!(statuses, [2000, 0], "{issues:?}");
    assert_eq!(codes(&issues), ["period.reversed"]);
    let loc = issues[0].location.as_ref().unwrap();
    assert_eq!(loc.file.as_deref(), Some(shown.as_str()));
    assert_eq!(loc.sheet.as_deref(), Some("åtgärder"));
    // Sheet row 1501 (1-based), though the CSV text had one line more (row 8's break).
    assert_eq!(loc.line, Some(1501));
}

/// The fuzz target `workbook`'s invariant (`core/fuzz/src/workbook.rs`) on its
/// committed seeds, on workbooks written from the seed datasets, and on bounded
/// byte mutations of them (fixed-seed PRNG): no panic, every row loaded or rejected,
/// a workbook read clean survives a round trip.
#[test]
fn workbooks_keep_the_fuzz_invariant() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/workbook");
    let mut inputs: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert!(inputs.len() >= 4, "{} workbook seeds", inputs.len());
    for ds in [
        datasets::Dataset::AdultNetwork2018,
        datasets::Dataset::NordicConsultation2020,
    ] {
        inputs.push(tables::write_workbook(&ds.document(), Lang::Sv).unwrap());
    }
    for (i, input) in inputs.iter().enumerate() {
        workbook_invariant::check(input).unwrap_or_else(|e| panic!("input {i}: {e}"));
    }
    // A written workbook reads clean and round-trips, so the check above compared
    // documents for it, not only rows.
    let last = inputs.last().unwrap();
    let read = tables::read_workbook_bytes("w.xlsx", last, None, &ReadOptions::default()).unwrap();
    assert!(read.issues.is_empty(), "{:?}", read.issues);
    assert_eq!(
        read.document,
        datasets::Dataset::NordicConsultation2020.document()
    );
    let mut state = 0x0B0C_5EED_u64;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut runs = 0;
    while runs < 300 && std::time::Instant::now() < deadline {
        let mut input = inputs[next() as usize % inputs.len()].clone();
        for _ in 0..1 + next() % 4 {
            let at = next() as usize % input.len();
            input[at] = next() as u8;
        }
        workbook_invariant::check(&input).unwrap_or_else(|e| panic!("run {runs}: {e}"));
        runs += 1;
    }
    assert!(runs >= 30, "only {runs} runs");
}

thread_local! {
    /// Panics on this thread, counted by [`panics_during`]'s hook.
    static PANICS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Runs `f` and counts the panics on this thread while it runs, caught or not
/// (a panic caught inside the reader still prints its message and aborts under
/// libFuzzer, so the reader must not panic at all).
fn panics_during<T>(f: impl FnOnce() -> T) -> (T, u32) {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.with(|p| p.set(p.get() + 1));
            default(info);
        }));
    });
    let before = PANICS.with(std::cell::Cell::get);
    let out = f();
    (out, PANICS.with(std::cell::Cell::get) - before)
}

/// The fuzz target's finding: sheet 10 of the seed says `<dimension ref="F1:E5"/>`,
/// a range that ends before it starts, on which calamine 0.30 subtracts with
/// overflow. The reader now refuses the package before calamine reads it, saying
/// which part, element and value, and nothing panics (before: a panic caught by the
/// reader, which still aborted the fuzz target and printed Rust's panic message).
#[test]
fn finding_reversed_dimension() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/workbook");
    let path = dir.join("finding-reversed-dimension.xlsx");
    let bytes = std::fs::read(&path).unwrap();
    let opts = ReadOptions::default();
    let (r, panics) = panics_during(|| tables::read_workbook_bytes("f.xlsx", &bytes, None, &opts));
    assert_eq!(panics, 0);
    let e = r.unwrap_err();
    assert_eq!(
        e.to_string(),
        "\"xl/worksheets/sheet10.xml\": a range that ends before it starts (the attribute \
         \"ref\" of the XML element \"dimension\": \"F1:E5\")"
    );
    assert!(matches!(
        e,
        tables::WorkbookError::Reference {
            element: "dimension",
            attribute: "ref",
            problem: tables::RefProblem::Reversed,
            ..
        }
    ));
    let (r, panics) = panics_during(|| tables::read_workbook(&path, None, &opts));
    assert_eq!(panics, 0);
    assert_eq!(r.unwrap_err().to_string(), e.to_string());
}

/// `bytes` (an `.xlsx` package) with `from` replaced by `to` in `part`.
fn patched(bytes: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut found = false;
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().to_owned();
        let mut content = Vec::new();
        f.read_to_end(&mut content).unwrap();
        if name == part {
            let text = String::from_utf8(content).unwrap();
            found = text.contains(from);
            content = text.replacen(from, to, 1).into_bytes();
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(&content).unwrap();
    }
    assert!(found, "{from:?} not in {part}");
    zout.finish().unwrap().into_inner()
}

/// The same class as the finding: a cell or row reference past Excel's grid, whose
/// digits or letters make calamine multiply with overflow, is refused before
/// calamine reads it; the same workbook with the reference in the grid reads.
#[test]
fn a_reference_outside_the_grid_is_a_located_error_without_a_panic() {
    let book =
        tables::write_workbook(&datasets::Dataset::LaplandUnit2008.document(), Lang::Fi).unwrap();
    let opts = ReadOptions::default();
    assert!(tables::read_workbook_bytes("w.xlsx", &book, None, &opts).is_ok());
    for (from, to, element) in [
        ("r=\"A2\"", "r=\"A99999999999\"", "c"),
        ("r=\"B1\"", "r=\"AAAAAAAB1\"", "c"),
        ("<row r=\"2\"", "<row r=\"12345678901\"", "row"),
        ("<dimension ref=\"A1:", "<dimension ref=\"Z9:", "dimension"),
    ] {
        let bad = patched(&book, "xl/worksheets/sheet1.xml", from, to);
        let (r, panics) =
            panics_during(|| tables::read_workbook_bytes("w.xlsx", &bad, None, &opts));
        assert_eq!(panics, 0, "{to}");
        match r {
            Err(tables::WorkbookError::Reference {
                part, element: e, ..
            }) => assert_eq!((part.as_str(), e), ("xl/worksheets/sheet1.xml", element)),
            other => panic!("{to}: {other:?}"),
        }
    }
}

/// The fuzz target's second finding (seed `finding-damaged-deflate.xlsx`): a sheet
/// whose deflate stream is damaged part-way holds, before the damage, a cell
/// reference with letters enough to overflow calamine's column arithmetic. The check
/// read the part through a 64 KiB buffer, and an inflating reader that fails drops
/// what it inflated in that call, so it saw none of the sheet, while calamine (8 KiB
/// at a time) read on to the reference. The check now reads a damaged part again a
/// byte at a time, up to the damage: the reference is refused, and nothing panics.
#[test]
fn finding_damaged_deflate() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds/workbook/finding-damaged-deflate.xlsx");
    let bytes = std::fs::read(path).unwrap();
    let opts = ReadOptions::default();
    let (r, panics) = panics_during(|| tables::read_workbook_bytes("f.xlsx", &bytes, None, &opts));
    assert_eq!(panics, 0);
    match r {
        Err(tables::WorkbookError::Reference { part, element, .. }) => {
            assert_eq!((part.as_str(), element), ("xl/worksheets/sheet8.xml", "c"));
        }
        other => panic!("{other:?}"),
    }
}
