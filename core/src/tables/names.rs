//! Names where codes are expected: a region, municipality, county or centre cell
//! holds the code or the official Finnish or Swedish name (any case, accents
//! optional: `Kemijarvi` for Kemijärvi), resolved through the registry on the date
//! that applies to the row (`docs/tables.md`, "Names in code cells").
//!
//! - A code is kept as it is, silently.
//! - A name valid on the date (or, failing that, the name of one entry valid on
//!   another date, such as a merged municipality) becomes its code, with a
//!   `csv.name-resolved` note (or `csv.name-resolved-latest` when no date applies
//!   to the row and the registry's latest map was used).
//! - A name that fits several entries is `csv.ambiguous-name` (the candidates).
//! - Text that is neither a code nor a name is `csv.unknown-name` (the closest
//!   names with their codes), unless it is written like a code (digits; a centre
//!   id in lower case): that is kept, and validation reports an unknown code
//!   (`registry.unknown-code`) as it does for a JSON document.
//!
//! The JSON format keeps codes: nothing but the reader accepts names.

use crate::registry::{CodeKind, Registry, Resolution};
use crate::text::{Lang, LocalizedText};
use chrono::NaiveDate;

/// The registry kinds a code column accepts, from its schema description
/// (`Code("municipality")`, `Code("region or municipality")`).
pub(crate) fn kinds_of(what: &str) -> &'static [CodeKind] {
    match what {
        "municipality" => &[CodeKind::Municipality],
        "region" => &[CodeKind::Region],
        "centre" => &[CodeKind::Centre],
        "county" => &[CodeKind::County],
        "region or municipality" => &[CodeKind::Region, CodeKind::Municipality],
        _ => &[],
    }
}

/// The name of `kinds` for messages (`municipality`, `region or municipality`).
pub(crate) fn kinds_label(kinds: &[CodeKind]) -> &'static str {
    match kinds {
        [CodeKind::Region, CodeKind::Municipality] => "region or municipality",
        [k] => k.as_str(),
        _ => "",
    }
}

/// The registry's names of an entry in every language (empty when unknown).
pub(crate) fn names_of(reg: &Registry, kind: CodeKind, code: &str) -> LocalizedText {
    let mut t = LocalizedText::default();
    for lang in Lang::ALL {
        if let Some(n) = reg.name_of(kind, code, lang) {
            t = t.with(lang, n);
        }
    }
    t
}

/// What a code cell's item came to.
#[derive(Debug, PartialEq)]
pub(crate) enum Resolved {
    /// A code, or text written like one: kept as it is.
    Kept,
    /// A name, resolved to the entry of this kind and code.
    Name(CodeKind, String),
    /// Several entries carry the name: their kinds and codes.
    Ambiguous(Vec<(CodeKind, String)>),
    /// Nothing carries the name: the closest entries, best first.
    Unknown(Vec<(CodeKind, String)>),
}

/// The date whose map answers when no date applies to the row: the end of the
/// registry's coverage, else the date it is known as of.
pub(crate) fn latest_date(reg: &Registry) -> NaiveDate {
    reg.coverage
        .filter(|c| !c.is_empty())
        .map(|c| c.end)
        .or(reg.known_as_of)
        .unwrap_or(NaiveDate::MAX)
}

/// True for text written like a code of `kinds`: digits (a Statistics Finland
/// code), or for a centre an id (lower-case letters, digits and hyphens).
fn code_like(kinds: &[CodeKind], t: &str) -> bool {
    if t.is_empty() {
        return true;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    kinds.contains(&CodeKind::Centre)
        && t.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Resolves one item of a code cell on `date` (a map date of the registry).
pub(crate) fn resolve(reg: &Registry, kinds: &[CodeKind], text: &str, date: NaiveDate) -> Resolved {
    let t = text.trim();
    let mut on_date: Vec<(CodeKind, String)> = Vec::new();
    let mut other_date: Vec<(CodeKind, String)> = Vec::new();
    let mut ambiguous: Vec<(CodeKind, String)> = Vec::new();
    let mut unknown: Vec<(CodeKind, String)> = Vec::new();
    for &kind in kinds {
        match reg.resolve(kind, t, date) {
            Resolution::Code(_) => return Resolved::Kept,
            Resolution::Name(c) | Resolution::Folded(c) => on_date.push((kind, c.to_owned())),
            Resolution::OtherDate(c) => other_date.push((kind, c.to_owned())),
            Resolution::Ambiguous(cs) => {
                ambiguous.extend(cs.into_iter().map(|c| (kind, c.to_owned())));
            }
            Resolution::Unknown(cs) => unknown.extend(cs.into_iter().map(|c| (kind, c.to_owned()))),
        }
    }
    if !ambiguous.is_empty() {
        // An ambiguity of one kind stays one, whatever the other kinds say.
        ambiguous.extend(on_date);
        return Resolved::Ambiguous(ambiguous);
    }
    match (on_date.len(), other_date.len()) {
        (1, _) => {
            let (k, c) = on_date.remove(0);
            Resolved::Name(k, c)
        }
        (0, 1) => {
            let (k, c) = other_date.remove(0);
            Resolved::Name(k, c)
        }
        (0, 0) if code_like(kinds, t) => Resolved::Kept,
        (0, 0) => {
            unknown.truncate(3);
            Resolved::Unknown(unknown)
        }
        (0, _) => Resolved::Ambiguous(other_date),
        _ => Resolved::Ambiguous(on_date),
    }
}

/// Splits a list of codes or names: `|`, and also `,` and `;` (names and codes of
/// regions and municipalities hold none of them); items are trimmed.
pub(crate) fn code_list_items(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    for item in super::value::list_items(cell) {
        if item.contains([',', ';']) {
            out.extend(item.split([',', ';']).map(|s| s.trim().to_owned()));
        } else {
            out.push(item.trim().to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn codes_names_and_folded_names() {
        let reg = Registry::embedded();
        let m = &[CodeKind::Municipality][..];
        assert_eq!(resolve(reg, m, "148", d(2020, 1, 1)), Resolved::Kept);
        assert_eq!(
            resolve(reg, m, "inari", d(2020, 1, 1)),
            Resolved::Name(CodeKind::Municipality, "148".into())
        );
        assert_eq!(
            resolve(reg, m, "Kemijarvi", d(2020, 1, 1)),
            Resolved::Name(CodeKind::Municipality, "320".into())
        );
        // Swedish name.
        assert_eq!(
            resolve(reg, m, "Enare", d(2020, 1, 1)),
            Resolved::Name(CodeKind::Municipality, "148".into())
        );
        // Text written like a code stays for validation to report.
        assert_eq!(resolve(reg, m, "999", d(2020, 1, 1)), Resolved::Kept);
        match resolve(reg, m, "Inarii", d(2020, 1, 1)) {
            Resolved::Unknown(s) => assert_eq!(s[0], (CodeKind::Municipality, "148".into())),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn lists_split_on_bars_commas_and_semicolons() {
        assert_eq!(
            code_list_items("Inari|Sodankylä, Utsjoki; 320"),
            ["Inari", "Sodankylä", "Utsjoki", "320"]
        );
        assert_eq!(code_list_items("148"), ["148"]);
        assert!(code_list_items("").is_empty());
    }
}
