//! The crate's own `uniffi-bindgen`, pinned to the library's `uniffi` version.
//!
//! ```sh
//! cargo run -p oske-kotlin --bin uniffi-bindgen -- generate \
//!     --library target/debug/liboske_ffi.so --language kotlin \
//!     --out-dir bindings-kotlin/target/generated-kotlin --no-format
//! ```

fn main() {
    uniffi::uniffi_bindgen_main()
}
