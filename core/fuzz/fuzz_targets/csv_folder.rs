//! Fuzz target `csv_folder`: the invariant in `src/csv_folder.rs` (see the README).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = oske_fuzz::csv_folder::check(data) {
        panic!("{broken}");
    }
});
