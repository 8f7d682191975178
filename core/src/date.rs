//! Dates and periods.
//!
//! Dates are [`chrono::NaiveDate`]. Input accepts ISO 8601 (`2020-05-07`) and the
//! Finnish `d.m.yyyy` (`7.5.2020`, `07.05.2020`); output is always ISO 8601.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;

/// The error for a string that is not a date in a supported form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a date: expected d.m.yyyy (e.g. 14.2.2018) or yyyy-mm-dd")]
pub struct DateParseError {
    /// The text that was given.
    pub input: String,
}

/// Parses a date written `d.m.yyyy` (Finnish) or `yyyy-mm-dd` (ISO 8601).
/// Surrounding white space is ignored; a trailing dot (`14.2.2018.`) is not accepted.
///
/// ```
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2018, 2, 14).unwrap();
/// assert_eq!(oske::parse_date("14.2.2018").unwrap(), d);
/// assert_eq!(oske::parse_date("2018-02-14").unwrap(), d);
/// assert!(oske::parse_date("31.2.2018").is_err());
/// ```
pub fn parse_date(input: &str) -> Result<NaiveDate, DateParseError> {
    let s = input.trim();
    let err = || DateParseError {
        input: input.to_owned(),
    };
    let parts: Vec<&str>;
    // ISO 8601's expanded years, as written for years before 0 or after 9999
    // (`+10000-01-01`, `-0001-12-31`).
    if let Some((sign, body)) = s
        .strip_prefix('+')
        .map(|b| (1i64, b))
        .or_else(|| s.strip_prefix('-').map(|b| (-1i64, b)))
    {
        let p: Vec<&str> = body.split('-').collect();
        let ok = |t: &str, lens: std::ops::RangeInclusive<usize>| {
            lens.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
        };
        if p.len() != 3 || !ok(p[0], 4..=6) || !ok(p[1], 2..=2) || !ok(p[2], 2..=2) {
            return Err(err());
        }
        let year = p[0].parse::<i64>().map_err(|_| err())? * sign;
        let year = i32::try_from(year).map_err(|_| err())?;
        let (m, d) = (
            p[1].parse().map_err(|_| err())?,
            p[2].parse().map_err(|_| err())?,
        );
        return NaiveDate::from_ymd_opt(year, m, d).ok_or_else(err);
    }
    let (y, m, d) = if s.contains('.') {
        parts = s.split('.').collect();
        if parts.len() != 3 || parts[2].len() != 4 {
            return Err(err());
        }
        (parts[2], parts[1], parts[0])
    } else if s.contains('-') {
        parts = s.split('-').collect();
        if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
            return Err(err());
        }
        (parts[0], parts[1], parts[2])
    } else {
        return Err(err());
    };
    let num = |t: &str, max_len: usize| -> Result<u32, DateParseError> {
        if t.is_empty() || t.len() > max_len || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        t.parse::<u32>().map_err(|_| err())
    };
    let year = num(y, 4)?;
    let month = num(m, 2)?;
    let day = num(d, 2)?;
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(err)
}

/// Writes a date as ISO 8601 (`yyyy-mm-dd`).
pub fn format_date_iso(date: NaiveDate) -> String {
    // `NaiveDate`'s `Display` is `%Y-%m-%d` (a sign and more digits outside 0–9999)
    // without chrono's format-string machinery (9 KB in the Android library).
    date.to_string()
}

/// Writes a date the Finnish way (`d.m.yyyy`), as Excel in Finland shows it. The
/// year always has four digits (`14.2.0999`), so that [`parse_date`] reads it back;
/// a year before 0 or after 9999 has no such form and is written as ISO 8601
/// (`+10000-01-01`).
pub fn format_date_fi(date: NaiveDate) -> String {
    if (0..=9999).contains(&date.year()) {
        format!("{}.{}.{:04}", date.day(), date.month(), date.year())
    } else {
        format_date_iso(date)
    }
}

/// Serde helpers: read ISO or Finnish dates, write ISO.
pub mod serde_date {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serialize as ISO 8601.
    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_date_iso(*date))
    }

    /// Deserialize from ISO 8601 or `d.m.yyyy`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse_date(&s).map_err(serde::de::Error::custom)
    }

    /// The same for `Option<NaiveDate>`.
    pub mod option {
        use super::*;

        /// Serialize as ISO 8601 or null.
        pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match date {
                Some(d) => s.serialize_str(&format_date_iso(*d)),
                None => s.serialize_none(),
            }
        }

        /// Deserialize from ISO 8601, `d.m.yyyy` or null.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            let s = Option::<std::borrow::Cow<'de, str>>::deserialize(d)?;
            s.map(|s| parse_date(&s).map_err(serde::de::Error::custom))
                .transpose()
        }
    }

    /// The same for `Vec<NaiveDate>`.
    pub mod vec {
        use super::*;

        /// Serialize as a list of ISO 8601 strings.
        pub fn serialize<S: Serializer>(dates: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeSeq;
            let mut seq = s.serialize_seq(Some(dates.len()))?;
            for d in dates {
                seq.serialize_element(&format_date_iso(*d))?;
            }
            seq.end()
        }

        /// Deserialize a list of ISO 8601 or `d.m.yyyy` strings.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
            let v = Vec::<std::borrow::Cow<'de, str>>::deserialize(d)?;
            v.iter()
                .map(|s| parse_date(s).map_err(serde::de::Error::custom))
                .collect()
        }
    }
}

/// A closed period of days, both ends included (`1.11.2008–31.12.2011`).
///
/// A period whose end is before its start holds no day: the validator reports it
/// (`period.reversed`) rather than refusing to load it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Period {
    /// First day.
    #[serde(with = "serde_date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub start: NaiveDate,
    /// Last day (included).
    #[serde(with = "serde_date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub end: NaiveDate,
}

impl Period {
    /// A period from `start` to `end`, both included.
    pub const fn new(start: NaiveDate, end: NaiveDate) -> Period {
        Period { start, end }
    }

    /// The calendar years `from..=to` as one period (1.1.from–31.12.to).
    pub fn years(from: i32, to: i32) -> Option<Period> {
        Some(Period {
            start: NaiveDate::from_ymd_opt(from, 1, 1)?,
            end: NaiveDate::from_ymd_opt(to, 12, 31)?,
        })
    }

    /// True when the end is before the start (the period holds no day).
    pub fn is_empty(&self) -> bool {
        self.end < self.start
    }

    /// True when `date` falls in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// True when all of `other` falls in this period.
    pub fn contains_period(&self, other: &Period) -> bool {
        self.contains(other.start) && self.contains(other.end)
    }
}

impl fmt::Display for Period {
    /// `1.11.2008–31.12.2011`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}–{}",
            format_date_fi(self.start),
            format_date_fi(self.end)
        )
    }
}

/// A validity interval for registry entries: either end may be open (unknown or
/// unbounded). Both ends are included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Validity {
    /// First day of validity; `None` when valid since before the registry's records.
    #[serde(
        default,
        with = "serde_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DateText>"))]
    pub from: Option<NaiveDate>,
    /// Last day of validity; `None` while still valid.
    #[serde(
        default,
        with = "serde_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DateText>"))]
    pub to: Option<NaiveDate>,
}

impl Validity {
    /// Valid always.
    pub const ALWAYS: Validity = Validity {
        from: None,
        to: None,
    };

    /// True when `date` falls within the validity.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.map_or(true, |f| f <= date) && self.to.map_or(true, |t| date <= t)
    }
}

// The JSON reader of these types (`crate::json_read`): the same mapping as the
// serde attributes above, checked by the conformance vectors and `core/tests/json_read.rs`.
crate::json_read::json_struct! { Period {
    start: req with crate::json_read::date::one,
    end: req with crate::json_read::date::one,
}}
crate::json_read::json_struct! { Validity {
    from: def with crate::json_read::date::option,
    to: def with crate::json_read::date::option,
}}
