//! `oske validate` on CSV files and folders, and `oske convert` between JSON and CSV.

use std::path::PathBuf;
use std::process::{Command, Output};

fn oske(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oske"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
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
    assert!(text.contains(&format!("{f}: table measures, windows-1252 (detected), delimiter ';', 3 rows: 1 loaded, 2 rejected")), "{text}");
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

fn fixture(name: &str) -> String {
    format!(
        "{}/../../core/tests/fixtures/spreadsheets/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn workbooks_convert_both_ways_and_validate_with_cells() {
    let d = dir("workbook");
    let json = d.join("plan.json");
    std::fs::write(&json, oske(&["dataset", "sonet_botnia_plan_2020"]).stdout).unwrap();
    let book = d.join("plan.xlsx");
    let o = oske(&["convert", json.to_str().unwrap(), book.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(book.metadata().unwrap().len() > 1000);
    let o = oske(&["validate", book.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let b = book.to_str().unwrap();
    assert!(
        out(&o).contains(&format!(
            "{b} [measures]: table measures, 80 rows: 80 loaded, 0 rejected"
        )),
        "{}",
        out(&o)
    );
    let back = d.join("back.json");
    let o = oske(&["convert", b, back.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let a = oske::json::from_path(&json).unwrap().document;
    let c = oske::json::from_path(&back).unwrap().document;
    assert!(a == c, "the document changed in the round trip");

    // An error cell: exit 1, the issue at its sheet and cell.
    let errors = fixture("openpyxl-errors.xlsx");
    let o = oske(&["validate", &errors]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out(&o).contains(&format!(
            "xlsx.cell-error {errors} [networks] B3\n      the cell B3 holds the Excel error value \"#DIV/0!\" instead of data"
        )),
        "{}",
        out(&o)
    );
    let o = oske(&["validate", &errors, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["location"]["sheet"], "networks");
    assert_eq!(v[0]["location"]["line"], 3);
    assert_eq!(v[0]["location"]["column"], 2);

    // A workbook with no table: exit 2 and the hint.
    let o = oske(&["validate", &fixture("openpyxl-empty.xlsx")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no sheet of this workbook is a table of the layout"),
        "{err}"
    );
    assert!(err.contains("--table NAME"), "{err}");
    // Not a workbook at all: exit 2.
    let fake = d.join("fake.xlsx");
    std::fs::write(&fake, "not a zip").unwrap();
    assert_eq!(
        oske(&["validate", fake.to_str().unwrap()]).status.code(),
        Some(2)
    );
}

/// Validation issues of a folder, a lone file and a workbook name the cell their
/// value was read from, in the text report and in `--json`.
#[test]
fn validation_issues_are_at_their_cells() {
    let d = dir("cells");
    let folder = d.join("tables");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("projects.csv"),
        "id,name_fi,start,end,budget_total\r\nP1,Hanke,1.1.2020,31.12.2022,1000\r\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("organisations.csv"),
        "project_id,id,name_fi\r\nP1,o1,Org\r\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("funding_sources.csv"),
        "project_id,scope,funder,amount\r\nP1,project,o1,900\r\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("tiimit.csv"),
        "hanke,tunniste,kotikunta,alueen_kunnat\r\nP1,T1,005,005|999\r\n",
    )
    .unwrap();
    let f = folder.to_str().unwrap();
    let o = oske(&["validate", f]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let teams = folder.join("tiimit.csv").display().to_string();
    let projects = folder.join("projects.csv").display().to_string();
    for line in [
        format!(
            "  registry.unknown-code {teams}:2:4 [alueen_kunnat] /projects/0/teams/0/area_municipalities/1\n"
        ),
        format!("  sum.budget-sources {projects}:2:5 [budget_total] /projects/0/budget/total\n"),
    ] {
        assert!(out(&o).contains(&line), "{line}\n{}", out(&o));
    }
    let o = oske(&["validate", f, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let unknown = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "registry.unknown-code")
        .unwrap();
    assert_eq!(
        unknown["location"],
        serde_json::json!({"file": teams, "line": 2, "column": 4, "field": "alueen_kunnat"})
    );

    // A lone file read as the table --table names: the file as given.
    let plan = d.join("plan.csv");
    std::fs::write(
        &plan,
        "id,centre,title_fi,start,end\r\np1,nowhere,S,1.1.2020,31.12.2021\r\n",
    )
    .unwrap();
    let p = plan.to_str().unwrap();
    let o = oske(&["validate", p, "--table", "action_plans"]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let line = format!(
        "  registry.unknown-code {p} (action_plans.csv):2:2 [centre] /action_plans/0/centre\n"
    );
    assert!(out(&o).contains(&line), "{line}\n{}", out(&o));

    // The folder as a workbook: the sheet, its row and column letter.
    let book = d.join("book.xlsx");
    let b = book.to_str().unwrap();
    let o = oske(&["convert", f, b]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let o = oske(&["validate", b]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    for line in [
        format!("  registry.unknown-code {b} [teams] G2 [area_municipalities] /projects/0/teams/0/area_municipalities/1\n"),
        format!("  sum.budget-sources {b} [projects] I2 [budget_total] /projects/0/budget/total\n"),
    ] {
        assert!(out(&o).contains(&line), "{line}\n{}", out(&o));
    }
    let o = oske(&["validate", b, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let sum = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "sum.budget-sources")
        .unwrap();
    assert_eq!(
        sum["location"],
        serde_json::json!({"file": b, "sheet": "projects", "line": 2, "column": 9, "field": "budget_total"})
    );
}

/// Names in code cells (issue 9): the team sheet with municipality names validates
/// with the embedded registry; `--registry` resolves with the registry given.
#[test]
fn names_in_code_cells_are_resolved_with_the_registry_given() {
    let d = dir("names");
    std::fs::write(
        d.join("hankkeet.csv"),
        "tunniste;nimi_fi;alku;loppu\nlappi;Lapin hanke;1.1.2020;31.12.2021\n",
    )
    .unwrap();
    std::fs::write(
        d.join("tiimit.csv"),
        "hanke;tunniste;kotikunta;alueen_kunnat\nlappi;t;Inari;Inari|Sodankylä|Utsjoki\n",
    )
    .unwrap();
    let o = oske(&["validate", "--json", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["code"].as_str())
        .collect();
    assert_eq!(codes, ["csv.name-resolved"; 4], "{}", out(&o));
    // A registry where Inari is called something else: the names are unknown.
    let reg = d.join("registry.json");
    std::fs::write(
        &reg,
        r#"{"format_version": 2, "name": "test", "coverage": {"start": "2002-01-01", "end": "2030-12-31"},
            "regions": [{"code": "19", "name": {"fi": "Lappi"}}],
            "municipalities": [{"code": "148", "name": {"fi": "Anar"}, "regions": [{"region": "19"}]}]}"#,
    )
    .unwrap();
    let o = oske(&[
        "validate",
        "--json",
        "--registry",
        reg.to_str().unwrap(),
        d.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["code"].as_str())
        .collect();
    assert_eq!(codes, ["csv.unknown-name"; 4], "{}", out(&o));
    assert_eq!(
        v[0]["message"],
        "\"Inari\" in the column \"kotikunta\" is neither a code nor a name in the registry (municipality); the closest names: Anar (148)"
    );
}

/// A workbook that cannot be read is reported in the run's language, with the
/// reading library's own text quoted as a technical detail, and exits 2; a workbook
/// whose sheet gives a range ending before it starts (the fuzz finding) is refused
/// before it is read, naming the part, element and value, with no panic message.
#[test]
fn unreadable_workbooks_are_reported_in_the_runs_language() {
    let d = dir("unreadable-workbook");
    let fake = d.join("fake.xlsx");
    std::fs::write(&fake, "not a zip").unwrap();
    let fake = fake.to_str().unwrap();
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../core/fuzz/seeds/workbook/finding-reversed-dimension.xlsx"
    );
    let library = "Xlsx error: Zip error: invalid Zip archive: Could not find EOCD";
    let nbsp = '\u{a0}';
    for (lang, fake_text, seed_text, last) in [
        (
            "fi",
            format!("tiedostoa ei voitu lukea työkirjana (ohjelmakirjaston ilmoitus: \"{library}\")"),
            "työkirjan osassa \"xl/worksheets/sheet10.xml\" XML-elementin \"dimension\" määritteen \
             \"ref\" arvo \"F1:E5\" on solualue, joka päättyy ennen kuin se alkaa"
                .to_owned(),
            "kaikkia syötteitä ei voitu tarkistaa",
        ),
        (
            "sv",
            format!(
                "filen kunde inte läsas som en arbetsbok (programbibliotekets meddelande: \"{library}\")"
            ),
            "värdet \"F1:E5\" för attributet \"ref\" i XML-elementet \"dimension\" i arbetsbokens \
             del \"xl/worksheets/sheet10.xml\" är ett cellområde som slutar innan det börjar"
                .to_owned(),
            "alla indata kunde inte kontrolleras",
        ),
        (
            "en",
            format!("the file could not be read as a workbook: {library}"),
            "\"xl/worksheets/sheet10.xml\": a range that ends before it starts (the attribute \
             \"ref\" of the XML element \"dimension\": \"F1:E5\")"
                .to_owned(),
            "not every input could be checked",
        ),
    ] {
        let o = oske(&["--lang", lang, "validate", fake]);
        assert_eq!(o.status.code(), Some(2), "{lang}");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            format!("{fake}: {fake_text}\n{last}\n")
        );
        assert!(o.stdout.is_empty(), "{lang}");
        let o = oske(&["--lang", lang, "validate", seed]);
        assert_eq!(o.status.code(), Some(2), "{lang}");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            format!("{seed}: {seed_text}\n{last}\n")
        );
    }
    // A reference past the grid, in Finnish: the grid's size with no-break spaces.
    let json = d.join("plan.json");
    std::fs::write(&json, oske(&["dataset", "lapland_unit_2008"]).stdout).unwrap();
    let book = d.join("book.xlsx");
    let o = oske(&["convert", json.to_str().unwrap(), book.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bytes = std::fs::read(&book).unwrap();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        use std::io::{Read, Write};
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().to_owned();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            text = text.replacen("r=\"B2\"", "r=\"B12345678901\"", 1);
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(text.as_bytes()).unwrap();
    }
    std::fs::write(&book, zout.finish().unwrap().into_inner()).unwrap();
    let o = oske(&["--lang", "fi", "validate", book.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "{}: työkirjan osassa \"xl/worksheets/sheet1.xml\" XML-elementin \"c\" määritteen \"r\" \
             arvo \"B12345678901\" viittaa soluun, joka on laskentataulukon 1{nbsp}048{nbsp}576 \
             rivin ja 16{nbsp}384 sarakkeen ulkopuolella\nkaikkia syötteitä ei voitu tarkistaa\n",
            book.display()
        )
    );
}

/// Usage errors (clap's) and refused CSV options are said in the run's language,
/// from `--lang` on the refused command line itself or from `LANG`; exit 2.
#[test]
fn usage_and_option_errors_are_reported_in_the_runs_language() {
    let err = |o: &Output| String::from_utf8_lossy(&o.stderr).into_owned();
    let o = oske(&["--lang", "fi", "validate", "--bogus", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "tuntematon valitsin tai argumentti: --bogus (ohjelmakirjaston ilmoitus: \
         \"unexpected argument '--bogus' found\")\nohje: oske --help\n"
    );
    let o = oske(&["--lang=sv", "validate", "--bogus", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "okänt alternativ eller argument: --bogus (programbibliotekets meddelande: \
         \"unexpected argument '--bogus' found\")\nhjälp: oske --help\n"
    );
    // From the environment when the command line names no language.
    let o = Command::new(env!("CARGO_BIN_EXE_oske"))
        .args(["validate", "--bogus", "x"])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "fi_FI.UTF-8")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).starts_with("tuntematon valitsin tai argumentti: --bogus"));
    // English stays clap's own text.
    let o = oske(&["validate", "--bogus", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).starts_with("error: unexpected argument '--bogus' found"));
    // Help is not an error.
    let o = oske(&["--lang", "fi", "--help"]);
    assert_eq!(o.status.code(), Some(0));

    for (args, fi) in [
        (
            ["--encoding", "klingon"],
            "merkistöä \"klingon\" ei tunneta; sallitut merkistöt ovat \"utf-8\", \"utf-16le\", \
             \"utf-16be\", \"windows-1252\" ja \"iso-8859-1\"\n",
        ),
        (
            ["--delimiter", "ab"],
            "kenttien erottimen (argumentti \"delimiter\") on oltava yksi ASCII-merkki \
             (\",\", \";\", \"\\t\" tai \"tab\"), ei \"ab\"\n",
        ),
        (
            ["--decimal", "x"],
            "desimaalierotinta \"x\" (argumentti \"decimal\") ei tunneta; sallitut arvot ovat \
             \"auto\", \"point\" ja \"comma\"\n",
        ),
        (
            ["--dialect", "y"],
            "CSV-tiedoston muotoa \"y\" (argumentti \"dialect\") ei tunneta; sallitut muodot \
             ovat \"standard\" ja \"excel-fi\"\n",
        ),
    ] {
        let mut all = vec!["--lang", "fi", "validate"];
        all.extend(args);
        all.push("x.csv");
        let o = oske(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(err(&o), fi, "{args:?}");
    }
    let o = oske(&["--lang", "sv", "validate", "--table", "nope", "x.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).starts_with("--table: \"nope\" är ingen tabell i formatet.\n"),
        "{}",
        err(&o)
    );
}
