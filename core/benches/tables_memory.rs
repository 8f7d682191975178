//! Peak memory of reading a measures table row by row: 100 000 vs 1 000 000 rows;
//! then the read + validate / raw parse ratio measured as the best of 7 alternating
//! runs each, which a busy shared machine disturbs less than a mean.
//!
//! ```text
//! cargo bench -p oske --bench tables_memory
//! ```
//! The parent writes each file (streaming), then runs itself once per file and
//! mode in a fresh child process, so that each peak (VmHWM from /proc/self/status)
//! belongs to one read alone. The whole-document import, which holds every row in
//! the document it builds, is measured too, for contrast.

#[path = "common.rs"]
mod common;

use oske::tables::{self, MeasureItem, MeasureReader, ReadOptions};
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::process::Command;
use std::time::{Duration, Instant};

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

fn read_validate(data: &[u8]) -> u64 {
    let mut r =
        MeasureReader::new(data, Some("measures.csv"), &ReadOptions::default()).expect("header");
    let mut row = tables::MeasureRow::default();
    let mut loaded = 0u64;
    while let Some(status) = r.next_into(&mut row) {
        if status == tables::RowStatus::Loaded && row.issues.is_empty() {
            loaded += 1;
        }
    }
    loaded
}

fn ratio_table() {
    println!();
    println!("| 1 000 000 rows | size | raw csv::ByteRecord parse (best of 7) | oske read + validate (best of 7) | ratio |");
    println!("|---|---:|---:|---:|---:|");
    for (name, excel, delimiter) in [("standard", false, b','), ("Excel, Finnish", true, b';')] {
        let data = common::write_measures(Vec::new(), 1_000_000, excel);
        let (mut raw, mut oske) = (Duration::MAX, Duration::MAX);
        for _ in 0..7 {
            let t = Instant::now();
            assert!(raw_parse(&data, delimiter) > 1_000_000);
            raw = raw.min(t.elapsed());
            let t = Instant::now();
            assert_eq!(read_validate(&data), 1_000_000);
            oske = oske.min(t.elapsed());
        }
        let mib = data.len() as f64 / 1_048_576.0;
        println!(
            "| {name} | {mib:.1} MiB | {:.0} ms ({:.0} MiB/s) | {:.0} ms ({:.0} MiB/s) | {:.0} % |",
            raw.as_secs_f64() * 1000.0,
            mib / raw.as_secs_f64(),
            oske.as_secs_f64() * 1000.0,
            mib / oske.as_secs_f64(),
            100.0 * raw.as_secs_f64() / oske.as_secs_f64()
        );
    }
}

fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn child(mode: &str, path: &str) {
    let before = vm_hwm_kib();
    let loaded = match mode {
        "stream" => {
            let f = BufReader::new(File::open(path).expect("open"));
            let r = MeasureReader::new(f, Some(path), &ReadOptions::default()).expect("header");
            let mut loaded = 0u64;
            for item in r {
                if let MeasureItem::Loaded(m) = item {
                    loaded += u64::from(m.issues.is_empty());
                }
            }
            loaded
        }
        _ => {
            let plans =
                "id,centre,start,end\nsonet-botnia-2020,sonet-botnia,2020-01-01,2021-12-31\n";
            let f = BufReader::new(File::open(path).expect("open"));
            let files: Vec<(String, Box<dyn std::io::Read>)> = vec![
                ("action_plans.csv".into(), Box::new(plans.as_bytes())),
                ("measures.csv".into(), Box::new(f)),
            ];
            let imp = tables::read_tables(files, &ReadOptions::default());
            imp.document.action_plans[0]
                .sections
                .iter()
                .map(|s| s.measures.len() as u64)
                .sum()
        }
    };
    println!("{loaded} {before} {}", vm_hwm_kib());
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let (Some(mode), Some(path)) = (
        std::env::var("OSKE_MEM_MODE").ok(),
        std::env::var("OSKE_MEM_FILE").ok(),
    ) {
        child(&mode, &path);
        return;
    }
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("oske-mem-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    println!("| rows | file size | mode | rows loaded | peak RSS (VmHWM) |");
    println!("|---:|---:|---|---:|---:|");
    for n in [100_000u64, 1_000_000] {
        let path = dir.join(format!("measures-{n}.csv"));
        let w = BufWriter::new(File::create(&path).expect("create"));
        drop(common::write_measures(w, n, true));
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        for mode in ["stream", "document"] {
            let out = Command::new(std::env::current_exe().expect("exe"))
                .env("OSKE_MEM_MODE", mode)
                .env("OSKE_MEM_FILE", &path)
                .output()
                .expect("child");
            let text = String::from_utf8_lossy(&out.stdout);
            let mut parts = text
                .split_whitespace()
                .map(|v| v.parse::<u64>().unwrap_or(0));
            let (loaded, _before, peak) = (
                parts.next().unwrap_or(0),
                parts.next().unwrap_or(0),
                parts.next().unwrap_or(0),
            );
            let label = if mode == "stream" {
                "MeasureReader (streaming)"
            } else {
                "read_tables (whole document)"
            };
            println!(
                "| {n} | {:.1} MiB | {label} | {loaded} | {:.1} MiB |",
                size as f64 / 1_048_576.0,
                peak as f64 / 1024.0
            );
        }
        let _ = std::fs::remove_file(&path);
    }
    let _ = std::fs::remove_dir_all(&dir);
    if !args.iter().any(|a| a == "--memory-only") {
        ratio_table();
    }
}
