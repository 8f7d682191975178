//! The JSON document loader's invariant (fuzz target `document`, stable test
//! `core/tests/loaders_fuzz.rs`): any bytes either fail to load with an error or
//! load into a document that
//!
//! - validates without a panic, and every issue renders in every language;
//! - written as JSON, loads again without warnings into the same document;
//! - written as CSV tables (both dialects) reads back with every row loaded or
//!   rejected, and, when the document validated without errors, either into the same
//!   document or with an issue that says what changed: never changed in silence.

use oske::tables::{self, Dialect, ReadOptions};
use oske::{Lang, Registry, Severity};

use oske::tables::rows_accounted;

/// `Err` names the broken invariant; a panic is a finding too.
pub fn check(data: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let Ok(loaded) = oske::json::from_str(text) else {
        return Ok(());
    };
    let doc = &loaded.document;
    let report = oske::validate(doc, Registry::embedded());
    for lang in [Lang::Fi, Lang::Sv, Lang::En] {
        let _ = report.records(lang);
    }
    let json = oske::json::to_string(doc);
    let back = oske::json::from_str(&json)
        .map_err(|e| format!("a written document does not load: {e}\n{json}"))?;
    if !back.warnings.is_empty() {
        return Err(format!(
            "a written document loads with warnings: {:?}",
            back.warnings
        ));
    }
    if back.document != *doc {
        return Err(format!("JSON round trip changed the document\n{json}"));
    }
    for (name, dialect) in [
        ("standard", Dialect::STANDARD),
        ("excel-fi", Dialect::EXCEL_FI),
    ] {
        let files = tables::write_tables(doc, &dialect);
        let read = tables::read_tables(
            files
                .iter()
                .map(|(n, b)| (n.to_string(), b.as_slice()))
                .collect(),
            &ReadOptions::default(),
        );
        rows_accounted(&read)?;
        let reported =
            read.issues.iter().any(|i| i.severity() != Severity::Info) || read.rejected_count() > 0;
        if !report.has_errors() && !reported && read.document != *doc {
            return Err(format!(
                "tables round trip ({}) changed a valid document without an issue\n{json}",
                name
            ));
        }
    }
    Ok(())
}
