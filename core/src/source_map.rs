//! Where each part of a document read from tables came from: a map from JSON
//! Pointer to the file (and sheet), the physical line (or sheet row) and the
//! column of the cell that filled it, so that an issue found later by
//! [`validate`](crate::validate) can be shown at its cell and not only at its
//! pointer.
//!
//! The table reader ([`crate::tables`]) records one entry per row it loads: the
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

/// A map from JSON Pointer to the place in the source tables it was read from;
/// see the [module documentation](self). Filled by the table readers, returned in
/// [`tables::Imported::source_map`](crate::tables::Imported).
///
/// It serialises (serde) so that a binding can keep it with a pickled import; the
/// form is internal, not a file format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMap {
    sources: Vec<Source>,
    /// Sorted by pointer once [`SourceMap::finish`] ran; the first entry of a
    /// pointer wins.
    entries: Vec<Entry>,
    sorted: bool,
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
        self.entries.len()
    }

    /// True when nothing was recorded (the document did not come from tables).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
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
            if let Some(e) = self.entry(prefix) {
                // The document row (pointer "") holds only its own cells.
                let rest = &pointer[prefix.len()..];
                if let Some(loc) = self.place(e, rest) {
                    return Some(loc);
                }
            }
            if prefix.is_empty() {
                return None;
            }
            prefix = &prefix[..prefix.rfind('/').unwrap_or(0)];
        }
    }

    fn place(&self, e: &Entry, rest: &str) -> Option<SourceLocation> {
        let src = self.sources.get(e.source)?;
        let column = match e.cell {
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
        if e.pointer.is_empty() && column.is_none() {
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
            line: Some(e.line),
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
        self.push(pointer, source, line, Cell::ByPath);
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
        self.entries.push(Entry {
            pointer,
            source,
            line,
            cell,
        });
        self.sorted = false;
    }

    /// Sorts the entries by [`order`] (stable: of two entries for one pointer, the
    /// first recorded wins). The readers call it before returning the map.
    pub(crate) fn finish(&mut self) {
        if !self.sorted {
            self.entries.sort_by(|a, b| order(&a.pointer, &b.pointer));
            self.entries.dedup_by(|b, a| a.pointer == b.pointer);
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
