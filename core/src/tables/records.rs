//! Tables given in memory — rows of text cells under column names, as a DataFrame or
//! a list of records holds them — read by the same header mapping, cell rules and
//! row loading as CSV files ([`read_records`](super::read_records)).
//!
//! Locations: an issue's `file` is the name the table was given, its `line` the row's
//! 0-based position in the table (`df.iloc[line]`), its `column` the column's 1-based
//! position and its `field` the column's name. Header issues (unknown, duplicate or
//! missing columns) have no line. A rejected row's text is the row written as a CSV
//! line (standard dialect, `,`), under a header of the column names.

use super::schema::TableSchema;
use super::table::{map_header, HeaderMap, RejectedRow, Row, Step};
use super::value::DecimalMark;
use crate::rules::{Issue, Rule};

/// One table given in memory: column names, then rows of text cells, each cell
/// written as a CSV cell would hold it (`14.2.2018` or `2018-02-14`, `1 828 204,00` or
/// `1828204.00`, lists joined by `|`; an empty cell for a missing value).
///
/// ```
/// use oske::tables::{read_records, Records};
/// let mut plans = Records::new(["id", "centre", "title_fi", "start", "end"]);
/// plans.push_row(["p1", "sonet-botnia", "Suunnitelma", "1.1.2020", "31.12.2020"]);
/// let mut measures = Records::new(["plan_id", "region", "id", "title_fi", "kind", "start", "end"]);
/// measures.push_row(["p1", "14", "m1", "Työpaja", "workshop", "1.3.2020", "31.3.2020"]);
/// measures.push_row(["p1", "14", "m2", "Juhla", "party", "1.4.2020", ""]);
/// let imported = read_records(vec![("measures".into(), measures), ("action_plans".into(), plans)]);
/// assert_eq!(imported.tables[1].loaded, 1);
/// let bad = &imported.issues[0];
/// assert_eq!(bad.code(), "csv.bad-value");
/// let at = bad.location.as_ref().unwrap();
/// assert_eq!((at.file.as_deref(), at.line, at.field.as_deref()), (Some("measures"), Some(1), Some("kind")));
/// assert_eq!(imported.tables[1].rejected[0].text, "p1,14,m2,Juhla,party,1.4.2020,");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Records {
    columns: Vec<String>,
    /// Every cell's text, row after row.
    text: String,
    /// Per row, `columns.len() + 1` bounds relative to the row's start: field `i` of
    /// the row is `text[start + b[i]..start + b[i + 1]]`.
    bounds: Vec<usize>,
    /// Where each row starts in `text`.
    starts: Vec<usize>,
    /// Cells of the row being written.
    open: usize,
    /// The cells given as not text ([`Records::push_invalid_cell`]): (row, cell),
    /// in the order written.
    invalid: Vec<(usize, usize)>,
}

impl Records {
    /// An empty table with these column names (English names or Finnish/Swedish
    /// aliases, as in a CSV header).
    pub fn new<I, S>(columns: I) -> Records
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Records {
            columns: columns.into_iter().map(Into::into).collect(),
            ..Records::default()
        }
    }

    /// The column names.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// Rows given (complete or not).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Bytes of text the cells hold in all.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// True when no row was given.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Makes room for `rows` more rows holding `text` more bytes of text in all, so
    /// that writing them allocates nothing (a writer that knows its rows' number,
    /// and their size from the rows before, calls it once).
    ///
    /// ```
    /// use oske::tables::Records;
    /// let mut m = Records::new(["plan_id", "id"]);
    /// m.reserve(2, 8);
    /// m.push_row(["p1", "m1"]);
    /// m.push_row(["p1", "m2"]);
    /// assert_eq!(m.len(), 2);
    /// ```
    pub fn reserve(&mut self, rows: usize, text: usize) {
        let width = self.columns.len().max(1) + 1;
        self.text.reserve(text);
        self.bounds.reserve(rows.saturating_mul(width));
        self.starts.reserve(rows);
    }

    /// Appends one cell to the current row, written by `write` into the table's own
    /// buffer (no allocation per cell). A row is complete after one cell per column;
    /// the next cell starts a new row.
    #[inline]
    pub fn push_cell_with(&mut self, write: impl FnOnce(&mut String)) {
        let width = self.columns.len().max(1);
        if self.open == 0 || self.open == width {
            self.starts.push(self.text.len());
            self.bounds.push(0);
            self.open = 0;
        }
        write(&mut self.text);
        let start = self.starts.last().copied().unwrap_or_default();
        self.bounds.push(self.text.len() - start);
        self.open += 1;
    }

    /// Appends one cell to the current row. Inlined: a writer calls it once a cell,
    /// millions of times for a large table, and the call cost as much as the work.
    #[inline]
    pub fn push_cell(&mut self, cell: &str) {
        self.push_cell_with(|t| t.push_str(cell));
    }

    /// Appends a cell whose value is not text UTF-8 can hold (a Python string with
    /// an unpaired surrogate, say), `shown` as the issue is to show it (`m\ud800`).
    /// Its row is rejected with `csv.invalid-text` at the cell, as a CSV row whose
    /// cell holds bytes not valid in the file's encoding is; nothing is guessed.
    ///
    /// ```
    /// use oske::tables::{read_records, Records};
    /// let mut m = Records::new(["plan_id", "region", "id", "title_fi", "kind", "start"]);
    /// m.push_row(["p1", "14", "m1", "Työpaja", "workshop", "1.3.2020"]);
    /// for cell in ["p1", "14", "m2"] {
    ///     m.push_cell(cell);
    /// }
    /// m.push_invalid_cell("Ty\\udc00paja");
    /// m.push_cell("workshop");
    /// m.push_cell("1.4.2020");
    /// let imported = read_records(vec![("measures".into(), m)]);
    /// let issue = imported.issues.iter().find(|i| i.code() == "csv.invalid-text").unwrap();
    /// let at = issue.location.as_ref().unwrap();
    /// assert_eq!((at.line, at.column, at.field.as_deref()), (Some(1), Some(4), Some("title_fi")));
    /// let row = imported.tables[0].rejected.iter().find(|r| r.line == 1).unwrap();
    /// assert_eq!(row.text, "p1,14,m2,Ty\\udc00paja,workshop,1.4.2020");
    /// assert_eq!(row.codes, ["csv.invalid-text"]);
    /// ```
    pub fn push_invalid_cell(&mut self, shown: &str) {
        self.push_cell(shown);
        let row = self.starts.len().saturating_sub(1);
        self.invalid.push((row, self.open.saturating_sub(1)));
    }

    /// Appends one whole row; missing cells are empty, cells past the last column
    /// are ignored.
    pub fn push_row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let width = self.columns.len().max(1);
        let mut n = 0;
        for cell in cells.into_iter().take(width) {
            self.push_cell(cell.as_ref());
            n += 1;
        }
        for _ in n..width {
            self.push_cell("");
        }
    }

    /// True when row `r`'s cells are all empty (or there is no row `r`): its text
    /// is empty, found from where it and the next row start, without cutting it.
    fn row_is_blank(&self, r: usize) -> bool {
        let start = self.starts.get(r).copied().unwrap_or_default();
        let end = self.starts.get(r + 1).copied().unwrap_or(self.text.len());
        // Every start is the text's length when the row began (a character
        // boundary): the row's text is empty exactly when it ends where it starts.
        end <= start
    }

    /// Row `r`'s text and its field bounds.
    fn row(&self, r: usize) -> (&str, &[usize]) {
        let w = self.columns.len().max(1) + 1;
        let start = self.starts.get(r).copied().unwrap_or_default();
        let end = self.starts.get(r + 1).copied().unwrap_or(self.text.len());
        let bounds = self.bounds.get(r * w..(r + 1) * w).unwrap_or_default();
        (self.text.get(start..end).unwrap_or_default(), bounds)
    }
}

/// Writes one CSV cell (standard dialect: quoted when it holds `,`, `"` or a line
/// break).
fn csv_cell(out: &mut String, cell: &str) {
    if cell.contains([',', '"', '\n', '\r']) {
        out.push('"');
        for c in cell.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Cells as one CSV line.
pub(super) fn csv_line<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    out.clear();
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_cell(out, cell);
    }
}

/// A [`Records`] table read as one table of the layout, row by row; its rows may
/// come in parts ([`RecordsReader::next_part`]), numbered on from part to part.
pub(crate) struct RecordsReader {
    /// The part being read.
    records: Records,
    /// The first part's column names (the header), for every part.
    columns: Vec<String>,
    /// The line of the part's first row: the rows of the parts before.
    first_line: usize,
    schema: &'static TableSchema,
    pub(crate) file: Option<String>,
    field_of_slot: Vec<Option<usize>>,
    /// `field_of_slot` for the rows.
    slots: Vec<usize>,
    /// Header issues (duplicate, unknown, missing columns).
    pub(crate) header_issues: Vec<Issue>,
    /// Unknown columns beyond those `header_issues` lists (counted only).
    pub(crate) header_unlisted: u64,
    unusable: bool,
    /// The column names as a CSV line.
    pub(crate) header_text: String,
    /// Rows read (blank rows not counted).
    pub(crate) rows: u64,
    /// The current row as a CSV line.
    raw: String,
    /// The allocation of the row's cells, kept from part to part.
    spare: Vec<&'static str>,
}

impl RecordsReader {
    pub(crate) fn new(
        records: Records,
        file: String,
        schema: &'static TableSchema,
    ) -> RecordsReader {
        let file = Some(file);
        let names: Vec<String> = records
            .columns
            .iter()
            .map(|n| n.trim().to_owned())
            .collect();
        let HeaderMap {
            field_of_slot,
            issues,
            unusable,
            unlisted,
            ..
        } = map_header(schema, &names, &file, None);
        let mut header_text = String::new();
        csv_line(&mut header_text, records.columns.iter().map(String::as_str));
        RecordsReader {
            columns: records.columns.clone(),
            records,
            first_line: 0,
            schema,
            file,
            slots: super::table::slots_of(&field_of_slot),
            field_of_slot,
            header_issues: issues,
            header_unlisted: unlisted,
            unusable,
            header_text,
            rows: 0,
            raw: String::new(),
            spare: Vec::new(),
        }
    }

    /// The table's columns as a source of a [`SourceMap`](crate::SourceMap).
    pub(crate) fn source_columns(&self) -> Vec<(&'static str, Option<u64>, String)> {
        let names: Vec<String> = self
            .records
            .columns
            .iter()
            .map(|n| n.trim().to_owned())
            .collect();
        super::table::source_columns(self.schema, &self.field_of_slot, &names)
    }

    /// Goes on with the table's next part (rows under the same columns): its first
    /// row's line follows the last row of the part before.
    pub(crate) fn next_part(&mut self, part: Records) {
        self.first_line += self.records.len();
        self.records = part;
    }

    /// Reads every row of the part and gives each step to `each`, in order. Rows
    /// whose cells are all empty are skipped (not counted), as blank lines of a CSV
    /// file are. The rows are one [`Row`] filled again for each
    /// ([`Row::next_in_memory`]), as the rows of a CSV batch are: what they share is
    /// set once a part.
    pub(crate) fn read_part(&mut self, each: &mut dyn FnMut(&mut Step<'_>)) {
        let RecordsReader {
            records,
            columns,
            first_line,
            schema,
            file,
            slots,
            unusable,
            rows,
            raw,
            spare,
            ..
        } = self;
        let mut invalid = records.invalid.iter().peekable();
        // The part's row, once its first row came.
        let mut row: Option<Step<'_>> = None;
        for r in 0..records.len() {
            if records.row_is_blank(r) {
                continue;
            }
            *rows += 1;
            let line = u64::try_from(*first_line + r).unwrap_or(u64::MAX);
            let (text, bounds) = records.row(r);
            // The first cell of the row given as not text, if any.
            while invalid.next_if(|&&(at, _)| at < r).is_some() {}
            let bad = invalid.next_if(|&&(at, _)| at == r).map(|&(_, cell)| cell);
            if *unusable {
                let cells = bounds
                    .windows(2)
                    .map(|b| text.get(b[0]..b[1]).unwrap_or_default());
                csv_line(raw, cells);
                let rejected = RejectedRow {
                    line,
                    text: raw.clone(),
                    codes: vec![Rule::CsvMissingColumn.code().to_owned()],
                };
                each(&mut Step::Rejected(rejected, Vec::new()));
                continue;
            }
            if let Some(cell) = bad {
                let (rejected, issue) =
                    reject_invalid(text, bounds, columns, file, raw, line, cell);
                each(&mut Step::Rejected(rejected, vec![issue]));
                continue;
            }
            match &mut row {
                Some(Step::Row(row)) => row.next_in_memory(text, bounds, line),
                _ => {
                    row = Some(Step::Row(Row::in_memory(
                        text,
                        bounds,
                        slots,
                        columns,
                        schema,
                        file,
                        line,
                        DecimalMark::Auto,
                        std::mem::take(spare),
                    )));
                }
            }
            if let Some(step) = &mut row {
                each(step);
            }
        }
        // The row's cells' allocation stays for the next part.
        if let Some(Step::Row(mut row)) = row {
            *spare = row.spare();
        }
    }
}

/// A row of a table given in memory rejected for its cell `cell`, given as not
/// text: `csv.invalid-text` at the cell, as the CSV reader reports a cell of bytes
/// not valid UTF-8. `raw` is room for the row as a CSV line.
fn reject_invalid(
    text: &str,
    bounds: &[usize],
    columns: &[String],
    file: &Option<String>,
    raw: &mut String,
    line: u64,
    cell: usize,
) -> (RejectedRow, Issue) {
    let cells = || {
        bounds
            .windows(2)
            .map(|b| text.get(b[0]..b[1]).unwrap_or_default())
    };
    let shown = cells().nth(cell).unwrap_or_default();
    let name = columns
        .get(cell)
        .map(|n| n.trim().to_owned())
        .unwrap_or_default();
    let mut issue = Issue::new(Rule::CsvInvalidText, "")
        .arg("column", &name)
        .arg("encoding", "utf-8")
        .arg("value", shown);
    issue.location = Some(crate::SourceLocation {
        file: file.clone(),
        line: Some(line),
        column: Some(u64::try_from(cell + 1).unwrap_or(u64::MAX)),
        field: Some(name),
        sheet: None,
    });
    csv_line(raw, cells());
    let row = RejectedRow {
        line,
        text: raw.clone(),
        codes: vec![Rule::CsvInvalidText.code().to_owned()],
    };
    (row, issue)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_cells_and_missing_cells_are_empty() {
        let mut r = Records::new(["a", "b", "c"]);
        r.push_row(["1", "x,y", ""]);
        r.push_row(["2"]);
        r.push_cell_with(|t| t.push_str("3 "));
        r.push_cell("\"q\"");
        r.push_cell("z");
        assert_eq!(r.len(), 3);
        let cells = |i: usize| -> Vec<String> {
            let (t, b) = r.row(i);
            b.windows(2).map(|w| t[w[0]..w[1]].to_owned()).collect()
        };
        assert_eq!(cells(0), ["1", "x,y", ""]);
        assert_eq!(cells(1), ["2", "", ""]);
        assert_eq!(cells(2), ["3 ", "\"q\"", "z"]);
        let mut line = String::new();
        csv_line(&mut line, cells(2).iter().map(String::as_str));
        assert_eq!(line, "3 ,\"\"\"q\"\"\",z");
        csv_line(&mut line, cells(0).iter().map(String::as_str));
        assert_eq!(line, "1,\"x,y\",");
    }

    /// The same cells given as CSV and as records load the same rows and report the
    /// same issues (code, column, field, value), a record's line being its CSV line
    /// minus 2 (the header is line 1, the first row line 2).
    #[test]
    fn records_read_exactly_as_the_csv_reader_reads_the_same_cells() {
        let plans =
            "id,centre,title_fi,start,end\np1,sonet-botnia,Suunnitelma,1.1.2020,31.12.2020\n";
        let measures = [
            "plan_id,region,id,title_fi,title_sv,kind,start,end,frequency_min,frequency_per,service_areas,partners,dates",
            "p1,14,m1,Työpaja,,workshop,1.3.2020,31.3.2020,2,year,child_protection|older_people,A|B,2020-03-15",
            "p1,14,m2,Juhla,,party,1.4.2020,,,,,,",
            "p1,14,m3,,,other,1.4.2020,1.3.2020,,,,,",
            "p1,14,m4,Kysely,,survey,31.2.2020,,0,year,,,",
            "p2,14,m5,Orpo,,survey,,,,,,,",
            "p1,15,m6,Verkosto,Nätverk,network,2020-05-01,2020-06-30,x,week,nope,,1.13.2020",
            ",,,,,,,,,,,,",
            "p1,14,m1,Toinen,,event,,,,,,,",
        ];
        let csv_text = measures.join("\n");
        let from_csv = super::super::read_tables(
            vec![
                ("action_plans.csv".to_owned(), plans.as_bytes()),
                ("measures.csv".to_owned(), csv_text.as_bytes()),
            ],
            &super::super::ReadOptions::default(),
        );
        let table = |text: &str| {
            let mut lines = text.lines();
            let mut r = Records::new(lines.next().unwrap().split(','));
            for l in lines {
                r.push_row(l.split(','));
            }
            r
        };
        let from_records = super::super::read_records(vec![
            ("measures.csv".to_owned(), table(&csv_text)),
            ("action_plans.csv".to_owned(), table(plans)),
        ]);
        assert_eq!(from_records.document, from_csv.document);
        assert!(!from_csv.issues.is_empty());
        assert_eq!(from_records.issues.len(), from_csv.issues.len());
        for (a, b) in from_records.issues.iter().zip(&from_csv.issues) {
            assert_eq!(
                (a.code(), &a.pointer, &a.args),
                (b.code(), &b.pointer, &b.args)
            );
            let (la, lb) = (a.location.clone().unwrap(), b.location.clone().unwrap());
            assert_eq!(
                (la.column, la.field, la.file),
                (lb.column, lb.field, lb.file)
            );
            assert_eq!(la.line.map(|l| l + 2), lb.line, "{a:?}");
        }
        for (a, b) in from_records.tables.iter().zip(&from_csv.tables) {
            assert_eq!((a.rows, a.loaded), (b.rows, b.loaded));
            let lines = |t: &super::super::TableReport| -> Vec<(u64, String, Vec<String>)> {
                t.rejected
                    .iter()
                    .map(|r| (r.line, r.text.clone(), r.codes.clone()))
                    .collect()
            };
            let shifted: Vec<_> = lines(a)
                .into_iter()
                .map(|(l, t, c)| (l + 2, t, c))
                .collect();
            assert_eq!(shifted, lines(b));
        }
        let codes: Vec<&str> = from_records.issues.iter().map(|i| i.code()).collect();
        assert_eq!(
            codes,
            [
                "csv.bad-value",     // m2: kind "party"
                "csv.missing-value", // m3: no title in any language
                "csv.bad-date",      // m4: 31.2.2020
                "csv.missing-value", // m4: the period has no end
                "csv.orphan-row",    // m5: plan p2
                "csv.bad-value",     // m6: service area "nope"
                "csv.bad-date",      // m6: 1.13.2020
                "csv.bad-integer",   // m6: frequency "x"
                "csv.bad-value",     // m6: frequency per "week"
            ]
        );
    }

    /// Everything a read gives, as text: the document, the issues, the table reports
    /// and the source map.
    fn shown(i: &super::super::Imported) -> (String, String, String, String) {
        (
            crate::json::to_string(&i.document),
            format!("{:#?}", i.issues),
            format!("{:#?}", i.tables),
            format!("{:#?}", i.source_map),
        )
    }

    /// Rows of measures, good and bad, with blank rows among them.
    fn measure_rows(n: usize) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let header = vec![
            "plan_id",
            "region",
            "id",
            "title_fi",
            "kind",
            "start",
            "end",
            "frequency_min",
            "frequency_per",
            "service_areas",
        ];
        let kinds = ["workshop", "survey", "party", "event", "network"];
        let starts = [
            "1.3.2020",
            "2020-04-01",
            "31.2.2020",
            "",
            "1.13.2020",
            "5.5.2020",
        ];
        let rows = (0..n)
            .map(|i| {
                if i % 23 == 5 {
                    return vec![String::new(); header.len()];
                }
                let plan = if i % 31 == 7 { "p2" } else { "p1" };
                let region = ["14", "15", "", "Inari"][i % 4];
                vec![
                    plan.to_owned(),
                    region.to_owned(),
                    format!("m{}", i % (n / 2 + 1)),
                    if i % 11 == 3 {
                        String::new()
                    } else {
                        format!("Toimi, {i}")
                    },
                    kinds[i % kinds.len()].to_owned(),
                    starts[i % starts.len()].to_owned(),
                    if i % 3 == 0 {
                        "31.12.2020".to_owned()
                    } else {
                        String::new()
                    },
                    ["2", "", "x", "-1"][i % 4].to_owned(),
                    ["year", "", "week"][i % 3].to_owned(),
                    ["child_protection|older_people", "", "nope", "a|"][i % 4].to_owned(),
                ]
            })
            .collect();
        (header, rows)
    }

    /// Reads `rows` as one table, and in parts of `sizes` rows (cycled) sent through
    /// a channel from another thread; asserts both equal and gives the result.
    fn one_and_in_parts(
        header: &[&str],
        rows: &[Vec<String>],
        sizes: &[usize],
    ) -> super::super::Imported {
        let plans = || {
            let mut p = Records::new(["id", "centre", "title_fi", "start", "end"]);
            p.push_row([
                "p1",
                "sonet-botnia",
                "Suunnitelma",
                "1.1.2020",
                "31.12.2020",
            ]);
            p
        };
        let mut whole = Records::new(header.iter().copied());
        for r in rows {
            push_marked(&mut whole, r);
        }
        let one = super::super::read_records(vec![
            ("measures".to_owned(), whole),
            ("action_plans".to_owned(), plans()),
        ]);
        let (tx, rx) = std::sync::mpsc::channel();
        let mut parts: Vec<Records> = Vec::new();
        let mut at = 0;
        for size in sizes.iter().cycle() {
            if at >= rows.len() {
                break;
            }
            let mut part = Records::new(header.iter().copied());
            for r in rows.iter().skip(at).take(*size) {
                push_marked(&mut part, r);
            }
            at += size;
            parts.push(part);
        }
        let mut parts = parts.into_iter();
        let first = parts
            .next()
            .unwrap_or_else(|| Records::new(header.iter().copied()));
        let sender = std::thread::spawn(move || {
            for p in parts {
                tx.send(p).unwrap();
            }
        });
        let split = super::super::read_records_in_parts(
            vec![
                ("measures".to_owned(), first, Some(rx)),
                ("action_plans".to_owned(), plans(), None),
            ],
            None,
        );
        sender.join().unwrap();
        assert_eq!(shown(&one), shown(&split), "parts of {sizes:?}");
        assert_eq!(one, split);
        split
    }

    #[test]
    fn a_table_read_in_parts_is_the_table_read_whole() {
        let (header, rows) = measure_rows(1_000);
        for sizes in [
            &[1_000][..],
            &[1],
            &[3],
            &[5, 0, 17],
            &[0, 0, 999, 1],
            &[128],
            &[2_000],
        ] {
            let read = one_and_in_parts(&header, &rows, sizes);
            let t = &read.tables[1];
            // Blank rows are not counted; the others are loaded or rejected.
            assert_eq!(t.rows, 1_000 - 44);
            assert_eq!(t.rows, t.loaded + t.rejected.len() as u64);
            assert!(t.loaded > 0 && !t.rejected.is_empty());
            // Lines go on across parts: the last rejected row is among the last rows.
            let last = t.rejected.last().unwrap();
            assert!(last.line >= 990, "{}", last.line);
            assert_eq!(
                last.text,
                csv_text(&rows[usize::try_from(last.line).unwrap()])
            );
        }
    }

    /// Pushes a row; a cell written `\0bad:` + text is pushed as not text
    /// ([`Records::push_invalid_cell`]), shown as the text.
    fn push_marked(records: &mut Records, row: &[String]) {
        for cell in row {
            match cell.strip_prefix("\0bad:") {
                Some(shown) => records.push_invalid_cell(shown),
                None => records.push_cell(cell),
            }
        }
    }

    #[test]
    fn a_cell_given_as_not_text_rejects_its_row_at_the_cell_whole_and_in_parts() {
        let (header, mut rows) = measure_rows(60);
        // Rows 0, 9 and 41 (none blank) get a cell that is not text: title_fi,
        // plan_id and (with a second one after it) region.
        rows[0][3] = "\0bad:Ty\\udc00paja".to_owned();
        rows[9][0] = "\0bad:p\\ud800".to_owned();
        rows[41][1] = "\0bad:\\udfff".to_owned();
        rows[41][3] = "\0bad:x\\ud801".to_owned();
        let whole = one_and_in_parts(&header, &rows, &[60]);
        for sizes in [&[1][..], &[9, 1, 0, 31, 2], &[40, 1, 1]] {
            assert_eq!(whole, one_and_in_parts(&header, &rows, sizes));
        }
        let found: Vec<_> = whole
            .issues
            .iter()
            .filter(|i| i.code() == "csv.invalid-text")
            .map(|i| {
                let at = i.location.as_ref().unwrap();
                (
                    at.file.as_deref(),
                    at.line,
                    at.column,
                    at.field.as_deref(),
                    i.message(crate::Lang::En),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (Some("measures"), Some(0), Some(4), Some("title_fi"),
                 "the column \"title_fi\" contains bytes that are not valid in the character encoding UTF-8: \"Ty\\udc00paja\"".to_owned()),
                (Some("measures"), Some(9), Some(1), Some("plan_id"),
                 "the column \"plan_id\" contains bytes that are not valid in the character encoding UTF-8: \"p\\ud800\"".to_owned()),
                (Some("measures"), Some(41), Some(2), Some("region"),
                 "the column \"region\" contains bytes that are not valid in the character encoding UTF-8: \"\\udfff\"".to_owned()),
            ]
        );
        let t = &whole.tables[1];
        let rejected: Vec<_> = t
            .rejected
            .iter()
            .filter(|r| r.codes == ["csv.invalid-text"])
            .map(|r| (r.line, r.text.as_str()))
            .collect();
        assert_eq!(
            rejected,
            [
                (0, "p1,14,m0,Ty\\udc00paja,workshop,1.3.2020,31.12.2020,2,year,child_protection|older_people"),
                (9, "p\\ud800,15,m9,\"Toimi, 9\",network,,31.12.2020,,year,"),
                (41, "p1,\\udfff,m10,x\\ud801,survey,5.5.2020,,,week,"),
            ]
        );
        assert_eq!(t.rows, t.loaded + t.rejected.len() as u64);
        // The same rows with text in those cells: three more loaded, or rejected for
        // something else, never for their text.
        let (_, clean) = measure_rows(60);
        let clean = one_and_in_parts(&header, &clean, &[60]);
        assert!(clean.issues.iter().all(|i| i.code() != "csv.invalid-text"));
        assert_eq!(clean.tables[1].rows, t.rows);
    }

    fn csv_text(cells: &[String]) -> String {
        let mut out = String::new();
        csv_line(&mut out, cells.iter().map(String::as_str));
        out
    }

    #[test]
    fn a_table_missing_a_column_is_rejected_whole_in_parts_too() {
        let (header, rows) = measure_rows(50);
        let header: Vec<&str> = header.into_iter().filter(|h| *h != "kind").collect();
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|mut r| {
                r.remove(4);
                r
            })
            .collect();
        let read = one_and_in_parts(&header, &rows, &[7]);
        let t = &read.tables[1];
        assert_eq!((t.rows, t.loaded, t.rejected.len()), (48, 0, 48));
        assert_eq!(t.rejected[47].line, 49);
    }

    #[test]
    fn no_part_at_all_reads_an_empty_table() {
        let (header, _) = measure_rows(0);
        let read = one_and_in_parts(&header, &[], &[4]);
        assert_eq!((read.tables[1].rows, read.tables[1].loaded), (0, 0));
    }

    #[test]
    fn a_missing_required_column_rejects_every_row_and_unknown_columns_are_named() {
        let mut r = Records::new(["plan_id", "id", "väri"]);
        r.push_row(["p1", "m1", "sininen"]);
        let imported = super::super::read_records(vec![("toimenpiteet".to_owned(), r)]);
        let t = &imported.tables[0];
        assert_eq!((t.table, t.rows, t.loaded), (Some("measures"), 1, 0));
        assert_eq!(t.rejected[0].text, "p1,m1,sininen");
        assert_eq!(t.header, "plan_id,id,väri");
        let found: Vec<(&str, Option<u64>, Option<String>)> = imported
            .issues
            .iter()
            .map(|i| {
                let l = i.location.clone().unwrap();
                (i.code(), l.line, l.field)
            })
            .collect();
        assert_eq!(
            found[0],
            ("csv.unknown-column", None, Some("väri".to_owned()))
        );
        assert!(found[1..]
            .iter()
            .all(|(c, line, _)| *c == "csv.missing-column" && line.is_none()));
        assert_eq!(found.len(), 1 + 2, "{found:?}"); // region and kind
    }
}
