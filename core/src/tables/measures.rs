//! Streaming a single big `measures.csv`: row by row in bounded memory, with
//! row-level checks.

use super::export::{csv_writer, measure_cells};
use super::import::{blank_measure, fill_measure};
use super::reader::{EncodingSource, ReadOptions};
use super::schema::measures::TABLE;
use super::table::{RejectedRow, Step, TableReader};
use super::value::Dialect;
use super::Encoding;
use crate::plan::Measure;
use crate::rules::{Issue, Rule, SourceLocation};
use std::io::{self, Read, Write};

/// One measure row that loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureRow {
    /// The physical line the row starts on.
    pub line: u64,
    /// The plan the measure belongs to (`plan_id`).
    pub plan_id: String,
    /// The region of its section (`region`).
    pub region: String,
    /// The measure.
    pub measure: Measure,
    /// Warnings and row-level validation issues (text, period and frequency rules),
    /// each located at this row.
    pub issues: Vec<Issue>,
}

impl Default for MeasureRow {
    /// An empty row, to be filled by [`MeasureReader::next_into`].
    fn default() -> Self {
        MeasureRow {
            line: 0,
            plan_id: String::new(),
            region: String::new(),
            measure: blank_measure(),
            issues: Vec::new(),
        }
    }
}

/// What [`MeasureReader::next_into`] did with the row it was given.
#[derive(Debug, Clone, PartialEq)]
pub enum RowStatus {
    /// The row loaded into the given [`MeasureRow`].
    Loaded,
    /// The row was rejected: kept verbatim, with the issues that rejected it (the
    /// given [`MeasureRow`] holds nothing of use).
    Rejected(RejectedRow, Vec<Issue>),
}

/// What reading one row gave.
// One item is alive at a time; boxing the larger variant would cost an allocation per row.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum MeasureItem {
    /// The row loaded.
    Loaded(MeasureRow),
    /// The row was rejected: kept verbatim, with the issues that rejected it.
    Rejected(RejectedRow, Vec<Issue>),
}

/// Reads `measures.csv` row by row. Memory does not grow with the number of rows:
/// the reader holds one input chunk and one row at a time, and hands every row —
/// loaded or rejected — to the caller.
///
/// ```
/// use oske::tables::{MeasureItem, MeasureReader, ReadOptions};
/// let csv = "plan_id;region;id;title_fi;kind;start;end\n\
///            p1;14;m1;Työpaja;workshop;1.3.2020;31.3.2020\n\
///            p1;14;m2;Selvitys;survey;1.4.2020;\n";
/// let mut r = MeasureReader::new(csv.as_bytes(), Some("measures.csv"), &ReadOptions::default()).unwrap();
/// let items: Vec<MeasureItem> = r.by_ref().collect();
/// assert!(matches!(&items[0], MeasureItem::Loaded(m) if m.measure.id == "m1"));
/// match &items[1] {
///     MeasureItem::Rejected(row, issues) => {
///         assert_eq!(row.line, 3);
///         assert_eq!(issues[0].code(), "csv.missing-value");
///         assert_eq!(issues[0].location.as_ref().unwrap().field.as_deref(), Some("end"));
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
pub struct MeasureReader<R> {
    tr: TableReader<R>,
    validate: bool,
    failed: bool,
}

impl<R: Read> MeasureReader<R> {
    /// Opens a measures table: reads its header. `file` names it in issues.
    pub fn new(src: R, file: Option<&str>, opts: &ReadOptions) -> io::Result<MeasureReader<R>> {
        Ok(MeasureReader {
            tr: TableReader::new(src, file.map(str::to_owned), &TABLE, opts)?,
            validate: true,
            failed: false,
        })
    }

    /// Turns the row-level validation (text, period, frequency rules) off or on
    /// (on by default).
    pub fn validate_rows(mut self, on: bool) -> Self {
        self.validate = on;
        self
    }

    /// Problems with the header (unknown, missing or duplicate columns) and the
    /// encoding note.
    pub fn header_issues(&self) -> &[Issue] {
        &self.tr.header_issues
    }

    /// The header line as it stood.
    pub fn header(&self) -> &str {
        &self.tr.header_text
    }

    /// The encoding the file is decoded with.
    pub fn encoding(&self) -> Encoding {
        self.tr.encoding()
    }

    /// How the encoding was chosen.
    pub fn encoding_source(&self) -> EncodingSource {
        self.tr.encoding_source()
    }

    /// The delimiter in use.
    pub fn delimiter(&self) -> u8 {
        self.tr.delimiter()
    }

    /// Data rows read so far (blank rows not counted).
    pub fn rows_read(&self) -> u64 {
        self.tr.rows
    }
}

/// Row-level validation of one measure: the rules that need nothing but the
/// measure itself, from the validator, with pointers relative to the measure.
fn row_checks(m: &Measure) -> Vec<Issue> {
    crate::validate::measure_row_issues(m, "")
}

/// The measures column a validation pointer (relative to the measure) is about.
fn column_of(pointer: &str) -> Option<&'static str> {
    TABLE
        .columns
        .iter()
        .find(|c| {
            !c.path.is_empty() && (c.path == pointer || c.path.starts_with(&format!("{pointer}/")))
        })
        .map(|c| c.name)
}

impl<R: Read> MeasureReader<R> {
    /// Reads the next row into `row`, reusing its allocations: the fastest way to
    /// stream a big table (the iterator allocates a fresh row each time). `None` at
    /// the end of the file.
    ///
    /// ```
    /// use oske::tables::{MeasureReader, MeasureRow, ReadOptions, RowStatus};
    /// let csv = "plan_id,region,id,title_fi,kind\np,14,m1,A,event\np,14,m2,B,event\n";
    /// let mut r = MeasureReader::new(csv.as_bytes(), None, &ReadOptions::default()).unwrap();
    /// let mut row = MeasureRow::default();
    /// let mut ids = Vec::new();
    /// while let Some(status) = r.next_into(&mut row) {
    ///     assert_eq!(status, RowStatus::Loaded);
    ///     ids.push(row.measure.id.clone());
    /// }
    /// assert_eq!(ids, ["m1", "m2"]);
    /// ```
    pub fn next_into(&mut self, out: &mut MeasureRow) -> Option<RowStatus> {
        use super::schema::measures::C;
        if self.failed {
            return None;
        }
        let validate = self.validate;
        match self.tr.next_row() {
            Ok(None) => None,
            Ok(Some(Step::Rejected(row, issues))) => Some(RowStatus::Rejected(row, issues)),
            Ok(Some(Step::Row(mut row))) => {
                out.line = row.line;
                out.plan_id.clear();
                out.plan_id.push_str(row.req_str(C::PlanId));
                out.region.clear();
                out.region.push_str(row.req_str(C::Region));
                fill_measure(&mut row, &mut out.measure);
                if row.failed {
                    let rejected = row.rejected();
                    return Some(RowStatus::Rejected(
                        rejected,
                        std::mem::take(&mut row.issues),
                    ));
                }
                out.issues.clear();
                out.issues.append(&mut row.issues);
                if validate {
                    for mut i in row_checks(&out.measure) {
                        let field = column_of(&i.pointer).map(str::to_owned);
                        i.pointer = String::new();
                        i.location = Some(SourceLocation {
                            file: row.file.clone(),
                            line: Some(row.line),
                            column: None,
                            field,
                        });
                        out.issues.push(i);
                    }
                }
                Some(RowStatus::Loaded)
            }
            Err(e) => {
                self.failed = true;
                let mut i = Issue::new(Rule::CsvUnreadable, "").arg("error", e);
                i.location = Some(SourceLocation {
                    file: self.tr.file.clone(),
                    ..Default::default()
                });
                let codes = vec![i.code().to_owned()];
                Some(RowStatus::Rejected(
                    RejectedRow {
                        line: 0,
                        text: String::new(),
                        codes,
                    },
                    vec![i],
                ))
            }
        }
    }
}

impl<R: Read> Iterator for MeasureReader<R> {
    type Item = MeasureItem;

    fn next(&mut self) -> Option<MeasureItem> {
        let mut row = MeasureRow::default();
        match self.next_into(&mut row)? {
            RowStatus::Loaded => Some(MeasureItem::Loaded(row)),
            RowStatus::Rejected(r, issues) => Some(MeasureItem::Rejected(r, issues)),
        }
    }
}

/// Writes `measures.csv` row by row (for tables too big to hold as a document).
pub struct MeasureWriter<W: Write> {
    w: csv::Writer<W>,
    dialect: Dialect,
}

impl<W: Write> MeasureWriter<W> {
    /// Starts a measures table: writes the BOM (when the dialect has one) and the header.
    pub fn new(mut w: W, dialect: &Dialect) -> io::Result<MeasureWriter<W>> {
        if dialect.bom {
            w.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut cw = csv_writer(w, dialect);
        cw.write_record(TABLE.columns.iter().map(|c| c.name))
            .map_err(io::Error::other)?;
        Ok(MeasureWriter {
            w: cw,
            dialect: *dialect,
        })
    }

    /// Writes one measure of plan `plan_id`'s section for `region`.
    pub fn write(&mut self, plan_id: &str, region: &str, m: &Measure) -> io::Result<()> {
        self.w
            .write_record(measure_cells(plan_id, region, m, &self.dialect))
            .map_err(io::Error::other)
    }

    /// Flushes and returns the inner writer.
    pub fn finish(self) -> io::Result<W> {
        self.w
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))
    }
}
