//! Tables for the command line: `oske validate` of CSV files, folders and
//! workbooks, and `oske convert` between a JSON document, a folder of CSV tables
//! and an Excel workbook. Nothing passes silently: an input in which no table of
//! the layout is found stops the run (exit 2) with a hint.

use crate::i18n::{self, t};
use crate::{print_report, CsvArgs, Ctx, Failure, InputKind, Outcome, Res};
use oske::errors::ArgumentProblem;
use oske::tables::{
    self, Dialect, Encoding, Imported, MeasureItem, MeasureReader, ReadOptions, TableReport,
};
use oske::{json, Document, Lang, Report};
use std::path::{Path, PathBuf};

/// CSV and workbook options, checked.
pub(crate) struct CsvOptions {
    read: ReadOptions,
    dialect: Dialect,
    table: Option<&'static str>,
    rejected: Option<PathBuf>,
}

/// Checks the options given on the command line.
/// `registry` (from `--registry`) resolves names written in code cells.
pub(crate) fn options(
    a: &CsvArgs,
    lang: Lang,
    registry: Option<std::sync::Arc<oske::Registry>>,
) -> Result<CsvOptions, String> {
    let mut read = ReadOptions {
        registry,
        ..ReadOptions::default()
    };
    if let Some(e) = &a.encoding {
        read.encoding = Some(
            e.parse::<Encoding>()
                .map_err(|_| ArgumentProblem::UnknownEncoding(e.clone()).message(lang))?,
        );
    }
    if let Some(d) = &a.delimiter {
        read.delimiter = Some(match d.as_str() {
            "tab" | "\\t" | "\t" => b'\t',
            v if v.len() == 1 && v.is_ascii() => v.as_bytes()[0],
            v => return Err(ArgumentProblem::Delimiter(v.to_owned()).message(lang)),
        });
    }
    read.decimal = a.decimal.parse().map_err(|_: String| {
        ArgumentProblem::UnknownDecimalMark(a.decimal.clone()).message(lang)
    })?;
    let dialect = Dialect::from_name(&a.dialect)
        .ok_or_else(|| ArgumentProblem::UnknownDialect(a.dialect.clone()).message(lang))?;
    let table = match &a.table {
        Some(name) => match tables::table_for_file(name) {
            Some(t) => Some(t.file),
            None => {
                return Err(format!(
                    "--table: {}.\n{}",
                    ArgumentProblem::NotALayoutTable(name.clone()).message(lang),
                    table_hint(lang)
                ))
            }
        },
        None => None,
    };
    Ok(CsvOptions {
        read,
        dialect,
        table,
        rejected: a.rejected.clone(),
    })
}

/// The hint shown when no table was found: `--table`, and every table's names.
pub(crate) fn table_hint(lang: Lang) -> String {
    let mut s = t(
        lang,
        "Name the file (or the workbook's sheet) after a table, or give --table NAME.\nThe tables, with their Finnish and Swedish names:",
        "Nimeä tiedosto (tai työkirjan välilehti) taulun mukaan tai anna --table NIMI.\nTaulut suomen- ja ruotsinkielisine nimineen:",
        "Ge filen (eller arbetsbokens blad) namnet på en tabell, eller ange --table NAMN.\nTabellerna med sina finska och svenska namn:",
    )
    .to_string();
    for tb in tables::TABLES {
        s.push_str(&format!("\n  {} ({})", tb.name(), tb.aliases.join(", ")));
    }
    s
}

fn is_table_file(p: &Path) -> bool {
    p.is_file()
        && p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "csv" | "tsv" | "txt"))
        && p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| tables::table_for_file(n).is_some())
}

fn table_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_table_file(p))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn empty_file_error(path: &Path, lang: Lang) -> Failure {
    Failure::Run(format!(
        "{}: {}",
        path.display(),
        t(
            lang,
            "the file is empty (0 bytes): there is nothing to check",
            "tiedosto on tyhjä (0 tavua): tarkistettavaa ei ole",
            "filen är tom (0 byte): det finns inget att kontrollera"
        )
    ))
}

/// Refuses an input in which nothing would be checked.
fn check_not_silent(path: &Path, csv: &CsvOptions, lang: Lang) -> Res<()> {
    if path.is_dir() {
        let found = table_files(path);
        if found.is_empty() {
            let mut below: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|r| {
                    r.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.is_dir() && !table_files(p).is_empty())
                        .collect()
                })
                .unwrap_or_default();
            below.sort();
            let mut msg = format!(
                "{}: {}",
                path.display(),
                t(
                    lang,
                    "no table of the layout in this folder",
                    "kansiossa ei ole yhtään tiedostomuodon taulua",
                    "mappen innehåller ingen tabell i formatet"
                )
            );
            for b in &below {
                msg.push_str(&format!(
                    "\n{} {}: oske validate {}",
                    t(
                        lang,
                        "its tables are one folder down, in",
                        "taulut ovat kansiota alempana:",
                        "tabellerna ligger en mapp längre ned, i"
                    ),
                    b.display(),
                    b.display()
                ));
            }
            msg.push('\n');
            msg.push_str(&table_hint(lang));
            return Err(Failure::Run(msg));
        }
        if let Some(empty) = found
            .iter()
            .find(|p| std::fs::metadata(p).is_ok_and(|m| m.len() == 0))
        {
            return Err(empty_file_error(empty, lang));
        }
        return Ok(());
    }
    let meta = std::fs::metadata(path).map_err(|e| {
        Failure::Run(format!(
            "{}: {}",
            path.display(),
            match e.kind() {
                std::io::ErrorKind::NotFound => t(
                    lang,
                    "no such file or folder",
                    "tiedostoa tai kansiota ei ole",
                    "filen eller mappen finns inte"
                )
                .to_string(),
                _ => e.to_string(),
            }
        ))
    })?;
    if meta.len() == 0 {
        return Err(empty_file_error(path, lang));
    }
    if crate::input_kind(path) == InputKind::Csv && table_of(path, csv).is_none() {
        return Err(Failure::Run(format!(
            "{}: {}\n{}",
            path.display(),
            t(
                lang,
                "the file's name is not the name of a table of the file format, so nothing could be checked",
                "tiedoston nimi ei ole minkään tiedostomuodon taulun nimi, joten mitään ei voitu tarkistaa",
                "filens namn är inte namnet på någon tabell i filformatet, så ingenting kunde kontrolleras"
            ),
            table_hint(lang)
        )));
    }
    Ok(())
}

fn table_of(path: &Path, csv: &CsvOptions) -> Option<&'static str> {
    if let Some(t) = csv.table {
        return Some(t);
    }
    let name = path.file_name().and_then(|n| n.to_str())?;
    tables::table_for_file(name).map(|t| t.file)
}

fn read_csv(path: &Path, csv: &CsvOptions) -> Res<Imported> {
    let shown = path.display().to_string();
    if path.is_dir() {
        return tables::read_folder(path, &csv.read)
            .map_err(|e| Failure::Run(format!("{shown}: {e}")));
    }
    let f = std::fs::File::open(path).map_err(|e| Failure::Run(format!("{shown}: {e}")))?;
    // A lone file is read as the table its name (or --table) says.
    let (name, label) = match (csv.table, table_of(path, csv)) {
        (Some(_), Some(table)) => (table.to_string(), format!("{shown} ({table})")),
        _ => (shown.clone(), shown.clone()),
    };
    let mut imported =
        tables::read_tables(vec![(name.clone(), std::io::BufReader::new(f))], &csv.read);
    for tb in &mut imported.tables {
        tb.file = label.clone();
    }
    for i in &mut imported.issues {
        if let Some(l) = i.location.as_mut() {
            l.file = Some(label.clone());
        }
    }
    imported.source_map.rename_file(&name, &label);
    Ok(imported)
}

#[cfg(feature = "xlsx")]
fn read_book(path: &Path, csv: &CsvOptions, lang: Lang) -> Res<Imported> {
    let imported = tables::read_workbook(path, csv.table, &csv.read)
        .map_err(|e| Failure::Run(format!("{}: {}", path.display(), e.localized(lang))))?;
    if imported.tables.is_empty() {
        return Err(Failure::Run(format!(
            "{}: {}\n{}",
            path.display(),
            t(
                lang,
                "no sheet of this workbook is a table of the layout (or it has no sheet with data)",
                "työkirjan yksikään välilehti ei ole tiedostomuodon taulu (tai siinä ei ole tietoja sisältävää välilehteä)",
                "inget blad i arbetsboken är en tabell i formatet (eller så har den inget blad med data)"
            ),
            table_hint(lang)
        )));
    }
    Ok(imported)
}

#[cfg(not(feature = "xlsx"))]
fn read_book(path: &Path, _csv: &CsvOptions, _lang: Lang) -> Res<Imported> {
    Err(Failure::Run(format!(
        "{}: this oske was built without workbook support (cargo feature xlsx)",
        path.display()
    )))
}

fn read_input(path: &Path, csv: &CsvOptions, lang: Lang) -> Res<Imported> {
    check_not_silent(path, csv, lang)?;
    match crate::input_kind(path) {
        InputKind::Workbook => read_book(path, csv, lang),
        _ => read_csv(path, csv),
    }
}

fn describe(tb: &TableReport, book: bool, lang: Lang) -> String {
    let delimiter = match tb.delimiter {
        b'\t' => "tab".to_string(),
        d => format!("'{}'", char::from(d)),
    };
    let rows = i18n::count(lang, tb.rows, i18n::ROWS);
    let table = tb.table.unwrap_or("?");
    if book {
        return match lang {
            Lang::Fi => format!(
                "{}: taulu {table}, {rows}: {} luettu, {} hylätty",
                tb.file,
                tb.loaded,
                tb.rejected.len()
            ),
            Lang::Sv => format!(
                "{}: tabell {table}, {rows}: {} inlästa, {} avvisade",
                tb.file,
                tb.loaded,
                tb.rejected.len()
            ),
            _ => format!(
                "{}: table {table}, {rows}: {} loaded, {} rejected",
                tb.file,
                tb.loaded,
                tb.rejected.len()
            ),
        };
    }
    let (enc, how) = (tb.encoding, tb.encoding_source.as_str());
    match lang {
        Lang::Fi => format!(
            "{}: taulu {table}, {enc} ({how}), erotin {delimiter}, {rows}: {} luettu, {} hylätty",
            tb.file,
            tb.loaded,
            tb.rejected.len()
        ),
        Lang::Sv => format!(
            "{}: tabell {table}, {enc} ({how}), avgränsare {delimiter}, {rows}: {} inlästa, {} avvisade",
            tb.file,
            tb.loaded,
            tb.rejected.len()
        ),
        _ => format!(
            "{}: table {table}, {enc} ({how}), delimiter {delimiter}, {rows}: {} loaded, {} rejected",
            tb.file,
            tb.loaded,
            tb.rejected.len()
        ),
    }
}

/// A file of rejected rows that could not be written, in the run's language.
fn write_failed(path: &Path, e: &std::io::Error, lang: Lang) -> Failure {
    let shown = path.display().to_string();
    Failure::Run(oske::errors::write_failed(
        lang,
        Some(&shown),
        &e.to_string(),
    ))
}

fn write_rejected(tables: &[TableReport], dir: &Path, lang: Lang) -> Res<()> {
    std::fs::create_dir_all(dir).map_err(|e| Failure::Run(format!("{}: {e}", dir.display())))?;
    for tb in tables.iter().filter(|t| !t.rejected.is_empty()) {
        let path = dir.join(format!("{}.rejected.csv", tb.table.unwrap_or("table")));
        let f = std::fs::File::create(&path).map_err(|e| write_failed(&path, &e, lang))?;
        tb.write_rejected(std::io::BufWriter::new(f))
            .map_err(|e| write_failed(&path, &e, lang))?;
        eprintln!(
            "{} → {}",
            i18n::count(lang, tb.rejected.len() as u64, i18n::ROWS),
            path.display()
        );
    }
    Ok(())
}

/// Streams a lone measures table: bounded memory whatever its size.
fn validate_measures_stream(path: &Path, ctx: &mut Ctx, csv: &CsvOptions) -> Res<Outcome> {
    let shown = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| Failure::Run(format!("{shown}: {e}")))?;
    let mut reader = MeasureReader::new(std::io::BufReader::new(f), Some(&shown), &csv.read)
        .map_err(|e| Failure::Run(format!("{shown}: {e}")))?;
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
    report
        .issues
        .push(tables::unchecked_references(&shown, "measures"));
    let table = TableReport {
        file: shown,
        table: Some("measures"),
        encoding: reader.encoding(),
        encoding_source: reader.encoding_source(),
        delimiter: reader.delimiter(),
        header: reader.header().to_string(),
        rows: reader.rows_read(),
        loaded,
        rejected,
    };
    if !ctx.json {
        writeln!(ctx.out, "{}", describe(&table, false, ctx.lang))?;
    }
    print_report(&report, ctx)?;
    if let Some(dir) = &csv.rejected {
        write_rejected(std::slice::from_ref(&table), dir, ctx.lang)?;
    }
    Ok(Outcome::of(report.has_errors()))
}

/// Validates a CSV file or folder, or a workbook.
pub(crate) fn validate_path(path: &Path, ctx: &mut Ctx, csv: &CsvOptions) -> Res<Outcome> {
    check_not_silent(path, csv, ctx.lang)?;
    if path.is_file()
        && crate::input_kind(path) == InputKind::Csv
        && table_of(path, csv) == Some("measures.csv")
    {
        return validate_measures_stream(path, ctx, csv);
    }
    let imported = read_input(path, csv, ctx.lang)?;
    if !ctx.json {
        let book = crate::input_kind(path) == InputKind::Workbook;
        for tb in &imported.tables {
            writeln!(ctx.out, "{}", describe(tb, book, ctx.lang))?;
        }
    }
    // Validation issues at the cells their values were read from.
    let report = imported.validate(ctx.registry());
    print_report(&report, ctx)?;
    if let Some(dir) = &csv.rejected {
        write_rejected(&imported.tables, dir, ctx.lang)?;
    }
    Ok(Outcome::of(report.has_errors()))
}

/// Where `convert` writes: a JSON file, a workbook, or a folder of CSV tables.
fn output_kind(path: &Path) -> InputKind {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "json" => InputKind::Json,
        "xlsx" => InputKind::Workbook,
        _ => InputKind::Csv,
    }
}

/// `oske convert IN OUT`.
pub(crate) fn convert(
    input: &Path,
    output: &Path,
    ctx: &mut Ctx,
    csv: &CsvOptions,
) -> Res<Outcome> {
    let lang = ctx.lang;
    let (document, report, tables): (Document, Report, Vec<TableReport>) =
        match crate::input_kind(input) {
            InputKind::Json => {
                let loaded = json::from_path(input).map_err(|e| Failure::Run(e.localized(lang)))?;
                let report = Report {
                    issues: loaded.warnings,
                };
                (loaded.document, report, Vec::new())
            }
            _ => {
                let imported = read_input(input, csv, lang)?;
                let report = imported.report();
                (imported.document, report, imported.tables)
            }
        };
    let out_err = |e: String| Failure::Run(format!("{}: {e}", output.display()));
    let written = match output_kind(output) {
        InputKind::Json => {
            json::to_path(&document, output).map_err(|e| out_err(e.to_string()))?;
            1
        }
        InputKind::Workbook => write_book(&document, output, lang).map_err(out_err)?,
        InputKind::Csv => tables::write_folder(&document, output, &csv.dialect)
            .map_err(|e| out_err(e.to_string()))?
            .iter()
            .filter(|p| !p.ends_with(tables::DATAPACKAGE))
            .count(),
    };
    if !report.is_empty() || ctx.json {
        print_report(&report, ctx)?;
    }
    if let Some(dir) = &csv.rejected {
        write_rejected(&tables, dir, lang)?;
    }
    let rejected: usize = tables.iter().map(|t| t.rejected.len()).sum();
    let loaded: u64 = tables.iter().map(|t| t.loaded).sum();
    let what = if tables.is_empty() {
        match output_kind(output) {
            InputKind::Csv => format!(
                "{} + datapackage.json",
                i18n::count(lang, written as u64, i18n::TABLES)
            ),
            _ => t(lang, "written", "kirjoitettu", "skriven").to_string(),
        }
    } else {
        format!(
            "{}: {} {}, {} {}",
            i18n::count(lang, loaded + rejected as u64, i18n::ROWS),
            loaded,
            t(lang, "loaded", "luettu", "inlästa"),
            rejected,
            t(lang, "rejected", "hylätty", "avvisade")
        )
    };
    eprintln!("{} → {}: {what}", input.display(), output.display());
    Ok(Outcome::of(report.has_errors()))
}

#[cfg(feature = "xlsx")]
fn write_book(doc: &Document, path: &Path, lang: Lang) -> Result<usize, String> {
    tables::write_workbook_path(doc, path).map_err(|e| e.localized(lang))
}

#[cfg(not(feature = "xlsx"))]
fn write_book(_doc: &Document, _path: &Path, _lang: Lang) -> Result<usize, String> {
    Err("this oske was built without workbook support (cargo feature xlsx)".into())
}
