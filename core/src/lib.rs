//! oske — model and rulebook for Finland's social welfare competence centres.
#![forbid(unsafe_code)]

/// The crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
