//! # oske
//!
//! The model and rulebook of Finland's social welfare competence centres
//! (*sosiaalialan osaamiskeskus*, "oske"): regions and municipalities with validity
//! dates, action plans with priorities and measures, development projects with
//! budgets in integer cents, networks and meetings, evaluations with indicators, and
//! the Nordic video-consultation protocol — and a validator that checks a document
//! against the rulebook and reports every issue with a stable code, a severity, a
//! JSON Pointer and a message in English, Finnish and Swedish.
//!
//! ```
//! use oske::{datasets, validate, Registry, Severity};
//! let doc = datasets::all();
//! let report = validate(&doc, Registry::embedded());
//! // The Lapland seed lists Inari in two teams' areas: a warning, not an error.
//! assert!(report.with_severity(Severity::Warning).any(|i| i.code() == "team.area-overlap"));
//! ```
//!
//! Everything is `Send + Sync`; no input makes the library panic.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod activity;
pub mod consultation;
pub mod datasets;
pub mod date;
pub mod document;
pub mod errors;
pub mod evaluation;
pub mod json;
mod json_read;
mod json_tree;
pub mod l10n;
pub mod money;
pub mod network;
pub mod plan;
pub mod project;
pub mod registry;
pub mod rules;
#[cfg(feature = "schema")]
pub mod schema;
pub mod source_map;
#[cfg(feature = "csv")]
pub mod tables;
pub mod tasks;
pub mod text;
pub mod validate;

pub use consultation::{
    Consultation, ConsultationPolicy, ConsultationProgramme, ConsultationState, ProtocolError,
};
pub use date::{format_date_fi, format_date_iso, parse_date, DateParseError, Period, Validity};
pub use document::{Document, FORMAT_VERSION};
pub use evaluation::{Direction, Evaluation, Indicator};
pub use json::{JsonError, JsonErrorKind, Loaded};
pub use money::{Bp, Cents};
pub use registry::Registry;
pub use rules::{Issue, IssueLimits, IssueRecord, Report, Rule, Severity, SourceLocation};
pub use source_map::SourceMap;
pub use tasks::{nordic_special_task_amount, StatutoryTask};
pub use text::{Lang, LocalizedText};
pub use validate::{validate, validate_with};

/// The README's Rust examples, compiled as doctests so that they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// The crate README (the one crates.io shows), compiled as doctests too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct CrateReadmeDoctests;

/// The crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
