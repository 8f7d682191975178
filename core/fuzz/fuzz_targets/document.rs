//! Fuzz target `document`: the invariant in `src/document.rs` (see the README).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = oske_fuzz::document::check(data) {
        panic!("{broken}");
    }
});
