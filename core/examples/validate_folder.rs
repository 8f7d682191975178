//! Reads a CSV folder with the core's folder reader and validates the document `N`
//! times (the embedded registry, the default issue limits, as `CsvImport.validate()`
//! does in Python): a driver for profiling the validator on a large table.
//!
//! ```text
//! cargo run --release -p oske --features csv --example validate_folder -- /tmp/botnia 10
//! valgrind --tool=callgrind target/release/examples/validate_folder /tmp/botnia 1
//! ```
//!
//! With `--dump` instead of a count, prints every issue (`Debug`, and its message in
//! the three languages), unlimited and under the default limits: the seed datasets'
//! and the folder's, to compare two builds byte for byte.

use oske::datasets::Dataset;
use oske::tables::{read_folder, ReadOptions};
use oske::{IssueLimits, Lang, Registry, Report};

fn dump(name: &str, report: &Report) {
    println!("== {name}: {} issues", report.issues.len());
    for i in &report.issues {
        println!("{i:?}");
    }
    for lang in Lang::ALL {
        for r in report.records(lang) {
            println!("{lang:?} {r:?}");
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let folder = args.next().unwrap_or_else(|| "/tmp/botnia".to_owned());
    let runs = args.next().unwrap_or_else(|| "1".to_owned());
    let reg = Registry::embedded();
    let imported = match read_folder(&folder, &ReadOptions::default()) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("validate_folder: cannot read {folder}: {e}");
            std::process::exit(2);
        }
    };
    let doc = &imported.document;
    if runs == "--dump" {
        for limits in [IssueLimits::UNLIMITED, IssueLimits::default()] {
            for d in Dataset::ALL {
                dump(
                    &format!("{d:?} {limits:?}"),
                    &oske::validate_with(&d.document(), reg, limits),
                );
            }
            dump(
                &format!("{folder} {limits:?}"),
                &oske::validate_with(doc, reg, limits),
            );
        }
        return;
    }
    let runs: u32 = runs.parse().unwrap_or(1);
    let mut count = 0;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        count = std::hint::black_box(oske::validate_with(doc, reg, IssueLimits::default()))
            .issues
            .len();
    }
    let per_run = start.elapsed() / runs.max(1);
    println!("{folder}: {count} issues; {per_run:?} per validation ({runs} runs)");
}
