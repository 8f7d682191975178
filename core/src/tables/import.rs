//! Reading a folder of tables into a [`Document`]: parents first, children joined
//! to them by id, each row's problems reported with file, line, column and value,
//! and rejected rows kept verbatim.

use super::mapping::{self, Ctx, Fill};
use super::measures::blank_measure;
use super::package;
use super::parallel::{self, Input};
use super::reader::{EncodingSource, ReadOptions};
use super::records::{Records, RecordsReader};
use super::schema::{self, TableSchema};
use super::table::{BlankCell, RejectedRow, Row, Step, TableReader};
use super::value::parse_date;
use super::vocab::{Coded, FundingScope};
use super::Encoding;
use crate::date::Period;
use crate::document::Document;
use crate::plan::{FrequencyQualifier, FrequencyUnit, RegionalSection, SectionArea};
use crate::project::Budget;
use crate::registry::Registry;
use crate::rules::{Issue, IssueLimits, IssueSink, Report, Rule, SourceLocation};
use crate::source_map::SourceMap;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::sync::mpsc::Receiver;
use std::sync::Arc;

/// What reading one CSV file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableReport {
    /// The file as named.
    pub file: String,
    /// The table it was read as (`measures`), when its name is one of the layout's.
    pub table: Option<&'static str>,
    /// The encoding it was decoded with.
    pub encoding: Encoding,
    /// How the encoding was chosen.
    pub encoding_source: EncodingSource,
    /// The delimiter used.
    pub delimiter: u8,
    /// The header line as it stood in the file.
    pub header: String,
    /// Data rows read (blank rows not counted).
    pub rows: u64,
    /// Rows loaded into the document.
    pub loaded: u64,
    /// Rows rejected, verbatim, in file order.
    pub rejected: Vec<RejectedRow>,
}

impl TableReport {
    /// The rejected rows as a CSV text of their own: the original header line, then
    /// each rejected row as it stood, CR LF line ends. Fix them and read the file
    /// again as the same table.
    pub fn rejected_csv(&self) -> String {
        let mut out = String::with_capacity(self.header.len() + 2);
        if self.delimiter != b',' && !self.header.contains(char::from(self.delimiter)) {
            // A one-column header: name the delimiter so that it is read back the same.
            out.push_str(&format!("sep={}\r\n", char::from(self.delimiter)));
        }
        out.push_str(&self.header);
        out.push_str("\r\n");
        for r in &self.rejected {
            out.push_str(&r.text);
            out.push_str("\r\n");
        }
        out
    }

    /// Writes [`TableReport::rejected_csv`] as UTF-8 with a byte-order mark, so that
    /// Excel opens it with the right characters.
    pub fn write_rejected(&self, mut w: impl Write) -> io::Result<()> {
        w.write_all(b"\xEF\xBB\xBF")?;
        w.write_all(self.rejected_csv().as_bytes())
    }
}

/// A document read from CSV tables, with everything found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The document, holding every row that loaded.
    pub document: Document,
    /// Every problem found while reading, in file and line order.
    pub issues: Vec<Issue>,
    /// One report per file read.
    pub tables: Vec<TableReport>,
    /// Where each loaded row (and its cells) stood: gives issues found later by
    /// validation their file, line and column ([`SourceMap::locate`]).
    pub source_map: SourceMap,
}

impl Imported {
    /// The reading issues as a [`Report`].
    pub fn report(&self) -> Report {
        Report {
            issues: self.issues.clone(),
        }
    }

    /// The reading issues followed by those [`validate`](crate::validate) finds in
    /// the document, each of the latter placed at the cell it was read from.
    pub fn validate(&self, registry: &crate::Registry) -> Report {
        let mut report = self.report();
        let mut found = crate::validate(&self.document, registry);
        found.locate(&self.source_map);
        report.extend(found);
        report
    }

    /// True when any row was rejected or any reading issue is an error.
    pub fn has_errors(&self) -> bool {
        self.report().has_errors()
    }

    /// Rows rejected, over all tables.
    pub fn rejected_count(&self) -> usize {
        self.tables.iter().map(|t| t.rejected.len()).sum()
    }
}

type Index = HashMap<String, (usize, u64)>;

/// What takes each step of a table's reading, on the thread that builds the
/// document (see [`Builder::read_one`]). It takes the step by reference: the
/// two-thread read fills one row again and again for the rows of a batch.
type Each<'a> = dyn FnMut(&mut Step<'_>) + 'a;

#[derive(Default)]
struct Builder {
    doc: Document,
    doc_row: Option<u64>,
    plans: Index,
    sections: HashMap<(usize, String), (usize, Option<u64>)>,
    /// The section found last, `(plan, region, section)`: measures come section by
    /// section, so most rows find theirs here without a look-up.
    last_section: Option<(usize, String, usize)>,
    /// Region cells of measures already resolved to a code without a note, with
    /// the section they went to and the pointer of its measures: `(plan, cell,
    /// section, array)`. Rows of a large table name a few regions over and over;
    /// these skip the registry and the section look-up (a few, so a linear search).
    measure_regions: Vec<(usize, String, usize, Arc<str>)>,
    /// The plan id of the last measure row that found its plan, with the plan:
    /// the rows of a measures table name one plan over and over.
    measure_plan: Option<(String, usize)>,
    /// The size in bytes of the file being read, when known (a file of a folder),
    /// and the bytes of its measure rows read so far: how many measures a section
    /// will hold ([`expected_more`]).
    table_bytes: Option<u64>,
    measure_bytes: u64,
    /// What reading the measures in place keeps from row to row: the dates read
    /// (the memo on from the first measure). Each row fills a blank measure, which
    /// has no strings to give back to `fill.spare`.
    fill: Fill,
    special: HashMap<String, (usize, usize, u64)>,
    projects: Index,
    /// Teams by (project, team id): team listings join to them.
    teams: HashMap<(usize, String), (usize, u64)>,
    networks: Index,
    evaluations: Index,
    programmes: Index,
    reports: Index,
    /// Where each loaded row stood.
    map: SourceMap,
    /// The current table's number in `map`.
    source: usize,
    /// The registry that resolves names in code cells (`None`: the embedded one).
    registry: Option<Arc<Registry>>,
}

/// The registry a builder resolves names with.
fn reg_of(registry: &Option<Arc<Registry>>) -> &Registry {
    registry.as_deref().unwrap_or_else(|| Registry::embedded())
}

/// What a table's mapping needs: the registry and the date that applies to the row.
fn ctx(registry: &Option<Arc<Registry>>, date: Option<chrono::NaiveDate>) -> Ctx<'_> {
    Ctx::new(registry, date)
}

/// `a == b` for short strings (region cells: a code of two or three digits),
/// byte by byte instead of through `memcmp`, whose call costs more than the
/// compare.
#[inline]
fn same_short(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// Gives the issues a row reported before its pointer was known (a region that
/// decides the section) the row's pointer. Inlined as far as the test for no
/// issue, which most rows have.
#[inline(always)]
fn fill_pointers(row: &mut Row<'_>) {
    if !row.issues.is_empty() {
        fill_pointers_of(row);
    }
}

/// [`fill_pointers`] for a row with issues.
fn fill_pointers_of(row: &mut Row<'_>) {
    if row.issues.iter().all(|i| !i.pointer.is_empty()) {
        return;
    }
    if let Some(base) = row.pointer() {
        for i in row.issues.iter_mut().filter(|i| i.pointer.is_empty()) {
            i.pointer.clone_from(&base);
        }
    }
}

/// Reads tables into one document. `files` are `(name, reader)` pairs; each name
/// (`measures.csv`, `toimenpiteet.csv`) says which table it is. Tables are read in
/// the layout's order (parents first) whatever the order given.
pub fn read_tables<R: Read>(files: Vec<(String, R)>, opts: &ReadOptions) -> Imported {
    read_tables_with(files, opts, IssueLimits::default())
}

/// [`read_tables`] with the caps on listed issues given (see [`IssueLimits`]): a
/// header of a million unknown columns or a million bad rows gives at most
/// `limits.per_rule` issues of each rule and a `report.truncated` summary, in
/// memory that does not grow with the issues left out.
pub fn read_tables_with<R: Read>(
    files: Vec<(String, R)>,
    opts: &ReadOptions,
    limits: IssueLimits,
) -> Imported {
    let files = files
        .into_iter()
        .map(|(name, r)| (name, Input::Stream(r)))
        .collect();
    read_inputs(files, opts, limits)
}

/// [`read_tables_with`] for inputs that may be files (a large one is read on two
/// threads, `parallel.rs`).
pub(crate) fn read_inputs<R: Read>(
    files: Vec<(String, Input<R>)>,
    opts: &ReadOptions,
    limits: IssueLimits,
) -> Imported {
    let mut issues = IssueSink::new(limits);
    let mut known: Vec<(usize, String, Input<R>)> = Vec::new();
    for (name, r) in files {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(&name).to_owned();
        match schema::table_for_file(&base)
            .and_then(|t| schema::TABLES.iter().position(|x| x.file == t.file))
        {
            Some(order) => known.push((order, name, r)),
            None => {
                let mut i = Issue::new(Rule::CsvUnknownTable, "").arg("file", &name);
                i.location = Some(SourceLocation {
                    file: Some(name.clone()),
                    ..Default::default()
                });
                issues.push(i);
            }
        }
    }
    read_known(known, issues, opts)
}

/// Reads files whose tables are known (`(index in TABLES, name, reader)`), after
/// the `issues` already found.
fn read_known<R: Read>(
    mut known: Vec<(usize, String, Input<R>)>,
    mut issues: IssueSink,
    opts: &ReadOptions,
) -> Imported {
    let mut b = Builder {
        doc: Document::new(),
        registry: opts.registry.clone(),
        ..Default::default()
    };
    let mut tables = Vec::new();
    // Stable: of two files for one table, the first given (a folder's first in
    // name order) is read and the other reported.
    known.sort_by_key(|(order, _, _)| *order);
    let mut first: Option<(usize, String)> = None;
    for (order, name, r) in known {
        let schema = &schema::TABLES[order];
        match &first {
            Some((o, first_name)) if *o == order => {
                let mut i = Issue::new(Rule::CsvDuplicateTable, "")
                    .arg("file", &name)
                    .arg("table", schema.name())
                    .arg("first", first_name);
                i.location = Some(SourceLocation {
                    file: Some(name.clone()),
                    ..Default::default()
                });
                issues.push(i);
                continue;
            }
            _ => first = Some((order, name.clone())),
        }
        b.table_bytes = match &r {
            Input::File(_, size) => Some(*size),
            Input::Stream(_) => None,
        };
        b.measure_bytes = 0;
        let report = match r {
            Input::Stream(r) => b.read_one(schema, name, r, opts, &mut issues, |_, _| None),
            Input::File(f, size) if parallel::worth(size) => {
                b.read_one(schema, name, f, opts, &mut issues, parallel::drain)
            }
            Input::File(f, _) => b.read_one(schema, name, f, opts, &mut issues, |_, _| None),
        };
        tables.push(report);
        if b.table_bytes.take().is_some() {
            b.trim_measures();
        }
    }
    b.map.finish();
    Imported {
        document: b.doc,
        issues: issues.finish(),
        tables,
        source_map: b.map,
    }
}

/// Reads tables given in memory ([`Records`]) into one document, by the same header
/// mapping, cell rules and row loading as [`read_tables`]. Each name (`measures`,
/// `measures.csv`, `toimenpiteet`) says which table it is; tables are read parents
/// first whatever the order given. Issues name the table as given in `file`, the
/// row's 0-based position in `line`, the column's name in `field`
/// (see [`Records`]). Names in code cells are resolved with the embedded registry.
pub fn read_records(tables: Vec<(String, Records)>) -> Imported {
    read_records_with(tables, None)
}

/// [`read_records`] resolving names in code cells (`Inari` for `148`) with
/// `registry` (`None`: the embedded one). Issues are capped as the CSV reader
/// caps them ([`IssueLimits::default`]).
pub fn read_records_with(
    tables: Vec<(String, Records)>,
    registry: Option<Arc<Registry>>,
) -> Imported {
    read_records_limited(tables, registry, IssueLimits::default())
}

/// [`read_records_with`] with the caps on listed issues given (see
/// [`IssueLimits`]), as [`read_tables_with`] for CSV: at most `limits.per_rule`
/// issues of each rule and `limits.total` in all are listed, the rest counted in a
/// `report.truncated` summary per rule.
pub fn read_records_limited(
    tables: Vec<(String, Records)>,
    registry: Option<Arc<Registry>>,
    limits: IssueLimits,
) -> Imported {
    let tables = tables.into_iter().map(|(n, r)| (n, r, None)).collect();
    read_parts(tables, registry, limits)
}

/// [`read_records_with`] for tables whose rows may arrive in parts while they are
/// read (a second thread maps the rows a first one writes): each table is given as
/// its first part, which names the columns, and, when `Some`, a channel through
/// which its further parts come, in order, each a [`Records`] under the same
/// columns. The rows of a part are numbered on from those of the parts before (the
/// second part's first row is line `first.len()`), and a table is read until its
/// channel closes (every sender dropped). The document, issues, reports and source
/// map are those [`read_records_with`] gives for the parts joined into one table.
pub fn read_records_in_parts(
    tables: Vec<(String, Records, Option<Receiver<Records>>)>,
    registry: Option<Arc<Registry>>,
) -> Imported {
    read_parts(tables, registry, IssueLimits::default())
}

fn read_parts(
    tables: Vec<(String, Records, Option<Receiver<Records>>)>,
    registry: Option<Arc<Registry>>,
    limits: IssueLimits,
) -> Imported {
    let mut b = Builder {
        doc: Document::new(),
        registry,
        ..Default::default()
    };
    let mut issues = IssueSink::new(limits);
    let mut known: Vec<(usize, String, Records, Option<Receiver<Records>>)> = Vec::new();
    for (name, r, rest) in tables {
        let schema = schema::table_for_file(&name)
            .or_else(|| schema::table_for_file(&format!("{name}.csv")));
        match schema.and_then(|t| schema::TABLES.iter().position(|x| x.file == t.file)) {
            Some(order) => known.push((order, name, r, rest)),
            None => {
                let mut i = Issue::new(Rule::CsvUnknownTable, "").arg("file", &name);
                i.location = Some(SourceLocation {
                    file: Some(name.clone()),
                    ..Default::default()
                });
                issues.push(i);
            }
        }
    }
    known.sort_by_key(|(order, _, _, _)| *order);
    let mut reports = Vec::new();
    for (order, name, records, rest) in known {
        let schema = &schema::TABLES[order];
        reports.push(b.read_records_one(schema, name, records, rest, &mut issues));
    }
    b.map.finish();
    Imported {
        document: b.doc,
        issues: issues.finish(),
        tables: reports,
        source_map: b.map,
    }
}

/// Reads one table from bytes (its name says which table).
pub fn read_table_bytes(name: &str, bytes: &[u8], opts: &ReadOptions) -> Imported {
    read_tables(vec![(name.to_owned(), bytes)], opts)
}

fn file_issue(rule: Rule, file: String) -> Issue {
    let mut i = Issue::new(rule, "");
    i.location = Some(SourceLocation {
        file: Some(file),
        ..Default::default()
    });
    i
}

/// Reads the tables a folder's `datapackage.json` lists: each resource's `path`
/// as the table its `name` (or file name) stands for.
fn read_package(
    dir: &std::path::Path,
    resources: Vec<package::Resource>,
    opts: &ReadOptions,
) -> Imported {
    let descriptor = dir.join(package::DATAPACKAGE).display().to_string();
    let mut issues = IssueSink::default();
    let mut known = Vec::new();
    for r in resources {
        let path = r.path.as_deref().unwrap_or_default();
        let Some(table) = r.table else {
            let shown = if path.is_empty() { &r.name } else { path };
            issues.push(file_issue(Rule::CsvUnknownTable, descriptor.clone()).arg("file", shown));
            continue;
        };
        if !package::is_safe_path(path) || !dir.join(path).is_file() {
            issues.push(
                file_issue(Rule::CsvPackagePath, descriptor.clone())
                    .arg("resource", &r.name)
                    .arg("path", path),
            );
            continue;
        }
        let full = dir.join(path);
        let shown = full.display().to_string();
        match std::fs::File::open(&full) {
            Ok(f) => {
                let order = schema::TABLES
                    .iter()
                    .position(|x| x.file == table.file)
                    .unwrap_or_default();
                let size = f.metadata().map_or(0, |m| m.len());
                known.push((order, shown, Input::File(io::BufReader::new(f), size)));
            }
            Err(e) => issues.push(file_issue(Rule::CsvUnreadable, shown).arg("error", e)),
        }
    }
    read_known::<io::Empty>(known, issues, opts)
}

/// Reads every table in a folder. When the folder has a `datapackage.json` (a
/// Frictionless Data Package, as [`write_folder`](super::write_folder) writes), its
/// resources say which files are which tables; a resource that is not a table of
/// the layout is reported (`csv.unknown-table`), one whose path is not a file
/// inside the folder too (`csv.package-path`). Without one, every `*.csv`, `*.tsv`
/// and `*.txt` is read as the table its name says; a CSV file whose name is not a
/// table of the layout is reported (`csv.unknown-table`); other files and
/// subfolders are ignored.
pub fn read_folder(dir: impl AsRef<std::path::Path>, opts: &ReadOptions) -> io::Result<Imported> {
    let dir = dir.as_ref();
    let descriptor = dir.join(package::DATAPACKAGE);
    let mut package_issue = None;
    if descriptor.is_file() {
        let resources = std::fs::read_to_string(&descriptor)
            .map_err(|e| e.to_string())
            .and_then(|text| package::resources(&text));
        match resources {
            Ok(resources) => return Ok(read_package(dir, resources, opts)),
            // Reported; the folder is then read by its file names.
            Err(e) => {
                package_issue = Some(
                    file_issue(Rule::CsvUnreadable, descriptor.display().to_string())
                        .arg("error", e),
                )
            }
        }
    }
    let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    matches!(e.to_ascii_lowercase().as_str(), "csv" | "tsv" | "txt")
                })
        })
        .collect();
    names.sort();
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for p in names {
        let shown = p.display().to_string();
        let is_txt = p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        let stem = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if is_txt && schema::table_for_file(stem).is_none() {
            continue;
        }
        match std::fs::File::open(&p) {
            Ok(f) => {
                let size = f.metadata().map_or(0, |m| m.len());
                files.push((shown, Input::File(io::BufReader::new(f), size)));
            }
            Err(e) => {
                let mut i = Issue::new(Rule::CsvUnreadable, "").arg("error", e);
                i.location = Some(SourceLocation {
                    file: Some(shown),
                    ..Default::default()
                });
                unreadable.push(i);
            }
        }
    }
    let mut imported = read_inputs::<io::Empty>(files, opts, IssueLimits::default());
    let mut issues: Vec<Issue> = package_issue.into_iter().collect();
    issues.append(&mut unreadable);
    issues.append(&mut imported.issues);
    imported.issues = issues;
    Ok(imported)
}

fn parent_issue(row: &mut Row<'_>, c: usize, parent: &str, id: &str, table: &str) {
    let i = row.issue(Rule::CsvOrphanRow, c);
    i.args.push(("parent", parent.to_owned()));
    i.args.push(("id", id.to_owned()));
    i.args.push(("table", table.to_owned()));
}

fn duplicate_issue(row: &mut Row<'_>, c: usize, kind: &str, id: &str, first: u64) {
    let i = row.issue(Rule::CsvDuplicateKey, c);
    i.args.push(("kind", kind.to_owned()));
    i.args.push(("id", id.to_owned()));
    i.args.push(("first", first.to_string()));
}

/// How many more measures a section whose list of `len` is full should make room
/// for, when the file's size is known and `read` bytes of its measure rows were read:
/// the section's rows so far in the same proportion to the file's rows as the
/// bytes read to the file's size, and 1/16 more. `None` (the list doubles) for a
/// small list, an unknown size, or fewer than doubling gives. Reserved at once, a
/// large section's list is not copied again and again as it doubles (200 000
/// measures of some 300 bytes: about their size copied once more); the guess only
/// sets room, never what is read.
fn expected_more(len: usize, read: u64, size: Option<u64>) -> Option<usize> {
    let size = size?;
    if len < 1024 || read == 0 || read >= size {
        return None;
    }
    let expected = u128::from(u64::try_from(len).ok()?) * u128::from(size) / u128::from(read);
    let expected = usize::try_from(expected.checked_add(expected / 16)?).ok()?;
    let more = expected.checked_sub(len)?;
    (more > len).then_some(more)
}

pub(crate) fn period(row: &mut Row<'_>, start: usize, end: usize) -> Period {
    Period::new(row.req_date(start), row.req_date(end))
}

#[inline]
pub(crate) fn opt_period(row: &mut Row<'_>, start: usize, end: usize) -> Option<Period> {
    opt_period_by(row, start, end, super::value::parse_date)
}

/// [`opt_period`], its dates read through `memo`.
#[inline]
pub(crate) fn opt_period_in(
    row: &mut Row<'_>,
    start: usize,
    end: usize,
    memo: &mut super::value::DateMemo,
) -> Option<Period> {
    opt_period_by(row, start, end, |s| memo.parse(s))
}

/// [`opt_period`] with its dates read by `parse`.
#[inline(always)]
fn opt_period_by(
    row: &mut Row<'_>,
    start: usize,
    end: usize,
    mut parse: impl FnMut(&str) -> Option<chrono::NaiveDate>,
) -> Option<Period> {
    // Each cell looked up and tested for blank once.
    let (s, e) = (row.s(start), row.s(end));
    let (s_blank, e_blank) = (s.is_blank_cell(), e.is_blank_cell());
    if s_blank && e_blank {
        return None;
    }
    let mut date = |c, s, blank| {
        if blank {
            row.missing(c);
            chrono::NaiveDate::default()
        } else {
            row.date_by(c, s, &mut parse).unwrap_or_default()
        }
    };
    let start = date(start, s, s_blank);
    Some(Period::new(start, date(end, e, e_blank)))
}

/// The checked cells of a frequency (min, per, note, qualifier): `None` when its
/// first three columns are empty (a qualifier alone: its count is missing). Each
/// cell is looked up and tested for blank once.
#[inline]
pub(crate) fn frequency_cells(
    row: &mut Row<'_>,
    c: &[usize],
) -> Option<(u32, FrequencyUnit, Option<FrequencyQualifier>)> {
    let (min, per, note, qualifier) = (c[0], c[1], c[2], c[3]);
    let (min_s, per_s) = (row.s(min), row.s(per));
    let (min_blank, per_blank) = (min_s.is_blank_cell(), per_s.is_blank_cell());
    let q = row.s(qualifier);
    if min_blank && per_blank && row.s(note).is_blank_cell() {
        // A qualifier without its count: the count is what is missing.
        if !q.is_blank_cell() && row.code_of::<FrequencyQualifier>(qualifier, q).is_some() {
            row.missing(min);
        }
        return None;
    }
    // Missing as before: empty once trimmed (a blank cell is; so is one of a
    // vertical tab, which is not blank).
    let min_missing =
        min_blank || (!min_s.as_bytes()[0].is_ascii_graphic() && min_s.trim().is_empty());
    if min_missing {
        row.missing(min);
    }
    let min_times = if min_blank {
        0
    } else {
        row.u32_of(min, min_s).unwrap_or_default()
    };
    let per = if per_blank {
        row.missing(per);
        FrequencyUnit::ALL[0]
    } else {
        row.code_of(per, per_s).unwrap_or(FrequencyUnit::ALL[0])
    };
    let q = if q.is_blank_cell() {
        None
    } else {
        row.code_of(qualifier, q)
    };
    Some((min_times, per, q))
}

impl Builder {
    /// Reads one table. `threads` reads its rows on a second thread
    /// ([`parallel::drain`]) or gives `None`: then they are read here.
    fn read_one<R: Read>(
        &mut self,
        schema: &'static TableSchema,
        name: String,
        r: R,
        opts: &ReadOptions,
        issues: &mut IssueSink,
        threads: impl FnOnce(&mut TableReader<R>, &mut Each<'_>) -> Option<io::Result<()>>,
    ) -> TableReport {
        let mut report = TableReport {
            file: name.clone(),
            table: Some(schema.name()),
            encoding: Encoding::Utf8,
            encoding_source: EncodingSource::Detected,
            delimiter: b',',
            header: String::new(),
            rows: 0,
            loaded: 0,
            rejected: Vec::new(),
        };
        let mut tr = match TableReader::new(r, Some(name.clone()), schema, opts) {
            Ok(tr) => tr,
            Err(e) => {
                let mut i = Issue::new(Rule::CsvUnreadable, "").arg("error", e);
                i.location = Some(SourceLocation {
                    file: Some(name),
                    ..Default::default()
                });
                issues.push(i);
                return report;
            }
        };
        report.encoding = tr.encoding();
        report.encoding_source = tr.encoding_source();
        report.delimiter = tr.delimiter();
        report.header = tr.header_text.clone();
        self.source = self.map.add_source(name.clone(), None, tr.source_columns());
        let first_issue = issues.listed().len();
        issues.extend(tr.header_issues.drain(..));
        issues.count_unlisted(Rule::CsvUnknownColumn, tr.header_unlisted);
        let outcome = {
            let mut each = |step: &mut Step<'_>| self.load_step(schema, step, &mut report, issues);
            match threads(&mut tr, &mut each) {
                Some(outcome) => outcome,
                None => loop {
                    match tr.next_row() {
                        Ok(None) => break Ok(()),
                        Ok(Some(mut step)) => {
                            each(&mut step);
                            let spare = match &mut step {
                                Step::Row(row) => Some(row.spare()),
                                Step::Rejected(..) => None,
                            };
                            drop(step);
                            if let Some(spare) = spare {
                                tr.recycle(spare);
                            }
                        }
                        Err(e) => break Err(e),
                    }
                },
            }
        };
        if let Err(e) = outcome {
            let mut i = Issue::new(Rule::CsvUnreadable, "").arg("error", e);
            i.location = Some(SourceLocation {
                file: Some(name.clone()),
                ..Default::default()
            });
            issues.push(i);
        }
        report.rows = tr.rows;
        // Detected ISO-8859-1 becomes Windows-1252 when a byte 0x80–0x9F turns up
        // past the first chunk: state what was really used.
        if tr.encoding() != report.encoding {
            report.encoding = tr.encoding();
            let listed = issues.listed_mut();
            let from = first_issue.min(listed.len());
            for i in listed[from..]
                .iter_mut()
                .filter(|i| i.rule == Rule::CsvEncoding)
            {
                for (k, v) in i.args.iter_mut() {
                    if *k == "encoding" {
                        *v = report.encoding.as_str().to_owned();
                    }
                }
            }
        }
        report
    }

    /// Loads one step of a table's reading, where it stands: a row is loaded in
    /// place (the caller takes its cells' allocation back after), a rejected row
    /// and its issues are taken out of the step.
    fn load_step(
        &mut self,
        schema: &TableSchema,
        step: &mut Step<'_>,
        report: &mut TableReport,
        issues: &mut IssueSink,
    ) {
        match step {
            Step::Row(row) => {
                self.load_mapped(schema, row);
                if row.failed {
                    report.rejected.push(row.rejected());
                } else {
                    report.loaded += 1;
                }
                // Most rows have none: no drain to set up and drop.
                if !row.issues.is_empty() {
                    issues.extend(row.issues.drain(..));
                }
            }
            Step::Rejected(row, found) => {
                issues.extend(std::mem::take(found));
                report.rejected.push(std::mem::replace(
                    row,
                    RejectedRow {
                        line: 0,
                        text: String::new(),
                        codes: Vec::new(),
                    },
                ));
            }
        }
    }

    fn read_records_one(
        &mut self,
        schema: &'static TableSchema,
        name: String,
        records: Records,
        rest: Option<Receiver<Records>>,
        issues: &mut IssueSink,
    ) -> TableReport {
        let mut rr = RecordsReader::new(records, name.clone(), schema);
        self.source = self.map.add_source(name.clone(), None, rr.source_columns());
        issues.extend(rr.header_issues.drain(..));
        issues.count_unlisted(Rule::CsvUnknownColumn, rr.header_unlisted);
        let mut report = TableReport {
            file: name,
            table: Some(schema.name()),
            encoding: Encoding::Utf8,
            encoding_source: EncodingSource::Named,
            delimiter: b',',
            header: rr.header_text.clone(),
            rows: 0,
            loaded: 0,
            rejected: Vec::new(),
        };
        let mut rest = rest.into_iter().flat_map(|r| r.into_iter());
        loop {
            rr.read_part(&mut |step| self.load_step(schema, step, &mut report, issues));
            match rest.next() {
                Some(part) => rr.next_part(part),
                None => break,
            }
        }
        report.rows = rr.rows;
        report
    }

    /// Loads a row and records where the entity it became stood.
    fn load_mapped(&mut self, schema: &TableSchema, row: &mut Row<'_>) {
        // The large table straight to its reader: a measure's row, one of 200 000,
        // pays neither the call nor the frame of `load`, which holds every table.
        if schema.file == "measures.csv" {
            self.measure(row);
        } else {
            self.load(schema, row);
        }
        if !row.failed {
            // The row is done with its pointer: the map takes it.
            if let Some((array, index)) = row.item.take() {
                let index = u64::try_from(index).unwrap_or(u64::MAX);
                self.map.item(&array, index, self.source, row.line);
            } else if let Some(base) = row.base.take() {
                self.map.row(base, self.source, row.line);
            }
        }
    }

    /// Gives back the room reserved for measures that did not come
    /// ([`expected_more`] guessed high: a file whose rows come section by section).
    fn trim_measures(&mut self) {
        for sec in self
            .doc
            .action_plans
            .iter_mut()
            .flat_map(|p| &mut p.sections)
        {
            let (len, cap) = (sec.measures.len(), sec.measures.capacity());
            if cap > 1024 && cap - len > len / 8 {
                sec.measures.shrink_to(len + len / 16);
            }
        }
    }

    /// Records a section that a row of another table (a measure's or a local
    /// priority's region) brought in: its region is that row's region cell.
    fn implicit_section(&mut self, p: usize, s: usize, line: u64, region: usize) {
        let at = format!("/action_plans/{p}/sections/{s}");
        self.map
            .cell(format!("{at}/region"), self.source, line, region);
        self.map.row_only(at, self.source, line);
    }

    fn load(&mut self, schema: &TableSchema, row: &mut Row<'_>) {
        match schema.file {
            "document.csv" => self.document(row),
            "action_plans.csv" => self.action_plan(row),
            "plan_values.csv" => self.plan_value(row),
            "population_parts.csv" => self.population_part(row),
            "sections.csv" => self.section(row),
            "priorities.csv" => self.priority(row),
            "measures.csv" => self.measure(row),
            "special_tasks.csv" => self.special_task(row),
            "special_task_content.csv" => self.special_task_content(row),
            "approvals.csv" => self.approval(row),
            "revisions.csv" => self.revision(row),
            "projects.csv" => self.project(row),
            "phases.csv" => self.phase(row),
            "organisations.csv" => self.organisation(row),
            "objectives.csv" => self.objective(row),
            "teams.csv" => self.team(row),
            "team_listings.csv" => self.team_listing(row),
            "team_tasks.csv" => self.team_task(row),
            "work_areas.csv" => self.work_area(row),
            "funding_sources.csv" => self.funding_source(row),
            "contributions.csv" => self.contribution(row),
            "networks.csv" => self.network(row),
            "meetings.csv" => self.meeting(row),
            "evaluations.csv" => self.evaluation(row),
            "indicators.csv" => self.indicator(row),
            "consultation_programmes.csv" => self.programme(row),
            "consultations.csv" => self.consultation(row),
            "activity_reports.csv" => self.activity_report(row),
            "priority_areas.csv" => self.priority_area(row),
            "report_activities.csv" => self.report_activity(row),
            _ => {}
        }
    }

    /// Looks up a parent by id; reports an orphan row when absent.
    fn parent(
        index: &Index,
        row: &mut Row<'_>,
        c: usize,
        what: &str,
        table: &str,
    ) -> Option<usize> {
        let id = row.s(c);
        match index.get(id) {
            Some(&(i, _)) => Some(i),
            None => {
                let id = id.to_owned();
                if id.trim().is_empty() {
                    row.missing(c);
                } else {
                    parent_issue(row, c, what, &id, table);
                }
                None
            }
        }
    }

    /// Registers a new keyed row; reports a duplicate key.
    fn register(index: &mut Index, row: &mut Row<'_>, c: usize, kind: &str, at: usize) -> bool {
        let id = row.s(c);
        if id.trim().is_empty() {
            row.missing(c);
            return false;
        }
        if let Some(&(_, first)) = index.get(id) {
            let id = id.to_owned();
            duplicate_issue(row, c, kind, &id, first);
            return false;
        }
        if !row.failed {
            index.insert(id.to_owned(), (at, row.line));
        }
        true
    }

    fn document(&mut self, row: &mut Row<'_>) {
        use schema::document::C;
        row.base = Some(String::new());
        if let Some(first) = self.doc_row {
            duplicate_issue(row, C::FormatVersion.into(), "document row", "", first);
            return;
        }
        let d = mapping::document::read(row, &ctx(&self.registry, None));
        if row.failed {
            return;
        }
        self.doc.format_version = d.format_version;
        self.doc.title = d.title;
        self.doc_row = Some(row.line);
    }

    fn action_plan(&mut self, row: &mut Row<'_>) {
        use schema::action_plans::C;
        let at = self.doc.action_plans.len();
        row.base = Some(format!("/action_plans/{at}"));
        let start = parse_date(row.s(C::Start));
        let plan = mapping::action_plans::read(row, &ctx(&self.registry, start));
        if !Self::register(&mut self.plans, row, C::Id.into(), "action plan", at) || row.failed {
            return;
        }
        self.doc.action_plans.push(plan);
    }

    fn plan_value(&mut self, row: &mut Row<'_>) {
        use schema::plan_values::C;
        let Some(p) = Self::parent(
            &self.plans,
            row,
            C::PlanId.into(),
            "action plan",
            "action_plans",
        ) else {
            return;
        };
        let plan = &mut self.doc.action_plans[p];
        row.base = Some(format!("/action_plans/{p}/values/{}", plan.values.len()));
        let t = mapping::plan_values::read(row, &ctx(&self.registry, None));
        if !row.failed {
            plan.values.push(t);
        }
    }

    fn population_part(&mut self, row: &mut Row<'_>) {
        use schema::population_parts::C;
        let Some(p) = Self::parent(
            &self.plans,
            row,
            C::PlanId.into(),
            "action plan",
            "action_plans",
        ) else {
            return;
        };
        let plan = &mut self.doc.action_plans[p];
        let start = Some(plan.period.start);
        let Some(pop) = plan.population.as_mut() else {
            let id = plan.id.clone();
            row.base = Some(format!("/action_plans/{p}/population"));
            parent_issue(
                row,
                C::PlanId.into(),
                "the population table of plan",
                &id,
                "action_plans (population_date, population_total)",
            );
            return;
        };
        row.base = Some(format!(
            "/action_plans/{p}/population/parts/{}",
            pop.parts.len()
        ));
        let part = mapping::population_parts::read(row, &ctx(&self.registry, start));
        if !row.failed {
            pop.parts.push(part);
        }
    }

    /// The section of plan `p` for `region`, if it exists.
    fn find_section(&mut self, p: usize, region: &str) -> Option<usize> {
        if let Some((lp, lr, ls)) = &self.last_section {
            if *lp == p && lr == region {
                return Some(*ls);
            }
        }
        let &(s, _) = self.sections.get(&(p, region.to_owned()))?;
        self.last_section = Some((p, region.to_owned(), s));
        Some(s)
    }

    /// The section of plan `p` for `region`, created when new.
    fn section_of(&mut self, p: usize, region: &str, declared_on: Option<u64>) -> usize {
        if let Some(&(s, _)) = self.sections.get(&(p, region.to_owned())) {
            return s;
        }
        let plan = &mut self.doc.action_plans[p];
        plan.sections.push(RegionalSection {
            region: region.to_owned(),
            area_kind: SectionArea::Region,
            title: None,
            period: None,
            refines_period: None,
            local_priorities: Vec::new(),
            measures: Vec::new(),
        });
        let s = plan.sections.len() - 1;
        self.sections
            .insert((p, region.to_owned()), (s, declared_on));
        s
    }

    fn section(&mut self, row: &mut Row<'_>) {
        use schema::sections::C;
        let Some(p) = Self::parent(
            &self.plans,
            row,
            C::PlanId.into(),
            "action plan",
            "action_plans",
        ) else {
            return;
        };
        let next = self.doc.action_plans[p].sections.len();
        row.base = Some(format!("/action_plans/{p}/sections/{next}"));
        let start = Some(self.doc.action_plans[p].period.start);
        let region = row.req_reg_code(reg_of(&self.registry), C::Region, start);
        if let Some(&(_, Some(first))) = self.sections.get(&(p, region.clone())) {
            duplicate_issue(row, C::Region.into(), "section of region", &region, first);
        }
        // The region is the section's key (placed here); the rest is mapped.
        let mut read = mapping::sections::read(row, &ctx(&self.registry, start));
        if !row.failed {
            let s = self.section_of(p, &region, Some(row.line));
            let sec = &mut self.doc.action_plans[p].sections[s];
            read.region = std::mem::take(&mut sec.region);
            read.local_priorities = std::mem::take(&mut sec.local_priorities);
            read.measures = std::mem::take(&mut sec.measures);
            *sec = read;
        }
    }

    fn priority(&mut self, row: &mut Row<'_>) {
        use schema::priorities::C;
        let Some(p) = Self::parent(
            &self.plans,
            row,
            C::PlanId.into(),
            "action plan",
            "action_plans",
        ) else {
            return;
        };
        let start = Some(self.doc.action_plans[p].period.start);
        let region = row.reg_code(reg_of(&self.registry), C::Region, start);
        let base = if region.is_empty() {
            format!(
                "/action_plans/{p}/priorities/{}",
                self.doc.action_plans[p].priorities.len()
            )
        } else {
            match self.sections.get(&(p, region.clone())) {
                Some(&(s, _)) => format!(
                    "/action_plans/{p}/sections/{s}/local_priorities/{}",
                    self.doc.action_plans[p].sections[s].local_priorities.len()
                ),
                None => format!(
                    "/action_plans/{p}/sections/{}/local_priorities/0",
                    self.doc.action_plans[p].sections.len()
                ),
            }
        };
        row.base = Some(base);
        fill_pointers(row);
        let pr = mapping::priorities::read(row, &ctx(&self.registry, start));
        if row.failed {
            return;
        }
        if region.is_empty() {
            self.doc.action_plans[p].priorities.push(pr);
        } else {
            let new = !self.sections.contains_key(&(p, region.clone()));
            let s = self.section_of(p, &region, None);
            if new {
                self.implicit_section(p, s, row.line, C::Region.into());
            }
            self.doc.action_plans[p].sections[s]
                .local_priorities
                .push(pr);
        }
    }

    /// The plan of a measure row ([`Builder::parent`] of its plan id), the last
    /// one found kept: plans are never re-indexed, so an id found once keeps its plan.
    fn measure_plan(&mut self, row: &mut Row<'_>) -> Option<usize> {
        use schema::measures::C;
        let id = row.s(C::PlanId);
        if let Some((last, p)) = &self.measure_plan {
            if last == id {
                return Some(*p);
            }
        }
        let p = Self::parent(
            &self.plans,
            row,
            C::PlanId.into(),
            "action plan",
            "action_plans",
        )?;
        self.measure_plan = Some((id.to_owned(), p));
        Some(p)
    }

    fn measure(&mut self, row: &mut Row<'_>) {
        use schema::measures::C;
        let Some(p) = self.measure_plan(row) else {
            return;
        };
        let cell = row.s(C::Region);
        if let Some((_, _, s, array)) = self
            .measure_regions
            .iter()
            .find(|(q, c, _, _)| *q == p && same_short(c, cell))
        {
            // As below, for a region cell read before: the same code, no note.
            let s = *s;
            let plan = &mut self.doc.action_plans[p];
            let start = Some(plan.period.start);
            let sec = &mut plan.sections[s];
            row.item = Some((Arc::clone(array), sec.measures.len()));
            fill_pointers(row);
            // Read in place, in the section's list: a measure is some 300 bytes,
            // and `read` would build it on the stack and move it twice.
            // `read_into` on a blank measure gives what `read` gives.
            // Made where it stays (`resize_with`), not on the stack and copied in.
            let len = sec.measures.len();
            self.measure_bytes += row.raw_len() as u64;
            if len == sec.measures.capacity() {
                if let Some(more) = expected_more(len, self.measure_bytes, self.table_bytes) {
                    sec.measures.reserve_exact(more);
                }
            }
            sec.measures.resize_with(len + 1, blank_measure);
            if let Some(m) = sec.measures.last_mut() {
                let ctx = ctx(&self.registry, start);
                self.fill.dates.turn_on();
                mapping::measures::read_into(row, &ctx, m, &mut self.fill);
            }
            if row.failed {
                sec.measures.truncate(len);
            }
            return;
        }
        let start = Some(self.doc.action_plans[p].period.start);
        let noted = row.issues.len();
        let region = row.req_reg_code(reg_of(&self.registry), C::Region, start);
        let plain = row.issues.len() == noted;
        let (s, index) = match self.find_section(p, &region) {
            Some(s) => (s, self.doc.action_plans[p].sections[s].measures.len()),
            None => (self.doc.action_plans[p].sections.len(), 0),
        };
        let array: Arc<str> = Arc::from(format!("/action_plans/{p}/sections/{s}/measures"));
        row.item = Some((Arc::clone(&array), index));
        fill_pointers(row);
        let m = mapping::measures::read(row, &ctx(&self.registry, start));
        if row.failed {
            return;
        }
        let s = match self.find_section(p, &region) {
            Some(s) => s,
            None => {
                let s = self.section_of(p, &region, None);
                self.implicit_section(p, s, row.line, C::Region.into());
                s
            }
        };
        self.doc.action_plans[p].sections[s].measures.push(m);
        if plain && self.measure_regions.len() < 16 {
            self.measure_regions.push((p, cell.to_owned(), s, array));
        }
    }

    fn special_task(&mut self, row: &mut Row<'_>) {
        use schema::special_tasks::C;
        let Some(p) = Self::parent(
            &self.plans,
            row,
            C::PlanId.into(),
            "action plan",
            "action_plans",
        ) else {
            return;
        };
        let t = self.doc.action_plans[p].special_tasks.len();
        row.base = Some(format!("/action_plans/{p}/special_tasks/{t}"));
        let task = mapping::special_tasks::read(row, &ctx(&self.registry, None));
        let id = task.id.clone();
        if id.trim().is_empty() {
            row.missing(C::Id);
        } else if let Some(&(_, _, first)) = self.special.get(&id) {
            duplicate_issue(row, C::Id.into(), "special task", &id, first);
        }
        if row.failed {
            return;
        }
        self.special.insert(id, (p, t, row.line));
        self.doc.action_plans[p].special_tasks.push(task);
    }

    fn special_of(
        &self,
        row: &mut Row<'_>,
        c: usize,
        plan: Option<usize>,
    ) -> Option<(usize, usize)> {
        let id = row.s(c).to_owned();
        match self.special.get(&id) {
            Some(&(p, t, _)) if plan.map_or(true, |q| q == p) => Some((p, t)),
            _ => {
                if id.trim().is_empty() {
                    row.missing(c);
                } else {
                    parent_issue(row, c, "special task", &id, "special_tasks");
                }
                None
            }
        }
    }

    fn special_task_content(&mut self, row: &mut Row<'_>) {
        use schema::special_task_content::C;
        let Some((p, t)) = self.special_of(row, C::SpecialTaskId.into(), None) else {
            return;
        };
        let task = &mut self.doc.action_plans[p].special_tasks[t];
        row.base = Some(format!(
            "/action_plans/{p}/special_tasks/{t}/content/{}",
            task.content.len()
        ));
        let text = mapping::special_task_content::read(row, &ctx(&self.registry, None));
        if !row.failed {
            task.content.push(text);
        }
    }

    fn approval(&mut self, row: &mut Row<'_>) {
        use schema::approvals::C;
        let Some(p) = Self::parent(
            &self.plans,
            row,
            C::PlanId.into(),
            "action plan",
            "action_plans",
        ) else {
            return;
        };
        let task = if row.s(C::SpecialTaskId).is_empty() {
            None
        } else {
            match self.special_of(row, C::SpecialTaskId.into(), Some(p)) {
                Some((_, t)) => Some(t),
                None => return,
            }
        };
        let plan = &self.doc.action_plans[p];
        row.base = Some(match task {
            None => format!("/action_plans/{p}/approvals/{}", plan.approvals.len()),
            Some(t) => format!(
                "/action_plans/{p}/special_tasks/{t}/approvals/{}",
                plan.special_tasks[t].approvals.len()
            ),
        });
        let a = mapping::approvals::read(row, &ctx(&self.registry, None));
        if row.failed {
            return;
        }
        let plan = &mut self.doc.action_plans[p];
        match task {
            None => plan.approvals.push(a),
            Some(t) => plan.special_tasks[t].approvals.push(a),
        }
    }

    fn revision(&mut self, row: &mut Row<'_>) {
        use schema::revisions::C;
        let Some(p) = Self::parent(
            &self.plans,
            row,
            C::PlanId.into(),
            "action plan",
            "action_plans",
        ) else {
            return;
        };
        let plan = &mut self.doc.action_plans[p];
        row.base = Some(format!(
            "/action_plans/{p}/revisions/{}",
            plan.revisions.len()
        ));
        let r = mapping::revisions::read(row, &ctx(&self.registry, None));
        if !row.failed {
            plan.revisions.push(r);
        }
    }

    fn project(&mut self, row: &mut Row<'_>) {
        use schema::projects::C;
        let at = self.doc.projects.len();
        row.base = Some(format!("/projects/{at}"));
        let start = parse_date(row.s(C::Start));
        let project = mapping::projects::read(row, &ctx(&self.registry, start));
        if !Self::register(&mut self.projects, row, C::Id.into(), "project", at) || row.failed {
            return;
        }
        self.doc.projects.push(project);
    }

    fn phase(&mut self, row: &mut Row<'_>) {
        use schema::phases::C;
        let Some(p) = Self::parent(
            &self.projects,
            row,
            C::ProjectId.into(),
            "project",
            "projects",
        ) else {
            return;
        };
        let pr = &mut self.doc.projects[p];
        row.base = Some(format!("/projects/{p}/phases/{}", pr.phases.len()));
        let ph = mapping::phases::read(row, &ctx(&self.registry, None));
        if !row.failed {
            pr.phases.push(ph);
        }
    }

    fn organisation(&mut self, row: &mut Row<'_>) {
        use schema::organisations::C;
        let Some(p) = Self::parent(
            &self.projects,
            row,
            C::ProjectId.into(),
            "project",
            "projects",
        ) else {
            return;
        };
        let pr = &mut self.doc.projects[p];
        let start = Some(pr.period.start);
        row.base = Some(format!(
            "/projects/{p}/organisations/{}",
            pr.organisations.len()
        ));
        let o = mapping::organisations::read(row, &ctx(&self.registry, start));
        if !row.failed {
            pr.organisations.push(o);
        }
    }

    fn objective(&mut self, row: &mut Row<'_>) {
        use schema::objectives::C;
        let Some(p) = Self::parent(
            &self.projects,
            row,
            C::ProjectId.into(),
            "project",
            "projects",
        ) else {
            return;
        };
        let pr = &mut self.doc.projects[p];
        row.base = Some(format!("/projects/{p}/objectives/{}", pr.objectives.len()));
        let o = mapping::objectives::read(row, &ctx(&self.registry, None));
        if !row.failed {
            pr.objectives.push(o);
        }
    }

    fn team(&mut self, row: &mut Row<'_>) {
        use schema::teams::C;
        let Some(p) = Self::parent(
            &self.projects,
            row,
            C::ProjectId.into(),
            "project",
            "projects",
        ) else {
            return;
        };
        let pr = &mut self.doc.projects[p];
        let start = Some(pr.period.start);
        let at = pr.teams.len();
        row.base = Some(format!("/projects/{p}/teams/{at}"));
        let id = row.s(C::Id);
        if let Some(&(_, first)) = self.teams.get(&(p, id.to_owned())) {
            let id = id.to_owned();
            duplicate_issue(row, C::Id.into(), "team", &id, first);
            return;
        }
        let t = mapping::teams::read(row, &ctx(&self.registry, start));
        if !row.failed {
            self.teams.insert((p, t.id.clone()), (at, row.line));
            pr.teams.push(t);
        }
    }

    fn team_listing(&mut self, row: &mut Row<'_>) {
        use schema::team_listings::C;
        let Some(p) = Self::parent(
            &self.projects,
            row,
            C::ProjectId.into(),
            "project",
            "projects",
        ) else {
            return;
        };
        let team_id = row.s(C::TeamId).to_owned();
        let pr = &mut self.doc.projects[p];
        let start = Some(pr.period.start);
        let Some(&(t, _)) = self.teams.get(&(p, team_id.clone())) else {
            if team_id.trim().is_empty() {
                row.missing(C::TeamId);
            } else {
                let pid = pr.id.clone();
                parent_issue(
                    row,
                    C::TeamId.into(),
                    "team",
                    &team_id,
                    &format!("teams (project {pid})"),
                );
            }
            return;
        };
        let team = &mut pr.teams[t];
        row.base = Some(format!(
            "/projects/{p}/teams/{t}/other_listings/{}",
            team.other_listings.len()
        ));
        let l = mapping::team_listings::read(row, &ctx(&self.registry, start));
        if !row.failed {
            team.other_listings.push(l);
        }
    }

    fn team_task(&mut self, row: &mut Row<'_>) {
        use schema::team_tasks::C;
        let Some(p) = Self::parent(
            &self.projects,
            row,
            C::ProjectId.into(),
            "project",
            "projects",
        ) else {
            return;
        };
        let team_id = row.s(C::TeamId).trim().to_owned();
        let pr = &mut self.doc.projects[p];
        let text = mapping::team_tasks::read(row, &ctx(&self.registry, None));
        if team_id.is_empty() {
            row.base = Some(format!(
                "/projects/{p}/team_common_tasks/{}",
                pr.team_common_tasks.len()
            ));
            if !row.failed {
                pr.team_common_tasks.push(text);
            }
            return;
        }
        let Some(t) = pr.teams.iter().position(|t| t.id == team_id) else {
            let pid = pr.id.clone();
            parent_issue(
                row,
                C::TeamId.into(),
                "team",
                &team_id,
                &format!("teams (project {pid})"),
            );
            return;
        };
        let team = &mut pr.teams[t];
        row.base = Some(format!(
            "/projects/{p}/teams/{t}/tasks/{}",
            team.tasks.len()
        ));
        if !row.failed {
            team.tasks.push(text);
        }
    }

    fn work_area(&mut self, row: &mut Row<'_>) {
        use schema::work_areas::C;
        let Some(p) = Self::parent(
            &self.projects,
            row,
            C::ProjectId.into(),
            "project",
            "projects",
        ) else {
            return;
        };
        let pr = &mut self.doc.projects[p];
        row.base = Some(format!("/projects/{p}/work_areas/{}", pr.work_areas.len()));
        let w = mapping::work_areas::read(row, &ctx(&self.registry, None));
        if !row.failed {
            pr.work_areas.push(w);
        }
    }

    fn funding_source(&mut self, row: &mut Row<'_>) {
        use schema::funding_sources::C;
        let Some(p) = Self::parent(
            &self.projects,
            row,
            C::ProjectId.into(),
            "project",
            "projects",
        ) else {
            return;
        };
        let scope = row.req_code::<FundingScope>(C::Scope);
        let pr = &self.doc.projects[p];
        let pid = pr.id.clone();
        let len = match (&pr.budget, scope) {
            (Some(b), FundingScope::Project) => Some(b.sources.len()),
            (
                Some(Budget {
                    annual: Some(a), ..
                }),
                FundingScope::Annual,
            ) => Some(a.sources.len()),
            _ => None,
        };
        let Some(len) = len else {
            if !row.failed {
                row.base = Some(format!("/projects/{p}/budget"));
                let (what, table) = match scope {
                    FundingScope::Project => ("the budget of project", "projects (budget_total)"),
                    FundingScope::Annual => {
                        ("the annual budget of project", "projects (annual_total)")
                    }
                };
                parent_issue(row, C::ProjectId.into(), what, &pid, table);
            }
            return;
        };
        row.base = Some(match scope {
            FundingScope::Project => format!("/projects/{p}/budget/sources/{len}"),
            FundingScope::Annual => format!("/projects/{p}/budget/annual/sources/{len}"),
        });
        let s = mapping::funding_sources::read(row, &ctx(&self.registry, None));
        if row.failed {
            return;
        }
        if let Some(b) = self.doc.projects[p].budget.as_mut() {
            match scope {
                FundingScope::Project => b.sources.push(s),
                FundingScope::Annual => {
                    if let Some(a) = b.annual.as_mut() {
                        a.sources.push(s);
                    }
                }
            }
        }
    }

    fn contribution(&mut self, row: &mut Row<'_>) {
        use schema::contributions::C;
        let Some(p) = Self::parent(
            &self.projects,
            row,
            C::ProjectId.into(),
            "project",
            "projects",
        ) else {
            return;
        };
        let pid = self.doc.projects[p].id.clone();
        let Some(annual) = self.doc.projects[p]
            .budget
            .as_mut()
            .and_then(|b| b.annual.as_mut())
        else {
            row.base = Some(format!("/projects/{p}/budget"));
            parent_issue(
                row,
                C::ProjectId.into(),
                "the annual budget of project",
                &pid,
                "projects (annual_total)",
            );
            return;
        };
        row.base = Some(format!(
            "/projects/{p}/budget/annual/contributions/{}",
            annual.contributions.len()
        ));
        let c = mapping::contributions::read(row, &ctx(&self.registry, None));
        if !row.failed {
            annual.contributions.push(c);
        }
    }

    fn network(&mut self, row: &mut Row<'_>) {
        use schema::networks::C;
        let at = self.doc.networks.len();
        row.base = Some(format!("/networks/{at}"));
        let n = mapping::networks::read(row, &ctx(&self.registry, None));
        if !Self::register(&mut self.networks, row, C::Id.into(), "network", at) || row.failed {
            return;
        }
        self.doc.networks.push(n);
    }

    fn meeting(&mut self, row: &mut Row<'_>) {
        use schema::meetings::C;
        let Some(n) = Self::parent(
            &self.networks,
            row,
            C::NetworkId.into(),
            "network",
            "networks",
        ) else {
            return;
        };
        let net = &mut self.doc.networks[n];
        row.base = Some(format!("/networks/{n}/meetings/{}", net.meetings.len()));
        let date = parse_date(row.s(C::Date));
        let m = mapping::meetings::read(row, &ctx(&self.registry, date));
        if !row.failed {
            net.meetings.push(m);
        }
    }

    fn evaluation(&mut self, row: &mut Row<'_>) {
        use schema::evaluations::C;
        let at = self.doc.evaluations.len();
        row.base = Some(format!("/evaluations/{at}"));
        let e = mapping::evaluations::read(row, &ctx(&self.registry, None));
        if !Self::register(&mut self.evaluations, row, C::Id.into(), "evaluation", at) || row.failed
        {
            return;
        }
        self.doc.evaluations.push(e);
    }

    fn indicator(&mut self, row: &mut Row<'_>) {
        use schema::indicators::C;
        let Some(e) = Self::parent(
            &self.evaluations,
            row,
            C::EvaluationId.into(),
            "evaluation",
            "evaluations",
        ) else {
            return;
        };
        let ev = &mut self.doc.evaluations[e];
        row.base = Some(format!(
            "/evaluations/{e}/indicators/{}",
            ev.indicators.len()
        ));
        let i = mapping::indicators::read(row, &ctx(&self.registry, None));
        if !row.failed {
            ev.indicators.push(i);
        }
    }

    fn programme(&mut self, row: &mut Row<'_>) {
        use schema::consultation_programmes::C;
        let at = self.doc.consultation_programmes.len();
        row.base = Some(format!("/consultation_programmes/{at}"));
        let p = mapping::consultation_programmes::read(row, &ctx(&self.registry, None));
        if !Self::register(
            &mut self.programmes,
            row,
            C::Id.into(),
            "consultation programme",
            at,
        ) || row.failed
        {
            return;
        }
        self.doc.consultation_programmes.push(p);
    }

    fn consultation(&mut self, row: &mut Row<'_>) {
        use schema::consultations::C;
        let Some(p) = Self::parent(
            &self.programmes,
            row,
            C::ProgrammeId.into(),
            "consultation programme",
            "consultation_programmes",
        ) else {
            return;
        };
        let prog = &mut self.doc.consultation_programmes[p];
        row.base = Some(format!(
            "/consultation_programmes/{p}/consultations/{}",
            prog.consultations.len()
        ));
        let c = mapping::consultations::read(row, &ctx(&self.registry, None));
        if !row.failed {
            prog.consultations.push(c);
        }
    }

    fn activity_report(&mut self, row: &mut Row<'_>) {
        use schema::activity_reports::C;
        let at = self.doc.activity_reports.len();
        row.base = Some(format!("/activity_reports/{at}"));
        let start = parse_date(row.s(C::Start));
        let r = mapping::activity_reports::read(row, &ctx(&self.registry, start));
        if !Self::register(&mut self.reports, row, C::Id.into(), "activity report", at)
            || row.failed
        {
            return;
        }
        self.doc.activity_reports.push(r);
    }

    fn priority_area(&mut self, row: &mut Row<'_>) {
        use schema::priority_areas::C;
        let Some(r) = Self::parent(
            &self.reports,
            row,
            C::ReportId.into(),
            "activity report",
            "activity_reports",
        ) else {
            return;
        };
        let rep = &mut self.doc.activity_reports[r];
        row.base = Some(format!(
            "/activity_reports/{r}/priority_areas/{}",
            rep.priority_areas.len()
        ));
        let a = mapping::priority_areas::read(row, &ctx(&self.registry, None));
        if !row.failed {
            rep.priority_areas.push(a);
        }
    }

    fn report_activity(&mut self, row: &mut Row<'_>) {
        use schema::report_activities::C;
        let Some(r) = Self::parent(
            &self.reports,
            row,
            C::ReportId.into(),
            "activity report",
            "activity_reports",
        ) else {
            return;
        };
        let rep = &mut self.doc.activity_reports[r];
        row.base = Some(format!(
            "/activity_reports/{r}/activities/{}",
            rep.activities.len()
        ));
        let t = mapping::report_activities::read(row, &ctx(&self.registry, None));
        if !row.failed {
            rep.activities.push(t);
        }
    }
}

pub(crate) fn assign(dst: &mut String, src: &str) {
    if dst.capacity() == 0 {
        // A new entity's field: one allocation of exactly the text's size.
        *dst = src.to_owned();
    } else {
        dst.clear();
        dst.push_str(src);
    }
}

#[cfg(test)]
mod tests {
    use super::expected_more;

    #[test]
    fn room_for_measures_is_guessed_from_the_bytes_read() {
        // A quarter of the file read: the section's 1 024 measures become some 4 096,
        // and 1/16 more.
        assert_eq!(expected_more(1024, 250, Some(1000)), Some(4352 - 1024));
        // Small lists, unknown sizes, nothing or everything read: the list doubles.
        assert_eq!(expected_more(1023, 250, Some(1000)), None);
        assert_eq!(expected_more(1024, 250, None), None);
        assert_eq!(expected_more(1024, 0, Some(1000)), None);
        assert_eq!(expected_more(1024, 1000, Some(1000)), None);
        // Fewer than doubling gives: doubling.
        assert_eq!(expected_more(2048, 600, Some(1000)), None);
        // Sizes past what fits in memory give no room to reserve.
        assert_eq!(expected_more(usize::MAX, 1, Some(u64::MAX)), None);
    }
}
