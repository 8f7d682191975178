//! Kotlin/JVM bindings for `oske`, generated with UniFFI (proc-macros, no UDL).
//!
//! This crate is deliberately thin: it converts between `oske`'s Rust API and
//! FFI-friendly types. All behaviour lives in the core crate.

uniffi::setup_scaffolding!();

/// Errors reported across the FFI boundary.
///
/// Named `OskeError` in Rust; UniFFI's Kotlin generator turns the `Error`
/// suffix into `Exception`, so Kotlin sees `fi.oske.OskeException` with one
/// subclass per variant (`OskeException.UnknownLanguage`, ...) that carries
/// the variant's fields as typed properties.
///
/// `#[uniffi::export(Display)]` makes the Kotlin `toString()` call this
/// `Display` implementation. (For an error whose variants carry fields,
/// UniFFI 0.32 generates Kotlin's `message` itself as `field=value, ...`.)
#[derive(Debug, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum OskeError {
    /// A language tag other than `fi`, `sv` or `en`; the text is the core's.
    #[error("{}", oske::text::UnknownLang(lang.clone()))]
    UnknownLanguage { lang: String },
    /// A rule of the rulebook was violated.
    #[error("{code}: {detail}")]
    Rule { code: String, detail: String },
}

/// The version of the `oske` core library.
#[uniffi::export]
pub fn version() -> String {
    oske::VERSION.to_string()
}

impl From<oske::text::UnknownLang> for OskeError {
    fn from(e: oske::text::UnknownLang) -> Self {
        OskeError::UnknownLanguage { lang: e.0 }
    }
}

/// Parses a language tag (`fi`, `sv`, `en`; case-insensitive, region
/// suffixes like `sv-FI` allowed) and returns its two-letter code.
#[uniffi::export]
pub fn parse_lang(s: String) -> Result<String, OskeError> {
    let lang: oske::Lang = s.parse()?;
    Ok(lang.code().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_the_core_version() {
        assert_eq!(version(), oske::VERSION);
    }

    #[test]
    fn parse_lang_accepts_the_three_languages() {
        for lang in ["fi", "sv", "en"] {
            assert_eq!(parse_lang(lang.to_string()).as_deref(), Ok(lang));
        }
        assert_eq!(parse_lang("sv-FI".to_string()).as_deref(), Ok("sv"));
    }

    #[test]
    fn parse_lang_rejects_others_with_a_display_message() {
        let err = parse_lang("de".to_string()).unwrap_err();
        assert_eq!(
            err,
            OskeError::UnknownLanguage {
                lang: "de".to_string()
            }
        );
        assert_eq!(
            err.to_string(),
            oske::text::UnknownLang("de".to_string()).to_string()
        );
    }
}
