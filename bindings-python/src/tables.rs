//! CSV tables from Python: read a folder or one table into a document, stream a big
//! `measures.csv` with row-level checks, write a document as tables, and the flat
//! tables as typed records or pandas DataFrames. Reading, checking and writing are
//! the core's (`oske::tables`); this module converts arguments, results and errors.

use crate::convert::{path_arg, ToPy};
use crate::document::PyDocument;
use crate::errors::{bad_argument, guard, internal, io_load_error, parse_lang, write_error};
use crate::issues::{import_pandas, IssueData, IssueState, PyReport};
use crate::registry::PyRegistry;
use oske::errors::ArgumentProblem;
use oske::tables::{
    self, Cell, DecimalMark, Dialect, Encoding, EncodingSource, MeasureReader, MeasureRow,
    ReadOptions, RejectedRow, RowStatus, TableReport, TableSchema, ValueKind,
};
use oske::{Document, Lang};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyType};
use pyo3::IntoPyObjectExt;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

// ---- arguments -----------------------------------------------------------------

/// Read options from keyword arguments; what the caller names wins over detection.
pub(crate) fn read_options(
    encoding: Option<String>,
    delimiter: Option<String>,
    decimal: String,
) -> PyResult<ReadOptions> {
    let encoding = encoding
        .map(|e| e.parse::<Encoding>())
        .transpose()
        .map_err(|e| bad_argument(ArgumentProblem::UnknownEncoding(e.0)))?;
    let delimiter = delimiter.map(|d| delimiter_byte(&d)).transpose()?;
    let decimal = decimal
        .parse::<DecimalMark>()
        .map_err(|_| bad_argument(ArgumentProblem::UnknownDecimalMark(decimal.clone())))?;
    Ok(ReadOptions {
        encoding,
        delimiter,
        decimal,
        registry: None,
    })
}

/// The read options with the registry given (`None`: the embedded one), which
/// resolves names written in code cells.
pub(crate) fn with_registry(mut opts: ReadOptions, registry: Option<&PyRegistry>) -> ReadOptions {
    opts.registry = registry.map(|r| Arc::clone(&r.0));
    opts
}

fn delimiter_byte(d: &str) -> PyResult<u8> {
    match d {
        "tab" | "\\t" => Ok(b'\t'),
        _ => {
            let mut chars = d.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii() && c != '"' && c != '\n' && c != '\r' => {
                    Ok(c as u8)
                }
                _ => Err(bad_argument(ArgumentProblem::Delimiter(d.to_owned()))),
            }
        }
    }
}

fn dialect(name: &str) -> PyResult<Dialect> {
    Dialect::from_name(name)
        .ok_or_else(|| bad_argument(ArgumentProblem::UnknownDialect(name.to_owned())))
}

/// A CSV source: `bytes` (the file's content) or a path (`str` or `os.PathLike`).
enum Source {
    Bytes(Vec<u8>),
    Path(std::path::PathBuf),
}

fn source_arg(obj: &Bound<'_, PyAny>) -> PyResult<Source> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Source::Bytes(b.as_bytes().to_vec()));
    }
    if obj.is_instance_of::<pyo3::types::PyByteArray>() {
        return Ok(Source::Bytes(obj.extract::<Vec<u8>>()?));
    }
    Ok(Source::Path(path_arg(obj)?))
}

pub(crate) fn schema_named(name: &str) -> PyResult<&'static TableSchema> {
    tables::table_for_file(name)
        .or_else(|| tables::table_for_file(&format!("{name}.csv")))
        .ok_or_else(|| {
            bad_argument(ArgumentProblem::NoTable {
                given: name.to_owned(),
                tables: tables::TABLES.iter().map(|t| t.name()).collect(),
            })
        })
}

// ---- rejected rows and table reports -------------------------------------------

/// A row that could not be loaded, kept as it stood in the file.
#[pyclass(module = "oske", name = "RejectedRow", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq, Eq)]
pub struct PyRejectedRow(pub RejectedRow);

#[pymethods]
impl PyRejectedRow {
    #[new]
    fn new(line: u64, text: String, codes: Vec<String>) -> Self {
        PyRejectedRow(RejectedRow { line, text, codes })
    }

    /// The physical line the row starts on.
    #[getter]
    fn line(&self) -> u64 {
        self.0.line
    }

    /// The row's text as it stood in the file.
    #[getter]
    fn text(&self) -> String {
        self.0.text.clone()
    }

    /// The codes of the issues that rejected it.
    #[getter]
    fn codes(&self) -> Vec<String> {
        self.0.codes.clone()
    }

    /// `{"line": …, "text": …, "codes": […]}`
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("line", self.0.line)?;
        d.set_item("text", &self.0.text)?;
        d.set_item("codes", &self.0.codes)?;
        Ok(d)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        crate::model::repr(
            "RejectedRow",
            &[
                ("line", self.0.line.to_py(py)?),
                ("codes", self.0.codes.to_py(py)?),
                ("text", self.0.text.to_py(py)?),
            ],
        )
    }

    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, (u64, String, Vec<String>))> {
        let r = &slf.get().0;
        Ok((slf.get_type(), (r.line, r.text.clone(), r.codes.clone())))
    }
}

/// The serializable form of a table report (for pickling).
#[derive(Serialize, Deserialize)]
struct TableState {
    file: String,
    table: Option<String>,
    encoding: String,
    encoding_source: String,
    delimiter: u8,
    header: String,
    rows: u64,
    loaded: u64,
    rejected: Vec<(u64, String, Vec<String>)>,
}

impl From<&TableReport> for TableState {
    fn from(t: &TableReport) -> Self {
        TableState {
            file: t.file.clone(),
            table: t.table.map(str::to_owned),
            encoding: t.encoding.as_str().to_owned(),
            encoding_source: t.encoding_source.as_str().to_owned(),
            delimiter: t.delimiter,
            header: t.header.clone(),
            rows: t.rows,
            loaded: t.loaded,
            rejected: t
                .rejected
                .iter()
                .map(|r| (r.line, r.text.clone(), r.codes.clone()))
                .collect(),
        }
    }
}

impl TryFrom<TableState> for TableReport {
    type Error = PyErr;

    fn try_from(s: TableState) -> PyResult<Self> {
        let bad = |what: &str| {
            bad_argument(ArgumentProblem::NotPickled {
                what: "oske.TableReport",
                detail: what.to_owned(),
            })
        };
        let table = match s.table {
            Some(name) => Some(schema_named(&name).map_err(|_| bad("table"))?.name()),
            None => None,
        };
        let encoding_source = [
            EncodingSource::Named,
            EncodingSource::ByteOrderMark,
            EncodingSource::Detected,
        ]
        .into_iter()
        .find(|e| e.as_str() == s.encoding_source)
        .ok_or_else(|| bad("encoding source"))?;
        Ok(TableReport {
            file: s.file,
            table,
            encoding: s.encoding.parse().map_err(|_| bad("encoding"))?,
            encoding_source,
            delimiter: s.delimiter,
            header: s.header,
            rows: s.rows,
            loaded: s.loaded,
            rejected: s
                .rejected
                .into_iter()
                .map(|(line, text, codes)| RejectedRow { line, text, codes })
                .collect(),
        })
    }
}

fn write_rejected_file(py: Python<'_>, t: &TableReport, path: &Bound<'_, PyAny>) -> PyResult<()> {
    let path = path_arg(path)?;
    let shown = path.display().to_string();
    std::fs::File::create(&path)
        .and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            t.write_rejected(&mut w)?;
            std::io::Write::flush(&mut w)
        })
        .map_err(|e| write_error(py, &shown, &e))
}

/// What reading one CSV file gave.
#[pyclass(module = "oske", name = "TableReport", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyTableReport(pub TableReport);

#[pymethods]
impl PyTableReport {
    /// The file as named.
    #[getter]
    fn file(&self) -> String {
        self.0.file.clone()
    }

    /// The table it was read as (`"measures"`), or None.
    #[getter]
    fn table(&self) -> Option<&'static str> {
        self.0.table
    }

    /// The encoding it was decoded with (`"utf-8"`, `"windows-1252"`…).
    #[getter]
    fn encoding(&self) -> &'static str {
        self.0.encoding.as_str()
    }

    /// How the encoding was chosen: `"named"`, `"byte-order mark"` or `"detected"`.
    #[getter]
    fn encoding_source(&self) -> &'static str {
        self.0.encoding_source.as_str()
    }

    /// The delimiter used.
    #[getter]
    fn delimiter(&self) -> String {
        char::from(self.0.delimiter).to_string()
    }

    /// The header line as it stood in the file.
    #[getter]
    fn header(&self) -> String {
        self.0.header.clone()
    }

    /// Data rows read (blank rows not counted).
    #[getter]
    fn rows(&self) -> u64 {
        self.0.rows
    }

    /// Rows loaded into the document.
    #[getter]
    fn loaded(&self) -> u64 {
        self.0.loaded
    }

    /// Rows rejected, verbatim, in file order.
    #[getter]
    fn rejected(&self) -> Vec<PyRejectedRow> {
        self.0.rejected.iter().cloned().map(PyRejectedRow).collect()
    }

    /// The rejected rows as a CSV text of their own, under the original header.
    fn rejected_csv(&self) -> String {
        self.0.rejected_csv()
    }

    /// Writes `rejected_csv()` to a file (UTF-8 with a byte-order mark, for Excel).
    fn write_rejected(&self, py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<()> {
        guard(|| write_rejected_file(py, &self.0, path))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        crate::model::repr(
            "TableReport",
            &[
                ("file", self.0.file.to_py(py)?),
                ("table", self.0.table.into_bound_py_any(py)?),
                ("rows", self.0.rows.to_py(py)?),
                ("loaded", self.0.loaded.to_py(py)?),
                ("rejected", self.0.rejected.len().to_py(py)?),
            ],
        )
    }

    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, state: String) -> PyResult<Self> {
        guard(|| {
            let s: TableState = serde_json::from_str(&state).map_err(|e| {
                bad_argument(ArgumentProblem::NotPickled {
                    what: "oske.TableReport",
                    detail: e.to_string(),
                })
            })?;
            Ok(PyTableReport(TableReport::try_from(s)?))
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(|| {
            let text = serde_json::to_string(&TableState::from(&slf.get().0))
                .map_err(|e| internal(e.to_string()))?;
            Ok((slf.get_type().getattr("_from_state")?, (text,)))
        })
    }
}

// ---- reading a folder or tables --------------------------------------------------

/// A document read from CSV tables, with everything found on the way.
#[pyclass(module = "oske", name = "CsvImport", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyCsvImport {
    document: PyDocument,
    issues: Arc<Vec<IssueData>>,
    tables: Vec<TableReport>,
    /// Where each loaded row stood: places validation issues at their cells.
    source_map: Arc<oske::SourceMap>,
}

impl PyCsvImport {
    pub(crate) fn from_imported(imported: tables::Imported) -> Self {
        PyCsvImport {
            document: PyDocument {
                doc: Arc::new(imported.document),
                warnings: Arc::new(Vec::new()),
            },
            issues: Arc::new(imported.issues.into_iter().map(IssueData::from).collect()),
            tables: imported.tables,
            source_map: Arc::new(imported.source_map),
        }
    }
}

#[derive(Serialize)]
struct ImportStateRef<'a> {
    document: &'a Document,
    issues: Vec<IssueState>,
    tables: Vec<TableState>,
    source_map: &'a oske::SourceMap,
}

#[derive(Deserialize)]
struct ImportState {
    document: Document,
    issues: Vec<IssueState>,
    tables: Vec<TableState>,
    #[serde(default)]
    source_map: oske::SourceMap,
}

#[pymethods]
impl PyCsvImport {
    /// The document, holding every row that loaded.
    #[getter]
    fn document(&self) -> PyDocument {
        self.document.clone()
    }

    /// Every problem found while reading, in file and line order (messages in English;
    /// `report.in_lang("fi")` for Finnish).
    #[getter]
    fn report(&self) -> PyReport {
        PyReport {
            issues: Arc::clone(&self.issues),
            lang: Lang::En,
        }
    }

    /// One report per file read.
    #[getter]
    fn tables(&self) -> Vec<PyTableReport> {
        self.tables.iter().cloned().map(PyTableReport).collect()
    }

    /// True when any row was rejected or any reading issue is an error.
    #[getter]
    fn has_errors(&self) -> bool {
        self.issues
            .iter()
            .any(|i| i.rule.severity() == oske::Severity::Error)
            || self.tables.iter().any(|t| !t.rejected.is_empty())
    }

    /// Rows rejected, over all tables.
    #[getter]
    fn rejected_count(&self) -> usize {
        self.tables.iter().map(|t| t.rejected.len()).sum()
    }

    /// The reading issues followed by the issues validating the document finds, with
    /// messages in `lang`. Each validation issue is placed at the cell its value was
    /// read from (`issue.file`, `.sheet`, `.line`, `.column`, `.field`), beside its
    /// `pointer`. The GIL is released while validating.
    #[pyo3(signature = (registry=None, lang="en".to_owned()), text_signature = "(self, registry=None, lang='en')")]
    fn validate(
        &self,
        py: Python<'_>,
        registry: Option<PyRef<'_, PyRegistry>>,
        lang: String,
    ) -> PyResult<PyReport> {
        guard(|| {
            let lang = parse_lang(&lang)?;
            // The read's issues are shared with this report, not copied.
            let mut issues = (*self.issues).clone();
            let found =
                self.document
                    .report_placed(py, registry.as_deref(), Some(&self.source_map));
            issues.extend(found);
            Ok(PyReport::new(issues, lang))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        crate::model::repr(
            "CsvImport",
            &[
                ("tables", self.tables.len().to_py(py)?),
                ("issues", self.issues.len().to_py(py)?),
                ("rejected", self.rejected_count().to_py(py)?),
            ],
        )
    }

    #[classmethod]
    fn _from_state(cls: &Bound<'_, PyType>, state: String) -> PyResult<Self> {
        let py = cls.py();
        guard(|| {
            let s: ImportState = py.detach(|| serde_json::from_str(&state)).map_err(|e| {
                bad_argument(ArgumentProblem::NotPickled {
                    what: "oske.CsvImport",
                    detail: e.to_string(),
                })
            })?;
            Ok(PyCsvImport {
                document: PyDocument {
                    doc: Arc::new(s.document),
                    warnings: Arc::new(Vec::new()),
                },
                issues: Arc::new(
                    s.issues
                        .into_iter()
                        .map(IssueData::try_from)
                        .collect::<PyResult<_>>()?,
                ),
                tables: s
                    .tables
                    .into_iter()
                    .map(TableReport::try_from)
                    .collect::<PyResult<_>>()?,
                source_map: Arc::new(s.source_map),
            })
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let py = slf.py();
        guard(|| {
            let s = slf.get();
            let state = ImportStateRef {
                document: &s.document.doc,
                issues: s.issues.iter().map(IssueState::from).collect(),
                tables: s.tables.iter().map(TableState::from).collect(),
                source_map: &s.source_map,
            };
            let text = py
                .detach(|| serde_json::to_string(&state))
                .map_err(|e| internal(e.to_string()))?;
            Ok((slf.get_type().getattr("_from_state")?, (text,)))
        })
    }
}

/// Reads every table in a folder (`*.csv`, `*.tsv`, and `*.txt` named like a table)
/// into one document. A folder that cannot be listed raises `oske.LoadError`; every
/// problem inside the files is in the result's `report`, with file, line and column.
#[pyfunction]
#[pyo3(signature = (path, *, encoding=None, delimiter=None, decimal="auto".to_owned(), registry=None), text_signature = "(path, *, encoding=None, delimiter=None, decimal='auto', registry=None)")]
pub(crate) fn read_csv_folder(
    py: Python<'_>,
    path: &Bound<'_, PyAny>,
    encoding: Option<String>,
    delimiter: Option<String>,
    decimal: String,
    registry: Option<PyRef<'_, PyRegistry>>,
) -> PyResult<PyCsvImport> {
    guard(|| {
        let opts = with_registry(
            read_options(encoding, delimiter, decimal)?,
            registry.as_deref(),
        );
        let dir = path_arg(path)?;
        let r = py.detach(|| tables::read_folder(&dir, &opts));
        r.map(PyCsvImport::from_imported)
            .map_err(|e| io_load_error(py, &dir.display().to_string(), &e))
    })
}

/// Reads one table into a document. `source` is a path (its file name says which
/// table it is, e.g. `measures.csv` or `toimenpiteet.csv`) or the file's content as
/// `bytes`, with `name` saying which table.
#[pyfunction]
#[pyo3(signature = (source, *, name=None, encoding=None, delimiter=None, decimal="auto".to_owned(), registry=None), text_signature = "(source, *, name=None, encoding=None, delimiter=None, decimal='auto', registry=None)")]
pub(crate) fn read_table(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    name: Option<String>,
    encoding: Option<String>,
    delimiter: Option<String>,
    decimal: String,
    registry: Option<PyRef<'_, PyRegistry>>,
) -> PyResult<PyCsvImport> {
    guard(|| {
        let opts = with_registry(
            read_options(encoding, delimiter, decimal)?,
            registry.as_deref(),
        );
        match source_arg(source)? {
            Source::Bytes(bytes) => {
                let name = name.ok_or_else(|| bad_argument(ArgumentProblem::NameNeeded))?;
                let imported = py.detach(|| tables::read_table_bytes(&name, &bytes, &opts));
                Ok(PyCsvImport::from_imported(imported))
            }
            Source::Path(p) => {
                let shown = p.display().to_string();
                let file_name = match name {
                    Some(n) => n,
                    None => p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                };
                let r = py.detach(|| -> std::io::Result<tables::Imported> {
                    let f = std::io::BufReader::new(std::fs::File::open(&p)?);
                    // Keep the path in issues, but choose the table by the name given.
                    let mut imported = tables::read_tables(vec![(file_name.clone(), f)], &opts);
                    relabel(&mut imported, &file_name, &shown);
                    Ok(imported)
                });
                r.map(PyCsvImport::from_imported)
                    .map_err(|e| io_load_error(py, &shown, &e))
            }
        }
    })
}

/// Names the file by its path in issues and reports, where the table was chosen by
/// its bare name.
fn relabel(imported: &mut tables::Imported, name: &str, path: &str) {
    if name == path {
        return;
    }
    for i in &mut imported.issues {
        if let Some(l) = &mut i.location {
            if l.file.as_deref() == Some(name) {
                l.file = Some(path.to_owned());
            }
        }
        for (k, v) in &mut i.args {
            if *k == "file" && v == name {
                *v = path.to_owned();
            }
        }
    }
    for t in &mut imported.tables {
        if t.file == name {
            t.file = path.to_owned();
        }
    }
    imported.source_map.rename_file(name, path);
}

/// Reads several tables given in memory, `{file name: bytes}`, into one document.
#[pyfunction]
#[pyo3(signature = (files, *, encoding=None, delimiter=None, decimal="auto".to_owned(), registry=None), text_signature = "(files, *, encoding=None, delimiter=None, decimal='auto', registry=None)")]
pub(crate) fn read_tables(
    py: Python<'_>,
    files: &Bound<'_, PyDict>,
    encoding: Option<String>,
    delimiter: Option<String>,
    decimal: String,
    registry: Option<PyRef<'_, PyRegistry>>,
) -> PyResult<PyCsvImport> {
    guard(|| {
        let opts = with_registry(
            read_options(encoding, delimiter, decimal)?,
            registry.as_deref(),
        );
        let mut owned: Vec<(String, Vec<u8>)> = Vec::new();
        for (k, v) in files.iter() {
            let name: String = k.extract()?;
            let bytes: Vec<u8> = v
                .cast::<PyBytes>()
                .map(|b| b.as_bytes().to_vec())
                .map_err(|_| bad_argument(ArgumentProblem::ContentNotBytes(name.clone())))?;
            owned.push((name, bytes));
        }
        let imported = py.detach(|| {
            tables::read_tables(
                owned
                    .iter()
                    .map(|(n, b)| (n.clone(), b.as_slice()))
                    .collect(),
                &opts,
            )
        });
        Ok(PyCsvImport::from_imported(imported))
    })
}

// ---- tables given in memory: DataFrames, Arrow streams, lists of dicts ---------------

/// Validates and loads one table given in memory — a pandas or polars DataFrame, any
/// object with `__arrow_c_stream__`, or a list of dicts — as table `table`
/// (`"measures"`, `"teams"`…; `oske.table_names()`), by the same column names and
/// aliases, cell rules and codes as the CSV reader. Issues name the table (`name`
/// when given) as their file, the row's 0-based position as their line and the
/// column's name as their field. The GIL is released while the rows are read.
#[pyfunction]
#[pyo3(signature = (data, table, *, name=None, registry=None), text_signature = "(data, table, *, name=None, registry=None)")]
pub(crate) fn load_table(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    table: String,
    name: Option<String>,
    registry: Option<PyRef<'_, PyRegistry>>,
) -> PyResult<PyCsvImport> {
    guard(|| {
        let schema = schema_named(&table)?;
        let key = schema.name().to_owned();
        let reg = registry.map(|r| Arc::clone(&r.0));
        let mut imported = crate::arrow_in::load_given(py, &[(schema, data.clone())], reg)?;
        if let Some(label) = name {
            relabel(&mut imported, &key, &label);
        }
        Ok(PyCsvImport::from_imported(imported))
    })
}

/// Validates and loads several tables given in memory into one document:
/// `{table name: DataFrame, Arrow stream or list of dicts}`, read parents first
/// whatever the order (as `read_csv_folder` reads a folder).
#[pyfunction]
#[pyo3(signature = (tables, *, registry=None), text_signature = "(tables, *, registry=None)")]
pub(crate) fn load_tables(
    py: Python<'_>,
    tables: &Bound<'_, PyDict>,
    registry: Option<PyRef<'_, PyRegistry>>,
) -> PyResult<PyCsvImport> {
    guard(|| {
        let mut given = Vec::with_capacity(tables.len());
        for (k, v) in tables.iter() {
            let schema = k
                .extract::<String>()
                .map_err(|_| bad_argument(ArgumentProblem::TableKey))
                .and_then(|name| schema_named(&name));
            match schema {
                Ok(schema) => given.push((schema, v)),
                Err(e) => {
                    // The tables before it are read first, as one by one: their
                    // error, if any, comes first.
                    for (schema, v) in &given {
                        crate::arrow_in::records_of(v, schema)?;
                    }
                    return Err(e);
                }
            }
        }
        let reg = registry.map(|r| Arc::clone(&r.0));
        let imported = crate::arrow_in::load_given(py, &given, reg)?;
        Ok(PyCsvImport::from_imported(imported))
    })
}

// ---- streaming one big measures table ----------------------------------------------

/// The result of checking a big `measures.csv` row by row.
#[pyclass(module = "oske", name = "MeasuresCheck", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct PyMeasuresCheck {
    table: TableReport,
    header_issues: Arc<Vec<IssueData>>,
    row_issues: Arc<Vec<IssueData>>,
}

fn shift_line(i: &mut oske::Issue, offset: i64) {
    if let Some(l) = &mut i.location {
        if let Some(line) = &mut l.line {
            *line = line.saturating_add_signed(offset);
        }
    }
}

fn check_measures<R: std::io::Read>(
    src: R,
    file: &str,
    opts: &ReadOptions,
    line_offset: i64,
) -> std::io::Result<PyMeasuresCheck> {
    let reader = MeasureReader::new(src, Some(file), opts)?;
    let header_issues: Vec<IssueData> =
        reader.header_issues().iter().map(IssueData::from).collect();
    let mut table = TableReport {
        file: file.to_owned(),
        table: Some("measures"),
        encoding: reader.encoding(),
        encoding_source: reader.encoding_source(),
        delimiter: reader.delimiter(),
        header: reader.header().to_owned(),
        rows: 0,
        loaded: 0,
        rejected: Vec::new(),
    };
    let mut row_issues = Vec::new();
    let mut reader = reader;
    // `next_into` refills one row instead of allocating one per row.
    let mut row = MeasureRow::default();
    while let Some(status) = reader.next_into(&mut row) {
        match status {
            RowStatus::Loaded => {
                table.loaded += 1;
                for mut i in row.issues.drain(..) {
                    shift_line(&mut i, line_offset);
                    row_issues.push(IssueData::from(i));
                }
            }
            RowStatus::Rejected(mut rejected, issues) => {
                if rejected.line > 0 {
                    rejected.line = rejected.line.saturating_add_signed(line_offset);
                }
                table.rejected.push(rejected);
                for mut i in issues {
                    shift_line(&mut i, line_offset);
                    row_issues.push(IssueData::from(i));
                }
            }
        }
    }
    table.rows = reader.rows_read();
    Ok(PyMeasuresCheck {
        table,
        header_issues: Arc::new(header_issues),
        row_issues: Arc::new(row_issues),
    })
}

/// Reads a big `measures.csv` row by row in bounded memory, checking each row (cell
/// values, and the rules that need only the measure: text, period and frequency).
/// Nothing is kept but the issues and the rejected rows. `source` is a path or the
/// content as `bytes`. `line_offset` is added to the line of every row, for a chunk
/// cut from a bigger file (the chunk repeats the header). The GIL is released.
#[pyfunction]
#[pyo3(signature = (source, *, name=None, encoding=None, delimiter=None, decimal="auto".to_owned(), line_offset=0), text_signature = "(source, *, name=None, encoding=None, delimiter=None, decimal='auto', line_offset=0)")]
pub(crate) fn validate_measures_csv(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    name: Option<String>,
    encoding: Option<String>,
    delimiter: Option<String>,
    decimal: String,
    line_offset: i64,
) -> PyResult<PyMeasuresCheck> {
    guard(|| {
        if line_offset < 0 {
            return Err(bad_argument(ArgumentProblem::LineOffset(line_offset)));
        }
        let opts = read_options(encoding, delimiter, decimal)?;
        match source_arg(source)? {
            Source::Bytes(bytes) => {
                let file = name.unwrap_or_else(|| "measures.csv".to_owned());
                py.detach(|| check_measures(bytes.as_slice(), &file, &opts, line_offset))
                    .map_err(|e| io_load_error(py, &file, &e))
            }
            Source::Path(p) => {
                let file = name.unwrap_or_else(|| p.display().to_string());
                py.detach(|| {
                    let f = std::io::BufReader::new(std::fs::File::open(&p)?);
                    check_measures(f, &file, &opts, line_offset)
                })
                .map_err(|e| io_load_error(py, &file, &e))
            }
        }
    })
}

impl PyMeasuresCheck {
    /// The header's issues, then every row's.
    fn all_issues(&self) -> Vec<IssueData> {
        let mut issues = Vec::with_capacity(self.header_issues.len() + self.row_issues.len());
        issues.extend(self.header_issues.iter().cloned());
        issues.extend(self.row_issues.iter().cloned());
        issues
    }
}

#[derive(Serialize, Deserialize)]
struct CheckState {
    table: TableState,
    header_issues: Vec<IssueState>,
    row_issues: Vec<IssueState>,
}

#[pymethods]
impl PyMeasuresCheck {
    /// The file as named.
    #[getter]
    fn file(&self) -> String {
        self.table.file.clone()
    }

    /// The encoding the file was decoded with.
    #[getter]
    fn encoding(&self) -> &'static str {
        self.table.encoding.as_str()
    }

    /// How the encoding was chosen.
    #[getter]
    fn encoding_source(&self) -> &'static str {
        self.table.encoding_source.as_str()
    }

    /// The delimiter used.
    #[getter]
    fn delimiter(&self) -> String {
        char::from(self.table.delimiter).to_string()
    }

    /// The header line as it stood.
    #[getter]
    fn header(&self) -> String {
        self.table.header.clone()
    }

    /// Data rows read.
    #[getter]
    fn rows(&self) -> u64 {
        self.table.rows
    }

    /// Rows that loaded.
    #[getter]
    fn loaded(&self) -> u64 {
        self.table.loaded
    }

    /// Rows rejected, verbatim, in file order.
    #[getter]
    fn rejected(&self) -> Vec<PyRejectedRow> {
        self.table
            .rejected
            .iter()
            .cloned()
            .map(PyRejectedRow)
            .collect()
    }

    /// The header's issues, then every row's, in line order (messages in English).
    #[getter]
    fn report(&self) -> PyReport {
        PyReport::new(self.all_issues(), Lang::En)
    }

    /// True when a row was rejected or any issue is an error.
    #[getter]
    fn has_errors(&self) -> bool {
        !self.table.rejected.is_empty()
            || self
                .header_issues
                .iter()
                .chain(self.row_issues.iter())
                .any(|i| i.rule.severity() == oske::Severity::Error)
    }

    /// The rejected rows as a CSV text of their own, under the original header.
    fn rejected_csv(&self) -> String {
        self.table.rejected_csv()
    }

    /// The issues of `report` as Arrow arrays (`oske.ArrowTable`).
    fn to_arrow(&self, py: Python<'_>) -> PyResult<crate::arrow::PyArrowTable> {
        guard(|| crate::arrow::report_table(py, &Arc::new(self.all_issues()), Lang::En))
    }

    /// The Arrow PyCapsule interface: `polars.DataFrame(check)` gives one row per
    /// issue (the columns of `Report.to_arrow()`).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyCapsule>> {
        let _ = requested_schema;
        guard(|| {
            let t = crate::arrow::report_table(py, &Arc::new(self.all_issues()), Lang::En)?;
            crate::arrow::stream_capsule(py, &t.schema, &t.batches)
        })
    }

    /// Writes `rejected_csv()` to a file (UTF-8 with a byte-order mark, for Excel).
    fn write_rejected(&self, py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<()> {
        guard(|| write_rejected_file(py, &self.table, path))
    }

    /// Merges the checks of consecutive chunks of one file (each read with the
    /// `line_offset` of its first row): the first chunk's header, encoding and header
    /// issues, then every chunk's rows, counts and issues in order.
    #[classmethod]
    fn merge(_cls: &Bound<'_, PyType>, checks: Vec<PyMeasuresCheck>) -> PyResult<Self> {
        guard(|| {
            let mut it = checks.into_iter();
            let first = it
                .next()
                .ok_or_else(|| bad_argument(ArgumentProblem::MergeEmpty))?;
            let mut table = first.table;
            let mut rows = (*first.row_issues).clone();
            for c in it {
                table.rows += c.table.rows;
                table.loaded += c.table.loaded;
                table.rejected.extend(c.table.rejected);
                rows.extend(c.row_issues.iter().cloned());
            }
            Ok(PyMeasuresCheck {
                table,
                header_issues: first.header_issues,
                row_issues: Arc::new(rows),
            })
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        crate::model::repr(
            "MeasuresCheck",
            &[
                ("file", self.table.file.to_py(py)?),
                ("rows", self.table.rows.to_py(py)?),
                ("loaded", self.table.loaded.to_py(py)?),
                ("rejected", self.table.rejected.len().to_py(py)?),
                (
                    "issues",
                    (self.header_issues.len() + self.row_issues.len()).to_py(py)?,
                ),
            ],
        )
    }

    #[classmethod]
    fn _from_state(cls: &Bound<'_, PyType>, state: String) -> PyResult<Self> {
        let py = cls.py();
        guard(|| {
            let s: CheckState = py.detach(|| serde_json::from_str(&state)).map_err(|e| {
                bad_argument(ArgumentProblem::NotPickled {
                    what: "oske.MeasuresCheck",
                    detail: e.to_string(),
                })
            })?;
            let issues = |v: Vec<IssueState>| -> PyResult<Arc<Vec<IssueData>>> {
                Ok(Arc::new(
                    v.into_iter()
                        .map(IssueData::try_from)
                        .collect::<PyResult<_>>()?,
                ))
            };
            Ok(PyMeasuresCheck {
                table: TableReport::try_from(s.table)?,
                header_issues: issues(s.header_issues)?,
                row_issues: issues(s.row_issues)?,
            })
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let py = slf.py();
        guard(|| {
            let s = slf.get();
            let state = CheckState {
                table: TableState::from(&s.table),
                header_issues: s.header_issues.iter().map(IssueState::from).collect(),
                row_issues: s.row_issues.iter().map(IssueState::from).collect(),
            };
            let text = py
                .detach(|| serde_json::to_string(&state))
                .map_err(|e| internal(e.to_string()))?;
            Ok((slf.get_type().getattr("_from_state")?, (text,)))
        })
    }
}

// ---- writing, and the flat tables as records -------------------------------------

/// The document's CSV tables, `{file name: bytes}`, in the layout's order.
pub(crate) fn to_csv_tables<'py>(
    py: Python<'py>,
    doc: &Arc<Document>,
    dialect_name: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let d = dialect(dialect_name)?;
    let doc = Arc::clone(doc);
    let files = py.detach(move || tables::write_tables(&doc, &d));
    let out = PyDict::new(py);
    for (name, bytes) in files {
        out.set_item(name, PyBytes::new(py, &bytes))?;
    }
    Ok(out)
}

/// Writes the document's tables into a folder; returns the paths written.
pub(crate) fn write_csv_folder(
    py: Python<'_>,
    doc: &Arc<Document>,
    path: &Bound<'_, PyAny>,
    dialect_name: &str,
) -> PyResult<Vec<String>> {
    let d = dialect(dialect_name)?;
    let dir = path_arg(path)?;
    let doc = Arc::clone(doc);
    let shown = dir.display().to_string();
    py.detach(move || tables::write_folder(&doc, &dir, &d))
        .map(|v| v.iter().map(|p| p.display().to_string()).collect())
        .map_err(|e| write_error(py, &shown, &e))
}

/// The names of the tables of the layout (`docs/tables.md`), in order.
#[pyfunction]
pub(crate) fn table_names() -> Vec<&'static str> {
    tables::TABLES.iter().map(|t| t.name()).collect()
}

/// One typed cell of the core's table mapping as a Python value: text as `str`
/// (an empty text as None), whole numbers as `int`, money as int cents,
/// percentages as int basis points, dates as `datetime.date`, lists as lists (an
/// empty cell of a list column as an empty list), an empty cell as None.
fn cell<'py>(py: Python<'py>, kind: &ValueKind, c: &Cell<'_>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match *c {
        Cell::Empty | Cell::Text("") => match kind {
            ValueKind::List(_) => PyList::empty(py).into_any(),
            _ => py.None().into_bound(py),
        },
        Cell::Text(s) => s.into_bound_py_any(py)?,
        Cell::Int(n) => n.into_bound_py_any(py)?,
        Cell::Cents(c) => c.0.into_bound_py_any(py)?,
        Cell::Percent(b) => b.0.into_bound_py_any(py)?,
        Cell::Number(v) => v.into_bound_py_any(py)?,
        Cell::Date(d) => d.into_bound_py_any(py)?,
        Cell::Bool(b) => b.into_bound_py_any(py)?,
        Cell::Texts(items) => PyList::new(py, items)?.into_any(),
        Cell::Names(names) => PyList::new(py, names.iter())?.into_any(),
        Cell::Dates(dates) => PyList::new(py, dates)?.into_any(),
    })
}

/// One flat table of the document, column by column.
pub(crate) struct TableColumns {
    schema: &'static TableSchema,
    /// One list of Python values per column of the schema, in the schema's order.
    values: Vec<Vec<Py<PyAny>>>,
}

/// The rows of one flat table of the document (`docs/tables.md`), typed by column:
/// dates as `datetime.date`, money as int cents, percentages as int basis points,
/// lists as lists, empty cells as None. The layout is the core's, as its CSV export
/// writes it.
pub(crate) fn table_columns(
    py: Python<'_>,
    doc: &Arc<Document>,
    name: &str,
) -> PyResult<TableColumns> {
    let schema = schema_named(name)?;
    let mut values: Vec<Vec<Py<PyAny>>> = schema.columns.iter().map(|_| Vec::new()).collect();
    // The typed cells of the core's one table mapping: no CSV text in between.
    let mut failed = None;
    tables::table_rows(doc, schema, |row| {
        if failed.is_some() {
            return;
        }
        for ((col, c), out) in schema.columns.iter().zip(row).zip(values.iter_mut()) {
            match cell(py, &col.kind, c) {
                Ok(v) => out.push(v.unbind()),
                Err(e) => failed = Some(e),
            }
        }
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(TableColumns { schema, values }),
    }
}

/// `table_columns` as a list of dicts.
pub(crate) fn table_records<'py>(
    py: Python<'py>,
    doc: &Arc<Document>,
    name: &str,
) -> PyResult<Bound<'py, PyList>> {
    let t = table_columns(py, doc, name)?;
    let n = t.values.first().map_or(0, Vec::len);
    let rows: Vec<Bound<'py, PyDict>> = (0..n).map(|_| PyDict::new(py)).collect();
    for (col, values) in t.schema.columns.iter().zip(&t.values) {
        for (row, v) in rows.iter().zip(values) {
            row.set_item(col.name, v.bind(py))?;
        }
    }
    PyList::new(py, rows)
}

/// `table_columns` as a pandas DataFrame; integer-like columns are pandas' nullable
/// `Int64`, yes/no columns `boolean`, numbers `Float64`, so that empty cells stay
/// missing.
pub(crate) fn table_dataframe<'py>(
    py: Python<'py>,
    doc: &Arc<Document>,
    name: &str,
    dtype_backend: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let pd = import_pandas(py)?;
    let arrow_backend = match dtype_backend {
        "numpy_nullable" => false,
        "pyarrow" => true,
        _ => {
            return Err(bad_argument(ArgumentProblem::OneOf {
                what: "dtype_backend",
                given: dtype_backend.to_owned(),
                allowed: &["numpy_nullable", "pyarrow"],
            }))
        }
    };
    match py.import("pyarrow") {
        Ok(pa) => return arrow_dataframe(py, &pd, &pa, doc, name, arrow_backend),
        Err(e) if !e.is_instance_of::<pyo3::exceptions::PyImportError>(py) => return Err(e),
        Err(e) if arrow_backend => {
            let err = crate::errors::missing_dependency(
                py,
                "pyarrow is needed for dtype_backend=\"pyarrow\": pip install pyarrow",
            );
            err.set_cause(py, Some(e));
            return Err(err);
        }
        Err(_) => {}
    }
    let t = table_columns(py, doc, name)?;
    let data = PyDict::new(py);
    let mut names = Vec::with_capacity(t.values.len());
    for (col, values) in t.schema.columns.iter().zip(t.values) {
        let list = PyList::new(py, values)?;
        let dtype = match col.kind {
            ValueKind::Integer | ValueKind::Money | ValueKind::Percent => "Int64",
            ValueKind::Bool => "boolean",
            ValueKind::Number => "Float64",
            _ => "object",
        };
        let kw = PyDict::new(py);
        kw.set_item("dtype", dtype)?;
        data.set_item(col.name, pd.getattr("array")?.call((list,), Some(&kw))?)?;
        names.push(col.name);
    }
    let kw = PyDict::new(py);
    kw.set_item("columns", PyList::new(py, names)?)?;
    pd.getattr("DataFrame")?.call((data,), Some(&kw))
}

/// `table_dataframe` through Arrow: the arrays built in Rust, converted by pyarrow.
/// With the default backend the frame is the one the path without pyarrow builds:
/// integer-like columns `Int64`, yes/no `boolean`, numbers `Float64`, text, codes and
/// dates as objects (`str`, `datetime.date`), lists as Python lists. With
/// `dtype_backend="pyarrow"` every column is a `pandas.ArrowDtype` over the same
/// arrays, with no conversion to Python objects.
fn arrow_dataframe<'py>(
    py: Python<'py>,
    pd: &Bound<'py, PyModule>,
    pa: &Bound<'py, PyModule>,
    doc: &Arc<Document>,
    name: &str,
    arrow_backend: bool,
) -> PyResult<Bound<'py, PyAny>> {
    use crate::arrow::{document_table, Codes, MoneyAs, Strings, Typing};
    let schema = schema_named(name)?;
    let codes = if arrow_backend {
        Codes::Dictionary
    } else {
        Codes::Plain
    };
    // Plain `utf8`: pyarrow converts no list of string views to pandas (pyarrow 26).
    let typing = Typing {
        money: MoneyAs::Cents,
        codes,
        strings: Strings::Utf8,
    };
    let t = document_table(py, doc, schema, typing)?;
    let table = pa.call_method1("table", (t,))?;
    let kw = PyDict::new(py);
    if arrow_backend {
        kw.set_item("types_mapper", pd.getattr("ArrowDtype")?)?;
        return table.call_method("to_pandas", (), Some(&kw));
    }
    let mapping = PyDict::new(py);
    mapping.set_item(pa.call_method0("int64")?, pd.call_method0("Int64Dtype")?)?;
    mapping.set_item(pa.call_method0("bool_")?, pd.call_method0("BooleanDtype")?)?;
    mapping.set_item(
        pa.call_method0("float64")?,
        pd.call_method0("Float64Dtype")?,
    )?;
    kw.set_item("types_mapper", mapping.getattr("get")?)?;
    let df = table.call_method("to_pandas", (), Some(&kw))?;
    // pyarrow turns list cells into NumPy arrays; keep them Python lists.
    for col in schema.columns {
        if matches!(col.kind, ValueKind::List(_)) {
            let values = table
                .call_method1("column", (col.name,))?
                .call_method0("to_pylist")?;
            df.set_item(col.name, values)?;
        }
    }
    Ok(df)
}

/// Adds the CSV classes and functions to the module.
pub(crate) fn add(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRejectedRow>()?;
    m.add_class::<PyTableReport>()?;
    m.add_class::<PyCsvImport>()?;
    m.add_class::<PyMeasuresCheck>()?;
    m.add_function(wrap_pyfunction!(read_csv_folder, m)?)?;
    m.add_function(wrap_pyfunction!(read_table, m)?)?;
    m.add_function(wrap_pyfunction!(read_tables, m)?)?;
    m.add_function(wrap_pyfunction!(validate_measures_csv, m)?)?;
    m.add_function(wrap_pyfunction!(table_names, m)?)?;
    m.add_function(wrap_pyfunction!(load_table, m)?)?;
    m.add_function(wrap_pyfunction!(load_tables, m)?)?;
    Ok(())
}
