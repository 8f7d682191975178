//! `oske`: validate oske documents and print a short summary.
//!
//! ```text
//! oske                       validate the embedded seed datasets, print issues and a summary
//! oske validate FILE...      validate JSON documents
//! oske rules                 print the rule catalogue (docs/rules.md)
//! oske datasets              list the embedded datasets
//! oske dataset NAME          print an embedded dataset's JSON
//! options: --lang fi|sv|en   message language (default en)
//!          --json            print the report as JSON records instead of text
//!          --registry FILE   check codes against this registry (JSON, the format of
//!                            `oske registry`) instead of the embedded one
//! oske registry              print the embedded registry's JSON, a template for your own
//! oske validate FOLDER|FILE.csv   CSV tables too (see csv_cmd.rs for the CSV options)
//! oske convert IN OUT        JSON → folder of CSV tables, or CSV → JSON
//! oske tables-doc            print the CSV table layout (docs/tables.md)
//! oske schema document|registry|report  print a JSON Schema (docs/schema/): the
//!                            document or registry format, or the report `--json` prints
//! ```
//! Exit status: 0 when no errors were found, 1 when errors were found, 2 on bad usage
//! or input that cannot be read.

mod csv_cmd;
mod summary;

use oske::datasets::Dataset;
use oske::{json, validate, Document, Issue, Lang, Registry, Report, Severity};
use std::process::ExitCode;

const USAGE: &str =
    "usage: oske [validate FILE|FOLDER...] [convert IN OUT] [rules] [tables-doc] [schema document|registry|report] [datasets] [dataset NAME] [--lang fi|sv|en] [--json]\n\
     CSV: [--encoding E] [--delimiter D] [--decimal auto|comma|point] [--table NAME] [--dialect standard|excel-fi] [--rejected DIR]";

struct Options {
    lang: Lang,
    json: bool,
    /// With `--json`, the records of every input, printed once at the end as one
    /// JSON document (an array), however many inputs were given.
    json_records: std::cell::RefCell<Vec<oske::IssueRecord>>,
    registry: Option<Registry>,
    args: Vec<String>,
}

impl Options {
    fn registry(&self) -> &Registry {
        match &self.registry {
            Some(r) => r,
            None => Registry::embedded(),
        }
    }
}

fn read_registry(path: &str) -> Result<Registry, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    Registry::from_json(&text).map_err(|e| format!("{path}: {e}"))
}

fn parse_options() -> Result<Options, String> {
    let mut lang = Lang::En;
    let mut json = false;
    let mut registry = None;
    let mut args = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lang" => {
                let v = it.next().ok_or("--lang needs a value: fi, sv or en")?;
                lang = v
                    .parse()
                    .map_err(|e: oske::text::UnknownLang| e.to_string())?;
            }
            "--json" => json = true,
            "--registry" => {
                let path = it.next().ok_or("--registry needs a file")?;
                registry = Some(read_registry(&path)?);
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ if a.starts_with("--lang=") => {
                lang = a["--lang=".len()..]
                    .parse()
                    .map_err(|e: oske::text::UnknownLang| e.to_string())?;
            }
            _ => args.push(a),
        }
    }
    Ok(Options {
        lang,
        json,
        json_records: Default::default(),
        registry,
        args,
    })
}

/// Ends quietly when stdout's reader goes away (`oske --lang fi | head -3`), as
/// Unix tools do, instead of panicking in `println!` with a stack trace: the exit
/// status is 141, a shell's status for a process ended by SIGPIPE. Every other
/// panic is reported as before.
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info.to_string();
        if text.contains("failed printing to stdout") && text.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}

/// Prints the records gathered with `--json`, as one JSON array.
fn flush_json(opts: &Options) {
    if opts.json {
        let records = opts.json_records.take();
        println!(
            "{}",
            serde_json::to_string_pretty(&records).unwrap_or_else(|e| format!("\"{e}\""))
        );
    }
}

fn main() -> ExitCode {
    quiet_on_broken_pipe();
    let mut opts = match parse_options() {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let csv = match csv_cmd::take_options(&mut opts.args) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let args: Vec<&str> = opts.args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => run_embedded(&opts),
        ["rules"] => {
            print!("{}", oske::rules::catalogue_markdown());
            ExitCode::SUCCESS
        }
        ["registry"] => {
            println!(
                "{}",
                serde_json::to_string_pretty(Registry::embedded()).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        ["datasets"] => {
            for d in Dataset::ALL {
                println!("{}", d.name());
            }
            ExitCode::SUCCESS
        }
        ["dataset", name] => match Dataset::from_name(name) {
            Some(d) => {
                println!("{}", json::to_string(&d.document()));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("no embedded dataset named {name:?}; `oske datasets` lists them");
                ExitCode::from(2)
            }
        },
        ["tables-doc"] => {
            print!("{}", oske::tables::layout_markdown());
            ExitCode::SUCCESS
        }
        ["schema", which] => {
            let file = format!("{which}.schema.json");
            match oske::schema::files().into_iter().find(|(f, _)| *f == file) {
                Some((_, schema)) => {
                    print!("{}", oske::schema::to_file_text(&schema));
                    ExitCode::SUCCESS
                }
                None => {
                    let names: Vec<&str> = oske::schema::files()
                        .iter()
                        .filter_map(|(f, _)| f.strip_suffix(".schema.json"))
                        .collect();
                    eprintln!("no schema named {which:?}; there are: {}", names.join(", "));
                    ExitCode::from(2)
                }
            }
        }
        ["convert", input, output] => match csv_cmd::convert(input, output, &opts, &csv) {
            Ok(errors) => {
                flush_json(&opts);
                ExitCode::from(u8::from(errors))
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        },
        ["validate", files @ ..] if !files.is_empty() => run_files(files, &opts, &csv),
        [file] if !matches!(*file, "validate" | "dataset" | "registry" | "convert") => {
            run_files(&[file], &opts, &csv)
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run_embedded(opts: &Options) -> ExitCode {
    let mut doc = Document::new();
    let mut report = Report::default();
    for d in Dataset::ALL {
        let loaded = d.load();
        // Pointers are relative to each dataset; prefix them with the dataset's name.
        let mut part = Report {
            issues: loaded.warnings,
        };
        part.extend(validate(&loaded.document, opts.registry()));
        for mut i in part.issues {
            i.pointer = format!("{}:{}", d.name(), i.pointer);
            report.issues.push(i);
        }
        doc.merge(loaded.document);
    }
    if !opts.json {
        println!(
            "oske {} — validating the embedded seed datasets\n",
            oske::VERSION
        );
    }
    print_report(&report, opts);
    flush_json(opts);
    if !opts.json {
        println!();
        print!("{}", summary::summary(&doc, opts.lang));
    }
    exit_for(&report)
}

fn run_files(files: &[&str], opts: &Options, csv: &csv_cmd::CsvOptions) -> ExitCode {
    let mut any_errors = false;
    for f in files {
        if csv_cmd::is_csv_input(f) {
            match csv_cmd::validate_path(f, opts, csv) {
                Ok(errors) => any_errors |= errors,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            }
            continue;
        }
        match json::from_path(f) {
            Ok(loaded) => {
                let mut report = Report {
                    issues: loaded.warnings,
                };
                report.extend(validate(&loaded.document, opts.registry()));
                // Each issue names its file, as CSV issues do.
                for i in &mut report.issues {
                    i.location
                        .get_or_insert_with(Default::default)
                        .file
                        .get_or_insert_with(|| (*f).to_owned());
                }
                if !opts.json {
                    println!("{f}:");
                }
                print_report(&report, opts);
                any_errors |= report.has_errors();
            }
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    flush_json(opts);
    if any_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn exit_for(report: &Report) -> ExitCode {
    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_report(report: &Report, opts: &Options) {
    if opts.json {
        // Printed once, by `flush_json`, with the records of every input.
        opts.json_records
            .borrow_mut()
            .extend(report.records(opts.lang));
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
            println!(
                "  {} {}\n      {}",
                i.code(),
                i.pointer,
                i.message(opts.lang)
            );
        }
    }
    println!(
        "{} error(s), {} warning(s), {} info",
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info)
    );
}
