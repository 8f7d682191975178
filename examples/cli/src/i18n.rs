//! The command's own words — headings, counts, summaries — in English, Finnish and
//! Swedish, with the right singular and plural ("1 virhe", "2 virhettä").

use oske::{Lang, Severity};

/// The language the environment asks for: the first of `LC_ALL`, `LC_MESSAGES`
/// and `LANG` that is set and not empty (POSIX order); `fi_FI.UTF-8` → Finnish,
/// `sv_*` → Swedish, anything else (`C`, `de_DE`, unset) → English.
pub fn lang_from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| get(k))
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    let primary = value
        .split(['_', '-', '.', '@'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match primary.as_str() {
        "fi" => Lang::Fi,
        "sv" => Lang::Sv,
        _ => Lang::En,
    }
}

/// The language a command line asks for with `--lang X` or `--lang=X`, read from
/// the raw arguments (for a command line clap refused, so no parsed value exists);
/// `None` when it names none, or none oske knows.
pub fn lang_from_args(args: impl IntoIterator<Item = String>) -> Option<Lang> {
    let mut found = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let value = if arg == "--lang" {
            args.next()
        } else {
            arg.strip_prefix("--lang=").map(str::to_owned)
        };
        if let Some(v) = value {
            found = v.parse::<Lang>().ok().or(found);
        }
    }
    found
}

/// A usage error of the command line in Finnish or Swedish: what was wrong, clap's
/// English text as a quoted detail, and where help is.
pub fn usage_error(lang: Lang, e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let sub = context(ContextKind::InvalidSubcommand);
    let headline = match e.kind() {
        ErrorKind::UnknownArgument => match lang {
            Lang::Sv => format!("okänt alternativ eller argument: {arg}"),
            _ => format!("tuntematon valitsin tai argumentti: {arg}"),
        },
        ErrorKind::InvalidSubcommand => match lang {
            Lang::Sv => format!("okänt kommando: {sub}"),
            _ => format!("tuntematon komento: {sub}"),
        },
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => match lang {
            Lang::Sv => format!("värdet \"{value}\" för {arg} kan inte användas"),
            _ => format!("arvoa \"{value}\" ei voi käyttää: {arg}"),
        },
        ErrorKind::MissingRequiredArgument => match lang {
            Lang::Sv => format!("ett obligatoriskt argument saknas: {arg}"),
            _ => format!("pakollinen argumentti puuttuu: {arg}"),
        },
        _ => t(
            lang,
            "the command line could not be read",
            "komentoriviä ei voitu tulkita",
            "kommandoraden kunde inte tolkas",
        )
        .to_owned(),
    };
    let text = e.to_string();
    let first = text.lines().next().unwrap_or_default();
    let detail = first.strip_prefix("error: ").unwrap_or(first);
    let help = t(
        lang,
        "help: oske --help",
        "ohje: oske --help",
        "hjälp: oske --help",
    );
    match lang {
        Lang::Sv => format!("{headline} (programbibliotekets meddelande: {detail:?})\n{help}"),
        _ => format!("{headline} (ohjelmakirjaston ilmoitus: {detail:?})\n{help}"),
    }
}

/// Picks the English, Finnish or Swedish text.
pub fn t<'a>(lang: Lang, en: &'a str, fi: &'a str, sv: &'a str) -> &'a str {
    match lang {
        Lang::Fi => fi,
        Lang::Sv => sv,
        _ => en,
    }
}

/// `n` and the noun in the right number. Finnish uses the singular nominative for 1
/// and the partitive for every other count ("0 virhettä", "2 virhettä").
pub fn count(lang: Lang, n: impl Into<u64>, forms: [&str; 6]) -> String {
    let n = n.into();
    let [en1, en_n, fi1, fi_n, sv1, sv_n] = forms;
    let noun = match (lang, n == 1) {
        (Lang::Fi, true) => fi1,
        (Lang::Fi, false) => fi_n,
        (Lang::Sv, true) => sv1,
        (Lang::Sv, false) => sv_n,
        (_, true) => en1,
        (_, false) => en_n,
    };
    format!("{n} {noun}")
}

pub const ERRORS: [&str; 6] = ["error", "errors", "virhe", "virhettä", "fel", "fel"];
pub const WARNINGS: [&str; 6] = [
    "warning",
    "warnings",
    "varoitus",
    "varoitusta",
    "varning",
    "varningar",
];
pub const NOTES: [&str; 6] = [
    "note",
    "notes",
    "huomautus",
    "huomautusta",
    "anmärkning",
    "anmärkningar",
];
pub const ROWS: [&str; 6] = ["row", "rows", "rivi", "riviä", "rad", "rader"];
pub const TABLES: [&str; 6] = [
    "table",
    "tables",
    "taulukko",
    "taulukkoa",
    "tabell",
    "tabeller",
];

/// The heading of one severity's list.
pub fn heading(lang: Lang, s: Severity) -> &'static str {
    match s {
        Severity::Error => t(lang, "Errors", "Virheet", "Fel"),
        Severity::Warning => t(lang, "Warnings", "Varoitukset", "Varningar"),
        _ => t(lang, "Notes", "Huomautukset", "Anmärkningar"),
    }
}

/// "2 errors, 1 warning, 0 notes" in the language.
pub fn totals(lang: Lang, errors: usize, warnings: usize, notes: usize) -> String {
    let c = |n: usize, f| count(lang, u64::try_from(n).unwrap_or(u64::MAX), f);
    format!(
        "{}, {}, {}",
        c(errors, ERRORS),
        c(warnings, WARNINGS),
        c(notes, NOTES)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_in_three_languages() {
        assert_eq!(count(Lang::Fi, 1u64, ERRORS), "1 virhe");
        assert_eq!(count(Lang::Fi, 2u64, ERRORS), "2 virhettä");
        assert_eq!(count(Lang::Fi, 0u64, ERRORS), "0 virhettä");
        assert_eq!(count(Lang::Sv, 1u64, ERRORS), "1 fel");
        assert_eq!(count(Lang::Sv, 2u64, ERRORS), "2 fel");
        assert_eq!(count(Lang::Sv, 2u64, WARNINGS), "2 varningar");
        assert_eq!(count(Lang::En, 1u64, ERRORS), "1 error");
        assert_eq!(count(Lang::En, 2u64, ERRORS), "2 errors");
        assert_eq!(
            totals(Lang::Fi, 1, 2, 1),
            "1 virhe, 2 varoitusta, 1 huomautus"
        );
    }

    #[test]
    fn language_from_a_refused_command_line() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            lang_from_args(args(&["oske", "--lang", "fi", "x"])),
            Some(Lang::Fi)
        );
        assert_eq!(
            lang_from_args(args(&["oske", "x", "--lang=sv"])),
            Some(Lang::Sv)
        );
        assert_eq!(lang_from_args(args(&["oske", "--lang", "xx"])), None);
        assert_eq!(lang_from_args(args(&["oske", "--lang"])), None);
        // After `--` everything is a file name.
        assert_eq!(lang_from_args(args(&["oske", "--", "--lang", "fi"])), None);
    }

    #[test]
    fn language_from_the_locale_variables() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(lang_from_env(env(&[("LANG", "fi_FI.UTF-8")])), Lang::Fi);
        assert_eq!(lang_from_env(env(&[("LANG", "sv_SE.UTF-8")])), Lang::Sv);
        assert_eq!(lang_from_env(env(&[("LANG", "sv_FI")])), Lang::Sv);
        assert_eq!(lang_from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::En);
        assert_eq!(lang_from_env(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(lang_from_env(env(&[])), Lang::En);
        // LC_ALL wins over LC_MESSAGES, which wins over LANG; empty ones are skipped.
        assert_eq!(
            lang_from_env(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "sv_FI.UTF-8"),
                ("LANG", "fi_FI.UTF-8")
            ])),
            Lang::Sv
        );
        assert_eq!(
            lang_from_env(env(&[("LC_ALL", "fi_FI"), ("LANG", "en_GB")])),
            Lang::Fi
        );
    }
}
