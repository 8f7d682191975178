//! `oske.Document`: load, save, browse and validate.

use crate::convert::{path_arg, to_plain, ToPy};
use crate::errors::{bad_argument, guard, internal, load_error, parse_lang, write_error};
use crate::issues::{IssueData, IssueState, PyIssue, PyReport};
use crate::registry::PyRegistry;
use oske::datasets::Dataset;
use oske::{json, Document, Lang, Registry};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyType};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One oske document: action plans, projects, networks, evaluations, consultation
/// programmes and activity reports — with the warnings found while reading it.
///
/// A document is a value: its collections return copies, and nothing you do to them
/// changes the document. Build a changed document with `Document.from_dict()`.
#[pyclass(module = "oske", name = "Document", frozen, eq)]
#[derive(Clone)]
pub struct PyDocument {
    pub(crate) doc: Arc<Document>,
    /// `json.unknown-field` warnings from reading; `validate()` reports them first.
    pub(crate) warnings: Arc<Vec<IssueData>>,
}

impl PartialEq for PyDocument {
    /// Documents are equal when their contents are; how they were read does not count.
    fn eq(&self, other: &Self) -> bool {
        self.doc == other.doc
    }
}

impl PyDocument {
    pub(crate) fn from_loaded(loaded: oske::Loaded) -> Self {
        PyDocument {
            doc: Arc::new(loaded.document),
            warnings: Arc::new(loaded.warnings.iter().map(IssueData::from).collect()),
        }
    }

    /// Validates against `registry` (the embedded one when None), with the GIL released.
    pub(crate) fn report(&self, py: Python<'_>, registry: Option<&PyRegistry>) -> Vec<IssueData> {
        self.report_placed(py, registry, None)
    }

    /// [`PyDocument::report`], each issue of the rules with no place of its own
    /// placed through `source_map` (the cell it was read from), all without the GIL.
    pub(crate) fn report_placed(
        &self,
        py: Python<'_>,
        registry: Option<&PyRegistry>,
        source_map: Option<&Arc<oske::SourceMap>>,
    ) -> Vec<IssueData> {
        let doc = Arc::clone(&self.doc);
        let warnings = Arc::clone(&self.warnings);
        let reg: Option<Arc<Registry>> = registry.map(|r| Arc::clone(&r.0));
        let source_map = source_map.map(Arc::clone);
        py.detach(move || {
            let reg: &Registry = match &reg {
                Some(r) => r,
                None => Registry::embedded(),
            };
            let report = oske::validate(&doc, reg);
            let mut issues = Vec::with_capacity(warnings.len() + report.issues.len());
            issues.extend(warnings.iter().cloned());
            issues.extend(report.issues.into_iter().map(|mut i| {
                if let (None, Some(map)) = (&i.location, &source_map) {
                    i.location = map.get(&i.pointer);
                }
                IssueData::from(i)
            }));
            issues
        })
    }
}

/// The pickled form of a document.
#[derive(Deserialize)]
struct DocumentState {
    document: Document,
    warnings: Vec<IssueState>,
}

/// The same, borrowed, for writing.
#[derive(Serialize)]
struct DocumentStateRef<'a> {
    document: &'a Document,
    warnings: Vec<IssueState>,
}

#[pymethods]
impl PyDocument {
    /// An empty document of the current format version.
    #[new]
    #[pyo3(signature = (title=None))]
    fn new(title: Option<String>) -> Self {
        let mut doc = Document::new();
        doc.title = title;
        PyDocument {
            doc: Arc::new(doc),
            warnings: Arc::new(Vec::new()),
        }
    }

    /// Reads a document from JSON text. Malformed input raises `oske.LoadError` with
    /// line, column and JSON Pointer; unknown fields become warnings (`.warnings`).
    #[classmethod]
    fn from_json(cls: &Bound<'_, PyType>, text: String) -> PyResult<Self> {
        let py = cls.py();
        guard(|| {
            let r = py.detach(|| json::from_str(&text));
            r.map(PyDocument::from_loaded)
                .map_err(|e| load_error(py, &e))
        })
    }

    /// Reads a document from plain Python data (the shape `to_dict()` returns; dates
    /// may be `datetime.date`).
    #[classmethod]
    fn from_dict(cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = cls.py();
        guard(|| {
            let value = crate::convert::py_to_value(data)?;
            let text = serde_json::to_string(&value).map_err(|e| internal(e.to_string()))?;
            let r = py.detach(|| json::from_str(&text));
            r.map(PyDocument::from_loaded).map_err(|mut e| {
                // Line and column would point into text the caller never saw.
                e.line = None;
                e.column = None;
                load_error(py, &e)
            })
        })
    }

    /// Reads a document from a JSON file (`str` or `os.PathLike`); errors name the file.
    #[classmethod]
    fn load(cls: &Bound<'_, PyType>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = cls.py();
        guard(|| {
            let path = path_arg(path)?;
            let r = py.detach(|| json::from_path(&path));
            r.map(PyDocument::from_loaded)
                .map_err(|e| load_error(py, &e))
        })
    }

    /// An embedded seed dataset by name (see `oske.datasets()`).
    #[classmethod]
    fn dataset(_cls: &Bound<'_, PyType>, name: String) -> PyResult<Self> {
        guard(|| {
            let d = Dataset::from_name(&name).ok_or_else(|| {
                let known = dataset_names();
                crate::errors::argument_error_in(|lang| {
                    oske::errors::unknown_dataset(lang, &name, &known)
                })
            })?;
            Ok(PyDocument::from_loaded(d.load()))
        })
    }

    /// The format version (1).
    #[getter]
    fn format_version(&self) -> u32 {
        self.doc.format_version
    }

    /// The document's title, or None.
    #[getter]
    fn title(&self) -> Option<String> {
        self.doc.title.clone()
    }

    /// Action plans.
    #[getter]
    fn action_plans<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.doc.action_plans.to_py(py))
    }

    /// Development projects and units.
    #[getter]
    fn projects<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.doc.projects.to_py(py))
    }

    /// Networks and their meetings.
    #[getter]
    fn networks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.doc.networks.to_py(py))
    }

    /// Evaluations.
    #[getter]
    fn evaluations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.doc.evaluations.to_py(py))
    }

    /// Consultation programmes.
    #[getter]
    fn consultation_programmes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.doc.consultation_programmes.to_py(py))
    }

    /// Activity reports.
    #[getter]
    fn activity_reports<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.doc.activity_reports.to_py(py))
    }

    /// Warnings found while reading (`json.unknown-field`), messages in English.
    #[getter]
    fn warnings(&self) -> Vec<PyIssue> {
        self.warnings
            .iter()
            .map(|i| PyIssue {
                data: i.clone(),
                lang: Lang::En,
            })
            .collect()
    }

    /// Checks the document against the rulebook and `registry` (the embedded one when
    /// None). The report holds the reading warnings first, then every issue found, in
    /// document order, with messages in `lang` (`"fi"`, `"sv"` or `"en"`). The GIL is
    /// released while validating.
    #[pyo3(signature = (registry=None, lang="en".to_owned()), text_signature = "(self, registry=None, lang='en')")]
    fn validate(
        &self,
        py: Python<'_>,
        registry: Option<PyRef<'_, PyRegistry>>,
        lang: String,
    ) -> PyResult<PyReport> {
        guard(|| {
            let lang = parse_lang(&lang)?;
            let issues = self.report(py, registry.as_deref());
            Ok(PyReport::new(issues, lang))
        })
    }

    /// The document as pretty-printed JSON (dates ISO 8601, money in integer cents).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let doc = Arc::clone(&self.doc);
        guard(|| Ok(py.detach(move || json::to_string(&doc))))
    }

    /// The JSON form as plain Python data.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_plain(py, &*self.doc))
    }

    /// Writes the document to a JSON file; `oske.WriteError` when it cannot.
    fn save(&self, py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<()> {
        guard(|| {
            let path = path_arg(path)?;
            let doc = Arc::clone(&self.doc);
            let p = path.clone();
            py.detach(move || json::to_path(&doc, &p))
                .map_err(|e| write_error(py, &path.display().to_string(), &e))
        })
    }

    /// The document as CSV tables, `{file name: bytes}`, in the layout's order
    /// (`docs/tables.md`); `dialect` is `"standard"` or `"excel-fi"`.
    #[pyo3(signature = (dialect="standard".to_owned()), text_signature = "(self, dialect='standard')")]
    fn to_csv_tables<'py>(&self, py: Python<'py>, dialect: String) -> PyResult<Bound<'py, PyDict>> {
        guard(|| crate::tables::to_csv_tables(py, &self.doc, &dialect))
    }

    /// Writes the document's tables into a folder (created if needed); returns the
    /// paths written. Table files the document leaves empty are removed.
    #[pyo3(signature = (path, dialect="standard".to_owned()), text_signature = "(self, path, dialect='standard')")]
    fn write_csv_folder(
        &self,
        py: Python<'_>,
        path: &Bound<'_, PyAny>,
        dialect: String,
    ) -> PyResult<Vec<String>> {
        guard(|| crate::tables::write_csv_folder(py, &self.doc, path, &dialect))
    }

    /// The rows of one flat table (`"measures"`, `"priorities"`…; see
    /// `oske.table_names()`) as dicts, typed by column: dates as `datetime.date`,
    /// money as int cents, percentages as int basis points, lists as lists.
    fn table_records<'py>(&self, py: Python<'py>, table: String) -> PyResult<Bound<'py, PyList>> {
        guard(|| crate::tables::table_records(py, &self.doc, &table))
    }

    /// One flat table as a pandas DataFrame (columns as in `docs/tables.md`; needs
    /// pandas, `oske.MissingDependencyError` otherwise). Built through Arrow when
    /// pyarrow is installed (much faster), from Python values otherwise; the frame is
    /// the same. `dtype_backend="pyarrow"` (needs pyarrow) gives `pandas.ArrowDtype`
    /// columns over the Arrow arrays of `to_arrow()`, with no Python objects made.
    #[pyo3(signature = (table, *, dtype_backend="numpy_nullable".to_owned()), text_signature = "(self, table, *, dtype_backend='numpy_nullable')")]
    fn to_dataframe<'py>(
        &self,
        py: Python<'py>,
        table: String,
        dtype_backend: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| crate::tables::table_dataframe(py, &self.doc, &table, &dtype_backend))
    }

    /// One flat table as Arrow arrays (`oske.ArrowTable`), for `polars.DataFrame(t)`,
    /// `pyarrow.table(t)` or anything else that reads the Arrow PyCapsule interface.
    /// Dates are `date32`, money `int64` cents and percentages `int64` basis points
    /// (`money="decimal"`: both `decimal128(19, 2)`), code-list values
    /// dictionary-encoded strings, text `utf8` (`strings="view"`: Arrow's string
    /// view `utf8_view`, which polars takes as it is), lists `list<utf8>`
    /// (`list<date32>` for dates), empty cells null. The GIL is released while the
    /// arrays are built; a large table is built on several threads, one record batch
    /// each.
    #[pyo3(signature = (table, *, money="cents".to_owned(), strings="utf8".to_owned()), text_signature = "(self, table, *, money='cents', strings='utf8')")]
    fn to_arrow(
        &self,
        py: Python<'_>,
        table: String,
        money: String,
        strings: String,
    ) -> PyResult<crate::arrow::PyArrowTable> {
        guard(|| {
            let schema = crate::tables::schema_named(&table)?;
            let typing = crate::arrow::Typing {
                money: crate::arrow::MoneyAs::parse(&money)?,
                codes: crate::arrow::Codes::Dictionary,
                strings: crate::arrow::Strings::parse(&strings)?,
            };
            crate::arrow::document_table(py, &self.doc, schema, typing)
        })
    }

    /// One flat table as a polars DataFrame (needs polars,
    /// `oske.MissingDependencyError` otherwise): `polars.DataFrame(t)` of
    /// `to_arrow(table, money=money, strings="view")`, whose text polars takes as it
    /// is (its own string views), code-list columns as `Categorical`.
    #[pyo3(signature = (table, *, money="cents".to_owned()), text_signature = "(self, table, *, money='cents')")]
    fn to_polars<'py>(
        &self,
        py: Python<'py>,
        table: String,
        money: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let schema = crate::tables::schema_named(&table)?;
            let typing = crate::arrow::Typing {
                money: crate::arrow::MoneyAs::parse(&money)?,
                codes: crate::arrow::Codes::Dictionary,
                strings: crate::arrow::Strings::View,
            };
            let pl = py.import("polars").map_err(|e| {
                if e.is_instance_of::<pyo3::exceptions::PyImportError>(py) {
                    let err = crate::errors::missing_dependency(
                        py,
                        "polars is needed for to_polars(): pip install \"oske[polars]\"",
                    );
                    err.set_cause(py, Some(e));
                    err
                } else {
                    e
                }
            })?;
            let t = crate::arrow::document_table(py, &self.doc, schema, typing)?;
            pl.getattr("DataFrame")?.call1((t,))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let d = &self.doc;
        let mut parts = Vec::new();
        if let Some(t) = &d.title {
            parts.push(format!("title={}", t.to_py(py)?.repr()?));
        }
        for (name, n) in [
            ("action_plans", d.action_plans.len()),
            ("projects", d.projects.len()),
            ("networks", d.networks.len()),
            ("evaluations", d.evaluations.len()),
            ("consultation_programmes", d.consultation_programmes.len()),
            ("activity_reports", d.activity_reports.len()),
        ] {
            if n > 0 {
                parts.push(format!("{name}={n}"));
            }
        }
        Ok(format!("Document({})", parts.join(", ")))
    }

    /// Rebuilds a document from its pickled form.
    #[classmethod]
    fn _from_state(cls: &Bound<'_, PyType>, state: String) -> PyResult<Self> {
        let py = cls.py();
        guard(|| {
            let s: DocumentState = py.detach(|| serde_json::from_str(&state)).map_err(|e| {
                bad_argument(oske::errors::ArgumentProblem::NotPickled {
                    what: "oske.Document",
                    detail: e.to_string(),
                })
            })?;
            let warnings = s
                .warnings
                .into_iter()
                .map(IssueData::try_from)
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PyDocument {
                doc: Arc::new(s.document),
                warnings: Arc::new(warnings),
            })
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let py = slf.py();
        guard(|| {
            let d = slf.get();
            let state = DocumentStateRef {
                document: &d.doc,
                warnings: d.warnings.iter().map(IssueState::from).collect(),
            };
            let text = py
                .detach(|| serde_json::to_string(&state))
                .map_err(|e| internal(e.to_string()))?;
            Ok((slf.get_type().getattr("_from_state")?, (text,)))
        })
    }
}

fn dataset_names() -> Vec<&'static str> {
    Dataset::ALL.iter().map(|d| d.name()).collect()
}

/// The names of the embedded seed datasets.
#[pyfunction]
pub(crate) fn datasets() -> Vec<&'static str> {
    dataset_names()
}
