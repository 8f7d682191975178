//! Kotlin/JVM bindings for `oske`, generated with UniFFI (proc-macros, no UDL).
//!
//! This crate is deliberately thin: it exposes the core's types (as UniFFI
//! "remote" mirrors, see [`model`]), holds a document or a consultation behind a
//! lock so that Kotlin can change it, and turns the core's errors into Kotlin
//! exceptions. Every rule, message and conversion of meaning lives in `oske`.
//!
//! Nothing here panics on any input: there is no `unwrap`, `expect` or indexing
//! on caller data, and a date the core cannot store is refused with an error. (The
//! one exception is [`panic_for_tests`], a test hook that panics on purpose.)

uniffi::setup_scaffolding!();

pub mod consultation;
pub mod document;
pub mod errors;
pub mod model;

pub use consultation::Consultation;
pub use document::{Document, LoadOutcome, Registry};
pub use errors::{LoadError, OskeError, ProtocolError};

use std::sync::{Mutex, MutexGuard, PoisonError};

/// The version of the `oske` core library.
#[uniffi::export]
pub fn version() -> String {
    oske::VERSION.to_string()
}

/// Parses a language tag (`fi`, `sv`, `en`; case-insensitive, region suffixes
/// like `sv-FI` allowed), e.g. from `Locale.getDefault().toLanguageTag()`.
#[uniffi::export]
pub fn parse_lang(tag: String) -> Result<oske::Lang, OskeError> {
    Ok(tag.parse::<oske::Lang>()?)
}

/// The names of the embedded seed datasets, for `Document.dataset(name)`.
#[uniffi::export]
pub fn dataset_names() -> Vec<String> {
    oske::datasets::Dataset::ALL
        .iter()
        .map(|d| d.name().to_owned())
        .collect()
}

/// The core's default consultation policy: 30–45 minute sessions, the brief sent
/// at least 1 day ahead, at most 10 questions and 2000 characters of brief.
#[uniffi::export]
pub fn default_consultation_policy() -> oske::ConsultationPolicy {
    oske::ConsultationPolicy::default()
}

/// The Nordic special task's share (0.75 %) of a state grant, in cents, rounded
/// to the nearest cent with halves away from zero.
#[uniffi::export]
pub fn nordic_special_task_amount(state_grant: oske::Cents) -> oske::Cents {
    oske::nordic_special_task_amount(state_grant)
}

/// Test hook, not API: panics inside a binding call on purpose, so that the Kotlin
/// tests show a Rust panic reaching the JVM as an exception (UniFFI's
/// `InternalException`), never as an abort. The `release-mobile` profile keeps
/// `panic = "unwind"` for this reason.
#[doc(hidden)]
#[uniffi::export]
pub fn panic_for_tests(message: String) {
    panic!("{message}");
}

/// Locks `mutex`, taking the value even when an earlier holder panicked.
///
/// UniFFI catches a Rust panic and throws it in Kotlin as `InternalException`, so
/// the library lives on after one, and a std mutex would then be "poisoned". The
/// value behind every lock in this crate is still whole at that point: a holder
/// either only reads it (validation, JSON writing, snapshots) or changes it in one
/// step the core makes after all its checks (push a meeting, store a state), and
/// neither is interrupted half-way except by an allocation failure, which aborts
/// rather than panics. So a poisoned lock is taken over instead of making the
/// object unusable for ever; no panic is known to reach it, and none is expected.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
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
        assert_eq!(parse_lang("fi".into()), Ok(oske::Lang::Fi));
        assert_eq!(parse_lang("sv-FI".into()), Ok(oske::Lang::Sv));
        assert_eq!(parse_lang("EN".into()), Ok(oske::Lang::En));
    }

    #[test]
    fn parse_lang_rejects_others_with_the_core_message() {
        assert_eq!(
            parse_lang("de".into()),
            Err(OskeError::UnknownLanguage(
                "unknown language \"de\": expected \"fi\", \"sv\" or \"en\"".into()
            ))
        );
    }

    #[test]
    fn dataset_names_are_the_core_datasets() {
        assert_eq!(
            dataset_names(),
            [
                "sonet_botnia_plan_2020",
                "lapland_unit_2008",
                "pohjanmaa_report_2005",
                "adult_network_2018",
                "nordic_consultation_2020"
            ]
        );
    }

    #[test]
    fn a_poisoned_lock_is_taken_over() {
        let m = std::sync::Arc::new(Mutex::new(1));
        let m2 = std::sync::Arc::clone(&m);
        let joined = std::thread::spawn(move || {
            let _guard = m2.lock();
            panic!("poison the lock");
        })
        .join();
        assert!(joined.is_err());
        assert!(m.is_poisoned());
        *lock(&m) += 1;
        assert_eq!(*lock(&m), 2);
    }
}
