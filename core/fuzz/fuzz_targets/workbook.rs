//! Fuzz target `workbook`: the invariant in `src/workbook.rs` (see the README).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = oske_fuzz::workbook::check(data) {
        panic!("{broken}");
    }
});
