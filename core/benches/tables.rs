//! Read + validate 1 000 000 measure rows with `oske::tables::MeasureReader`,
//! against only parsing the same bytes with `csv::ByteRecord`.
//!
//! - `csv_byte_record_parse_only`: the baseline, `csv::Reader::read_byte_record`
//!   into one `ByteRecord`, nothing decoded or checked;
//! - `oske_validate_next_read_and_validate`: what a data steward validating an
//!   export runs: `MeasureReader::validate_next` checks every cell of every row
//!   and runs the row rules, reporting every issue, but builds no `Measure`;
//! - `oske_next_into_read_validate_and_build`: the same checks, and a full
//!   `Measure` built into one reused `MeasureRow` per row;
//! - `oske_iterator_read_validate_and_build`: the same, a new `MeasureRow` per row.
//!
//! ```text
//! cargo bench -p oske --bench tables            # 1 000 000 rows
//! OSKE_BENCH_ROWS=100000 cargo bench -p oske --bench tables
//! ```
//! Results go in BENCHMARKS.md (CSV section).

#[path = "common.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use oske::tables::{MeasureItem, MeasureReader, MeasureRow, ReadOptions, RowIssues, RowStatus};
use std::time::Duration;

fn rows() -> u64 {
    std::env::var("OSKE_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

fn bench(c: &mut Criterion) {
    let n = rows();
    for (name, excel) in [("standard", false), ("excel_fi", true)] {
        let data = common::write_measures(Vec::new(), n, excel);
        let delimiter = if excel { b';' } else { b',' };
        let mut g = c.benchmark_group(format!("measures_{n}_{name}"));
        g.throughput(Throughput::Bytes(data.len() as u64));
        g.sample_size(10);
        g.measurement_time(Duration::from_secs(20));
        g.bench_function("csv_byte_record_parse_only", |b| {
            b.iter(|| {
                let mut r = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .from_reader(data.as_slice());
                let mut rec = csv::ByteRecord::new();
                let mut count = 0u64;
                while r.read_byte_record(&mut rec).expect("parse") {
                    count += rec.len() as u64;
                }
                assert!(count > n);
                count
            })
        });
        g.bench_function("oske_validate_next_read_and_validate", |b| {
            b.iter(|| {
                let mut r = MeasureReader::new(
                    data.as_slice(),
                    Some("measures.csv"),
                    &ReadOptions::default(),
                )
                .expect("header");
                let mut row = RowIssues::default();
                let mut loaded = 0u64;
                while let Some(status) = r.validate_next(&mut row) {
                    match status {
                        RowStatus::Loaded => {
                            loaded += 1;
                            assert!(row.issues.is_empty());
                        }
                        RowStatus::Rejected(row, issues) => panic!("line {}: {issues:?}", row.line),
                    }
                }
                assert_eq!(loaded, n);
                loaded
            })
        });
        g.bench_function("oske_next_into_read_validate_and_build", |b| {
            b.iter(|| {
                let mut r = MeasureReader::new(
                    data.as_slice(),
                    Some("measures.csv"),
                    &ReadOptions::default(),
                )
                .expect("header");
                let mut row = MeasureRow::default();
                let mut loaded = 0u64;
                while let Some(status) = r.next_into(&mut row) {
                    match status {
                        RowStatus::Loaded => {
                            loaded += 1;
                            assert!(row.issues.is_empty());
                        }
                        RowStatus::Rejected(row, issues) => panic!("line {}: {issues:?}", row.line),
                    }
                }
                assert_eq!(loaded, n);
                loaded
            })
        });
        g.bench_function("oske_iterator_read_validate_and_build", |b| {
            b.iter(|| {
                let r = MeasureReader::new(
                    data.as_slice(),
                    Some("measures.csv"),
                    &ReadOptions::default(),
                )
                .expect("header");
                let mut loaded = 0u64;
                for item in r {
                    match item {
                        MeasureItem::Loaded(m) => {
                            loaded += 1;
                            assert!(m.issues.is_empty());
                        }
                        MeasureItem::Rejected(row, issues) => {
                            panic!("line {}: {issues:?}", row.line)
                        }
                    }
                }
                assert_eq!(loaded, n);
                loaded
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
