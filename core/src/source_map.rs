//! Where each part of a document read from tables came from: a map from JSON
//! Pointer to the file (and sheet), the physical line (or sheet row) and the
//! column of the cell that filled it, so that an issue found later by
//! [`validate`](crate::validate) can be shown at its cell and not only at its
//! pointer.
//!
//! The table reader ([`crate::tables`]) records, for each row it loads, the
//! pointer of the entity the row became (`/projects/0/teams/1`) and the row's
//! line. The columns of the row's table say which part of the entity each cell
//! fills (`/area_municipalities`), so a pointer below the entity
//! (`/projects/0/teams/1/area_municipalities/0`) is placed at its row and at the
//! cell of the column whose path is its longest prefix; a value that several
//! columns fill (`/title` from `title_fi`, `title_sv`, `title_en`; `/period`)
//! gets the first of them that the header has. A pointer that no column
//! fills (`/projects/0/budget/annual/contributions`, a sum over rows) gets the row
//! only: the row of the nearest entity that holds it, the one with the total.
//!
//! Most rows become items of an array (the measures of a section): the map keeps
//! those as runs, an array's pointer with the line of each consecutive item, and
//! finds a pointer's row by its last index; other rows and cells are kept as
//! pointer text. Of two records of one pointer, the first wins.
//!
//! ```
//! use oske::tables::{self, ReadOptions};
//! let teams = "project_id,id,base_municipality,area_municipalities\r\n\
//!              P1,T1,698,320|999\r\n";
//! let projects = "id,start,end\r\nP1,1.1.2020,31.12.2022\r\n";
//! let imported = tables::read_tables(
//!     vec![("projects.csv".into(), projects.as_bytes()), ("teams.csv".into(), teams.as_bytes())],
//!     &ReadOptions::default(),
//! );
//! let at = imported.source_map.get("/projects/0/teams/0/area_municipalities/1").unwrap();
//! assert_eq!(at.file.as_deref(), Some("teams.csv"));
//! assert_eq!((at.line, at.column), (Some(2), Some(4)));
//! assert_eq!(at.field.as_deref(), Some("area_municipalities"));
//! // A pointer to the whole team: its row, no column.
//! let at = imported.source_map.get("/projects/0/teams/0").unwrap();
//! assert_eq!((at.line, at.column), (Some(2), None));
//! ```

use crate::rules::{Issue, Report, SourceLocation};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One file (or sheet) rows were read from, with its header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Source {
    file: String,
    sheet: Option<String>,
    /// Added to a column's 1-based position (a sheet whose data starts right of `A`).
    column_offset: u64,
    /// For each column of the table: the path it fills below the row's entity
    /// (empty for join columns), its 0-based position in the header when the
    /// header has it, and its name as the header writes it.
    columns: Vec<(String, Option<u64>, String)>,
}

/// How an entry finds its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Cell {
    /// By the columns' paths, below the entry's pointer.
    ByPath,
    /// Always this column (by its index in the table's columns).
    Column(usize),
    /// The row only.
    Row,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    pointer: String,
    source: usize,
    line: u64,
    cell: Cell,
}

/// Rows of one table that became consecutive items of one array: item
/// `first + i` of the array at `base` was read from `lines[i]` of `source`, its
/// cells found by the columns' paths. A table of 200 000 measures is a few runs
/// (one per section) of one line number each, not 200 000 pointers formatted,
/// kept and sorted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Run {
    /// The JSON Pointer of the array (`/action_plans/0/sections/1/measures`).
    base: String,
    source: usize,
    /// The index of the run's first item.
    first: u64,
    lines: Vec<u64>,
}

impl Run {
    fn covers(&self, index: u64) -> bool {
        index >= self.first && index - self.first < self.lines.len() as u64
    }
}

/// While the map is filled: for one array, its runs (indices into
/// `SourceMap::runs`) and the indices the entries recorded, so that of two records
/// of one pointer the first wins, as when all were entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Array {
    runs: Vec<usize>,
    taken: Vec<u64>,
}

/// A map from JSON Pointer to the place in the source tables it was read from;
/// see the [module documentation](self). Filled by the table readers, returned in
/// [`tables::Imported::source_map`](crate::tables::Imported).
///
/// It serialises (serde) so that a binding can keep it with a pickled import; the
/// form is internal, not a file format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMap {
    sources: Vec<Source>,
    /// Rows and cells that are not items of an array run: sorted by pointer once
    /// [`SourceMap::finish`] ran; the first entry of a pointer wins.
    entries: Vec<Entry>,
    /// Rows that are items of an array (most rows), sorted by base and first
    /// index once [`SourceMap::finish`] ran. No pointer is both in a run and an
    /// entry. (Absent from a map serialised before runs existed.)
    #[serde(default)]
    runs: Vec<Run>,
    sorted: bool,
    /// The arrays by base while the map is filled; emptied by
    /// [`SourceMap::finish`].
    #[serde(skip)]
    arrays: HashMap<String, Array>,
    /// Runs the next row of their array may extend without a look-up of the
    /// array (the last run of the array, no entry took an index after it): the
    /// last few used, as the rows of a table go to a few arrays in turn (the
    /// sections of a plan).
    #[serde(skip)]
    open: Vec<usize>,
}

/// `pointer` as the pointer of an array and an index in it, when its last
/// segment is an array index as JSON Pointer writes it (`0`, `17`; not `017`).
fn split_index(pointer: &str) -> Option<(&str, u64)> {
    let at = pointer.rfind('/')?;
    let tail = &pointer[at + 1..];
    let canonical = match tail.as_bytes() {
        [] => false,
        [b'0'] => true,
        [b'0', ..] => false,
        digits => digits.iter().all(u8::is_ascii_digit),
    };
    if !canonical {
        return None;
    }
    Some((&pointer[..at], tail.parse().ok()?))
}

/// The order the entries are kept in for binary search: by length, then by the
/// bytes from the end. Any total order serves the look-up; this one decides most
/// comparisons at the last digit of a row index, where the lexical order first
/// compares the long prefix the pointers of one table share (`/action_plans/0/
/// sections/1/measures/`): sorting 200 000 row pointers took a tenth of reading a
/// measures folder (BENCHMARKS.md).
fn order(a: &str, b: &str) -> std::cmp::Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.bytes().rev().cmp(b.bytes().rev()))
}

/// True when `prefix` is `pointer` or a whole-segment prefix of it.
fn is_prefix(prefix: &str, pointer: &str) -> bool {
    pointer
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// Number of pointers recorded.
    pub fn len(&self) -> usize {
        self.entries.len() + self.runs.iter().map(|r| r.lines.len()).sum::<usize>()
    }

    /// True when nothing was recorded (the document did not come from tables).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.runs.iter().all(|r| r.lines.is_empty())
    }

    /// The run item at `pointer`: its source and line.
    fn run_item(&self, pointer: &str) -> Option<(usize, u64)> {
        let (base, index) = split_index(pointer)?;
        let run = if self.sorted {
            // The last run of `base` starting at or before `index`.
            let after = self
                .runs
                .partition_point(|r| (r.base.as_str(), r.first) <= (base, index));
            self.runs.get(after.checked_sub(1)?)?
        } else {
            self.runs
                .iter()
                .find(|r| r.base == base && r.covers(index))?
        };
        if run.base != base || !run.covers(index) {
            return None;
        }
        let line = *run.lines.get(usize::try_from(index - run.first).ok()?)?;
        Some((run.source, line))
    }

    fn entry(&self, pointer: &str) -> Option<&Entry> {
        if self.sorted {
            self.entries
                .binary_search_by(|e| order(&e.pointer, pointer))
                .ok()
                .and_then(|i| self.entries.get(i))
        } else {
            self.entries.iter().find(|e| e.pointer == pointer)
        }
    }

    /// Where the value at `pointer` was read from: the entry of the longest
    /// whole-segment prefix of `pointer`, with the column whose path is the
    /// longest prefix of the rest. `None` when no part of the pointer came from
    /// a table row.
    pub fn get(&self, pointer: &str) -> Option<SourceLocation> {
        let mut prefix = pointer;
        loop {
            let rest = &pointer[prefix.len()..];
            if let Some(e) = self.entry(prefix) {
                // The document row (pointer "") holds only its own cells.
                if let Some(loc) = self.place(e.source, e.line, e.cell, prefix.is_empty(), rest) {
                    return Some(loc);
                }
            } else if let Some((source, line)) = self.run_item(prefix) {
                if let Some(loc) = self.place(source, line, Cell::ByPath, false, rest) {
                    return Some(loc);
                }
            }
            if prefix.is_empty() {
                return None;
            }
            prefix = &prefix[..prefix.rfind('/').unwrap_or(0)];
        }
    }

    fn place(
        &self,
        source: usize,
        line: u64,
        cell: Cell,
        document: bool,
        rest: &str,
    ) -> Option<SourceLocation> {
        let src = self.sources.get(source)?;
        let column = match cell {
            Cell::Row => None,
            Cell::Column(c) => src.columns.get(c),
            Cell::ByPath => src
                .columns
                .iter()
                .filter(|(path, _, _)| !path.is_empty() && is_prefix(path, rest))
                .max_by_key(|(path, _, _)| path.len())
                .or_else(|| {
                    // A value several columns fill (`/title` from `title_fi`,
                    // `title_sv`, `title_en`): the first of them in the header.
                    (!rest.is_empty())
                        .then(|| {
                            src.columns
                                .iter()
                                .filter(|(path, at, _)| at.is_some() && is_prefix(rest, path))
                                .min_by_key(|(_, at, _)| *at)
                        })
                        .flatten()
                }),
        };
        if document && column.is_none() {
            return None;
        }
        let (position, field) = match column {
            Some((_, position, name)) => (
                position.map(|p| p + 1 + src.column_offset),
                Some(name.clone()),
            ),
            None => (None, None),
        };
        Some(SourceLocation {
            file: Some(src.file.clone()),
            line: Some(line),
            column: position,
            field,
            sheet: src.sheet.clone(),
        })
    }

    /// Gives `issue` the place its pointer was read from, when it has none yet.
    pub fn locate(&self, issue: &mut Issue) {
        if issue.location.is_none() {
            issue.location = self.get(&issue.pointer);
        }
    }

    /// [`SourceMap::locate`] for every issue.
    pub fn locate_all(&self, issues: &mut [Issue]) {
        if self.is_empty() {
            return;
        }
        for i in issues {
            self.locate(i);
        }
    }

    /// Shows the rows of file `from` as file `to` (a lone file named by its table
    /// and shown by its path).
    pub fn rename_file(&mut self, from: &str, to: &str) {
        for s in self.sources.iter_mut().filter(|s| s.file == from) {
            s.file = to.to_owned();
        }
    }

    /// Moves the rows of file `from` (a sheet's CSV text) to the sheet: file
    /// `file`, sheet `sheet`, each line through `row_of`, columns shifted by
    /// `column_offset`.
    #[cfg(feature = "xlsx")]
    pub(crate) fn move_to_sheet(
        &mut self,
        from: &str,
        file: &str,
        sheet: &str,
        column_offset: u64,
        row_of: impl Fn(u64) -> u64,
    ) {
        for (i, s) in self.sources.iter_mut().enumerate() {
            if s.file != from || s.sheet.is_some() {
                continue;
            }
            s.file = file.to_owned();
            s.sheet = Some(sheet.to_owned());
            s.column_offset = column_offset;
            for e in self.entries.iter_mut().filter(|e| e.source == i) {
                e.line = row_of(e.line);
            }
            for r in self.runs.iter_mut().filter(|r| r.source == i) {
                for line in &mut r.lines {
                    *line = row_of(*line);
                }
            }
        }
    }
}

/// Filling the map: the table readers.
#[cfg(feature = "csv")]
impl SourceMap {
    /// Registers a file (or a sheet) read as a table whose columns are
    /// `(path, position in the header, name as written)`; returns its number for
    /// [`SourceMap::row`].
    pub(crate) fn add_source(
        &mut self,
        file: String,
        sheet: Option<String>,
        columns: Vec<(&'static str, Option<u64>, String)>,
    ) -> usize {
        let columns = columns
            .into_iter()
            .map(|(path, at, name)| (path.to_owned(), at, name))
            .collect();
        self.sources.push(Source {
            file,
            sheet,
            column_offset: 0,
            columns,
        });
        self.sources.len() - 1
    }

    /// Records that the entity at `pointer` was read from `line` of `source`;
    /// its cells are found by the columns' paths.
    pub(crate) fn row(&mut self, pointer: String, source: usize, line: u64) {
        match split_index(&pointer) {
            Some((base, index)) => self.item(base, index, source, line),
            None => self.push(pointer, source, line, Cell::ByPath),
        }
    }

    /// [`SourceMap::row`] for the entity at `{base}/{index}` (an item of the
    /// array at `base`), without its pointer written out. Inlined as far as the
    /// open runs: a measure's row, one of 200 000, ends there, without the call
    /// and the frame of [`SourceMap::item_new`].
    #[inline]
    pub(crate) fn item(&mut self, base: &str, index: u64, source: usize, line: u64) {
        for &r in &self.open {
            if let Some(run) = self.runs.get_mut(r) {
                if run.first + run.lines.len() as u64 == index
                    && run.source == source
                    && run.base == base
                {
                    run.lines.push(line);
                    return;
                }
            }
        }
        self.item_new(base, index, source, line);
    }

    /// [`SourceMap::item`] for an item no open run takes.
    #[inline(never)]
    fn item_new(&mut self, base: &str, index: u64, source: usize, line: u64) {
        self.reopen();
        if !self.arrays.contains_key(base) {
            self.arrays.insert(base.to_owned(), Array::default());
        }
        let Some(array) = self.arrays.get_mut(base) else {
            return;
        };
        if array.taken.contains(&index) {
            return;
        }
        let mut into = None;
        for &r in &array.runs {
            let run = &self.runs[r];
            if run.covers(index) {
                // Recorded before: the first record wins.
                return;
            }
            if run.source == source && run.first + run.lines.len() as u64 == index {
                into = Some(r);
            }
        }
        let r = match into {
            Some(r) => r,
            None => {
                // The array's other runs may no longer be its last.
                self.open.clear();
                self.runs.push(Run {
                    base: base.to_owned(),
                    source,
                    first: index,
                    lines: Vec::new(),
                });
                array.runs.push(self.runs.len() - 1);
                self.runs.len() - 1
            }
        };
        self.runs[r].lines.push(line);
        // The next row goes to this run unchecked only when no other run of the
        // array starts after it and no entry took an index after it.
        let first = self.runs[r].first;
        if array.runs.iter().all(|&o| self.runs[o].first <= first)
            && array.taken.iter().all(|&t| t < first)
            && !self.open.contains(&r)
        {
            if self.open.len() == 16 {
                self.open.remove(0);
            }
            self.open.push(r);
        }
        self.sorted = false;
    }

    /// Records that the value at `pointer` was read from the cell of `column`
    /// (its index in the table's columns) on `line`.
    pub(crate) fn cell(&mut self, pointer: String, source: usize, line: u64, column: usize) {
        self.push(pointer, source, line, Cell::Column(column));
    }

    /// Records that the entity at `pointer` was made by the row on `line`, none
    /// of whose cells belongs to it (a section a measure's region brought in).
    pub(crate) fn row_only(&mut self, pointer: String, source: usize, line: u64) {
        self.push(pointer, source, line, Cell::Row);
    }

    fn push(&mut self, pointer: String, source: usize, line: u64, cell: Cell) {
        if let Some((base, index)) = split_index(&pointer) {
            // A pointer a run holds is recorded; one it may hold later is taken
            // (and the last run no longer takes the next row unchecked).
            self.reopen();
            if !self.arrays.contains_key(base) {
                self.arrays.insert(base.to_owned(), Array::default());
            }
            let Some(array) = self.arrays.get_mut(base) else {
                return;
            };
            if array.runs.iter().any(|&r| self.runs[r].covers(index)) {
                return;
            }
            array.taken.push(index);
            self.open.clear();
        }
        self.entries.push(Entry {
            pointer,
            source,
            line,
            cell,
        });
        self.sorted = false;
    }

    /// After [`SourceMap::finish`] (or on a deserialised map): the arrays again,
    /// so that a row recorded now still loses to an earlier record of its pointer.
    fn reopen(&mut self) {
        if !self.sorted || !self.arrays.is_empty() {
            return;
        }
        for (r, run) in self.runs.iter().enumerate() {
            let array = self.arrays.entry(run.base.clone()).or_default();
            array.runs.push(r);
        }
        for e in &self.entries {
            if let Some((base, index)) = split_index(&e.pointer) {
                let array = self.arrays.entry(base.to_owned()).or_default();
                array.taken.push(index);
            }
        }
    }

    /// Sorts the entries by [`order`] (stable: of two entries for one pointer, the
    /// first recorded wins). The readers call it before returning the map.
    pub(crate) fn finish(&mut self) {
        if !self.sorted {
            self.entries.sort_by(|a, b| order(&a.pointer, &b.pointer));
            self.entries.dedup_by(|b, a| a.pointer == b.pointer);
            self.runs
                .sort_by(|a, b| (a.base.as_str(), a.first).cmp(&(b.base.as_str(), b.first)));
            self.arrays = HashMap::new();
            self.open = Vec::new();
            self.sorted = true;
        }
    }
}

impl Report {
    /// Gives every issue without a place the place its pointer was read from
    /// (see [`SourceMap`]).
    pub fn locate(&mut self, map: &SourceMap) {
        map.locate_all(&mut self.issues);
    }
}

// Read through serde's derive (`crate::json_read`).
crate::json_read::via_serde!(SourceMap);

#[cfg(all(test, feature = "csv"))]
mod tests {
    use super::*;

    /// A map of two tables: plans (`/plans/{i}`) and measures
    /// (`/plans/0/measures/{j}`), whose columns fill `/title` and `/region`.
    fn two_tables() -> (SourceMap, usize, usize) {
        let mut map = SourceMap::new();
        let plans = map.add_source(
            "plans.csv".into(),
            None,
            vec![("/name", Some(0), "name".into())],
        );
        let measures = map.add_source(
            "measures.csv".into(),
            None,
            vec![
                ("", Some(0), "plan_id".into()),
                ("/title", Some(1), "title".into()),
                ("/region", Some(2), "region".into()),
            ],
        );
        (map, plans, measures)
    }

    fn line_col(map: &SourceMap, pointer: &str) -> Option<(String, u64, Option<u64>)> {
        map.get(pointer)
            .map(|l| (l.file.unwrap_or_default(), l.line.unwrap_or(0), l.column))
    }

    #[test]
    fn rows_of_an_array_are_one_run_and_are_found_by_their_index() {
        let (mut map, plans, measures) = two_tables();
        map.row("/plans/0".into(), plans, 2);
        for j in 0..3u64 {
            map.row(format!("/plans/0/measures/{j}"), measures, 10 + j);
        }
        map.finish();
        assert_eq!((map.entries.len(), map.runs.len()), (0, 2));
        assert_eq!(map.runs[1].lines, vec![10, 11, 12]);
        assert_eq!(map.len(), 4);
        let m = |line, col| Some(("measures.csv".to_owned(), line, col));
        // The first and the last row of the run, as a whole and at a cell.
        assert_eq!(line_col(&map, "/plans/0/measures/0"), m(10, None));
        assert_eq!(line_col(&map, "/plans/0/measures/2"), m(12, None));
        assert_eq!(line_col(&map, "/plans/0/measures/0/region"), m(10, Some(3)));
        // Nested below a row's cell: the longest column path.
        assert_eq!(
            line_col(&map, "/plans/0/measures/1/title/fi"),
            m(11, Some(2))
        );
        // Past the run, a non-index segment, an index as JSON Pointer does not
        // write one: the row of the plan that holds them.
        let plan = Some(("plans.csv".to_owned(), 2, None));
        assert_eq!(line_col(&map, "/plans/0/measures/3"), plan);
        assert_eq!(line_col(&map, "/plans/0/measures/3/title"), plan);
        assert_eq!(line_col(&map, "/plans/0/measures/x/title"), plan);
        assert_eq!(line_col(&map, "/plans/0/measures/01"), plan);
        assert_eq!(line_col(&map, "/plans/0/measures/-"), plan);
        assert_eq!(line_col(&map, "/plans/0/measures"), plan);
        assert_eq!(
            line_col(&map, "/plans/0/name"),
            Some(("plans.csv".into(), 2, Some(1)))
        );
        // Nothing recorded: no place.
        assert_eq!(line_col(&map, "/plans/1"), None);
        assert_eq!(line_col(&map, "/plans/1/measures/0"), None);
        assert_eq!(line_col(&map, "/plans/18446744073709551616"), None);
        assert_eq!(line_col(&map, ""), None);
    }

    #[test]
    fn the_first_record_of_a_pointer_wins_between_runs_and_entries() {
        let (mut map, plans, measures) = two_tables();
        map.row("/plans/0/measures/0".into(), measures, 5);
        // A later row for a recorded item loses.
        map.row("/plans/0/measures/0".into(), measures, 6);
        map.row_only("/plans/0/measures/0".into(), plans, 7);
        // An item taken by an entry first keeps the entry.
        map.row_only("/plans/0/measures/1".into(), plans, 8);
        map.row("/plans/0/measures/1".into(), measures, 9);
        // A gap starts a new run; rows of another source another one.
        map.row("/plans/0/measures/4".into(), measures, 20);
        map.row("/plans/0/measures/5".into(), measures, 21);
        map.row("/plans/0/measures/6".into(), plans, 30);
        map.finish();
        let m = |line| Some(("measures.csv".to_owned(), line, Some(2)));
        assert_eq!(line_col(&map, "/plans/0/measures/0/title"), m(5));
        assert_eq!(
            line_col(&map, "/plans/0/measures/1/title"),
            Some(("plans.csv".to_owned(), 8, None))
        );
        assert_eq!(line_col(&map, "/plans/0/measures/2/title"), None);
        assert_eq!(line_col(&map, "/plans/0/measures/3"), None);
        assert_eq!(line_col(&map, "/plans/0/measures/4/title"), m(20));
        assert_eq!(line_col(&map, "/plans/0/measures/5/title"), m(21));
        assert_eq!(
            line_col(&map, "/plans/0/measures/6/name"),
            Some(("plans.csv".to_owned(), 30, Some(1)))
        );
        assert_eq!(map.len(), 5);
    }

    /// A tiny deterministic generator (no dependency): xorshift.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn lookups_are_those_of_one_entry_per_record() {
        // Records in a random order into the compact map and into a map of
        // entries only (the form before runs): every look-up agrees.
        let mut state = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            let (mut map, plans, measures) = two_tables();
            let mut reference = map.clone();
            let mut pointers = Vec::new();
            for line in 0..60u64 {
                let r = next(&mut state);
                let base = ["/plans/0/measures", "/plans/1/measures", "/plans"][r as usize % 3];
                let index = (r >> 8) % 8;
                let pointer = format!("{base}/{index}");
                let source = if (r >> 16) % 5 == 0 { plans } else { measures };
                match (r >> 24) % 6 {
                    0 => {
                        map.row_only(pointer.clone(), source, line);
                        reference.push(pointer.clone(), source, line, Cell::Row);
                    }
                    1 => {
                        map.cell(format!("{pointer}/region"), source, line, 2);
                        reference.push(format!("{pointer}/region"), source, line, Cell::Column(2));
                    }
                    _ => {
                        map.row(pointer.clone(), source, line);
                        reference.push(pointer.clone(), source, line, Cell::ByPath);
                    }
                }
                pointers.push(pointer);
            }
            let finished = next(&mut state) % 2 == 0;
            if finished {
                map.finish();
                reference.finish();
            }
            for p in &pointers {
                for q in [
                    p.clone(),
                    format!("{p}/title/fi"),
                    format!("{p}/region"),
                    format!("{p}/name"),
                    format!("{p}/x"),
                ] {
                    assert_eq!(map.get(&q), reference.get(&q), "{q}");
                }
            }
            if finished {
                // Before, the reference counts a pointer once per record.
                assert_eq!(map.len(), reference.len());
            }
            // Serialised (a pickled import) and read back: the same look-ups.
            let again: SourceMap =
                serde_json::from_str(&serde_json::to_string(&map).unwrap()).unwrap();
            for p in &pointers {
                assert_eq!(again.get(p), reference.get(p), "{p}");
            }
        }
    }

    #[test]
    fn a_map_serialised_before_runs_existed_still_reads() {
        let (mut map, plans, _) = two_tables();
        map.push("/plans/0".into(), plans, 2, Cell::ByPath);
        map.finish();
        let mut json: serde_json::Value = serde_json::to_value(&map).unwrap();
        json.as_object_mut().unwrap().remove("runs");
        let old: SourceMap = serde_json::from_value(json).unwrap();
        assert_eq!(
            line_col(&old, "/plans/0/name"),
            Some(("plans.csv".into(), 2, Some(1)))
        );
    }
}
