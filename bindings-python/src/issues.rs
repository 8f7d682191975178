//! Issues, reports and the rule catalogue as Python classes.

use crate::convert::ToPy;
use crate::errors::{bad_argument, guard, internal, missing_dependency, parse_lang};
use crate::model::repr;
use oske::rules::{Rule, SourceLocation};
use oske::{Lang, Severity};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};
use pyo3::IntoPyObjectExt;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// An issue as the bindings hold it: the rule, where, the message arguments (owned,
/// so that it can be pickled) and the source position.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct IssueFields {
    pub rule: Rule,
    pub pointer: String,
    pub args: Vec<(String, String)>,
    /// Names shown for values: `(placeholder, value, names)`.
    pub names: Vec<(String, String, oske::LocalizedText)>,
    pub location: Option<SourceLocation>,
}

/// An issue, shared: a report, the issues it is filtered or added into and each
/// `Issue` object taken from it hold the same fields (cloning one is a count, not a
/// copy of its texts: a report of thousands of issues is handed on whole).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct IssueData(Arc<IssueFields>);

impl std::ops::Deref for IssueData {
    type Target = IssueFields;

    fn deref(&self) -> &IssueFields {
        &self.0
    }
}

impl From<IssueFields> for IssueData {
    fn from(f: IssueFields) -> Self {
        IssueData(Arc::new(f))
    }
}

impl From<&oske::Issue> for IssueData {
    fn from(i: &oske::Issue) -> Self {
        IssueData::from(IssueFields {
            rule: i.rule,
            pointer: i.pointer.clone(),
            args: i
                .args
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
            names: i
                .names
                .iter()
                .map(|(k, c, t)| ((*k).to_owned(), c.clone(), t.clone()))
                .collect(),
            location: i.location.clone(),
        })
    }
}

impl From<oske::Issue> for IssueData {
    /// The issue's texts moved, not copied.
    fn from(i: oske::Issue) -> Self {
        IssueData::from(IssueFields {
            rule: i.rule,
            pointer: i.pointer,
            args: i.args.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
            names: i
                .names
                .into_iter()
                .map(|(k, c, t)| (k.to_owned(), c, t))
                .collect(),
            location: i.location,
        })
    }
}

impl IssueData {
    pub fn message(&self, lang: Lang) -> String {
        let args: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        let names: Vec<(&str, &str, &oske::LocalizedText)> = self
            .names
            .iter()
            .map(|(k, c, t)| (k.as_str(), c.as_str(), t))
            .collect();
        self.rule.render_named(lang, &args, &names)
    }

    fn loc<T>(&self, f: impl FnOnce(&SourceLocation) -> Option<T>) -> Option<T> {
        self.location.as_ref().and_then(f)
    }

    fn record<'py>(&self, py: Python<'py>, lang: Lang) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("code", self.rule.code())?;
        d.set_item("severity", self.rule.severity().as_str())?;
        d.set_item("pointer", &self.pointer)?;
        d.set_item("line", self.loc(|l| l.line))?;
        d.set_item("column", self.loc(|l| l.column))?;
        d.set_item("file", self.loc(|l| l.file.clone()))?;
        d.set_item("field", self.loc(|l| l.field.clone()))?;
        d.set_item("sheet", self.loc(|l| l.sheet.clone()))?;
        d.set_item("message", self.message(lang))?;
        Ok(d)
    }
}

/// The pickled form of an issue.
#[derive(Serialize, Deserialize)]
pub(crate) struct IssueState {
    code: String,
    pointer: String,
    args: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    names: Vec<(String, String, oske::LocalizedText)>,
    location: Option<SourceLocation>,
}

impl From<&IssueData> for IssueState {
    fn from(i: &IssueData) -> Self {
        IssueState {
            code: i.rule.code().to_owned(),
            pointer: i.pointer.clone(),
            args: i.args.clone(),
            names: i.names.clone(),
            location: i.location.clone(),
        }
    }
}

impl TryFrom<IssueState> for IssueData {
    type Error = PyErr;

    fn try_from(s: IssueState) -> PyResult<Self> {
        Ok(IssueData::from(IssueFields {
            rule: rule_from_code(&s.code)?,
            pointer: s.pointer,
            args: s.args,
            names: s.names,
            location: s.location,
        }))
    }
}

pub(crate) fn rule_from_code(code: &str) -> PyResult<Rule> {
    Rule::from_code(code)
        .ok_or_else(|| bad_argument(oske::errors::ArgumentProblem::UnknownRule(code.to_owned())))
}

/// A rule of the rulebook: stable code, severity, guidance and message templates.
#[pyclass(module = "oske", name = "Rule", frozen, eq, hash, from_py_object)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyRule(pub Rule);

#[pymethods]
impl PyRule {
    /// The rule with this code; `oske.ArgumentError` when there is none.
    #[classmethod]
    fn from_code(_cls: &Bound<'_, PyType>, code: String) -> PyResult<Self> {
        guard(|| rule_from_code(&code).map(PyRule))
    }

    /// The stable code, e.g. `"team.area-overlap"`.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code()
    }

    /// `"error"`, `"warning"` or `"info"`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.severity().as_str()
    }

    /// One line of English guidance: what the rule checks and why.
    #[getter]
    fn about(&self) -> &'static str {
        self.0.about()
    }

    /// The message template in `lang`, with `{name}` placeholders.
    #[pyo3(signature = (lang="en".to_owned()), text_signature = "(self, lang='en')")]
    fn template(&self, lang: String) -> PyResult<&'static str> {
        guard(|| Ok(self.0.template(parse_lang(&lang)?)))
    }

    fn __str__(&self) -> &'static str {
        self.0.code()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        repr(
            "Rule",
            &[
                ("code", self.0.code().into_bound_py_any(py)?),
                (
                    "severity",
                    self.0.severity().as_str().into_bound_py_any(py)?,
                ),
            ],
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("from_code")?,
            (slf.get().0.code().to_owned(),),
        ))
    }
}

/// Every rule, in catalogue order.
#[pyfunction]
pub(crate) fn rules() -> Vec<PyRule> {
    Rule::ALL.iter().map(|r| PyRule(*r)).collect()
}

/// One problem found: which rule, where (JSON Pointer, and line/column/file/field when
/// the input was a file), and the message in the report's language.
#[pyclass(module = "oske", name = "Issue", frozen, eq, hash, from_py_object)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyIssue {
    pub(crate) data: IssueData,
    pub(crate) lang: Lang,
}

#[pymethods]
impl PyIssue {
    /// An issue of the rule `code` at `pointer`; `args` fills the message template.
    #[new]
    #[pyo3(
        signature = (code, pointer="".to_owned(), args=None, line=None, column=None, file=None, field=None, lang="en".to_owned()),
        text_signature = "(code, pointer='', args=None, line=None, column=None, file=None, field=None, lang='en')"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        code: String,
        pointer: String,
        args: Option<Bound<'_, PyDict>>,
        line: Option<u64>,
        column: Option<u64>,
        file: Option<String>,
        field: Option<String>,
        lang: String,
    ) -> PyResult<Self> {
        guard(|| {
            let mut arg_list = Vec::new();
            if let Some(a) = args {
                for (k, v) in a.iter() {
                    arg_list.push((k.extract::<String>()?, v.str()?.extract::<String>()?));
                }
            }
            let location =
                if line.is_some() || column.is_some() || file.is_some() || field.is_some() {
                    Some(SourceLocation {
                        file,
                        line,
                        column,
                        field,
                        sheet: None,
                    })
                } else {
                    None
                };
            Ok(PyIssue {
                data: IssueData::from(IssueFields {
                    rule: rule_from_code(&code)?,
                    pointer,
                    args: arg_list,
                    names: Vec::new(),
                    location,
                }),
                lang: parse_lang(&lang)?,
            })
        })
    }

    /// The rule's stable code.
    #[getter]
    fn code(&self) -> &'static str {
        self.data.rule.code()
    }

    /// `"error"`, `"warning"` or `"info"`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.data.rule.severity().as_str()
    }

    /// The rule.
    #[getter]
    fn rule(&self) -> PyRule {
        PyRule(self.data.rule)
    }

    /// JSON Pointer (RFC 6901) to the offending value; `""` is the whole document.
    #[getter]
    fn pointer(&self) -> String {
        self.data.pointer.clone()
    }

    /// 1-based line in the source file, when known.
    #[getter]
    fn line(&self) -> Option<u64> {
        self.data.loc(|l| l.line)
    }

    /// 1-based column in the source file, when known.
    #[getter]
    fn column(&self) -> Option<u64> {
        self.data.loc(|l| l.column)
    }

    /// The source file, when known.
    #[getter]
    fn file(&self) -> Option<String> {
        self.data.loc(|l| l.file.clone())
    }

    /// The CSV column name, when the issue is about one cell.
    #[getter]
    fn field(&self) -> Option<String> {
        self.data.loc(|l| l.field.clone())
    }

    /// The workbook sheet, when the issue was found in one (then `line` is the
    /// sheet's row and `column` its column, 1 for A).
    #[getter]
    fn sheet(&self) -> Option<String> {
        self.data.loc(|l| l.sheet.clone())
    }

    /// The language of `message`.
    #[getter]
    fn lang(&self) -> &'static str {
        self.lang.code()
    }

    /// The message in the issue's language.
    #[getter]
    fn message(&self) -> String {
        self.data.message(self.lang)
    }

    /// The values filling the message template.
    #[getter]
    fn args<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in &self.data.args {
            d.set_item(k, v)?;
        }
        Ok(d)
    }

    /// The message in `lang` (`"fi"`, `"sv"` or `"en"`).
    fn message_in(&self, lang: String) -> PyResult<String> {
        guard(|| Ok(self.data.message(parse_lang(&lang)?)))
    }

    /// The issue as a dict: code, severity, pointer, line, column, file, field, message.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(|| self.data.record(py, self.lang))
    }

    /// `warning team.area-overlap at /projects/0/…: message`, in the issue's
    /// language (`varoitus … kohdassa …`).
    fn __str__(&self) -> String {
        oske::rules::report_line(
            self.lang,
            self.data.rule,
            &self.data.pointer,
            self.data.location.as_ref(),
            &self.data.message(self.lang),
        )
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut fields = vec![
            ("code", self.data.rule.code().to_owned().to_py(py)?),
            ("severity", self.severity().to_owned().to_py(py)?),
            ("pointer", self.data.pointer.to_py(py)?),
        ];
        if let Some(l) = self.line() {
            fields.push(("line", l.to_py(py)?));
        }
        if let Some(c) = self.column() {
            fields.push(("column", c.to_py(py)?));
        }
        repr("Issue", &fields)
    }

    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let s = slf.get();
        let args = PyTuple::new(
            py,
            [
                s.data.rule.code().to_owned().to_py(py)?,
                s.data.pointer.to_py(py)?,
                s.args(py)?.into_any(),
                s.line().to_py(py)?,
                s.column().to_py(py)?,
                s.file().to_py(py)?,
                s.field().to_py(py)?,
                s.lang.code().to_owned().to_py(py)?,
            ],
        )?;
        Ok((slf.get_type(), args))
    }
}

/// The pickled form of a report.
#[derive(Serialize, Deserialize)]
struct ReportState {
    lang: Lang,
    issues: Vec<IssueState>,
}

/// The outcome of validation: every issue, in document order, with messages in one
/// language.
#[pyclass(module = "oske", name = "Report", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyReport {
    pub(crate) issues: Arc<Vec<IssueData>>,
    pub(crate) lang: Lang,
}

impl PyReport {
    pub(crate) fn new(issues: Vec<IssueData>, lang: Lang) -> Self {
        PyReport {
            issues: Arc::new(issues),
            lang,
        }
    }

    fn of(&self, severity: Severity) -> Vec<PyIssue> {
        self.issues
            .iter()
            .filter(|i| i.rule.severity() == severity)
            .map(|i| self.issue(i))
            .collect()
    }

    fn issue(&self, i: &IssueData) -> PyIssue {
        PyIssue {
            data: i.clone(),
            lang: self.lang,
        }
    }
}

#[pymethods]
impl PyReport {
    /// A report of the given issues, with messages in `lang`.
    #[new]
    #[pyo3(signature = (issues=Vec::new(), lang="en".to_owned()), text_signature = "(issues=(), lang='en')")]
    fn py_new(issues: Vec<PyIssue>, lang: String) -> PyResult<Self> {
        guard(|| {
            Ok(PyReport::new(
                issues.into_iter().map(|i| i.data).collect(),
                parse_lang(&lang)?,
            ))
        })
    }

    /// Every issue, in the order found.
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        self.issues.iter().map(|i| self.issue(i)).collect()
    }

    /// The issues of severity error.
    #[getter]
    fn errors(&self) -> Vec<PyIssue> {
        self.of(Severity::Error)
    }

    /// The issues of severity warning.
    #[getter]
    fn warnings(&self) -> Vec<PyIssue> {
        self.of(Severity::Warning)
    }

    /// The issues of severity info.
    #[getter]
    fn infos(&self) -> Vec<PyIssue> {
        self.of(Severity::Info)
    }

    /// True when any issue is an error.
    #[getter]
    fn has_errors(&self) -> bool {
        self.issues
            .iter()
            .any(|i| i.rule.severity() == Severity::Error)
    }

    /// The language of the messages.
    #[getter]
    fn lang(&self) -> &'static str {
        self.lang.code()
    }

    /// The number of issues of `severity` (`"error"`, `"warning"`, `"info"`).
    fn count(&self, severity: String) -> PyResult<usize> {
        guard(|| {
            let s: Severity =
                crate::convert::enum_from_name(&severity, oske::errors::NameKind::Severity)?;
            Ok(self
                .issues
                .iter()
                .filter(|i| i.rule.severity() == s)
                .count())
        })
    }

    /// The issues as Arrow arrays (`oske.ArrowTable`): code and severity
    /// dictionary-encoded, pointer, line and column (`uint64`), file, field, message
    /// in the report's language.
    fn to_arrow(&self, py: Python<'_>) -> PyResult<crate::arrow::PyArrowTable> {
        guard(|| crate::arrow::report_table(py, &self.issues, self.lang))
    }

    /// The Arrow PyCapsule interface: `polars.DataFrame(report)`,
    /// `pyarrow.table(report)` (the columns of `to_arrow()`).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyCapsule>> {
        let _ = requested_schema;
        guard(|| {
            let t = crate::arrow::report_table(py, &self.issues, self.lang)?;
            crate::arrow::stream_capsule(py, &t.schema, &t.batches)
        })
    }

    /// The Arrow PyCapsule interface: the schema of `to_arrow()`.
    fn __arrow_c_schema__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Bound<'py, pyo3::types::PyCapsule>> {
        guard(|| {
            let t = crate::arrow::report_table(py, &Arc::new(Vec::new()), self.lang)?;
            crate::arrow::schema_capsule(py, &t.schema)
        })
    }

    /// `(code, pointer)` pairs, the shape the conformance vectors compare.
    fn codes_and_pointers(&self) -> Vec<(&'static str, String)> {
        self.issues
            .iter()
            .map(|i| (i.rule.code(), i.pointer.clone()))
            .collect()
    }

    /// The same report with messages in `lang`.
    fn in_lang(&self, lang: String) -> PyResult<Self> {
        guard(|| {
            Ok(PyReport {
                issues: Arc::clone(&self.issues),
                lang: parse_lang(&lang)?,
            })
        })
    }

    /// One dict per issue: code, severity, pointer, line, column, file, field, message.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        guard(|| {
            let rows = self
                .issues
                .iter()
                .map(|i| i.record(py, self.lang))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, rows)
        })
    }

    /// A pandas DataFrame with one row per issue and the columns code, severity,
    /// pointer, line, column, file, field, message. Needs pandas
    /// (`pip install "oske[pandas]"`); `oske.MissingDependencyError` otherwise.
    fn to_dataframe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let pd = import_pandas(py)?;
            let n = self.issues.len();
            let (mut code, mut severity, mut pointer) = (
                Vec::with_capacity(n),
                Vec::with_capacity(n),
                Vec::with_capacity(n),
            );
            let (mut line, mut column) = (Vec::with_capacity(n), Vec::with_capacity(n));
            let (mut file, mut field, mut message) = (
                Vec::with_capacity(n),
                Vec::with_capacity(n),
                Vec::with_capacity(n),
            );
            let mut sheet = Vec::with_capacity(n);
            for i in self.issues.iter() {
                code.push(i.rule.code());
                severity.push(i.rule.severity().as_str());
                pointer.push(i.pointer.as_str());
                line.push(i.loc(|l| l.line));
                column.push(i.loc(|l| l.column));
                file.push(i.loc(|l| l.file.clone()));
                field.push(i.loc(|l| l.field.clone()));
                sheet.push(i.loc(|l| l.sheet.clone()));
                message.push(i.message(self.lang));
            }
            let columns = PyDict::new(py);
            columns.set_item("code", code)?;
            columns.set_item("severity", severity)?;
            columns.set_item("pointer", pointer)?;
            columns.set_item("line", nullable_int_column(py, &pd, line)?)?;
            columns.set_item("column", nullable_int_column(py, &pd, column)?)?;
            columns.set_item("file", file)?;
            columns.set_item("field", field)?;
            columns.set_item("sheet", sheet)?;
            columns.set_item("message", message)?;
            pd.getattr("DataFrame")?.call1((columns,))
        })
    }

    /// Raises `oske.ValidationError` (with `.report`) when the report has errors.
    fn raise_for_errors(slf: &Bound<'_, Self>) -> PyResult<()> {
        let r = slf.get();
        let errors = r.of(Severity::Error);
        if errors.is_empty() {
            return Ok(());
        }
        let first = errors[0].__str__();
        let msg = if errors.len() == 1 {
            format!("1 error: {first}")
        } else {
            format!("{} errors; the first: {first}", errors.len())
        };
        let err = crate::errors::ValidationError::new_err(msg);
        err.value(slf.py()).setattr("report", slf)?;
        Err(err)
    }

    fn __len__(&self) -> usize {
        self.issues.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let list = PyList::new(py, self.issues())?;
        list.try_iter().map(|i| i.into_any())
    }

    fn __getitem__(&self, index: isize) -> PyResult<PyIssue> {
        let n = self.issues.len() as isize;
        let i = if index < 0 { index + n } else { index };
        if i < 0 || i >= n {
            return Err(pyo3::exceptions::PyIndexError::new_err(
                "report index out of range",
            ));
        }
        Ok(self.issue(&self.issues[i as usize]))
    }

    /// The issues of both reports, this one's first; messages in this report's language.
    fn __add__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(o) = other.cast::<PyReport>() else {
            return Ok(py.NotImplemented());
        };
        let mut issues = (*self.issues).clone();
        issues.extend(o.get().issues.iter().cloned());
        Ok(Bound::new(py, PyReport::new(issues, self.lang))?
            .into_any()
            .unbind())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let n = |s| {
            self.issues
                .iter()
                .filter(|i| i.rule.severity() == s)
                .count()
        };
        repr(
            "Report",
            &[
                ("errors", n(Severity::Error).into_bound_py_any(py)?),
                ("warnings", n(Severity::Warning).into_bound_py_any(py)?),
                ("infos", n(Severity::Info).into_bound_py_any(py)?),
                ("lang", self.lang.code().into_bound_py_any(py)?),
            ],
        )
    }

    /// One line per issue.
    fn __str__(&self) -> String {
        self.issues
            .iter()
            .map(|i| self.issue(i).__str__())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Rebuilds a report from its pickled form.
    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, state: String) -> PyResult<Self> {
        guard(|| {
            let s: ReportState = serde_json::from_str(&state).map_err(|e| {
                bad_argument(oske::errors::ArgumentProblem::NotPickled {
                    what: "oske.Report",
                    detail: e.to_string(),
                })
            })?;
            let issues = s
                .issues
                .into_iter()
                .map(IssueData::try_from)
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PyReport::new(issues, s.lang))
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(|| {
            let r = slf.get();
            let state = ReportState {
                lang: r.lang,
                issues: r.issues.iter().map(IssueState::from).collect(),
            };
            let text = serde_json::to_string(&state).map_err(|e| internal(e.to_string()))?;
            Ok((slf.get_type().getattr("_from_state")?, (text,)))
        })
    }
}

/// Imports pandas, or raises `oske.MissingDependencyError`.
pub(crate) fn import_pandas(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("pandas").map_err(|e| {
        if e.is_instance_of::<pyo3::exceptions::PyImportError>(py) {
            let err = missing_dependency(
                py,
                "pandas is needed for DataFrames: pip install \"oske[pandas]\"",
            );
            err.set_cause(py, Some(e));
            err
        } else {
            e
        }
    })
}

/// A pandas nullable integer column (`Int64`), so that missing lines stay missing
/// rather than turning the column into floats.
fn nullable_int_column<'py>(
    py: Python<'py>,
    pd: &Bound<'py, PyModule>,
    values: Vec<Option<u64>>,
) -> PyResult<Bound<'py, PyAny>> {
    let list = PyList::new(py, values)?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("dtype", "Int64")?;
    pd.getattr("array")?.call((list,), Some(&kwargs))
}
