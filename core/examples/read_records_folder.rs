//! Reads every CSV file of a folder with the `csv` crate into [`Records`] (one per
//! file, named as the file) and times `read_records` on them: a driver for
//! profiling the in-memory path (the one DataFrames take) on a large table.
//!
//! ```text
//! cargo run --release -p oske --features csv --example read_records_folder -- /tmp/botnia 5
//! valgrind --tool=callgrind --toggle-collect='*read_records_limited*' \
//!     target/release/examples/read_records_folder /tmp/botnia 1
//! ```
//!
//! With `--dump FILE` after the folder, writes the whole result (`Debug` of the
//! `Imported`: document, issues, reports, source map) to FILE, to compare two builds.

use oske::tables::{read_records, Records};

fn tables(folder: &str) -> Vec<(String, Records)> {
    let mut names: Vec<_> = std::fs::read_dir(folder)
        .expect("folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|p| {
            let mut rd = csv::ReaderBuilder::new()
                .flexible(true)
                .from_path(&p)
                .expect("csv file");
            let mut r = Records::new(rd.headers().expect("header").iter());
            for rec in rd.records() {
                r.push_row(rec.expect("record").iter());
            }
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, r)
        })
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let folder = args.next().unwrap_or_else(|| "/tmp/botnia".to_owned());
    let what = args.next().unwrap_or_else(|| "1".to_owned());
    if what == "--dump" {
        let out = args.next().expect("dump file");
        let imported = read_records(tables(&folder));
        std::fs::write(out, format!("{imported:#?}")).expect("write dump");
        return;
    }
    let runs: usize = what.parse().expect("a count");
    let mut best = f64::MAX;
    for _ in 0..runs {
        let t = tables(&folder);
        let start = std::time::Instant::now();
        let imported = read_records(t);
        let took = start.elapsed().as_secs_f64();
        best = best.min(took);
        std::hint::black_box(&imported);
    }
    println!("read_records: best of {runs}: {best:.4} s");
}
