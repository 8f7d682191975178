//! Arrow out: the document's tables and the issue reports as Arrow record batches,
//! handed over through the Arrow PyCapsule interface (`__arrow_c_stream__`,
//! `__arrow_c_schema__`), so that `polars.DataFrame(x)`, `pyarrow.table(x)` and
//! pandas (through pyarrow) take them without oske importing any of them.
//!
//! The arrays are built in one pass from the typed rows of the core's table mapping
//! (`oske::tables::table_rows`: dates, cents, whole numbers, code names and lists as
//! the model holds them), so the table layout stays the core's one mapping and no
//! value goes through text on the way. Exporting needs no `unsafe`: the C stream struct is moved into
//! a capsule that owns it (pyo3 boxes it and drops it with the capsule; a consumer
//! that takes the stream leaves a released struct behind, whose drop does nothing).
//! Reading a stream in needs one `unsafe` call; it lives in `arrow_in.rs`.

use crate::errors::{bad_argument, guard, internal};
use crate::issues::IssueData;
use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Decimal128Builder, Float64Builder, Int32Builder, Int64Builder,
    ListBuilder, StringBuilder, StringDictionaryBuilder, UInt64Builder,
};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, DictionaryArray, RecordBatch, RecordBatchIterator};
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

/// The builder of one column, typed by its [`ValueKind`].
enum ColumnBuilder<'a> {
    Int(Int64Builder),
    Decimal(Decimal128Builder),
    Number(Float64Builder),
    Date(Date32Builder),
    Bool(BooleanBuilder),
    Dictionary(DictionaryColumn<'a>),
    Text(StringBuilder),
    Texts(ListBuilder<StringBuilder>),
    Dates(ListBuilder<Date32Builder>),
}

/// A dictionary-encoded text column: each distinct text stored once, keyed in the
/// order it first appears. A code-list column has a handful of distinct names, so
/// they are found by a short scan (by address first: the names are the
/// vocabulary's own `&'static str`), with a map only past that.
struct DictionaryColumn<'a> {
    keys: Int32Builder,
    values: Vec<&'a str>,
    index: HashMap<&'a str, i32>,
}

/// Distinct values a dictionary column scans before it indexes them in a map.
const DICTIONARY_SCAN: usize = 32;

impl<'a> DictionaryColumn<'a> {
    fn with_capacity(n: usize) -> Self {
        DictionaryColumn {
            keys: Int32Builder::with_capacity(n),
            values: Vec::new(),
            index: HashMap::new(),
        }
    }

    fn append(&mut self, s: &'a str) -> Result<(), String> {
        let found = if self.values.len() <= DICTIONARY_SCAN {
            self.values
                .iter()
                .position(|v| std::ptr::eq(*v, s) || *v == s)
                .map(|i| i as i32)
        } else {
            self.index.get(s).copied()
        };
        let key = match found {
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
        };
        self.keys.append_value(key);
        Ok(())
    }

    fn finish(mut self) -> Result<ArrayRef, String> {
        let bytes = self.values.iter().map(|v| v.len()).sum();
        let mut values = StringBuilder::with_capacity(self.values.len(), bytes);
        for v in &self.values {
            values.append_value(v);
        }
        let dict =
            DictionaryArray::<Int32Type>::try_new(self.keys.finish(), Arc::new(values.finish()))
                .map_err(|e| e.to_string())?;
        Ok(Arc::new(dict))
    }
}

/// The room a column's buffers start with; they grow as rows come. Growing does
/// not copy a large buffer: the extension's allocator (`alloc.rs`) moves the
/// pages of a block of 1 MiB or more with `mremap` on Linux, so a counting pass
/// over the rows before allocating (which built every row's cells twice) costs
/// more than it saves. (Elsewhere a large buffer's growth copies it: about twice
/// its final size copied in all.)
#[derive(Clone, Copy)]
struct ColumnSize {
    /// Text bytes: of the cells, or of a list column's items.
    bytes: usize,
    /// Items of a list column.
    items: usize,
}

impl ColumnSize {
    /// What a column starts with: room for a thousand rows of short text.
    const START: ColumnSize = ColumnSize {
        bytes: 16 * 1024,
        items: 1024,
    };
}

impl<'a> ColumnBuilder<'a> {
    fn new(
        kind: &ValueKind,
        money: MoneyAs,
        codes: Codes,
        n: usize,
        size: ColumnSize,
    ) -> Result<Self, String> {
        Ok(match kind {
            ValueKind::Integer => ColumnBuilder::Int(Int64Builder::with_capacity(n)),
            ValueKind::Money | ValueKind::Percent => match money {
                MoneyAs::Cents => ColumnBuilder::Int(Int64Builder::with_capacity(n)),
                MoneyAs::Decimal => ColumnBuilder::Decimal(
                    Decimal128Builder::with_capacity(n)
                        .with_precision_and_scale(DECIMAL_PRECISION, DECIMAL_SCALE)
                        .map_err(|e| e.to_string())?,
                ),
            },
            ValueKind::Number => ColumnBuilder::Number(Float64Builder::with_capacity(n)),
            ValueKind::Date => ColumnBuilder::Date(Date32Builder::with_capacity(n)),
            ValueKind::Bool => ColumnBuilder::Bool(BooleanBuilder::with_capacity(n)),
            ValueKind::Enum(_) if codes == Codes::Dictionary => {
                ColumnBuilder::Dictionary(DictionaryColumn::with_capacity(n))
            }
            ValueKind::List(ValueKind::Date) => ColumnBuilder::Dates(ListBuilder::with_capacity(
                Date32Builder::with_capacity(size.items),
                n,
            )),
            ValueKind::List(_) => ColumnBuilder::Texts(ListBuilder::with_capacity(
                StringBuilder::with_capacity(size.items, size.bytes),
                n,
            )),
            _ => ColumnBuilder::Text(StringBuilder::with_capacity(n, size.bytes)),
        })
    }

    /// Appends one cell (empty: null; an empty list: an empty list). A cell of
    /// another type than the column's is an error (the core's mapping is checked
    /// against its kinds by its tests, so this does not happen).
    fn append(&mut self, cell: Cell<'a>) -> Result<(), Cell<'a>> {
        match (self, cell) {
            (ColumnBuilder::Int(b), Cell::Empty) => b.append_null(),
            (ColumnBuilder::Int(b), Cell::Int(n)) => {
                b.append_value(i64::try_from(n).map_err(|_| cell)?)
            }
            (ColumnBuilder::Int(b), Cell::Cents(c)) => b.append_value(c.0),
            (ColumnBuilder::Int(b), Cell::Percent(p)) => b.append_value(i64::from(p.0)),
            (ColumnBuilder::Decimal(b), Cell::Empty) => b.append_null(),
            (ColumnBuilder::Decimal(b), Cell::Cents(c)) => b.append_value(i128::from(c.0)),
            (ColumnBuilder::Decimal(b), Cell::Percent(p)) => b.append_value(i128::from(p.0)),
            (ColumnBuilder::Number(b), Cell::Empty) => b.append_null(),
            (ColumnBuilder::Number(b), Cell::Number(v)) => b.append_value(v),
            (ColumnBuilder::Date(b), Cell::Empty) => b.append_null(),
            (ColumnBuilder::Date(b), Cell::Date(d)) => b.append_value(date32(d)),
            (ColumnBuilder::Bool(b), Cell::Empty) => b.append_null(),
            (ColumnBuilder::Bool(b), Cell::Bool(v)) => b.append_value(v),
            (ColumnBuilder::Dictionary(b), Cell::Empty | Cell::Text("")) => b.keys.append_null(),
            (ColumnBuilder::Dictionary(b), Cell::Text(s)) => b.append(s).map_err(|_| cell)?,
            (ColumnBuilder::Text(b), Cell::Empty | Cell::Text("")) => b.append_null(),
            (ColumnBuilder::Text(b), Cell::Text(s)) => b.append_value(s),
            (ColumnBuilder::Texts(b), Cell::Empty) => b.append(true),
            (ColumnBuilder::Texts(b), Cell::Texts(items)) => {
                for item in items {
                    b.values().append_value(item);
                }
                b.append(true);
            }
            (ColumnBuilder::Texts(b), Cell::Names(names)) => {
                for name in names.iter() {
                    b.values().append_value(name);
                }
                b.append(true);
            }
            (ColumnBuilder::Dates(b), Cell::Empty) => b.append(true),
            (ColumnBuilder::Dates(b), Cell::Dates(dates)) => {
                for d in dates {
                    b.values().append_value(date32(*d));
                }
                b.append(true);
            }
            _ => return Err(cell),
        }
        Ok(())
    }

    fn finish(self) -> Result<ArrayRef, String> {
        Ok(match self {
            ColumnBuilder::Int(mut b) => Arc::new(b.finish()),
            ColumnBuilder::Decimal(mut b) => Arc::new(b.finish()),
            ColumnBuilder::Number(mut b) => Arc::new(b.finish()),
            ColumnBuilder::Date(mut b) => Arc::new(b.finish()),
            ColumnBuilder::Bool(mut b) => Arc::new(b.finish()),
            ColumnBuilder::Dictionary(b) => b.finish()?,
            ColumnBuilder::Text(mut b) => Arc::new(b.finish()),
            ColumnBuilder::Texts(mut b) => Arc::new(b.finish()),
            ColumnBuilder::Dates(mut b) => Arc::new(b.finish()),
        })
    }
}

/// One table of a document as a record batch, built in one pass over the core's
/// typed rows (`oske::tables::table_rows`): no text in between.
pub(crate) fn table_batch(
    doc: &oske::Document,
    schema: &TableSchema,
    money: MoneyAs,
    codes: Codes,
) -> Result<RecordBatch, String> {
    let arrow_schema = Arc::new(table_schema(schema, money, codes));
    // One pass: the buffers grow as the rows come (see `ColumnSize`).
    let start = ColumnSize::START;
    let mut columns = schema
        .columns
        .iter()
        .map(|c| ColumnBuilder::new(&c.kind, money, codes, start.items, start))
        .collect::<Result<Vec<_>, _>>()?;
    let mut failed: Option<String> = None;
    let mut row = 0usize;
    tables::table_rows(doc, schema, |cells| {
        if failed.is_some() {
            return;
        }
        for ((b, cell), col) in columns.iter_mut().zip(cells).zip(schema.columns) {
            if let Err(cell) = b.append(*cell) {
                failed = Some(format!(
                    "{} row {row}, column {}: {cell:?} cannot be a {}",
                    schema.file,
                    col.name,
                    col.kind.describe()
                ));
                return;
            }
        }
        row += 1;
    });
    if let Some(e) = failed {
        return Err(e);
    }
    let arrays = columns
        .into_iter()
        .map(ColumnBuilder::finish)
        .collect::<Result<Vec<_>, _>>()?;
    RecordBatch::try_new(arrow_schema, arrays).map_err(|e| e.to_string())
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

/// One table of a document as Arrow arrays (the GIL released while building them).
pub(crate) fn document_table(
    py: Python<'_>,
    doc: &Arc<oske::Document>,
    schema: &'static TableSchema,
    money: MoneyAs,
    codes: Codes,
) -> PyResult<PyArrowTable> {
    let doc = Arc::clone(doc);
    py.detach(move || table_batch(&doc, schema, money, codes))
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
