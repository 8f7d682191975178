//! Money in integer euro cents, and shares in basis points.
//!
//! Floats never hold money here. A share such as "75 %" or "0.75 %" is a whole
//! number of basis points (1 bp = 0.01 %), so `0.75 %` is `Bp(75)`.

use serde::Serialize;
use std::fmt;

/// An amount of money in euro cents.
///
/// ```
/// use oske::Cents;
/// let total = Cents::from_euros(1_828_204);
/// assert_eq!(total.0, 182_820_400);
/// assert_eq!(total.to_string(), "1 828 204,00 €");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Cents(pub i64);

impl Cents {
    /// Zero euros.
    pub const ZERO: Cents = Cents(0);

    /// Whole euros to cents. Saturates at the bounds of `i64`.
    pub const fn from_euros(euros: i64) -> Cents {
        Cents(euros.saturating_mul(100))
    }

    /// Checked addition: `None` on overflow.
    pub fn checked_add(self, other: Cents) -> Option<Cents> {
        self.0.checked_add(other.0).map(Cents)
    }

    /// Checked multiplication by a count: `None` on overflow.
    pub fn checked_mul(self, n: i64) -> Option<Cents> {
        self.0.checked_mul(n).map(Cents)
    }

    /// Sums amounts; `None` on overflow.
    pub fn checked_sum<I: IntoIterator<Item = Cents>>(items: I) -> Option<Cents> {
        items
            .into_iter()
            .try_fold(Cents::ZERO, |acc, c| acc.checked_add(c))
    }

    /// This amount's share in basis points, rounded to the nearest cent with halves
    /// rounded away from zero (the rounding rule used for every computed share).
    ///
    /// ```
    /// use oske::{Bp, Cents};
    /// // 0.75 % of 1 000 000,00 €
    /// assert_eq!(Cents::from_euros(1_000_000).share(Bp(75)), Cents::from_euros(7_500));
    /// // 0.75 % of 0,66 € is 0.495 cents: rounds down
    /// assert_eq!(Cents(66).share(Bp(75)), Cents(0));
    /// assert_eq!(Cents(200).share(Bp(75)), Cents(2)); // 1.5 cents → 2
    /// ```
    pub fn share(self, bp: Bp) -> Cents {
        let num = i128::from(self.0) * i128::from(bp.0);
        let q = num / 10_000;
        let r = num % 10_000;
        let rounded = if r.abs() * 2 >= 10_000 {
            q + num.signum()
        } else {
            q
        };
        // |self| * bp / 10_000 fits in i64 while bp <= 10_000; clamp otherwise.
        Cents(i64::try_from(rounded).unwrap_or(if rounded < 0 { i64::MIN } else { i64::MAX }))
    }

    /// The share `self / whole` in hundredths of a basis point (1e-6), for exact
    /// comparison without floats. `None` when `whole` is zero.
    pub fn ratio_micro(self, whole: Cents) -> Option<i128> {
        if whole.0 == 0 {
            return None;
        }
        Some(i128::from(self.0) * 1_000_000 / i128::from(whole.0))
    }
}

impl fmt::Display for Cents {
    /// Finnish style: `1 828 204,00 €`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_wide_cents(i128::from(self.0)))
    }
}

/// A share in basis points: 1 bp = 0.01 %, so 75 % is `Bp(7500)` and 0.75 % is `Bp(75)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Bp(pub u32);

impl fmt::Display for Bp {
    /// `75 %`, `0.75 %`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 100;
        let frac = self.0 % 100;
        if frac == 0 {
            write!(f, "{whole} %")
        } else if frac % 10 == 0 {
            write!(f, "{whole}.{} %", frac / 10)
        } else {
            write!(f, "{whole}.{frac:02} %")
        }
    }
}

/// An amount of cents wider than [`Cents`] holds (an exact sum of many amounts),
/// written as [`Cents`] is: `1 828 204,00 €`.
pub(crate) fn format_wide_cents(cents: i128) -> String {
    let neg = cents < 0;
    let abs = cents.unsigned_abs();
    let euros = (abs / 100).to_string();
    let mut grouped = String::with_capacity(euros.len() + euros.len() / 3 + 8);
    if neg {
        grouped.push('-');
    }
    for (i, ch) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(ch);
    }
    format!("{grouped},{:02} €", abs % 100)
}

// `#[serde(transparent)]`: read as the number inside (`crate::json_read`).
impl crate::json_read::FromJson for Cents {
    fn read_json(de: crate::json_tree::NodeDe<'_>) -> Result<Self, crate::json_tree::DeError> {
        i64::read_json(de).map(Cents)
    }
}

impl crate::json_read::FromJson for Bp {
    fn read_json(de: crate::json_tree::NodeDe<'_>) -> Result<Self, crate::json_tree::DeError> {
        u32::read_json(de).map(Bp)
    }
}

impl<'de> serde::Deserialize<'de> for Cents {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json_read::deserialize(d)
    }
}

impl<'de> serde::Deserialize<'de> for Bp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json_read::deserialize(d)
    }
}
