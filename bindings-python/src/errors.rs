//! The exception hierarchy and the conversion of core errors into it.
//!
//! Every exception raised by the package derives from `oske.OskeError`. A Rust panic
//! is caught at the boundary ([`guard`]) and raised as `oske.InternalError`, never as
//! pyo3's `PanicException` (a `BaseException`).

use oske::consultation::ProtocolError as CoreProtocolError;
use oske::{JsonError, Lang};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU8, Ordering};

/// The language of the exceptions' `str()`: 0 English (the default), 1 Finnish,
/// 2 Swedish. One setting for the process, read when an exception is raised.
static ERROR_LANG: AtomicU8 = AtomicU8::new(0);

/// The language the exceptions' `str()` is written in (`oske.set_error_language`).
pub(crate) fn error_lang() -> Lang {
    match ERROR_LANG.load(Ordering::Relaxed) {
        1 => Lang::Fi,
        2 => Lang::Sv,
        _ => Lang::En,
    }
}

/// Sets the language of the text of every exception oske raises from now on:
/// `"fi"`, `"sv"` or `"en"` (the default). `.messages` holds the text in all three
/// whatever the setting; `.code`, `.kind` and the other attributes do not change.
#[pyfunction]
pub(crate) fn set_error_language(lang: &str) -> PyResult<()> {
    let l = parse_lang(lang)?;
    let v = match l {
        Lang::En => 0,
        Lang::Fi => 1,
        Lang::Sv => 2,
    };
    ERROR_LANG.store(v, Ordering::Relaxed);
    Ok(())
}

/// The language of the exceptions' text: `"en"` unless `set_error_language` changed it.
#[pyfunction]
pub(crate) fn error_language() -> &'static str {
    error_lang().code()
}

/// `{"fi": …, "sv": …, "en": …}`.
fn messages_dict<'py>(
    py: Python<'py>,
    text: impl Fn(Lang) -> String,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for lang in Lang::ALL {
        d.set_item(lang.code(), text(lang))?;
    }
    Ok(d)
}

// The exceptions are created with module "oske" so that their `__module__`,
// `repr()` and pickling name the public package, not the private `oske._oske`.
create_exception!(
    oske,
    OskeError,
    PyException,
    "Base class of every error raised by oske."
);
create_exception!(
    oske,
    ProtocolError,
    OskeError,
    "A step of the consultation protocol was refused. `.code` is the rule code, `.messages` the message in fi, sv and en."
);
create_exception!(
    oske,
    ValidationError,
    OskeError,
    "A document breaks one or more rules of the oske rulebook. `.report` holds the Report."
);
create_exception!(
    oske,
    LoadError,
    OskeError,
    "A document or table could not be read. `.kind`, `.file`, `.pointer`, `.line` and `.column` say what and where."
);
create_exception!(
    oske,
    InternalError,
    OskeError,
    "A defect inside oske (a Rust panic caught at the boundary). Please report it."
);

macro_rules! protocol_errors {
    ($($name:ident => $code:literal, $doc:literal;)*) => {
        $(
            create_exception!(oske, $name, ProtocolError, $doc);
        )*

        /// The Python class for a protocol rule code.
        fn protocol_class<'py>(py: Python<'py>, code: &str) -> Bound<'py, PyType> {
            match code {
                $($code => py.get_type::<$name>(),)*
                _ => py.get_type::<ProtocolError>(),
            }
        }

        /// Adds the protocol error classes to the module.
        pub(crate) fn add_protocol_errors(m: &Bound<'_, PyModule>) -> PyResult<()> {
            let py = m.py();
            $(
                let t = py.get_type::<$name>();
                // The rule code as a class attribute too: `except PlannedDurationError`
                // handlers can compare `e.code` with `PlannedDurationError.code`.
                t.setattr("code", $code)?;
                m.add(stringify!($name), t)?;
            )*
            Ok(())
        }
    };
}

protocol_errors! {
    IllegalTransitionError => "protocol.illegal-transition", "The step is not allowed in the consultation's current state (`.action`, `.state`).";
    BriefEmptyError => "consultation.brief-empty", "The consultation has no brief.";
    BriefTooLongError => "consultation.brief-too-long", "The brief is longer than the policy allows (`.length`, `.max`).";
    NoQuestionError => "consultation.no-question", "The consultation has no clarifying question.";
    TooManyQuestionsError => "consultation.too-many-questions", "More questions than the policy allows (`.count`, `.max`).";
    NoCriterionError => "consultation.no-criterion", "The consultant was chosen by no selection criterion (`.consultant`).";
    NotNordicError => "consultation.not-nordic", "The consultant is not in a Nordic country (`.country`).";
    PlannedDurationError => "consultation.planned-duration", "The planned session length is outside the policy (`.minutes`, `.min`, `.max`).";
    BriefLateError => "consultation.brief-late", "The brief was not sent early enough before the session (`.sent`, `.session`, `.lead`).";
    CancelReasonMissingError => "consultation.cancel-reason", "A cancellation needs a reason.";
    ConceptPrematureError => "consultation.concept-premature", "The concept was to be modelled before the trials ended (`.open`, `.evaluated`).";
}

/// Exception classes with two bases (an oske one and a built-in one), created at
/// run time with `type(name, bases, namespace)` since `create_exception!` takes one base.
struct DualClass {
    name: &'static str,
    builtin: &'static str,
    doc: &'static str,
    cell: PyOnceLock<Py<PyType>>,
}

static ARGUMENT_ERROR: DualClass = DualClass {
    name: "ArgumentError",
    builtin: "ValueError",
    doc: "An argument has a value oske does not accept (an unknown language, dataset or rule code, a malformed date…). Also a ValueError.",
    cell: PyOnceLock::new(),
};
static MISSING_DEPENDENCY_ERROR: DualClass = DualClass {
    name: "MissingDependencyError",
    builtin: "ImportError",
    doc: "An optional dependency (pandas) is needed for this call. Also an ImportError.",
    cell: PyOnceLock::new(),
};
static WRITE_ERROR: DualClass = DualClass {
    name: "WriteError",
    builtin: "OSError",
    doc: "A file could not be written. Also an OSError.",
    cell: PyOnceLock::new(),
};

impl DualClass {
    fn get<'py>(&'static self, py: Python<'py>) -> PyResult<Bound<'py, PyType>> {
        let t = self.cell.get_or_try_init(py, || -> PyResult<Py<PyType>> {
            let builtin = py.import("builtins")?.getattr(self.builtin)?;
            let bases = PyTuple::new(py, [py.get_type::<OskeError>().into_any(), builtin])?;
            let ns = PyDict::new(py);
            ns.set_item("__module__", "oske")?;
            ns.set_item("__doc__", self.doc)?;
            let t = py
                .get_type::<PyType>()
                .call1((self.name, bases, ns))?
                .cast_into::<PyType>()?;
            Ok(t.unbind())
        })?;
        Ok(t.bind(py).clone())
    }

    fn err(&'static self, py: Python<'_>, msg: String) -> PyErr {
        match self.get(py) {
            Ok(t) => PyErr::from_type(t, msg),
            Err(e) => e,
        }
    }
}

/// Adds the two-base exception classes to the module.
pub(crate) fn add_dual_errors(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for c in [&ARGUMENT_ERROR, &MISSING_DEPENDENCY_ERROR, &WRITE_ERROR] {
        m.add(c.name, c.get(m.py())?)?;
    }
    Ok(())
}

/// `oske.ArgumentError` whose text the core writes in every language: `str()` in
/// the error language, `.messages` in all three.
pub(crate) fn argument_error_in(text: impl Fn(Lang) -> String) -> PyErr {
    Python::attach(|py| {
        let err = ARGUMENT_ERROR.err(py, text(error_lang()));
        let r = messages_dict(py, &text).and_then(|d| err.value(py).setattr("messages", d));
        match r {
            Ok(()) => err,
            Err(e) => e,
        }
    })
}

/// An argument refused for its type or shape, as `oske.ArgumentError` with the
/// core's text ([`oske::errors::ArgumentProblem`]) in the error language.
pub(crate) fn bad_argument(p: oske::errors::ArgumentProblem) -> PyErr {
    argument_error_in(move |l| p.message(l))
}

/// The `oske.ArgumentError` of the euro and cent helpers written in Python
/// (`cents_to_euros`, `euros_to_cents`), with the core's text
/// ([`oske::errors::ArgumentProblem`]) in the error language and `.messages`.
/// `kind` is `"cents-type"` or `"euros-type"` (`value`: the type's name),
/// `"not-euros"`, `"not-finite"` or `"fraction-of-cent"` (`value`: the amount as
/// given). Returns the exception for the caller to raise.
#[pyfunction]
pub(crate) fn _money_error(py: Python<'_>, kind: &str, value: String) -> PyResult<Py<PyAny>> {
    use oske::errors::ArgumentProblem as P;
    let p = match kind {
        "cents-type" => P::CentsType { type_name: value },
        "euros-type" => P::EurosType { type_name: value },
        "not-euros" => P::NotEuros(value),
        "not-finite" => P::EurosNotFinite(value),
        "fraction-of-cent" => P::FractionOfCent(value),
        _ => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "unknown kind {kind:?}"
            )))
        }
    };
    Ok(bad_argument(p).into_value(py).into_any())
}

/// An argument of the wrong Python type, as `TypeError` with the core's text in
/// the error language.
pub(crate) fn type_error(p: oske::errors::ArgumentProblem) -> PyErr {
    pyo3::exceptions::PyTypeError::new_err(p.message(error_lang()))
}

/// A date that the core's parser refuses, as `oske.ArgumentError`.
pub(crate) fn date_error(e: &oske::DateParseError) -> PyErr {
    argument_error_in(|lang| e.message(lang))
}

/// `oske.MissingDependencyError(msg)`.
pub(crate) fn missing_dependency(py: Python<'_>, msg: impl Into<String>) -> PyErr {
    MISSING_DEPENDENCY_ERROR.err(py, msg.into())
}

/// `oske.WriteError(msg)` with `.filename` set.
///
/// Built as `OSError(errno, reason, filename)`, so that `str()` keeps the reason
/// (`[Errno 2] No such file or directory: '/x/y.json'`): an `OSError` whose
/// `filename` is set shows `errno` and `strerror` in `str()`, which were `None`.
/// In Finnish or Swedish (`set_error_language`) the reason is the core's sentence
/// with the system's reason quoted; `.messages` has the whole text in every language.
pub(crate) fn write_error(py: Python<'_>, path: &str, e: &std::io::Error) -> PyErr {
    let reason = match e.raw_os_error() {
        // The OS text without io::Error's " (os error N)".
        Some(code) => std::io::Error::from_raw_os_error(code)
            .to_string()
            .split(" (os error")
            .next()
            .unwrap_or_default()
            .to_owned(),
        None => e.to_string(),
    };
    let lang = error_lang();
    let strerror = match lang {
        Lang::En => reason.clone(),
        _ => oske::errors::write_failed(lang, None, &reason),
    };
    let err = match WRITE_ERROR.get(py) {
        Ok(t) => PyErr::from_type(t, (e.raw_os_error(), strerror, path.to_owned())),
        Err(err) => return err,
    };
    let r = messages_dict(py, |l| oske::errors::write_failed(l, Some(path), &reason))
        .and_then(|d| err.value(py).setattr("messages", d));
    match r {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// `oske.InternalError(msg)`.
pub(crate) fn internal(msg: impl Into<String>) -> PyErr {
    InternalError::new_err(msg.into())
}

/// Runs `f`, turning a Rust panic into `oske.InternalError`. Every entry point
/// from Python goes through this, so no panic reaches Python as `PanicException`.
pub(crate) fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(internal(format!(
                "internal error in oske (please report it): {what}"
            )))
        }
    }
}

fn set_attrs(py: Python<'_>, err: &PyErr, attrs: &[(&str, Bound<'_, PyAny>)]) -> PyResult<()> {
    let v = err.value(py);
    for (k, val) in attrs {
        v.setattr(*k, val)?;
    }
    Ok(())
}

/// A core JSON error as `oske.LoadError` with `.kind`, `.file`, `.pointer`, `.line`,
/// `.column`, `.message` (the English text without the location) and `.messages`
/// (the whole text in fi, sv and en); `str()` is in the error language.
pub(crate) fn load_error(py: Python<'_>, e: &JsonError) -> PyErr {
    let err = LoadError::new_err(e.localized(error_lang()));
    let r = (|| -> PyResult<()> {
        set_attrs(
            py,
            &err,
            &[
                ("kind", e.kind.as_str().into_pyobject(py)?.into_any()),
                ("file", e.file.as_deref().into_pyobject(py)?.into_any()),
                (
                    "pointer",
                    e.pointer.as_deref().into_pyobject(py)?.into_any(),
                ),
                ("line", e.line.into_pyobject(py)?.into_any()),
                ("column", e.column.into_pyobject(py)?.into_any()),
                ("message", e.message.as_str().into_pyobject(py)?.into_any()),
                (
                    "messages",
                    messages_dict(py, |l| e.localized(l))?.into_any(),
                ),
            ],
        )
    })();
    match r {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// A workbook that could not be read, as `oske.LoadError` of kind `"io"`: `.message`
/// is the English text, `.messages` and `str()` the core's text in each language
/// (`WorkbookError::localized`) after the file's name.
pub(crate) fn workbook_load_error(
    py: Python<'_>,
    file: &str,
    e: &oske::tables::WorkbookError,
) -> PyErr {
    let text = |l: Lang| format!("{file}: {}", e.localized(l));
    let err = LoadError::new_err(text(error_lang()));
    let r = (|| -> PyResult<()> {
        set_attrs(
            py,
            &err,
            &[
                ("kind", "io".into_pyobject(py)?.into_any()),
                ("file", file.into_pyobject(py)?.into_any()),
                ("pointer", py.None().into_bound(py)),
                ("line", py.None().into_bound(py)),
                ("column", py.None().into_bound(py)),
                ("message", e.to_string().into_pyobject(py)?.into_any()),
                ("messages", messages_dict(py, text)?.into_any()),
            ],
        )
    })();
    match r {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// A file or folder that could not be read, as `oske.LoadError` of kind `"io"`.
pub(crate) fn io_load_error(py: Python<'_>, file: &str, e: &std::io::Error) -> PyErr {
    load_error(
        py,
        &JsonError {
            kind: oske::JsonErrorKind::Io,
            file: Some(file.to_owned()),
            pointer: None,
            line: None,
            column: None,
            message: e.to_string(),
        },
    )
}

/// A core protocol error as the matching `oske.ProtocolError` subclass, with `.code`,
/// `.messages` (`{"fi": …, "sv": …, "en": …}`) and the error's details as attributes;
/// `str()` is in the error language.
pub(crate) fn protocol_error(py: Python<'_>, e: &CoreProtocolError) -> PyErr {
    let cls = protocol_class(py, e.code());
    let err = PyErr::from_type(cls, e.message(error_lang()));
    let r = (|| -> PyResult<()> {
        let v = err.value(py);
        v.setattr("code", e.code())?;
        let messages = PyDict::new(py);
        for lang in Lang::ALL {
            messages.set_item(lang.code(), e.message(lang))?;
        }
        v.setattr("messages", messages)?;
        use CoreProtocolError as E;
        match e {
            E::IllegalTransition { action, state } => {
                v.setattr("action", action.as_str())?;
                v.setattr("state", state.as_str())?;
            }
            E::BriefTooLong { length, max } => {
                v.setattr("length", *length)?;
                v.setattr("max", *max)?;
            }
            E::TooManyQuestions { count, max } => {
                v.setattr("count", *count)?;
                v.setattr("max", *max)?;
            }
            E::NoCriterion { consultant } => v.setattr("consultant", consultant)?,
            E::NotNordic { country } => v.setattr("country", country)?,
            E::PlannedDuration { minutes, min, max } => {
                v.setattr("minutes", *minutes)?;
                v.setattr("min", *min)?;
                v.setattr("max", *max)?;
            }
            E::BriefLate {
                sent,
                session,
                lead,
            } => {
                v.setattr("sent", *sent)?;
                v.setattr("session", *session)?;
                v.setattr("lead", *lead)?;
            }
            E::ConceptPremature { open, evaluated } => {
                v.setattr("open", *open)?;
                v.setattr("evaluated", *evaluated)?;
            }
            // No details (and any variant a later core adds: code and messages only).
            _ => {}
        }
        Ok(())
    })();
    match r {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// A language code (`"fi"`, `"sv"`, `"en"`, also `"sv-FI"`), or `oske.ArgumentError`.
pub(crate) fn parse_lang(lang: &str) -> PyResult<Lang> {
    lang.parse::<Lang>()
        .map_err(|e| argument_error_in(|l| e.message(l)))
}
