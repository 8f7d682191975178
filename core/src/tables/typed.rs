//! Typed cells: a table's values as the model holds them (dates, cents, whole
//! numbers, code names, lists), before any dialect writes them as text. The
//! tables' mappings (`mapping.rs`, rows placed by `export.rs`) produce them; the
//! CSV export formats them, and a caller that hands a table over in another form
//! (Arrow arrays, DataFrames) takes them as they are, with no text round trip.

use super::schema::ValueKind;
use super::value::{fmt_bool, fmt_cents, fmt_date, fmt_f64, fmt_percent, Dialect, LIST_SEPARATOR};
use super::vocab::{instrument_name, Coded};
use crate::evaluation::Instrument;
use crate::money::{Bp, Cents};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::fmt;

/// One cell of a table of the layout, typed as the model holds it; borrowed from
/// the document (`'a`). Which variant a column holds follows its
/// [`ValueKind`] ([`Cell::fits`]); an absent value is [`Cell::Empty`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Cell<'a> {
    /// No value (an empty cell).
    #[default]
    Empty,
    /// Text: an id, a reference, a registry code, free text or a code-list name.
    Text(&'a str),
    /// A whole number (any of the model's integer types, losslessly).
    Int(i128),
    /// Money, in cents.
    Cents(Cents),
    /// A percentage, in basis points.
    Percent(Bp),
    /// A measurement.
    Number(f64),
    /// A date.
    Date(NaiveDate),
    /// Yes or no.
    Bool(bool),
    /// A list of texts (ids, codes, free text).
    Texts(&'a [String]),
    /// A list of code-list names.
    Names(Names<'a>),
    /// A list of dates.
    Dates(&'a [NaiveDate]),
}

/// The names of a list of code-list values (service areas, roles, instruments…),
/// read from the model without copying it.
#[derive(Clone, Copy)]
pub struct Names<'a>(NamesOf<'a>);

#[derive(Clone, Copy)]
enum NamesOf<'a> {
    Coded(&'a dyn CodedList),
    Instruments(&'a [Instrument]),
}

/// A slice of code-list values, its names looked up by index.
trait CodedList {
    fn count(&self) -> usize;
    fn name_at(&self, i: usize) -> &'static str;
}

impl<T: Coded> CodedList for Vec<T> {
    fn count(&self) -> usize {
        self.len()
    }
    fn name_at(&self, i: usize) -> &'static str {
        self[i].name()
    }
}

impl<'a> Names<'a> {
    pub(crate) fn coded<T: Coded>(values: &'a Vec<T>) -> Names<'a> {
        Names(NamesOf::Coded(values))
    }

    pub(crate) fn instruments(values: &'a [Instrument]) -> Names<'a> {
        Names(NamesOf::Instruments(values))
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        match self.0 {
            NamesOf::Coded(v) => v.count(),
            NamesOf::Instruments(v) => v.len(),
        }
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The name of each value, in order, as the CSV export writes it (`other:NAME`
    /// for an instrument outside the list).
    pub fn iter(&self) -> impl Iterator<Item = Cow<'a, str>> + '_ {
        (0..self.len()).map(move |i| match self.0 {
            NamesOf::Coded(v) => Cow::Borrowed(v.name_at(i)),
            NamesOf::Instruments(v) => match &v[i] {
                Instrument::Other(_) => Cow::Owned(instrument_name(&v[i])),
                known => Cow::Borrowed(known_instrument(known)),
            },
        })
    }
}

/// The name of an instrument of the list (`other:NAME` is formatted by the caller).
fn known_instrument(i: &Instrument) -> &'static str {
    match i {
        Instrument::Avain => "avain",
        Instrument::Arvoa => "arvoa",
        Instrument::Suuntima => "suuntima",
        Instrument::Sosdigi => "sosdigi",
        Instrument::WelfareBarometer => "welfare_barometer",
        Instrument::Other(_) => "other",
    }
}

impl PartialEq for Names<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Names<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> Cell<'a> {
    /// Whether this cell may stand in a column of `kind` (empty cells fit every
    /// column).
    pub fn fits(&self, kind: &ValueKind) -> bool {
        match (self, kind) {
            (Cell::Empty, _) => true,
            (
                Cell::Text(_),
                ValueKind::Id
                | ValueKind::Ref(_)
                | ValueKind::Code(_)
                | ValueKind::Text
                | ValueKind::Enum(_),
            ) => true,
            (Cell::Int(_), ValueKind::Integer) => true,
            (Cell::Cents(_), ValueKind::Money) => true,
            (Cell::Percent(_), ValueKind::Percent) => true,
            (Cell::Number(_), ValueKind::Number) => true,
            (Cell::Date(_), ValueKind::Date) => true,
            (Cell::Bool(_), ValueKind::Bool) => true,
            (Cell::Texts(_), ValueKind::List(item)) => {
                matches!(
                    item,
                    ValueKind::Text | ValueKind::Ref(_) | ValueKind::Code(_)
                )
            }
            (Cell::Names(_), ValueKind::List(item)) => matches!(item, ValueKind::Enum(_)),
            (Cell::Dates(_), ValueKind::List(item)) => matches!(item, ValueKind::Date),
            _ => false,
        }
    }

    /// The cell as `dialect` writes it (before the CSV-injection guard): dates,
    /// money and percentages in the dialect's form, lists joined by `|` with `\` and
    /// `|` escaped, an empty cell as the empty text.
    pub fn to_text(&self, dialect: &Dialect) -> String {
        match *self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.to_owned(),
            Cell::Int(n) => n.to_string(),
            Cell::Cents(c) => fmt_cents(c, dialect),
            Cell::Percent(b) => fmt_percent(b, dialect),
            Cell::Number(v) => fmt_f64(v, dialect),
            Cell::Date(d) => fmt_date(d, dialect),
            Cell::Bool(b) => fmt_bool(b).to_owned(),
            Cell::Texts(items) => join(items.iter().map(String::as_str)),
            Cell::Names(names) => join(names.iter()),
            Cell::Dates(dates) => join(dates.iter().map(|d| fmt_date(*d, dialect))),
        }
    }
}

/// List items joined into one cell, `\` and `|` escaped (as `join_list`).
fn join<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(LIST_SEPARATOR);
        }
        for c in item.as_ref().chars() {
            if c == '\\' || c == LIST_SEPARATOR {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(s: &'a str) -> Self {
        Cell::Text(s)
    }
}

impl<'a> From<&'a String> for Cell<'a> {
    fn from(s: &'a String) -> Self {
        Cell::Text(s)
    }
}

impl<'a> From<&'a Vec<String>> for Cell<'a> {
    fn from(items: &'a Vec<String>) -> Self {
        Cell::Texts(items)
    }
}

impl<'a> From<&'a Vec<NaiveDate>> for Cell<'a> {
    fn from(dates: &'a Vec<NaiveDate>) -> Self {
        Cell::Dates(dates)
    }
}

impl<'a> From<Names<'a>> for Cell<'a> {
    fn from(names: Names<'a>) -> Self {
        Cell::Names(names)
    }
}

impl From<Cents> for Cell<'_> {
    fn from(c: Cents) -> Self {
        Cell::Cents(c)
    }
}

impl From<Bp> for Cell<'_> {
    fn from(b: Bp) -> Self {
        Cell::Percent(b)
    }
}

impl From<f64> for Cell<'_> {
    fn from(v: f64) -> Self {
        Cell::Number(v)
    }
}

impl From<NaiveDate> for Cell<'_> {
    fn from(d: NaiveDate) -> Self {
        Cell::Date(d)
    }
}

impl From<bool> for Cell<'_> {
    fn from(b: bool) -> Self {
        Cell::Bool(b)
    }
}

macro_rules! int_cells {
    ($($t:ty),*) => {$(
        impl From<$t> for Cell<'_> {
            fn from(n: $t) -> Self {
                Cell::Int(i128::from(n))
            }
        }
    )*};
}
int_cells!(u8, u16, u32, u64, i32, i64);

impl From<usize> for Cell<'_> {
    fn from(n: usize) -> Self {
        // usize is at most 64 bits on every target Rust supports.
        Cell::Int(n as i128)
    }
}

impl<'a, T: Into<Cell<'a>>> From<Option<T>> for Cell<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, Into::into)
    }
}
