//! The CSV folder reader's invariant with several files (fuzz target `csv_folder`,
//! stable test `core/tests/tables_fuzz.rs`).
//!
//! Input: `[options] [name] body (0x1C [name] body)*` — the first byte picks the read
//! options as in `oske::tables::fuzz_entry`, then files separated by the ASCII file
//! separator 0x1C, each with a byte that picks its name (a table's English, Finnish or
//! Swedish file name, or a name of no table). The files are read as one folder:
//!
//! - no panic; every table read has every row loaded or rejected;
//! - one report per table named, one `csv.duplicate-table` per further file of a
//!   table and one `csv.unknown-table` per file of no table;
//! - a folder read without a warning or an error, written back (both dialects) and
//!   read again, gives the same document without an issue: nothing is lost or
//!   changed in silence.

use oske::tables::{self, DecimalMark, Dialect, Encoding, ReadOptions, TABLES};
use oske::Severity;
use std::collections::BTreeSet;

use oske::tables::rows_accounted;

/// The file separator between files of the input.
pub const SEPARATOR: u8 = 0x1C;

/// The file names a name byte picks from: per table its English name and its
/// aliases (in table order), then one name of no table.
pub fn names() -> Vec<String> {
    let mut out = Vec::new();
    for t in TABLES {
        out.push(t.file.to_owned());
        out.extend(t.aliases.iter().map(|a| format!("{a}.csv")));
    }
    out.push("budget.csv".to_owned());
    out
}

/// The read options a byte picks.
pub fn options(b: u8) -> ReadOptions {
    ReadOptions {
        encoding: match b & 7 {
            1 => Some(Encoding::Utf8),
            2 => Some(Encoding::Windows1252),
            3 => Some(Encoding::Iso8859_1),
            4 => Some(Encoding::Utf16Le),
            5 => Some(Encoding::Utf16Be),
            _ => None,
        },
        delimiter: match (b >> 3) & 3 {
            1 => Some(b';'),
            2 => Some(b'\t'),
            3 => Some(b','),
            _ => None,
        },
        decimal: match (b >> 5) & 3 {
            1 => DecimalMark::Comma,
            2 => DecimalMark::Point,
            _ => DecimalMark::Auto,
        },
        ..ReadOptions::default()
    }
}

/// Files of a folder: `(file name, bytes)`.
pub type Files<'a> = Vec<(String, &'a [u8])>;

/// The input as `(options, files)`.
pub fn split(data: &[u8]) -> Option<(ReadOptions, Files<'_>)> {
    let (&opts, rest) = data.split_first()?;
    let names = names();
    let files = rest
        .split(|&b| b == SEPARATOR)
        .filter_map(|f| {
            let (&n, body) = f.split_first()?;
            Some((names[usize::from(n) % names.len()].clone(), body))
        })
        .collect();
    Some((options(opts), files))
}

/// Joins files into an input for [`check`]: the inverse of [`split`] for names
/// from [`names`] and bodies without the separator byte.
pub fn join(options: u8, files: &[(&str, &[u8])]) -> Vec<u8> {
    let names = names();
    let mut out = vec![options];
    for (i, (name, body)) in files.iter().enumerate() {
        if i > 0 {
            out.push(SEPARATOR);
        }
        let n = names.iter().position(|x| x == name).expect("a known name");
        out.push(n as u8);
        out.extend_from_slice(body);
    }
    out
}

/// `Err` names the broken invariant; a panic is a finding too.
pub fn check(data: &[u8]) -> Result<(), String> {
    let Some((opts, files)) = split(data) else {
        return Ok(());
    };
    let mut tables_named = BTreeSet::new();
    let (mut extra, mut unknown) = (0, 0);
    for (name, _) in &files {
        match tables::table_for_file(name) {
            Some(t) => {
                if !tables_named.insert(t.file) {
                    extra += 1;
                }
            }
            None => unknown += 1,
        }
    }
    let read = tables::read_tables(files.clone(), &opts);
    rows_accounted(&read)?;
    let count = |code: &str| read.issues.iter().filter(|i| i.code() == code).count();
    if read.tables.len() != tables_named.len()
        || count("csv.duplicate-table") != extra
        || count("csv.unknown-table") != unknown
    {
        return Err(format!(
            "{} tables named ({extra} twice or more, {unknown} unknown names): {} read, {} csv.duplicate-table, {} csv.unknown-table",
            tables_named.len(),
            read.tables.len(),
            count("csv.duplicate-table"),
            count("csv.unknown-table"),
        ));
    }
    let clean =
        !read.issues.iter().any(|i| i.severity() != Severity::Info) && read.rejected_count() == 0;
    for dialect in [Dialect::STANDARD, Dialect::EXCEL_FI] {
        let written = tables::write_tables(&read.document, &dialect);
        let again = tables::read_tables(
            written
                .iter()
                .map(|(n, b)| (n.to_string(), b.as_slice()))
                .collect(),
            &ReadOptions::default(),
        );
        rows_accounted(&again)?;
        if clean && (again.document != read.document || !again.issues.is_empty()) {
            return Err(format!(
                "a folder read clean changed on a round trip through tables: {:?}",
                again.issues
            ));
        }
    }
    Ok(())
}
