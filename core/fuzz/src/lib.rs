//! The invariants the fuzz targets check, one module per target. Each module is
//! also compiled into a stable test of the oske crate (`#[path]` modules in
//! `core/tests/`), so `cargo test` checks the same invariants on bounded inputs.

pub mod csv_folder;
pub mod document;
pub mod protocol;
pub mod registry;
pub mod workbook;
