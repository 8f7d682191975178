//! Excel workbooks (feature `xlsx`): a document as one sheet per table of the
//! layout, read from `.xlsx`, `.xlsm`, `.xlsb`, `.xls` and `.ods` with `calamine`
//! and written as `.xlsx` with `rust_xlsxwriter`.
//!
//! A sheet is a table when its name is the table's name or its Finnish or Swedish
//! alias (`measures`, `toimenpiteet`, `åtgärder`), the same names the CSV files
//! take. Its cells are typed: a date-formatted cell or an Excel date serial in a
//! date column is a date; a number is a number (money to the cent, a municipality
//! code typed as the number `5` is read as `005`); text is kept verbatim, so a code
//! written as the text `005` stays `005`. The sheet's rows then go through the same
//! checks as a CSV table's, and every issue names the workbook, the sheet, the row
//! and the column (`SourceLocation::sheet`, `line` = row, `column` = 1 for `A`).
//!
//! Reading an `.xlsx` sheet streams its cells (calamine's cell reader), so a lone
//! measures sheet of any size is checked in bounded memory
//! ([`with_measures_sheet`]); the other formats are read a sheet at a time.
//!
//! Written workbooks hold one sheet per non-empty table, English column names in a
//! frozen header row, dates as Excel dates (`d.m.yyyy`), money as numbers with a
//! euro format, percentages as numbers (75,5 for 75,5 %), yes/no as booleans, and
//! ids, codes and text as text.

use super::cells::column_letters;
use super::encoding::Encoding;
use super::export::write_tables;
use super::import::{read_tables, Imported};
use super::measures::MeasureReader;
use super::reader::ReadOptions;
use super::schema::{table_for_file, TableSchema, ValueKind};
use super::value::{self, DecimalMark, Dialect};
use super::xlsx_check::check_package;
use crate::rules::{Issue, Rule, SourceLocation};
use crate::text::Lang;
use crate::Document;
use calamine::{Data, DataRef, Reader, Sheets};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, Read, Seek};
use std::path::Path;
use std::rc::Rc;

/// A workbook that could not be read or written at all.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    /// The file is not a workbook calamine can read, or is damaged (calamine's text).
    #[error("the file could not be read as a workbook: {0}")]
    Read(String),
    /// The workbook could not be written (a value too long for a cell, disk full…;
    /// rust_xlsxwriter's or the system's text).
    #[error("the workbook could not be written: {0}")]
    Write(String),
    /// No sheet of that name (`with_measures_sheet`).
    #[error("no sheet named {0:?} in the workbook")]
    NoSheet(String),
    /// A part of an `.xlsx`/`.xlsm` package holds a cell reference that is not a
    /// cell of Excel's grid, or a range that ends before it starts; found before
    /// calamine reads the package (see `xlsx_check`), which would compute with it
    /// unchecked.
    #[error("{part:?}: {problem} (the attribute {attribute:?} of the XML element {element:?}: {value:?})")]
    Reference {
        /// The package part (`xl/worksheets/sheet1.xml`).
        part: String,
        /// The element: `dimension`, `row` or `c`.
        element: &'static str,
        /// The attribute: `ref` or `r`.
        attribute: &'static str,
        /// The reference as written (at most 40 characters).
        value: String,
        /// What is wrong with it.
        problem: RefProblem,
    },
    /// calamine failed inside (a panic caught by the reader): the text is its own.
    #[error("the workbook's structure could not be read (the reading library failed: {0})")]
    Structure(String),
}

/// What is wrong with a reference in a workbook ([`WorkbookError::Reference`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefProblem {
    /// Not a cell reference (`A1`) or range (`A1:C9`) at all.
    NotACell,
    /// A cell past Excel's 1 048 576 rows or 16 384 columns.
    OutsideGrid,
    /// A range that ends before it starts (`B2:A1`).
    Reversed,
    /// A start tag longer than the reader keeps whole (1 MiB).
    TagTooLong,
}

impl std::fmt::Display for RefProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RefProblem::NotACell => "not a cell reference or range",
            RefProblem::OutsideGrid => {
                "a cell outside a worksheet's 1,048,576 rows and 16,384 columns"
            }
            RefProblem::Reversed => "a range that ends before it starts",
            RefProblem::TagTooLong => "a start tag longer than 1 MiB",
        })
    }
}

/// One cell as the sheet holds it.
#[derive(Debug, Clone, PartialEq)]
enum Val<'a> {
    Empty,
    Str(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(Option<NaiveDateTime>),
    Iso(Cow<'a, str>),
    Error(String),
}

impl<'a> From<DataRef<'a>> for Val<'a> {
    fn from(d: DataRef<'a>) -> Val<'a> {
        match d {
            DataRef::Empty => Val::Empty,
            DataRef::String(s) => Val::Str(Cow::Owned(s)),
            DataRef::SharedString(s) => Val::Str(Cow::Borrowed(s)),
            DataRef::Int(i) => Val::Int(i),
            DataRef::Float(f) => Val::Float(f),
            DataRef::Bool(b) => Val::Bool(b),
            DataRef::DateTime(dt) if dt.is_datetime() => Val::Date(dt.as_datetime()),
            DataRef::DateTime(dt) => Val::Float(dt.as_f64()),
            DataRef::DateTimeIso(s) => Val::Iso(Cow::Owned(s)),
            DataRef::DurationIso(s) => Val::Str(Cow::Owned(s)),
            DataRef::Error(e) => Val::Error(e.to_string()),
        }
    }
}

impl<'a> From<&'a Data> for Val<'a> {
    fn from(d: &'a Data) -> Val<'a> {
        match d {
            Data::Empty => Val::Empty,
            Data::String(s) => Val::Str(Cow::Borrowed(s)),
            Data::Int(i) => Val::Int(*i),
            Data::Float(f) => Val::Float(*f),
            Data::Bool(b) => Val::Bool(*b),
            Data::DateTime(dt) if dt.is_datetime() => Val::Date(dt.as_datetime()),
            Data::DateTime(dt) => Val::Float(dt.as_f64()),
            Data::DateTimeIso(s) => Val::Iso(Cow::Borrowed(s)),
            Data::DurationIso(s) => Val::Str(Cow::Borrowed(s)),
            Data::Error(e) => Val::Error(e.to_string()),
        }
    }
}

/// Cells of one sheet in row order: `(row, column, value)`, 0-based.
trait CellSource<'a> {
    fn next_cell(&mut self) -> Result<Option<(u32, u32, Val<'a>)>, String>;
    /// The first column the sheet uses (0-based).
    fn first_column(&self) -> u32;
}

type NextCell<'a> = Box<dyn FnMut() -> Result<Option<(u32, u32, Val<'a>)>, String> + 'a>;

/// An `.xlsx` sheet's cells, streamed by calamine's cell reader.
struct XlsxCells<'a> {
    next: NextCell<'a>,
    first: u32,
}

/// Wraps calamine's cell reader (a type calamine does not name publicly).
macro_rules! xlsx_cells {
    ($reader:expr) => {{
        let mut reader = $reader;
        let first = reader.dimensions().start.1;
        XlsxCells {
            next: Box::new(move || match reader.next_cell() {
                Ok(Some(c)) => {
                    let (r, col) = c.get_position();
                    let v = match Val::from(c.get_value().clone()) {
                        Val::Str(s) => Val::Str(unescape_ooxml(s)),
                        v => v,
                    };
                    Ok(Some((r, col, v)))
                }
                Ok(None) => Ok(None),
                Err(e) => Err(e.to_string()),
            }),
            first,
        }
    }};
}

/// Decodes the `_xHHHH_` escapes of OOXML strings (ECMA-376 ST_Xstring): writers
/// store a carriage return as `_x000D_` and a literal `_x000D_` as `_x005F_x000D_`.
fn unescape_ooxml(s: Cow<'_, str>) -> Cow<'_, str> {
    if !s.contains("_x") {
        return s;
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut last = 0;
    while i + 7 <= b.len() {
        if b[i] == b'_'
            && b[i + 1] == b'x'
            && b[i + 6] == b'_'
            && b[i + 2..i + 6].iter().all(u8::is_ascii_hexdigit)
        {
            let code = std::str::from_utf8(&b[i + 2..i + 6])
                .ok()
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32);
            if let Some(ch) = code {
                out.push_str(&s[last..i]);
                out.push(ch);
                i += 7;
                last = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&s[last..]);
    Cow::Owned(out)
}

impl<'a> CellSource<'a> for XlsxCells<'a> {
    fn next_cell(&mut self) -> Result<Option<(u32, u32, Val<'a>)>, String> {
        (self.next)()
    }
    fn first_column(&self) -> u32 {
        self.first
    }
}

struct RangeCells<'a> {
    cells: calamine::UsedCells<'a, Data>,
    start: (u32, u32),
}

impl<'a> CellSource<'a> for RangeCells<'a> {
    fn next_cell(&mut self) -> Result<Option<(u32, u32, Val<'a>)>, String> {
        Ok(self.cells.next().map(|(r, c, d)| {
            let r = self
                .start
                .0
                .saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
            let c = self
                .start
                .1
                .saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
            (r, c, Val::from(d))
        }))
    }
    fn first_column(&self) -> u32 {
        self.start.1
    }
}

/// Which sheet row each line of the CSV text made from a sheet came from, and the
/// problems found in cells themselves (Excel errors).
#[derive(Debug, Default)]
struct Shared {
    /// `(csv line, sheet row)` (both 1-based) where the two stop moving together.
    map: Vec<(u64, u64)>,
    first_column: u32,
    cell_issues: Vec<Issue>,
}

impl Shared {
    fn row_of(&self, line: u64) -> u64 {
        let i = self.map.partition_point(|&(l, _)| l <= line);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some(&(l, r)) => r + (line - l),
            None => line,
        }
    }
}

type Cells<'a> = Vec<(u32, u32, Val<'a>)>;

/// Turns one sheet into CSV text (UTF-8, `,`, one line per row unless a cell holds
/// a line break), rendering each typed cell as the column's CSV reader expects.
struct SheetCsv<'a, S: CellSource<'a>> {
    src: S,
    schema: &'static TableSchema,
    decimal: DecimalMark,
    pending: Option<(u32, u32, Val<'a>)>,
    kinds: Vec<Option<ValueKind>>,
    header_done: bool,
    queued: std::collections::VecDeque<Cells<'a>>,
    start: u32,
    csv_line: u64,
    shared: Rc<RefCell<Shared>>,
    file: String,
    sheet: String,
    cell: String,
    done: bool,
}

fn iso_date(dt: NaiveDateTime) -> String {
    if dt.time() == NaiveTime::MIN {
        dt.date().format("%Y-%m-%d").to_string()
    } else {
        dt.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

fn serial_date(serial: f64) -> Option<NaiveDateTime> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, false).as_datetime()
}

impl<'a, S: CellSource<'a>> SheetCsv<'a, S> {
    fn new(
        src: S,
        schema: &'static TableSchema,
        decimal: DecimalMark,
        file: &str,
        sheet: &str,
    ) -> Self {
        let shared = Rc::new(RefCell::new(Shared {
            first_column: src.first_column(),
            ..Default::default()
        }));
        SheetCsv {
            src,
            schema,
            decimal,
            pending: None,
            kinds: Vec::new(),
            header_done: false,
            queued: Default::default(),
            start: 0,
            csv_line: 1,
            shared,
            file: file.to_owned(),
            sheet: sheet.to_owned(),
            cell: String::new(),
            done: false,
        }
    }

    fn render(&mut self, v: &Val<'_>, kind: Option<ValueKind>, row: u32, col: u32) {
        let out = &mut self.cell;
        out.clear();
        let dialect = Dialect {
            decimal_comma: self.decimal == DecimalMark::Comma,
            ..Dialect::STANDARD
        };
        let number = |f: f64, out: &mut String| {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                out.push_str(&(f as i64).to_string());
            } else {
                out.push_str(&value::fmt_f64(f, &dialect));
            }
        };
        match (v, kind) {
            (Val::Empty, _) => {}
            (Val::Str(s), _) => out.push_str(s),
            (Val::Bool(b), _) => out.push_str(value::fmt_bool(*b)),
            (Val::Int(i), Some(ValueKind::Date)) => match serial_date(*i as f64) {
                Some(d) => out.push_str(&iso_date(d)),
                None => out.push_str(&i.to_string()),
            },
            (Val::Float(f), Some(ValueKind::Date)) => match serial_date(*f) {
                Some(d) => out.push_str(&iso_date(d)),
                None => number(*f, out),
            },
            (Val::Float(f), Some(ValueKind::Money)) if f.is_finite() => {
                let cents = (f * 100.0).round();
                if cents.abs() < 9.0e15 {
                    out.push_str(&value::fmt_cents(crate::Cents(cents as i64), &dialect));
                } else {
                    number(*f, out);
                }
            }
            (Val::Int(i), Some(ValueKind::Code(what))) if *i >= 0 => {
                out.push_str(&pad_code(&i.to_string(), what));
            }
            (Val::Float(f), Some(ValueKind::Code(what)))
                if *f >= 0.0 && f.fract() == 0.0 && *f < 1e15 =>
            {
                out.push_str(&pad_code(&(*f as i64).to_string(), what));
            }
            (Val::Int(i), _) => out.push_str(&i.to_string()),
            (Val::Float(f), _) => number(*f, out),
            (Val::Date(Some(dt)), _) => out.push_str(&iso_date(*dt)),
            (Val::Date(None), _) => {
                let e = "#DATE".to_owned();
                self.cell_error(&e, row, col);
                self.cell.push_str(&e);
            }
            (Val::Iso(s), _) => out.push_str(s.strip_suffix("T00:00:00").unwrap_or(s)),
            (Val::Error(e), _) => {
                let e = e.clone();
                self.cell_error(&e, row, col);
                self.cell.push_str(&e);
            }
        }
    }

    fn cell_error(&self, value: &str, row: u32, col: u32) {
        let column = u64::from(col) + 1;
        let mut i = Issue::new(Rule::XlsxCellError, "").arg("value", value).arg(
            "cell",
            format!("{}{}", column_letters(column), u64::from(row) + 1),
        );
        i.location = Some(SourceLocation {
            file: Some(self.file.clone()),
            line: Some(u64::from(row) + 1),
            column: Some(column),
            field: None,
            sheet: Some(self.sheet.clone()),
        });
        self.shared.borrow_mut().cell_issues.push(i);
    }

    /// The next row that has a non-empty cell: its index and cells.
    fn read_row(&mut self) -> Result<Option<Cells<'a>>, String> {
        if self.done && self.pending.is_none() {
            return Ok(None);
        }
        let first = match self.pending.take() {
            Some(c) => c,
            None => loop {
                match self.src.next_cell()? {
                    Some((_, _, Val::Empty)) => continue,
                    Some(c) => break c,
                    None => {
                        self.done = true;
                        return Ok(None);
                    }
                }
            },
        };
        let row = first.0;
        let mut cells = vec![first];
        while !self.done {
            match self.src.next_cell()? {
                Some((_, _, Val::Empty)) => continue,
                Some(c) if c.0 == row => cells.push(c),
                Some(c) => {
                    self.pending = Some(c);
                    break;
                }
                None => self.done = true,
            }
        }
        Ok(Some(cells))
    }

    /// True when a cell of the row names a column of the table.
    fn is_header(&self, cells: &Cells<'a>) -> bool {
        cells
            .iter()
            .any(|(_, _, v)| matches!(v, Val::Str(s) if self.schema.column_index(s).is_some()))
    }

    /// Appends the next non-empty row as one CSV record; false at the end. The
    /// header is the first row (of the first ten) that names a column of the table;
    /// rows above it (a title, notes) are not part of the table. The table starts at
    /// the header's first cell.
    fn next_row(&mut self, out: &mut Vec<u8>) -> Result<bool, String> {
        if !self.header_done {
            let mut seen = Vec::new();
            while seen.len() < 10 {
                match self.read_row()? {
                    Some(cells) => {
                        let header = self.is_header(&cells);
                        seen.push(cells);
                        if header {
                            break;
                        }
                    }
                    None => break,
                }
            }
            let at = seen.iter().position(|c| self.is_header(c)).unwrap_or(0);
            self.queued = seen.split_off(at).into();
        }
        let cells = match self.queued.pop_front() {
            Some(c) => c,
            None => match self.read_row()? {
                Some(c) => c,
                None => return Ok(false),
            },
        };
        self.emit(cells, out);
        Ok(true)
    }

    fn emit(&mut self, cells: Cells<'a>, out: &mut Vec<u8>) {
        let row = cells[0].0;
        if !self.header_done {
            self.header_done = true;
            let first = cells.iter().map(|c| c.1).min().unwrap_or(0);
            self.shared.borrow_mut().first_column = first;
            self.start = first;
        }
        let start = self.start;
        let sheet_row = u64::from(row) + 1;
        {
            let mut sh = self.shared.borrow_mut();
            let follows = sh
                .map
                .last()
                .is_some_and(|&(l, r)| r + (self.csv_line - l) == sheet_row);
            if !follows {
                let line = self.csv_line;
                sh.map.push((line, sheet_row));
            }
        }
        if self.kinds.is_empty() {
            let width = cells
                .iter()
                .map(|c| c.1.saturating_sub(start) as usize + 1)
                .max()
                .unwrap_or(0);
            self.kinds = vec![None; width];
            for (_, c, v) in &cells {
                if let Val::Str(s) = v {
                    if let Some(i) = self.schema.column_index(s) {
                        self.kinds[c.saturating_sub(start) as usize] =
                            Some(self.schema.columns[i].kind);
                    }
                }
            }
        }
        let mut at = start;
        let mut breaks = 0u64;
        for (_, col, v) in &cells {
            // A cell left of the table (a note beside it) is not part of it.
            if *col < start {
                continue;
            }
            let col = *col;
            while at < col {
                out.push(b',');
                at += 1;
            }
            let kind = self.kinds.get((col - start) as usize).copied().flatten();
            self.render(v, kind, row, col);
            let s = &self.cell;
            if s.contains([',', '"', '\n', '\r']) {
                out.push(b'"');
                for ch in s.bytes() {
                    if ch == b'"' {
                        out.push(b'"');
                    }
                    out.push(ch);
                }
                out.push(b'"');
                let b = s.as_bytes();
                for (i, &ch) in b.iter().enumerate() {
                    if ch == b'\n' || (ch == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                        breaks += 1;
                    }
                }
            } else {
                out.extend_from_slice(s.as_bytes());
            }
        }
        // Empty cells at the end of the row: as many as the header has columns.
        let width = start.saturating_add(u32::try_from(self.kinds.len()).unwrap_or(u32::MAX));
        while at + 1 < width {
            out.push(b',');
            at += 1;
        }
        out.push(b'\n');
        self.csv_line += 1 + breaks;
    }
}

fn pad_code(digits: &str, what: &str) -> String {
    let width = match what {
        "municipality" => 3,
        "region" => 2,
        _ => 0,
    };
    format!("{digits:0>width$}")
}

type NextRow<'a> = Box<dyn FnMut(&mut Vec<u8>) -> Result<bool, String> + 'a>;

/// Sheet CSV as a byte stream: what [`MeasureReader`] reads from a sheet.
pub struct SheetStream<'a> {
    conv: NextRow<'a>,
    buf: Vec<u8>,
    pos: usize,
    end: bool,
}

impl Read for SheetStream<'_> {
    fn read(&mut self, dst: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.buf.len() {
            self.buf.clear();
            self.pos = 0;
            while !self.end && self.buf.len() < 32 * 1024 {
                if !(self.conv)(&mut self.buf).map_err(io::Error::other)? {
                    self.end = true;
                }
            }
        }
        let n = dst.len().min(self.buf.len() - self.pos);
        dst[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Puts issues found in a sheet's CSV text at their cells.
#[derive(Clone)]
pub struct SheetLocator {
    shared: Rc<RefCell<Shared>>,
    file: String,
    sheet: String,
}

impl SheetLocator {
    /// Moves `issue` from its CSV line and column to the sheet's row and column.
    pub fn locate(&self, issue: &mut Issue) {
        let sh = self.shared.borrow();
        if let Some(l) = issue.location.as_mut() {
            if l.sheet.is_some() {
                return;
            }
            l.file = Some(self.file.clone());
            l.sheet = Some(self.sheet.clone());
            l.line = l.line.map(|line| sh.row_of(line));
            l.column = l.column.map(|c| c + u64::from(sh.first_column));
        }
    }

    /// The sheet row of a line of the sheet's CSV text.
    pub fn row_of(&self, line: u64) -> u64 {
        self.shared.borrow().row_of(line)
    }

    /// Cells that hold an Excel error (`#DIV/0!`), found so far.
    pub fn take_cell_issues(&self) -> Vec<Issue> {
        std::mem::take(&mut self.shared.borrow_mut().cell_issues)
    }
}

fn csv_options(opts: &ReadOptions) -> ReadOptions {
    ReadOptions {
        encoding: Some(Encoding::Utf8),
        delimiter: Some(b','),
        decimal: opts.decimal,
        registry: opts.registry.clone(),
    }
}

fn read_err(e: impl std::fmt::Display) -> WorkbookError {
    WorkbookError::Read(e.to_string())
}

/// Runs a read through calamine, turning a panic inside it into a read error, the
/// last line of defence: the references calamine computes with unchecked are
/// checked before it reads ([`check_package`]; the fuzz target `workbook` found
/// that a `<dimension ref>` ending before it starts made calamine 0.30 subtract with
/// overflow). No workbook may panic the reader.
fn guarded<T>(read: impl FnOnce() -> Result<T, WorkbookError>) -> Result<T, WorkbookError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(WorkbookError::Structure(what))
    })
}

/// Converts one sheet to CSV text with its locator.
fn sheet_csv<RS: Read + Seek>(
    wb: &mut Sheets<RS>,
    name: &str,
    schema: &'static TableSchema,
    decimal: DecimalMark,
    file: &str,
) -> Result<(Vec<u8>, SheetLocator), WorkbookError> {
    let mut out = Vec::new();
    let shared = match wb {
        Sheets::Xlsx(x) => {
            let cells = xlsx_cells!(x.worksheet_cells_reader(name).map_err(read_err)?);
            let mut conv = SheetCsv::new(cells, schema, decimal, file, name);
            while conv.next_row(&mut out).map_err(WorkbookError::Read)? {}
            conv.shared
        }
        other => {
            let range = other.worksheet_range(name).map_err(read_err)?;
            let start = range.start().unwrap_or((0, 0));
            let cells = RangeCells {
                cells: range.used_cells(),
                start,
            };
            let mut conv = SheetCsv::new(cells, schema, decimal, file, name);
            while conv.next_row(&mut out).map_err(WorkbookError::Read)? {}
            conv.shared
        }
    };
    Ok((
        out,
        SheetLocator {
            shared,
            file: file.to_owned(),
            sheet: name.to_owned(),
        },
    ))
}

/// The table a sheet holds: by its name, else `table` when given.
fn sheet_table(name: &str, table: Option<&str>) -> Option<&'static TableSchema> {
    table_for_file(name.trim()).or_else(|| table.and_then(table_for_file))
}

fn read_sheets<RS: Read + Seek>(
    mut wb: Sheets<RS>,
    file: &str,
    table: Option<&str>,
    opts: &ReadOptions,
) -> Result<Imported, WorkbookError> {
    let names = wb.sheet_names();
    let mut sources = Vec::new();
    let mut early = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let Some(schema) = sheet_table(name, table) else {
            let mut issue = Issue::new(Rule::CsvUnknownTable, "").arg("file", name);
            issue.location = Some(SourceLocation {
                file: Some(file.to_owned()),
                sheet: Some(name.clone()),
                ..Default::default()
            });
            early.push(issue);
            continue;
        };
        let (bytes, locator) = sheet_csv(&mut wb, name, schema, opts.decimal, file)?;
        early.extend(locator.take_cell_issues());
        if bytes.is_empty() {
            continue;
        }
        sources.push((format!("{i}/{}", schema.file), bytes, locator));
    }
    let mut imported = read_tables(
        sources
            .iter()
            .map(|(n, b, _)| (n.clone(), b.as_slice()))
            .collect(),
        &csv_options(opts),
    );
    let locator_of = |name: &str| sources.iter().find(|(n, _, _)| n == name).map(|s| &s.2);
    for issue in &mut imported.issues {
        let name = issue.location.as_ref().and_then(|l| l.file.clone());
        if let Some(loc) = name.as_deref().and_then(locator_of) {
            loc.locate(issue);
        }
    }
    for (name, _, loc) in &sources {
        let first_column = u64::from(loc.shared.borrow().first_column);
        imported
            .source_map
            .move_to_sheet(name, file, &loc.sheet, first_column, |line| {
                loc.row_of(line)
            });
    }
    for t in &mut imported.tables {
        if let Some(loc) = locator_of(&t.file) {
            for r in &mut t.rejected {
                r.line = loc.row_of(r.line);
            }
            t.file = format!("{file} [{}]", loc.sheet);
        }
    }
    early.append(&mut imported.issues);
    imported.issues = early;
    Ok(imported)
}

/// Reads a workbook file (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) as a document:
/// each sheet named after a table (or every other sheet as `table`, when given) is
/// read as that table. A sheet that is not a table is reported
/// (`csv.unknown-table`); empty sheets are skipped, so a workbook with nothing to
/// read gives an [`Imported`] with no tables.
pub fn read_workbook(
    path: impl AsRef<Path>,
    table: Option<&str>,
    opts: &ReadOptions,
) -> Result<Imported, WorkbookError> {
    let path = path.as_ref();
    let file = path.display().to_string();
    if let Ok(f) = std::fs::File::open(path) {
        check_package(io::BufReader::new(f))?;
    }
    guarded(|| {
        let wb = calamine::open_workbook_auto(path).map_err(read_err)?;
        read_sheets(wb, &file, table, opts)
    })
}

/// [`read_workbook`] from bytes; `name` is the file name shown in issues.
pub fn read_workbook_bytes(
    name: &str,
    bytes: &[u8],
    table: Option<&str>,
    opts: &ReadOptions,
) -> Result<Imported, WorkbookError> {
    check_package(io::Cursor::new(bytes))?;
    guarded(|| {
        let wb = calamine::open_workbook_auto_from_rs(io::Cursor::new(bytes)).map_err(read_err)?;
        read_sheets(wb, name, table, opts)
    })
}

/// Streams the measures sheet of an `.xlsx` workbook through a [`MeasureReader`]
/// in bounded memory. `sheet` names the sheet (default: the first sheet named
/// after the measures table). `f` gets the reader and a [`SheetLocator`] that puts
/// each issue at its cell (`locator.locate(&mut issue)`).
pub fn with_measures_sheet<T>(
    path: impl AsRef<Path>,
    sheet: Option<&str>,
    opts: &ReadOptions,
    f: impl FnOnce(&mut MeasureReader<SheetStream<'_>>, &SheetLocator) -> T,
) -> Result<T, WorkbookError> {
    let path = path.as_ref();
    let file = path.display().to_string();
    if let Ok(f) = std::fs::File::open(path) {
        check_package(io::BufReader::new(f))?;
    }
    let mut xlsx: calamine::Xlsx<_> = guarded(|| calamine::open_workbook(path).map_err(read_err))?;
    let schema = table_for_file("measures.csv").ok_or_else(|| read_err("no measures table"))?;
    let name = match sheet {
        Some(s) => s.to_owned(),
        None => xlsx
            .sheet_names()
            .into_iter()
            .find(|n| table_for_file(n).is_some_and(|t| t.file == schema.file))
            .ok_or_else(|| WorkbookError::NoSheet("measures".into()))?,
    };
    let (xl, sheet_name) = (&mut xlsx, &name);
    let reader = guarded(move || {
        xl.worksheet_cells_reader(sheet_name).map_err(|e| match e {
            calamine::XlsxError::WorksheetNotFound(n) => WorkbookError::NoSheet(n),
            e => read_err(e),
        })
    })?;
    let mut conv = SheetCsv::new(xlsx_cells!(reader), schema, opts.decimal, &file, &name);
    let locator = SheetLocator {
        shared: conv.shared.clone(),
        file: file.clone(),
        sheet: name.clone(),
    };
    let stream = SheetStream {
        conv: Box::new(move |out| conv.next_row(out)),
        buf: Vec::new(),
        pos: 0,
        end: false,
    };
    let mut reader =
        MeasureReader::new(stream, Some(&file), &csv_options(opts)).map_err(read_err)?;
    Ok(f(&mut reader, &locator))
}

/// The sheet name of a table in `lang`: English (`measures`), Finnish
/// (`toimenpiteet`) or Swedish (`åtgärder`).
pub fn sheet_name(schema: &TableSchema, lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => schema.aliases.first().copied().unwrap_or(schema.name()),
        Lang::Sv => schema.aliases.get(1).copied().unwrap_or(schema.name()),
        _ => schema.name(),
    }
}

const MAX_EXACT: f64 = 9_007_199_254_740_992.0; // 2^53

/// Writes the document as an `.xlsx` workbook: one sheet per non-empty table,
/// sheets named in `names` (English, or the Finnish or Swedish table names).
pub fn write_workbook(doc: &Document, names: Lang) -> Result<Vec<u8>, WorkbookError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let werr = |e: rust_xlsxwriter::XlsxError| WorkbookError::Write(e.to_string());
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("d.m.yyyy");
    let money = Format::new().set_num_format("#,##0.00\\ \"€\"");
    let percent = Format::new().set_num_format("0.00\\ \"%\"");
    for (file, bytes) in write_tables(doc, &Dialect::STANDARD) {
        let schema = table_for_file(file).ok_or_else(|| WorkbookError::Write(file.into()))?;
        let sheet_title = sheet_name(schema, names);
        let ws = wb.add_worksheet();
        ws.set_name(sheet_title).map_err(werr)?;
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes.as_slice());
        let mut kinds: Vec<Option<ValueKind>> = Vec::new();
        for (r, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| WorkbookError::Write(e.to_string()))?;
            let row = u32::try_from(r).map_err(|_| WorkbookError::Write("too many rows".into()))?;
            if r == 0 {
                for (c, h) in rec.iter().enumerate() {
                    let col = u16::try_from(c)
                        .map_err(|_| WorkbookError::Write("too many columns".into()))?;
                    ws.write_string_with_format(0, col, h, &bold)
                        .map_err(werr)?;
                    ws.set_column_width(col, (h.chars().count() as f64 + 2.0).max(10.0))
                        .map_err(werr)?;
                    kinds.push(schema.column_index(h).map(|i| schema.columns[i].kind));
                }
                ws.set_freeze_panes(1, 0).map_err(werr)?;
                continue;
            }
            for (c, s) in rec.iter().enumerate() {
                if s.is_empty() {
                    continue;
                }
                let col = u16::try_from(c)
                    .map_err(|_| WorkbookError::Write("too many columns".into()))?;
                let at = || format!("{sheet_title}!{}{}", column_letters(c as u64 + 1), r + 1);
                let res = match kinds.get(c).copied().flatten() {
                    Some(ValueKind::Date) => {
                        match NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().filter(|d| {
                            *d >= NaiveDate::from_ymd_opt(1900, 3, 1).unwrap_or_default()
                                && *d <= NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default()
                        }) {
                            Some(d) => {
                                use chrono::Datelike;
                                let x = ExcelDateTime::from_ymd(
                                    d.year() as u16,
                                    d.month() as u8,
                                    d.day() as u8,
                                )
                                .map_err(werr)?;
                                ws.write_datetime_with_format(row, col, x, &date)
                            }
                            None => ws.write_string(row, col, s),
                        }
                    }
                    Some(ValueKind::Money) => match value::parse_cents(s, DecimalMark::Point) {
                        Ok(c) if (c.0.unsigned_abs() as f64) < MAX_EXACT / 8.0 => {
                            ws.write_number_with_format(row, col, c.0 as f64 / 100.0, &money)
                        }
                        _ => ws.write_string(row, col, s),
                    },
                    Some(ValueKind::Percent) => match s.parse::<f64>() {
                        Ok(v) if v.is_finite() => {
                            ws.write_number_with_format(row, col, v, &percent)
                        }
                        _ => ws.write_string(row, col, s),
                    },
                    Some(ValueKind::Integer) => match s.parse::<i64>() {
                        Ok(v) if (v.unsigned_abs() as f64) < MAX_EXACT => {
                            ws.write_number(row, col, v as f64)
                        }
                        _ => ws.write_string(row, col, s),
                    },
                    Some(ValueKind::Number) => match s.parse::<f64>() {
                        Ok(v) if v.is_finite() => ws.write_number(row, col, v),
                        _ => ws.write_string(row, col, s),
                    },
                    Some(ValueKind::Bool) => match s {
                        "true" => ws.write_boolean(row, col, true),
                        "false" => ws.write_boolean(row, col, false),
                        _ => ws.write_string(row, col, s),
                    },
                    _ => ws.write_string(row, col, s),
                };
                res.map_err(|e| WorkbookError::Write(format!("{}: {e}", at())))?;
            }
        }
    }
    if wb.worksheets().is_empty() {
        // An empty document: one empty document sheet, so that the file opens.
        wb.add_worksheet()
            .set_name("document")
            .map_err(werr)?
            .write_string(0, 0, "format_version")
            .map_err(werr)?
            .write_number(1, 0, 1.0)
            .map_err(werr)?;
    }
    wb.save_to_buffer().map_err(werr)
}

/// [`write_workbook`] to a file, sheets in English; returns the number of sheets.
pub fn write_workbook_path(doc: &Document, path: impl AsRef<Path>) -> Result<usize, WorkbookError> {
    let bytes = write_workbook(doc, Lang::En)?;
    let sheets = write_tables(doc, &Dialect::STANDARD).len().max(1);
    std::fs::write(path.as_ref(), bytes)
        .map_err(|e| WorkbookError::Write(format!("{}: {e}", path.as_ref().display())))?;
    Ok(sheets)
}
