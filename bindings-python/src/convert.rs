//! Type conversions between the core model and Python: strings, numbers, dates
//! (`datetime.date`), enums (their snake_case names, as in JSON), JSON values
//! (dicts and lists) — and nothing else. No rule lives here.

use crate::errors::bad_argument;
use chrono::NaiveDate;
use oske::errors::{ArgumentProblem, NameKind};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::IntoPyObjectExt;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// A core value as a Python object.
pub(crate) trait ToPy {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

macro_rules! to_py_copy {
    ($($t:ty),*) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                (*self).into_bound_py_any(py)
            }
        }
    )*};
}
to_py_copy!(bool, u32, i32, u64, i64, f64, usize, NaiveDate);

impl ToPy for String {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, self).into_any())
    }
}

impl<T: ToPy> ToPy for Option<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_py(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.to_py(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
}

/// Money is `int` cents.
impl ToPy for oske::Cents {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.into_bound_py_any(py)
    }
}

/// Shares are `int` basis points (0.75 % is 75).
impl ToPy for oske::Bp {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.into_bound_py_any(py)
    }
}

/// The snake_case name an enum variant has in JSON.
pub(crate) fn enum_name<T: Serialize>(v: &T) -> PyResult<String> {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => Ok(s),
        _ => Err(crate::errors::internal(
            "an enum value has no name in the JSON format",
        )),
    }
}

/// An enum variant from its snake_case name; `oske.ArgumentError` naming the allowed
/// values otherwise.
pub(crate) fn enum_from_name<T: DeserializeOwned>(name: &str, what: NameKind) -> PyResult<T> {
    serde_json::from_value(Value::String(name.to_owned())).map_err(|e| {
        bad_argument(ArgumentProblem::UnknownName {
            what,
            detail: e.to_string(),
        })
    })
}

macro_rules! enums_as_names {
    ($($t:ty),* $(,)?) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(PyString::new(py, &enum_name(self)?).into_any())
            }
        }
    )*};
}
enums_as_names!(
    oske::plan::MeasureKind,
    oske::plan::ServiceArea,
    oske::plan::MeasureStatus,
    oske::plan::FrequencyUnit,
    oske::plan::FrequencyQualifier,
    oske::network::CountQualifier,
    oske::plan::RevisionReason,
    oske::plan::SectionArea,
    oske::tasks::StatutoryTask,
    oske::tasks::SpecialTaskKind,
    oske::project::OrgRole,
    oske::project::Perspective,
    oske::project::ObjectiveAction,
    oske::project::ParticipantCategory,
    oske::network::MeetingFormat,
    oske::network::MeetingStatus,
    oske::evaluation::EvaluationMethod,
    oske::evaluation::Direction,
    oske::consultation::ConsultationState,
    oske::consultation::SelectionCriterion,
    oske::registry::PopulationArea,
);

/// A registry code kind from its name (`"region"`, `"municipality"`, `"centre"`,
/// `"county"`, `"cooperation_area"`); `oske.ArgumentError` otherwise.
pub(crate) fn code_kind_arg(name: &str) -> PyResult<oske::registry::CodeKind> {
    use oske::registry::CodeKind as K;
    let all = [
        K::Region,
        K::Municipality,
        K::Centre,
        K::County,
        K::CooperationArea,
    ];
    all.into_iter().find(|k| k.as_str() == name).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|k| k.as_str()).collect();
        bad_argument(ArgumentProblem::UnknownCodeKind {
            given: name.to_owned(),
            kinds: names,
        })
    })
}

/// An instrument is its name: `"avain"`, `"arvoa"`, `"suuntima"`, `"sosdigi"`,
/// `"welfare_barometer"`, or the name given for any other instrument.
impl ToPy for oske::evaluation::Instrument {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            oske::evaluation::Instrument::Other(name) => name.to_py(py),
            known => Ok(PyString::new(py, &enum_name(known)?).into_any()),
        }
    }
}

/// A JSON value as plain Python data (dict, list, str, int, float, bool, None).
pub(crate) fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_bound_py_any(py)?
            } else if let Some(u) = n.as_u64() {
                u.into_bound_py_any(py)?
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)?
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let items = a
                .iter()
                .map(|x| value_to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, value_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// A serializable core value as plain Python data (the shape of its JSON).
pub(crate) fn to_plain<'py, T: Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(v).map_err(|e| crate::errors::internal(e.to_string()))?;
    value_to_py(py, &value)
}

const MAX_DEPTH: usize = 128;

/// Plain Python data as a JSON value. Dates (`datetime.date`) become ISO 8601 text;
/// anything JSON cannot hold is an `oske.ArgumentError` naming where it is.
pub(crate) fn py_to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    py_to_value_at(obj, "", 0)
}

fn py_to_value_at(obj: &Bound<'_, PyAny>, at: &str, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(bad_argument(ArgumentProblem::TooDeep {
            at: if at.is_empty() { "/" } else { at }.to_owned(),
            max: MAX_DEPTH,
        }));
    }
    let place = || if at.is_empty() { "/" } else { at }.to_owned();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(bad_argument(ArgumentProblem::IntegerTooLarge {
            at: place(),
            given: obj.str()?.to_string(),
        }));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let x = f.value();
        return serde_json::Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| {
                bad_argument(ArgumentProblem::NotFinite {
                    at: place(),
                    given: x.to_string(),
                })
            });
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(document_text(s, place)?));
    }
    if obj.is_instance_of::<PyDate>() {
        let d: NaiveDate = obj.extract()?;
        return Ok(Value::String(oske::format_date_iso(d)));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| bad_argument(ArgumentProblem::DictKey { at: place() }))?;
            let key = document_text(key, place)?;
            let child = oske::rules::pointer::join(at, &key);
            let value = py_to_value_at(&v, &child, depth + 1)?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, v) in obj.try_iter()?.enumerate() {
            let child = oske::rules::pointer::join(at, i);
            out.push(py_to_value_at(&v?, &child, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    Err(bad_argument(ArgumentProblem::CannotStore {
        at: place(),
        type_name: obj.get_type().name()?.to_string(),
    }))
}

/// A date argument: a `datetime.date` or text in ISO 8601 (`2020-05-07`) or Finnish
/// (`7.5.2020`) form, read by the core's date parser.
pub(crate) struct DateArg(pub NaiveDate);

impl<'a, 'py> FromPyObject<'a, 'py> for DateArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error> {
        if let Ok(s) = obj.cast::<PyString>() {
            let text = s.to_cow()?;
            return oske::parse_date(&text)
                .map(DateArg)
                .map_err(|e| crate::errors::date_error(&e));
        }
        if obj.is_instance_of::<PyDate>() {
            return Ok(DateArg(obj.extract::<NaiveDate>()?));
        }
        Err(crate::errors::type_error(ArgumentProblem::DateType {
            type_name: obj.get_type().name()?.to_string(),
        }))
    }
}

/// A path argument: `str` or `os.PathLike`.
pub(crate) fn path_arg(obj: &Bound<'_, PyAny>) -> PyResult<std::path::PathBuf> {
    let os = obj.py().import("os")?;
    let fspath = os.getattr("fspath")?.call1((obj,))?;
    // On Unix a file name is bytes; Python gives one that is not UTF-8 as a `str`
    // with its bytes escaped as surrogates (or as `bytes`): `os.fsencode` gives the
    // bytes back, so such a file is found, not refused.
    #[cfg(unix)]
    if fspath.cast::<PyString>().is_ok() || fspath.cast::<pyo3::types::PyBytes>().is_ok() {
        use std::os::unix::ffi::OsStringExt;
        let bytes: Vec<u8> = os.getattr("fsencode")?.call1((&fspath,))?.extract()?;
        return Ok(std::path::PathBuf::from(std::ffi::OsString::from_vec(
            bytes,
        )));
    }
    if let Ok(s) = fspath.cast::<PyString>() {
        return Ok(std::path::PathBuf::from(s.to_cow()?.into_owned()));
    }
    Err(crate::errors::type_error(ArgumentProblem::PathType))
}

/// `s`'s text with what UTF-8 cannot encode (an unpaired surrogate) escaped as
/// Python writes it (`\ud800`): how text that is not text is shown in an issue or
/// an error.
pub(crate) fn shown_not_text(s: &Bound<'_, PyString>) -> String {
    s.call_method1("encode", ("utf-8", "backslashreplace"))
        .and_then(|b| b.extract::<Vec<u8>>())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_else(|_| "\u{FFFD}".to_owned())
}

/// A string of a document at `at` as text: an argument error naming the place when
/// UTF-8 cannot encode it.
fn document_text(s: &Bound<'_, PyString>, at: impl FnOnce() -> String) -> PyResult<String> {
    match s.to_cow() {
        Ok(text) => Ok(text.into_owned()),
        Err(_) => Err(bad_argument(ArgumentProblem::NotText {
            at: at(),
            shown: shown_not_text(s),
        })),
    }
}
