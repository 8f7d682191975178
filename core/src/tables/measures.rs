//! Streaming a single big `measures.csv`: row by row in bounded memory, with
//! row-level checks.

use super::export::{csv_writer, measure_cells, write_guarded};
use super::import::{assign, frequency_cells, opt_period};
use super::reader::{EncodingSource, ReadOptions};
use super::schema::measures::{C, TABLE};
use super::table::{BlankCell, RejectedRow, Row, Step, TableReader};
use super::value::{parse_date, Dialect};
use super::Encoding;
use crate::plan::{Frequency, Measure, MeasureKind, Schedule};
use crate::registry::Registry;
use crate::rules::{Issue, Rule, SourceLocation};
use std::borrow::Cow;
use std::io::{self, Read, Write};
use std::sync::Arc;

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

/// The issues of one row checked by [`MeasureReader::validate_next`], which builds no
/// measure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowIssues {
    /// The physical line the row starts on.
    pub line: u64,
    /// Warnings and row-level validation issues (text, period and frequency rules),
    /// each located at this row: exactly those [`MeasureReader::next_into`] would put
    /// in [`MeasureRow::issues`].
    pub issues: Vec<Issue>,
}

/// What [`MeasureReader::next_into`] or [`MeasureReader::validate_next`] did with
/// the row it was given.
#[derive(Debug, Clone, PartialEq)]
pub enum RowStatus {
    /// The row loaded into the given [`MeasureRow`] (or, checked only, would load:
    /// its issues are in the given [`RowIssues`]).
    Loaded,
    /// The row was rejected: kept verbatim, with the issues that rejected it (the
    /// given [`MeasureRow`] or [`RowIssues`] holds nothing of use).
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
/// Three ways to read: the iterator (a new [`MeasureRow`] per row), [`next_into`]
/// (one reused row), and [`validate_next`], which checks every cell and row rule
/// the same way and reports the same issues, but builds no measure: the fastest way
/// to validate an export.
///
/// [`next_into`]: MeasureReader::next_into
/// [`validate_next`]: MeasureReader::validate_next
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
    /// The measure [`MeasureReader::validate_next`] checks rows into: only what the
    /// row rules read is filled.
    scratch: Measure,
    /// Strings of optional cells that the last row had and this one has not, kept
    /// for the next row that has them (no allocation when titles come and go).
    spare: Vec<String>,
    /// The registry that resolves region names (`None`: the embedded one).
    registry: Option<Arc<Registry>>,
}

impl<R: Read> MeasureReader<R> {
    /// Opens a measures table: reads its header. `file` names it in issues.
    pub fn new(src: R, file: Option<&str>, opts: &ReadOptions) -> io::Result<MeasureReader<R>> {
        Ok(MeasureReader {
            tr: TableReader::new(src, file.map(str::to_owned), &TABLE, opts)?,
            validate: true,
            failed: false,
            scratch: blank_measure(),
            spare: Vec::new(),
            registry: opts.registry.clone(),
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

/// The registry of the options: the one given, else the embedded one.
fn registry_of(r: &Option<Arc<Registry>>) -> &Registry {
    r.as_deref().unwrap_or_else(|| Registry::embedded())
}

/// A measure with nothing in it, to be filled.
pub(crate) fn blank_measure() -> Measure {
    Measure {
        id: String::new(),
        title: crate::text::LocalizedText::default(),
        kind: MeasureKind::Other,
        priority: None,
        service_areas: Vec::new(),
        schedule: None,
        frequency: None,
        partners: Vec::new(),
        status: crate::plan::MeasureStatus::Planned,
        network: None,
        instruments: Vec::new(),
    }
}

/// Reads a measure's own columns (everything but plan and region).
pub(crate) fn measure_from_row(row: &mut Row<'_>) -> Measure {
    let mut m = blank_measure();
    fill_measure(row, &mut m);
    m
}

/// Reads a measure's own columns into `m`, reusing its allocations (the streaming
/// reader fills the same measure row after row).
pub(crate) fn fill_measure(row: &mut Row<'_>, m: &mut Measure) {
    read_measure(row, m, true, &mut Vec::new());
}

/// Sets an optional text from a cell, reusing allocations: a string no longer
/// needed goes to `spare`, a new one comes from there when it can.
fn put(dst: &mut Option<String>, src: Option<&str>, spare: &mut Vec<String>) {
    match (dst.as_mut(), src) {
        (Some(d), Some(s)) => assign(d, s),
        (None, Some(s)) => {
            let mut d = spare.pop().unwrap_or_default();
            d.push_str(s);
            *dst = Some(d);
        }
        (Some(_), None) => {
            if let Some(mut d) = dst.take() {
                d.clear();
                spare.push(d);
            }
        }
        (None, None) => {}
    }
}

/// The one definition of how a measure row is read: every cell of the measure's
/// own columns is read and checked, in column order, each problem reported on the
/// row. With `text` false, the text that no rule checks and no row rule reads (id,
/// priority, schedule and frequency notes, partners, network) is checked but not
/// copied into `m`: the issues are the same, only fewer bytes move.
fn read_measure(row: &mut Row<'_>, m: &mut Measure, text: bool, spare: &mut Vec<String>) {
    let id = row.req_str(C::Id);
    if text {
        assign(&mut m.id, id);
    }
    // The title is read by the row rule `text.missing`.
    put(&mut m.title.fi, row.opt_str(C::TitleFi), spare);
    put(&mut m.title.sv, row.opt_str(C::TitleSv), spare);
    put(&mut m.title.en, row.opt_str(C::TitleEn), spare);
    m.kind = row.req_code::<MeasureKind>(C::Kind);
    if text {
        put(&mut m.priority, row.opt_str(C::Priority), spare);
    }
    m.service_areas.clear();
    row.code_list_into(C::ServiceAreas, &mut m.service_areas);
    // Filled in place, reusing the allocations of the last row.
    let period = opt_period(row, C::Start.into(), C::End.into());
    let schedule = m.schedule.get_or_insert_with(Schedule::default);
    schedule.period = period;
    schedule.dates.clear();
    row.date_list_into(C::Dates, &mut schedule.dates);
    let note = row.opt_str(C::ScheduleNote);
    if text {
        put(&mut schedule.note, note, spare);
    }
    if period.is_none() && schedule.dates.is_empty() && note.is_none() {
        m.schedule = None;
    }
    match frequency_cells(
        row,
        C::FrequencyMin.into(),
        C::FrequencyPer.into(),
        C::FrequencyNote.into(),
    ) {
        Some((min_times, per)) => {
            let f = m.frequency.get_or_insert(Frequency {
                min_times,
                per,
                qualifier: Default::default(),
                note: None,
            });
            f.min_times = min_times;
            f.per = per;
            f.qualifier = row.code(C::FrequencyQualifier).unwrap_or_default();
            if text {
                put(&mut f.note, row.opt_str(C::FrequencyNote), spare);
            }
        }
        None => {
            let mut note = m.frequency.take().and_then(|f| f.note);
            put(&mut note, None, spare);
            // A qualifier without its count: the count is what is missing.
            if row
                .code::<crate::plan::FrequencyQualifier>(C::FrequencyQualifier)
                .is_some()
            {
                row.missing(C::FrequencyMin);
            }
        }
    }
    if text {
        row.list_into(C::Partners, &mut m.partners);
    }
    m.status = row.code(C::Status).unwrap_or_default();
    if text {
        put(&mut m.network, row.opt_str(C::Network), spare);
        m.instruments = row.instruments(C::Instruments);
    } else {
        row.instruments(C::Instruments);
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

/// The region cell: a code as it stands (the common case: no look-up, no
/// allocation), or a name (`Lappi`, `lappland`) resolved through the registry as
/// the folder reader resolves it (`csv.name-resolved`, `csv.unknown-name`,
/// `csv.ambiguous-name` at the cell). A lone measures table does not know its
/// plan, so the date that applies is the measure's own start; without one the
/// registry's latest map answers (`csv.name-resolved-latest`).
/// The registry is only asked (and the embedded one only loaded) for a name.
fn region_cell<'a>(row: &mut Row<'a>, reg: &Option<Arc<Registry>>) -> Cow<'a, str> {
    let s = row.req_str(C::Region);
    if s.is_blank_cell() || s.bytes().all(|b| b.is_ascii_digit()) {
        return Cow::Borrowed(s);
    }
    let date = parse_date(row.s(C::Start).trim());
    Cow::Owned(row.reg_code(registry_of(reg), C::Region, date))
}

/// Where a row goes: a [`MeasureRow`] that gets everything, or only the issues.
enum Target<'o> {
    Row(&'o mut MeasureRow),
    Issues(&'o mut RowIssues, &'o mut Measure),
}

/// Reads the next row of `tr` into `into`: the one code path behind
/// [`MeasureReader::next_into`] and [`MeasureReader::validate_next`].
fn read_row<R: Read>(
    tr: &mut TableReader<R>,
    reg: &Option<Arc<Registry>>,
    validate: bool,
    failed: &mut bool,
    spare: &mut Vec<String>,
    into: Target<'_>,
) -> Option<RowStatus> {
    if *failed {
        return None;
    }
    match tr.next_row() {
        Ok(None) => None,
        Ok(Some(Step::Rejected(row, issues))) => Some(RowStatus::Rejected(row, issues)),
        Ok(Some(Step::Row(mut row))) => {
            let plan_id = row.req_str(C::PlanId);
            let region = region_cell(&mut row, reg);
            let (line, issues, measure) = match into {
                Target::Row(out) => {
                    assign(&mut out.plan_id, plan_id);
                    assign(&mut out.region, &region);
                    read_measure(&mut row, &mut out.measure, true, spare);
                    (&mut out.line, &mut out.issues, &out.measure)
                }
                Target::Issues(out, scratch) => {
                    read_measure(&mut row, scratch, false, spare);
                    (&mut out.line, &mut out.issues, &*scratch)
                }
            };
            *line = row.line;
            if row.failed {
                let rejected = row.rejected();
                return Some(RowStatus::Rejected(
                    rejected,
                    std::mem::take(&mut row.issues),
                ));
            }
            issues.clear();
            issues.append(&mut row.issues);
            if validate {
                for mut i in row_checks(measure) {
                    let field = column_of(&i.pointer).map(str::to_owned);
                    i.pointer = String::new();
                    i.location = Some(SourceLocation {
                        file: row.file.clone(),
                        line: Some(row.line),
                        column: None,
                        field,
                        sheet: None,
                    });
                    issues.push(i);
                }
            }
            Some(RowStatus::Loaded)
        }
        Err(e) => {
            *failed = true;
            let mut i = Issue::new(Rule::CsvUnreadable, "").arg("error", e);
            i.location = Some(SourceLocation {
                file: tr.file.clone(),
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

impl<R: Read> MeasureReader<R> {
    /// Reads the next row into `row`, reusing its allocations: the fastest way to
    /// stream a big table into measures (the iterator allocates a fresh row each
    /// time). `None` at the end of the file.
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
        read_row(
            &mut self.tr,
            &self.registry,
            self.validate,
            &mut self.failed,
            &mut self.spare,
            Target::Row(out),
        )
    }

    /// Checks the next row without building its measure: every cell is read and
    /// checked and the row rules run exactly as in [`next_into`], and the row's
    /// status and issues (same codes, lines, columns, fields and values) are those
    /// [`next_into`] gives — but no text is copied and nothing is allocated for a
    /// valid row. For validating a big export. `None` at the end of the file.
    ///
    /// [`next_into`]: MeasureReader::next_into
    ///
    /// ```
    /// use oske::tables::{MeasureReader, ReadOptions, RowIssues, RowStatus};
    /// let csv = "plan_id;region;id;title_fi;kind;start;end\n\
    ///            p1;14;m1;Työpaja;workshop;1.3.2020;31.3.2020\n\
    ///            p1;14;m2;;survey;1.4.2020;31.3.2020\n\
    ///            p1;14;m3;Selvitys;kysely;1.4.2020;\n";
    /// let mut r = MeasureReader::new(csv.as_bytes(), Some("measures.csv"), &ReadOptions::default()).unwrap();
    /// let mut row = RowIssues::default();
    /// assert_eq!(r.validate_next(&mut row), Some(RowStatus::Loaded));
    /// assert!(row.issues.is_empty());
    /// // Loads, with the row rules' findings.
    /// assert_eq!(r.validate_next(&mut row), Some(RowStatus::Loaded));
    /// let codes: Vec<&str> = row.issues.iter().map(|i| i.code()).collect();
    /// assert_eq!((row.line, codes), (3, vec!["text.missing", "period.reversed"]));
    /// // Rejected: an unknown kind and a missing end.
    /// match r.validate_next(&mut row) {
    ///     Some(RowStatus::Rejected(rejected, issues)) => {
    ///         assert_eq!(rejected.line, 4);
    ///         assert_eq!(rejected.codes, ["csv.bad-value", "csv.missing-value"]);
    ///         let place = issues[0].location.as_ref().unwrap();
    ///         assert_eq!((place.column, place.field.as_deref()), (Some(5), Some("kind")));
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// assert_eq!(r.validate_next(&mut row), None);
    /// ```
    pub fn validate_next(&mut self, out: &mut RowIssues) -> Option<RowStatus> {
        read_row(
            &mut self.tr,
            &self.registry,
            self.validate,
            &mut self.failed,
            &mut self.spare,
            Target::Issues(out, &mut self.scratch),
        )
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
        let cells = measure_cells(plan_id, region, m, &self.dialect);
        write_guarded(&mut self.w, &cells, &self.dialect).map_err(io::Error::other)
    }

    /// Flushes and returns the inner writer.
    pub fn finish(self) -> io::Result<W> {
        self.w
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// What reading one row gave, with everything the caller sees.
    #[derive(Debug, PartialEq)]
    enum Outcome {
        Loaded { line: u64, issues: Vec<Issue> },
        Rejected(RejectedRow, Vec<Issue>),
    }

    /// Header issues, every row's outcome, and the rows read.
    type Read = (Vec<Issue>, Vec<Outcome>, u64);

    fn full_read(input: &[u8], opts: &ReadOptions) -> Read {
        let mut r = MeasureReader::new(input, Some("measures.csv"), opts).unwrap();
        let header = r.header_issues().to_vec();
        let mut row = MeasureRow::default();
        let mut out = Vec::new();
        while let Some(status) = r.next_into(&mut row) {
            out.push(match status {
                RowStatus::Loaded => Outcome::Loaded {
                    line: row.line,
                    issues: row.issues.clone(),
                },
                RowStatus::Rejected(rejected, issues) => Outcome::Rejected(rejected, issues),
            });
        }
        (header, out, r.rows_read())
    }

    fn checked_read(input: &[u8], opts: &ReadOptions) -> Read {
        let mut r = MeasureReader::new(input, Some("measures.csv"), opts).unwrap();
        let header = r.header_issues().to_vec();
        let mut row = RowIssues::default();
        let mut out = Vec::new();
        while let Some(status) = r.validate_next(&mut row) {
            out.push(match status {
                RowStatus::Loaded => Outcome::Loaded {
                    line: row.line,
                    issues: row.issues.clone(),
                },
                RowStatus::Rejected(rejected, issues) => Outcome::Rejected(rejected, issues),
            });
        }
        (header, out, r.rows_read())
    }

    /// A small deterministic generator.
    struct Rand(u64);

    impl Rand {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[self.below(from.len())]
        }
    }

    /// Cell values for each column: mostly good (blank where a cell may be), now and
    /// then one of the ways a cell goes bad.
    fn cell(r: &mut Rand, column: &str, i: usize) -> String {
        let (good, bad): (&[&str], &[&str]) = match column {
            "plan_id" => (&["p1"], &["", "  "]),
            // Codes, and names resolved on the measure's start (or, without one,
            // on the latest map); an unknown name now and then.
            "region" | "maakunta" => (
                &["14", "15", "16", "14", "Lappi", "lappland"],
                &["", "Lapi"],
            ),
            "id" => {
                return match r.below(30) {
                    0 => String::new(),
                    1 => " ".into(),
                    _ => format!("m{i}"),
                }
            }
            // A measure with no title at all breaks a row rule, not a cell.
            "title_fi" => (&["Työpaja", "Lainattu, pilkku \"x\"", "", "  "], &[]),
            "title_sv" => (&["", "Verkstad", "två\nrader"], &[]),
            "title_en" => (&["", "", "Workshop"], &[]),
            "kind" => (
                &["workshop", "työpaja", "event", "NETWORK"],
                &["", "fortnightly"],
            ),
            "priority" => (&["", "p1"], &[]),
            "service_areas" => (
                &["", "child_protection", "child_protection|lastensuojelu"],
                &["older_people|nope", "child\\|protection", "older_people|"],
            ),
            "start" | "end" => (
                &["2020-03-01", "1.3.2020", "31.12.2020", "2019-12-31", ""],
                &["31.2.2020", "2020-13-01", "1.1.20", " 2.3.2020"],
            ),
            "dates" => (&["", "1.1.2020", "1.1.2020|2020-02-03"], &["1.1.2020|x"]),
            "schedule_note" => (&["", "syksy 2020"], &[]),
            "frequency_min" => (&["", "", "2", "0", "2,0", "1 000"], &["x", "1.000", "-1"]),
            "frequency_per" => (&["", "year", "vuodessa"], &["fortnight"]),
            "frequency_note" => (&["", "", "2 x vuodessa"], &[]),
            "partners" => (&["", "A|B", "A\\|B"], &[]),
            "status" => (&["", "done", "valmis"], &["maybe"]),
            "network" => (&["", "n1"], &[]),
            "frequency_qualifier" => (&["", "", "", "on_average", "keskimäärin"], &["often"]),
            "instruments" => (&["", "", "avain|arvoa", "other:Bikva"], &["nope"]),
            _ => (&["", "extra"], &[]),
        };
        if !bad.is_empty() && r.below(40) == 0 {
            r.pick(bad).to_owned()
        } else {
            r.pick(good).to_owned()
        }
    }

    fn quote(v: &str, delimiter: char) -> String {
        if v.contains(delimiter) || v.contains('"') || v.contains('\n') || v.contains('\r') {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v.to_owned()
        }
    }

    /// A measures table under `header`: random rows, then rows that break in the
    /// ways a whole row can (cell counts, an unclosed quote at the very end).
    fn table(seed: u64, header: &[&str], delimiter: char, breaks: &[&str]) -> String {
        let mut r = Rand(seed);
        let d = delimiter.to_string();
        let mut out = header.join(&d);
        out.push_str(breaks[0]);
        for i in 0..600 {
            let mut cells: Vec<String> = header
                .iter()
                .map(|c| quote(&cell(&mut r, c, i), delimiter))
                .collect();
            match r.below(25) {
                0 => cells.push("surplus".into()),
                1 => cells.push(String::new()),
                2 => {
                    cells.truncate(r.below(cells.len()));
                }
                3 => out.push_str(breaks[r.below(breaks.len())]),
                _ => {}
            }
            out.push_str(&cells.join(&d));
            out.push_str(breaks[r.below(breaks.len())]);
        }
        out.push_str(&format!("p1{d}14{d}m-last{d}\"never closed"));
        out
    }

    fn header<'a>(aliases: bool, unknown: bool, without: Option<&str>) -> Vec<&'a str> {
        let mut h: Vec<&str> = TABLE
            .columns
            .iter()
            .filter(|c| Some(c.name) != without)
            .map(|c| {
                if aliases {
                    c.aliases.first().copied().unwrap_or(c.name)
                } else {
                    c.name
                }
            })
            .collect();
        if unknown {
            h.insert(3, "muistiinpano");
        }
        h
    }

    fn windows_1252(text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| match c {
                'ä' => 0xE4,
                'ö' => 0xF6,
                'å' => 0xE5,
                '€' => 0x80,
                c => u8::try_from(c).unwrap(),
            })
            .collect()
    }

    /// The row reader tuned for streaming (and used by the whole-document import)
    /// reads every row exactly as the table's declarative mapping does: the same
    /// measure, the same issues in the same order.
    #[test]
    fn the_tuned_row_reader_agrees_with_the_mapping() {
        let ctx = super::super::mapping::Ctx {
            reg: Registry::embedded(),
            date: None,
        };
        let opts = ReadOptions::default();
        let (mut loaded, mut failed) = (0, 0);
        for seed in 1..=8u64 {
            for (unknown, delimiter) in [(false, ','), (true, ';')] {
                let text = table(seed, &header(false, unknown, None), delimiter, &["\n"]);
                let mut tr =
                    TableReader::new(text.as_bytes(), Some("measures.csv".into()), &TABLE, &opts)
                        .unwrap();
                while let Some(step) = tr.next_row().unwrap() {
                    let Step::Row(row) = step else { continue };
                    let (mut tuned, mut mapped) = (row.clone(), row);
                    let a = measure_from_row(&mut tuned);
                    let b = super::super::mapping::measures::read(&mut mapped, &ctx);
                    assert_eq!(tuned.issues, mapped.issues, "line {}", tuned.line);
                    assert_eq!(tuned.failed, mapped.failed, "line {}", tuned.line);
                    if tuned.failed {
                        failed += 1;
                    } else {
                        assert_eq!(a, b, "line {}", tuned.line);
                        loaded += 1;
                    }
                }
            }
        }
        assert!(
            loaded > 1000 && failed > 100,
            "{loaded} loaded, {failed} failed"
        );
    }

    #[test]
    fn validate_next_reports_exactly_what_next_into_reports() {
        let default = ReadOptions::default();
        let comma = ReadOptions {
            decimal: super::super::DecimalMark::Comma,
            ..default.clone()
        };
        let mut inputs: Vec<(String, Vec<u8>, ReadOptions)> = Vec::new();
        for seed in 1..=3u64 {
            let std_text = table(seed, &header(false, false, None), ',', &["\n"]);
            inputs.push((
                format!("standard {seed}"),
                std_text.into_bytes(),
                default.clone(),
            ));
            let excel = table(seed + 10, &header(true, true, None), ';', &["\r\n"]);
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend_from_slice(excel.as_bytes());
            inputs.push((format!("excel {seed}"), bytes, comma.clone()));
            let mixed = table(
                seed + 20,
                &header(false, false, None),
                '\t',
                &["\n", "\r\n", "\r"],
            );
            inputs.push((
                format!("mixed breaks {seed}"),
                mixed.into_bytes(),
                default.clone(),
            ));
            let legacy = table(seed + 30, &header(true, false, None), ';', &["\r\n"]);
            inputs.push((
                format!("windows-1252 {seed}"),
                windows_1252(&legacy),
                comma.clone(),
            ));
            let utf16 = table(seed + 40, &header(false, false, None), ';', &["\r\n"]);
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(utf16.encode_utf16().flat_map(u16::to_le_bytes));
            inputs.push((format!("utf-16 {seed}"), bytes, default.clone()));
        }
        // Bytes that are not UTF-8, in a cell the table reads and in one it does not.
        let columns = header(false, true, None);
        let mut broken = columns.join(",").into_bytes();
        let invalid: [&[u8]; 4] = [
            b"x\xFFy",     // in the unknown column, which nobody reads
            b"\xC3",       // half a character...
            b"\xB6",       // ...ended in the next cell
            b"Ty\xC3\xB6", // valid
        ];
        for (i, bad) in invalid.iter().enumerate() {
            broken.push(b'\n');
            for (c, name) in columns.iter().enumerate() {
                if c > 0 {
                    broken.push(b',');
                }
                match *name {
                    "plan_id" => broken.extend_from_slice(b"p1"),
                    "region" => broken.extend_from_slice(b"14"),
                    "id" => broken.extend_from_slice(format!("m{i}").as_bytes()),
                    "kind" => broken.extend_from_slice(b"workshop"),
                    "muistiinpano" if i == 0 => broken.extend_from_slice(bad),
                    "title_fi" if i > 0 => broken.extend_from_slice(bad),
                    "title_sv" if i == 1 => broken.extend_from_slice(invalid[2]),
                    _ => {}
                }
            }
        }
        broken.push(b'\n');
        let utf8 = ReadOptions {
            encoding: Some(Encoding::Utf8),
            ..default.clone()
        };
        inputs.push(("invalid UTF-8".into(), broken, utf8.clone()));
        // A required column missing: every row is rejected.
        let no_kind = table(7, &header(false, false, Some("kind")), ',', &["\n"]);
        inputs.push((
            "no kind column".into(),
            no_kind.into_bytes(),
            default.clone(),
        ));

        let mut codes: BTreeSet<String> = BTreeSet::new();
        let (mut loaded, mut rejected) = (0, 0);
        for (name, bytes, opts) in &inputs {
            let full = full_read(bytes, opts);
            let checked = checked_read(bytes, opts);
            assert_eq!(full.0, checked.0, "{name}: header issues");
            assert_eq!(full.2, checked.2, "{name}: rows read");
            assert_eq!(full.1.len(), checked.1.len(), "{name}: rows");
            for (f, c) in full.1.iter().zip(&checked.1) {
                assert_eq!(f, c, "{name}");
            }
            for i in full.0.iter() {
                codes.insert(i.code().to_owned());
            }
            for o in &full.1 {
                match o {
                    Outcome::Loaded { issues, .. } => {
                        loaded += 1;
                        codes.extend(issues.iter().map(|i| i.code().to_owned()));
                    }
                    Outcome::Rejected(row, issues) => {
                        rejected += 1;
                        codes.extend(row.codes.iter().cloned());
                        codes.extend(issues.iter().map(|i| i.code().to_owned()));
                    }
                }
            }
        }
        // The inputs hold every kind of trouble a measures row can have.
        let expected = [
            "csv.ambiguous-number",
            "csv.bad-date",
            "csv.bad-integer",
            "csv.bad-value",
            "csv.encoding",
            "csv.invalid-text",
            "csv.missing-column",
            "csv.missing-value",
            "csv.name-resolved",
            "csv.name-resolved-latest",
            "csv.too-few-cells",
            "csv.too-many-cells",
            "csv.unclosed-quote",
            "csv.unknown-column",
            "csv.unknown-name",
            "frequency.invalid",
            "period.reversed",
            "text.missing",
        ];
        assert_eq!(codes.into_iter().collect::<Vec<_>>(), expected);
        assert!(
            loaded > 1000 && rejected > 1000,
            "{loaded} loaded, {rejected} rejected"
        );
    }
}
