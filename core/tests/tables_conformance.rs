//! Table conformance vectors (tests/tables-conformance/): CSV files and workbooks
//! with the exact code, file, sheet, line, column and field of every reading issue.

use oske::tables::{self, ReadOptions};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/tables-conformance")
}

/// An issue as the vectors state it (with its pointer in vectors that validate).
fn shape(i: &oske::Issue, pointer: bool) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("code".into(), i.code().into());
    if pointer {
        m.insert("pointer".into(), i.pointer.clone().into());
    }
    let l = i.location.clone().unwrap_or_default();
    let file = l.file.as_deref().map(|f| {
        Path::new(f)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(f)
            .to_owned()
    });
    if let Some(f) = file {
        m.insert("file".into(), f.into());
    }
    if let Some(s) = l.sheet {
        m.insert("sheet".into(), s.into());
    }
    if let Some(x) = l.line {
        m.insert("line".into(), x.into());
    }
    if let Some(x) = l.column {
        m.insert("column".into(), x.into());
    }
    if let Some(x) = l.field {
        m.insert("field".into(), x.into());
    }
    Value::Object(m)
}

#[cfg(feature = "xlsx")]
fn write_book(spec: &Value, path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("d.m.yyyy");
    for sheet in spec["sheets"].as_array().unwrap() {
        let ws = wb.add_worksheet();
        ws.set_name(sheet["name"].as_str().unwrap()).unwrap();
        for (r, row) in sheet["rows"].as_array().unwrap().iter().enumerate() {
            for (c, v) in row.as_array().unwrap().iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    Value::Null => {}
                    Value::String(s) => {
                        ws.write_string(r, c, s).unwrap();
                    }
                    Value::Number(n) => {
                        ws.write_number(r, c, n.as_f64().unwrap()).unwrap();
                    }
                    Value::Object(o) if o.contains_key("date") => {
                        let d = ExcelDateTime::parse_from_str(o["date"].as_str().unwrap()).unwrap();
                        ws.write_datetime_with_format(r, c, d, &date).unwrap();
                    }
                    Value::Object(o) if o.contains_key("error") => {
                        // An error value as Excel stores it: a formula's cached error.
                        let e = o["error"].as_str().unwrap();
                        ws.write_formula(r, c, rust_xlsxwriter::Formula::new("=1/0").set_result(e))
                            .unwrap();
                    }
                    other => panic!("unknown cell {other}"),
                }
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn every_table_vector_reports_exactly_its_issues() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut ran = 0;
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        // `"validate": true`: the reading issues, then those validating the
        // document finds, each at the cell its value was read from.
        let validating = expected["validate"] == Value::Bool(true);
        let finish = |imported: tables::Imported| {
            if validating {
                imported.validate(oske::Registry::embedded()).issues
            } else {
                imported.issues
            }
        };
        let issues = if dir.join("book.json").exists() {
            #[cfg(not(feature = "xlsx"))]
            continue;
            #[cfg(feature = "xlsx")]
            {
                let spec: Value =
                    serde_json::from_str(&std::fs::read_to_string(dir.join("book.json")).unwrap())
                        .unwrap();
                let out =
                    std::env::temp_dir().join(format!("oske-tc-{}-{name}", std::process::id()));
                std::fs::create_dir_all(&out).unwrap();
                let book = out.join("book.xlsx");
                write_book(&spec, &book);
                finish(tables::read_workbook(&book, None, &ReadOptions::default()).unwrap())
            }
        } else {
            finish(tables::read_folder(dir.join("input"), &ReadOptions::default()).unwrap())
        };
        let got: Vec<Value> = issues.iter().map(|i| shape(i, validating)).collect();
        assert_eq!(
            Value::Array(got),
            expected["issues"],
            "{name}: {}",
            expected["about"]
        );
        ran += 1;
    }
    let want = if cfg!(feature = "xlsx") { 29 } else { 19 };
    assert_eq!(ran, want, "vectors run");
}
