//! `oske validate` on CSV files and folders, and `oske convert` between JSON and CSV.

use std::path::PathBuf;
use std::process::{Command, Output};

fn oske(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oske"))
        .args(args)
        .output()
        .expect("run oske")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("oske-csv-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn convert_json_to_an_excel_finnish_folder_and_back_is_lossless() {
    let d = dir("convert");
    let json = d.join("plan.json");
    let o = oske(&["dataset", "sonet_botnia_plan_2020"]);
    std::fs::write(&json, &o.stdout).unwrap();
    let folder = d.join("tables");
    let o = oske(&[
        "convert",
        json.to_str().unwrap(),
        folder.to_str().unwrap(),
        "--dialect",
        "excel-fi",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let measures = std::fs::read(folder.join("measures.csv")).unwrap();
    assert!(measures.starts_with(b"\xEF\xBB\xBFplan_id;region;id;"));
    let back = d.join("back.json");
    let o = oske(&["convert", folder.to_str().unwrap(), back.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    // The same document (the embedded JSON leaves defaults out; the written one has them).
    let a = oske::json::from_path(&json).unwrap().document;
    let b = oske::json::from_path(&back).unwrap().document;
    assert!(a == b, "the document changed in the round trip");
    // The folder validates like the JSON document.
    let o = oske(&["validate", folder.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        out(&o).contains("measures.csv: table measures, utf-8 (byte-order mark), delimiter ';'"),
        "{}",
        out(&o)
    );
}

#[test]
fn validate_a_csv_file_reports_places_and_writes_the_rejected_rows() {
    let d = dir("validate");
    let file = d.join("toimenpiteet.csv");
    // Windows-1252, as Excel for Windows saves "CSV (semicolon)".
    std::fs::write(
        &file,
        b"plan_id;region;id;title_fi;kind;start;end\r\np1;14;m1;Ty\xf6paja \x80;workshop;1.3.2020;31.3.2020\r\np1;14;m2;Selvitys;survey;1.4.2020\r\np1;14;m3;\xc4\xe4ni;kokous;32.4.2020;30.4.2020\r\n",
    )
    .unwrap();
    let rejected = d.join("rejected");
    let o = oske(&[
        "validate",
        file.to_str().unwrap(),
        "--rejected",
        rejected.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = out(&o);
    let f = file.to_str().unwrap();
    assert!(text.contains(&format!("{f}: table measures, windows-1252 (detected), delimiter ';', 3 row(s): 1 loaded, 2 rejected")), "{text}");
    assert!(
        text.contains(&format!("csv.too-few-cells {f}:3\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "csv.bad-date {f}:4:6 [start]\n      the value \"32.4.2020\" in the column \"start\" is not a date"
        )),
        "{text}"
    );
    let rows = std::fs::read_to_string(rejected.join("measures.rejected.csv")).unwrap();
    assert_eq!(
        rows,
        "\u{feff}plan_id;region;id;title_fi;kind;start;end\r\np1;14;m2;Selvitys;survey;1.4.2020\r\np1;14;m3;Ääni;kokous;32.4.2020;30.4.2020\r\n"
    );
    // A named decimal mark and table: a lone file called anything.
    let other = d.join("export.csv");
    std::fs::write(
        &other,
        "id;start;end;budget_total\nlapland;1.11.2008;31.12.2011;1.828\n",
    )
    .unwrap();
    let o = oske(&["validate", other.to_str().unwrap(), "--table", "projects"]);
    assert!(out(&o).contains("csv.ambiguous-number"), "{}", out(&o));
    let o = oske(&[
        "validate",
        other.to_str().unwrap(),
        "--table",
        "projects",
        "--decimal",
        "comma",
        "--json",
    ]);
    assert!(!out(&o).contains("csv.ambiguous-number"), "{}", out(&o));
    let o = oske(&["validate", other.to_str().unwrap(), "--encoding", "klingon"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn tables_doc_prints_the_layout() {
    let o = oske(&["tables-doc"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(out(&o), oske::tables::layout_markdown());
}
