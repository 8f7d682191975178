//! Validates one embedded dataset `N` times and renders the messages in Finnish, as
//! the Kotlin `Document.validate(Lang.FI)` does: a driver for profiling the
//! validator (callgrind, perf) on a real document.
//!
//! ```text
//! cargo run --release -p oske --example validate_dataset -- lapland_unit_2008 1000
//! valgrind --tool=callgrind target/release/examples/validate_dataset lapland_unit_2008 100
//! ```

use oske::datasets::Dataset;
use oske::text::Lang;
use oske::Registry;

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args
        .next()
        .unwrap_or_else(|| "lapland_unit_2008".to_owned());
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let Some(dataset) = Dataset::from_name(&name) else {
        eprintln!("validate_dataset: no dataset named {name:?}");
        std::process::exit(2);
    };
    let doc = dataset.document();
    let reg = Registry::embedded();
    // The registry and the datasets are inflated on first use: once before the runs.
    let mut count = oske::validate(&doc, reg).records(Lang::Fi).len();
    let start = std::time::Instant::now();
    for _ in 0..runs {
        count = std::hint::black_box(oske::validate(&doc, reg).records(Lang::Fi)).len();
    }
    let per_run = start.elapsed() / u32::try_from(runs.max(1)).unwrap_or(u32::MAX);
    println!("{name}: {count} issues; {per_run:?} per validation ({runs} runs)");
}
