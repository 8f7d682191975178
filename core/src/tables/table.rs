//! A CSV file read as one table of the layout: the header mapped to the table's
//! columns (English names or Finnish/Swedish aliases), cell counts checked, and
//! each row offered as typed cells that report their own problems.

use super::encoding::{decode_utf8_lossless, Encoding};
use super::names;
use super::reader::{without_line_break, CsvSource, RawEvent, ReadOptions, MAX_RECORD_BYTES};
use super::schema::{TableSchema, ValueKind};
use super::value::{self, DecimalMark, NumError};
use super::vocab::Coded;
use crate::evaluation::Instrument;
use crate::money::{Bp, Cents};
use crate::registry::{CodeKind, Registry};
use crate::rules::{Issue, Rule, SourceLocation};
use crate::text::LocalizedText;
use chrono::NaiveDate;
use std::io::{self, Read};
use std::sync::Arc;

/// Most issues a header builds (unknown columns); the rest are only counted and
/// show in the report's `report.truncated` summary.
pub(crate) const MAX_HEADER_ISSUES: usize = 10_000;

/// Puts the item of a list cell in an issue's `value` (the cell's whole text is
/// there by default).
fn set_value(issue: &mut Issue, value: &str) {
    for (k, v) in issue.args.iter_mut() {
        if *k == "value" {
            value.clone_into(v);
        }
    }
}

/// Adds to an issue with the builder methods of [`Issue`].
fn amend(issue: &mut Issue, f: impl FnOnce(Issue) -> Issue) {
    let rule = issue.rule;
    let taken = std::mem::replace(issue, Issue::new(rule, ""));
    *issue = f(taken);
}

/// True for an empty cell or one of white space only.
#[inline]
fn blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        // The usual case, decided by the first byte.
        Some(b) if b.is_ascii() && !b.is_ascii_whitespace() => false,
        Some(_) => s.trim().is_empty(),
    }
}

pub(crate) trait BlankCell {
    fn is_blank_cell(&self) -> bool;
}

impl BlankCell for str {
    fn is_blank_cell(&self) -> bool {
        blank(self)
    }
}

/// The index of the first field of `raw` (one record as it stands in the input)
/// that is quoted and holds a quote that is neither doubled nor the closing one
/// (`"Skype "for" Business"`): a CSV parser would silently reshape it.
pub(crate) fn stray_quote(raw: &[u8], delimiter: u8) -> Option<usize> {
    memchr::memchr(b'"', raw)?;
    let (mut i, mut field) = (0, 0);
    loop {
        if raw.get(i) == Some(&b'"') {
            i += 1;
            loop {
                i += memchr::memchr(b'"', raw.get(i..)?)? + 1;
                match raw.get(i) {
                    Some(b'"') => i += 1,
                    None => return None,
                    Some(&c) if c == delimiter => break,
                    Some(b'\r' | b'\n') => return None,
                    Some(_) => return Some(field),
                }
            }
        } else {
            i += memchr::memchr(delimiter, raw.get(i..)?)?;
        }
        // `raw[i]` is the delimiter that ends this field.
        i += 1;
        field += 1;
    }
}

/// True when `raw` holds a stray quote (see [`stray_quote`]), found by walking
/// its quotes only — one memchr per quote, not one per field — so that a record
/// with a quoted field (a title with a comma) costs little. [`stray_quote`] then
/// finds the field. A quote opens a field only right after a delimiter (or at the
/// start): inside an unquoted field it is text, and quoted fields are skipped whole.
///
/// `quotes`, when known, is how many bytes the CSV parser took out of the record
/// besides its delimiters ([`CsvSource::quote_bytes`]): each quoted field
/// accounts for its two quotes and one of each doubled pair, and once they are
/// all accounted for, no quoted field (and so no stray quote) is left — the rest
/// of the record is not searched. `Some(0)`: no quoted field at all.
fn has_stray_quote(raw: &[u8], delimiter: u8, mut quotes: Option<usize>) -> bool {
    if quotes == Some(0) {
        return false;
    }
    let mut from = 0;
    while let Some(q) = raw.get(from..).and_then(|r| memchr::memchr(b'"', r)) {
        let i = from + q;
        if i > 0 && raw[i - 1] != delimiter {
            from = i + 1;
            continue;
        }
        let mut j = i + 1;
        let mut doubled = 0;
        loop {
            let Some(k) = raw.get(j..).and_then(|r| memchr::memchr(b'"', r)) else {
                return false;
            };
            j += k + 1;
            match raw.get(j) {
                Some(b'"') => {
                    j += 1;
                    doubled += 1;
                }
                Some(&c) if c == delimiter => break,
                Some(b'\r' | b'\n') | None => return false,
                Some(_) => return true,
            }
        }
        // A quoted field, closed and followed by a delimiter.
        quotes = quotes.and_then(|q| q.checked_sub(2 + doubled));
        if quotes == Some(0) {
            return false;
        }
        from = j + 1;
    }
    false
}

/// Each slot's field index, [`NO_FIELD`] for a column the file lacks: a cell
/// look-up then tests one index instead of an `Option` and an index.
pub(crate) fn slots_of(field_of_slot: &[Option<usize>]) -> Vec<usize> {
    field_of_slot
        .iter()
        .map(|f| f.unwrap_or(NO_FIELD))
        .collect()
}

/// The field index of a column the file lacks (no row has that many fields).
pub(crate) const NO_FIELD: usize = usize::MAX;

/// An empty vector of cells given another lifetime, keeping its allocation (a
/// vector of references becomes one of references of the same size in place).
pub(crate) fn reuse<'b>(mut v: Vec<&str>) -> Vec<&'b str> {
    v.clear();
    v.into_iter().map(|_| "").collect()
}

/// Cuts `text` into its fields, field `i` being `text[bounds[i]..bounds[i + 1] - gap]`,
/// appended to `cells` (emptied first): `gap` bytes after each field are skipped
/// (see [`CsvSource::fields_raw`]). False, with `cells` incomplete, when a bound is
/// not a character boundary of `text` (or not in it).
fn cut_fields<'a>(text: &'a str, bounds: &[usize], gap: usize, cells: &mut Vec<&'a str>) -> bool {
    cells.clear();
    cut_fields_onto(text, bounds, gap, cells)
}

/// [`cut_fields`] without emptying `cells` first: the fields are added after
/// those in it.
pub(crate) fn cut_fields_onto<'a>(
    text: &'a str,
    bounds: &[usize],
    gap: usize,
    cells: &mut Vec<&'a str>,
) -> bool {
    let start = cells.len();
    cells.resize(start + bounds.len().saturating_sub(1), "");
    match cells.get_mut(start..) {
        Some(places) => cut_fields_into(text, bounds, gap, places),
        None => false,
    }
}

/// [`cut_fields`] into `places`, made beforehand, one for each field (false when
/// they are not as many).
#[inline]
pub(crate) fn cut_fields_into<'a>(
    text: &'a str,
    bounds: &[usize],
    gap: usize,
    places: &mut [&'a str],
) -> bool {
    // One loop for each gap the reader gives, so that the usual one is not slowed
    // by a gap it does not have.
    match gap {
        0 => cut_fields_no_gap(text, bounds, places),
        1 => cut_fields_after_gap(text, bounds, places),
        _ => false,
    }
}

/// [`cut_fields_into`] with a gap of one byte (a row split quickly; on the
/// splitting thread of `parallel.rs`, every row of a large file): each field is
/// split off the rest of the text with its gap, one character-boundary test, and
/// the gap dropped as the field's last character, which must be ASCII. That
/// accepts exactly what slicing `text[bounds[i]..bounds[i + 1] - 1]` for each field
/// does once every bound is a boundary (a field and its gap of valid text end in
/// an ASCII character just when the byte before the bound starts one), with one
/// test of the text's bytes a field fewer than splitting the gap off as well:
/// `Batch::seal` 109.8 -> 106.4 M instructions on the 200 000-row measures table.
#[inline(always)]
fn cut_fields_after_gap<'a>(text: &'a str, bounds: &[usize], places: &mut [&'a str]) -> bool {
    let (mut rest, first, ends) = match fields_start(text, bounds, places.len()) {
        Ok(start) => start,
        Err(done) => return done,
    };
    let mut at = first;
    for (place, &end) in places.iter_mut().zip(ends) {
        // A bound before the last one wraps to past the text: refused.
        let Some((with_gap, after)) = rest.split_at_checked(end.wrapping_sub(at)) else {
            return false;
        };
        // No character boundary test: the last character is decoded from the end.
        let mut chars = with_gap.chars();
        match chars.next_back() {
            Some(c) if c.is_ascii() => *place = chars.as_str(),
            _ => return false,
        }
        rest = after;
        at = end;
    }
    true
}

/// Where the fields of `bounds` start: the text from the first bound on, that bound
/// and the fields' ends; `Err` with the cut's answer when there is nothing to cut (no
/// bounds: true when no field is wanted either) or it cannot be made (not `fields`
/// ends, or a first bound outside the text or not a character boundary).
#[inline(always)]
fn fields_start<'a, 'b>(
    text: &'a str,
    bounds: &'b [usize],
    fields: usize,
) -> Result<(&'a str, usize, &'b [usize]), bool> {
    let Some((&first, ends)) = bounds.split_first() else {
        return Err(fields == 0);
    };
    if ends.len() != fields {
        return Err(false);
    }
    match text.get(first..) {
        Some(rest) => Ok((rest, first, ends)),
        None => Err(false),
    }
}

/// [`cut_fields_into`] with no gap.
#[inline(always)]
fn cut_fields_no_gap<'a>(text: &'a str, bounds: &[usize], places: &mut [&'a str]) -> bool {
    let (mut rest, first, ends) = match fields_start(text, bounds, places.len()) {
        Ok(start) => start,
        Err(done) => return done,
    };
    // One character-boundary test per field: each field is split
    // off the rest, into its place. A plain loop over the places keeps its state in
    // registers (an `extend` with a closure kept it in memory, and a `push` reads
    // and writes the vector's length at each cell: about 30 instructions a cell
    // either way, `BENCHMARKS.md`).
    let mut at = first;
    for (place, &end) in places.iter_mut().zip(ends) {
        let Some((field, after)) = rest.split_at_checked(end.wrapping_sub(at)) else {
            return false;
        };
        *place = field;
        rest = after;
        at = end;
    }
    true
}

/// Cuts the cells of a row of a table given in memory (field `i` is
/// `text[bounds[i]..bounds[i + 1]]`) onto `cells`, emptied beforehand. Every bound
/// of a `Records` row is a character boundary (its cells were appended as whole
/// `&str`s): the cells are split off one after the other, one boundary test each, in
/// a plain loop (`cut_fields_into`; an `extend` with `get` at both ends of each cell
/// cost about 36 instructions a cell). Were a bound not one, every cell is cut as
/// before, a bad one empty.
#[inline]
fn cut_in_memory<'a>(text: &'a str, bounds: &[usize], cells: &mut Vec<&'a str>) {
    if !cut_fields_onto(text, bounds, 0, cells) {
        cells.clear();
        cells.extend(
            bounds
                .windows(2)
                .map(|b| text.get(b[0]..b[1]).unwrap_or_default()),
        );
    }
}

/// A row that could not be loaded, kept as it stood in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRow {
    /// The physical line the row starts on.
    pub line: u64,
    /// The row's text as decoded from the file, without its line break.
    pub text: String,
    /// The codes of the issues that rejected it.
    pub codes: Vec<String>,
}

/// One step of reading a table.
pub(crate) enum Step<'a> {
    /// A row with the right number of cells, valid text.
    Row(Row<'a>),
    /// A row rejected before its cells were read (cell count, text, quoting).
    Rejected(RejectedRow, Vec<Issue>),
}

/// A CSV file read as a table.
pub(crate) struct TableReader<R> {
    src: CsvSource<R>,
    pub(crate) schema: &'static TableSchema,
    pub(crate) file: Option<String>,
    decimal: DecimalMark,
    names: Vec<String>,
    field_of_slot: Vec<Option<usize>>,
    /// `field_of_slot` for the rows ([`slots_of`]).
    slots: Vec<usize>,
    width: usize,
    pub(crate) header_line: u64,
    pub(crate) header_text: String,
    pub(crate) header_issues: Vec<Issue>,
    /// Unknown columns beyond [`MAX_HEADER_ISSUES`], counted but not listed.
    pub(crate) header_unlisted: u64,
    /// A required column is missing: every row is rejected.
    pub(crate) unusable: bool,
    /// Rows read (blank rows not counted).
    pub(crate) rows: u64,
    done: bool,
    /// The allocation of the last row's cells, given back by [`Row::spare`].
    spare: Vec<&'static str>,
    /// False when the rows' cells are cut later, by [`Row::fields_and_raw`]'s user
    /// (`parallel.rs`): a row split quickly then has none (see `next_row`).
    cut: bool,
}

fn loc(
    file: &Option<String>,
    line: u64,
    column: Option<u64>,
    field: Option<&str>,
) -> SourceLocation {
    SourceLocation {
        file: file.clone(),
        line: Some(line),
        column,
        field: field.map(str::to_owned),
        sheet: None,
    }
}

/// A table's columns as a [`SourceMap`](crate::SourceMap) source: for each column
/// of `schema`, the path it fills, its 0-based position in the header (when the
/// header has it) and its name as the header writes it.
pub(crate) fn source_columns(
    schema: &TableSchema,
    field_of_slot: &[Option<usize>],
    names: &[String],
) -> Vec<(&'static str, Option<u64>, String)> {
    schema
        .columns
        .iter()
        .zip(field_of_slot)
        .map(|(c, &f)| {
            let name = f
                .and_then(|f| names.get(f).cloned())
                .unwrap_or_else(|| c.name.to_owned());
            (c.path, f.and_then(|f| u64::try_from(f).ok()), name)
        })
        .collect()
}

/// A header mapped to a table's columns.
pub(crate) struct HeaderMap {
    /// For each column of the schema, the field that holds it.
    pub(crate) field_of_slot: Vec<Option<usize>>,
    /// Fields up to the last named one.
    pub(crate) width: usize,
    /// Duplicate, unknown and missing columns.
    pub(crate) issues: Vec<Issue>,
    /// A required column is missing: every row is rejected.
    pub(crate) unusable: bool,
    /// Unknown columns beyond [`MAX_HEADER_ISSUES`], counted but not listed.
    pub(crate) unlisted: u64,
}

/// Maps header names (English or Finnish/Swedish aliases) to the columns of `schema`,
/// reporting duplicate, unknown and missing columns at `line` (the header's). Shared
/// by CSV files and tables given in memory.
pub(crate) fn map_header(
    schema: &TableSchema,
    names: &[String],
    file: &Option<String>,
    line: Option<u64>,
) -> HeaderMap {
    let mut map = HeaderMap {
        field_of_slot: vec![None; schema.columns.len()],
        width: names
            .iter()
            .rposition(|n| !n.is_empty())
            .map_or(0, |i| i + 1),
        issues: Vec::new(),
        unusable: false,
        unlisted: 0,
    };
    let at = |column: Option<u64>, field: Option<&str>| SourceLocation {
        file: file.clone(),
        line,
        column,
        field: field.map(str::to_owned),
        sheet: None,
    };
    let table = schema.name();
    for (i, name) in names.iter().enumerate().take(map.width) {
        let col = u64::try_from(i + 1).unwrap_or(u64::MAX);
        match schema.column_index(name) {
            Some(s) => match map.field_of_slot[s] {
                Some(first) => {
                    let mut issue = Issue::new(Rule::CsvDuplicateColumn, "")
                        .arg("column", name)
                        .arg("first", first + 1);
                    issue.location = Some(at(Some(col), Some(name)));
                    map.issues.push(issue);
                }
                None => map.field_of_slot[s] = Some(i),
            },
            None if map.unlisted > 0 || map.issues.len() >= MAX_HEADER_ISSUES => {
                // Counted, not built: memory stays bounded for any header.
                map.unlisted += 1;
            }
            None => {
                let shown = if name.is_empty() {
                    format!("#{}", i + 1)
                } else {
                    name.clone()
                };
                let mut issue = Issue::new(Rule::CsvUnknownColumn, "")
                    .arg("column", &shown)
                    .arg("table", table);
                issue.location = Some(at(Some(col), Some(&shown)));
                map.issues.push(issue);
            }
        }
    }
    for (s, c) in schema.columns.iter().enumerate() {
        if c.required && map.field_of_slot[s].is_none() {
            let mut issue = Issue::new(Rule::CsvMissingColumn, "")
                .arg("table", table)
                .arg("column", c.name);
            issue.location = Some(at(None, Some(c.name)));
            map.issues.push(issue);
            map.unusable = true;
        }
    }
    map
}

impl<R: Read> TableReader<R> {
    /// Opens `src` as table `schema`, reading its header.
    pub(crate) fn new(
        src: R,
        file: Option<String>,
        schema: &'static TableSchema,
        opts: &ReadOptions,
    ) -> io::Result<TableReader<R>> {
        let src = CsvSource::new(src, opts)?;
        let mut me = TableReader {
            src,
            schema,
            file,
            decimal: opts.decimal,
            names: Vec::new(),
            field_of_slot: vec![None; schema.columns.len()],
            slots: vec![NO_FIELD; schema.columns.len()],
            width: 0,
            header_line: 1,
            header_text: String::new(),
            header_issues: Vec::new(),
            header_unlisted: 0,
            unusable: false,
            rows: 0,
            done: false,
            spare: Vec::new(),
            cut: true,
        };
        if matches!(me.src.encoding, Encoding::Windows1252 | Encoding::Iso8859_1) {
            me.header_issues.push(
                Issue::new(Rule::CsvEncoding, "")
                    .arg("encoding", me.src.encoding.as_str())
                    .arg("how", me.src.encoding_source.as_str()),
            );
            me.header_issues.last_mut().into_iter().for_each(|i| {
                i.location = Some(SourceLocation {
                    file: me.file.clone(),
                    ..Default::default()
                })
            });
        }
        me.read_header()?;
        Ok(me)
    }

    fn read_header(&mut self) -> io::Result<()> {
        let line = match self.src.next()? {
            RawEvent::Record { line, .. } => line,
            RawEvent::TooLarge { line } => {
                self.header_issues.push(self.too_large(line));
                self.done = true;
                return Ok(());
            }
            RawEvent::End => {
                self.done = true;
                return Ok(());
            }
        };
        self.header_line = line;
        self.header_text = self.src.raw_text();
        self.names = (0..self.src.field_count())
            .map(|i| {
                let (s, _) = decode_utf8_lossless(self.src.field(i));
                s.trim().trim_start_matches('\u{feff}').trim().to_owned()
            })
            .collect();
        let map = map_header(self.schema, &self.names, &self.file, Some(line));
        self.width = map.width;
        self.field_of_slot = map.field_of_slot;
        self.slots = slots_of(&self.field_of_slot);
        self.header_issues.extend(map.issues);
        self.unusable = map.unusable;
        self.header_unlisted = map.unlisted;
        Ok(())
    }

    fn too_large(&self, line: u64) -> Issue {
        let mut i = Issue::new(Rule::CsvRecordTooLarge, "").arg("limit", MAX_RECORD_BYTES);
        i.location = Some(loc(&self.file, line, None, None));
        i
    }

    /// The table's columns as a source of a [`SourceMap`](crate::SourceMap).
    pub(crate) fn source_columns(&self) -> Vec<(&'static str, Option<u64>, String)> {
        source_columns(self.schema, &self.field_of_slot, &self.names)
    }

    /// The encoding the file was decoded with.
    pub(crate) fn encoding(&self) -> Encoding {
        self.src.encoding
    }

    /// How the encoding was chosen.
    pub(crate) fn encoding_source(&self) -> super::reader::EncodingSource {
        self.src.encoding_source
    }

    /// The delimiter in use.
    pub(crate) fn delimiter(&self) -> u8 {
        self.src.delimiter
    }

    /// What a row of this table refers to besides its cells: each column's field
    /// ([`slots_of`]), the header's names, the file's name, the decimal mark. A
    /// row rebuilt with [`Row::in_batch`] from these and [`Row::fields_and_raw`] is
    /// the row [`TableReader::next_row`] gave (`parallel.rs`).
    pub(crate) fn row_frame(&self) -> (&[usize], &[String], &Option<String>, DecimalMark) {
        (&self.slots, &self.names, &self.file, self.decimal)
    }

    /// Rows from now on come without their cells when they were split quickly
    /// (`cut` false): only [`Row::fields_and_raw`] is of use then.
    pub(crate) fn cut_cells(&mut self, cut: bool) {
        self.cut = cut;
    }

    /// Takes back a row's cell allocation ([`Row::spare`]) for the next row.
    pub(crate) fn recycle(&mut self, spare: Vec<&'static str>) {
        self.spare = spare;
    }

    fn rejected(&self, line: u64, issues: &[Issue]) -> RejectedRow {
        RejectedRow {
            line,
            text: self.src.raw_text(),
            codes: issues.iter().map(|i| i.code().to_owned()).collect(),
        }
    }

    /// The next row, or `None` at the end of the file.
    pub(crate) fn next_row(&mut self) -> io::Result<Option<Step<'_>>> {
        loop {
            if self.done {
                return Ok(None);
            }
            let (line, unclosed) = match self.src.next()? {
                RawEvent::Record { line, unclosed } => (line, unclosed),
                RawEvent::TooLarge { line } => {
                    self.done = true;
                    self.rows += 1;
                    let issue = self.too_large(line);
                    let row = RejectedRow {
                        line,
                        text: String::new(),
                        codes: vec![issue.code().to_owned()],
                    };
                    return Ok(Some(Step::Rejected(row, vec![issue])));
                }
                RawEvent::End => {
                    self.done = true;
                    return Ok(None);
                }
            };
            let n = self.src.field_count();
            if self.src.fields_empty() {
                continue;
            }
            self.rows += 1;
            if unclosed {
                let mut issue = Issue::new(Rule::CsvUnclosedQuote, "");
                issue.location = Some(loc(&self.file, line, None, None));
                let issues = vec![issue];
                return Ok(Some(Step::Rejected(self.rejected(line, &issues), issues)));
            }
            // A record with no quoted field (the usual Excel row) is not searched,
            // nor the rest of one once its quoted fields are accounted for.
            let quotes = self.src.quote_bytes();
            let stray = (quotes != Some(0)
                && has_stray_quote(self.src.raw(), self.src.delimiter, quotes))
            .then(|| stray_quote(self.src.raw(), self.src.delimiter))
            .flatten();
            if let Some(i) = stray {
                let name = self.names.get(i).cloned().unwrap_or_default();
                let mut issue = Issue::new(Rule::CsvStrayQuote, "")
                    .arg("column", &name)
                    .arg("value", self.src.shown(self.src.field(i)));
                issue.location = Some(loc(
                    &self.file,
                    line,
                    Some(u64::try_from(i + 1).unwrap_or(u64::MAX)),
                    Some(&name),
                ));
                let issues = vec![issue];
                return Ok(Some(Step::Rejected(self.rejected(line, &issues), issues)));
            }
            if self.unusable {
                let row = RejectedRow {
                    line,
                    text: self.src.raw_text(),
                    codes: vec![Rule::CsvMissingColumn.code().to_owned()],
                };
                return Ok(Some(Step::Rejected(row, Vec::new())));
            }
            if n > self.width {
                if let Some(extra) = (self.width..n).find(|&i| !self.src.field(i).is_empty()) {
                    let value = decode_utf8_lossless(self.src.field(extra)).0;
                    let mut issue = Issue::new(Rule::CsvTooManyCells, "")
                        .arg("count", n)
                        .arg("expected", self.width)
                        .arg("value", value);
                    issue.location = Some(loc(
                        &self.file,
                        line,
                        Some(u64::try_from(extra + 1).unwrap_or(u64::MAX)),
                        None,
                    ));
                    let issues = vec![issue];
                    return Ok(Some(Step::Rejected(self.rejected(line, &issues), issues)));
                }
            } else if n < self.width {
                let mut issue = Issue::new(Rule::CsvTooFewCells, "")
                    .arg("count", n)
                    .arg("expected", self.width);
                issue.location = Some(loc(&self.file, line, None, None));
                let issues = vec![issue];
                return Ok(Some(Step::Rejected(self.rejected(line, &issues), issues)));
            }
            // Text: valid UTF-8 (always so for legacy encodings, which were decoded),
            // and every field boundary a character boundary: each field cut out of
            // the text once, here, for the row's cell look-ups.
            let (bytes, bounds, gap) = self.src.fields_raw();
            let mut cells = reuse(std::mem::take(&mut self.spare));
            // A record split quickly (gap 1) has a bound just past each delimiter
            // and one just past its line break's first byte, in order: with an
            // ASCII delimiter, every bound of valid UTF-8 text is then one it cuts
            // at (an ASCII byte is a whole character, and what follows it starts
            // one), so its cells need not be cut here when cut later.
            let text = simdutf8::basic::from_utf8(bytes).ok().filter(|t| {
                (!self.cut && gap == 1 && self.src.delimiter.is_ascii())
                    || cut_fields(t, bounds, gap, &mut cells)
            });
            let Some(text) = text else {
                self.spare = reuse(cells);
                // Find the first invalid field, even one the table does not read.
                let i = (0..n)
                    .find(|&i| std::str::from_utf8(self.src.field(i)).is_err())
                    .unwrap_or(0);
                let name = self.names.get(i).cloned().unwrap_or_default();
                let mut issue = Issue::new(Rule::CsvInvalidText, "")
                    .arg("column", &name)
                    .arg("encoding", self.src.encoding.as_str())
                    .arg("value", self.src.shown(self.src.field(i)));
                issue.location = Some(loc(
                    &self.file,
                    line,
                    Some(u64::try_from(i + 1).unwrap_or(u64::MAX)),
                    Some(&name),
                ));
                let issues = vec![issue];
                return Ok(Some(Step::Rejected(self.rejected(line, &issues), issues)));
            };
            return Ok(Some(Step::Row(Row {
                cells,
                text,
                bounds,
                gap,
                slots: &self.slots,
                names: &self.names,
                schema: self.schema,
                file: &self.file,
                line,
                decimal: self.decimal,
                raw: Some(self.src.segment()),
                base: None,
                item: None,
                issues: Vec::new(),
                failed: false,
            })));
        }
    }
}

/// One row's cells, read by column, each problem reported with its place.
#[cfg_attr(test, derive(Clone))]
pub(crate) struct Row<'a> {
    /// The row's fields, in the order of the file's columns.
    cells: Vec<&'a str>,
    /// The same fields as cut from one text: field `i` is
    /// `text[bounds[i]..bounds[i + 1] - gap]` (see [`cut_fields`]).
    text: &'a str,
    bounds: &'a [usize],
    gap: usize,
    /// Each column's field index, [`NO_FIELD`] when the file lacks it.
    slots: &'a [usize],
    names: &'a [String],
    schema: &'static TableSchema,
    pub(crate) file: &'a Option<String>,
    pub(crate) line: u64,
    decimal: DecimalMark,
    /// The row's text as it stands in the input, line break included; `None` for
    /// a row of a table given in memory, whose text is its cells as a CSV line,
    /// written only when asked for ([`Row::raw_text`]: a rejected row).
    raw: Option<&'a [u8]>,
    /// The JSON Pointer of the entity this row becomes, when known (and not
    /// `item`).
    pub(crate) base: Option<String>,
    /// The entity this row becomes as an item of an array: the array's pointer
    /// and the item's index. Set instead of `base` for the rows of a large table
    /// (measures), so that no pointer is written out unless an issue needs it.
    pub(crate) item: Option<(Arc<str>, usize)>,
    pub(crate) issues: Vec<Issue>,
    pub(crate) failed: bool,
}

impl<'a> Row<'a> {
    /// A row of a table given in memory (`records.rs`): field `i` is
    /// `text[bounds[i]..bounds[i + 1]]`; `spare` an allocation for its cells
    /// ([`Row::spare`]). Its text, when a rejected row needs it, is its cells as a
    /// CSV line.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn in_memory(
        text: &'a str,
        bounds: &'a [usize],
        slots: &'a [usize],
        names: &'a [String],
        schema: &'static TableSchema,
        file: &'a Option<String>,
        line: u64,
        decimal: DecimalMark,
        spare: Vec<&'static str>,
    ) -> Row<'a> {
        let mut cells = reuse(spare);
        cut_in_memory(text, bounds, &mut cells);
        Row {
            cells,
            text,
            bounds,
            gap: 0,
            slots,
            names,
            schema,
            file,
            line,
            decimal,
            raw: None,
            base: None,
            item: None,
            issues: Vec::new(),
            failed: false,
        }
    }

    /// Makes this row of a table given in memory ([`Row::in_memory`]) the next row
    /// of the same part, as [`Row::in_memory`] would make it, keeping its
    /// allocations (its cells' and its issues'): the rows of a part share their
    /// columns, file and everything else.
    #[inline]
    pub(crate) fn next_in_memory(&mut self, text: &'a str, bounds: &'a [usize], line: u64) {
        self.cells.clear();
        cut_in_memory(text, bounds, &mut self.cells);
        self.text = text;
        self.bounds = bounds;
        self.line = line;
        self.base = None;
        self.item = None;
        self.issues.clear();
        self.failed = false;
    }

    /// A row as [`Row::fields_and_raw`] gave it, handed over in a batch of
    /// `parallel.rs` with its `cells` already cut out of `text` (see
    /// [`Row::in_memory`] for the rest).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn in_batch(
        text: &'a str,
        bounds: &'a [usize],
        gap: usize,
        cells: &[&'a str],
        slots: &'a [usize],
        names: &'a [String],
        schema: &'static TableSchema,
        file: &'a Option<String>,
        line: u64,
        decimal: DecimalMark,
        raw: &'a [u8],
        spare: Vec<&'static str>,
    ) -> Row<'a> {
        let mut own = reuse(spare);
        own.extend_from_slice(cells);
        Row {
            cells: own,
            text,
            bounds,
            gap,
            slots,
            names,
            schema,
            file,
            line,
            decimal,
            raw: Some(raw),
            base: None,
            item: None,
            issues: Vec::new(),
            failed: false,
        }
    }

    /// Makes this row of a batch ([`Row::in_batch`]) the batch's next row, as
    /// [`Row::in_batch`] would make it, keeping its allocations (its cells' and its
    /// issues'): the rows of a batch share their text and everything else.
    #[inline]
    pub(crate) fn next_in_batch(
        &mut self,
        bounds: &'a [usize],
        gap: usize,
        cells: &[&'a str],
        line: u64,
        raw: &'a [u8],
    ) {
        self.cells.clear();
        self.cells.extend_from_slice(cells);
        self.bounds = bounds;
        self.gap = gap;
        self.line = line;
        self.raw = Some(raw);
        self.base = None;
        self.item = None;
        self.issues.clear();
        self.failed = false;
    }

    /// The cell of column `c` as written ("" when the column is absent). Inlined
    /// always: a measures row asks for about forty cells, and the call costs as
    /// much as the look-up.
    #[inline(always)]
    pub(crate) fn s(&self, c: impl Into<usize>) -> &'a str {
        let Some(&i) = self.slots.get(c.into()) else {
            return "";
        };
        // `NO_FIELD` is past every row's fields.
        value::unguard(self.cells.get(i).copied().unwrap_or(""))
    }

    /// The row's fields as one text, their bounds in it and the gap after each
    /// (field `i` is `text[bounds[i]..bounds[i + 1] - gap]`), and the row's text as
    /// it stands in the input, line break included.
    pub(crate) fn fields_and_raw(&self) -> (&'a str, &'a [usize], usize, &'a [u8]) {
        (
            self.text,
            self.bounds,
            self.gap,
            self.raw.unwrap_or_default(),
        )
    }

    /// The length of the row's text as it stands in the input (0 for a row of a
    /// table given in memory).
    #[inline]
    pub(crate) fn raw_len(&self) -> usize {
        self.raw.map_or(0, <[u8]>::len)
    }

    /// The allocation of the row's cells, emptied, for the reader's next row
    /// ([`TableReader::recycle`]).
    pub(crate) fn spare(&mut self) -> Vec<&'static str> {
        let mut cells = std::mem::take(&mut self.cells);
        cells.clear();
        reuse(cells)
    }

    /// The JSON Pointer of the entity this row becomes, when known.
    pub(crate) fn pointer(&self) -> Option<String> {
        match &self.item {
            Some((array, index)) => Some(format!("{array}/{index}")),
            None => self.base.clone(),
        }
    }

    /// The row's text as it stood in the file.
    pub(crate) fn raw_text(&self) -> String {
        match self.raw {
            Some(raw) => decode_utf8_lossless(without_line_break(raw)).0,
            None => {
                let mut line = String::new();
                super::records::csv_line(
                    &mut line,
                    self.bounds
                        .windows(2)
                        .map(|b| self.text.get(b[0]..b[1]).unwrap_or_default()),
                );
                line
            }
        }
    }

    /// This row as rejected.
    pub(crate) fn rejected(&self) -> RejectedRow {
        RejectedRow {
            line: self.line,
            text: self.raw_text(),
            codes: self.issues.iter().map(|i| i.code().to_owned()).collect(),
        }
    }

    /// An issue about column `c`, with its place and raw value.
    pub(crate) fn issue(&mut self, rule: Rule, c: impl Into<usize>) -> &mut Issue {
        let c = c.into();
        let col = self.schema.columns.get(c);
        let field = self.slots.get(c).copied().filter(|&f| f != NO_FIELD);
        let name = field
            .and_then(|f| self.names.get(f).cloned())
            .or_else(|| col.map(|c| c.name.to_owned()))
            .unwrap_or_default();
        let pointer = match (self.pointer(), col) {
            (Some(b), Some(col)) => b + col.path,
            (Some(b), None) => b,
            _ => String::new(),
        };
        let value = self.s(c).to_owned();
        let mut issue = Issue::new(rule, pointer)
            .arg("column", &name)
            .arg("value", value);
        issue.location = Some(SourceLocation {
            file: self.file.clone(),
            line: Some(self.line),
            column: field.map(|f| u64::try_from(f + 1).unwrap_or(u64::MAX)),
            field: Some(name),
            sheet: None,
        });
        if rule.severity() == crate::rules::Severity::Error {
            self.failed = true;
        }
        self.issues.push(issue);
        let last = self.issues.len() - 1;
        &mut self.issues[last]
    }

    fn num_issue(&mut self, e: NumError, rule: Rule, c: usize) {
        match e {
            NumError::Ambiguous(sep) => {
                let i = self.issue(Rule::CsvAmbiguousNumber, c);
                i.args.push(("separator", sep.to_string()));
            }
            NumError::Bad => {
                self.issue(rule, c);
            }
        }
    }

    pub(crate) fn missing(&mut self, c: impl Into<usize>) {
        self.issue(Rule::CsvMissingValue, c);
    }

    /// True when any of the columns has a non-empty cell.
    #[inline]
    pub(crate) fn any(&self, cols: &[usize]) -> bool {
        cols.iter().any(|&c| !self.s(c).is_blank_cell())
    }

    /// True when any of the columns has a cell that is not empty, be it only white
    /// space: for a part whose text fields may hold just spaces (a consultant).
    #[inline]
    pub(crate) fn any_written(&self, cols: &[usize]) -> bool {
        cols.iter().any(|&c| !self.s(c).is_empty())
    }

    /// The cell, when not empty.
    #[inline]
    pub(crate) fn opt_str(&self, c: impl Into<usize>) -> Option<&'a str> {
        let s = self.s(c);
        (!s.is_empty()).then_some(s)
    }

    /// A cell that must not be empty (blank is reported).
    #[inline]
    pub(crate) fn req_str(&mut self, c: impl Into<usize>) -> &'a str {
        let c = c.into();
        let s = self.s(c);
        if blank(s) {
            self.missing(c);
        }
        s
    }

    /// A list of text into `out`, reusing its strings. Inlined as far as an empty
    /// cell into an empty list (a third of the measures have no partners), which
    /// leaves `out` as it is: the call is made for a list to read.
    #[inline]
    pub(crate) fn list_into(&self, c: impl Into<usize>, out: &mut Vec<String>) {
        let cell = self.s(c);
        if cell.is_empty() && out.is_empty() {
            return;
        }
        Self::list_into_cell(cell, out);
    }

    /// [`Row::list_into`] from the cell's text.
    #[inline(never)]
    fn list_into_cell(cell: &str, out: &mut Vec<String>) {
        if out.capacity() == 0 {
            // A new entity's list (partners): allocated at its size when it has one
            // or two items, not at four (half the memory of a usual partners list).
            value::parse_list_into(cell, out, |s| Some(s.to_owned()));
            return;
        }
        let mut n = 0;
        for item in value::list_items(cell) {
            match out.get_mut(n) {
                Some(s) => {
                    s.clear();
                    s.push_str(&item);
                }
                None => out.push(item.into_owned()),
            }
            n += 1;
        }
        out.truncate(n);
    }

    /// Text, verbatim.
    pub(crate) fn text(&self, c: impl Into<usize>) -> String {
        self.s(c).to_owned()
    }

    /// Text; `None` when empty.
    pub(crate) fn opt_text(&self, c: impl Into<usize>) -> Option<String> {
        let s = self.s(c);
        (!s.is_empty()).then(|| s.to_owned())
    }

    /// Three language columns.
    pub(crate) fn loc(
        &self,
        fi: impl Into<usize>,
        sv: impl Into<usize>,
        en: impl Into<usize>,
    ) -> LocalizedText {
        LocalizedText {
            fi: self.opt_text(fi),
            sv: self.opt_text(sv),
            en: self.opt_text(en),
        }
    }

    /// Three language columns; `None` when all are empty.
    pub(crate) fn opt_loc(
        &self,
        fi: impl Into<usize>,
        sv: impl Into<usize>,
        en: impl Into<usize>,
    ) -> Option<LocalizedText> {
        let t = self.loc(fi, sv, en);
        (t.fi.is_some() || t.sv.is_some() || t.en.is_some()).then_some(t)
    }

    /// A date; `None` when empty or bad (bad is reported).
    pub(crate) fn date(&mut self, c: impl Into<usize>) -> Option<NaiveDate> {
        let c = c.into();
        let s = self.s(c);
        if s.is_blank_cell() {
            return None;
        }
        self.date_of(c, s)
    }

    /// A date from the cell `s` of column `c`, not blank (bad is reported).
    #[inline]
    pub(crate) fn date_of(&mut self, c: usize, s: &str) -> Option<NaiveDate> {
        self.date_by(c, s, value::parse_date)
    }

    /// The date `parse` reads from `s`, the text of cell `c`; an issue when none.
    #[inline(always)]
    pub(crate) fn date_by(
        &mut self,
        c: usize,
        s: &str,
        parse: impl FnOnce(&str) -> Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        let d = parse(s);
        if d.is_none() {
            self.issue(Rule::CsvBadDate, c);
        }
        d
    }

    /// A date that must be there.
    pub(crate) fn req_date(&mut self, c: impl Into<usize>) -> NaiveDate {
        let c = c.into();
        let s = self.s(c);
        if s.is_blank_cell() {
            self.missing(c);
            return NaiveDate::default();
        }
        self.date_of(c, s).unwrap_or_default()
    }

    /// A whole number in `min..=max`; `None` when empty or bad.
    pub(crate) fn int(&mut self, c: impl Into<usize>, min: i128, max: i128) -> Option<i128> {
        let c = c.into();
        let s = self.s(c);
        if s.is_blank_cell() {
            return None;
        }
        self.int_of(c, s, min, max)
    }

    /// A whole number in `min..=max` from the cell `s` of column `c`, not blank
    /// (bad is reported).
    fn int_of(&mut self, c: usize, s: &str, min: i128, max: i128) -> Option<i128> {
        match value::parse_int(s, self.decimal, min, max) {
            Ok(v) => Some(v),
            Err(e) => {
                let (mi, ma) = (min.to_string(), max.to_string());
                self.num_issue(e, Rule::CsvBadInteger, c);
                if let Some(i) = self.issues.last_mut() {
                    if i.rule == Rule::CsvBadInteger {
                        i.args.push(("min", mi));
                        i.args.push(("max", ma));
                    }
                }
                None
            }
        }
    }

    /// A `u32`; `None` when empty or bad.
    pub(crate) fn u32(&mut self, c: impl Into<usize>) -> Option<u32> {
        self.int(c, 0, i128::from(u32::MAX))
            .and_then(|v| u32::try_from(v).ok())
    }

    /// A `u32` from the cell `s` of column `c`, not blank (bad is reported).
    pub(crate) fn u32_of(&mut self, c: usize, s: &str) -> Option<u32> {
        self.int_of(c, s, 0, i128::from(u32::MAX))
            .and_then(|v| u32::try_from(v).ok())
    }

    /// A `u32` that must be there.
    pub(crate) fn req_u32(&mut self, c: impl Into<usize>) -> u32 {
        let c = c.into();
        if self.s(c).is_blank_cell() {
            self.missing(c);
        }
        self.u32(c).unwrap_or_default()
    }

    /// A `u64`; `None` when empty or bad.
    pub(crate) fn u64(&mut self, c: impl Into<usize>) -> Option<u64> {
        self.int(c, 0, i128::from(u64::MAX))
            .and_then(|v| u64::try_from(v).ok())
    }

    /// Money; `None` when empty or bad.
    pub(crate) fn money(&mut self, c: impl Into<usize>) -> Option<Cents> {
        let c = c.into();
        let s = self.s(c);
        if s.is_blank_cell() {
            return None;
        }
        match value::parse_cents(s, self.decimal) {
            Ok(v) => Some(v),
            Err(e) => {
                self.num_issue(e, Rule::CsvBadMoney, c);
                None
            }
        }
    }

    /// Money that must be there.
    pub(crate) fn req_money(&mut self, c: impl Into<usize>) -> Cents {
        let c = c.into();
        if self.s(c).is_blank_cell() {
            self.missing(c);
        }
        self.money(c).unwrap_or_default()
    }

    /// A percentage; `None` when empty or bad.
    pub(crate) fn percent(&mut self, c: impl Into<usize>) -> Option<Bp> {
        let c = c.into();
        let s = self.s(c);
        if s.is_blank_cell() {
            return None;
        }
        match value::parse_percent(s, self.decimal) {
            Ok(v) => Some(v),
            Err(e) => {
                self.num_issue(e, Rule::CsvBadPercent, c);
                None
            }
        }
    }

    /// A number; `None` when empty or bad.
    pub(crate) fn number(&mut self, c: impl Into<usize>) -> Option<f64> {
        let c = c.into();
        let s = self.s(c);
        if s.is_blank_cell() {
            return None;
        }
        match value::parse_f64(s, self.decimal) {
            Ok(v) => Some(v),
            Err(e) => {
                self.num_issue(e, Rule::CsvBadNumber, c);
                None
            }
        }
    }

    /// Yes/no; `None` when empty or bad.
    pub(crate) fn bool(&mut self, c: impl Into<usize>) -> Option<bool> {
        let c = c.into();
        let s = self.s(c);
        if s.is_blank_cell() {
            return None;
        }
        match value::parse_bool(s) {
            Some(b) => Some(b),
            None => {
                let yes = crate::text::LocalizedText::en("true")
                    .with(crate::text::Lang::Fi, "kyllä")
                    .with(crate::text::Lang::Sv, "ja");
                let no = crate::text::LocalizedText::en("false")
                    .with(crate::text::Lang::Fi, "ei")
                    .with(crate::text::Lang::Sv, "nej");
                let i = self.issue(Rule::CsvBadValue, c);
                i.args.push(("allowed", "true, false".to_owned()));
                i.names.push(("allowed", "true".to_owned(), yes));
                i.names.push(("allowed", "false".to_owned(), no));
                None
            }
        }
    }

    fn bad_value(&mut self, c: usize, vocab: &super::vocab::Vocab) {
        let allowed = vocab.allowed();
        let (names, labels) = allowed.parts();
        let i = self.issue(Rule::CsvBadValue, c);
        i.args.push(("allowed", names.clone()));
        i.names.reserve(labels.len());
        for (name, label) in labels {
            i.names.push(("allowed", (*name).to_owned(), label.clone()));
        }
    }

    /// One value of a code list; `None` when empty or bad.
    #[inline]
    pub(crate) fn code<T: Coded>(&mut self, c: impl Into<usize>) -> Option<T> {
        let c = c.into();
        let s = self.s(c);
        if s.is_blank_cell() {
            return None;
        }
        self.code_of(c, s)
    }

    /// One value of a code list from the cell `s` of column `c`, not blank (bad
    /// is reported).
    pub(crate) fn code_of<T: Coded>(&mut self, c: usize, s: &str) -> Option<T> {
        let v = T::parse(s);
        if v.is_none() {
            self.bad_value(c, T::VOCAB);
        }
        v
    }

    /// One value of a code list that must be there.
    #[inline]
    pub(crate) fn req_code<T: Coded>(&mut self, c: impl Into<usize>) -> T {
        let c = c.into();
        let s = self.s(c);
        if s.is_blank_cell() {
            self.missing(c);
            return T::ALL[0];
        }
        self.code_of(c, s).unwrap_or(T::ALL[0])
    }

    /// A registry code cell of column `c` (`Code(..)` in the schema): the code, or
    /// the code of the name written there, resolved on the map of `date` (the
    /// registry's latest map when `None`); see `names.rs`.
    pub(crate) fn reg_code(
        &mut self,
        reg: &Registry,
        c: impl Into<usize>,
        date: Option<NaiveDate>,
    ) -> String {
        let c = c.into();
        let s = self.s(c);
        if s.is_empty() {
            return String::new();
        }
        self.reg_item(reg, c, s, date)
    }

    /// [`Row::reg_code`] for a cell that must not be empty.
    pub(crate) fn req_reg_code(
        &mut self,
        reg: &Registry,
        c: impl Into<usize>,
        date: Option<NaiveDate>,
    ) -> String {
        let c = c.into();
        if self.s(c).is_blank_cell() {
            self.missing(c);
            return self.s(c).to_owned();
        }
        self.reg_code(reg, c, date)
    }

    /// [`Row::reg_code`]; `None` when empty.
    pub(crate) fn opt_reg_code(
        &mut self,
        reg: &Registry,
        c: impl Into<usize>,
        date: Option<NaiveDate>,
    ) -> Option<String> {
        let c = c.into();
        if self.s(c).is_empty() {
            return None;
        }
        Some(self.reg_code(reg, c, date))
    }

    /// A list of registry codes or names (`148|Sodankylä, Utsjoki`), each item
    /// resolved as [`Row::reg_code`] does.
    pub(crate) fn reg_code_list(
        &mut self,
        reg: &Registry,
        c: impl Into<usize>,
        date: Option<NaiveDate>,
    ) -> Vec<String> {
        let c = c.into();
        let mut out = Vec::new();
        for (j, item) in names::code_list_items(self.s(c)).into_iter().enumerate() {
            let before = self.issues.len();
            out.push(self.reg_item(reg, c, &item, date));
            // The item's own pointer (`…/area_municipalities/1`).
            for i in self.issues[before..].iter_mut() {
                if !i.pointer.is_empty() {
                    i.pointer.push_str(&format!("/{j}"));
                }
            }
        }
        out
    }

    fn reg_item(
        &mut self,
        reg: &Registry,
        c: usize,
        item: &str,
        date: Option<NaiveDate>,
    ) -> String {
        let kinds = match self.schema.columns.get(c).map(|col| col.kind) {
            Some(ValueKind::Code(what)) => names::kinds_of(what),
            Some(ValueKind::List(ValueKind::Code(what))) => names::kinds_of(what),
            _ => &[],
        };
        if kinds.is_empty() {
            return item.to_owned();
        }
        let map_date = match date {
            Some(d) => reg.effective_date(d),
            None => names::latest_date(reg),
        };
        let named = |list: &[(CodeKind, String)]| -> Vec<(String, LocalizedText)> {
            list.iter()
                .map(|(k, code)| (code.clone(), names::names_of(reg, *k, code)))
                .collect()
        };
        let value = item.trim().to_owned();
        match names::resolve(reg, kinds, item, map_date) {
            names::Resolved::Kept => item.trim().to_owned(),
            names::Resolved::Name(kind, code) => {
                let rule = if date.is_some() {
                    Rule::CsvNameResolved
                } else {
                    Rule::CsvNameResolvedLatest
                };
                let names = names::names_of(reg, kind, &code);
                let issue = self.issue(rule, c);
                set_value(issue, &value);
                amend(issue, |i| {
                    i.arg("kind", kind.as_str())
                        .arg_name("code", &code, &names)
                        .arg_date("date", map_date)
                });
                code
            }
            names::Resolved::Ambiguous(list) => {
                let list = named(&list);
                let issue = self.issue(Rule::CsvAmbiguousName, c);
                set_value(issue, &value);
                amend(issue, |i| {
                    i.arg("kind", names::kinds_label(kinds))
                        .arg_date("date", map_date)
                        .arg_names(
                            "candidates",
                            list.iter().map(|(code, n)| (code.as_str(), Some(n))),
                        )
                });
                value
            }
            names::Resolved::Unknown(list) => {
                let list = named(&list);
                let issue = self.issue(Rule::CsvUnknownName, c);
                set_value(issue, &value);
                amend(issue, |i| {
                    let i = i.arg("kind", names::kinds_label(kinds));
                    if list.is_empty() {
                        i.arg("suggestions", "–")
                    } else {
                        i.arg_names(
                            "suggestions",
                            list.iter().map(|(code, n)| (code.as_str(), Some(n))),
                        )
                    }
                });
                value
            }
        }
    }

    /// A list of code-list values.
    pub(crate) fn code_list<T: Coded>(&mut self, c: impl Into<usize>) -> Vec<T> {
        let mut out = Vec::new();
        self.code_list_into(c, &mut out);
        out
    }

    /// A list of code-list values, appended to `out`.
    #[inline]
    pub(crate) fn code_list_into<T: Coded>(&mut self, c: impl Into<usize>, out: &mut Vec<T>) {
        let c = c.into();
        if !value::parse_list_into(self.s(c), out, T::parse) {
            self.bad_value(c, T::VOCAB);
        }
    }

    /// A list of dates, appended to `out`, read through `memo`.
    #[inline]
    pub(crate) fn date_list_into_in(
        &mut self,
        c: impl Into<usize>,
        out: &mut Vec<NaiveDate>,
        memo: &mut value::DateMemo,
    ) {
        let c = c.into();
        if !value::parse_list_into(self.s(c), out, |s| memo.parse(s)) {
            self.issue(Rule::CsvBadDate, c);
        }
    }

    /// A list of instruments into `out`, reusing its allocation.
    #[inline]
    pub(crate) fn instruments_into(&mut self, c: impl Into<usize>, out: &mut Vec<Instrument>) {
        let c = c.into();
        out.clear();
        if !value::parse_list_into(self.s(c), out, super::vocab::parse_instrument) {
            self.bad_value(c, &super::vocab::INSTRUMENT);
        }
    }
}

#[cfg(test)]
mod stray_tests {
    use super::*;

    /// Every string of up to `len` symbols from `alphabet`, the empty one first.
    fn every_string(alphabet: &[u8], len: usize) -> Vec<Vec<u8>> {
        let mut all: Vec<Vec<u8>> = vec![Vec::new()];
        let mut last = all.clone();
        for _ in 0..len {
            last = last
                .iter()
                .flat_map(|r| {
                    alphabet.iter().map(move |&a| {
                        let mut r = r.clone();
                        r.push(a);
                        r
                    })
                })
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    /// The quick check agrees with [`stray_quote`] on every record of up to eight
    /// symbols from an alphabet of text, delimiters, quotes and line breaks.
    #[test]
    fn the_quick_check_agrees_with_stray_quote() {
        let records = every_string(b"a,\"\n", 8);
        let (mut stray, mut clean) = (0, 0);
        for r in &records {
            let found = stray_quote(r, b',');
            assert_eq!(
                has_stray_quote(r, b',', None),
                found.is_some(),
                "{:?}",
                String::from_utf8_lossy(r)
            );
            if found.is_some() {
                stray += 1;
            } else {
                clean += 1;
            }
        }
        assert!(
            stray > 5_000 && clean > 50_000,
            "{stray} stray, {clean} clean"
        );
    }

    /// The quick check with the parser's count of quote bytes (which stops once
    /// the quoted fields are accounted for, or does not start when there is
    /// none) answers as the whole walk does, and a record with no quote bytes has
    /// no quoted field: every file of up to seven symbols from text, delimiters,
    /// quotes, LF and CR, and files that end in a quoted field left open over line
    /// breaks after a stray quote and a quote in an unquoted field (`x","a"b,"` and
    /// three LFs: as many bytes as a record with no quoted field would have).
    #[test]
    fn counting_quote_bytes_changes_no_answer() {
        let mut files = every_string(b"a,\"\n\r", 7);
        for lfs in 0..6 {
            let mut f = b"x\",\"a\"b,\"".to_vec();
            f.extend(std::iter::repeat_n(b'\n', lfs));
            files.push(f);
        }
        let opts = ReadOptions {
            delimiter: Some(b','),
            ..ReadOptions::default()
        };
        let (mut none, mut counted, mut unknown, mut stray) = (0, 0, 0, 0);
        for f in &files {
            let mut src = CsvSource::new(&f[..], &opts).unwrap();
            while let RawEvent::Record { .. } = src.next().unwrap() {
                let raw = src.raw();
                let shown = String::from_utf8_lossy(f);
                let quotes = src.quote_bytes();
                let walked = has_stray_quote(raw, b',', None);
                assert_eq!(has_stray_quote(raw, b',', quotes), walked, "{shown:?}");
                let opens = raw.first() == Some(&b'"') || raw.windows(2).any(|w| w == b",\"");
                match quotes {
                    Some(0) => {
                        assert!(!opens, "{shown:?}");
                        none += 1;
                    }
                    Some(_) => {
                        assert!(opens, "{shown:?}");
                        counted += 1;
                    }
                    None => unknown += 1,
                }
                stray += usize::from(walked);
            }
        }
        assert!(
            none > 80_000 && counted > 30_000 && unknown > 5_000 && stray > 5_000,
            "{none} with none, {counted} counted, {unknown} unknown, {stray} stray"
        );
    }
}

#[cfg(test)]
mod cut_tests {
    use super::*;

    /// The check and cut before [`cut_fields`]: every bound a character boundary
    /// (or the end), then each field sliced out on its own.
    fn by_bounds<'a>(text: &'a str, bounds: &[usize]) -> Option<Vec<&'a str>> {
        let b = text.as_bytes();
        let ok = bounds.iter().fold(true, |ok, &e| {
            ok & b.get(e).map_or(e == b.len(), |&c| (c as i8) >= -0x40)
        });
        ok.then(|| {
            bounds
                .windows(2)
                .map(|w| text.get(w[0]..w[1]).unwrap_or(""))
                .collect()
        })
    }

    /// [`cut_fields`] accepts exactly the bounds the fold over every bound
    /// accepted (for the nondecreasing bounds the CSV parser gives) and gives the
    /// same fields: every cut of short texts of one- to four-byte characters
    /// into up to four fields, and random texts and bounds.
    #[test]
    fn cutting_agrees_with_slicing_by_bounds() {
        let texts = [
            "",
            "a",
            "ab",
            "ö",
            "aö",
            "öa",
            "€",
            "a€b",
            "😀",
            "ö€😀x",
            "a,ö",
        ];
        let mut cells = Vec::new();
        let mut checked = 0;
        for text in texts {
            let len = text.len();
            // Up to four fields: 1 + 3 inner bounds, each in 0..=len + 1.
            for inner in 0..=3 {
                let mut idx = vec![0usize; inner];
                loop {
                    let mut bounds = vec![0];
                    bounds.extend(idx.iter().copied());
                    bounds.push(len);
                    if bounds.windows(2).all(|w| w[0] <= w[1]) {
                        let want = by_bounds(text, &bounds);
                        let got = cut_fields(text, &bounds, 0, &mut cells);
                        assert_eq!(got, want.is_some(), "{text:?} {bounds:?}");
                        if let Some(want) = want {
                            assert_eq!(cells, want, "{text:?} {bounds:?}");
                        }
                        checked += 1;
                    }
                    // Next combination of inner bounds.
                    let mut k = 0;
                    while k < inner {
                        idx[k] += 1;
                        if idx[k] <= len + 1 {
                            break;
                        }
                        idx[k] = 0;
                        k += 1;
                    }
                    if k == inner {
                        break;
                    }
                }
            }
        }
        assert_eq!(checked, 719);
        // Random texts and nondecreasing bounds, past the end included.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let alphabet = ["a", ",", "ö", "€", "😀", "\"", ""];
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..next() % 12 {
                text.push_str(alphabet[(next() % 7) as usize]);
            }
            let len = text.len();
            let mut bounds: Vec<usize> = (0..next() % 8)
                .map(|_| (next() % (len as u64 + 2)) as usize)
                .collect();
            bounds.sort_unstable();
            bounds.insert(0, 0);
            bounds.push(if next() % 8 == 0 { len + 1 } else { len });
            bounds.sort_unstable();
            let want = by_bounds(&text, &bounds);
            let mut cells = Vec::new();
            assert_eq!(cut_fields(&text, &bounds, 0, &mut cells), want.is_some());
            if let Some(want) = want {
                assert_eq!(cells, want, "{text:?} {bounds:?}");
            }
        }
    }

    /// With a gap of one byte after each field (the quick split's delimiter or line
    /// break), [`cut_fields`] accepts exactly the bounds whose fields all slice
    /// and whose last bound is in the text, and gives those fields: random texts
    /// of one- to four-byte characters and delimiters, random nondecreasing bounds
    /// (past the end included) and bounds where the delimiters are.
    #[test]
    fn cutting_with_a_gap_agrees_with_slicing_by_bounds() {
        fn by_gap<'a>(text: &'a str, bounds: &[usize]) -> Option<Vec<&'a str>> {
            text.get(*bounds.last()?..)?;
            bounds
                .windows(2)
                .map(|w| text.get(w[0]..w[1].checked_sub(1)?))
                .collect()
        }
        let mut x: u64 = 0x1234_5678_9ABC_DEF1;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let alphabet = ["a", ",", "ö", "€", "😀", "\"", "\n"];
        let (mut accepted, mut refused) = (0, 0);
        for k in 0..40_000 {
            let mut text = String::new();
            for _ in 0..next() % 12 {
                text.push_str(alphabet[(next() % 7) as usize]);
            }
            text.push('\n');
            let len = text.len();
            let bounds: Vec<usize> = if k % 2 == 0 {
                // As the quick split gives them: after each delimiter, and the end.
                let mut b = vec![0];
                b.extend(text.match_indices(',').map(|(i, _)| i + 1));
                b.push(len);
                b
            } else {
                let mut b: Vec<usize> = (0..next() % 8)
                    .map(|_| (next() % (len as u64 + 2)) as usize)
                    .collect();
                b.push(if next() % 8 == 0 { len + 1 } else { len });
                b.sort_unstable();
                b.insert(0, 0);
                b
            };
            let want = by_gap(&text, &bounds);
            let mut cells = Vec::new();
            let got = cut_fields(&text, &bounds, 1, &mut cells);
            assert_eq!(got, want.is_some(), "{text:?} {bounds:?}");
            if let Some(want) = want {
                assert_eq!(cells, want, "{text:?} {bounds:?}");
                accepted += 1;
            } else {
                refused += 1;
            }
        }
        assert!(
            accepted > 20_000 && refused > 10_000,
            "{accepted} / {refused}"
        );
    }

    /// A row's cells give their allocation back for the next row.
    #[test]
    fn spare_cells_keep_their_allocation() {
        let mut v: Vec<&str> = Vec::with_capacity(40);
        v.extend(["a", "b"]);
        let ptr = v.as_ptr() as usize;
        let spare: Vec<&'static str> = reuse(v);
        assert!(spare.is_empty());
        assert_eq!(spare.capacity(), 40);
        assert_eq!(spare.as_ptr() as usize, ptr);
    }
}

#[cfg(test)]
mod quick_tests {
    use super::super::reader::{QuickMode, QUICK_MODE};
    use super::super::schema::document;
    use super::*;

    /// Every string of up to `len` symbols from `symbols`, the empty one first.
    fn every_text(symbols: &[&[u8]], len: usize) -> Vec<Vec<u8>> {
        let mut all: Vec<Vec<u8>> = vec![Vec::new()];
        let mut last = all.clone();
        for _ in 0..len {
            last = last
                .iter()
                .flat_map(|r| {
                    symbols.iter().map(move |a| {
                        let mut r = r.clone();
                        r.extend_from_slice(a);
                        r
                    })
                })
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    /// What the raw reader gives for `input`, record by record: the event, the
    /// fields, the text, the quote count and the fields as a row cuts them.
    #[allow(clippy::type_complexity)]
    fn raw_reading(input: &[u8], opts: &ReadOptions, mode: QuickMode) -> Vec<String> {
        raw_reading_counted(input, opts, mode).0
    }

    /// [`raw_reading`] and the number of records split quickly.
    fn raw_reading_counted(
        input: &[u8],
        opts: &ReadOptions,
        mode: QuickMode,
    ) -> (Vec<String>, u64) {
        QUICK_MODE.with(|q| q.set(mode));
        let mut src = CsvSource::new(input, opts).unwrap();
        QUICK_MODE.with(|q| q.set(QuickMode::Usual));
        let mut out = Vec::new();
        loop {
            let ev = src.next().unwrap();
            let fields: Vec<&[u8]> = (0..src.field_count()).map(|i| src.field(i)).collect();
            let (bytes, bounds, gap) = src.fields_raw();
            let mut cells = Vec::new();
            let cut = simdutf8::basic::from_utf8(bytes)
                .is_ok_and(|t| cut_fields(t, bounds, gap, &mut cells));
            assert_eq!(src.fields_empty(), fields.iter().all(|f| f.is_empty()));
            out.push(format!(
                "{ev:?} {fields:?} raw {:?} seg {:?} quotes {:?} cut {}",
                src.raw(),
                src.segment(),
                src.quote_bytes(),
                if cut {
                    format!("{cells:?}")
                } else {
                    "invalid".into()
                }
            ));
            if ev == RawEvent::End {
                return (out, src.quick_records);
            }
        }
    }

    /// What a table reader gives for `input`: the header, then each step.
    fn table_reading(input: &[u8], opts: &ReadOptions, mode: QuickMode) -> Vec<String> {
        QUICK_MODE.with(|q| q.set(mode));
        let tr = TableReader::new(input, Some("document.csv".into()), &document::TABLE, opts);
        QUICK_MODE.with(|q| q.set(QuickMode::Usual));
        let mut tr = tr.unwrap();
        let mut out = vec![format!(
            "{} {:?} {:?} {:?} {:?} {}",
            tr.header_line, tr.header_text, tr.names, tr.header_issues, tr.field_of_slot, tr.width
        )];
        while let Some(step) = tr.next_row().unwrap() {
            out.push(match step {
                Step::Row(row) => format!("row {} {:?} {:?}", row.line, row.cells, row.raw),
                Step::Rejected(row, issues) => format!("rejected {row:?} {issues:?}"),
            });
        }
        out.push(format!("{} rows", tr.rows));
        out
    }

    /// The quick split gives what `csv_core` gives, record by record and row by
    /// row, for every text of up to six symbols from the delimiter, a quote, CR,
    /// LF, a letter, a two-byte character and a byte that is not UTF-8, read as it
    /// stands, after a header and after a `sep=` line.
    #[test]
    fn the_quick_split_agrees_with_csv_core_on_every_short_text() {
        let symbols: &[&[u8]] = &[b",", b"\"", b"\r", b"\n", b"a", "ö".as_bytes(), b"\xFF"];
        let texts = every_text(symbols, 6);
        assert_eq!(texts.len(), 137_257);
        let utf8 = ReadOptions {
            encoding: Some(Encoding::Utf8),
            delimiter: Some(b','),
            ..ReadOptions::default()
        };
        let (mut quick, mut records) = (0, 0);
        for (k, t) in texts.iter().enumerate() {
            let shown = String::from_utf8_lossy(t);
            let (want, none) = raw_reading_counted(t, &utf8, QuickMode::Never);
            assert_eq!(none, 0);
            let (got, n) = raw_reading_counted(t, &utf8, QuickMode::Always);
            assert_eq!(got, want, "{shown:?}");
            assert_eq!(raw_reading(t, &utf8, QuickMode::Usual), want, "{shown:?}");
            records += want.len() - 1;
            quick += n;
            let mut file = b"format_version,title\r\n".to_vec();
            file.extend_from_slice(t);
            assert_eq!(
                table_reading(&file, &utf8, QuickMode::Always),
                table_reading(&file, &utf8, QuickMode::Never),
                "{shown:?}"
            );
            // Every seventh text also as a file of its own and after a `sep=` line,
            // with the encoding and the delimiter detected.
            if k % 7 == 0 {
                let detect = ReadOptions::default();
                assert_eq!(
                    raw_reading(t, &detect, QuickMode::Always),
                    raw_reading(t, &detect, QuickMode::Never)
                );
                let mut sep = b"sep=,\n".to_vec();
                sep.extend_from_slice(t);
                assert_eq!(
                    table_reading(&sep, &detect, QuickMode::Always),
                    table_reading(&sep, &detect, QuickMode::Never),
                    "{shown:?}"
                );
            }
        }
        // Of 212 790 records, 83 848 have no quote and end in a line break.
        assert_eq!((records, quick), (212_790, 83_848));
    }

    /// The same on long random files (several chunks, so records cross the
    /// buffer's end), with few quotes, every kind of line break and blank lines, a
    /// byte-order mark (two, once), in UTF-8, Windows-1252 and UTF-16.
    #[test]
    fn the_quick_split_agrees_with_csv_core_on_long_random_files() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let pieces: &[&[u8]] = &[
            b"a",
            b"abc",
            b"12.3.2024",
            b"",
            "ö".as_bytes(),
            "€".as_bytes(),
            b" ",
        ];
        for round in 0..12 {
            let delimiter = [b',', b';', b'\t'][round % 3];
            let mut file = match round {
                3 => b"\xEF\xBB\xBF".to_vec(),
                4 => b"\xEF\xBB\xBF\xEF\xBB\xBF".to_vec(),
                _ => Vec::new(),
            };
            file.extend_from_slice(b"format_version");
            file.push(delimiter);
            file.extend_from_slice(b"title\n");
            while file.len() < 3 * super::super::reader::CHUNK {
                for f in 0..1 + next(4) {
                    if f > 0 {
                        file.push(delimiter);
                    }
                    match next(40) {
                        0 => file.extend_from_slice(b"\"q\"\"x\""),
                        1 => file.push(b'"'),
                        2 => file.extend_from_slice(b"\"a\nb\""),
                        3 if round == 5 => file.push(0x9A),
                        4 if round == 6 => file.push(0xFF),
                        _ => file.extend_from_slice(pieces[next(pieces.len() as u64) as usize]),
                    }
                }
                let brk: &[u8] = match round {
                    7 => b"\r",
                    8 => b"\r\n",
                    _ => [&b"\n"[..], b"\r\n", b"\r", b"\n\n", b"\r\n\r\n"][next(5) as usize],
                };
                file.extend_from_slice(brk);
            }
            if round == 9 {
                file.truncate(file.len() - 1);
            }
            let opts = ReadOptions::default();
            let input = match round {
                // UTF-16 LE with its byte-order mark.
                10 => {
                    let text = String::from_utf8_lossy(&file).into_owned();
                    let mut b = vec![0xFF, 0xFE];
                    b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                    b
                }
                // Windows-1252 (detected).
                11 => String::from_utf8_lossy(&file)
                    .chars()
                    .map(|c| match c {
                        'ö' => 0xF6,
                        '€' => 0x80,
                        c => c as u8,
                    })
                    .collect(),
                _ => file,
            };
            let want = raw_reading(&input, &opts, QuickMode::Never);
            let (got, always) = raw_reading_counted(&input, &opts, QuickMode::Always);
            assert_eq!(got, want, "round {round}");
            let (got, usual) = raw_reading_counted(&input, &opts, QuickMode::Usual);
            assert_eq!(got, want, "round {round}");
            // Most records have no quote: most are split quickly, fewer with the
            // back-off after each quoted one.
            let records = want.len() as u64;
            assert!(records > 5000, "round {round}: {records}");
            assert!(
                always * 10 > records * 6 && usual < always && usual * 2 > always,
                "round {round}: {records} records, {always} / {usual} quick"
            );
            let (a, b) = (
                table_reading(&input, &opts, QuickMode::Always),
                table_reading(&input, &opts, QuickMode::Never),
            );
            assert_eq!(a.len(), b.len(), "round {round}");
            for (a, b) in a.iter().zip(&b) {
                assert_eq!(a, b, "round {round}");
            }
        }
    }
}
