//! Python bindings for [`oske`], built by maturin as the extension module `oske._oske`.
//!
//! The public Python API is the pure-Python package `oske` (bindings-python/python/oske),
//! which re-exports what this module defines.

use pyo3::create_exception;
use pyo3::exceptions::PyException;

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
    "A document or call does not follow the oske protocol."
);
create_exception!(
    oske,
    ValidationError,
    OskeError,
    "A document breaks one or more rules of the oske rulebook."
);
create_exception!(
    oske,
    LoadError,
    OskeError,
    "A document could not be read or parsed."
);

/// Native part of the `oske` package.
#[pyo3::pymodule]
mod _oske {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::{LoadError, OskeError, ProtocolError, ValidationError};

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        // Version of the Rust crate `oske` this module was built from.
        m.add("__version__", oske::VERSION)
    }
}
