//! The workbook reader's invariant (fuzz target `workbook`, stable test
//! `core/tests/workbooks.rs`; needs the feature `xlsx`): any bytes either fail to
//! read with an error or read as a workbook whose
//!
//! - tables have every row loaded or rejected;
//! - document, when read without a warning or an error, written as a workbook
//!   (Finnish sheet names) and read again, is the same, with no issue.

use oske::tables::{self, ReadOptions};
use oske::{Lang, Severity};

use oske::tables::rows_accounted;

/// `Err` names the broken invariant; a panic is a finding too.
pub fn check(data: &[u8]) -> Result<(), String> {
    let opts = ReadOptions::default();
    let Ok(read) = tables::read_workbook_bytes("fuzz.xlsx", data, None, &opts) else {
        return Ok(());
    };
    rows_accounted(&read)?;
    let clean =
        !read.issues.iter().any(|i| i.severity() != Severity::Info) && read.rejected_count() == 0;
    if !clean {
        return Ok(());
    }
    let bytes = tables::write_workbook(&read.document, Lang::Fi)
        .map_err(|e| format!("a document read from a workbook cannot be written: {e}"))?;
    let again = tables::read_workbook_bytes("again.xlsx", &bytes, None, &opts)
        .map_err(|e| format!("a written workbook does not read: {e}"))?;
    rows_accounted(&again)?;
    if again.document != read.document || !again.issues.is_empty() {
        return Err(format!(
            "a workbook read clean changed on a round trip: {:?}",
            again.issues
        ));
    }
    Ok(())
}
