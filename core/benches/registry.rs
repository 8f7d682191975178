//! Registry look-ups on a date, against a linear scan of the same data (the way the
//! registry answered before it was indexed).
//!
//! - `linear_scan_municipality_by_code`: the baseline, `iter().find()` over the
//!   municipalities, for each of the 458 codes;
//! - `indexed_municipality_by_code`: `Registry::municipality`, a binary search;
//! - `region_of_municipality_on_date`, `centre_of_municipality_on_date`: the
//!   questions validation asks for every municipality it meets;
//! - `resolve_name`: a Finnish name, accents left out (`Kemijarvi`);
//! - `indexed_by_code_10x`: the same look-up in a registry ten times as large
//!   (synthetic codes), to show the cost grows with log n, not n.
//!
//! ```text
//! cargo bench -p oske --bench registry
//! ```
//! Results go in BENCHMARKS.md (registry section).

use chrono::NaiveDate;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use oske::registry::CodeKind;
use oske::Registry;
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let reg = Registry::embedded();
    let codes: Vec<String> = reg.municipalities.iter().map(|m| m.code.clone()).collect();
    let on = NaiveDate::from_ymd_opt(2020, 6, 1).unwrap();
    let mut g = c.benchmark_group("registry");
    g.measurement_time(Duration::from_secs(2));
    g.warm_up_time(Duration::from_millis(500));
    g.bench_function("linear_scan_municipality_by_code", |b| {
        b.iter(|| {
            for code in &codes {
                black_box(reg.municipalities.iter().find(|m| &m.code == code));
            }
        })
    });
    g.bench_function("indexed_municipality_by_code", |b| {
        b.iter(|| {
            for code in &codes {
                black_box(reg.municipality(code));
            }
        })
    });
    g.bench_function("region_of_municipality_on_date", |b| {
        b.iter(|| {
            for code in &codes {
                black_box(reg.region_of_municipality(code, on));
            }
        })
    });
    g.bench_function("centre_of_municipality_on_date", |b| {
        b.iter(|| {
            for code in &codes {
                black_box(reg.centre_of_municipality(code, on));
            }
        })
    });
    g.bench_function("resolve_name", |b| {
        b.iter(|| black_box(reg.resolve(CodeKind::Municipality, "Kemijarvi", on)))
    });
    // Ten times the municipalities: synthetic codes 1000..5121 placed before the real
    // ones, so that a linear scan passes them for every real code.
    let mut data = reg.clone().into_data();
    let template = data.municipalities[0].clone();
    let mut synthetic: Vec<_> = (0..(codes.len() * 9))
        .map(|i| {
            let mut m = template.clone();
            m.code = format!("{}", 1000 + i);
            m
        })
        .collect();
    synthetic.append(&mut data.municipalities);
    data.municipalities = synthetic;
    let big = Registry::from_data(data).expect("a consistent registry");
    g.bench_function("indexed_by_code_10x", |b| {
        b.iter(|| {
            for code in &codes {
                black_box(big.municipality(code));
            }
        })
    });
    g.bench_function("linear_scan_by_code_10x", |b| {
        b.iter(|| {
            for code in &codes {
                black_box(big.municipalities.iter().find(|m| &m.code == code));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
