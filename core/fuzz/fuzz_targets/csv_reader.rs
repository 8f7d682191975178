//! Fuzz the CSV reader: any bytes, read as any table with any options, must neither
//! panic nor lose a row (every row read is loaded or rejected).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(lost) = oske::tables::fuzz_entry(data) {
        panic!("a row was lost: {lost}");
    }
});
