//! Cell values: numbers with a decimal comma or point and thousands separators,
//! money in exact cents, percentages in basis points, dates, yes/no, and lists.

use crate::money::{Bp, Cents};
use chrono::NaiveDate;
use std::fmt::Write as _;

/// Which character marks decimals in numbers of the input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum DecimalMark {
    /// Decide per value: `12,5` and `12.5` are both 12.5, `1 234,5` and `1.234,5`
    /// are 1234.5; a value that could be read both ways (`1.234`, `1,234`) is
    /// reported as `csv.ambiguous-number`, never guessed.
    #[default]
    Auto,
    /// `.` marks decimals; `,` may only group thousands.
    Point,
    /// `,` marks decimals (Finnish); `.` may only group thousands.
    Comma,
}

impl std::str::FromStr for DecimalMark {
    type Err = String;

    /// `auto`, `point` (or `dot`, `.`), `comma` (or `,`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(DecimalMark::Auto),
            "point" | "dot" | "." => Ok(DecimalMark::Point),
            "comma" | "," => Ok(DecimalMark::Comma),
            _ => Err(format!(
                "unknown decimal mark {s:?}: expected auto, point or comma"
            )),
        }
    }
}

/// Why a number could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumError {
    /// Not a number of the expected form.
    Bad,
    /// The separator could be read both ways.
    Ambiguous(char),
}

/// A decimal number as written: sign, integer digits and fraction digits (borrowed
/// from the cell unless thousands separators had to be taken out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decimal<'a> {
    pub(crate) negative: bool,
    pub(crate) int: std::borrow::Cow<'a, str>,
    pub(crate) frac: &'a str,
}

fn is_space_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// What extra symbols a number may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    None,
    Euro,
    Percent,
}

/// Parses a decimal number. See [`DecimalMark`] for the rules.
pub(crate) fn parse_decimal(
    raw: &str,
    mark: DecimalMark,
    unit: Unit,
) -> Result<Decimal<'_>, NumError> {
    let mut s = raw.trim();
    match unit {
        Unit::Euro => {
            if let Some(r) = s.strip_suffix('€') {
                s = r.trim_end();
            } else if s.len() >= 3
                && s.is_char_boundary(s.len() - 3)
                && s[s.len() - 3..].eq_ignore_ascii_case("eur")
            {
                s = s[..s.len() - 3].trim_end();
            }
            if let Some(r) = s.strip_prefix('€') {
                s = r.trim_start();
            }
        }
        Unit::Percent => {
            if let Some(r) = s.strip_suffix('%') {
                s = r.trim_end();
            }
        }
        Unit::None => {}
    }
    let mut negative = false;
    if let Some(r) = s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        negative = true;
        s = r;
    } else if let Some(r) = s.strip_prefix('+') {
        s = r;
    }
    if s.is_empty() {
        return Err(NumError::Bad);
    }
    // Fast path: plain digits.
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Decimal {
            negative,
            int: std::borrow::Cow::Borrowed(s),
            frac: "",
        });
    }
    let mut dots = 0usize;
    let mut commas = 0usize;
    let mut spaces = false;
    let mut last_mark = None;
    for c in s.chars() {
        match c {
            '0'..='9' => {}
            '.' => {
                dots += 1;
                last_mark = Some('.');
            }
            ',' => {
                commas += 1;
                last_mark = Some(',');
            }
            c if is_space_sep(c) => spaces = true,
            _ => return Err(NumError::Bad),
        }
    }
    let decimal: Option<char> = match (dots, commas) {
        (0, 0) => None,
        (_, _) if dots > 0 && commas > 0 => {
            let d = last_mark.ok_or(NumError::Bad)?;
            let ok = match mark {
                DecimalMark::Auto => true,
                DecimalMark::Point => d == '.',
                DecimalMark::Comma => d == ',',
            };
            let count = if d == '.' { dots } else { commas };
            if !ok || count != 1 {
                return Err(NumError::Bad);
            }
            Some(d)
        }
        _ => {
            let c = if dots > 0 { '.' } else { ',' };
            let count = dots + commas;
            let decimal_here = match mark {
                DecimalMark::Point => c == '.',
                DecimalMark::Comma => c == ',',
                DecimalMark::Auto => {
                    if count > 1 {
                        false
                    } else if spaces {
                        true
                    } else {
                        let (int, frac) = s.split_once(c).ok_or(NumError::Bad)?;
                        if frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0')
                        {
                            return Err(NumError::Ambiguous(c));
                        }
                        true
                    }
                }
            };
            if decimal_here && count > 1 {
                return Err(NumError::Bad);
            }
            decimal_here.then_some(c)
        }
    };
    let (int_part, frac_part) = match decimal {
        Some(d) => s.split_once(d).ok_or(NumError::Bad)?,
        None => (s, ""),
    };
    if !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumError::Bad);
    }
    // Integer part: digits in groups of three after the first, separated by spaces
    // or the grouping mark.
    let mut groups = 0usize;
    let mut group_len = 0usize;
    let mut digits = 0usize;
    for c in int_part.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            group_len += 1;
        } else {
            // A separator: the group before it must be valid.
            if group_len == 0 || (groups == 0 && group_len > 3) || (groups > 0 && group_len != 3) {
                return Err(NumError::Bad);
            }
            groups += 1;
            group_len = 0;
        }
    }
    if groups > 0 && group_len != 3 {
        return Err(NumError::Bad);
    }
    if digits == 0 && frac_part.is_empty() {
        return Err(NumError::Bad);
    }
    // Without separators the digits are the integer part as written.
    let int = if groups == 0 {
        std::borrow::Cow::Borrowed(int_part)
    } else {
        std::borrow::Cow::Owned(int_part.chars().filter(char::is_ascii_digit).collect())
    };
    Ok(Decimal {
        negative,
        int,
        frac: frac_part,
    })
}

fn digits_value(digits: &str) -> Option<i128> {
    let mut v: i128 = 0;
    for b in digits.bytes() {
        v = v.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    Some(v)
}

/// Money in exact cents: at most two decimals, never through floating point.
pub(crate) fn parse_cents(raw: &str, mark: DecimalMark) -> Result<Cents, NumError> {
    let d = parse_decimal(raw, mark, Unit::Euro)?;
    if d.frac.len() > 2 {
        return Err(NumError::Bad);
    }
    let euros = digits_value(&d.int).ok_or(NumError::Bad)?;
    let mut frac = digits_value(d.frac).ok_or(NumError::Bad)?;
    if d.frac.len() == 1 {
        frac *= 10;
    }
    let cents = euros
        .checked_mul(100)
        .and_then(|e| e.checked_add(frac))
        .ok_or(NumError::Bad)?;
    let cents = if d.negative { -cents } else { cents };
    i64::try_from(cents).map(Cents).map_err(|_| NumError::Bad)
}

/// A whole number in `min..=max`; a fraction of zeros (`12,00`) is accepted.
/// Plain digits (the usual cell: `2`) are read at once; anything else as
/// [`parse_decimal`] reads it (the same answer for plain digits).
#[inline]
pub(crate) fn parse_int(
    raw: &str,
    mark: DecimalMark,
    min: i128,
    max: i128,
) -> Result<i128, NumError> {
    let b = raw.as_bytes();
    if !b.is_empty() && b.len() <= 18 && b.iter().all(u8::is_ascii_digit) {
        // At most 18 digits: no overflow in a u64.
        let v = b.iter().fold(0u64, |v, &d| v * 10 + u64::from(d - b'0'));
        let v = i128::from(v);
        return if v < min || v > max {
            Err(NumError::Bad)
        } else {
            Ok(v)
        };
    }
    parse_int_general(raw, mark, min, max)
}

/// [`parse_int`] for every form: signs, white space, thousands separators, a
/// fraction of zeros.
#[inline(never)]
fn parse_int_general(raw: &str, mark: DecimalMark, min: i128, max: i128) -> Result<i128, NumError> {
    let d = parse_decimal(raw, mark, Unit::None)?;
    if d.frac.bytes().any(|b| b != b'0') {
        return Err(NumError::Bad);
    }
    let v = digits_value(&d.int).ok_or(NumError::Bad)?;
    let v = if d.negative { -v } else { v };
    if v < min || v > max {
        return Err(NumError::Bad);
    }
    Ok(v)
}

/// A finite number.
pub(crate) fn parse_f64(raw: &str, mark: DecimalMark) -> Result<f64, NumError> {
    let d = parse_decimal(raw, mark, Unit::None)?;
    let mut s = String::with_capacity(d.int.len() + d.frac.len() + 3);
    if d.negative {
        s.push('-');
    }
    s.push_str(if d.int.is_empty() { "0" } else { &d.int });
    if !d.frac.is_empty() {
        s.push('.');
        s.push_str(d.frac);
    }
    let v: f64 = s.parse().map_err(|_| NumError::Bad)?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(NumError::Bad)
    }
}

/// A percentage with at most two decimals, as basis points (`0,75 %` → 75).
pub(crate) fn parse_percent(raw: &str, mark: DecimalMark) -> Result<Bp, NumError> {
    let d = parse_decimal(raw, mark, Unit::Percent)?;
    if d.negative || d.frac.len() > 2 {
        return Err(NumError::Bad);
    }
    let whole = digits_value(&d.int).ok_or(NumError::Bad)?;
    let mut frac = digits_value(d.frac).ok_or(NumError::Bad)?;
    if d.frac.len() == 1 {
        frac *= 10;
    }
    let bp = whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(frac))
        .ok_or(NumError::Bad)?;
    u32::try_from(bp).map(Bp).map_err(|_| NumError::Bad)
}

/// Yes/no in English, Finnish and Swedish (and as Excel shows booleans in Finnish
/// and Swedish: TOSI/EPÄTOSI, SANT/FALSKT).
pub(crate) fn parse_bool(raw: &str) -> Option<bool> {
    const TRUE: [&str; 9] = ["true", "yes", "1", "x", "kyllä", "k", "ja", "tosi", "sant"];
    const FALSE: [&str; 8] = ["false", "no", "0", "ei", "e", "nej", "epätosi", "falskt"];
    let t = raw.trim().to_lowercase();
    if TRUE.contains(&t.as_str()) {
        Some(true)
    } else if FALSE.contains(&t.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// The list separator inside one cell.
pub const LIST_SEPARATOR: char = '|';

/// Splits a list cell: items are separated by `|`; `\|` is a literal bar and `\\` a
/// literal backslash (any other backslash is kept as it is). An empty cell is an
/// empty list.
pub fn split_list(cell: &str) -> Vec<String> {
    list_items(cell).map(|c| c.into_owned()).collect()
}

/// The items of a list cell, borrowed from the cell when they hold no escape.
pub(crate) fn list_items(cell: &str) -> ListItems<'_> {
    ListItems {
        rest: (!cell.is_empty()).then_some(cell),
        escaped: false,
    }
}

/// Appends the items of a list cell, each through `parse`, to `out`, up to the
/// first one `parse` refuses; false when one was refused. A vector with no
/// allocation yet (a new entity's list) is allocated at the list's size when it
/// has one or two items, rather than at four or eight.
#[inline]
pub(crate) fn parse_list_into<T>(
    cell: &str,
    out: &mut Vec<T>,
    mut parse: impl FnMut(&str) -> Option<T>,
) -> bool {
    let mut items = list_items(cell);
    if out.capacity() == 0 {
        let Some(a) = items.next() else {
            return true;
        };
        let Some(a) = parse(&a) else {
            return false;
        };
        let Some(b) = items.next() else {
            *out = vec![a];
            return true;
        };
        let Some(b) = parse(&b) else {
            *out = vec![a];
            return false;
        };
        *out = Vec::with_capacity(if items.is_done() { 2 } else { 4 });
        out.push(a);
        out.push(b);
    }
    for item in items {
        match parse(&item) {
            Some(v) => out.push(v),
            None => return false,
        }
    }
    true
}

/// The iterator [`list_items`] returns.
pub(crate) struct ListItems<'a> {
    rest: Option<&'a str>,
    /// A `\` was seen: the rest is read with escapes. (Items before the first `\`
    /// read the same either way.)
    escaped: bool,
}

/// The first `|` or `\` in `h`, eight bytes at a time (cells are short: this beats
/// a call to memchr).
fn find_bar_or_backslash(h: &[u8]) -> Option<usize> {
    const LO: u64 = u64::from_le_bytes([1; 8]);
    const HI: u64 = u64::from_le_bytes([0x80; 8]);
    let bars = LO * u64::from(LIST_SEPARATOR as u8);
    let slashes = LO * u64::from(b'\\');
    let mut words = h.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let w = u64::from_le_bytes(w);
        let (x, y) = (w ^ bars, w ^ slashes);
        // The lowest set bit marks the first zero byte of x or y (bits above it may
        // be wrong; they are not used).
        let zero = ((x.wrapping_sub(LO) & !x) | (y.wrapping_sub(LO) & !y)) & HI;
        if zero != 0 {
            return Some(at + (zero.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| b == LIST_SEPARATOR as u8 || b == b'\\')
        .map(|p| at + p)
}

impl<'a> Iterator for ListItems<'a> {
    type Item = std::borrow::Cow<'a, str>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        use std::borrow::Cow;
        let s = self.rest?;
        if !self.escaped {
            match find_bar_or_backslash(s.as_bytes()) {
                None => {
                    self.rest = None;
                    return Some(Cow::Borrowed(s));
                }
                Some(i) if s.as_bytes().get(i) == Some(&(LIST_SEPARATOR as u8)) => {
                    self.rest = s.get(i + 1..);
                    return Some(Cow::Borrowed(s.get(..i).unwrap_or_default()));
                }
                Some(_) => self.escaped = true,
            }
        }
        Some(Cow::Owned(self.next_escaped(s)))
    }
}

impl<'a> ListItems<'a> {
    /// True when no item is left.
    #[inline]
    pub(crate) fn is_done(&self) -> bool {
        self.rest.is_none()
    }

    /// The next item of a cell with escapes, unescaped.
    #[cold]
    fn next_escaped(&mut self, s: &'a str) -> String {
        let mut cur = String::new();
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.peek() {
                    Some(&(_, n)) if n == LIST_SEPARATOR || n == '\\' => {
                        cur.push(n);
                        chars.next();
                    }
                    _ => cur.push('\\'),
                },
                c if c == LIST_SEPARATOR => {
                    self.rest = s.get(i + 1..);
                    return cur;
                }
                c => cur.push(c),
            }
        }
        self.rest = None;
        cur
    }
}

/// A date written `d.m.yyyy` or `yyyy-mm-dd`: a fast path for the usual forms, the
/// crate's [`crate::date::parse_date`] for everything else (same answers). The
/// fast path is inlined where a cell is read; the general parser is not.
#[inline]
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    match fast_date(s.as_bytes()) {
        Some(d) => Some(d),
        None => general_date(s),
    }
}

/// Dates read before, by the text of their cell: a large table's date columns
/// repeat a few hundred dates, and a date found here costs a quarter of reading
/// it ([`parse_date`]: digits, then chrono's checked constructor). Off (empty,
/// no allocation) unless made with [`DateMemo::on`]; a date read through it is
/// the one [`parse_date`] gives, a cell that is no date is read afresh each time.
#[derive(Default)]
pub(crate) struct DateMemo(Vec<Remembered>);

/// One date of a [`DateMemo`]: a cell of `len` (8 to 16) bytes, its first eight
/// bytes `head` and last eight `tail` (which together are all of them), and its
/// date. `len` 0: an empty slot.
#[derive(Default, Clone, Copy)]
struct Remembered {
    head: u64,
    tail: u64,
    date: NaiveDate,
    len: u8,
}

impl DateMemo {
    /// Slots (direct-mapped by the cell's text; 24 KiB): room for the days of a
    /// few years in the two forms, few of them taken twice.
    const SLOTS: usize = 1024;

    /// A memo that remembers.
    pub(crate) fn on() -> DateMemo {
        DateMemo(vec![Remembered::default(); Self::SLOTS])
    }

    /// Turns the memo on (if off).
    #[inline]
    pub(crate) fn turn_on(&mut self) {
        if self.0.is_empty() {
            *self = DateMemo::on();
        }
    }

    /// [`parse_date`]`(s)`, remembered.
    #[inline(always)]
    pub(crate) fn parse(&mut self, s: &str) -> Option<NaiveDate> {
        let b = s.as_bytes();
        let (Some(head), Some(tail)) = (b.first_chunk::<8>(), b.last_chunk::<8>()) else {
            return parse_date(s);
        };
        if b.len() > 16 {
            return parse_date(s);
        }
        let (head, tail) = (u64::from_le_bytes(*head), u64::from_le_bytes(*tail));
        let hash =
            (head ^ tail.rotate_left(29) ^ b.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // The top ten bits: one of the slots (none when off).
        let Some(slot) = self.0.get_mut((hash >> 54) as usize) else {
            return parse_date(s);
        };
        // `len` is at most 16: the cast is exact.
        let len = b.len() as u8;
        if slot.len == len && slot.head == head && slot.tail == tail {
            return Some(slot.date);
        }
        let date = parse_date(s)?;
        *slot = Remembered {
            head,
            tail,
            date,
            len,
        };
        Some(date)
    }
}

/// [`crate::date::parse_date`], kept out of line (the unusual forms).
#[inline(never)]
fn general_date(s: &str) -> Option<NaiveDate> {
    crate::date::parse_date(s).ok()
}

/// True when every byte of `w` is an ASCII digit (simdjson's eight-digit test: a
/// byte ≥ 0xFA may carry into the next one, but its own high nibble already fails).
#[inline(always)]
fn eight_digits(w: u64) -> bool {
    const HI: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    (w & HI) | ((w.wrapping_add(0x0606_0606_0606_0606) & HI) >> 4) == 0x3333_3333_3333_3333
}

/// `yyyy-mm-dd`, or `d.m.yyyy` with one or two digits of day and month, read
/// straight from the bytes; `None` for anything else (and for no such day).
/// ISO dates are checked eight bytes at a time.
#[inline]
fn fast_date(b: &[u8]) -> Option<NaiveDate> {
    #[inline(always)]
    fn digit(b: u8) -> Option<u32> {
        let d = b.wrapping_sub(b'0');
        (d < 10).then_some(u32::from(d))
    }
    if let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *b {
        // The dashes read as zeros, then all eight bytes must be digits.
        let w = u64::from_le_bytes([y1, y2, y3, y4, b'0', m1, m2, b'0']);
        if !eight_digits(w) {
            return None;
        }
        let v = w.wrapping_sub(0x3030_3030_3030_3030).to_le_bytes();
        let y = ((u32::from(v[0]) * 10 + u32::from(v[1])) * 10 + u32::from(v[2])) * 10
            + u32::from(v[3]);
        let m = u32::from(v[5]) * 10 + u32::from(v[6]);
        let d = digit(d1)? * 10 + digit(d2)?;
        // `y` < 10 000: the cast is exact.
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    // `d.m.yyyy`: the year is the last four bytes, after a dot.
    let (head, year) = b.split_last_chunk::<5>()?;
    let [b'.', y1, y2, y3, y4] = *year else {
        return None;
    };
    let y = ((digit(y1)? * 10 + digit(y2)?) * 10 + digit(y3)?) * 10 + digit(y4)?;
    let (d, m) = match *head {
        [d, b'.', m] => (digit(d)?, digit(m)?),
        [d1, d2, b'.', m] => (digit(d1)? * 10 + digit(d2)?, digit(m)?),
        [d, b'.', m1, m2] => (digit(d)?, digit(m1)? * 10 + digit(m2)?),
        [d1, d2, b'.', m1, m2] => (digit(d1)? * 10 + digit(d2)?, digit(m1)? * 10 + digit(m2)?),
        _ => return None,
    };
    // `y` < 10 000: the cast is exact.
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// Joins list items into one cell, escaping `\` and `|`.
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
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

/// How values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dialect {
    /// The cell delimiter (`,` or `;`, or a tab).
    pub delimiter: u8,
    /// Write a UTF-8 byte-order mark first (Excel needs it to read UTF-8).
    pub bom: bool,
    /// End lines with CR LF rather than LF.
    pub crlf: bool,
    /// Write decimals with a comma (`1828204,00`).
    pub decimal_comma: bool,
    /// Write dates as `d.m.yyyy` rather than ISO 8601.
    pub finnish_dates: bool,
    /// Group thousands of money with a no-break space (`1 828 204,00`).
    pub group_thousands: bool,
    /// Neutralise cells a spreadsheet would run as a formula (OWASP's CSV-injection
    /// guidance): a cell starting with `=`, `+`, `-`, `@`, tab or carriage return is
    /// written with a `'` before it (plain numbers such as `-12,50` excepted). The
    /// reader removes that `'` again, so the text round-trips. See
    /// `docs/csv-injection.md`.
    pub guard_formulas: bool,
}

impl Dialect {
    /// The default: UTF-8 without BOM, `,`, LF, decimal point, ISO dates,
    /// `1828204.00`.
    pub const STANDARD: Dialect = Dialect {
        delimiter: b',',
        bom: false,
        crlf: false,
        decimal_comma: false,
        finnish_dates: false,
        group_thousands: false,
        guard_formulas: false,
    };

    /// "Excel, Finnish": UTF-8 with BOM, `;`, CR LF, decimal comma, `d.m.yyyy`,
    /// money `1828204,00` (no grouping: Excel reads it as a number whatever the
    /// Windows digit-grouping symbol is), formula-like cells neutralised.
    pub const EXCEL_FI: Dialect = Dialect {
        delimiter: b';',
        bom: true,
        crlf: true,
        decimal_comma: true,
        finnish_dates: true,
        group_thousands: false,
        guard_formulas: true,
    };

    /// `standard` or `excel-fi` (also `excel_fi`, `excel`).
    pub fn from_name(name: &str) -> Option<Dialect> {
        match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "standard" | "utf-8" | "utf8" | "default" => Some(Dialect::STANDARD),
            "excel-fi" | "excel" | "excel-finnish" => Some(Dialect::EXCEL_FI),
            _ => None,
        }
    }
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect::STANDARD
    }
}

/// True for a plain number a spreadsheet reads as a number, never as a formula:
/// an optional sign, then digits with at most one decimal mark and spaces.
fn plain_number(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mut marks = 0;
    let mut digits = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => digits += 1,
            '.' | ',' => marks += 1,
            ' ' | '\u{00A0}' | '\u{202F}' => {}
            _ => return false,
        }
    }
    digits > 0 && marks <= 1
}

/// True when a cell must get a `'` before it in formula-guarded output: it starts
/// with `=`, `+`, `-`, `@`, tab or CR (and is not a plain number), or it starts
/// with `'` and the rest is such a cell (so that removing one `'` on reading gives
/// back exactly what was written).
pub(crate) fn needs_formula_guard(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !plain_number(s),
        Some(b'\'') => needs_formula_guard(s.get(1..).unwrap_or_default()),
        _ => false,
    }
}

/// A cell as written in `dialect`: with a `'` before it when it needs a guard.
/// Without the dialect's guard, only a cell that already starts with a guarding
/// `'` gets one more, so that every dialect reads back the same text.
pub(crate) fn guard_cell<'a>(s: &'a str, dialect: &Dialect) -> std::borrow::Cow<'a, str> {
    let guard = match s.as_bytes().first() {
        None => false,
        Some(b'\'') => needs_formula_guard(s),
        Some(_) => dialect.guard_formulas && needs_formula_guard(s),
    };
    if guard {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A cell as read: a guarding `'` (see [`guard_cell`]) removed.
#[inline]
pub(crate) fn unguard(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(b'\'') if needs_formula_guard(&s[1..]) => &s[1..],
        _ => s,
    }
}

pub(crate) fn fmt_date(d: NaiveDate, dialect: &Dialect) -> String {
    if dialect.finnish_dates {
        crate::date::format_date_fi(d)
    } else {
        crate::date::format_date_iso(d)
    }
}

pub(crate) fn fmt_cents(c: Cents, dialect: &Dialect) -> String {
    let neg = c.0 < 0;
    let abs = c.0.unsigned_abs();
    let euros = (abs / 100).to_string();
    let mut out = String::with_capacity(euros.len() + 8);
    if neg {
        out.push('-');
    }
    if dialect.group_thousands {
        for (i, ch) in euros.chars().enumerate() {
            if i > 0 && (euros.len() - i) % 3 == 0 {
                out.push('\u{00A0}');
            }
            out.push(ch);
        }
    } else {
        out.push_str(&euros);
    }
    out.push(if dialect.decimal_comma { ',' } else { '.' });
    let _ = write!(out, "{:02}", abs % 100);
    out
}

pub(crate) fn fmt_percent(b: Bp, dialect: &Dialect) -> String {
    format!(
        "{}{}{:02}",
        b.0 / 100,
        if dialect.decimal_comma { ',' } else { '.' },
        b.0 % 100
    )
}

/// Writes a measurement so that it reads back as the same `f64` and is never
/// ambiguous: exactly three decimals get a trailing zero (`1.234` → `1.2340`).
pub(crate) fn fmt_f64(v: f64, dialect: &Dialect) -> String {
    let mut s = v.to_string();
    if let Some(dot) = s.find('.') {
        if s.len() - dot - 1 == 3 {
            s.push('0');
        }
        if dialect.decimal_comma {
            s.replace_range(dot..=dot, ",");
        }
    }
    s
}

pub(crate) fn fmt_bool(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecimalMark::*;

    #[test]
    fn money_forms_from_the_field() {
        let m = |s| parse_cents(s, Auto);
        assert_eq!(m("1 828 204 €"), Ok(Cents(182_820_400)));
        assert_eq!(m("1 828 204,00"), Ok(Cents(182_820_400)));
        assert_eq!(m("1\u{a0}828\u{a0}204,00"), Ok(Cents(182_820_400)));
        assert_eq!(m("1828204.00"), Ok(Cents(182_820_400)));
        assert_eq!(m("1.828.204,5"), Ok(Cents(182_820_450)));
        assert_eq!(m("1,828,204.05"), Ok(Cents(182_820_405)));
        assert_eq!(m("€ 20 000"), Ok(Cents(2_000_000)));
        assert_eq!(m("-2 000 EUR"), Ok(Cents(-200_000)));
        assert_eq!(m("0,5"), Ok(Cents(50)));
        assert_eq!(m("1.234"), Err(NumError::Ambiguous('.')));
        assert_eq!(m("1,234"), Err(NumError::Ambiguous(',')));
        assert_eq!(parse_cents("1,234", Comma), Err(NumError::Bad));
        assert_eq!(parse_cents("1.234", Comma), Ok(Cents(123_400)));
        assert_eq!(parse_cents("1,234", Point), Ok(Cents(123_400)));
        assert_eq!(m("12 34"), Err(NumError::Bad));
        assert_eq!(m("1,2,3"), Err(NumError::Bad));
        assert_eq!(m("abc"), Err(NumError::Bad));
        assert_eq!(m("€"), Err(NumError::Bad));
        assert_eq!(m("99999999999999999999"), Err(NumError::Bad));
        assert_eq!(m("0.125"), Err(NumError::Bad));
    }

    #[test]
    fn numbers_and_percentages() {
        assert_eq!(parse_f64("12,5", Auto), Ok(12.5));
        assert_eq!(parse_f64("-0,25", Auto), Ok(-0.25));
        assert_eq!(parse_f64("1 234,5", Auto), Ok(1234.5));
        assert_eq!(parse_f64("1.2340", Auto), Ok(1.234));
        assert_eq!(parse_f64("0.123", Auto), Ok(0.123));
        assert_eq!(parse_f64("1.234", Auto), Err(NumError::Ambiguous('.')));
        assert_eq!(parse_f64("1.234", Point), Ok(1.234));
        assert_eq!(parse_f64("NaN", Auto), Err(NumError::Bad));
        assert_eq!(parse_percent("0,75 %", Auto), Ok(Bp(75)));
        assert_eq!(parse_percent("75", Auto), Ok(Bp(7500)));
        assert_eq!(parse_percent("0.755", Auto), Err(NumError::Bad));
        assert_eq!(
            parse_int("188 719", Auto, 0, i128::from(u64::MAX)),
            Ok(188_719)
        );
        assert_eq!(parse_int("12,00", Auto, 0, 100), Ok(12));
        assert_eq!(parse_int("12,5", Auto, 0, 100), Err(NumError::Bad));
        assert_eq!(parse_int("-1", Auto, 0, 100), Err(NumError::Bad));
    }

    #[test]
    fn formatting_reads_back() {
        let fi = Dialect::EXCEL_FI;
        assert_eq!(
            fmt_cents(Cents(182_820_400), &Dialect::STANDARD),
            "1828204.00"
        );
        assert_eq!(fmt_cents(Cents(182_820_400), &fi), "1828204,00");
        let grouped = Dialect {
            group_thousands: true,
            ..fi
        };
        assert_eq!(
            fmt_cents(Cents(-182_820_405), &grouped),
            "-1\u{a0}828\u{a0}204,05"
        );
        assert_eq!(
            parse_cents(&fmt_cents(Cents(-182_820_405), &grouped), Auto),
            Ok(Cents(-182_820_405))
        );
        assert_eq!(fmt_percent(Bp(75), &fi), "0,75");
        assert_eq!(fmt_f64(1.234, &fi), "1,2340");
        for v in [1.234, 0.1, -5.0, 1e21, 1e-7, 123456.789, 2.5e-300] {
            for d in [Dialect::STANDARD, fi] {
                assert_eq!(parse_f64(&fmt_f64(v, &d), Auto), Ok(v), "{v}");
            }
        }
    }

    /// The list rule as first written (escapes decided for the whole cell, char by
    /// char): the word-at-a-time reader must give the same items.
    fn reference_items(cell: &str) -> Vec<String> {
        if cell.is_empty() {
            return Vec::new();
        }
        if !cell.contains('\\') {
            return cell.split(LIST_SEPARATOR).map(str::to_owned).collect();
        }
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut chars = cell.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.peek() {
                    Some(&n) if n == LIST_SEPARATOR || n == '\\' => {
                        cur.push(n);
                        chars.next();
                    }
                    _ => cur.push('\\'),
                },
                c if c == LIST_SEPARATOR => out.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        out.push(cur);
        out
    }

    /// Every string of up to `n` symbols of `alphabet`, the empty one first.
    fn every_cell(alphabet: &[&str], n: usize) -> Vec<String> {
        let mut cells = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..n {
            last = last
                .iter()
                .flat_map(|c| alphabet.iter().map(move |a| format!("{c}{a}")))
                .collect();
            cells.extend(last.iter().cloned());
        }
        cells
    }

    #[test]
    fn list_items_agree_with_the_reference_rule() {
        // Every cell of up to 5 symbols from a small alphabet, and longer ones that
        // cross the eight-byte words.
        let alphabet = ["a", "|", "\\", "ä", "x"];
        let mut cells = every_cell(&alphabet, 5);
        for long in [
            "child_protection|adult_social_work",
            "aaaaaaaaaaaaaaaaaaaaaaa|bbbbbbbbbbbbbbbbbb\\|c|",
            "ääääääääää|\\\\|aaaaaaaaaaaaaaaaa\\x|",
            "0123456|0123456|01234567|",
        ] {
            cells.push(long.to_owned());
            cells.push(format!("{long}{long}"));
        }
        assert_eq!(cells.len(), 3906 + 8);
        for cell in &cells {
            let got: Vec<String> = list_items(cell).map(|c| c.into_owned()).collect();
            assert_eq!(got, reference_items(cell), "{cell:?}");
        }
    }

    #[test]
    fn parsing_a_list_into_a_vector_keeps_the_items_before_the_first_refused() {
        // Every cell of up to 5 symbols, with an item that `parse` refuses (one
        // holding an `x`), into a new vector and into one that holds items already.
        let alphabet = ["a", "|", "\\", "x", "bb"];
        let cells = every_cell(&alphabet, 5);
        let parse = |s: &str| (!s.contains('x')).then(|| s.to_owned());
        for cell in &cells {
            let mut want = Vec::new();
            let mut all = true;
            for item in reference_items(cell) {
                match parse(&item) {
                    Some(v) => want.push(v),
                    None => {
                        all = false;
                        break;
                    }
                }
            }
            let mut fresh = Vec::new();
            assert_eq!(parse_list_into(cell, &mut fresh, parse), all, "{cell:?}");
            assert_eq!(fresh, want, "{cell:?}");
            // One allocation at the list's size for a list of one or two items.
            if all && want.len() <= 2 {
                assert_eq!(fresh.capacity(), want.len(), "{cell:?}");
            }
            let mut held = vec!["held".to_owned()];
            assert_eq!(parse_list_into(cell, &mut held, parse), all, "{cell:?}");
            assert_eq!(held[0], "held");
            assert_eq!(held[1..], want[..], "{cell:?}");
        }
        assert_eq!(cells.len(), 3906);
    }

    #[test]
    fn lists_escape_the_separator() {
        let items = vec!["a|b".to_string(), "c\\d".into(), "".into(), "e".into()];
        let cell = join_list(&items);
        assert_eq!(cell, "a\\|b|c\\\\d||e");
        assert_eq!(split_list(&cell), items);
        assert_eq!(split_list(""), Vec::<String>::new());
        assert_eq!(split_list("C:\\temp"), vec!["C:\\temp".to_string()]);
    }

    /// The memo gives what `parse_date` gives, on and off, for cells read again
    /// and again in an order that makes slots change hands (more cells than
    /// slots), cells of 8 to 16 bytes that share their first or last eight bytes,
    /// and cells that are no date or too short or too long to be remembered.
    #[test]
    fn remembered_dates_are_the_dates_read_afresh() {
        let mut cells: Vec<String> = Vec::new();
        let mut d = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
        while d.format("%Y").to_string() != "2022" {
            cells.push(d.format("%-d.%-m.%Y").to_string());
            cells.push(d.format("%d.%m.%Y").to_string());
            cells.push(d.format("%Y-%m-%d").to_string());
            d = d.succ_opt().unwrap();
        }
        for s in [
            "1.1.2020",
            "11.1.2020",
            "1.11.2020",
            "11.11.2020",
            "01.1.2020",
            "2020-01-01",
            "2020-01-011",
            "12020-01-01",
            "31.2.2020",
            "2020-02-30",
            "1.1.20",
            "1.1.2020 ",
            " 1.1.2020",
            "1.1.2020.",
            "x.1.2020",
            "14.2.2018 12:00",
            "2018-02-14T00:00:00",
            "",
            "1",
            "43831",
            "1.1.20201",
            "2020-1-1",
            "1.1.2020xxxxxxxxxxx",
            "+10000-01-01",
        ] {
            cells.push(s.to_owned());
        }
        let mut on = DateMemo::on();
        let mut off = DateMemo::default();
        let mut read = 0;
        for round in 0..3 {
            for (i, s) in cells.iter().enumerate() {
                // Each round in another order.
                let s = if round == 1 {
                    &cells[cells.len() - 1 - i]
                } else {
                    s
                };
                let want = parse_date(s);
                assert_eq!(on.parse(s), want, "{s:?}");
                assert_eq!(off.parse(s), want, "{s:?}");
                read += usize::from(want.is_some());
            }
        }
        assert!(off.0.is_empty());
        assert_eq!(on.0.len(), DateMemo::SLOTS);
        // Three years in three forms and nine of the list (six dates, two with a
        // space around, one expanded year), three times.
        assert_eq!(read, 3 * (3 * 1096 + 9));
    }

    #[test]
    fn the_fast_date_path_agrees_with_the_crate() {
        for s in [
            "14.2.2018",
            "1.11.2008",
            "01.01.2020",
            "31.2.2020",
            " 1.1.2020",
            "2018-02-14",
            "2018-2-14",
            "2018-02-30",
            "1.1.20",
            "1.1.2020.",
            "x.1.2020",
            "1..2020",
            "0.1.2020",
            "29.2.2020",
            "29.2.2019",
            "2020-13-01",
            "",
            "12.12.12345",
        ] {
            assert_eq!(parse_date(s), crate::date::parse_date(s).ok(), "{s:?}");
        }
    }

    /// The fast path (eight-byte digit test for ISO dates, patterns for `d.m.yyyy`)
    /// gives the general parser's answer: every day of 1899–2101 in every form
    /// written, impossible days, and random strings of digits, dots, dashes, white
    /// space and bytes next to the digits (`/`, `:`, 0xFA…) — text a spreadsheet
    /// leaves in a date cell (an Excel serial `43831`, `43831,0`, a time).
    #[test]
    fn the_fast_date_path_agrees_with_the_general_parser() {
        use chrono::Datelike;
        let check = |s: &str| {
            assert_eq!(parse_date(s), crate::date::parse_date(s).ok(), "{s:?}");
        };
        let mut d = NaiveDate::from_ymd_opt(1899, 1, 1).unwrap();
        let mut n = 0;
        while d.year() <= 2101 {
            let (y, m, day) = (d.year(), d.month(), d.day());
            for s in [
                format!("{day}.{m}.{y}"),
                format!("{day:02}.{m:02}.{y}"),
                format!("{day:02}.{m}.{y}"),
                format!("{day}.{m:02}.{y}"),
                format!("{y}-{m:02}-{day:02}"),
            ] {
                assert_eq!(parse_date(&s), Some(d), "{s}");
                check(&s);
                n += 1;
            }
            d = d.succ_opt().unwrap();
        }
        assert!(n > 370_000, "{n}");
        for s in [
            "30.2.2020",
            "31.4.2021",
            "29.2.1900",
            "29.2.2000",
            "0.0.0000",
            "00.00.0000",
            "32.1.2020",
            "1.13.2020",
            "1.11.2008",
            "01.11.2008",
            "2008-11-01",
            "2008-11-1",
            "43831",
            "43831,0",
            "43831.5",
            "1.1.2020 12:00",
            "2020-01-01T00:00",
            " 1.1.2020",
            "1.1.2020 ",
            "\t2020-01-01",
            "+2020-01-01",
            "-2020-01-01",
            "2020-00-10",
            "2020-10-00",
            "0000-01-01",
            "9999-12-31",
            "1.1.9999",
            "1.1.0000",
            "111.1.2020",
            "1.111.2020",
            "1.1.20201",
            "1..2020",
            ".1.2020",
            "1.1.",
            "1-1-2020",
            "2020.01.01",
            "2020/01/01",
            "\u{ff11}.1.2020",
            "1.1.202\u{ff10}",
        ] {
            check(s);
        }
        // Random strings over an alphabet that reaches every branch of the digit
        // test (bytes just below '0' and above '9', and bytes of 0xC0 and more).
        let alphabet = [
            "0", "1", "2", "9", "3", ".", "-", " ", "/", ":", "+", "x", "\t", "ú", "ÿ", "\u{ff10}",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        let mut rand = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..200_000 {
            let len = rand(12);
            let mut s = String::new();
            for _ in 0..len {
                s.push_str(alphabet[rand(alphabet.len())]);
            }
            check(&s);
            // Near misses of the two forms: one byte of a valid date changed.
            let base = if rand(2) == 0 {
                "2019-07-31"
            } else {
                "31.12.1999"
            };
            let mut b = base.as_bytes().to_vec();
            let at = rand(b.len());
            b[at] = [b'0', b'9', b'/', b':', b'.', b'-', b' ', b'a'][rand(8)];
            check(std::str::from_utf8(&b).unwrap());
        }
    }

    /// Whole numbers of plain digits, read at once, give the general reader's answer:
    /// leading zeros, 1 to 25 digits (past `u64` and `i128`), every bound.
    #[test]
    fn plain_digits_read_as_the_general_integer_reader_reads_them() {
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        let mut rand = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let bounds = [
            (0, i128::from(u32::MAX)),
            (0, i128::from(u64::MAX)),
            (i128::from(i32::MIN), i128::from(i32::MAX)),
            (1, 12),
        ];
        let mut fast = 0;
        for i in 0..100_000 {
            let len = 1 + rand(25) as usize;
            let s: String = (0..len)
                .map(|_| char::from(b'0' + if rand(3) == 0 { 0 } else { rand(10) as u8 }))
                .collect();
            let edge = [
                "4294967295",
                "4294967296",
                "18446744073709551615",
                "0",
                "00",
                "12",
            ];
            let s = if i % 10 == 0 {
                edge[i / 10 % edge.len()].to_owned()
            } else {
                s
            };
            for (min, max) in bounds {
                for mark in [Auto, Point, Comma] {
                    let got = parse_int(&s, mark, min, max);
                    assert_eq!(
                        got,
                        parse_int_general(&s, mark, min, max),
                        "{s} {min} {max}"
                    );
                    fast += usize::from(got.is_ok());
                }
            }
        }
        assert!(fast > 100_000, "{fast}");
        assert_eq!(parse_int("007", Auto, 0, 10), Ok(7));
        assert_eq!(parse_int("11", Auto, 0, 10), Err(NumError::Bad));
        assert_eq!(parse_int(" 7", Auto, 0, 10), Ok(7));
        assert_eq!(parse_int("1 000", Auto, 0, 10_000), Ok(1000));
    }

    #[test]
    fn booleans_in_three_languages() {
        assert_eq!(parse_bool("KYLLÄ"), Some(true));
        assert_eq!(parse_bool("Epätosi"), Some(false));
        assert_eq!(parse_bool("nej"), Some(false));
        assert_eq!(parse_bool("maybe"), None);
    }
}
