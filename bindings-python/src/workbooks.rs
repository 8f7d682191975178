//! Excel workbooks for Python: `read_workbook` (a path or bytes; `.xlsx`, `.xlsm`,
//! `.xlsb`, `.xls`, `.ods`) into a `CsvImport` whose issues carry `sheet`, row
//! (`line`) and column; `workbook_bytes` and `write_workbook` write `.xlsx`.

use crate::convert::path_arg;
use crate::document::PyDocument;
use crate::errors::{argument_error_in, bad_argument, guard, workbook_load_error, write_error};
use crate::tables::{read_options, PyCsvImport};
use oske::errors::ArgumentProblem;
use oske::tables;
use oske::Lang;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes};
use std::sync::Arc;

fn sheet_lang(name: &str) -> PyResult<Lang> {
    match name {
        "en" => Ok(Lang::En),
        "fi" => Ok(Lang::Fi),
        "sv" => Ok(Lang::Sv),
        _ => Err(bad_argument(ArgumentProblem::OneOf {
            what: "sheet_names",
            given: name.to_owned(),
            allowed: &["en", "fi", "sv"],
        })),
    }
}

fn table_arg(table: Option<String>) -> PyResult<Option<&'static str>> {
    match table {
        None => Ok(None),
        Some(t) => tables::table_for_file(&t)
            .map(|s| Some(s.file))
            .ok_or_else(|| bad_argument(ArgumentProblem::NotALayoutTable(t.clone()))),
    }
}

/// Reads a workbook into a document: each sheet named after a table (in English,
/// Finnish or Swedish; every other sheet as `table=` when given). `source` is a
/// path or the file's content as `bytes` (then `name` is the file name shown in
/// issues). A file that is not a workbook raises `oske.LoadError`; every problem in
/// the cells is in the result's `report`, with `file`, `sheet`, `line` (the row)
/// and `column` (1 for A).
#[pyfunction]
#[pyo3(signature = (source, *, name=None, table=None, decimal="auto".to_owned(), registry=None), text_signature = "(source, *, name=None, table=None, decimal='auto', registry=None)")]
pub(crate) fn read_workbook(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    name: Option<String>,
    table: Option<String>,
    decimal: String,
    registry: Option<PyRef<'_, crate::registry::PyRegistry>>,
) -> PyResult<PyCsvImport> {
    guard(|| {
        let opts =
            crate::tables::with_registry(read_options(None, None, decimal)?, registry.as_deref());
        let table = table_arg(table)?;
        let bytes = if let Ok(b) = source.cast::<PyBytes>() {
            Some(b.as_bytes().to_vec())
        } else if source.is_instance_of::<PyByteArray>() {
            Some(source.extract::<Vec<u8>>()?)
        } else {
            None
        };
        let (shown, result) = match bytes {
            Some(b) => {
                let shown = name.unwrap_or_else(|| "workbook.xlsx".to_owned());
                let n = shown.clone();
                let r = py.detach(move || tables::read_workbook_bytes(&n, &b, table, &opts));
                (shown, r)
            }
            None => {
                let p = path_arg(source)?;
                let shown = p.display().to_string();
                let r = py.detach(move || tables::read_workbook(&p, table, &opts));
                (shown, r)
            }
        };
        // The core's text in each language, the reader's own (calamine's) quoted.
        result
            .map(PyCsvImport::from_imported)
            .map_err(|e| workbook_load_error(py, &shown, &e))
    })
}

/// The document as an `.xlsx` workbook (one sheet per non-empty table; sheets named
/// in English, or with `sheet_names="fi"`/`"sv"` in Finnish or Swedish).
#[pyfunction]
#[pyo3(signature = (document, *, sheet_names="en".to_owned()), text_signature = "(document, *, sheet_names='en')")]
pub(crate) fn workbook_bytes<'py>(
    py: Python<'py>,
    document: &PyDocument,
    sheet_names: String,
) -> PyResult<Bound<'py, PyBytes>> {
    guard(|| {
        let lang = sheet_lang(&sheet_names)?;
        let doc = Arc::clone(&document.doc);
        let bytes = py
            .detach(move || tables::write_workbook(&doc, lang))
            .map_err(|e| argument_error_in(|l| e.localized(l)))?;
        Ok(PyBytes::new(py, &bytes))
    })
}

/// Writes the document as an `.xlsx` workbook at `path`.
#[pyfunction]
#[pyo3(signature = (document, path, *, sheet_names="en".to_owned()), text_signature = "(document, path, *, sheet_names='en')")]
pub(crate) fn write_workbook(
    py: Python<'_>,
    document: &PyDocument,
    path: &Bound<'_, PyAny>,
    sheet_names: String,
) -> PyResult<()> {
    guard(|| {
        let lang = sheet_lang(&sheet_names)?;
        let p = path_arg(path)?;
        let shown = p.display().to_string();
        let doc = Arc::clone(&document.doc);
        let bytes = py
            .detach(move || tables::write_workbook(&doc, lang))
            .map_err(|e| argument_error_in(|l| e.localized(l)))?;
        std::fs::write(&p, bytes).map_err(|e| write_error(py, &shown, &e))
    })
}
