//! CSV for the command line: `oske validate` of CSV files and folders, and
//! `oske convert` between a JSON document and a folder of CSV tables.
//!
//! ```text
//! oske validate FOLDER|FILE.csv      read CSV tables, report every problem with
//!                                    file:line:column, then validate the document
//!                                    (a lone measures table is streamed row by row)
//! oske convert IN OUT                JSON → CSV folder, or CSV folder/file → JSON
//! oske tables-doc                    print the table layout (docs/tables.md)
//! CSV options: --encoding utf-8|windows-1252|iso-8859-1|utf-16le   (default: detect)
//!              --delimiter ';'|','|tab                           (default: detect)
//!              --decimal auto|comma|point                        (default: auto)
//!              --table NAME        read a lone file as this table (default: by its name)
//!              --dialect standard|excel-fi   how `convert` writes CSV (default standard)
//!              --rejected DIR      write each table's rejected rows to DIR/<table>.rejected.csv
//! ```

use crate::Options;
use oske::tables::{
    self, Dialect, Encoding, Imported, MeasureItem, MeasureReader, ReadOptions, TableReport,
};
use oske::{json, validate, Issue, Report, Severity};
use std::path::{Path, PathBuf};

/// CSV options taken from the command line.
pub(crate) struct CsvOptions {
    read: ReadOptions,
    dialect: Dialect,
    table: Option<String>,
    rejected: Option<PathBuf>,
}

/// Removes the CSV options from `args`.
pub(crate) fn take_options(args: &mut Vec<String>) -> Result<CsvOptions, String> {
    let mut o = CsvOptions {
        read: ReadOptions::default(),
        dialect: Dialect::STANDARD,
        table: None,
        rejected: None,
    };
    let mut rest = Vec::new();
    let mut it = std::mem::take(args).into_iter();
    while let Some(a) = it.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let known = [
            "--encoding",
            "--delimiter",
            "--decimal",
            "--dialect",
            "--table",
            "--rejected",
        ];
        if !known.contains(&name.as_str()) {
            rest.push(a);
            continue;
        }
        let value = match inline {
            Some(v) => v,
            None => it.next().ok_or(format!("{name} needs a value"))?,
        };
        match name.as_str() {
            "--encoding" => {
                o.read.encoding = Some(value.parse::<Encoding>().map_err(|e| e.to_string())?)
            }
            "--delimiter" => {
                o.read.delimiter = Some(match value.as_str() {
                    "tab" | "\\t" | "\t" => b'\t',
                    v if v.len() == 1 && v.is_ascii() => v.as_bytes()[0],
                    v => return Err(format!("--delimiter {v:?}: give one character, or tab")),
                })
            }
            "--decimal" => o.read.decimal = value.parse()?,
            "--dialect" => {
                o.dialect = Dialect::from_name(&value).ok_or(format!(
                    "--dialect {value:?}: expected standard or excel-fi"
                ))?
            }
            "--table" => {
                if tables::table_for_file(&value).is_none() {
                    return Err(format!(
                        "--table {value:?} is not a table of the layout (see `oske tables-doc`)"
                    ));
                }
                o.table = Some(value)
            }
            _ => o.rejected = Some(PathBuf::from(value)),
        }
    }
    *args = rest;
    Ok(o)
}

/// True when `path` is read as CSV: a folder, or a `.csv`/`.tsv`/`.txt` file.
pub(crate) fn is_csv_input(path: &str) -> bool {
    let p = Path::new(path);
    p.is_dir()
        || p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "csv" | "tsv" | "txt"))
}

fn table_of(path: &str, csv: &CsvOptions) -> Option<&'static str> {
    let name = csv.table.clone().unwrap_or_else(|| {
        Path::new(path)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(path)
            .to_string()
    });
    tables::table_for_file(&name).map(|t| t.file)
}

fn read(path: &str, csv: &CsvOptions) -> Result<Imported, String> {
    if Path::new(path).is_dir() {
        return tables::read_folder(path, &csv.read).map_err(|e| format!("{path}: {e}"));
    }
    let f = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    // A lone file is read as the table its name (or --table) says.
    let shown = match table_of(path, csv) {
        Some(table) if csv.table.is_some() => format!("{path} ({table})"),
        _ => path.to_string(),
    };
    let name = match table_of(path, csv) {
        Some(t) if csv.table.is_some() => t.to_string(),
        _ => path.to_string(),
    };
    let mut imported = tables::read_tables(vec![(name, std::io::BufReader::new(f))], &csv.read);
    for t in &mut imported.tables {
        t.file = shown.clone();
    }
    for i in &mut imported.issues {
        if let Some(l) = i.location.as_mut() {
            l.file = Some(shown.clone());
        }
    }
    Ok(imported)
}

fn place(i: &Issue) -> String {
    let Some(l) = &i.location else {
        return String::new();
    };
    let mut s = l.file.clone().unwrap_or_default();
    if let Some(line) = l.line {
        s.push_str(&format!(":{line}"));
        if let Some(col) = l.column {
            s.push_str(&format!(":{col}"));
        }
    }
    if let Some(f) = &l.field {
        s.push_str(&format!(" [{f}]"));
    }
    s
}

fn print_issues(report: &Report, opts: &Options) {
    if opts.json {
        crate::print_report(report, opts);
        return;
    }
    for (severity, heading) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Info"),
    ] {
        let issues: Vec<&Issue> = report.with_severity(severity).collect();
        println!("{heading} ({})", issues.len());
        for i in issues {
            let place = place(i);
            let at = match (place.is_empty(), i.pointer.is_empty()) {
                (false, false) => format!("{place} {}", i.pointer),
                (false, true) => place,
                (true, _) => i.pointer.clone(),
            };
            println!("  {} {}\n      {}", i.code(), at, i.message(opts.lang));
        }
    }
    println!(
        "{} error(s), {} warning(s), {} info",
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info)
    );
}

fn describe(t: &TableReport) -> String {
    let delimiter = match t.delimiter {
        b'\t' => "tab".to_string(),
        d => format!("'{}'", char::from(d)),
    };
    format!(
        "{}: table {}, {} ({}), delimiter {delimiter}, {} row(s): {} loaded, {} rejected",
        t.file,
        t.table.unwrap_or("?"),
        t.encoding,
        t.encoding_source.as_str(),
        t.rows,
        t.loaded,
        t.rejected.len()
    )
}

fn write_rejected(tables: &[TableReport], dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for t in tables.iter().filter(|t| !t.rejected.is_empty()) {
        let path = dir.join(format!("{}.rejected.csv", t.table.unwrap_or("table")));
        let f = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        t.write_rejected(std::io::BufWriter::new(f))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!(
            "{} rejected row(s) written to {}",
            t.rejected.len(),
            path.display()
        );
    }
    Ok(())
}

/// Streams a lone measures table: bounded memory whatever its size.
fn validate_measures_stream(path: &str, opts: &Options, csv: &CsvOptions) -> Result<bool, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut reader = MeasureReader::new(std::io::BufReader::new(f), Some(path), &csv.read)
        .map_err(|e| format!("{path}: {e}"))?;
    let mut report = Report {
        issues: reader.header_issues().to_vec(),
    };
    let mut rejected = Vec::new();
    let mut loaded = 0u64;
    for item in reader.by_ref() {
        match item {
            MeasureItem::Loaded(row) => {
                loaded += 1;
                report.issues.extend(row.issues);
            }
            MeasureItem::Rejected(row, issues) => {
                report.issues.extend(issues);
                rejected.push(row);
            }
        }
    }
    let table = TableReport {
        file: path.to_string(),
        table: Some("measures"),
        encoding: reader.encoding(),
        encoding_source: reader.encoding_source(),
        delimiter: reader.delimiter(),
        header: reader.header().to_string(),
        rows: reader.rows_read(),
        loaded,
        rejected,
    };
    if !opts.json {
        println!("{}", describe(&table));
    }
    print_issues(&report, opts);
    if let Some(dir) = &csv.rejected {
        write_rejected(std::slice::from_ref(&table), dir)?;
    }
    Ok(report.has_errors())
}

/// Validates a CSV file or folder; `Ok(true)` when errors were found.
pub(crate) fn validate_path(path: &str, opts: &Options, csv: &CsvOptions) -> Result<bool, String> {
    let p = Path::new(path);
    if !p.exists() {
        return Err(format!("{path}: no such file or folder"));
    }
    if p.is_file() && table_of(path, csv) == Some("measures.csv") {
        return validate_measures_stream(path, opts, csv);
    }
    let imported = read(path, csv)?;
    if !opts.json {
        for t in &imported.tables {
            println!("{}", describe(t));
        }
    }
    let mut report = imported.report();
    report.extend(validate(&imported.document, opts.registry()));
    print_issues(&report, opts);
    if let Some(dir) = &csv.rejected {
        write_rejected(&imported.tables, dir)?;
    }
    Ok(report.has_errors())
}

/// `oske convert IN OUT`: JSON → CSV folder, or CSV (folder or file) → JSON.
pub(crate) fn convert(
    input: &str,
    output: &str,
    opts: &Options,
    csv: &CsvOptions,
) -> Result<bool, String> {
    if is_csv_input(input) {
        let imported = read(input, csv)?;
        let report = imported.report();
        json::to_path(&imported.document, output).map_err(|e| format!("{output}: {e}"))?;
        if !report.is_empty() {
            print_issues(&report, opts);
        }
        if let Some(dir) = &csv.rejected {
            write_rejected(&imported.tables, dir)?;
        }
        eprintln!(
            "{input} → {output}: {} row(s) loaded, {} rejected",
            imported.tables.iter().map(|t| t.loaded).sum::<u64>(),
            imported.rejected_count()
        );
        Ok(report.has_errors())
    } else {
        let loaded = json::from_path(input).map_err(|e| e.to_string())?;
        let written = tables::write_folder(&loaded.document, output, &csv.dialect)
            .map_err(|e| format!("{output}: {e}"))?;
        let report = Report {
            issues: loaded.warnings,
        };
        if !report.is_empty() {
            print_issues(&report, opts);
        }
        let tables = written
            .iter()
            .filter(|p| !p.ends_with(tables::DATAPACKAGE))
            .count();
        eprintln!("{input} → {output}: {tables} table(s) and datapackage.json written");
        Ok(report.has_errors())
    }
}
