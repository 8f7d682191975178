//! Files written by real spreadsheet programs (made by scripts/make-fixtures.py,
//! committed, so that the tests need no LibreOffice): the project's own exports
//! opened and saved again by LibreOffice Calc in a Finnish locale, and workbooks
//! written by Python's openpyxl. Each reads back to the embedded dataset it came from.

use oske::datasets::Dataset;
use oske::tables::{self, ReadOptions};
use oske::Document;
use std::path::PathBuf;

const DATASETS: [&str; 2] = ["sonet_botnia_plan_2020", "lapland_unit_2008"];

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spreadsheets")
}

fn dataset(name: &str) -> Document {
    Dataset::from_name(name).unwrap().document()
}

#[test]
fn csv_saved_by_libreoffice_calc_in_finnish_reads_back_equal() {
    for ds in DATASETS {
        let dir = fixtures().join("libreoffice-csv").join(ds);
        let imp = tables::read_folder(&dir, &ReadOptions::default()).unwrap();
        assert!(imp.issues.is_empty(), "{ds}: {:?}", imp.issues);
        assert_eq!(imp.rejected_count(), 0, "{ds}");
        let mut expected = dataset(ds);
        if ds == "sonet_botnia_plan_2020" {
            // Calc reads the text "7.5.2020" of a schedule note as a date and writes
            // it back as 07.05.2020: a spreadsheet program's change, not oske's. Every
            // other cell of the 115 rows comes back exactly.
            let note = &mut expected.action_plans[0].sections[0].measures[26]
                .schedule
                .as_mut()
                .unwrap()
                .note;
            assert_eq!(note.as_deref(), Some("7.5.2020"));
            *note = Some("07.05.2020".into());
        }
        assert!(imp.document == expected, "{ds}: the document changed");
    }
}

#[cfg(feature = "xlsx")]
#[test]
fn workbooks_saved_by_libreoffice_and_openpyxl_read_back_equal() {
    for ds in DATASETS {
        for file in [
            format!("libreoffice-{ds}.xlsx"),
            format!("libreoffice-{ds}.ods"),
            format!("openpyxl-{ds}.xlsx"),
        ] {
            let imp = tables::read_workbook(fixtures().join(&file), None, &ReadOptions::default())
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            assert!(imp.issues.is_empty(), "{file}: {:?}", imp.issues);
            assert_eq!(imp.rejected_count(), 0, "{file}");
            assert!(!imp.tables.is_empty(), "{file}");
            assert!(imp.document == dataset(ds), "{file}: the document changed");
        }
    }
}

#[test]
fn calc_dates_saved_as_shown_have_two_digit_years_and_are_refused() {
    // Calc's default CSV export writes dates as shown (01.01.20); the century is not
    // guessed: each such date is csv.bad-date at its line and column.
    let file = fixtures().join("libreoffice-csv-as-shown/action_plans.csv");
    let bytes = std::fs::read(&file).unwrap();
    let imp = tables::read_table_bytes("action_plans.csv", &bytes, &ReadOptions::default());
    let found: Vec<(&str, Option<u64>, Option<u64>, String)> = imp
        .issues
        .iter()
        .map(|i| {
            let l = i.location.as_ref().unwrap();
            (i.code(), l.line, l.column, i.message(oske::Lang::En))
        })
        .collect();
    let bad = |col: u64, name: &str, v: &str| {
        (
            "csv.bad-date",
            Some(2),
            Some(col),
            format!(
                "the value \"{v}\" in the column \"{name}\" is not a date: write d.m.yyyy (14.2.2018) or yyyy-mm-dd"
            ),
        )
    };
    assert_eq!(
        found,
        vec![
            bad(6, "start", "01.01.20"),
            bad(7, "end", "31.12.21"),
            bad(13, "population_date", "31.12.19"),
        ]
    );
}
