//! Fuzz target `registry`: the invariant in `src/registry.rs` (see the README).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = oske_fuzz::registry::check(data) {
        panic!("{broken}");
    }
});
