//! Languages and multilingual text.
//!
//! Finland is bilingual: names, titles and workshops come in Finnish and Swedish,
//! and this library adds English. [`LocalizedText`] holds any subset of the three.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// A language the library speaks: Finnish, Swedish or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Finnish (`fi`).
    Fi,
    /// Swedish (`sv`).
    Sv,
    /// English (`en`).
    En,
}

impl Lang {
    /// All languages, in the order Finnish, Swedish, English.
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    /// The ISO 639-1 code (`"fi"`, `"sv"`, `"en"`).
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error returned when a string names no supported language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: expected \"fi\", \"sv\" or \"en\"")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Parses `fi`, `sv` or `en` (case-insensitive; `fi-FI`, `sv_FI` style tags too).
    ///
    /// ```
    /// use oske::Lang;
    /// assert_eq!("sv-FI".parse::<Lang>().unwrap(), Lang::Sv);
    /// assert!("de".parse::<Lang>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "fi" => Ok(Lang::Fi),
            "sv" => Ok(Lang::Sv),
            "en" => Ok(Lang::En),
            _ => Err(UnknownLang(s.to_owned())),
        }
    }
}

/// Text in up to three languages. At least one should be present; the validator
/// reports a text with none (`text.missing`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LocalizedText {
    /// Finnish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fi: Option<String>,
    /// Swedish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sv: Option<String>,
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// True for a text that is empty once trimmed; a text starting with a visible
/// ASCII character (the usual case, decided by its first byte) is not.
#[inline]
fn blank(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() => false,
        _ => s.trim().is_empty(),
    }
}

impl LocalizedText {
    /// Text in Finnish only.
    pub fn fi(text: impl Into<String>) -> Self {
        Self {
            fi: Some(text.into()),
            ..Self::default()
        }
    }

    /// Text in English only.
    pub fn en(text: impl Into<String>) -> Self {
        Self {
            en: Some(text.into()),
            ..Self::default()
        }
    }

    /// Adds or replaces the text in `lang`.
    pub fn with(mut self, lang: Lang, text: impl Into<String>) -> Self {
        *self.slot_mut(lang) = Some(text.into());
        self
    }

    /// The text in exactly `lang`, if present and not blank.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        let slot = match lang {
            Lang::Fi => &self.fi,
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        };
        slot.as_deref().filter(|s| !blank(s))
    }

    /// The text in `lang`, falling back to the other languages (Finnish, Swedish,
    /// English in that order). `None` only when no language has text.
    ///
    /// ```
    /// use oske::{Lang, LocalizedText};
    /// let t = LocalizedText::fi("Lastensuojelu");
    /// assert_eq!(t.get(Lang::En), Some("Lastensuojelu"));
    /// ```
    pub fn get(&self, lang: Lang) -> Option<&str> {
        self.exact(lang)
            .or_else(|| Lang::ALL.iter().find_map(|&l| self.exact(l)))
    }

    /// True when no language has non-blank text.
    pub fn is_empty(&self) -> bool {
        Lang::ALL.iter().all(|&l| self.exact(l).is_none())
    }

    fn slot_mut(&mut self, lang: Lang) -> &mut Option<String> {
        match lang {
            Lang::Fi => &mut self.fi,
            Lang::Sv => &mut self.sv,
            Lang::En => &mut self.en,
        }
    }
}

impl fmt::Display for LocalizedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get(Lang::En).unwrap_or(""))
    }
}

// The JSON reader of these types (`crate::json_read`): the same mapping as the
// serde attributes above, checked by the conformance vectors and `core/tests/json_read.rs`.
crate::json_read::json_enum! { Lang {
    Fi = "fi",
    Sv = "sv",
    En = "en",
}}
crate::json_read::json_struct! { LocalizedText {
    fi: def,
    sv: def,
    en: def,
}}
