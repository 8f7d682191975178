//! Fuzz target `protocol`: random step sequences of the consultation protocol,
//! under a random consistent policy, against the reference model in
//! `src/protocol.rs` (see the README).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((policy, ops)) = oske_fuzz::protocol::from_bytes(data) else {
        return;
    };
    if let Err(broken) = oske_fuzz::protocol::run(&ops, &policy) {
        panic!("{broken}");
    }
});
