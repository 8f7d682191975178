//! The exceptions Kotlin sees.
//!
//! All three are *flat* errors (`#[uniffi(flat_error)]`): each variant becomes a
//! Kotlin subclass (`ProtocolException.IllegalTransition`, …) whose `message` is
//! this crate's `Display` text, which is the core's own message. (For an error
//! whose variants carry fields, UniFFI 0.32 writes Kotlin's `message` as a
//! `field=value` dump; a flat error keeps the readable sentence.)
//!
//! A protocol error's stable rule code comes from the core too:
//! [`protocol_error_codes`] maps each `ProtocolException` variant to its
//! `oske::Rule` code, and the hand-written `Codes.kt` in the Maven project turns
//! that into the Kotlin property `ProtocolException.code`.

use oske::{Lang, Rule};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};

/// The language of the exceptions' `message`: 0 English (the default), 1 Finnish,
/// 2 Swedish. One setting for the process, read when an error is made.
static ERROR_LANG: AtomicU8 = AtomicU8::new(0);

/// The language exception messages are written in (`setErrorLanguage`).
pub(crate) fn error_lang() -> Lang {
    match ERROR_LANG.load(Ordering::Relaxed) {
        1 => Lang::Fi,
        2 => Lang::Sv,
        _ => Lang::En,
    }
}

/// Sets the language of the `message` of every `LoadException` and
/// `OskeException` from now on, and of the `ProtocolException`s of a
/// `Consultation` made without a language: `Lang.FI`, `Lang.SV` or `Lang.EN`
/// (the default). One setting for the whole process. Rule codes, kinds and
/// the fields of `LoadErrorInfo` do not change; `loadErrorMessage(info, lang)`
/// writes a load error in any language.
#[uniffi::export]
pub fn set_error_language(lang: Lang) {
    let v = match lang {
        Lang::En => 0,
        Lang::Fi => 1,
        Lang::Sv => 2,
    };
    ERROR_LANG.store(v, Ordering::Relaxed);
}

/// The language of exception messages: `Lang.EN` unless `setErrorLanguage` changed it.
#[uniffi::export]
pub fn error_language() -> Lang {
    error_lang()
}

/// A load error — file, line, column, JSON Pointer and what — written in `lang`
/// (`LoadErrorInfo.message` is the English text of what, without the place).
#[uniffi::export]
pub fn load_error_message(error: oske::JsonError, lang: Lang) -> String {
    error.localized(lang)
}

/// Errors of the library outside the protocol and JSON reading.
///
/// Kotlin: `fi.oske.OskeException`, one subclass per variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum OskeError {
    /// A language tag other than `fi`, `sv` or `en`.
    #[error("{0}")]
    UnknownLanguage(String),
    /// No embedded dataset has this name.
    #[error("{0}")]
    UnknownDataset(String),
    /// The document has no item with the id asked for.
    #[error("{0}")]
    NotFound(String),
    /// A date the core cannot store (years 0000–9999 only).
    #[error("{0}")]
    InvalidDate(String),
}

impl From<oske::text::UnknownLang> for OskeError {
    fn from(e: oske::text::UnknownLang) -> Self {
        OskeError::UnknownLanguage(e.message(error_lang()))
    }
}

impl OskeError {
    pub(crate) fn unknown_dataset(name: &str) -> Self {
        let known: Vec<&str> = oske::datasets::Dataset::ALL
            .iter()
            .map(|d| d.name())
            .collect();
        OskeError::UnknownDataset(oske::errors::unknown_dataset(error_lang(), name, &known))
    }

    pub(crate) fn invalid_date(e: &oske::DateParseError) -> Self {
        OskeError::InvalidDate(e.message(error_lang()))
    }

    pub(crate) fn not_found(what: oske::errors::Missing, id: &str) -> Self {
        OskeError::NotFound(oske::errors::not_found(error_lang(), what, id))
    }
}

/// A document (or registry) that could not be read from JSON.
///
/// Kotlin: `fi.oske.LoadException`, one subclass per kind of error. The message is
/// the core's, saying where (line, column, JSON Pointer) and what, in the error
/// language (`setErrorLanguage`, English by default). For the parts as fields, use
/// `loadDocument()`, which returns them in a `LoadErrorInfo`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum LoadError {
    /// Not well-formed JSON.
    #[error("{}", .0.localized(error_lang()))]
    Syntax(oske::JsonError),
    /// Well-formed, but a value has the wrong type or a required field is missing.
    #[error("{}", .0.localized(error_lang()))]
    Data(oske::JsonError),
    /// A `format_version` this library does not read.
    #[error("{}", .0.localized(error_lang()))]
    Version(oske::JsonError),
    /// The input could not be read.
    #[error("{}", .0.localized(error_lang()))]
    Io(oske::JsonError),
}

impl From<oske::JsonError> for LoadError {
    fn from(e: oske::JsonError) -> Self {
        use oske::JsonErrorKind as K;
        match e.kind {
            K::Syntax => LoadError::Syntax(e),
            K::Data => LoadError::Data(e),
            K::Version => LoadError::Version(e),
            K::Io => LoadError::Io(e),
        }
    }
}

/// Declares [`ProtocolError`] with one variant per rule a protocol step can break,
/// named like the core's `oske::ProtocolError` variant, and the variant → rule
/// table that [`protocol_error_codes`] exports. Which variant an error becomes is
/// decided by the core's own `ProtocolError::rule()`.
macro_rules! protocol_errors {
    ($( $(#[$doc:meta])* $variant:ident => $rule:ident, )*) => {
        /// A step of the Nordic consultation protocol was refused.
        ///
        /// Kotlin: `fi.oske.ProtocolException`, one subclass per rule, with the
        /// rule's message (in the `Consultation`'s language) as `message` and its
        /// stable rule code as the `code` extension property (from `Codes.kt`).
        /// The consultation is left unchanged.
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
        #[uniffi(flat_error)]
        pub enum ProtocolError {
            $(
                $(#[$doc])*
                #[error("{0}")]
                $variant(String),
            )*
            /// A protocol rule that this build of the binding does not name (the
            /// core's error enum is `#[non_exhaustive]`). Its message starts with
            /// the rule code and a colon. A test fails when the core has a variant
            /// the binding does not name, so this is not produced today.
            #[error("{0}")]
            Other(String),
        }

        impl ProtocolError {
            /// `(Kotlin class name, rule)` for every named variant.
            pub(crate) const RULES: &'static [(&'static str, Rule)] =
                &[$((stringify!($variant), Rule::$rule)),*];

            /// The error in `lang`.
            pub(crate) fn new(e: &oske::ProtocolError, lang: Lang) -> Self {
                let message = e.message(lang);
                match e.rule() {
                    $(Rule::$rule => ProtocolError::$variant(message),)*
                    _ => ProtocolError::Other(format!("{}: {}", e.code(), message)),
                }
            }
        }
    };
}

protocol_errors! {
    /// The step is not allowed in the consultation's current state.
    IllegalTransition => ProtocolIllegalTransition,
    /// The brief is empty.
    BriefEmpty => ConsultationBriefEmpty,
    /// The brief is longer than the policy allows.
    BriefTooLong => ConsultationBriefTooLong,
    /// No clarifying question.
    NoQuestion => ConsultationNoQuestion,
    /// More questions than the policy allows.
    TooManyQuestions => ConsultationTooManyQuestions,
    /// The consultant was chosen by no criterion.
    NoCriterion => ConsultationNoCriterion,
    /// The consultant is not in a Nordic country.
    NotNordic => ConsultationNotNordic,
    /// The planned duration is outside the policy.
    PlannedDuration => ConsultationPlannedDuration,
    /// The brief was not sent early enough before the session.
    BriefLate => ConsultationBriefLate,
    /// A cancellation without a reason.
    CancelReasonMissing => ConsultationCancelReason,
    /// The concept was to be modelled before the trials ended.
    ConceptPremature => ConceptPremature,
}

/// The stable rule code of each `ProtocolException` subclass, keyed by the
/// subclass's simple name (`"PlannedDuration"` → `"consultation.planned-duration"`).
/// Kotlin reads it through `ProtocolException.code`.
#[uniffi::export]
pub fn protocol_error_codes() -> HashMap<String, String> {
    ProtocolError::RULES
        .iter()
        .map(|(name, rule)| ((*name).to_owned(), rule.code().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use oske::consultation::{Action, ConsultationState};

    /// One value of every variant of the core's `ProtocolError`.
    fn one_of_each() -> Vec<oske::ProtocolError> {
        use oske::ProtocolError as P;
        let d = |day| NaiveDate::from_ymd_opt(2020, 10, day).unwrap_or_default();
        vec![
            P::IllegalTransition {
                action: Action::Hold,
                state: ConsultationState::Prepared,
            },
            P::BriefEmpty,
            P::BriefTooLong {
                length: 2001,
                max: 2000,
            },
            P::NoQuestion,
            P::TooManyQuestions { count: 11, max: 10 },
            P::NoCriterion {
                consultant: "VISO".into(),
            },
            P::NotNordic {
                country: "DE".into(),
            },
            P::PlannedDuration {
                minutes: 60,
                min: 30,
                max: 45,
            },
            P::BriefLate {
                sent: d(8),
                session: d(8),
                lead: 1,
            },
            P::CancelReasonMissing,
            P::ConceptPremature {
                open: 1,
                evaluated: 0,
            },
        ]
    }

    fn variant_name(e: &ProtocolError) -> String {
        let debug = format!("{e:?}");
        debug.split('(').next().unwrap_or_default().to_owned()
    }

    #[test]
    fn each_core_error_becomes_its_variant_with_the_core_code_and_message() {
        let codes = protocol_error_codes();
        let errors = one_of_each();
        assert_eq!(errors.len(), ProtocolError::RULES.len());
        for (core, (name, _)) in errors.iter().zip(ProtocolError::RULES) {
            for lang in Lang::ALL {
                let e = ProtocolError::new(core, lang);
                assert_eq!(variant_name(&e), *name);
                assert_eq!(e.to_string(), core.message(lang), "{name} in {lang}");
            }
            assert_eq!(codes.get(*name).map(String::as_str), Some(core.code()));
        }
        assert_eq!(codes.len(), ProtocolError::RULES.len());
    }

    #[test]
    fn the_kotlin_message_is_the_display_text() {
        let e = ProtocolError::new(
            &oske::ProtocolError::PlannedDuration {
                minutes: 60,
                min: 30,
                max: 45,
            },
            Lang::Fi,
        );
        assert_eq!(
            e.to_string(),
            "suunniteltu kesto, 60 minuuttia, ei ole linjauksen mukaisella välillä 30–45 minuuttia"
        );
    }

    /// The core's `ProtocolError` is `#[non_exhaustive]`, so a variant added there
    /// would compile here and fall into `Other`. Read the core's source to catch it.
    #[test]
    fn every_core_protocol_error_variant_is_named() {
        let source = include_str!("../../core/src/consultation.rs");
        let body = source
            .split("pub enum ProtocolError {")
            .nth(1)
            .and_then(|rest| rest.split("\n}").next())
            .expect("the core declares `pub enum ProtocolError {`");
        let core: Vec<&str> = body
            .lines()
            .filter_map(|line| line.strip_prefix("    "))
            .filter(|line| line.starts_with(|c: char| c.is_ascii_uppercase()))
            .map(|line| {
                line.split(|c: char| !c.is_ascii_alphanumeric())
                    .next()
                    .unwrap_or_default()
            })
            .collect();
        let named: Vec<&str> = ProtocolError::RULES.iter().map(|(n, _)| *n).collect();
        assert_eq!(core, named);
    }

    /// The tests that read or set the process-wide error language take turns.
    static LANG_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

    #[test]
    fn the_error_language_writes_load_and_argument_errors() {
        let _turn = LANG_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        assert_eq!(error_language(), Lang::En);
        let core = oske::json::from_str("{").unwrap_err();
        set_error_language(Lang::Fi);
        let fi = LoadError::from(core.clone()).to_string();
        let lang = OskeError::from("de".parse::<Lang>().unwrap_err()).to_string();
        let dataset = OskeError::unknown_dataset("x").to_string();
        set_error_language(Lang::Sv);
        let sv = LoadError::from(core.clone()).to_string();
        set_error_language(Lang::En);
        assert_eq!(
            fi,
            "rivi 1, sarake 1: JSON-syntaksivirhe: teksti päättyy kesken objektin (puuttuuko \"}\"?)"
        );
        assert_eq!(
            sv,
            "rad 1, kolumn 1: JSON-syntaxfel: texten tar slut mitt i ett objekt (saknas \"}\"?)"
        );
        assert_eq!(
            lang,
            "kieltä \"de\" ei tunneta; käytettävissä ovat \"fi\", \"sv\" ja \"en\""
        );
        assert!(
            dataset.starts_with("sisäänrakennettua aineistoa \"x\" ei ole; aineistot ovat \""),
            "{dataset}"
        );
        assert_eq!(LoadError::from(core.clone()).to_string(), core.to_string());
        assert_eq!(load_error_message(core.clone(), Lang::Sv), sv);
        assert_eq!(load_error_message(core.clone(), Lang::En), core.to_string());
    }

    #[test]
    fn load_errors_keep_their_kind_and_the_core_message() {
        let _turn = LANG_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        for text in ["{", r#"{"format_version": 2}"#, r#"{"title": 1}"#] {
            let core = oske::json::from_str(text).unwrap_err();
            let e = LoadError::from(core.clone());
            let name = format!("{e:?}");
            let kind = match core.kind {
                oske::JsonErrorKind::Syntax => "Syntax(",
                oske::JsonErrorKind::Data => "Data(",
                oske::JsonErrorKind::Version => "Version(",
                oske::JsonErrorKind::Io => "Io(",
            };
            assert!(name.starts_with(kind), "{name}");
            assert_eq!(e.to_string(), core.to_string());
        }
    }
}
