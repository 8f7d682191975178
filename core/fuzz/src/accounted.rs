//! The invariant every table-reading target shares: each row read was loaded or
//! rejected, none lost. Included by `#[path]` into each target's module, so that
//! the stable tests in `core/tests/` that include those modules get it too.

use oske::tables;

/// Every row read was loaded or rejected.
pub fn rows_accounted(read: &tables::Imported) -> Result<(), String> {
    for t in &read.tables {
        if t.loaded + t.rejected.len() as u64 != t.rows {
            return Err(format!(
                "{}: {} rows read, {} loaded, {} rejected",
                t.file,
                t.rows,
                t.loaded,
                t.rejected.len()
            ));
        }
    }
    Ok(())
}
