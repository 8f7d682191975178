//! Arrow out: the document's tables and the issue reports as Arrow record batches,
//! handed over through the Arrow PyCapsule interface (`__arrow_c_stream__`,
//! `__arrow_c_schema__`), so that `polars.DataFrame(x)`, `pyarrow.table(x)` and
//! pandas (through pyarrow) take them without oske importing any of them.
//!
//! The arrays are built from the cells the core's CSV export writes
//! (`oske::tables::table_cells`, standard dialect), so the table layout stays the
//! core's one mapping. Exporting needs no `unsafe`: the C stream struct is moved into
//! a capsule that owns it (pyo3 boxes it and drops it with the capsule; a consumer
//! that takes the stream leaves a released struct behind, whose drop does nothing).
//! Reading a stream in needs one `unsafe` call; it lives in `arrow_in.rs`.

use crate::errors::{argument_error, guard, internal};
use crate::issues::IssueData;
use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Decimal128Builder, Float64Builder, Int64Builder, ListBuilder,
    StringBuilder, StringDictionaryBuilder, UInt64Builder,
};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, RecordBatch, RecordBatchIterator};
use arrow_schema::ffi::FFI_ArrowSchema;
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::{Datelike, NaiveDate};
use oske::tables::{self, TableSchema, ValueKind};
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
            _ => Err(argument_error(format!(
                "money must be \"cents\" or \"decimal\", not {s:?}"
            ))),
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

const DECIMAL_PRECISION: u8 = 19;
const DECIMAL_SCALE: i8 = 2;
/// 1970-01-01, day 0 of Arrow's `date32`.
const EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// Days since 1970-01-01, as Arrow's `date32` counts.
pub(crate) fn date32(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - EPOCH_DAYS_FROM_CE
}

/// The Arrow type of a column of the layout.
fn data_type(kind: &ValueKind, money: MoneyAs, codes: Codes) -> DataType {
    match kind {
        ValueKind::Integer => DataType::Int64,
        ValueKind::Money | ValueKind::Percent => match money {
            MoneyAs::Cents => DataType::Int64,
            MoneyAs::Decimal => DataType::Decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
        },
        ValueKind::Number => DataType::Float64,
        ValueKind::Date => DataType::Date32,
        ValueKind::Bool => DataType::Boolean,
        ValueKind::Enum(_) if codes == Codes::Dictionary => {
            DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
        }
        ValueKind::List(item) => {
            let item = match item {
                ValueKind::Date => DataType::Date32,
                _ => DataType::Utf8,
            };
            DataType::List(Arc::new(Field::new("item", item, true)))
        }
        _ => DataType::Utf8,
    }
}

/// The Arrow schema of a table of the layout. Every column is nullable (an empty
/// cell is null) except lists, which are empty instead.
pub(crate) fn table_schema(schema: &TableSchema, money: MoneyAs, codes: Codes) -> Schema {
    Schema::new(
        schema
            .columns
            .iter()
            .map(|c| {
                let list = matches!(c.kind, ValueKind::List(_));
                Field::new(c.name, data_type(&c.kind, money, codes), !list)
            })
            .collect::<Vec<_>>(),
    )
}

/// Cents (or basis points) from the standard dialect's `-1234.56`.
fn hundredths(raw: &str) -> Option<i64> {
    let (neg, digits) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let (whole, frac) = digits.split_once('.')?;
    if frac.len() != 2
        || whole.is_empty()
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let n = whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(frac.parse::<i64>().ok()?)?;
    Some(if neg { -n } else { n })
}

/// An ISO date as the standard dialect writes it (`2020-03-01`; other forms through
/// the core's date reader).
fn iso_date(raw: &str) -> Option<NaiveDate> {
    let b = raw.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let year = i32::try_from(digits(0..4)?).ok()?;
        return NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?);
    }
    oske::parse_date(raw).ok()
}

/// The items of a list cell: split on `|` when nothing is escaped, else by the
/// core's list reader.
fn list_items(raw: &str, mut each: impl FnMut(&str)) {
    if raw.is_empty() {
        return;
    }
    if raw.contains('\\') {
        for item in tables::split_list(raw) {
            each(&item);
        }
    } else {
        raw.split('|').for_each(each);
    }
}

/// One column of a table, from the standard dialect's cells.
fn column(
    rows: &[Vec<String>],
    c: usize,
    kind: &ValueKind,
    money: MoneyAs,
    codes: Codes,
) -> Result<ArrayRef, String> {
    let cells = rows.iter().map(|r| r.get(c).map_or("", String::as_str));
    let n = rows.len();
    let bad = |raw: &str| {
        format!(
            "the standard CSV dialect wrote {raw:?}, which is not a {}",
            kind.describe()
        )
    };
    Ok(match kind {
        ValueKind::Integer => {
            let mut b = Int64Builder::with_capacity(n);
            for raw in cells {
                if raw.is_empty() {
                    b.append_null();
                } else {
                    b.append_value(raw.parse().map_err(|_| bad(raw))?);
                }
            }
            Arc::new(b.finish())
        }
        ValueKind::Money | ValueKind::Percent => match money {
            MoneyAs::Cents => {
                let mut b = Int64Builder::with_capacity(n);
                for raw in cells {
                    if raw.is_empty() {
                        b.append_null();
                    } else {
                        b.append_value(hundredths(raw).ok_or_else(|| bad(raw))?);
                    }
                }
                Arc::new(b.finish())
            }
            MoneyAs::Decimal => {
                let mut b = Decimal128Builder::with_capacity(n)
                    .with_precision_and_scale(DECIMAL_PRECISION, DECIMAL_SCALE)
                    .map_err(|e| e.to_string())?;
                for raw in cells {
                    if raw.is_empty() {
                        b.append_null();
                    } else {
                        b.append_value(i128::from(hundredths(raw).ok_or_else(|| bad(raw))?));
                    }
                }
                Arc::new(b.finish())
            }
        },
        ValueKind::Number => {
            let mut b = Float64Builder::with_capacity(n);
            for raw in cells {
                if raw.is_empty() {
                    b.append_null();
                } else {
                    b.append_value(raw.parse().map_err(|_| bad(raw))?);
                }
            }
            Arc::new(b.finish())
        }
        ValueKind::Date => {
            let mut b = Date32Builder::with_capacity(n);
            for raw in cells {
                if raw.is_empty() {
                    b.append_null();
                } else {
                    b.append_value(date32(iso_date(raw).ok_or_else(|| bad(raw))?));
                }
            }
            Arc::new(b.finish())
        }
        ValueKind::Bool => {
            let mut b = BooleanBuilder::with_capacity(n);
            for raw in cells {
                match raw {
                    "" => b.append_null(),
                    "true" => b.append_value(true),
                    "false" => b.append_value(false),
                    _ => return Err(bad(raw)),
                }
            }
            Arc::new(b.finish())
        }
        ValueKind::Enum(_) if codes == Codes::Dictionary => {
            let mut b = StringDictionaryBuilder::<Int32Type>::new();
            for raw in cells {
                if raw.is_empty() {
                    b.append_null();
                } else {
                    b.append(raw).map_err(|e| e.to_string())?;
                }
            }
            Arc::new(b.finish())
        }
        ValueKind::List(ValueKind::Date) => {
            let mut b = ListBuilder::with_capacity(Date32Builder::new(), n);
            for raw in cells {
                let mut ok = true;
                list_items(raw, |item| match iso_date(item) {
                    Some(d) => b.values().append_value(date32(d)),
                    None => ok = false,
                });
                if !ok {
                    return Err(bad(raw));
                }
                b.append(true);
            }
            Arc::new(b.finish())
        }
        ValueKind::List(_) => {
            let mut b = ListBuilder::with_capacity(StringBuilder::new(), n);
            for raw in cells {
                list_items(raw, |item| b.values().append_value(item));
                b.append(true);
            }
            Arc::new(b.finish())
        }
        _ => {
            let bytes = rows.iter().map(|r| r.get(c).map_or(0, String::len)).sum();
            let mut b = StringBuilder::with_capacity(n, bytes);
            for raw in cells {
                if raw.is_empty() {
                    b.append_null();
                } else {
                    b.append_value(raw);
                }
            }
            Arc::new(b.finish())
        }
    })
}

/// One table of the layout as a record batch, from the cells the core's export wrote.
pub(crate) fn table_batch(
    schema: &TableSchema,
    rows: &[Vec<String>],
    money: MoneyAs,
    codes: Codes,
) -> Result<RecordBatch, String> {
    let arrow_schema = Arc::new(table_schema(schema, money, codes));
    let columns = schema
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| column(rows, c, &col.kind, money, codes))
        .collect::<Result<Vec<_>, _>>()?;
    RecordBatch::try_new(arrow_schema, columns).map_err(|e| e.to_string())
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

/// The capsule `__arrow_c_stream__` returns: a stream of `batch`, owned by the
/// capsule until a consumer takes it.
pub(crate) fn stream_capsule<'py>(
    py: Python<'py>,
    batch: &RecordBatch,
) -> PyResult<Bound<'py, PyCapsule>> {
    let reader = RecordBatchIterator::new(vec![Ok(batch.clone())], batch.schema());
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
/// the cells again; oske itself imports none of them.
#[pyclass(module = "oske", name = "ArrowTable", frozen)]
#[derive(Clone)]
pub struct PyArrowTable {
    pub(crate) batch: RecordBatch,
}

#[pymethods]
impl PyArrowTable {
    /// The Arrow PyCapsule interface: a capsule holding an `ArrowArrayStream` of the
    /// table (one record batch). `requested_schema` is accepted and ignored, as the
    /// interface allows: the columns keep their types.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        guard(|| stream_capsule(py, &self.batch))
    }

    /// The Arrow PyCapsule interface: a capsule holding the table's `ArrowSchema`.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        guard(|| schema_capsule(py, &self.batch.schema()))
    }

    /// Number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    /// The Arrow type of each column, as Arrow writes it (`"Date32"`, `"Int64"`…).
    #[getter]
    fn column_types(&self) -> Vec<(String, String)> {
        self.batch
            .schema()
            .fields()
            .iter()
            .map(|f| (f.name().clone(), f.data_type().to_string()))
            .collect()
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowTable(rows={}, columns={})",
            self.batch.num_rows(),
            self.batch.num_columns()
        )
    }
}

/// One table of a document as Arrow arrays.
pub(crate) fn document_table(
    py: Python<'_>,
    doc: &Arc<oske::Document>,
    schema: &'static TableSchema,
    money: MoneyAs,
    codes: Codes,
) -> PyResult<PyArrowTable> {
    let doc = Arc::clone(doc);
    py.detach(move || {
        let rows = tables::table_cells(&doc, schema);
        let batch = table_batch(schema, &rows, money, codes);
        // Freeing millions of cells takes a while: let another thread do it.
        if rows.len() > 10_000 {
            std::thread::spawn(move || drop(rows));
        }
        batch
    })
    .map(|batch| PyArrowTable { batch })
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
        .map(|batch| PyArrowTable { batch })
        .map_err(internal)
}
