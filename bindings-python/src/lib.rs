//! Python bindings for [`oske`], built by maturin as the extension module `oske._oske`.
//!
//! The public Python API is the package `oske` (bindings-python/python/oske), which
//! re-exports what this module defines. The bindings convert types and errors only:
//! every rule, check and computation is the core crate's.
//!
//! `unsafe` is denied everywhere but in one function of `arrow_in.rs`, which takes
//! an Arrow C stream out of its capsule, and in `alloc.rs`, the global allocator.

#![deny(unsafe_code)]

mod alloc;
mod arrow;
mod arrow_in;
mod consultation;
mod convert;
mod document;
mod errors;
mod issues;
mod macros;
mod model;
mod registry;
mod tables;
mod workbooks;

use convert::DateArg;
use errors::guard;
use pyo3::prelude::*;

/// The extension's Rust allocations (documents, tables, Arrow buffers) go to
/// mimalloc: reading a large table and freeing it are made of millions of small
/// allocations, which glibc's malloc serves several times slower (BENCHMARKS.md).
/// Blocks of 1 MiB and more are mapped pages that grow with `mremap` (`alloc.rs`).
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator;

/// Formats an amount in cents the Finnish way: `1 828 204,00 €`.
#[pyfunction]
fn format_cents(cents: i64) -> String {
    oske::Cents(cents).to_string()
}

/// The Nordic special task's amount (0.75 %) of a year's state grant, both in cents,
/// rounded to the nearest cent with halves away from zero.
#[pyfunction]
fn nordic_special_task_amount(state_grant: i64) -> i64 {
    oske::nordic_special_task_amount(oske::Cents(state_grant)).0
}

/// Reads a date written `d.m.yyyy` (Finnish) or `yyyy-mm-dd` (ISO 8601);
/// `oske.ArgumentError` otherwise.
#[pyfunction]
fn parse_date(text: String) -> PyResult<chrono::NaiveDate> {
    guard(|| oske::parse_date(&text).map_err(|e| errors::date_error(&e)))
}

/// Writes a date the Finnish way (`7.5.2020`).
#[pyfunction]
fn format_date_fi(date: DateArg) -> String {
    oske::format_date_fi(date.0)
}

/// Panics inside the boundary guard, so that the tests can show that a Rust panic
/// reaches Python as `oske.InternalError`, never as a `BaseException`.
#[pyfunction]
fn _test_panic(message: String) -> PyResult<()> {
    guard(|| -> PyResult<()> { panic!("{message}") })
}

/// Native part of the `oske` package.
#[pymodule]
fn _oske(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    // Version of the Rust crate `oske` this module was built from.
    m.add("__version__", oske::VERSION)?;

    m.add("OskeError", py.get_type::<errors::OskeError>())?;
    m.add("ProtocolError", py.get_type::<errors::ProtocolError>())?;
    m.add("ValidationError", py.get_type::<errors::ValidationError>())?;
    m.add("LoadError", py.get_type::<errors::LoadError>())?;
    m.add("InternalError", py.get_type::<errors::InternalError>())?;
    errors::add_protocol_errors(m)?;
    errors::add_dual_errors(m)?;

    model::add_classes(m)?;
    consultation::add_classes(m)?;
    m.add_class::<issues::PyRule>()?;
    m.add_class::<issues::PyIssue>()?;
    m.add_class::<issues::PyReport>()?;
    m.add_class::<document::PyDocument>()?;
    m.add_class::<registry::PyRegistry>()?;
    m.add_class::<registry::PyResolution>()?;
    tables::add(m)?;
    m.add_class::<arrow::PyArrowTable>()?;

    m.add_function(wrap_pyfunction!(issues::rules, m)?)?;
    m.add_function(wrap_pyfunction!(document::datasets, m)?)?;
    m.add_function(wrap_pyfunction!(format_cents, m)?)?;
    m.add_function(wrap_pyfunction!(workbooks::read_workbook, m)?)?;
    m.add_function(wrap_pyfunction!(workbooks::workbook_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(workbooks::write_workbook, m)?)?;
    m.add_function(wrap_pyfunction!(nordic_special_task_amount, m)?)?;
    m.add_function(wrap_pyfunction!(parse_date, m)?)?;
    m.add_function(wrap_pyfunction!(format_date_fi, m)?)?;
    m.add_function(wrap_pyfunction!(errors::set_error_language, m)?)?;
    m.add_function(wrap_pyfunction!(errors::error_language, m)?)?;
    // Not in __all__: a test hook, not part of the API.
    m.setattr("_test_panic", wrap_pyfunction!(_test_panic, m)?)?;
    // Not in __all__: the texts of the euro helpers written in Python.
    m.setattr("_money_error", wrap_pyfunction!(errors::_money_error, m)?)?;
    Ok(())
}
