//! `oske`: validate oske documents — JSON, CSV tables, Excel workbooks — and
//! convert between them. `oske --help` lists the commands; each has its own
//! `--help`. Exit status: 0 no errors, 1 errors found, 2 could not run.

mod csv_cmd;
mod i18n;
mod registry_cmd;
mod summary;

use clap::{Args, CommandFactory, Parser, Subcommand};
use oske::datasets::Dataset;
use oske::{json, validate, Document, Issue, Lang, Registry, Report, Severity};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit status:
  0  no errors were found (warnings and notes may have been)
  1  errors were found
  2  could not run: bad usage, or an input that cannot be read or matches no table

The language of messages and headings defaults from LC_ALL, LC_MESSAGES or LANG
(fi_FI → fi, sv_* → sv, anything else → en).";

#[derive(Parser)]
#[command(
    name = "oske",
    version,
    about = "Validate and convert the documents of Finland's social welfare competence centres",
    long_about = "Validate and convert the documents of Finland's social welfare competence centres \
                  (JSON documents, folders of CSV tables, Excel workbooks).\n\n\
                  With no command, validates the embedded seed datasets and prints a summary; \
                  `oske FILE...` is `oske validate FILE...`.",
    after_help = EXIT_CODES
)]
struct Cli {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Option<Command>,
    /// Files or folders to validate (the same as `oske validate FILE...`).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    csv: CsvArgs,
}

/// Options every command takes.
#[derive(Args, Clone)]
struct Common {
    /// Message language: fi, sv or en [default: from LC_ALL/LC_MESSAGES/LANG, else en].
    #[arg(long, global = true, value_parser = parse_lang, value_name = "LANG")]
    lang: Option<Lang>,
    /// Print the issues as one JSON array (see docs/schema/report.schema.json).
    #[arg(long, global = true)]
    json: bool,
    /// Check codes against this registry (JSON, the format `oske registry` prints)
    /// instead of the embedded one.
    #[arg(long, global = true, value_name = "FILE")]
    registry: Option<PathBuf>,
}

/// How CSV files and workbooks are read and written.
#[derive(Args, Clone, Default)]
pub(crate) struct CsvArgs {
    /// CSV encoding: utf-8, windows-1252, iso-8859-1, utf-16le, utf-16be [default: detect].
    #[arg(long, value_name = "ENCODING")]
    encoding: Option<String>,
    /// CSV delimiter: one character, or `tab` [default: detect].
    #[arg(long, value_name = "CHAR")]
    delimiter: Option<String>,
    /// Decimal mark of numbers written as text: auto, comma or point.
    #[arg(long, value_name = "MARK", default_value = "auto")]
    decimal: String,
    /// Read a lone file (or every sheet of a workbook) as this table, whatever its
    /// name (`oske tables-doc` lists the tables and their Finnish/Swedish names).
    #[arg(long, value_name = "NAME")]
    table: Option<String>,
    /// How `convert` writes CSV: standard (UTF-8, comma, ISO dates) or excel-fi
    /// (semicolon, BOM, CRLF, decimal comma, d.m.yyyy).
    #[arg(long, value_name = "DIALECT", default_value = "standard")]
    dialect: String,
    /// Write each table's rejected rows to DIR/<table>.rejected.csv.
    #[arg(long, value_name = "DIR")]
    rejected: Option<PathBuf>,
}

impl CsvArgs {
    /// No CSV option was given (every field at its default).
    fn is_unset(&self) -> bool {
        self.encoding.is_none()
            && self.delimiter.is_none()
            && self.decimal == "auto"
            && self.table.is_none()
            && self.dialect == "standard"
            && self.rejected.is_none()
    }
}

#[derive(Subcommand)]
enum Command {
    /// Validate JSON documents, CSV files or folders of CSV tables, and workbooks
    /// (.xlsx, .xlsm, .ods).
    #[command(after_help = EXIT_CODES)]
    Validate {
        /// The inputs: a JSON document, a folder of tables, one CSV table, or a workbook.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// Convert a document: JSON → folder of CSV tables or workbook (.xlsx), and
    /// CSV tables or a workbook → JSON.
    #[command(after_help = EXIT_CODES)]
    Convert {
        /// The document to read (JSON, a folder or file of CSV tables, or a workbook).
        input: PathBuf,
        /// Where to write it: a .json file, a .xlsx workbook, or a folder for CSV tables.
        output: PathBuf,
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// Print the rule catalogue (docs/rules.md).
    Rules,
    /// List the embedded seed datasets.
    Datasets,
    /// Print an embedded dataset as JSON.
    Dataset {
        /// The dataset's name (`oske datasets` lists them).
        name: String,
    },
    /// Look up municipalities, regions, wellbeing services counties, cooperation areas
    /// and centres on a date (`oske registry municipality Kemijarvi --date 1.1.2020`);
    /// with no question, print the registry's JSON (the embedded one, or --registry's:
    /// a template for your own registry).
    #[command(args_conflicts_with_subcommands = true)]
    Registry {
        #[command(subcommand)]
        query: Option<registry_cmd::Query>,
        /// Write the JSON to this file instead of printing it.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print the layout of the CSV tables and workbook sheets (docs/tables.md).
    TablesDoc,
    /// Print a JSON Schema (docs/schema/): the document or registry format, or the
    /// report `--json` prints.
    Schema {
        /// document, registry or report.
        which: String,
    },
    /// Print a shell completion script: `oske completions bash > /etc/bash_completion.d/oske`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
        .map_err(|e: oske::text::UnknownLang| e.to_string())
}

/// Why a command stopped before its end.
pub(crate) enum Failure {
    /// The reader of our output went away (`oske … | head`): stop quietly.
    Pipe,
    /// Could not run; the message says why (exit 2).
    Run(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::Pipe
        } else {
            Failure::Run(e.to_string())
        }
    }
}

impl From<String> for Failure {
    fn from(e: String) -> Self {
        Failure::Run(e)
    }
}

pub(crate) type Res<T> = Result<T, Failure>;

/// What a run needs: options resolved, and where the output goes.
pub(crate) struct Ctx<'a> {
    pub lang: Lang,
    pub json: bool,
    registry: Option<std::sync::Arc<Registry>>,
    pub out: &'a mut dyn Write,
    /// Issue records gathered for `--json` (printed once, as one array).
    pub records: Vec<oske::IssueRecord>,
}

impl Ctx<'_> {
    pub fn registry(&self) -> &Registry {
        self.registry
            .as_deref()
            .unwrap_or_else(|| Registry::embedded())
    }

    /// The registry given with `--registry`, for the table reader to resolve names
    /// in code cells with (`None`: the embedded one).
    pub fn registry_arc(&self) -> Option<std::sync::Arc<Registry>> {
        self.registry.clone()
    }
}

/// The outcome of a run.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Outcome {
    Clean = 0,
    Errors = 1,
}

impl Outcome {
    pub fn of(errors: bool) -> Outcome {
        if errors {
            Outcome::Errors
        } else {
            Outcome::Clean
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e, std::env::args_os()),
    };
    let lang = cli
        .common
        .lang
        .unwrap_or_else(|| i18n::lang_from_env(|k| std::env::var(k).ok()));
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = run(cli, lang, &mut out);
    let flushed = out.flush();
    let code = match result {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(Failure::Pipe) => return ExitCode::SUCCESS,
        Err(Failure::Run(msg)) => {
            let _ = writeln!(io::stderr(), "{msg}");
            ExitCode::from(2)
        }
    };
    match flushed {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "{e}");
            ExitCode::from(2)
        }
        Ok(()) => code,
    }
}

/// A command line clap could not read. Help and version go out as clap prints them
/// (English); a usage error is said in the language the command line or the
/// environment asks for, with clap's English text kept as a quoted detail, and
/// exits 2.
fn usage_error(e: clap::Error, args: impl Iterator<Item = std::ffi::OsString>) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let lang = i18n::lang_from_args(args.map(|a| a.to_string_lossy().into_owned()))
        .unwrap_or_else(|| i18n::lang_from_env(|k| std::env::var(k).ok()));
    if lang == Lang::En {
        e.exit();
    }
    let _ = writeln!(io::stderr(), "{}", i18n::usage_error(lang, &e));
    ExitCode::from(2)
}

fn run(cli: Cli, lang: Lang, out: &mut dyn Write) -> Res<Outcome> {
    // `oske FILE… COMMAND` or `oske --encoding E COMMAND`: the files or CSV options
    // before the command would be ignored; say so rather than drop them.
    if cli.command.is_some() && (!cli.files.is_empty() || !cli.csv.is_unset()) {
        return Err(Failure::Run(
            i18n::t(
                lang,
                "give the files and the CSV options after the command: oske validate [OPTIONS] FILE...",
                "anna tiedostot ja CSV-asetukset komennon jälkeen: oske validate [ASETUKSET] TIEDOSTO...",
                "ange filerna och CSV-inställningarna efter kommandot: oske validate [ALTERNATIV] FIL...",
            )
            .to_string(),
        ));
    }
    let registry = match &cli.common.registry {
        Some(p) => Some(std::sync::Arc::new(read_registry(p)?)),
        None => None,
    };
    let mut ctx = Ctx {
        lang,
        json: cli.common.json,
        registry,
        out,
        records: Vec::new(),
    };
    match cli.command {
        None if cli.files.is_empty() => run_embedded(&mut ctx),
        None => run_files(&cli.files, &mut ctx, &cli.csv),
        Some(Command::Validate { files, csv }) => run_files(&files, &mut ctx, &csv),
        Some(Command::Convert { input, output, csv }) => {
            let csv = csv_cmd::options(&csv, lang, ctx.registry_arc())?;
            let outcome = csv_cmd::convert(&input, &output, &mut ctx, &csv);
            finish_json(&mut ctx)?;
            outcome
        }
        Some(Command::Rules) => {
            write!(ctx.out, "{}", oske::rules::catalogue_markdown())?;
            Ok(Outcome::Clean)
        }
        Some(Command::Datasets) => {
            for d in Dataset::ALL {
                writeln!(ctx.out, "{}", d.name())?;
            }
            Ok(Outcome::Clean)
        }
        Some(Command::Dataset { name }) => match Dataset::from_name(&name) {
            Some(d) => {
                writeln!(ctx.out, "{}", json::to_string(&d.document()))?;
                Ok(Outcome::Clean)
            }
            None => Err(Failure::Run(format!(
                "no embedded dataset named {name:?}; `oske datasets` lists them"
            ))),
        },
        Some(Command::Registry {
            query: Some(query), ..
        }) => {
            let own = ctx.registry.take();
            let reg = own.as_deref().unwrap_or_else(|| Registry::embedded());
            let mut w = registry_cmd::W {
                lang: ctx.lang,
                out: &mut *ctx.out,
            };
            registry_cmd::run(&query, reg, &mut w)
        }
        Some(Command::Registry {
            query: None,
            output,
        }) => {
            let text = serde_json::to_string_pretty(ctx.registry())
                .map_err(|e| Failure::Run(e.to_string()))?;
            match output {
                Some(p) => std::fs::write(&p, text + "\n")
                    .map_err(|e| Failure::Run(format!("{}: {e}", p.display())))?,
                None => writeln!(ctx.out, "{text}")?,
            }
            Ok(Outcome::Clean)
        }
        Some(Command::TablesDoc) => {
            write!(ctx.out, "{}", oske::tables::layout_markdown())?;
            Ok(Outcome::Clean)
        }
        Some(Command::Schema { which }) => {
            let file = format!("{which}.schema.json");
            match oske::schema::files().into_iter().find(|(f, _)| *f == file) {
                Some((_, schema)) => {
                    write!(ctx.out, "{}", oske::schema::to_file_text(&schema))?;
                    Ok(Outcome::Clean)
                }
                None => {
                    let names: Vec<&str> = oske::schema::files()
                        .iter()
                        .filter_map(|(f, _)| f.strip_suffix(".schema.json"))
                        .collect();
                    Err(Failure::Run(format!(
                        "no schema named {which:?}; there are: {}",
                        names.join(", ")
                    )))
                }
            }
        }
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "oske", &mut ctx.out);
            Ok(Outcome::Clean)
        }
    }
}

fn read_registry(path: &std::path::Path) -> Res<Registry> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::Run(format!("{}: {e}", path.display())))?;
    Registry::from_json(&text).map_err(|e| Failure::Run(format!("{}: {e}", path.display())))
}

fn run_embedded(ctx: &mut Ctx) -> Res<Outcome> {
    let mut doc = Document::new();
    let mut report = Report::default();
    for d in Dataset::ALL {
        let loaded = d.load();
        // Pointers are relative to each dataset; prefix them with the dataset's name.
        let mut part = Report {
            issues: loaded.warnings,
        };
        part.extend(validate(&loaded.document, ctx.registry()));
        for mut i in part.issues {
            i.pointer = format!("{}:{}", d.name(), i.pointer);
            report.issues.push(i);
        }
        doc.merge(loaded.document);
    }
    if !ctx.json {
        let heading = match ctx.lang {
            Lang::Fi => "upotettujen aineistojen tarkistus",
            Lang::Sv => "kontroll av de inbyggda datamängderna",
            _ => "validating the embedded seed datasets",
        };
        writeln!(ctx.out, "oske {} — {heading}\n", oske::VERSION)?;
    }
    print_report(&report, ctx)?;
    if ctx.json {
        finish_json(ctx)?;
    } else {
        writeln!(ctx.out)?;
        write!(ctx.out, "{}", summary::summary(&doc, ctx.lang))?;
    }
    Ok(Outcome::of(report.has_errors()))
}

/// What kind of input a path is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum InputKind {
    Json,
    Csv,
    Workbook,
}

pub(crate) fn input_kind(path: &std::path::Path) -> InputKind {
    if path.is_dir() {
        return InputKind::Csv;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "tsv" | "txt" => InputKind::Csv,
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => InputKind::Workbook,
        _ => InputKind::Json,
    }
}

fn run_files(files: &[PathBuf], ctx: &mut Ctx, csv: &CsvArgs) -> Res<Outcome> {
    let csv = csv_cmd::options(csv, ctx.lang, ctx.registry_arc())?;
    let mut outcome = Outcome::Clean;
    let mut failed = None;
    for f in files {
        let result = match input_kind(f) {
            InputKind::Json => validate_json(f, ctx),
            _ => csv_cmd::validate_path(f, ctx, &csv),
        };
        match result {
            Ok(o) => outcome = outcome.max(o),
            Err(Failure::Pipe) => return Err(Failure::Pipe),
            // Report it and go on with the other inputs; the exit status says 2.
            Err(Failure::Run(msg)) => {
                eprintln!("{msg}");
                failed = Some(
                    i18n::t(
                        ctx.lang,
                        "not every input could be checked",
                        "kaikkia syötteitä ei voitu tarkistaa",
                        "alla indata kunde inte kontrolleras",
                    )
                    .to_string(),
                );
            }
        }
    }
    finish_json(ctx)?;
    match failed {
        Some(msg) => Err(Failure::Run(msg)),
        None => Ok(outcome),
    }
}

fn validate_json(f: &std::path::Path, ctx: &mut Ctx) -> Res<Outcome> {
    let loaded = json::from_path(f).map_err(|e| Failure::Run(e.localized(ctx.lang)))?;
    let mut report = Report {
        issues: loaded.warnings,
    };
    report.extend(validate(&loaded.document, ctx.registry()));
    // In `--json` records, each issue names its file, as CSV issues do (the text
    // report names it in the heading above its issues).
    for i in report.issues.iter_mut().filter(|_| ctx.json) {
        i.location
            .get_or_insert_with(Default::default)
            .file
            .get_or_insert_with(|| f.display().to_string());
    }
    if !ctx.json {
        writeln!(ctx.out, "{}:", f.display())?;
    }
    print_report(&report, ctx)?;
    Ok(Outcome::of(report.has_errors()))
}

/// Prints `--json`'s one array of every issue gathered.
pub(crate) fn finish_json(ctx: &mut Ctx) -> Res<()> {
    if ctx.json {
        let text =
            serde_json::to_string_pretty(&ctx.records).map_err(|e| Failure::Run(e.to_string()))?;
        writeln!(ctx.out, "{text}")?;
        ctx.records.clear();
    }
    Ok(())
}

/// Where an issue is, for the text report: file (and sheet), line or cell, column.
fn place(i: &Issue) -> String {
    let Some(l) = &i.location else {
        return String::new();
    };
    let mut s = l.file.clone().unwrap_or_default();
    if let Some(sheet) = &l.sheet {
        s.push_str(&format!(" [{sheet}]"));
        match (l.line, l.column) {
            (Some(row), Some(col)) => {
                s.push_str(&format!(" {}{row}", oske::tables::column_letters(col)))
            }
            (Some(row), None) => s.push_str(&format!(" {row}")),
            _ => {}
        }
    } else if let Some(line) = l.line {
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

/// Prints a report: in text, by severity under headings with counts and a summary
/// line; with `--json`, gathers its records for the one array.
pub(crate) fn print_report(report: &Report, ctx: &mut Ctx) -> Res<()> {
    if ctx.json {
        ctx.records.extend(report.records(ctx.lang));
        return Ok(());
    }
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let issues: Vec<&Issue> = report.with_severity(severity).collect();
        writeln!(
            ctx.out,
            "{} ({})",
            i18n::heading(ctx.lang, severity),
            issues.len()
        )?;
        for i in issues {
            let place = place(i);
            let at = match (place.is_empty(), i.pointer.is_empty()) {
                (false, false) => format!("{place} {}", i.pointer),
                (false, true) => place,
                (true, _) => i.pointer.clone(),
            };
            writeln!(
                ctx.out,
                "  {} {}\n      {}",
                i.code(),
                at,
                i.message(ctx.lang)
            )?;
        }
    }
    writeln!(
        ctx.out,
        "{}",
        i18n::totals(
            ctx.lang,
            report.count(Severity::Error),
            report.count(Severity::Warning),
            report.count(Severity::Info)
        )
    )?;
    Ok(())
}
