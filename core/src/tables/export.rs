//! Writing a [`Document`] as tables: UTF-8 by default, or the "Excel, Finnish"
//! dialect (`;`, BOM, decimal comma, `d.m.yyyy`).

use super::mapping;
use super::schema::{self, TableSchema};
use super::typed::Cell;
use super::value::{guard_cell, Dialect};
use crate::document::Document;
use crate::plan::Measure;
use crate::text::LocalizedText;
use std::cell::RefCell;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Where the mapping hands its rows: each finished row of a table it wants.
trait RowSink<'a> {
    /// Whether rows of `table` are wanted at all (others are not built).
    fn wants(&self, table: &TableSchema) -> bool;
    /// The rows of a wanted table to hand over, by their 0-based index in the
    /// table (every row by default). The others are counted, and the mapping skips
    /// building them where it can (the measures).
    fn range(&self) -> Range<usize> {
        0..usize::MAX
    }
    /// How many rows of a wanted table are handed over at once (at most; one by default).
    fn batch(&self) -> usize {
        1
    }
    /// Rows of `table` (at least one, at most [`RowSink::batch`]), one after the
    /// other, each row's cells in the schema's column order.
    fn rows(&mut self, table: &'static TableSchema, cells: &[Cell<'a>]);
    /// The number of rows of a wanted table, handed over or not, once all are counted.
    fn counted(&mut self, _table: &'static TableSchema, _rows: usize) {}
}

/// The rows of one table being built: the row being built, after the rows kept
/// for the sink, which get them in batches ([`RowSink::batch`]) when the batch is
/// full and at [`Out::finish`].
struct Out<'a, 'k> {
    schema: &'static TableSchema,
    wanted: bool,
    /// The rows handed to the sink, by index.
    range: Range<usize>,
    /// Rows handed over at once.
    batch: usize,
    /// The index of the row being built, and of the next one.
    at: usize,
    next: usize,
    open: bool,
    /// The rows kept for the sink, one after the other, and the row being built
    /// last (when `open`).
    cells: Vec<Cell<'a>>,
    sink: &'k RefCell<dyn RowSink<'a> + 'k>,
}

impl<'a, 'k> Out<'a, 'k> {
    fn new(sink: &'k RefCell<dyn RowSink<'a> + 'k>, schema: &'static TableSchema) -> Self {
        let wanted = sink.borrow().wants(schema);
        Out {
            schema,
            wanted,
            range: if wanted { sink.borrow().range() } else { 0..0 },
            batch: if wanted {
                sink.borrow().batch().max(1)
            } else {
                1
            },
            at: 0,
            next: 0,
            open: false,
            cells: Vec::new(),
            sink,
        }
    }

    /// Starts a new row (all cells empty); the previous one is settled.
    fn row(&mut self) -> &mut [Cell<'a>] {
        self.settle();
        let start = self.cells.len();
        self.cells
            .resize(start + self.schema.columns.len(), Cell::Empty);
        self.open = true;
        self.at = self.next;
        self.next += 1;
        &mut self.cells[start..]
    }

    /// Counts the next row without building it when the sink does not want it
    /// (`true`: the caller skips it), the previous one being settled.
    fn skip(&mut self) -> bool {
        if self.wanted && self.range.contains(&self.next) {
            return false;
        }
        self.settle();
        self.next += 1;
        true
    }

    /// Counts the next `n` rows without building them when the sink wants none of
    /// them (`true`: the caller skips them all), the previous row being settled;
    /// otherwise counts nothing (`false`: the caller goes row by row).
    fn skip_all(&mut self, n: usize) -> bool {
        let end = self.next.saturating_add(n);
        if self.wanted && self.range.start < end && self.next < self.range.end {
            return false;
        }
        self.settle();
        self.next = end;
        true
    }

    /// Settles the row being built, if any: kept for the sink if it wants the row
    /// (the kept rows handed over once they fill a batch), dropped otherwise.
    fn settle(&mut self) {
        if !std::mem::take(&mut self.open) {
            return;
        }
        let width = self.schema.columns.len();
        if self.wanted && self.range.contains(&self.at) {
            if self.cells.len() >= self.batch * width {
                self.hand_over();
            }
        } else {
            self.cells.truncate(self.cells.len() - width);
        }
    }

    /// Hands the kept rows, if any, to the sink.
    fn hand_over(&mut self) {
        if !self.cells.is_empty() {
            self.sink.borrow_mut().rows(self.schema, &self.cells);
            self.cells.clear();
        }
    }

    /// Hands over the last rows and tells the sink how many rows the table has.
    fn finish(&mut self) {
        self.settle();
        if self.wanted {
            self.hand_over();
            self.sink.borrow_mut().counted(self.schema, self.next);
        }
    }
}

pub(super) fn set<'a>(r: &mut [Cell<'a>], c: impl Into<usize>, v: impl Into<Cell<'a>>) {
    if let Some(cell) = r.get_mut(c.into()) {
        *cell = v.into();
    }
}

pub(super) fn set_loc<'a>(r: &mut [Cell<'a>], cols: [usize; 3], t: &'a LocalizedText) {
    set(r, cols[0], t.fi.as_deref());
    set(r, cols[1], t.sv.as_deref());
    set(r, cols[2], t.en.as_deref());
}

/// The cells of a measures.csv row.
fn measure_row<'a>(plan_id: &'a str, region: &'a str, m: &'a Measure, r: &mut [Cell<'a>]) {
    use schema::measures::C;
    set(r, C::PlanId, plan_id);
    set(r, C::Region, region);
    mapping::measures::cells(m, r);
}

/// The text cells of a measures.csv row, as `d` writes them.
pub(crate) fn measure_cells(plan_id: &str, region: &str, m: &Measure, d: &Dialect) -> Vec<String> {
    let mut r = vec![Cell::Empty; schema::measures::TABLE.columns.len()];
    measure_row(plan_id, region, m, &mut r);
    r.iter().map(|c| c.to_text(d)).collect()
}

fn tables_of<'a, 'k>(doc: &'a Document, sink: &'k RefCell<dyn RowSink<'a> + 'k>) {
    use schema::*;
    let mut document = Out::new(sink, &document::TABLE);
    mapping::document::cells(doc, document.row());
    let mut plans = Out::new(sink, &action_plans::TABLE);
    let mut values = Out::new(sink, &plan_values::TABLE);
    let mut parts = Out::new(sink, &population_parts::TABLE);
    let mut sections_t = Out::new(sink, &sections::TABLE);
    let mut prios = Out::new(sink, &priorities::TABLE);
    let mut measures_t = Out::new(sink, &measures::TABLE);
    let mut specials = Out::new(sink, &special_tasks::TABLE);
    let mut content = Out::new(sink, &special_task_content::TABLE);
    let mut approvals_t = Out::new(sink, &approvals::TABLE);
    let mut revisions_t = Out::new(sink, &revisions::TABLE);
    for p in &doc.action_plans {
        {
            mapping::action_plans::cells(p, plans.row());
        }
        for v in &p.values {
            use plan_values::C;
            let r = values.row();
            set(r, C::PlanId, &p.id);
            mapping::plan_values::cells(v, r);
        }
        if let Some(pop) = &p.population {
            for part in &pop.parts {
                use population_parts::C;
                let r = parts.row();
                set(r, C::PlanId, &p.id);
                mapping::population_parts::cells(part, r);
            }
        }
        for pr in &p.priorities {
            use priorities::C;
            let r = prios.row();
            set(r, C::PlanId, &p.id);
            mapping::priorities::cells(pr, r);
        }
        for s in &p.sections {
            {
                use sections::C;
                let r = sections_t.row();
                set(r, C::PlanId, &p.id);
                set(r, C::Region, &s.region);
                mapping::sections::cells(s, r);
            }
            for pr in &s.local_priorities {
                use priorities::C;
                let r = prios.row();
                set(r, C::PlanId, &p.id);
                set(r, C::Region, &s.region);
                mapping::priorities::cells(pr, r);
            }
            // A section's measures outside the sink's rows are counted at once.
            if measures_t.wanted && !measures_t.skip_all(s.measures.len()) {
                for m in &s.measures {
                    if !measures_t.skip() {
                        measure_row(&p.id, &s.region, m, measures_t.row());
                    }
                }
            }
        }
        for t in &p.special_tasks {
            {
                use special_tasks::C;
                let r = specials.row();
                set(r, C::PlanId, &p.id);
                mapping::special_tasks::cells(t, r);
            }
            for c in &t.content {
                use special_task_content::C;
                let r = content.row();
                set(r, C::SpecialTaskId, &t.id);
                mapping::special_task_content::cells(c, r);
            }
        }
        for a in &p.approvals {
            use approvals::C;
            let r = approvals_t.row();
            set(r, C::PlanId, &p.id);
            mapping::approvals::cells(a, r);
        }
        for t in &p.special_tasks {
            for a in &t.approvals {
                use approvals::C;
                let r = approvals_t.row();
                set(r, C::PlanId, &p.id);
                set(r, C::SpecialTaskId, &t.id);
                mapping::approvals::cells(a, r);
            }
        }
        for v in &p.revisions {
            use revisions::C;
            let r = revisions_t.row();
            set(r, C::PlanId, &p.id);
            mapping::revisions::cells(v, r);
        }
    }

    let mut projects_t = Out::new(sink, &projects::TABLE);
    let mut phases_t = Out::new(sink, &phases::TABLE);
    let mut orgs = Out::new(sink, &organisations::TABLE);
    let mut objectives_t = Out::new(sink, &objectives::TABLE);
    let mut teams_t = Out::new(sink, &teams::TABLE);
    let mut listings = Out::new(sink, &team_listings::TABLE);
    let mut team_tasks_t = Out::new(sink, &team_tasks::TABLE);
    let mut work_areas_t = Out::new(sink, &work_areas::TABLE);
    let mut sources = Out::new(sink, &funding_sources::TABLE);
    let mut contributions_t = Out::new(sink, &contributions::TABLE);
    for p in &doc.projects {
        {
            mapping::projects::cells(p, projects_t.row());
        }
        for ph in &p.phases {
            use phases::C;
            let r = phases_t.row();
            set(r, C::ProjectId, &p.id);
            mapping::phases::cells(ph, r);
        }
        for o in &p.organisations {
            use organisations::C;
            let r = orgs.row();
            set(r, C::ProjectId, &p.id);
            mapping::organisations::cells(o, r);
        }
        for o in &p.objectives {
            use objectives::C;
            let r = objectives_t.row();
            set(r, C::ProjectId, &p.id);
            mapping::objectives::cells(o, r);
        }
        for t in &p.teams {
            use teams::C;
            let r = teams_t.row();
            set(r, C::ProjectId, &p.id);
            mapping::teams::cells(t, r);
        }
        for task in &p.team_common_tasks {
            use team_tasks::C;
            let r = team_tasks_t.row();
            set(r, C::ProjectId, &p.id);
            mapping::team_tasks::cells(task, r);
        }
        for t in &p.teams {
            for task in &t.tasks {
                use team_tasks::C;
                let r = team_tasks_t.row();
                set(r, C::ProjectId, &p.id);
                set(r, C::TeamId, &t.id);
                mapping::team_tasks::cells(task, r);
            }
        }
        for w in &p.work_areas {
            use work_areas::C;
            let r = work_areas_t.row();
            set(r, C::ProjectId, &p.id);
            mapping::work_areas::cells(w, r);
        }
        for t in &p.teams {
            for l in &t.other_listings {
                use team_listings::C;
                let r = listings.row();
                set(r, C::ProjectId, &p.id);
                set(r, C::TeamId, &t.id);
                mapping::team_listings::cells(l, r);
            }
        }
        if let Some(b) = &p.budget {
            let annual = b
                .annual
                .iter()
                .flat_map(|a| a.sources.iter().map(|s| ("annual", s)));
            for (scope, s) in b.sources.iter().map(|s| ("project", s)).chain(annual) {
                use funding_sources::C;
                let r = sources.row();
                set(r, C::ProjectId, &p.id);
                set(r, C::Scope, scope);
                mapping::funding_sources::cells(s, r);
            }
            if let Some(a) = &b.annual {
                for c in &a.contributions {
                    use contributions::C;
                    let r = contributions_t.row();
                    set(r, C::ProjectId, &p.id);
                    mapping::contributions::cells(c, r);
                }
            }
        }
    }

    let mut networks_t = Out::new(sink, &networks::TABLE);
    let mut meetings_t = Out::new(sink, &meetings::TABLE);
    for n in &doc.networks {
        {
            mapping::networks::cells(n, networks_t.row());
        }
        for m in &n.meetings {
            use meetings::C;
            let r = meetings_t.row();
            set(r, C::NetworkId, &n.id);
            mapping::meetings::cells(m, r);
        }
    }

    let mut evaluations_t = Out::new(sink, &evaluations::TABLE);
    let mut indicators_t = Out::new(sink, &indicators::TABLE);
    for e in &doc.evaluations {
        {
            mapping::evaluations::cells(e, evaluations_t.row());
        }
        for i in &e.indicators {
            use indicators::C;
            let r = indicators_t.row();
            set(r, C::EvaluationId, &e.id);
            mapping::indicators::cells(i, r);
        }
    }

    let mut programmes_t = Out::new(sink, &consultation_programmes::TABLE);
    let mut consultations_t = Out::new(sink, &consultations::TABLE);
    for p in &doc.consultation_programmes {
        {
            mapping::consultation_programmes::cells(p, programmes_t.row());
        }
        for c in &p.consultations {
            use consultations::C;
            let r = consultations_t.row();
            set(r, C::ProgrammeId, &p.id);
            mapping::consultations::cells(c, r);
        }
    }

    let mut reports_t = Out::new(sink, &activity_reports::TABLE);
    let mut areas_t = Out::new(sink, &priority_areas::TABLE);
    let mut activities_t = Out::new(sink, &report_activities::TABLE);
    for a in &doc.activity_reports {
        {
            mapping::activity_reports::cells(a, reports_t.row());
        }
        for pa in &a.priority_areas {
            use priority_areas::C;
            let r = areas_t.row();
            set(r, C::ReportId, &a.id);
            mapping::priority_areas::cells(pa, r);
        }
        for t in &a.activities {
            use report_activities::C;
            let r = activities_t.row();
            set(r, C::ReportId, &a.id);
            mapping::report_activities::cells(t, r);
        }
    }

    for out in [
        &mut document,
        &mut plans,
        &mut values,
        &mut parts,
        &mut sections_t,
        &mut prios,
        &mut measures_t,
        &mut specials,
        &mut content,
        &mut approvals_t,
        &mut revisions_t,
        &mut projects_t,
        &mut phases_t,
        &mut orgs,
        &mut objectives_t,
        &mut teams_t,
        &mut listings,
        &mut team_tasks_t,
        &mut work_areas_t,
        &mut sources,
        &mut contributions_t,
        &mut networks_t,
        &mut meetings_t,
        &mut evaluations_t,
        &mut indicators_t,
        &mut programmes_t,
        &mut consultations_t,
        &mut reports_t,
        &mut areas_t,
        &mut activities_t,
    ] {
        out.finish();
    }
}

/// A CSV writer for `dialect`.
pub(crate) fn csv_writer<W: Write>(w: W, dialect: &Dialect) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(dialect.delimiter)
        .terminator(if dialect.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(w)
}

/// Writes one record, each cell through [`guard_cell`] (CSV-injection guard).
pub(crate) fn write_guarded<W: Write>(
    cw: &mut csv::Writer<W>,
    cells: &[String],
    dialect: &Dialect,
) -> csv::Result<()> {
    for c in cells {
        cw.write_field(guard_cell(c, dialect).as_bytes())?;
    }
    cw.write_record(None::<&[u8]>)
}

fn to_csv_err(e: csv::Error) -> io::Error {
    io::Error::other(e)
}

/// Writes a header and rows as CSV in `dialect` (BOM included when the dialect asks).
pub(crate) fn write_rows<W: Write>(
    mut w: W,
    schema: &TableSchema,
    rows: &[Vec<String>],
    dialect: &Dialect,
) -> io::Result<()> {
    if dialect.bom {
        w.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut cw = csv_writer(w, dialect);
    cw.write_record(schema.columns.iter().map(|c| c.name))
        .map_err(to_csv_err)?;
    for r in rows {
        write_guarded(&mut cw, r, dialect).map_err(to_csv_err)?;
    }
    cw.flush()
}

/// Collects the rows of the tables it wants, as text in one dialect.
struct TextRows<'d> {
    dialect: &'d Dialect,
    /// Only this table (by file name), or every table.
    only: Option<&'static str>,
    /// The rows of each table of the layout, in [`schema::TABLES`]' order.
    rows: Vec<Vec<Vec<String>>>,
}

impl<'a> RowSink<'a> for TextRows<'_> {
    fn wants(&self, table: &TableSchema) -> bool {
        match self.only {
            Some(f) => f == table.file,
            None => true,
        }
    }

    fn rows(&mut self, table: &'static TableSchema, cells: &[Cell<'a>]) {
        if let Some(at) = schema::TABLES.iter().position(|t| t.file == table.file) {
            for row in cells.chunks(table.columns.len()) {
                self.rows[at].push(row.iter().map(|c| c.to_text(self.dialect)).collect());
            }
        }
    }
}

/// The text rows of the tables `only` names (every table when `None`), in
/// [`schema::TABLES`]' order.
fn text_tables(
    doc: &Document,
    dialect: &Dialect,
    only: Option<&'static str>,
) -> Vec<(&'static TableSchema, Vec<Vec<String>>)> {
    let sink = RefCell::new(TextRows {
        dialect,
        only,
        rows: vec![Vec::new(); schema::TABLES.len()],
    });
    tables_of(doc, &sink);
    schema::TABLES.iter().zip(sink.into_inner().rows).collect()
}

/// Hands the rows of one table (in a range of rows) to a callback, `batch` rows at
/// a time, and counts them.
struct EachRow<'t, F> {
    table: &'t str,
    range: Range<usize>,
    batch: usize,
    rows: usize,
    each: F,
}

impl<'a, F: FnMut(&[Cell<'a>])> RowSink<'a> for EachRow<'_, F> {
    fn wants(&self, table: &TableSchema) -> bool {
        table.file == self.table
    }

    fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    fn batch(&self) -> usize {
        self.batch
    }

    fn rows(&mut self, table: &'static TableSchema, cells: &[Cell<'a>]) {
        // The same `&'static str` as a rule: its address decides without a compare.
        if std::ptr::eq(table.file, self.table) || table.file == self.table {
            (self.each)(cells);
        }
    }

    fn counted(&mut self, _table: &'static TableSchema, rows: usize) {
        self.rows = rows;
    }
}

/// The rows of one table of the layout, typed ([`Cell`]) and borrowed from `doc`,
/// each handed to `each` in order, its cells in the schema's column order (a
/// column's cells fit its [`ValueKind`](super::ValueKind): [`Cell::fits`]). The one
/// mapping of the CSV export, before any dialect writes it as text: for callers
/// that hand a table over in another form (Arrow arrays, DataFrames). Only this
/// table's rows are built; the callback sees one row at a time, so a caller can
/// build columns without holding the rows.
pub fn table_rows<'a>(doc: &'a Document, table: &TableSchema, each: impl FnMut(&[Cell<'a>])) {
    table_rows_in(doc, table, 0..usize::MAX, each);
}

/// The rows of `table` whose 0-based index is in `range`, as [`table_rows`] hands
/// them (the same rows, in order, cut to the range); returns how many rows the whole
/// table has. For callers that build a large table in parts, one part per thread:
/// the measures outside the range are counted, not built, so the parts share the
/// walk over the document but not the work per row.
pub fn table_rows_in<'a>(
    doc: &'a Document,
    table: &TableSchema,
    range: Range<usize>,
    each: impl FnMut(&[Cell<'a>]),
) -> usize {
    table_row_batches_in(doc, table, range, 1, each)
}

/// The rows [`table_rows_in`] hands over, handed `batch` at a time (the last batch
/// may hold fewer): each call's slice holds whole rows one after the other, each
/// the schema's columns wide. For callers that build columns from many rows at
/// once: no row is copied on the way and the callback runs once per batch.
pub fn table_row_batches_in<'a>(
    doc: &'a Document,
    table: &TableSchema,
    range: Range<usize>,
    batch: usize,
    each: impl FnMut(&[Cell<'a>]),
) -> usize {
    let sink = RefCell::new(EachRow {
        table: table.file,
        range,
        batch: batch.max(1),
        rows: 0,
        each,
    });
    tables_of(doc, &sink);
    sink.into_inner().rows
}

/// The number of rows of one table of the layout ([`table_rows`] would hand over
/// as many); the measures are counted without being built.
pub fn table_len(doc: &Document, table: &TableSchema) -> usize {
    table_rows_in(doc, table, 0..0, |_| {})
}

/// The cells of one table of the layout, row by row and in the schema's column order,
/// as the standard dialect writes them (ISO dates, money `-1234.56`, lists joined by
/// `|`); no rows when the document has none. [`table_rows`] gives the same rows typed.
pub fn table_cells(doc: &Document, table: &TableSchema) -> Vec<Vec<String>> {
    text_tables(doc, &Dialect::STANDARD, Some(table.file))
        .into_iter()
        .find(|(t, _)| t.file == table.file)
        .map(|(_, rows)| rows)
        .unwrap_or_default()
}

/// The document as CSV tables: `(file name, bytes)` for `document.csv` and every
/// table that has rows, in the layout's order.
pub fn write_tables(doc: &Document, dialect: &Dialect) -> Vec<(&'static str, Vec<u8>)> {
    text_tables(doc, dialect, None)
        .into_iter()
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(schema, rows)| {
            let mut bytes = Vec::new();
            // Writing to a Vec cannot fail.
            let _ = write_rows(&mut bytes, schema, &rows, dialect);
            (schema.file, bytes)
        })
        .collect()
}

/// Writes the document's tables into `dir` (created if needed), and the
/// Frictionless Data Package descriptor `datapackage.json` describing them; returns
/// the files written (the descriptor last). Every other file the reader would take
/// for a table (a table the document leaves empty, one named in Finnish or Swedish,
/// `.tsv` or `.txt`) is removed, so that the folder holds exactly the document.
pub fn write_folder(
    doc: &Document,
    dir: impl AsRef<Path>,
    dialect: &Dialect,
) -> io::Result<Vec<PathBuf>> {
    let dir = dir.as_ref();
    std::fs::create_dir_all(dir)?;
    let tables = write_tables(doc, dialect);
    // Every other file the reader would take for a table (an empty table, a Finnish
    // or Swedish name, another extension) goes, or it would be read back as well.
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let is_table = path.is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "csv" | "tsv" | "txt"))
            && schema::table_for_file(name).is_some();
        if is_table && !tables.iter().any(|(f, _)| *f == name) {
            std::fs::remove_file(&path)?;
        }
    }
    let mut written = Vec::new();
    for (file, bytes) in &tables {
        let path = dir.join(file);
        std::fs::write(&path, bytes)?;
        written.push(path);
    }
    // The Frictionless Data Package descriptor of exactly these files.
    let files: Vec<&str> = tables.iter().map(|(f, _)| *f).collect();
    let package = super::package::datapackage(&files, dialect, doc.title.as_deref());
    let path = dir.join(super::package::DATAPACKAGE);
    let mut text = serde_json::to_string_pretty(&package).map_err(io::Error::other)?;
    text.push('\n');
    std::fs::write(&path, text)?;
    written.push(path);
    Ok(written)
}
