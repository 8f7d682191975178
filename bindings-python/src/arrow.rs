//! Arrow out: the document's tables and the issue reports as Arrow record batches,
//! handed over through the Arrow PyCapsule interface (`__arrow_c_stream__`,
//! `__arrow_c_schema__`), so that `polars.DataFrame(x)`, `pyarrow.table(x)` and
//! pandas (through pyarrow) take them without oske importing any of them.
//!
//! The arrays are built in one pass from the typed rows of the core's table mapping
//! (`oske::tables::table_rows`: dates, cents, whole numbers, code names and lists as
//! the model holds them), so the table layout stays the core's one mapping and no
//! value goes through text on the way. Exporting needs two `unsafe` calls, confined
//! to [`Utf8Column::finish`] and [`ViewColumn::finish`]: text written here from
//! `&str`s is not checked as UTF-8 again (debug builds check it). The
//! C stream struct is moved into
//! a capsule that owns it (pyo3 boxes it and drops it with the capsule; a consumer
//! that takes the stream leaves a released struct behind, whose drop does nothing).
//! Reading a stream in needs one `unsafe` call; it lives in `arrow_in.rs`.

use crate::errors::{bad_argument, guard, internal};
use crate::issues::IssueData;
use arrow_array::builder::{BooleanBuilder, StringBuilder, StringDictionaryBuilder, UInt64Builder};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::types::{Date32Type, Decimal128Type, Float64Type, Int32Type, Int64Type};
use arrow_array::{
    ArrayRef, ArrowPrimitiveType, Date32Array, DictionaryArray, ListArray, PrimitiveArray,
    RecordBatch, RecordBatchIterator, StringArray, StringViewArray,
};
use arrow_buffer::{
    ArrowNativeType, BooleanBuffer, Buffer, NullBuffer, NullBufferBuilder, OffsetBuffer,
    ScalarBuffer,
};
use arrow_schema::ffi::FFI_ArrowSchema;
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::{Datelike, NaiveDate};
use oske::errors::ArgumentProblem;
use oske::tables::{self, Cell, TableSchema, ValueKind};
use oske::Lang;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use std::collections::HashMap;
use std::sync::Arc;

/// How money columns are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MoneyAs {
    /// `int64` cents (percentages: `int64` basis points), as the model keeps them.
    Cents,
    /// `decimal128(19, 2)` euros (percentages: `decimal128(19, 2)` percent): the same
    /// integers, read with two decimals.
    Decimal,
}

impl MoneyAs {
    pub(crate) fn parse(s: &str) -> PyResult<MoneyAs> {
        match s {
            "cents" => Ok(MoneyAs::Cents),
            "decimal" => Ok(MoneyAs::Decimal),
            _ => Err(bad_argument(ArgumentProblem::OneOf {
                what: "money",
                given: s.to_owned(),
                allowed: &["cents", "decimal"],
            })),
        }
    }
}

/// How code-list columns are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Codes {
    /// `dictionary<int32, utf8>`: each code's text stored once.
    Dictionary,
    /// Plain `utf8` (what pandas gets as `object` columns).
    Plain,
}

/// How text columns (and the items of text lists) are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strings {
    /// `utf8`: offsets into one buffer of text, what every Arrow reader takes.
    Utf8,
    /// `utf8_view` (Arrow's string view): what polars keeps its strings as, so it
    /// takes them without rebuilding the column. pyarrow reads it (16 and later) but
    /// cannot convert a list of views to pandas nor compare views in its compute
    /// functions (pyarrow 26), so it is not the default.
    View,
}

impl Strings {
    pub(crate) fn parse(s: &str) -> PyResult<Strings> {
        match s {
            "utf8" => Ok(Strings::Utf8),
            "view" => Ok(Strings::View),
            _ => Err(bad_argument(ArgumentProblem::OneOf {
                what: "strings",
                given: s.to_owned(),
                allowed: &["utf8", "view"],
            })),
        }
    }
}

/// How the columns of a table are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Typing {
    pub(crate) money: MoneyAs,
    pub(crate) codes: Codes,
    pub(crate) strings: Strings,
}

const DECIMAL_PRECISION: u8 = 19;
const DECIMAL_SCALE: i8 = 2;
/// 1970-01-01, day 0 of Arrow's `date32`.
const EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// Days since 1970-01-01, as Arrow's `date32` counts.
pub(crate) fn date32(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - EPOCH_DAYS_FROM_CE
}

/// The Arrow type of a column of the layout.
fn data_type(kind: &ValueKind, typing: Typing) -> DataType {
    let text = match typing.strings {
        Strings::Utf8 => DataType::Utf8,
        Strings::View => DataType::Utf8View,
    };
    match kind {
        ValueKind::Integer => DataType::Int64,
        ValueKind::Money | ValueKind::Percent => match typing.money {
            MoneyAs::Cents => DataType::Int64,
            MoneyAs::Decimal => DataType::Decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
        },
        ValueKind::Number => DataType::Float64,
        ValueKind::Date => DataType::Date32,
        ValueKind::Bool => DataType::Boolean,
        ValueKind::Enum(_) if typing.codes == Codes::Dictionary => {
            DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
        }
        ValueKind::List(item) => {
            let item = match item {
                ValueKind::Date => DataType::Date32,
                _ => text,
            };
            DataType::List(Arc::new(Field::new("item", item, true)))
        }
        _ => text,
    }
}

/// The Arrow schema of a table of the layout. Every column is nullable (an empty
/// cell is null) except lists, which are empty instead.
pub(crate) fn table_schema(schema: &TableSchema, typing: Typing) -> Schema {
    Schema::new(
        schema
            .columns
            .iter()
            .map(|c| {
                let list = matches!(c.kind, ValueKind::List(_));
                Field::new(c.name, data_type(&c.kind, typing), !list)
            })
            .collect::<Vec<_>>(),
    )
}

/// The builder of one column, typed by its [`ValueKind`]. Numbers, dates, dictionary
/// keys and list offsets go straight into vectors that become the arrays' buffers
/// (arrow's safe constructors take them as they are); text goes into
/// [`Utf8Column`] and [`ViewColumn`], which lay it out as arrow's `StringBuilder`
/// and `StringViewBuilder` do, from `&str`s, so that it is not checked as UTF-8 again.
enum ColumnBuilder<'a> {
    Int(Primitive<i64>),
    Decimal(Primitive<i128>),
    Number(Primitive<f64>),
    Date(Primitive<i32>),
    Bool(BooleanBuilder),
    Dictionary(DictionaryColumn<'a>),
    Text(Utf8Column),
    View(ViewColumn),
    Texts(ListColumn<Utf8Column>),
    Views(ListColumn<ViewColumn>),
    Dates(ListColumn<Vec<i32>>),
}

/// The values and validity of a column of fixed-width values. A null's slot holds
/// the type's zero, as arrow's builders leave it.
struct Primitive<T> {
    values: Vec<T>,
    nulls: NullBufferBuilder,
}

impl<T: ArrowNativeType> Primitive<T> {
    fn with_capacity(n: usize) -> Self {
        Primitive {
            values: Vec::with_capacity(n),
            nulls: NullBufferBuilder::new(n),
        }
    }

    #[inline(always)]
    fn append(&mut self, v: T) {
        self.values.push(v);
        self.nulls.append_non_null();
    }

    #[inline(always)]
    fn append_nulls(&mut self, n: usize) {
        self.values.resize(self.values.len() + n, T::default());
        self.nulls.append_n_nulls(n);
    }

    /// Appends one column of a batch of rows, as [`ColumnBuilder::append_cells`]:
    /// `value` gives a cell's value (`None`: the cell does not fit the column); an
    /// empty cell is null, a run of them appended at once.
    #[inline(always)]
    fn append_cells<'a, 'c>(
        &mut self,
        cells: impl Iterator<Item = &'c Cell<'a>>,
        mut value: impl FnMut(Cell<'a>) -> Option<T>,
    ) -> Result<(), (usize, Cell<'a>)>
    where
        'a: 'c,
    {
        let mut run = Run::default();
        each(cells, |cell| {
            if let Cell::Empty = cell {
                run.add();
                return true;
            }
            let Some(v) = value(cell) else {
                return false;
            };
            if let Some(n) = run.take() {
                self.append_nulls(n);
            }
            self.append(v);
            true
        })?;
        if let Some(n) = run.take() {
            self.append_nulls(n);
        }
        Ok(())
    }

    /// The values as an array of `P` (no null buffer when nothing is null).
    fn finish<P: ArrowPrimitiveType<Native = T>>(mut self) -> Result<PrimitiveArray<P>, String> {
        PrimitiveArray::<P>::try_new(ScalarBuffer::from(self.values), self.nulls.finish())
            .map_err(|e| e.to_string())
    }
}

/// A list column: the items in their own builder, a row's end as an offset into
/// them. No list is null (an empty cell is an empty list).
struct ListColumn<B> {
    offsets: Vec<i32>,
    /// Items so far.
    len: usize,
    items: B,
}

impl<B> ListColumn<B> {
    fn new(rows: usize, items: B) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        ListColumn {
            offsets,
            len: 0,
            items,
        }
    }

    /// Ends a row (`false`: more items than a list array's offsets hold).
    #[inline(always)]
    fn end_row(&mut self) -> bool {
        match i32::try_from(self.len) {
            Ok(o) => {
                self.offsets.push(o);
                true
            }
            Err(_) => false,
        }
    }

    /// Ends `n` empty rows.
    #[inline(always)]
    fn empty_rows(&mut self, n: usize) {
        // `len` was checked when the last row ended (or is 0).
        let o = self.offsets.last().copied().unwrap_or(0);
        self.offsets.resize(self.offsets.len() + n, o);
    }

    /// Appends one column of a batch of rows, as [`ColumnBuilder::append_cells`]:
    /// `items` appends a cell's items and says how many (`None`: the cell is not a
    /// list this column holds); an empty cell is an empty list, a run of them
    /// appended at once. The one shape of every list column, whatever its items.
    #[inline(always)]
    fn append_cells<'a, 'c>(
        &mut self,
        cells: impl Iterator<Item = &'c Cell<'a>>,
        mut items: impl FnMut(&mut B, Cell<'a>) -> Option<usize>,
    ) -> Result<(), (usize, Cell<'a>)>
    where
        'a: 'c,
    {
        let mut run = Run::default();
        each(cells, |cell| {
            if let Cell::Empty = cell {
                run.add();
                return true;
            }
            let Some(n) = items(&mut self.items, cell) else {
                return false;
            };
            self.len += n;
            if let Some(n) = run.take() {
                self.empty_rows(n);
            }
            self.end_row()
        })?;
        if let Some(n) = run.take() {
            self.empty_rows(n);
        }
        Ok(())
    }

    /// The column, its items given as an array.
    fn finish(self, items: ArrayRef) -> Result<ArrayRef, String> {
        let field = Arc::new(Field::new("item", items.data_type().clone(), true));
        let offsets = OffsetBuffer::new(ScalarBuffer::from(self.offsets));
        Ok(Arc::new(
            ListArray::try_new(field, offsets, items, None).map_err(|e| e.to_string())?,
        ))
    }
}

/// Where the items of a text list go: `utf8` or string views.
trait TextItems {
    /// Appends one item (`false`: it does not fit the column).
    fn push(&mut self, s: &str) -> bool;
}

impl TextItems for Utf8Column {
    #[inline(always)]
    fn push(&mut self, s: &str) -> bool {
        self.append(s)
    }
}

impl TextItems for ViewColumn {
    #[inline(always)]
    fn push(&mut self, s: &str) -> bool {
        self.append(s)
    }
}

/// Appends the items of a text-list cell (texts or code-list names), how many
/// (`None`: not a text list, or an item that does not fit).
#[inline(always)]
fn text_items<B: TextItems>(b: &mut B, cell: Cell<'_>) -> Option<usize> {
    match cell {
        Cell::Texts(items) => {
            for item in items {
                if !b.push(item) {
                    return None;
                }
            }
            Some(items.len())
        }
        Cell::Names(names) => {
            for name in names.iter() {
                if !b.push(&name) {
                    return None;
                }
            }
            Some(names.len())
        }
        _ => None,
    }
}

/// A dictionary-encoded text column: each distinct text stored once, keyed in the
/// order it first appears. A code-list column has a handful of distinct names, so
/// they are found by a short scan (by address first: the names are the
/// vocabulary's own `&'static str`), with a map only past that.
struct DictionaryColumn<'a> {
    keys: Primitive<i32>,
    values: Vec<&'a str>,
    index: HashMap<&'a str, i32>,
    /// The keys index the first this many values of another column's dictionary
    /// (after [`DictionaryColumn::absorb`]), not this column's own values.
    keys_into: Option<usize>,
}

/// Distinct values a dictionary column scans before it indexes them in a map.
const DICTIONARY_SCAN: usize = 32;

impl<'a> DictionaryColumn<'a> {
    fn with_capacity(n: usize) -> Self {
        DictionaryColumn {
            keys: Primitive::with_capacity(n),
            values: Vec::new(),
            index: HashMap::new(),
            keys_into: None,
        }
    }

    /// The key of `s`, added to the values if new.
    #[inline(always)]
    fn key(&mut self, s: &'a str) -> Result<i32, String> {
        // By address first (no text compared): a code's name is the same
        // `&'static str` every time.
        if self.values.len() <= DICTIONARY_SCAN {
            if let Some(i) = self.values.iter().position(|v| std::ptr::eq(*v, s)) {
                return Ok(i as i32);
            }
        }
        self.key_slow(s)
    }

    /// The key of `s` by text, added to the values if new.
    #[inline(never)]
    fn key_slow(&mut self, s: &'a str) -> Result<i32, String> {
        let found = if self.values.len() <= DICTIONARY_SCAN {
            self.values.iter().position(|v| *v == s).map(|i| i as i32)
        } else {
            self.index.get(s).copied()
        };
        Ok(match found {
            Some(k) => k,
            None => {
                let k = i32::try_from(self.values.len())
                    .map_err(|_| "more distinct values than a dictionary holds".to_owned())?;
                self.values.push(s);
                if self.values.len() > DICTIONARY_SCAN {
                    if self.index.is_empty() {
                        self.index
                            .extend(self.values.iter().enumerate().map(|(i, v)| (*v, i as i32)));
                    } else {
                        self.index.insert(s, k);
                    }
                }
                k
            }
        })
    }

    /// Takes over the values of `later` (a column of the rows after this one's),
    /// rewriting its keys to this column's, so that both share one dictionary.
    fn absorb(&mut self, later: &mut DictionaryColumn<'a>) -> Result<(), String> {
        let map = later
            .values
            .iter()
            .map(|v| self.key(v))
            .collect::<Result<Vec<_>, _>>()?;
        // A null's key is not read; it stays in range all the same.
        for k in later.keys.values.iter_mut() {
            *k = map.get(*k as usize).copied().unwrap_or(0);
        }
        later.keys_into = Some(self.values.len());
        Ok(())
    }

    /// The values as an Arrow array.
    fn values(&self) -> ArrayRef {
        let bytes = self.values.iter().map(|v| v.len()).sum();
        let mut values = StringBuilder::with_capacity(self.values.len(), bytes);
        for v in &self.values {
            values.append_value(v);
        }
        Arc::new(values.finish())
    }

    /// The column, its values given (built once for all parts of a table).
    #[allow(unsafe_code)]
    fn finish(self, values: ArrayRef) -> Result<ArrayRef, String> {
        let keys = self.keys.finish()?;
        if cfg!(debug_assertions) {
            // Checked (every key of a value in range) where it costs nothing that counts.
            let dict =
                DictionaryArray::<Int32Type>::try_new(keys, values).map_err(|e| e.to_string())?;
            return Ok(Arc::new(dict));
        }
        let bound = self.keys_into.unwrap_or(self.values.len());
        if values.data_type() != &DataType::Utf8 || values.len() < bound {
            return Err("a dictionary's values are not its column's".to_owned());
        }
        // SAFETY: every key of a value is less than `bound` (`keys_into`: each key
        // `key` gave is the index of one of the column's values, and `absorb` maps
        // them to keys of the absorbing column's values, of which there were
        // `keys_into`), and there are at least `bound` values (checked above), so
        // every key of a value is in range, as `try_new` checks (debug builds run it
        // above). The keys are `int32`, the values `utf8`, as the column's type.
        Ok(Arc::new(unsafe {
            DictionaryArray::<Int32Type>::new_unchecked(keys, values)
        }))
    }
}

/// The validity of a text column whose row `i` holds text when
/// `valid(&a[i], &b[i])` (a view column: its views; a `utf8` column: a row's end
/// and start offsets), as arrow's `NullBufferBuilder` leaves it: a bit a row, set
/// for a value, the bits past the last row clear. A text column's null is its one
/// empty row (an empty cell and an empty text are both null; an item of a list is
/// never null), so the bits are found at the end, eight rows to a byte in a loop
/// without branches, instead of a bit pushed with every row; a column without
/// nulls (its builder counts them) has no buffer and skips this.
fn text_validity<A, B>(a: &[A], b: &[B], valid: impl Fn(&A, &B) -> bool) -> NullBuffer {
    let rows = a.len().min(b.len());
    let (a, b) = (&a[..rows], &b[..rows]);
    let byte = |a: &[A], b: &[B]| {
        a.iter()
            .zip(b)
            .enumerate()
            .fold(0u8, |bits, (i, (a, b))| bits | u8::from(valid(a, b)) << i)
    };
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (la, lb) = (ca.remainder(), cb.remainder());
    let mut bits: Vec<u8> = Vec::with_capacity(rows.div_ceil(8));
    bits.extend(ca.zip(cb).map(|(a, b)| byte(a, b)));
    if !la.is_empty() {
        bits.push(byte(la, lb));
    }
    NullBuffer::new(BooleanBuffer::new(Buffer::from_vec(bits), 0, rows))
}

/// A `utf8` column: the texts one after the other, a row's end as an offset into
/// them (a null's offset that of the row before), laid out as arrow's
/// `StringBuilder` lays them out, written here without the builder's call per text.
/// The column of a table's cells holds no empty text (an empty cell is null), so a
/// row is null exactly when it is empty; the items of a list are never null.
struct Utf8Column {
    offsets: Vec<i32>,
    values: Vec<u8>,
    /// Whether an empty row is null (a column of cells) or an empty text (items).
    empty_is_null: bool,
    /// Nulls so far.
    nulls: usize,
}

impl Default for Utf8Column {
    fn default() -> Self {
        Utf8Column::with_capacity(0, 0, false)
    }
}

impl Utf8Column {
    fn with_capacity(n: usize, bytes: usize, empty_is_null: bool) -> Self {
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        Utf8Column {
            offsets,
            values: Vec::with_capacity(huge_page_room(bytes)),
            empty_is_null,
            nulls: 0,
        }
    }

    /// Appends a text (`false`: more text than a `utf8` array's offsets hold, 2 GiB).
    #[inline(always)]
    fn append(&mut self, s: &str) -> bool {
        self.values.extend_from_slice(s.as_bytes());
        let Ok(end) = i32::try_from(self.values.len()) else {
            return false;
        };
        self.offsets.push(end);
        true
    }

    /// Appends `n` nulls (in a column of cells, whose texts are not empty).
    #[inline(always)]
    fn append_nulls(&mut self, n: usize) {
        let end = self.offsets.last().copied().unwrap_or(0);
        self.offsets.resize(self.offsets.len() + n, end);
        self.nulls += n;
    }

    /// The column as an array.
    #[allow(unsafe_code)]
    fn finish(self) -> Result<StringArray, String> {
        let values = Buffer::from_vec(self.values);
        let nulls = if self.empty_is_null && self.nulls > 0 {
            // A row's end, then its start.
            let o = &self.offsets;
            let ends = o.get(1..).unwrap_or_default();
            Some(text_validity(ends, o, |end, start| end != start))
        } else {
            None
        };
        if cfg!(debug_assertions) {
            // Checked (offsets that do not fall, UTF-8 at every offset) where it
            // costs nothing that counts.
            let offsets = OffsetBuffer::new(ScalarBuffer::from(self.offsets));
            return StringArray::try_new(offsets, values, nulls).map_err(|e| e.to_string());
        }
        // SAFETY: the values are `&str`s appended whole by `append`, each offset the
        // end of one of them or (a null) the offset before, starting at 0: the
        // offsets do not fall, every slice between two of them is valid UTF-8 within
        // the values, and the validity has one bit per row. (Debug builds check
        // all this with `OffsetBuffer::new` and `try_new` above.)
        Ok(unsafe {
            let offsets = OffsetBuffer::new_unchecked(ScalarBuffer::from(self.offsets));
            StringArray::new_unchecked(offsets, values, nulls)
        })
    }
}

/// The longest text a string view holds in itself (Arrow's columnar format).
const MAX_INLINE_VIEW: usize = 12;
/// The first and the largest block of text a view column writes, and how the
/// blocks grow in between (doubling), as arrow's `StringViewBuilder` does, so that
/// the arrays (and their IPC bytes) are the builder's.
const FIRST_BLOCK: u32 = 8 * 1024;
const MAX_BLOCK: u32 = 2 * 1024 * 1024;

/// Where the extension's allocator (`alloc.rs`) starts mapping a block from the
/// kernel, and the huge page it maps a block of at least that size in.
const MAPPED_BLOCK: usize = 1 << 20;
const HUGE_PAGE: usize = 2 << 20;

/// The room a buffer of `bytes` bytes starts with: `bytes`, or, from
/// [`MAPPED_BLOCK`] on, `bytes` rounded up to whole [`HUGE_PAGE`]s. A part of a
/// large table writes each text column into buffers of a few MiB (views: 16 bytes a
/// row; `utf8`: 16 bytes a row to start with); the allocator maps a block of 1 to
/// 2 MiB in 4 KiB pages, each its own page fault when first written, and a block of
/// 2 MiB or more in huge pages, one fault each (the 200 000-row measures table:
/// 10 800 faults as views, 5 400 as `utf8`, before). The room added is less than
/// one huge page, whose first write zeroes it whole.
fn huge_page_room(bytes: usize) -> usize {
    if bytes < MAPPED_BLOCK {
        bytes
    } else {
        bytes.div_ceil(HUGE_PAGE).saturating_mul(HUGE_PAGE)
    }
}

/// The room for `n` views a view column starts with ([`huge_page_room`]).
fn huge_page_views(n: usize) -> usize {
    huge_page_room(n.saturating_mul(size_of::<u128>())) / size_of::<u128>()
}

/// The view of a text of at most [`MAX_INLINE_VIEW`] bytes: its length, then its
/// bytes, zero-padded (Arrow's layout). Built from a few overlapping loads instead
/// of copying the bytes into a buffer, which calls `memset` and `memcpy` for every
/// short text.
#[inline(always)]
fn inline_view(v: &[u8]) -> u128 {
    let n = v.len();
    let le32 = |at: usize| u32::from_le_bytes([v[at], v[at + 1], v[at + 2], v[at + 3]]);
    let data: u128 = if n >= 8 {
        let lo = u64::from_le_bytes([v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]]);
        // Bytes n-4..n, of which 8..n are kept.
        let hi = u64::from(le32(n - 4)) >> (8 * (12 - n));
        u128::from(lo) | u128::from(hi) << 64
    } else if n >= 4 {
        // Bytes n-4..n, of which 4..n are kept.
        let hi = u64::from(le32(n - 4)) >> (8 * (8 - n));
        u128::from(le32(0)) | u128::from(hi) << 32
    } else if n > 0 {
        // The first, middle and last bytes cover all of one to three bytes.
        u128::from(v[0])
            | u128::from(v[n / 2]) << (8 * (n / 2))
            | u128::from(v[n - 1]) << (8 * (n - 1))
    } else {
        0
    };
    n as u128 | data << 32
}

/// A column of Arrow string views, laid out as arrow's `StringViewBuilder` lays
/// them out (the same views, blocks of the same sizes, the same validity), written
/// here: a short text's view is built without copying through a buffer, and a
/// run of the builder's checks that cannot fail here (deduplication, a `u32` block
/// count) is left out.
///
/// As in [`Utf8Column`], a column of cells holds no empty text, so a row is null
/// exactly when its view is zero (an empty text's view); the items of a list are
/// never null.
struct ViewColumn {
    views: Vec<u128>,
    /// Whether an empty row is null (a column of cells) or an empty text (items).
    empty_is_null: bool,
    /// Nulls so far.
    nulls: usize,
    /// The full blocks of text.
    blocks: Vec<Buffer>,
    /// The block being written.
    block: Vec<u8>,
    /// The size of the last block started.
    block_size: u32,
}

impl Default for ViewColumn {
    fn default() -> Self {
        ViewColumn::with_capacity(0, false)
    }
}

impl ViewColumn {
    fn with_capacity(n: usize, empty_is_null: bool) -> Self {
        ViewColumn {
            views: Vec::with_capacity(huge_page_views(n)),
            empty_is_null,
            nulls: 0,
            blocks: Vec::new(),
            block: Vec::new(),
            block_size: FIRST_BLOCK,
        }
    }

    /// Appends a text (`false`: longer than a view holds, 4 GiB).
    #[inline(always)]
    fn append(&mut self, s: &str) -> bool {
        let v = s.as_bytes();
        let view = if v.len() <= MAX_INLINE_VIEW {
            inline_view(v)
        } else {
            let Ok(len) = u32::try_from(v.len()) else {
                return false;
            };
            if self.block.capacity() - self.block.len() < v.len() {
                self.next_block(v.len());
            }
            let (Ok(index), Ok(offset)) = (
                u32::try_from(self.blocks.len()),
                u32::try_from(self.block.len()),
            ) else {
                return false;
            };
            self.block.extend_from_slice(v);
            let prefix = u32::from_le_bytes([v[0], v[1], v[2], v[3]]);
            u128::from(len)
                | u128::from(prefix) << 32
                | u128::from(index) << 64
                | u128::from(offset) << 96
        };
        self.views.push(view);
        true
    }

    /// Appends a null (in a column of cells, whose texts are not empty).
    #[inline(always)]
    fn append_null(&mut self) {
        self.views.push(0);
        self.nulls += 1;
    }

    /// Ends the block being written (if it holds any text) and starts one with
    /// room for `need` bytes at least, the next size up.
    #[cold]
    #[inline(never)]
    fn next_block(&mut self, need: usize) {
        if !self.block.is_empty() {
            self.blocks
                .push(Buffer::from_vec(std::mem::take(&mut self.block)));
        }
        if self.block_size < MAX_BLOCK {
            self.block_size = self.block_size.saturating_mul(2);
        }
        self.block.reserve(need.max(self.block_size as usize));
    }

    /// The column as an array.
    #[allow(unsafe_code)]
    fn finish(mut self) -> Result<StringViewArray, String> {
        if !self.block.is_empty() {
            self.blocks.push(Buffer::from_vec(self.block));
        }
        let nulls = if self.empty_is_null && self.nulls > 0 {
            // A text's view starts with its length: zero for an empty one only.
            Some(text_validity(&self.views, &self.views, |v, _| {
                *v as u32 != 0
            }))
        } else {
            None
        };
        let views = ScalarBuffer::from(self.views);
        if cfg!(debug_assertions) {
            // Checked (UTF-8, every view in its block) where it costs nothing that counts.
            return StringViewArray::try_new(views, self.blocks, nulls).map_err(|e| e.to_string());
        }
        // SAFETY: every view was made by `append` from a `&str`: a short text's view
        // holds its bytes, a longer one's its length, first four bytes, and the index
        // and offset of the block its bytes were copied into, whole, so each view is
        // in its block and valid UTF-8; a null's view is zero. The validity has one
        // bit per view. (Debug builds check all this with `try_new` above.)
        Ok(unsafe { StringViewArray::new_unchecked(views, self.blocks, nulls) })
    }
}

/// The room a text column's buffers start with; they grow as rows come. Growing
/// does not copy a large buffer: the extension's allocator (`alloc.rs`) maps a
/// block of 1 MiB or more from the kernel, touching none of its pages, and moves
/// its pages with `mremap` as it grows, so a counting pass over the rows' text
/// before allocating (which built every row's cells twice) costs more than it
/// saves. A part of many rows therefore starts its text at 16 bytes a row: a large
/// column is mapped at once instead of being copied through the smaller blocks on
/// its way there, and a column that stays short or empty costs its mapping only.
/// (Elsewhere a large buffer's growth copies it: about twice its final size
/// copied in all.) The number of rows is known beforehand (`tables::table_rows_in`
/// counts them without building them).
#[derive(Clone, Copy)]
struct ColumnSize {
    /// Text bytes: of the cells, or of a list column's items.
    bytes: usize,
    /// Items of a list column.
    items: usize,
}

impl ColumnSize {
    /// What a column of `rows` rows starts with: 16 bytes of text and one list item
    /// a row, and room for a thousand rows of short text at least.
    fn for_rows(rows: usize) -> ColumnSize {
        ColumnSize {
            bytes: rows.saturating_mul(16).max(16 * 1024),
            items: rows.max(1024),
        }
    }
}

/// Counts a column's empty cells that come one after the other, so that a run of
/// them is appended at once (a mostly empty column costs little).
#[derive(Default)]
struct Run(usize);

impl Run {
    #[inline(always)]
    fn add(&mut self) {
        self.0 += 1;
    }

    /// The run so far (then none), if any.
    #[inline(always)]
    fn take(&mut self) -> Option<usize> {
        match std::mem::take(&mut self.0) {
            0 => None,
            n => Some(n),
        }
    }
}

impl<'a> ColumnBuilder<'a> {
    fn new(kind: &ValueKind, typing: Typing, n: usize, size: ColumnSize) -> Result<Self, String> {
        let view = typing.strings == Strings::View;
        Ok(match kind {
            ValueKind::Integer => ColumnBuilder::Int(Primitive::with_capacity(n)),
            ValueKind::Money | ValueKind::Percent => match typing.money {
                MoneyAs::Cents => ColumnBuilder::Int(Primitive::with_capacity(n)),
                MoneyAs::Decimal => ColumnBuilder::Decimal(Primitive::with_capacity(n)),
            },
            ValueKind::Number => ColumnBuilder::Number(Primitive::with_capacity(n)),
            ValueKind::Date => ColumnBuilder::Date(Primitive::with_capacity(n)),
            ValueKind::Bool => ColumnBuilder::Bool(BooleanBuilder::with_capacity(n)),
            ValueKind::Enum(_) if typing.codes == Codes::Dictionary => {
                ColumnBuilder::Dictionary(DictionaryColumn::with_capacity(n))
            }
            ValueKind::List(ValueKind::Date) => {
                ColumnBuilder::Dates(ListColumn::new(n, Vec::with_capacity(size.items)))
            }
            ValueKind::List(_) if view => ColumnBuilder::Views(ListColumn::new(
                n,
                ViewColumn::with_capacity(size.items, false),
            )),
            ValueKind::List(_) => ColumnBuilder::Texts(ListColumn::new(
                n,
                Utf8Column::with_capacity(size.items, size.bytes, false),
            )),
            _ if view => ColumnBuilder::View(ViewColumn::with_capacity(n, true)),
            _ => ColumnBuilder::Text(Utf8Column::with_capacity(n, size.bytes, true)),
        })
    }

    /// Appends one column of a batch of rows: the cells `cells` yields, one per row
    /// (empty: null; an empty list: an empty list). The column's type is matched once
    /// per batch, so each cell only has its own variant matched, and a run of empty
    /// cells is appended at once. A cell of another type than the column's is an
    /// error, given with its index in the batch (the core's mapping is checked
    /// against its kinds by its tests, so this does not happen).
    fn append_cells<'c>(
        &mut self,
        cells: impl Iterator<Item = &'c Cell<'a>>,
    ) -> Result<(), (usize, Cell<'a>)>
    where
        'a: 'c,
    {
        let mut run = Run::default();
        match self {
            ColumnBuilder::Int(b) => b.append_cells(cells, |cell| match cell {
                Cell::Int(n) => i64::try_from(n).ok(),
                Cell::Cents(c) => Some(c.0),
                Cell::Percent(p) => Some(i64::from(p.0)),
                _ => None,
            })?,
            ColumnBuilder::Decimal(b) => b.append_cells(cells, |cell| match cell {
                Cell::Cents(c) => Some(i128::from(c.0)),
                Cell::Percent(p) => Some(i128::from(p.0)),
                _ => None,
            })?,
            ColumnBuilder::Number(b) => b.append_cells(cells, |cell| match cell {
                Cell::Number(v) => Some(v),
                _ => None,
            })?,
            ColumnBuilder::Date(b) => b.append_cells(cells, |cell| match cell {
                Cell::Date(d) => Some(date32(d)),
                _ => None,
            })?,
            ColumnBuilder::Bool(b) => each(cells, |cell| match cell {
                Cell::Empty => {
                    b.append_null();
                    true
                }
                Cell::Bool(v) => {
                    b.append_value(v);
                    true
                }
                _ => false,
            })?,
            ColumnBuilder::Dictionary(d) => {
                each(cells, |cell| {
                    let s = match cell {
                        Cell::Empty | Cell::Text("") => {
                            run.add();
                            return true;
                        }
                        Cell::Text(s) => s,
                        _ => return false,
                    };
                    let Ok(k) = d.key(s) else {
                        return false;
                    };
                    if let Some(n) = run.take() {
                        d.keys.append_nulls(n);
                    }
                    d.keys.append(k);
                    true
                })?;
                if let Some(n) = run.take() {
                    d.keys.append_nulls(n);
                }
            }
            ColumnBuilder::Text(b) => {
                each(cells, |cell| {
                    let s = match cell {
                        Cell::Empty | Cell::Text("") => {
                            run.add();
                            return true;
                        }
                        Cell::Text(s) => s,
                        _ => return false,
                    };
                    if let Some(n) = run.take() {
                        b.append_nulls(n);
                    }
                    b.append(s)
                })?;
                if let Some(n) = run.take() {
                    b.append_nulls(n);
                }
            }
            ColumnBuilder::View(b) => each(cells, |cell| match cell {
                Cell::Empty | Cell::Text("") => {
                    b.append_null();
                    true
                }
                Cell::Text(s) => b.append(s),
                _ => false,
            })?,
            ColumnBuilder::Texts(l) => l.append_cells(cells, text_items)?,
            ColumnBuilder::Views(l) => l.append_cells(cells, text_items)?,
            ColumnBuilder::Dates(l) => l.append_cells(cells, |items, cell| match cell {
                Cell::Dates(dates) => {
                    items.extend(dates.iter().map(|d| date32(*d)));
                    Some(dates.len())
                }
                _ => None,
            })?,
        }
        Ok(())
    }

    /// The column of a part: its array, or a dictionary column waiting for the
    /// table's shared dictionary.
    fn finish(self) -> Result<PartColumn<'a>, String> {
        Ok(PartColumn::Done(match self {
            ColumnBuilder::Int(b) => Arc::new(b.finish::<Int64Type>()?),
            ColumnBuilder::Decimal(b) => Arc::new(
                b.finish::<Decimal128Type>()?
                    .with_precision_and_scale(DECIMAL_PRECISION, DECIMAL_SCALE)
                    .map_err(|e| e.to_string())?,
            ),
            ColumnBuilder::Number(b) => Arc::new(b.finish::<Float64Type>()?),
            ColumnBuilder::Date(b) => Arc::new(b.finish::<Date32Type>()?),
            ColumnBuilder::Bool(mut b) => Arc::new(b.finish()),
            ColumnBuilder::Dictionary(d) => return Ok(PartColumn::Dictionary(d)),
            ColumnBuilder::Text(b) => Arc::new(b.finish()?),
            ColumnBuilder::View(b) => Arc::new(b.finish()?),
            ColumnBuilder::Texts(mut l) => {
                let items = std::mem::take(&mut l.items);
                l.finish(Arc::new(items.finish()?))?
            }
            ColumnBuilder::Views(mut l) => {
                let items = std::mem::take(&mut l.items);
                l.finish(Arc::new(items.finish()?))?
            }
            ColumnBuilder::Dates(mut l) => {
                let items = std::mem::take(&mut l.items);
                let items = Date32Array::try_new(ScalarBuffer::from(items), None)
                    .map_err(|e| e.to_string())?;
                l.finish(Arc::new(items))?
            }
        }))
    }
}

/// A column of a part as its thread leaves it: finished there, but for a dictionary
/// column, whose keys wait for the dictionary the parts share.
enum PartColumn<'a> {
    Done(ArrayRef),
    Dictionary(DictionaryColumn<'a>),
}

/// Appends each cell with `append` (`false`: the cell does not fit the column; the
/// first such cell is given back with its index).
#[inline]
fn each<'a, 'c>(
    cells: impl Iterator<Item = &'c Cell<'a>>,
    mut append: impl FnMut(Cell<'a>) -> bool,
) -> Result<(), (usize, Cell<'a>)>
where
    'a: 'c,
{
    for (i, cell) in cells.enumerate() {
        if !append(*cell) {
            return Err((i, *cell));
        }
    }
    Ok(())
}

/// The cells of one column of a batch of rows, one a row: a step of the row's
/// width from the column's first cell (the loop's one bounds check is its end).
struct ColumnCells<'b, 'a> {
    batch: &'b [Cell<'a>],
    at: usize,
    width: usize,
}

impl<'b, 'a> Iterator for ColumnCells<'b, 'a> {
    type Item = &'b Cell<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<&'b Cell<'a>> {
        let cell = self.batch.get(self.at)?;
        self.at += self.width;
        Some(cell)
    }
}

/// Rows the core hands a part at once (`tables::table_row_batches_in`, row after
/// row), which it appends column by column: small enough to stay in the cache,
/// large enough that matching each column's type once per batch costs nothing.
const BATCH_ROWS: usize = 256;

/// A table of at least this many rows is built in parts, one per thread (up to
/// [`MAX_PARTS`] and the cores there are): below it, starting a thread costs more
/// than it saves.
const PARALLEL_ROWS: usize = 16 * 1024;
/// The most parts a table is built in.
const MAX_PARTS: usize = 4;

/// The columns of the rows `range` of a table, built in one pass over the core's
/// typed rows (`oske::tables::table_row_batches_in`): no text in between. The
/// arrays are finished here, on the part's thread, but for dictionary columns.
fn build_part<'a>(
    doc: &'a oske::Document,
    schema: &TableSchema,
    typing: Typing,
    range: std::ops::Range<usize>,
) -> Result<Vec<PartColumn<'a>>, String> {
    let first = range.start;
    let mut columns = schema
        .columns
        .iter()
        .map(|c| {
            ColumnBuilder::new(
                &c.kind,
                typing,
                range.len(),
                ColumnSize::for_rows(range.len()),
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    let width = schema.columns.len();
    let mut failed: Option<String> = None;
    // The index of the first row of the next batch.
    let mut at = first;
    tables::table_row_batches_in(doc, schema, range, BATCH_ROWS, |batch| {
        if failed.is_some() || width == 0 {
            return;
        }
        for (c, (b, col)) in columns.iter_mut().zip(schema.columns).enumerate() {
            let cells = ColumnCells {
                batch,
                at: c,
                width,
            };
            if let Err((i, cell)) = b.append_cells(cells) {
                failed = Some(format!(
                    "{} row {}, column {}: {cell:?} cannot be a {}",
                    schema.file,
                    at + i,
                    col.name,
                    col.kind.describe()
                ));
                return;
            }
        }
        at += batch.len() / width;
    });
    match failed {
        Some(e) => Err(e),
        None => columns.into_iter().map(ColumnBuilder::finish).collect(),
    }
}

/// How many parts a table of `rows` rows is built in.
fn parts_for(rows: usize) -> usize {
    if rows < PARALLEL_ROWS {
        return 1;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(MAX_PARTS).min(rows / (PARALLEL_ROWS / 2)).max(1)
}

/// One table of a document as record batches of the same schema, in row order:
/// one batch, or for a large table one per part built on its own thread (the
/// columns of a part in one pass over the core's typed rows; dictionary columns
/// share one dictionary across the parts).
pub(crate) fn table_batches(
    doc: &oske::Document,
    schema: &TableSchema,
    typing: Typing,
) -> Result<(SchemaRef, Vec<RecordBatch>), String> {
    let arrow_schema: SchemaRef = Arc::new(table_schema(schema, typing));
    let rows = tables::table_len(doc, schema);
    let parts = parts_for(rows);
    let bounds: Vec<usize> = (0..=parts).map(|i| rows * i / parts).collect();
    let mut built: Vec<Vec<PartColumn<'_>>> = if parts == 1 {
        vec![build_part(doc, schema, typing, 0..rows)?]
    } else {
        std::thread::scope(|scope| {
            let others = bounds[1..]
                .windows(2)
                .map(|w| {
                    let range = w[0]..w[1];
                    std::thread::Builder::new()
                        .name("oske-arrow".to_owned())
                        .spawn_scoped(scope, move || build_part(doc, schema, typing, range))
                })
                .collect::<Vec<_>>();
            let mut built = vec![build_part(doc, schema, typing, bounds[0]..bounds[1])?];
            for (other, w) in others.into_iter().zip(bounds[1..].windows(2)) {
                built.push(match other {
                    Ok(handle) => handle
                        .join()
                        .map_err(|_| "a thread building the arrays failed".to_owned())??,
                    // No thread to be had: this one builds the part.
                    Err(_) => build_part(doc, schema, typing, w[0]..w[1])?,
                });
            }
            Ok::<_, String>(built)
        })?
    };
    // The parts' dictionary columns share the first part's dictionary, extended.
    let mut dictionaries: Vec<Option<ArrayRef>> = vec![None; schema.columns.len()];
    if let Some((first, later)) = built.split_first_mut() {
        for (c, column) in first.iter_mut().enumerate() {
            if let PartColumn::Dictionary(d) = column {
                for part in later.iter_mut() {
                    if let Some(PartColumn::Dictionary(l)) = part.get_mut(c) {
                        d.absorb(l)?;
                    }
                }
                dictionaries[c] = Some(d.values());
            }
        }
    }
    let batches = built
        .into_iter()
        .map(|columns| {
            let arrays = columns
                .into_iter()
                .zip(&dictionaries)
                .map(|(column, dictionary)| match column {
                    PartColumn::Done(array) => Ok(array),
                    PartColumn::Dictionary(d) => {
                        let values = dictionary.clone().unwrap_or_else(|| d.values());
                        d.finish(values)
                    }
                })
                .collect::<Result<Vec<_>, _>>()?;
            RecordBatch::try_new(Arc::clone(&arrow_schema), arrays).map_err(|e| e.to_string())
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((arrow_schema, batches))
}

/// The issues of a report as a record batch: code and severity dictionary-encoded,
/// line and column `uint64`, messages in `lang`.
pub(crate) fn issues_batch(issues: &[IssueData], lang: Lang) -> Result<RecordBatch, String> {
    let n = issues.len();
    let dict = || DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
    let schema = Arc::new(Schema::new(vec![
        Field::new("code", dict(), false),
        Field::new("severity", dict(), false),
        Field::new("pointer", DataType::Utf8, false),
        Field::new("line", DataType::UInt64, true),
        Field::new("column", DataType::UInt64, true),
        Field::new("file", DataType::Utf8, true),
        Field::new("field", DataType::Utf8, true),
        Field::new("sheet", DataType::Utf8, true),
        Field::new("message", DataType::Utf8, false),
    ]));
    let mut code = StringDictionaryBuilder::<Int32Type>::new();
    let mut severity = StringDictionaryBuilder::<Int32Type>::new();
    let mut pointer = StringBuilder::with_capacity(n, 0);
    let mut line = UInt64Builder::with_capacity(n);
    let mut col = UInt64Builder::with_capacity(n);
    let mut file = StringBuilder::with_capacity(n, 0);
    let mut field = StringBuilder::with_capacity(n, 0);
    let mut sheet = StringBuilder::with_capacity(n, 0);
    let mut message = StringBuilder::with_capacity(n, 0);
    // Messages of rules without arguments are the same text every time.
    let mut plain: HashMap<&'static str, String> = HashMap::new();
    for i in issues {
        code.append(i.rule.code()).map_err(|e| e.to_string())?;
        severity
            .append(i.rule.severity().as_str())
            .map_err(|e| e.to_string())?;
        pointer.append_value(&i.pointer);
        let loc = i.location.as_ref();
        line.append_option(loc.and_then(|l| l.line));
        col.append_option(loc.and_then(|l| l.column));
        file.append_option(loc.and_then(|l| l.file.as_deref()));
        field.append_option(loc.and_then(|l| l.field.as_deref()));
        sheet.append_option(loc.and_then(|l| l.sheet.as_deref()));
        if i.args.is_empty() {
            let m = plain
                .entry(i.rule.code())
                .or_insert_with(|| i.message(lang));
            message.append_value(m.as_str());
        } else {
            message.append_value(i.message(lang));
        }
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(code.finish()),
        Arc::new(severity.finish()),
        Arc::new(pointer.finish()),
        Arc::new(line.finish()),
        Arc::new(col.finish()),
        Arc::new(file.finish()),
        Arc::new(field.finish()),
        Arc::new(sheet.finish()),
        Arc::new(message.finish()),
    ];
    RecordBatch::try_new(schema, columns).map_err(|e| e.to_string())
}

/// The capsule `__arrow_c_stream__` returns: a stream of `batches` (of `schema`),
/// owned by the capsule until a consumer takes it.
pub(crate) fn stream_capsule<'py>(
    py: Python<'py>,
    schema: &SchemaRef,
    batches: &[RecordBatch],
) -> PyResult<Bound<'py, PyCapsule>> {
    let reader = RecordBatchIterator::new(
        batches.iter().cloned().map(Ok).collect::<Vec<_>>(),
        Arc::clone(schema),
    );
    let stream = FFI_ArrowArrayStream::new(Box::new(reader));
    PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
}

/// The capsule `__arrow_c_schema__` returns.
pub(crate) fn schema_capsule<'py>(
    py: Python<'py>,
    schema: &SchemaRef,
) -> PyResult<Bound<'py, PyCapsule>> {
    let ffi = FFI_ArrowSchema::try_from(schema.as_ref()).map_err(|e| internal(e.to_string()))?;
    PyCapsule::new_with_value(py, ffi, c"arrow_schema")
}

/// A table of Arrow arrays built by oske: one table of a document, or an issue
/// report. It exports the Arrow PyCapsule interface, so `polars.DataFrame(t)`,
/// `pyarrow.table(t)` and `pandas.DataFrame(pyarrow.table(t))` take it without copying
/// the cells again; oske itself imports none of them. A large table comes as
/// several record batches (one per thread that built it), in row order.
#[pyclass(module = "oske", name = "ArrowTable", frozen)]
#[derive(Clone)]
pub struct PyArrowTable {
    pub(crate) schema: SchemaRef,
    pub(crate) batches: Vec<RecordBatch>,
}

impl PyArrowTable {
    /// A table of one batch.
    pub(crate) fn of_batch(batch: RecordBatch) -> Self {
        PyArrowTable {
            schema: batch.schema(),
            batches: vec![batch],
        }
    }

    fn rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }
}

#[pymethods]
impl PyArrowTable {
    /// The Arrow PyCapsule interface: a capsule holding an `ArrowArrayStream` of the
    /// table (its record batches). `requested_schema` is accepted and ignored, as the
    /// interface allows: the columns keep their types.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        guard(|| stream_capsule(py, &self.schema, &self.batches))
    }

    /// The Arrow PyCapsule interface: a capsule holding the table's `ArrowSchema`.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        guard(|| schema_capsule(py, &self.schema))
    }

    /// Number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.rows()
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.schema
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    /// The Arrow type of each column, as Arrow writes it (`"Date32"`, `"Int64"`…).
    #[getter]
    fn column_types(&self) -> Vec<(String, String)> {
        self.schema
            .fields()
            .iter()
            .map(|f| (f.name().clone(), f.data_type().to_string()))
            .collect()
    }

    fn __len__(&self) -> usize {
        self.rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowTable(rows={}, columns={})",
            self.rows(),
            self.schema.fields().len()
        )
    }
}

/// One table of a document as Arrow arrays (the GIL released while building them).
pub(crate) fn document_table(
    py: Python<'_>,
    doc: &Arc<oske::Document>,
    schema: &'static TableSchema,
    typing: Typing,
) -> PyResult<PyArrowTable> {
    let doc = Arc::clone(doc);
    py.detach(move || table_batches(&doc, schema, typing))
        .map(|(schema, batches)| PyArrowTable { schema, batches })
        .map_err(internal)
}

/// A report's issues as Arrow arrays (the GIL released while building them).
pub(crate) fn report_table(
    py: Python<'_>,
    issues: &Arc<Vec<IssueData>>,
    lang: Lang,
) -> PyResult<PyArrowTable> {
    let issues = Arc::clone(issues);
    py.detach(move || issues_batch(&issues, lang))
        .map(PyArrowTable::of_batch)
        .map_err(internal)
}
