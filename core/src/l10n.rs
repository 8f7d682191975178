//! Numbers, sums, percentages and dates written the way each language writes them.
//!
//! Messages keep their values in a stable, language-neutral form (ISO 8601 dates,
//! decimal numbers with a point, euros with two decimals); each language formats
//! them when the message is rendered:
//!
//! | value | Finnish, Swedish | English |
//! |---|---|---|
//! | date | `1.11.2008` | `1 November 2008` |
//! | period | `1.11.2008–31.12.2011` | `1 November 2008 – 31 December 2011` |
//! | number | `188 720`, `3,5` | `188,720`, `3.5` |
//! | money | `1 828 204,00 €` | `€1,828,204.00` |
//! | percentage | `74,999945 %` | `74.999945%` |
//!
//! Thousands are grouped from 1 000 up, in Finnish and Swedish with a no-break
//! space (U+00A0) so that a number never breaks across lines. `docs/glossary.md`
//! documents the English forms.

use crate::date::{Period, Validity};
use crate::money::{Bp, Cents};
use crate::text::Lang;
use chrono::{Datelike, NaiveDate};

/// The no-break space that groups thousands and separates a number from its unit.
pub const NBSP: char = '\u{a0}';

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date: `1.11.2008` in Finnish and Swedish, `1 November 2008` in English.
///
/// ```
/// use oske::{l10n, Lang};
/// let d = chrono::NaiveDate::from_ymd_opt(2008, 11, 1).unwrap();
/// assert_eq!(l10n::date(Lang::Fi, d), "1.11.2008");
/// assert_eq!(l10n::date(Lang::En, d), "1 November 2008");
/// ```
pub fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Fi | Lang::Sv => format!("{}.{}.{}", d.day(), d.month(), d.year()),
        Lang::En => format!(
            "{} {} {}",
            d.day(),
            MONTHS_EN[d.month0() as usize],
            d.year()
        ),
    }
}

fn range(lang: Lang, start: Option<String>, end: Option<String>) -> String {
    let open = || "…".to_string();
    let (s, e) = (start.unwrap_or_else(open), end.unwrap_or_else(open));
    match lang {
        // Dates with spaces inside take a spaced dash.
        Lang::En => format!("{s} – {e}"),
        Lang::Fi | Lang::Sv => format!("{s}–{e}"),
    }
}

/// A period, both ends included: `1.11.2008–31.12.2011`.
pub fn period(lang: Lang, p: &Period) -> String {
    range(lang, Some(date(lang, p.start)), Some(date(lang, p.end)))
}

/// A validity interval; an open end is written `…` (`1.1.2021–…`).
pub fn validity(lang: Lang, v: &Validity) -> String {
    range(
        lang,
        v.from.map(|d| date(lang, d)),
        v.to.map(|d| date(lang, d)),
    )
}

/// Groups the digits of a whole number: `1 828 204` (no-break spaces) or `1,828,204`.
fn group(lang: Lang, digits: &str) -> String {
    let sep = match lang {
        Lang::Fi | Lang::Sv => NBSP,
        Lang::En => ',',
    };
    let n = digits.chars().count();
    let mut out = String::with_capacity(digits.len() + n / 3 * 2);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 && n > 3 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// A decimal number written with a point and an optional minus (`-1234.5`, `75`),
/// in the language's form (`−1 234,5`, `-1,234.5`); `None` when `s` is not such a number.
///
/// ```
/// use oske::{l10n, Lang};
/// assert_eq!(l10n::number(Lang::Fi, "188720").unwrap(), "188\u{a0}720");
/// assert_eq!(l10n::number(Lang::Sv, "3.5").unwrap(), "3,5");
/// assert_eq!(l10n::number(Lang::En, "1234.5").unwrap(), "1,234.5");
/// assert!(l10n::number(Lang::Fi, "1e3").is_none());
/// ```
pub fn number(lang: Lang, s: &str) -> Option<String> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    let mut out = String::new();
    if neg {
        out.push(match lang {
            Lang::Fi | Lang::Sv => '\u{2212}', // minus sign
            Lang::En => '-',
        });
    }
    out.push_str(&group(lang, int));
    if let Some(f) = frac {
        out.push(match lang {
            Lang::Fi | Lang::Sv => ',',
            Lang::En => '.',
        });
        out.push_str(f);
    }
    Some(out)
}

/// A count or other whole number: `188 720`, `188,720`.
pub fn integer(lang: Lang, n: u64) -> String {
    group(lang, &n.to_string())
}

/// The stable form of a sum in messages: euros with two decimals and a point
/// (`1828204.00`, `-0.50`).
pub fn money_value(c: Cents) -> String {
    let abs = c.0.unsigned_abs();
    format!(
        "{}{}.{:02}",
        if c.0 < 0 { "-" } else { "" },
        abs / 100,
        abs % 100
    )
}

/// The stable form of an exact sum of cents too large for [`Cents`] (`i128`), as
/// [`money_value`] writes one that fits.
pub fn wide_money_value(c: i128) -> String {
    let abs = c.unsigned_abs();
    format!(
        "{}{}.{:02}",
        if c < 0 { "-" } else { "" },
        abs / 100,
        abs % 100
    )
}

/// A sum: `1 828 204,00 €` in Finnish and Swedish, `€1,828,204.00` in English.
///
/// ```
/// use oske::{l10n, Cents, Lang};
/// assert_eq!(l10n::money(Lang::Fi, Cents(182_820_400)), "1\u{a0}828\u{a0}204,00\u{a0}€");
/// assert_eq!(l10n::money(Lang::En, Cents(182_820_400)), "€1,828,204.00");
/// ```
pub fn money(lang: Lang, c: Cents) -> String {
    money_text(lang, &money_value(c)).unwrap_or_default()
}

/// Formats a sum given in its stable form (`1828204.00`); `None` when it is not one.
pub fn money_text(lang: Lang, s: &str) -> Option<String> {
    let n = number(lang, s)?;
    Some(match lang {
        Lang::Fi | Lang::Sv => format!("{n}{NBSP}€"),
        Lang::En => match n.strip_prefix('-') {
            Some(abs) => format!("-€{abs}"),
            None => format!("€{n}"),
        },
    })
}

/// The stable form of a share in messages, in percent with a point: `75`, `0.75`.
pub fn share_value(b: Bp) -> String {
    let (whole, frac) = (b.0 / 100, b.0 % 100);
    if frac == 0 {
        whole.to_string()
    } else if frac % 10 == 0 {
        format!("{whole}.{}", frac / 10)
    } else {
        format!("{whole}.{frac:02}")
    }
}

/// A percentage given in percent with a point (`74.999945`): `74,999945 %` in
/// Finnish and Swedish, `74.999945%` in English; `None` when it is not a number.
pub fn percent_text(lang: Lang, s: &str) -> Option<String> {
    let n = number(lang, s)?;
    Some(match lang {
        Lang::Fi | Lang::Sv => format!("{n}{NBSP}%"),
        Lang::En => format!("{n}%"),
    })
}

/// A share in basis points as a percentage: `75 %`, `0,75 %`, `0.75%`.
pub fn share(lang: Lang, b: Bp) -> String {
    percent_text(lang, &share_value(b)).unwrap_or_default()
}

/// A date in its stable form (`2008-11-01`) in the language's form; `None` when `s`
/// is not such a date.
pub fn date_text(lang: Lang, s: &str) -> Option<String> {
    (s.len() == 10 && s.as_bytes()[4] == b'-')
        .then(|| crate::date::parse_date(s).ok())
        .flatten()
        .map(|d| date(lang, d))
}

/// The stable form of a period or validity in messages: ISO 8601 dates joined by
/// `/`, an open end written `..` (`2002-01-01/2025-06-30`, `2021-01-01/..`).
pub fn period_value(start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
    let f = |d: Option<NaiveDate>| d.map_or_else(|| "..".to_string(), |d| d.to_string());
    format!("{}/{}", f(start), f(end))
}

/// A period given in its stable form (`2008-11-01/2011-12-31`, `..` for an open
/// end) in the language's form; `None` when it is not one.
pub fn period_text(lang: Lang, s: &str) -> Option<String> {
    let (a, b) = s.split_once('/')?;
    let end = |t: &str| -> Option<Option<String>> {
        if t == ".." {
            Some(None)
        } else {
            date_text(lang, t).map(Some)
        }
    };
    Some(range(lang, end(a)?, end(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_each_language() {
        assert_eq!(date(Lang::Fi, d(2008, 11, 1)), "1.11.2008");
        assert_eq!(date(Lang::Sv, d(2019, 12, 31)), "31.12.2019");
        assert_eq!(date(Lang::En, d(2019, 12, 31)), "31 December 2019");
        assert_eq!(date_text(Lang::Sv, "2021-01-01").unwrap(), "1.1.2021");
        assert_eq!(date_text(Lang::Fi, "1.1.2021"), None);
        assert_eq!(date_text(Lang::Fi, "2021-02-30"), None);
        let p = Period::new(d(2008, 11, 1), d(2011, 12, 31));
        assert_eq!(period(Lang::Fi, &p), "1.11.2008–31.12.2011");
        assert_eq!(period(Lang::En, &p), "1 November 2008 – 31 December 2011");
        let v = Validity {
            from: Some(d(2021, 1, 1)),
            to: None,
        };
        assert_eq!(validity(Lang::Sv, &v), "1.1.2021–…");
        assert_eq!(period_value(v.from, v.to), "2021-01-01/..");
        assert_eq!(
            period_text(Lang::Fi, "2002-01-01/2025-06-30").unwrap(),
            "1.1.2002–30.6.2025"
        );
        assert_eq!(
            period_text(Lang::En, "../2025-06-30").unwrap(),
            "… – 30 June 2025"
        );
        assert_eq!(period_text(Lang::Fi, "2002-01-01"), None);
    }

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(number(Lang::Fi, "188720").unwrap(), "188\u{a0}720");
        assert_eq!(number(Lang::Sv, "1000").unwrap(), "1\u{a0}000");
        assert_eq!(number(Lang::Fi, "999").unwrap(), "999");
        assert_eq!(number(Lang::Fi, "-3.25").unwrap(), "\u{2212}3,25");
        assert_eq!(number(Lang::En, "1234567.5").unwrap(), "1,234,567.5");
        assert_eq!(integer(Lang::En, 437_477), "437,477");
        for bad in ["", "-", "1.", ".5", "1,5", "1 000", "NaN", "1e3"] {
            assert_eq!(number(Lang::Fi, bad), None, "{bad:?}");
        }
    }

    #[test]
    fn money_in_each_language() {
        assert_eq!(money_value(Cents(182_820_400)), "1828204.00");
        assert_eq!(money_value(Cents(-50)), "-0.50");
        assert_eq!(
            money(Lang::Fi, Cents(182_820_400)),
            "1\u{a0}828\u{a0}204,00\u{a0}€"
        );
        assert_eq!(money(Lang::Sv, Cents(2_000_000)), "20\u{a0}000,00\u{a0}€");
        assert_eq!(money(Lang::En, Cents(182_820_400)), "€1,828,204.00");
        assert_eq!(money(Lang::En, Cents(-50)), "-€0.50");
        assert_eq!(money_text(Lang::Fi, "12,00"), None);
    }

    #[test]
    fn percentages_in_each_language() {
        assert_eq!(share_value(Bp(7500)), "75");
        assert_eq!(share_value(Bp(75)), "0.75");
        assert_eq!(share_value(Bp(50)), "0.5");
        assert_eq!(share(Lang::Fi, Bp(75)), "0,75\u{a0}%");
        assert_eq!(share(Lang::En, Bp(7500)), "75%");
        assert_eq!(
            percent_text(Lang::Sv, "74.999945").unwrap(),
            "74,999945\u{a0}%"
        );
    }
}
