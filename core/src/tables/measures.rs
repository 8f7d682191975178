//! Streaming a single big `measures.csv`: row by row in bounded memory, with
//! row-level checks.

use super::export::{csv_writer, measure_cells, write_guarded};
use super::import::assign;
use super::mapping::{self, Ctx, Fill};
use super::reader::{EncodingSource, ReadOptions};
use super::schema::measures::{C, TABLE};
use super::table::{BlankCell, RejectedRow, Row, Step, TableReader};
use super::value::{parse_date, Dialect};
use super::Encoding;
use crate::plan::{Measure, MeasureKind};
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
    /// What filling one measure row after row keeps between rows.
    fill: Fill,
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
            fill: Fill {
                dates: super::value::DateMemo::on(),
                ..Fill::default()
            },
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
#[inline]
fn region_cell<'a>(row: &mut Row<'a>, reg: &Option<Arc<Registry>>) -> Cow<'a, str> {
    let s = row.s(C::Region);
    if s.is_blank_cell() {
        row.missing(C::Region);
        return Cow::Borrowed(s);
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
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
    fill: &mut Fill,
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
            // The measure's own columns, read by the table's mapping.
            let ctx = Ctx::new(reg, None);
            let (line, issues, measure) = match into {
                Target::Row(out) => {
                    assign(&mut out.plan_id, plan_id);
                    assign(&mut out.region, &region);
                    fill.skip_text = false;
                    mapping::measures::read_into(&mut row, &ctx, &mut out.measure, fill);
                    (&mut out.line, &mut out.issues, &out.measure)
                }
                Target::Issues(out, scratch) => {
                    fill.skip_text = true;
                    mapping::measures::read_into(&mut row, &ctx, scratch, fill);
                    (&mut out.line, &mut out.issues, &*scratch)
                }
            };
            *line = row.line;
            if row.failed {
                let rejected = row.rejected();
                let issues = std::mem::take(&mut row.issues);
                let spare = row.spare();
                tr.recycle(spare);
                return Some(RowStatus::Rejected(rejected, issues));
            }
            issues.clear();
            issues.append(&mut row.issues);
            let checks = if validate {
                row_checks(measure)
            } else {
                Vec::new()
            };
            if !checks.is_empty() {
                for mut i in checks {
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
            let spare = row.spare();
            tr.recycle(spare);
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
            &mut self.fill,
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
            &mut self.fill,
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

    /// Filling one measure row after row (the streaming reader: every binding's
    /// `into` on the fields the last row left) gives each row exactly the measure
    /// and the issues that reading it afresh through the mapping gives (`read`, as
    /// the whole-document import does), whatever the rows before it held: titles,
    /// notes, frequencies, schedules, lists and instruments that come and go.
    #[test]
    fn a_measure_filled_row_after_row_equals_one_read_afresh() {
        let registry = None;
        let ctx = Ctx::new(&registry, None);
        let opts = ReadOptions::default();
        let mut reused = blank_measure();
        let mut fill = Fill::default();
        let (mut loaded, mut failed) = (0, 0);
        for seed in 1..=8u64 {
            for (unknown, delimiter) in [(false, ','), (true, ';')] {
                let text = table(seed, &header(false, unknown, None), delimiter, &["\n"]);
                let mut tr =
                    TableReader::new(text.as_bytes(), Some("measures.csv".into()), &TABLE, &opts)
                        .unwrap();
                while let Some(step) = tr.next_row().unwrap() {
                    let Step::Row(row) = step else { continue };
                    let (mut into, mut fresh) = (row.clone(), row);
                    mapping::measures::read_into(&mut into, &ctx, &mut reused, &mut fill);
                    let m = mapping::measures::read(&mut fresh, &ctx);
                    assert_eq!(into.issues, fresh.issues, "line {}", into.line);
                    assert_eq!(into.failed, fresh.failed, "line {}", into.line);
                    if into.failed {
                        failed += 1;
                    } else {
                        assert_eq!(reused, m, "line {}", into.line);
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

    /// Every measure column that can hold a bad cell reports it at that cell —
    /// file, line, the column's place in the header (not in the layout) and its
    /// name as the header writes it — alike through the streaming reader and the
    /// whole-document import.
    #[test]
    fn every_measure_cell_error_is_located_at_its_column() {
        // The layout's columns backwards, Finnish names where they have one, and
        // an unknown column first: no column stands where the layout puts it.
        let mut names: Vec<&str> = TABLE
            .columns
            .iter()
            .rev()
            .map(|c| c.aliases.first().copied().unwrap_or(c.name))
            .collect();
        names.insert(0, "muistiinpano");
        let good = |name: &str| match TABLE.column_index(name).map(|i| TABLE.columns[i].name) {
            Some("plan_id") => "p1",
            Some("region") => "14",
            Some("id") => "m1",
            Some("title_fi") => "Työpaja",
            Some("kind") => "workshop",
            Some("start") => "1.3.2020",
            Some("end") => "31.3.2020",
            _ => "",
        };
        // A bad cell (with, for a frequency, its good other half).
        let bad: [(&str, &str, &str, (&str, &str)); 14] = [
            ("plan_id", " ", "csv.missing-value", ("", "")),
            ("region", "Lapi", "csv.unknown-name", ("", "")),
            ("id", "", "csv.missing-value", ("", "")),
            ("kind", "fortnightly", "csv.bad-value", ("", "")),
            (
                "service_areas",
                "older_people|nope",
                "csv.bad-value",
                ("", ""),
            ),
            ("start", "31.2.2020", "csv.bad-date", ("", "")),
            ("end", "2020-13-01", "csv.bad-date", ("", "")),
            ("dates", "1.1.2020|x", "csv.bad-date", ("", "")),
            (
                "frequency_min",
                "x",
                "csv.bad-integer",
                ("frequency_per", "year"),
            ),
            (
                "frequency_per",
                "fortnight",
                "csv.bad-value",
                ("frequency_min", "2"),
            ),
            ("status", "maybe", "csv.bad-value", ("", "")),
            ("frequency_qualifier", "often", "csv.bad-value", ("", "")),
            ("instruments", "avain|nope", "csv.bad-value", ("", "")),
            // A qualifier without its count: the count is missing.
            (
                "frequency_qualifier",
                "on_average",
                "csv.missing-value",
                ("", ""),
            ),
        ];
        let mut text = names.join(";");
        for (column, value, _, (other, other_value)) in bad {
            text.push('\n');
            let cells: Vec<&str> = names
                .iter()
                .map(
                    |n| match TABLE.column_index(n).map(|i| TABLE.columns[i].name) {
                        Some(c) if c == column => value,
                        Some(c) if c == other => other_value,
                        _ => good(n),
                    },
                )
                .collect();
            text.push_str(&cells.join(";"));
        }
        text.push('\n');
        // Where each row's issue must stand.
        let expected: Vec<(u64, Option<u64>, String, &str)> = bad
            .iter()
            .enumerate()
            .map(|(i, (column, value, code, _))| {
                // The missing count is the count's cell, not the qualifier's.
                let at = if *value == "on_average" {
                    "frequency_min"
                } else {
                    column
                };
                let place = names
                    .iter()
                    .position(|n| TABLE.column_index(n).map(|c| TABLE.columns[c].name) == Some(at))
                    .unwrap();
                let line = u64::try_from(i).unwrap() + 2;
                let column = u64::try_from(place).unwrap() + 1;
                (line, Some(column), names[place].to_owned(), *code)
            })
            .collect();
        let place = |i: &Issue| {
            let l = i.location.as_ref().unwrap();
            assert_eq!(l.file.as_deref(), Some("measures.csv"));
            (
                l.line.unwrap(),
                l.column,
                l.field.clone().unwrap(),
                i.code(),
            )
        };

        let mut r = MeasureReader::new(
            text.as_bytes(),
            Some("measures.csv"),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(
            r.header_issues()
                .iter()
                .map(|i| i.code())
                .collect::<Vec<_>>(),
            ["csv.unknown-column"]
        );
        let mut streamed = Vec::new();
        for item in r.by_ref() {
            match item {
                MeasureItem::Rejected(_, issues) => streamed.extend(issues.iter().map(place)),
                MeasureItem::Loaded(row) => panic!("line {} loaded", row.line),
            }
        }
        assert_eq!(streamed, expected);

        let plans =
            "id;centre;title_fi;start;end\np1;sonet-botnia;Suunnitelma;1.1.2020;31.12.2021\n";
        let imported = super::super::read_tables(
            vec![
                ("action_plans.csv".to_owned(), plans.as_bytes()),
                ("measures.csv".to_owned(), text.as_bytes()),
            ],
            &ReadOptions::default(),
        );
        let whole: Vec<_> = imported
            .issues
            .iter()
            .filter(|i| i.code() != "csv.unknown-column")
            .map(place)
            .collect();
        assert_eq!(whole, expected);
        assert!(imported.document.action_plans[0].sections.is_empty());
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
