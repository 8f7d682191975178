//! Reading + validating a 100 000-row measures sheet from `.xlsx`, beside
//! calamine's raw read of the same sheet, and the peak memory of each.
//!
//! ```text
//! cargo bench -p oske --features xlsx --bench workbook
//! OSKE_BENCH_ROWS=20000 cargo bench -p oske --features xlsx --bench workbook   # quicker
//! ```
//! The parent writes the workbook (the benchmark's measures, written by
//! `tables::write_workbook`: dates as date cells, text as shared strings), times
//! the three reads in turn (best of 5 each), then runs itself once per read in a
//! fresh child process so that each peak (VmHWM) belongs to one read alone.

#[path = "common.rs"]
mod common;

use calamine::{Data, Reader};
use oske::tables::{self, ReadOptions, RowIssues, RowStatus};
use std::process::Command;
use std::time::{Duration, Instant};

/// calamine's usual read: the whole sheet into a `Range<Data>`.
fn raw_range(path: &str) -> u64 {
    let mut wb = calamine::open_workbook_auto(path).expect("open");
    let range = wb.worksheet_range("measures").expect("sheet");
    range
        .used_cells()
        .filter(|(_, _, d)| **d != Data::Empty)
        .count() as u64
}

/// calamine's streaming cell reader (what oske reads through): every cell once.
fn raw_cells(path: &str) -> u64 {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).expect("open");
    let mut cells = wb.worksheet_cells_reader("measures").expect("sheet");
    let mut n = 0u64;
    while let Some(c) = cells.next_cell().expect("cell") {
        n += u64::from(!matches!(c.get_value(), calamine::DataRef::Empty));
    }
    n
}

/// oske: every row read, typed, checked and its row rules run, issues at cells.
fn oske_validate(path: &str) -> u64 {
    tables::with_measures_sheet(path, None, &ReadOptions::default(), |r, at| {
        let mut row = RowIssues::default();
        let mut clean = 0u64;
        while let Some(s) = r.validate_next(&mut row) {
            match s {
                RowStatus::Loaded => {
                    for i in &mut row.issues {
                        at.locate(i);
                    }
                    clean += u64::from(row.issues.is_empty());
                }
                RowStatus::Rejected(..) => {}
            }
        }
        clean
    })
    .expect("workbook")
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

fn run(mode: &str, path: &str) -> u64 {
    match mode {
        "range" => raw_range(path),
        "cells" => raw_cells(path),
        _ => oske_validate(path),
    }
}

fn main() {
    if let (Ok(mode), Ok(path)) = (
        std::env::var("OSKE_MEM_MODE"),
        std::env::var("OSKE_MEM_FILE"),
    ) {
        let before = vm_hwm_kib();
        let n = run(&mode, &path);
        println!("{n} {before} {}", vm_hwm_kib());
        return;
    }
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let rows: u64 = std::env::var("OSKE_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = std::env::temp_dir().join(format!("oske-wb-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("measures.xlsx");
    {
        let csv = common::write_measures(Vec::new(), rows, false);
        let plans = "id,centre,start,end\nsonet-botnia-2020,sonet-botnia,2020-01-01,2021-12-31\n";
        let imp = tables::read_tables(
            vec![
                ("action_plans.csv".to_string(), plans.as_bytes()),
                ("measures.csv".to_string(), csv.as_slice()),
            ],
            &ReadOptions::default(),
        );
        assert_eq!(imp.rejected_count(), 0);
        let bytes = tables::write_workbook(&imp.document, oske::Lang::En).expect("write");
        std::fs::write(&path, bytes).expect("save");
    }
    let p = path.to_str().expect("path");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1_048_576.0;
    let (mut range, mut cells, mut oske) = (Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        let t = Instant::now();
        assert!(raw_range(p) > rows);
        range = range.min(t.elapsed());
        let t = Instant::now();
        assert!(raw_cells(p) > rows);
        cells = cells.min(t.elapsed());
        let t = Instant::now();
        assert_eq!(oske_validate(p), rows);
        oske = oske.min(t.elapsed());
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let rate = |d: Duration| rows as f64 / d.as_secs_f64();
    println!("{rows} rows, {size:.1} MiB .xlsx (best of 5)");
    println!("| read | time | rows/s | oske's throughput as a share of it |");
    println!("|---|---:|---:|---:|");
    for (name, d) in [
        (
            "calamine `worksheet_range` (whole sheet into a Range)",
            range,
        ),
        ("calamine `worksheet_cells_reader` (streaming cells)", cells),
    ] {
        println!(
            "| {name} | {:.0} ms | {:.0} | {:.0} % |",
            ms(d),
            rate(d),
            100.0 * d.as_secs_f64() / oske.as_secs_f64()
        );
    }
    println!(
        "| oske `with_measures_sheet` + `validate_next` | {:.0} ms | {:.0} | — |",
        ms(oske),
        rate(oske)
    );
    println!();
    println!("| read | peak RSS (VmHWM) |");
    println!("|---|---:|");
    for (mode, name) in [
        ("range", "calamine `worksheet_range`"),
        ("cells", "calamine `worksheet_cells_reader`"),
        ("oske", "oske read + validate"),
    ] {
        let out = Command::new(std::env::current_exe().expect("exe"))
            .env("OSKE_MEM_MODE", mode)
            .env("OSKE_MEM_FILE", p)
            .output()
            .expect("child");
        let text = String::from_utf8_lossy(&out.stdout);
        let peak: u64 = text
            .split_whitespace()
            .nth(2)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        println!("| {name} | {:.1} MiB |", peak as f64 / 1024.0);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
