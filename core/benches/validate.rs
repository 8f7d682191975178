//! Validation time against document size, up to 10⁶ items: every reference is
//! resolved by hash look-up, so the time per item stays flat (issue 13, finding 15:
//! references were resolved by a linear scan, quadratic in the document).
//!
//! A document of `n` items holds n/3 networks, n/3 measures each referring to a
//! network, and n/3 evaluations whose subjects are networks: two references per
//! three items, all resolving.
//!
//! ```text
//! cargo bench -p oske --bench validate                 # criterion 10³–10⁵, table to 10⁶
//! OSKE_BENCH_MAX_ITEMS=100000 cargo bench -p oske --bench validate
//! ```
//! Results go in BENCHMARKS.md (validation section).

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use oske::plan::Measure;
use oske::{Document, Registry};
use std::time::{Duration, Instant};

fn document(items: usize) -> Document {
    let n = items / 3;
    let mut doc: Document = oske::json::from_str(
        r#"{"format_version": 1, "action_plans": [{"id": "p", "centre": "sonet-botnia",
            "title": {"fi": "Suunnitelma"}, "period": {"start": "2020-01-01", "end": "2021-12-31"},
            "sections": [{"region": "14"}]}],
            "networks": [{"id": "n", "name": {"fi": "Verkosto"}}],
            "evaluations": [{"id": "e", "title": {"fi": "Arviointi"}, "method": "self_evaluation", "subject": "n"}]}"#,
    )
    .expect("bench document")
    .document;
    let network = doc.networks.remove(0);
    let evaluation = doc.evaluations.remove(0);
    let measure: Measure =
        serde_json::from_str(r#"{"id": "m", "title": {"fi": "Toimenpide"}, "kind": "survey"}"#)
            .expect("bench measure");
    let section = &mut doc.action_plans[0].sections[0];
    for i in 0..n {
        let mut m = measure.clone();
        m.id = format!("m{i}");
        m.network = Some(format!("n{i}"));
        section.measures.push(m);
        let mut nw = network.clone();
        nw.id = format!("n{i}");
        doc.networks.push(nw);
        let mut e = evaluation.clone();
        e.id = format!("e{i}");
        e.subject = Some(format!("n{}", n - 1 - i));
        doc.evaluations.push(e);
    }
    doc
}

fn max_items() -> usize {
    std::env::var("OSKE_BENCH_MAX_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("validate");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for items in [1_000, 10_000, 100_000] {
        if items > max_items() {
            break;
        }
        let doc = document(items);
        g.throughput(Throughput::Elements(items as u64));
        g.bench_with_input(BenchmarkId::from_parameter(items), &doc, |b, doc| {
            b.iter(|| oske::validate(doc, Registry::embedded()))
        });
    }
    g.finish();
}

/// Best of 3 at each size, 10³ to 10⁶ items, as ns per item.
fn table() {
    println!("\nvalidation time per item (best of 3):");
    println!("{:>10} {:>12} {:>12}", "items", "time", "ns/item");
    let mut items = 1_000;
    while items <= max_items() {
        let doc = document(items);
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            let report = oske::validate(&doc, Registry::embedded());
            best = best.min(t.elapsed());
            assert!(report.is_empty(), "{:?}", report.issues.first());
        }
        println!(
            "{:>10} {:>12.3?} {:>12.1}",
            items,
            best,
            best.as_nanos() as f64 / items as f64
        );
        items *= 10;
    }
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    if std::env::args().skip(1).all(|a| a.starts_with('-')) {
        table();
    }
}
