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
//! After criterion, when no benchmark filter is given, the ratios are measured
//! once more as the best of 7 runs taken in turn (raw, validate, build), which a
//! busy shared machine disturbs less than means taken minutes apart. The table's
//! **ratio** columns are the raw parse's time over oske's (100 % = as fast as the
//! raw parse; issue 9's target is `validate_next` ≥ 50 %). `OSKE_BENCH_RATIO_ONLY=1`
//! skips criterion and prints only that table; `OSKE_BENCH_ROUNDS` sets the
//! number of rounds (default 7).
//!
//! ```text
//! cargo bench -p oske --bench tables            # 1 000 000 rows
//! OSKE_BENCH_ROWS=100000 cargo bench -p oske --bench tables
//! OSKE_BENCH_RATIO_ONLY=1 OSKE_BENCH_ROUNDS=15 cargo bench -p oske --bench tables
//! ```
//! Results go in BENCHMARKS.md (CSV section).

#[path = "common.rs"]
mod common;

use criterion::{criterion_group, Criterion, Throughput};
use oske::tables::{MeasureItem, MeasureReader, MeasureRow, ReadOptions, RowIssues, RowStatus};
use std::time::{Duration, Instant};

fn rows() -> u64 {
    std::env::var("OSKE_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

/// The baseline: split every record into one reused `ByteRecord`, nothing else.
fn raw_parse(data: &[u8], delimiter: u8) -> u64 {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(data);
    let mut rec = csv::ByteRecord::new();
    let mut count = 0u64;
    while r.read_byte_record(&mut rec).expect("parse") {
        count += rec.len() as u64;
    }
    count
}

fn reader(data: &[u8]) -> MeasureReader<&[u8]> {
    MeasureReader::new(data, Some("measures.csv"), &ReadOptions::default()).expect("header")
}

/// Read + validate: every cell and row rule checked, no `Measure` built.
fn validate(data: &[u8]) -> u64 {
    let mut r = reader(data);
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
    loaded
}

/// Read + validate + build a `Measure` into one reused row.
fn next_into(data: &[u8]) -> u64 {
    let mut r = reader(data);
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
    loaded
}

/// Read + validate + build, a new `MeasureRow` per row.
fn iterate(data: &[u8]) -> u64 {
    let mut loaded = 0u64;
    for item in reader(data) {
        match item {
            MeasureItem::Loaded(m) => {
                loaded += 1;
                assert!(m.issues.is_empty());
            }
            MeasureItem::Rejected(row, issues) => panic!("line {}: {issues:?}", row.line),
        }
    }
    loaded
}

const DIALECTS: [(&str, bool, u8); 2] = [("standard", false, b','), ("excel_fi", true, b';')];

fn bench(c: &mut Criterion) {
    let n = rows();
    for (name, excel, delimiter) in DIALECTS {
        let data = common::write_measures(Vec::new(), n, excel);
        let mut g = c.benchmark_group(format!("measures_{n}_{name}"));
        g.throughput(Throughput::Bytes(data.len() as u64));
        g.sample_size(10);
        g.measurement_time(Duration::from_secs(20));
        g.bench_function("csv_byte_record_parse_only", |b| {
            b.iter(|| {
                let count = raw_parse(&data, delimiter);
                assert!(count > n);
                count
            })
        });
        g.bench_function("oske_validate_next_read_and_validate", |b| {
            b.iter(|| {
                let loaded = validate(&data);
                assert_eq!(loaded, n);
                loaded
            })
        });
        g.bench_function("oske_next_into_read_validate_and_build", |b| {
            b.iter(|| {
                let loaded = next_into(&data);
                assert_eq!(loaded, n);
                loaded
            })
        });
        g.bench_function("oske_iterator_read_validate_and_build", |b| {
            b.iter(|| {
                let loaded = iterate(&data);
                assert_eq!(loaded, n);
                loaded
            })
        });
        g.finish();
    }
}

/// Rounds of the ratio table (`OSKE_BENCH_ROUNDS`, default 7).
fn rounds() -> usize {
    std::env::var("OSKE_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&r| r > 0)
        .unwrap_or(7)
}

/// The best of 7 (`rounds()`) runs of each, taken in turn, and the ratios to the
/// raw parse.
fn ratio_table() {
    let n = rows();
    let rounds = rounds();
    println!();
    println!(
        "Best of {rounds} rounds; ratio = raw parse time / oske time (issue 9: `validate_next` >= 50 %)."
    );
    println!(
        "| {n} rows | size | raw `csv::ByteRecord` parse | oske `validate_next` | ratio | oske `next_into` | ratio |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, excel, delimiter) in DIALECTS {
        let data = common::write_measures(Vec::new(), n, excel);
        let mut best = [Duration::MAX; 3];
        for _ in 0..rounds {
            let t = Instant::now();
            assert!(raw_parse(&data, delimiter) > n);
            best[0] = best[0].min(t.elapsed());
            let t = Instant::now();
            assert_eq!(validate(&data), n);
            best[1] = best[1].min(t.elapsed());
            let t = Instant::now();
            assert_eq!(next_into(&data), n);
            best[2] = best[2].min(t.elapsed());
        }
        let mib = data.len() as f64 / 1_048_576.0;
        let cell = |d: Duration| {
            format!(
                "{:.0} ms ({:.0} MiB/s)",
                d.as_secs_f64() * 1000.0,
                mib / d.as_secs_f64()
            )
        };
        let ratio = |d: Duration| 100.0 * best[0].as_secs_f64() / d.as_secs_f64();
        println!(
            "| {name} | {mib:.1} MiB | {} | {} | **{:.1} %** | {} | {:.1} % |",
            cell(best[0]),
            cell(best[1]),
            ratio(best[1]),
            cell(best[2]),
            ratio(best[2]),
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let test = args.iter().any(|a| a == "--test" || a == "--list");
    if std::env::var_os("OSKE_BENCH_RATIO_ONLY").is_some_and(|v| v != "0") && !test {
        ratio_table();
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
    // Only on a full run: not for a filtered run, `--list` or `cargo test --benches`.
    let filtered = args.iter().any(|a| !a.starts_with('-'));
    if !filtered && !test {
        ratio_table();
    }
}
