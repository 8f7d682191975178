//! Tables in: a pandas or polars DataFrame, any object with `__arrow_c_stream__`, or
//! a list of dicts, turned into the core's in-memory table (`oske::tables::Records`)
//! and read by the core's one table mapping (`tables::read_records`): the same
//! header aliases, cell rules, codes and locations as a CSV file, with the row's
//! 0-based position as its line.
//!
//! Each value becomes the text a CSV cell would hold: strings as they are, dates
//! ISO 8601, integers in a money (percentage) column as cents (basis points), floats
//! and decimals in a money column as euros, lists joined by `|`, a missing value
//! (None, NaN, NA, NaT, Arrow null) as an empty cell.
//!
//! A pandas frame of text (object columns holding only strings and missing values,
//! a range index) is read straight from its Python strings instead, without pyarrow,
//! to the same cells. A large table (such a frame, or an Arrow stream) is written in
//! parts on a second thread while the calling one maps them (`load_given`).
//!
//! `unsafe` code here (the bindings' other is the allocator's and the Arrow column
//! builders' in `arrow.rs`): taking the C stream out of the capsule an
//! `__arrow_c_stream__` method returns (`import_stream`), and reading a pandas
//! frame's values in its NumPy array and their text through CPython's C API
//! (`write_text_rows`, `text_of`).

use crate::convert::shown_not_text;
use crate::errors::bad_argument;
use arrow_array::cast::AsArray;
use arrow_array::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::types::{
    Date32Type, Date64Type, Decimal128Type, Decimal256Type, Float16Type, Float32Type, Float64Type,
    Int16Type, Int32Type, Int64Type, Int8Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, RecordBatchReader};
use arrow_schema::{DataType, TimeUnit};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use oske::errors::ArgumentProblem;
use oske::registry::Registry;
use oske::tables::{self, Imported};
use oske::tables::{join_list, Records, TableSchema, ValueKind};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyString, PyTuple};
use std::fmt::Write as _;
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;

/// How a column's values are written as cells.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// Integers are whole units (text, whole numbers, codes).
    Plain,
    /// Integers are hundredths: cents in a money column, basis points in a
    /// percentage column.
    Hundredths,
}

fn unit_of(schema: &TableSchema, column: &str) -> Unit {
    match schema
        .column_index(column)
        .and_then(|i| schema.columns.get(i))
        .map(|c| &c.kind)
    {
        Some(ValueKind::Money | ValueKind::Percent) => Unit::Hundredths,
        _ => Unit::Plain,
    }
}

fn write_hundredths(out: &mut String, v: i128) {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    let _ = write!(out, "{sign}{}.{:02}", a / 100, a % 100);
}

fn write_int(out: &mut String, v: i128, unit: Unit) {
    match unit {
        Unit::Plain => {
            let _ = write!(out, "{v}");
        }
        Unit::Hundredths => write_hundredths(out, v),
    }
}

/// A float: empty when NaN, a whole number without decimals, else Rust's shortest
/// round-trip form (`0.1`, `1234.5`, `1e-7`).
fn write_float(out: &mut String, v: f64) {
    if v.is_nan() {
        return;
    }
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        let _ = write!(out, "{}", v as i64);
    } else {
        let _ = write!(out, "{v}");
    }
}

fn write_date(out: &mut String, d: NaiveDate) {
    let _ = write!(out, "{}", d.format("%Y-%m-%d"));
}

/// A timestamp: its date when at midnight (pandas keeps dates as such), else the
/// whole ISO text, which the date rule then rejects with the value shown.
fn write_datetime(out: &mut String, t: NaiveDateTime) {
    if t.time() == chrono::NaiveTime::MIN {
        write_date(out, t.date());
    } else {
        let _ = write!(out, "{}", t.format("%Y-%m-%dT%H:%M:%S%.f"));
    }
}

fn write_decimal(out: &mut String, text: &str) {
    out.push_str(text);
}

/// Whether a column's Arrow type can be read, and how.
fn supported(dt: &DataType) -> bool {
    match dt {
        DataType::Null
        | DataType::Boolean
        | DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64
        | DataType::Float16
        | DataType::Float32
        | DataType::Float64
        | DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Date32
        | DataType::Date64
        | DataType::Timestamp(_, _)
        | DataType::Decimal128(_, _)
        | DataType::Decimal256(_, _) => true,
        DataType::Dictionary(_, values) => supported(values),
        DataType::List(f) | DataType::LargeList(f) | DataType::FixedSizeList(f, _) => {
            supported(f.data_type())
        }
        _ => false,
    }
}

/// Writes the cell at `i` of `a` (not null) into `out`.
fn write_arrow(out: &mut String, a: &dyn Array, i: usize, unit: Unit) {
    if a.is_null(i) {
        return;
    }
    match a.data_type() {
        DataType::Null => {}
        DataType::Boolean => out.push_str(if a.as_boolean().value(i) {
            "true"
        } else {
            "false"
        }),
        DataType::Int8 => write_int(out, a.as_primitive::<Int8Type>().value(i).into(), unit),
        DataType::Int16 => write_int(out, a.as_primitive::<Int16Type>().value(i).into(), unit),
        DataType::Int32 => write_int(out, a.as_primitive::<Int32Type>().value(i).into(), unit),
        DataType::Int64 => write_int(out, a.as_primitive::<Int64Type>().value(i).into(), unit),
        DataType::UInt8 => write_int(out, a.as_primitive::<UInt8Type>().value(i).into(), unit),
        DataType::UInt16 => write_int(out, a.as_primitive::<UInt16Type>().value(i).into(), unit),
        DataType::UInt32 => write_int(out, a.as_primitive::<UInt32Type>().value(i).into(), unit),
        DataType::UInt64 => write_int(out, a.as_primitive::<UInt64Type>().value(i).into(), unit),
        DataType::Float16 => write_float(out, a.as_primitive::<Float16Type>().value(i).into()),
        DataType::Float32 => write_float(out, a.as_primitive::<Float32Type>().value(i).into()),
        DataType::Float64 => write_float(out, a.as_primitive::<Float64Type>().value(i)),
        DataType::Utf8 => out.push_str(a.as_string::<i32>().value(i)),
        DataType::LargeUtf8 => out.push_str(a.as_string::<i64>().value(i)),
        DataType::Utf8View => out.push_str(a.as_string_view().value(i)),
        DataType::Date32 => {
            if let Some(d) = a.as_primitive::<Date32Type>().value_as_date(i) {
                write_date(out, d);
            }
        }
        DataType::Date64 => {
            if let Some(t) = a.as_primitive::<Date64Type>().value_as_datetime(i) {
                write_datetime(out, t);
            }
        }
        DataType::Timestamp(u, _) => {
            // The stored instant (UTC for a zoned column), as Arrow counts it.
            let t = match u {
                TimeUnit::Second => a.as_primitive::<TimestampSecondType>().value_as_datetime(i),
                TimeUnit::Millisecond => a
                    .as_primitive::<TimestampMillisecondType>()
                    .value_as_datetime(i),
                TimeUnit::Microsecond => a
                    .as_primitive::<TimestampMicrosecondType>()
                    .value_as_datetime(i),
                TimeUnit::Nanosecond => a
                    .as_primitive::<TimestampNanosecondType>()
                    .value_as_datetime(i),
            };
            if let Some(t) = t {
                write_datetime(out, t);
            }
        }
        DataType::Decimal128(_, _) => {
            write_decimal(out, &a.as_primitive::<Decimal128Type>().value_as_string(i))
        }
        DataType::Decimal256(_, _) => {
            write_decimal(out, &a.as_primitive::<Decimal256Type>().value_as_string(i))
        }
        DataType::Dictionary(_, _) => {
            let d = a.as_any_dictionary();
            let key = d.normalized_keys().get(i).copied().unwrap_or_default();
            write_arrow(out, d.values().as_ref(), key, unit);
        }
        DataType::List(_) => {
            let items = a.as_list::<i32>().value(i);
            write_items(out, items.as_ref(), unit);
        }
        DataType::LargeList(_) => {
            let items = a.as_list::<i64>().value(i);
            write_items(out, items.as_ref(), unit);
        }
        DataType::FixedSizeList(_, _) => {
            let items = a.as_fixed_size_list().value(i);
            write_items(out, items.as_ref(), unit);
        }
        _ => {}
    }
}

/// One column of a batch, its type matched once per batch: text and 64-bit integers
/// (polars' `read_csv` columns) are written straight from their arrays, the rest by
/// [`write_arrow`].
enum Column<'a> {
    Utf8(&'a arrow_array::StringArray),
    LargeUtf8(&'a arrow_array::LargeStringArray),
    Utf8View(&'a arrow_array::StringViewArray),
    Int64(&'a arrow_array::Int64Array),
    Other(&'a dyn Array),
}

impl<'a> Column<'a> {
    fn of(a: &'a dyn Array) -> Column<'a> {
        match a.data_type() {
            DataType::Utf8 => Column::Utf8(a.as_string::<i32>()),
            DataType::LargeUtf8 => Column::LargeUtf8(a.as_string::<i64>()),
            DataType::Utf8View => Column::Utf8View(a.as_string_view()),
            DataType::Int64 => Column::Int64(a.as_primitive::<Int64Type>()),
            _ => Column::Other(a),
        }
    }

    /// Writes the cell at `i` into `out`: what [`write_arrow`] writes.
    fn write(&self, out: &mut String, i: usize, unit: Unit) {
        match self {
            Column::Utf8(a) if a.is_valid(i) => out.push_str(a.value(i)),
            Column::LargeUtf8(a) if a.is_valid(i) => out.push_str(a.value(i)),
            Column::Utf8View(a) if a.is_valid(i) => out.push_str(a.value(i)),
            Column::Int64(a) if a.is_valid(i) => write_int(out, a.value(i).into(), unit),
            Column::Other(a) => write_arrow(out, *a, i, unit),
            _ => {}
        }
    }
}

/// A list's items joined by `|` (escaped as the CSV writer escapes them).
fn write_items(out: &mut String, items: &dyn Array, unit: Unit) {
    let mut texts = Vec::with_capacity(items.len());
    let mut cell = String::new();
    for j in 0..items.len() {
        cell.clear();
        write_arrow(&mut cell, items, j, unit);
        if !cell.is_empty() {
            texts.push(cell.clone());
        }
    }
    out.push_str(&join_list(&texts));
}

/// Takes the C stream out of the capsule `__arrow_c_stream__` returned.
///
/// The capsule's name is checked (`arrow_array_stream`); `FFI_ArrowArrayStream::from_raw`
/// then moves the struct out and leaves a released one behind, so the capsule's own
/// destructor, when it runs, finds nothing to release. The capsule stays alive
/// (borrowed) during the move.
#[allow(unsafe_code)]
fn import_stream(capsule: &Bound<'_, PyCapsule>) -> PyResult<ArrowArrayStreamReader> {
    use pyo3::types::PyCapsuleMethods;
    let ptr = capsule
        .pointer_checked(Some(c"arrow_array_stream"))
        .map_err(|_| bad_argument(ArgumentProblem::WrongCapsule))?;
    // SAFETY: the capsule is named "arrow_array_stream", which by the Arrow PyCapsule
    // interface holds a valid `ArrowArrayStream` struct; the pointer is not null
    // (`pointer_checked`), and the capsule is borrowed, so it outlives the move.
    let stream = unsafe { FFI_ArrowArrayStream::from_raw(ptr.as_ptr().cast()) };
    ArrowArrayStreamReader::try_new(stream)
        .map_err(|e| bad_argument(ArgumentProblem::ArrowStream(e.to_string())))
}

/// True for the columns pandas adds for an index that is not a plain range
/// (`__index_level_0__`), which are not the table's.
fn pandas_index(name: &str) -> bool {
    name.starts_with("__index_level_") && name.ends_with("__")
}

/// An Arrow stream opened as a table: its batches, the columns kept (not pandas'
/// index columns), their names and units, each type checked to be one oske reads.
struct StreamTable {
    reader: ArrowArrayStreamReader,
    keep: Vec<usize>,
    names: Vec<String>,
    units: Vec<Unit>,
}

impl StreamTable {
    /// Opens the capsule an `__arrow_c_stream__` method returned.
    fn open(capsule: &Bound<'_, PyAny>, schema: &TableSchema) -> PyResult<StreamTable> {
        let capsule = capsule
            .cast::<PyCapsule>()
            .map_err(|_| bad_argument(ArgumentProblem::NoCapsule))?;
        let reader = import_stream(capsule)?;
        let arrow_schema = reader.schema();
        let keep: Vec<usize> = (0..arrow_schema.fields().len())
            .filter(|&i| !pandas_index(arrow_schema.field(i).name()))
            .collect();
        let names: Vec<String> = keep
            .iter()
            .map(|&i| arrow_schema.field(i).name().clone())
            .collect();
        for f in keep.iter().map(|&i| arrow_schema.field(i)) {
            if !supported(f.data_type()) {
                return Err(bad_argument(ArgumentProblem::ArrowType {
                    column: f.name().clone(),
                    arrow_type: f.data_type().to_string(),
                }));
            }
        }
        let units: Vec<Unit> = names.iter().map(|n| unit_of(schema, n)).collect();
        Ok(StreamTable {
            reader,
            keep,
            names,
            units,
        })
    }

    /// Writes the stream's rows, batch after batch, into tables of `part_rows` rows
    /// each handed to `each` as it fills (false from `each`: stop), and gives back
    /// the last, the rows after them (every row when `part_rows` is `usize::MAX`).
    /// Needs no GIL.
    fn write(
        self,
        part_rows: usize,
        mut each: impl FnMut(Records) -> bool,
    ) -> Result<Records, ArgumentProblem> {
        let StreamTable {
            reader,
            keep,
            names,
            units,
        } = self;
        let mut records = Records::new(names.clone());
        for batch in reader {
            let batch = batch.map_err(|e| ArgumentProblem::ArrowStreamFailed(e.to_string()))?;
            let columns: Vec<Column<'_>> = keep
                .iter()
                .filter_map(|&c| batch.columns().get(c))
                .map(|c| Column::of(c.as_ref()))
                .collect();
            for i in 0..batch.num_rows() {
                if records.len() >= part_rows {
                    let mut next = Records::new(names.clone());
                    // Room for a part like this one, and an eighth: no growing.
                    let text = records.text_len();
                    next.reserve(part_rows, text + text / 8);
                    let full = std::mem::replace(&mut records, next);
                    if !each(full) {
                        return Ok(records);
                    }
                }
                for (c, unit) in columns.iter().zip(&units) {
                    records.push_cell_with(|out| c.write(out, i, *unit));
                }
            }
        }
        Ok(records)
    }
}

/// The capsule an `__arrow_c_stream__` method returned, as a table.
fn records_from_stream(
    obj: &Bound<'_, PyAny>,
    capsule: Bound<'_, PyAny>,
    schema: &TableSchema,
) -> PyResult<Records> {
    let stream = StreamTable::open(&capsule, schema)?;
    obj.py()
        .detach(move || stream.write(usize::MAX, |_| true))
        .map_err(bad_argument)
}

/// Writes a Python string's text; false (and the text as [`shown_not_text`] shows
/// it) when UTF-8 cannot encode it.
fn write_str(out: &mut String, s: &Bound<'_, PyString>) -> bool {
    match s.to_cow() {
        Ok(text) => {
            out.push_str(&text);
            true
        }
        Err(_) => {
            out.push_str(&shown_not_text(s));
            false
        }
    }
}

/// A column name (or a dict key) as text: an argument error when UTF-8 cannot
/// encode it.
fn column_name(c: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = c.str()?;
    let mut name = String::new();
    if write_str(&mut name, &s) {
        Ok(name)
    } else {
        Err(bad_argument(ArgumentProblem::ColumnNotText { shown: name }))
    }
}

/// A Python value's text as a cell; false when it is not text UTF-8 can encode (a
/// string with an unpaired surrogate, or a list holding one): then `out` holds it
/// as [`shown_not_text`] shows it, and the cell is given as not text
/// ([`Records::push_invalid_cell`]).
fn write_py(out: &mut String, v: &Bound<'_, PyAny>, unit: Unit) -> PyResult<bool> {
    if v.is_none() {
        return Ok(true);
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(write_str(out, s));
    }
    if let Ok(b) = v.cast::<pyo3::types::PyBool>() {
        out.push_str(if b.is_true() { "true" } else { "false" });
        return Ok(true);
    }
    if v.is_instance_of::<pyo3::types::PyInt>() {
        match v.extract::<i128>() {
            Ok(n) => write_int(out, n, unit),
            Err(_) => out.push_str(&v.str()?.to_cow()?),
        }
        return Ok(true);
    }
    if let Ok(f) = v.cast::<pyo3::types::PyFloat>() {
        write_float(out, f.value());
        return Ok(true);
    }
    let type_name = v.get_type().name()?.to_cow()?.into_owned();
    // pandas' and NumPy's missing values, before dates: `pd.NaT` is a datetime to
    // Python (and read as 1.1.1).
    if matches!(type_name.as_str(), "NAType" | "NaTType") {
        return Ok(true);
    }
    // datetime before date: a datetime is a date too.
    if let Ok(t) = v.extract::<NaiveDateTime>() {
        write_datetime(out, t);
        return Ok(true);
    }
    if let Ok(t) = v.extract::<DateTime<chrono::FixedOffset>>() {
        write_datetime(out, t.naive_local());
        return Ok(true);
    }
    if let Ok(d) = v.extract::<NaiveDate>() {
        write_date(out, d);
        return Ok(true);
    }
    if type_name == "Decimal" {
        let text = v.str()?.to_cow()?.into_owned();
        if text != "NaN" {
            write_decimal(out, &text);
        }
        return Ok(true);
    }
    if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() || type_name == "ndarray" {
        let mut texts = Vec::new();
        let mut text = true;
        for item in v.try_iter()? {
            let mut cell = String::new();
            text &= write_py(&mut cell, &item?, unit)?;
            if !cell.is_empty() {
                texts.push(cell);
            }
        }
        out.push_str(&join_list(&texts));
        return Ok(text);
    }
    // NumPy scalars and anything else: as Python writes it (`item()` when it has one).
    if let Ok(item) = v.call_method0("item") {
        if !item.is(v) && item.get_type().name()?.to_cow()? != type_name {
            return write_py(out, &item, unit);
        }
    }
    Ok(write_str(out, &v.str()?))
}

/// Appends `v` as a cell of `records` (written into `scratch` first: a value that
/// is not text is given as such).
fn push_py(
    records: &mut Records,
    scratch: &mut String,
    v: &Bound<'_, PyAny>,
    unit: Unit,
) -> PyResult<()> {
    scratch.clear();
    if write_py(scratch, v, unit)? {
        records.push_cell(scratch);
    } else {
        records.push_invalid_cell(scratch);
    }
    Ok(())
}

/// A DataFrame read column by column through Python values (pandas without pyarrow).
fn records_from_columns(obj: &Bound<'_, PyAny>, schema: &TableSchema) -> PyResult<Records> {
    let names: Vec<String> = obj
        .getattr("columns")?
        .try_iter()?
        .map(|c| column_name(&c?))
        .collect::<PyResult<_>>()?;
    let columns: Vec<Bound<'_, PyAny>> = obj
        .getattr("columns")?
        .try_iter()?
        .map(|c| {
            let col = obj.get_item(c?)?;
            col.call_method0("tolist")
        })
        .collect::<PyResult<_>>()?;
    let columns: Vec<Vec<Bound<'_, PyAny>>> = columns
        .iter()
        .map(|c| c.try_iter()?.collect::<PyResult<Vec<_>>>())
        .collect::<PyResult<_>>()?;
    let units: Vec<Unit> = names.iter().map(|n| unit_of(schema, n)).collect();
    let rows = columns.first().map_or(0, Vec::len);
    let mut records = Records::new(names);
    let mut scratch = String::new();
    for i in 0..rows {
        for (c, unit) in columns.iter().zip(&units) {
            match c.get(i) {
                Some(v) => push_py(&mut records, &mut scratch, v, *unit)?,
                None => records.push_cell(""),
            }
        }
    }
    Ok(records)
}

/// A list of dicts (records); the columns are the keys in the order first seen.
fn records_from_dicts(list: &Bound<'_, PyList>, schema: &TableSchema) -> PyResult<Records> {
    let mut names: Vec<String> = Vec::new();
    let mut dicts = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let d = item
            .cast_into::<PyDict>()
            .map_err(|_| bad_argument(ArgumentProblem::RowNotDict { row: i }))?;
        for k in d.keys() {
            let k = column_name(&k)?;
            if !names.contains(&k) {
                names.push(k);
            }
        }
        dicts.push(d);
    }
    let units: Vec<Unit> = names.iter().map(|n| unit_of(schema, n)).collect();
    let mut records = Records::new(names.clone());
    let mut scratch = String::new();
    for d in &dicts {
        for (name, unit) in names.iter().zip(&units) {
            match d.get_item(name)? {
                Some(v) => push_py(&mut records, &mut scratch, &v, *unit)?,
                None => records.push_cell(""),
            }
        }
    }
    Ok(records)
}

// ---- pandas frames of text, read without pyarrow -------------------------------------

// `PyUnicode_AsUTF8AndSize` is in the stable ABI from Python 3.10 only, so pyo3 does
// not declare it for an abi3-py39 build (and `to_cow` then encodes every string into
// a new bytes object). CPython has exported it since 3.3.
#[allow(unsafe_code)]
extern "C" {
    fn PyUnicode_AsUTF8AndSize(
        unicode: *mut pyo3::ffi::PyObject,
        size: *mut pyo3::ffi::Py_ssize_t,
    ) -> *const std::os::raw::c_char;
}

/// What one value of an object column of a pandas frame is, as the Arrow path
/// (`pa.Table.from_pandas`) would take it in a column of text.
enum Text<'a> {
    Str(&'a str),
    /// A string UTF-8 cannot encode (an unpaired surrogate), as
    /// [`shown_not_text`] shows it: the cell is given as not text.
    Unencodable(String),
    /// None, NaN, `pd.NA`, `pd.NaT`: null, an empty cell.
    Missing,
    /// Anything else: the column is not (only) text; the caller takes the Arrow path.
    Other,
}

/// The kind of `v`, a value the caller holds alive (with the GIL) for `'a`.
/// `missing` caches the types found to be pandas' missing values (`NAType`,
/// `NaTType`), so the type's name is looked up once.
#[allow(unsafe_code)]
fn text_of<'a>(
    v: *mut pyo3::ffi::PyObject,
    py: Python<'_>,
    missing: &mut Vec<*mut pyo3::ffi::PyTypeObject>,
) -> Text<'a> {
    use pyo3::ffi;
    // SAFETY: `v` is a borrowed, valid reference (an item of a list the caller owns
    // and does not change while the GIL is held); the UTF-8 buffer
    // `PyUnicode_AsUTF8AndSize` returns is cached in the string object and lives as
    // long as the object does.
    unsafe {
        if ffi::PyUnicode_CheckExact(v) != 0 {
            let mut n: ffi::Py_ssize_t = 0;
            let p = PyUnicode_AsUTF8AndSize(v, &mut n);
            if p.is_null() {
                // Unpaired surrogates: not text that UTF-8 can hold.
                ffi::PyErr_Clear();
                let s = Bound::from_borrowed_ptr(py, v).cast_into_unchecked::<PyString>();
                return Text::Unencodable(shown_not_text(&s));
            }
            let bytes = std::slice::from_raw_parts(p.cast::<u8>(), usize::try_from(n).unwrap_or(0));
            // SAFETY (besides the above): CPython gives a string's UTF-8 encoding,
            // which is valid UTF-8 (a string it cannot encode, one with unpaired
            // surrogates, fails above); checking it again cost a quarter of this
            // function's instructions.
            return Text::Str(std::str::from_utf8_unchecked(bytes));
        }
        if v == ffi::Py_None() {
            return Text::Missing;
        }
        if ffi::PyFloat_Check(v) != 0 {
            return if ffi::PyFloat_AsDouble(v).is_nan() {
                Text::Missing
            } else {
                Text::Other
            };
        }
        let t = ffi::Py_TYPE(v);
        if missing.contains(&t) {
            return Text::Missing;
        }
        let any = Bound::from_borrowed_ptr(py, v);
        let ty = any.get_type();
        let named = |attr: &str| {
            ty.getattr(attr)
                .and_then(|n| n.extract::<String>())
                .unwrap_or_default()
        };
        let module = named("__module__");
        if matches!(named("__name__").as_str(), "NAType" | "NaTType")
            && (module == "pandas" || module.starts_with("pandas."))
        {
            missing.push(t);
            return Text::Missing;
        }
        Text::Other
    }
}

/// A pandas DataFrame of object columns, as the two-dimensional NumPy array of
/// their values (`DataFrame.to_numpy()`: a view of the frame's one block of
/// objects, no copy), read in place through its array interface.
pub(crate) struct TextFrame<'py> {
    names: Vec<String>,
    /// The array, held alive (and so every value in it) while it is read.
    array: Bound<'py, PyAny>,
    values: ObjectArray,
}

/// Where the values of a two-dimensional NumPy array of objects are: the value at
/// row `r`, column `c` is the object pointer at `data + r * strides.0 + c *
/// strides.1` (bytes).
#[derive(Clone, Copy)]
struct ObjectArray {
    data: usize,
    strides: (usize, usize),
    rows: usize,
    columns: usize,
}

/// The columns of a pandas DataFrame whose every column has the object dtype
/// (`pd.read_csv(..., dtype=str)`), with their names; `None` for anything else (other
/// dtypes, a non-range index, names that are not unique strings), which takes the
/// Arrow path. Duck-typed: pandas is not imported.
fn pandas_object_columns<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<TextFrame<'py>>> {
    for attr in ["to_numpy", "dtypes", "index", "columns"] {
        if !obj.hasattr(attr)? {
            return Ok(None);
        }
    }
    // The Arrow path keeps a named or non-range index as a column: only a range
    // index (stored as metadata) reads the same.
    let index = obj.getattr("index")?;
    if index.get_type().name()?.to_cow()? != "RangeIndex" {
        return Ok(None);
    }
    let mut names: Vec<String> = Vec::new();
    for c in obj.getattr("columns")?.try_iter()? {
        let c = c?;
        let Ok(s) = c.cast_exact::<PyString>() else {
            return Ok(None);
        };
        let s = s.to_cow()?.into_owned();
        if names.contains(&s) {
            return Ok(None);
        }
        names.push(s);
    }
    if names.is_empty() {
        return Ok(None);
    }
    let dtypes = obj.getattr("dtypes")?;
    let mut n = 0;
    for d in dtypes.try_iter()? {
        let name = d?.getattr("name")?;
        if name.extract::<String>().ok().as_deref() != Some("object") {
            return Ok(None);
        }
        n += 1;
    }
    if n != names.len() {
        return Ok(None);
    }
    let array = obj.call_method0("to_numpy")?;
    let Some(values) = object_array(&array, names.len()) else {
        return Ok(None);
    };
    Ok(Some(TextFrame {
        names,
        array,
        values,
    }))
}

/// Where the values of `array` are, by the NumPy array interface; `None` unless it
/// is a two-dimensional array of objects with `columns` columns, non-negative
/// strides (C or Fortran order, as `to_numpy` gives) and every value's offset within
/// an address.
fn object_array(array: &Bound<'_, PyAny>, columns: usize) -> Option<ObjectArray> {
    let face = array.getattr("__array_interface__").ok()?;
    let face = face.cast_into::<PyDict>().ok()?;
    let get = |key: &str| face.get_item(key).ok().flatten();
    if get("typestr")?.extract::<String>().ok()? != "|O" {
        return None;
    }
    let (rows, cols) = get("shape")?.extract::<(usize, usize)>().ok()?;
    let (data, _read_only) = get("data")?.extract::<(usize, bool)>().ok()?;
    let item = std::mem::size_of::<*mut pyo3::ffi::PyObject>();
    let strides = match get("strides") {
        Some(s) if !s.is_none() => {
            let (a, b) = s.extract::<(isize, isize)>().ok()?;
            (usize::try_from(a).ok()?, usize::try_from(b).ok()?)
        }
        // No strides: C order.
        _ => (cols.checked_mul(item)?, item),
    };
    if cols != columns || data == 0 {
        return None;
    }
    // The last value's end, and so every value's offset, fits an `isize`.
    let last = rows
        .saturating_sub(1)
        .checked_mul(strides.0)?
        .checked_add(cols.saturating_sub(1).checked_mul(strides.1)?)?
        .checked_add(item)?;
    isize::try_from(last).ok()?;
    data.checked_add(last)?;
    Some(ObjectArray {
        data,
        strides,
        rows,
        columns,
    })
}

/// Writes rows `rows` of `values`, the values of `array` (see [`ObjectArray`]), into
/// `records`; false when a value is not text or missing (the caller then takes the
/// Arrow path).
#[allow(unsafe_code)]
fn write_text_rows(
    py: Python<'_>,
    array: &Bound<'_, PyAny>,
    values: ObjectArray,
    rows: std::ops::Range<usize>,
    records: &mut Records,
    missing: &mut Vec<*mut pyo3::ffi::PyTypeObject>,
) -> bool {
    // `array` holds its values alive; this thread holds the GIL, so no Python code
    // changes the array while it is read.
    let _alive = array;
    let rows = rows.start..rows.end.min(values.rows);
    let base = values.data as *const u8;
    for r in rows {
        for c in 0..values.columns {
            // `object_array` checked that the offset of the last value (and so of
            // every one) fits an `isize` and the address space.
            let at = r * values.strides.0 + c * values.strides.1;
            // SAFETY: `r` is below the array's rows and `c` below its columns, so
            // `at` is the offset of one of its values: by the NumPy array interface
            // the memory there holds an object pointer, a reference the array
            // (alive, unchanged while the GIL is held) owns.
            let v = unsafe {
                base.add(at)
                    .cast::<*mut pyo3::ffi::PyObject>()
                    .read_unaligned()
            };
            if v.is_null() {
                return false;
            }
            match text_of(v, py, missing) {
                Text::Str(s) => records.push_cell(s),
                Text::Missing => records.push_cell(""),
                Text::Unencodable(shown) => records.push_invalid_cell(&shown),
                Text::Other => return false,
            }
        }
    }
    true
}

/// A pandas DataFrame of object columns holding only text and missing values, read
/// straight from its Python strings (no `pa.Table.from_pandas`): the same cells as
/// the Arrow path. `None` when the frame is not one.
fn records_from_pandas_text(obj: &Bound<'_, PyAny>) -> PyResult<Option<Records>> {
    let Some(frame) = text_frame(obj) else {
        return Ok(None);
    };
    let mut records = Records::new(frame.names);
    let mut missing = Vec::new();
    if write_text_rows(
        obj.py(),
        &frame.array,
        frame.values,
        0..frame.values.rows,
        &mut records,
        &mut missing,
    ) {
        Ok(Some(records))
    } else {
        Ok(None)
    }
}

/// [`pandas_object_columns`], any error raised on the way taken as "not such a frame":
/// the other routes then raise what they raise.
fn text_frame<'py>(obj: &Bound<'py, PyAny>) -> Option<TextFrame<'py>> {
    pandas_object_columns(obj).ok().flatten()
}

/// Rows a pandas frame of text needs for its rows to be mapped on a second thread
/// while this one writes them (as a CSV file of 1 MiB is, `tables::parallel`).
const PARTS_MIN_ROWS: usize = 5_000;

/// Rows per part handed from the writing thread to the mapping one.
const PART_ROWS: usize = 4_096;

/// Reads the tables given to `load_table(s)` (`(table, data)`, in the order given)
/// into one document. The first pandas frame of text with [`PARTS_MIN_ROWS`] rows or
/// more, or else the first such Arrow stream, is written part by part on a second
/// thread while this one maps the parts written so far and builds the document
/// ([`load_in_parts`]); the rest are read as [`records_of`] reads them. The result is
/// that of `read_records_with` on the tables read whole, and so is any error (the
/// first table in the order given that cannot be read).
pub(crate) fn load_given(
    py: Python<'_>,
    given: &[(&'static TableSchema, Bound<'_, PyAny>)],
    registry: Option<Arc<Registry>>,
) -> PyResult<Imported> {
    if std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2) {
        let frame = given.iter().enumerate().find_map(|(i, (_, obj))| {
            text_frame(obj)
                .filter(|f| f.values.rows >= PARTS_MIN_ROWS)
                .map(|f| (i, f))
        });
        let imported = match frame {
            Some((at, frame)) => {
                let names = frame.names.clone();
                load_in_parts(py, given, registry.clone(), at, names, text_writer(frame))
            }
            None => load_stream_in_parts(py, given, registry.clone()),
        };
        if let Some(imported) = imported {
            return Ok(imported);
        }
    }
    let tables = given
        .iter()
        .map(|(schema, obj)| Ok((schema.name().to_owned(), records_of(obj, schema)?)))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(py.detach(move || tables::read_records_with(tables, registry)))
}

/// Writes a pandas frame of text into parts of [`PART_ROWS`] rows, each handed to
/// `send` (false from it: stop), on a thread of its own that takes the GIL to read
/// the Python strings; false when a value is not text or missing (the frame then
/// goes the Arrow way) or `send` refused a part.
fn text_writer(
    frame: TextFrame<'_>,
) -> impl FnOnce(&mut dyn FnMut(Records) -> bool) -> bool + Send {
    let TextFrame {
        names,
        array,
        values,
    } = frame;
    let array = array.unbind();
    move |send| {
        Python::attach(move |py| {
            let array = array.into_bound(py);
            let mut missing = Vec::new();
            let mut start = 0;
            let mut text = 0;
            while start < values.rows {
                let end = (start + PART_ROWS).min(values.rows);
                let mut part = Records::new(names.clone());
                // Room for the part's rows and their text, as long as the part
                // before's and an eighth: no growing on the way.
                part.reserve(end - start, text + text / 8);
                if !write_text_rows(py, &array, values, start..end, &mut part, &mut missing) {
                    return false;
                }
                text = part.text_len();
                if !send(part) {
                    return false;
                }
                start = end;
            }
            true
        })
    }
}

/// The first table given as an Arrow stream (a polars frame, a pyarrow table, a
/// pandas frame pyarrow exports) of [`PARTS_MIN_ROWS`] rows or more by its `len()`,
/// read by [`load_in_parts`], its rows written without the GIL. `None` when no table
/// is such a stream or anything on the way fails.
fn load_stream_in_parts(
    py: Python<'_>,
    given: &[(&'static TableSchema, Bound<'_, PyAny>)],
    registry: Option<Arc<Registry>>,
) -> Option<Imported> {
    let (at, stream) = given.iter().enumerate().find_map(|(i, (schema, obj))| {
        if obj.cast::<PyList>().is_ok() || !obj.hasattr("__arrow_c_stream__").ok()? {
            return None;
        }
        if obj.len().ok()? < PARTS_MIN_ROWS {
            return None;
        }
        let capsule = obj.call_method0("__arrow_c_stream__").ok()?;
        Some((i, StreamTable::open(&capsule, schema).ok()?))
    })?;
    let names = stream.names.clone();
    load_in_parts(py, given, registry, at, names, move |send| {
        stream.write(PART_ROWS, &mut *send).is_ok_and(send)
    })
}

/// Reads the tables given into one document while a second thread runs `write`,
/// which writes table `at` (its columns `names`) part by part, handing each part to
/// the function it is given (false from it: stop), and says whether it wrote every
/// row. This thread maps the parts as they come (`tables::read_records_in_parts`)
/// without the GIL and builds the document, as the CSV read does (a document built
/// on a thread that then ends leaves its memory to be reclaimed by this one: +28 %
/// instructions, BENCHMARKS.md). `None` when another table cannot be read, `write`
/// does not write every row or no second thread starts: the caller then reads the
/// tables whole, which gives the same result, or the same first error.
fn load_in_parts(
    py: Python<'_>,
    given: &[(&'static TableSchema, Bound<'_, PyAny>)],
    registry: Option<Arc<Registry>>,
    at: usize,
    names: Vec<String>,
    write: impl FnOnce(&mut dyn FnMut(Records) -> bool) -> bool + Send,
) -> Option<Imported> {
    let mut parts: Vec<(String, Records, Option<Receiver<Records>>)> =
        Vec::with_capacity(given.len());
    for (i, (schema, obj)) in given.iter().enumerate() {
        let records = if i == at {
            Records::new(names.clone())
        } else {
            records_of(obj, schema).ok()?
        };
        parts.push((schema.name().to_owned(), records, None));
    }
    let (tx, rx) = mpsc::channel();
    parts.get_mut(at)?.2 = Some(rx);
    py.detach(move || {
        std::thread::scope(|s| {
            let writer = std::thread::Builder::new()
                .name("oske-write-rows".into())
                .spawn_scoped(s, move || write(&mut |part| tx.send(part).is_ok()))
                .ok()?;
            let imported = tables::read_records_in_parts(parts, registry);
            match writer.join() {
                Ok(true) => Some(imported),
                Ok(false) => None,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    })
}

/// A table given as a DataFrame, an Arrow stream or a list of dicts, as the core's
/// in-memory table. A pandas frame of text is read straight from its Python strings;
/// other objects with `__arrow_c_stream__` go through Arrow, unless exporting fails
/// for want of pyarrow (pandas), in which case a DataFrame is read column by column.
pub(crate) fn records_of(obj: &Bound<'_, PyAny>, schema: &TableSchema) -> PyResult<Records> {
    if let Ok(list) = obj.cast::<PyList>() {
        return records_from_dicts(list, schema);
    }
    if let Some(records) = records_from_pandas_text(obj)? {
        return Ok(records);
    }
    if obj.hasattr("__arrow_c_stream__")? {
        match obj.call_method0("__arrow_c_stream__") {
            Ok(capsule) => return records_from_stream(obj, capsule, schema),
            // pandas exports through pyarrow, which may be missing or may refuse a
            // column of mixed types: read the DataFrame value by value instead.
            Err(_) if obj.hasattr("columns")? => {}
            Err(e) => return Err(e),
        }
    }
    if obj.hasattr("columns")? && obj.hasattr("__getitem__")? {
        return records_from_columns(obj, schema);
    }
    Err(bad_argument(ArgumentProblem::NotATable {
        type_name: obj.get_type().name()?.to_string(),
    }))
}
