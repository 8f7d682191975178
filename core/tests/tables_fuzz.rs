//! Stable-Rust stand-ins for the cargo-fuzz targets `csv_reader` and `csv_folder`
//! (`core/fuzz`): thousands of random and mutated byte sequences through the same
//! entry points, `oske::tables::fuzz_entry` (must neither panic nor lose a row) and
//! the folder invariant of `core/fuzz/src/csv_folder.rs`. The generator is a
//! fixed-seed PRNG, so a failure reproduces; the runs are bounded in count and time.

use oske::tables::{self, Dialect, Encoding, TABLES};
use std::time::{Duration, Instant};

#[path = "../fuzz/src/csv_folder.rs"]
mod csv_folder;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Valid tables of the seed datasets in both dialects, in UTF-8, Windows-1252 and
/// UTF-16, and the cargo-fuzz seeds.
fn corpus() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let doc = oske::datasets::all();
    for dialect in [Dialect::STANDARD, Dialect::EXCEL_FI] {
        for (name, bytes) in tables::write_tables(&doc, &dialect) {
            let idx = TABLES.iter().position(|t| t.file == name).unwrap() as u8;
            let mut a = vec![idx, 0];
            a.extend_from_slice(&bytes);
            out.push(a);
            let text = String::from_utf8_lossy(&bytes).replace('\u{feff}', "");
            if let Some(legacy) = Encoding::Windows1252.encode(&text) {
                let mut b = vec![idx, 0];
                b.extend(legacy);
                out.push(b);
            }
            let mut c = vec![idx, 4, 0xFF, 0xFE];
            c.extend(Encoding::Utf16Le.encode(&text).unwrap());
            out.push(c);
        }
    }
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/csv_reader");
    if let Ok(dir) = std::fs::read_dir(seeds) {
        for e in dir.flatten() {
            if let Ok(bytes) = std::fs::read(e.path()) {
                out.push(bytes);
            }
        }
    }
    out
}

const INTERESTING: &[u8] =
    b"\"\",;\t\r\n|\\\xef\xbb\xbf\x80\x9f\xa0\xe4\xff\xc3\x00\xfe1.234,5 \xe2\x82\xac";

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    let rounds = 1 + rng.below(8);
    for _ in 0..rounds {
        let len = v.len();
        match rng.below(7) {
            0 if len > 2 => {
                let i = 2 + rng.below(len - 2);
                v[i] = rng.next() as u8;
            }
            1 => {
                let i = rng.below(len + 1);
                let b = INTERESTING[rng.below(INTERESTING.len())];
                v.insert(i.min(v.len()), b);
            }
            2 if len > 2 => {
                let i = 2 + rng.below(len - 2);
                let n = rng.below(64).min(v.len() - i);
                v.drain(i..i + n);
            }
            3 if len > 2 => {
                let a = 2 + rng.below(len - 2);
                let n = rng.below(200).min(v.len() - a);
                let chunk = v[a..a + n].to_vec();
                let at = rng.below(v.len() + 1).min(v.len());
                v.splice(at..at, chunk);
            }
            4 if len > 0 => {
                let cut = rng.below(len);
                v.truncate(cut.max(2).min(len));
            }
            5 if len > 1 => {
                v[0] = rng.next() as u8;
                v[1] = rng.next() as u8;
            }
            _ => {
                let n = rng.below(32);
                for _ in 0..n {
                    let b = if rng.below(2) == 0 {
                        INTERESTING[rng.below(INTERESTING.len())]
                    } else {
                        rng.next() as u8
                    };
                    let at = rng.below(v.len() + 1).min(v.len());
                    v.insert(at, b);
                }
            }
        }
    }
    v
}

#[test]
fn no_byte_sequence_makes_the_reader_panic_or_lose_a_row() {
    let corpus = corpus();
    assert!(corpus.len() >= 20, "corpus of {}", corpus.len());
    // Every corpus entry as it is.
    for input in &corpus {
        tables::fuzz_entry(input).unwrap();
    }
    let mut rng = Rng(0x5EED_0F05_C3C3);
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut runs = 0u32;
    while runs < 6_000 && Instant::now() < deadline {
        let input = if rng.below(5) == 0 {
            let n = rng.below(300);
            (0..n).map(|_| rng.next() as u8).collect()
        } else {
            let base = &corpus[rng.below(corpus.len())];
            mutate(&mut rng, base)
        };
        if let Err(lost) = tables::fuzz_entry(&input) {
            panic!("run {runs}: {lost}\ninput: {input:?}");
        }
        runs += 1;
    }
    assert!(runs >= 500, "only {runs} runs in the time budget");
}

/// Folders of a small seed dataset's tables (both dialects; English and Finnish
/// names; a table given twice; a file of no table) and the committed seeds.
fn folders() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let doc = oske::datasets::Dataset::AdultNetwork2018.document();
    for (o, dialect) in [(0u8, Dialect::STANDARD), (0, Dialect::EXCEL_FI)] {
        let files = tables::write_tables(&doc, &dialect);
        let english: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        out.push(csv_folder::join(o, &english));
        let aliased: Vec<(String, &[u8])> = files
            .iter()
            .map(|(n, b)| {
                let t = tables::table_for_file(n).unwrap();
                let name = t
                    .aliases
                    .first()
                    .map_or(n.to_string(), |a| format!("{a}.csv"));
                (name, b.as_slice())
            })
            .collect();
        let aliased: Vec<(&str, &[u8])> = aliased.iter().map(|(n, b)| (n.as_str(), *b)).collect();
        out.push(csv_folder::join(o, &aliased));
        let mut twice = english.clone();
        twice.push(aliased[0]);
        twice.push(("budget.csv", b"a;b\n1;2\n"));
        out.push(csv_folder::join(o, &twice));
    }
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/csv_folder");
    let mut files: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{} csv_folder seeds", files.len());
    out.extend(files.iter().map(|p| std::fs::read(p).unwrap()));
    out
}

#[test]
fn folders_of_several_files_keep_the_reader_invariant() {
    assert!(tables::table_for_file("budget.csv").is_none());
    let folders = folders();
    for (i, input) in folders.iter().enumerate() {
        csv_folder::check(input).unwrap_or_else(|e| panic!("folder {i}: {e}"));
    }
    // The joined seed datasets: each table once, every row loaded, and one
    // duplicate and one unknown table reported where given.
    let (opts, files) = csv_folder::split(&folders[2]).unwrap();
    let read = tables::read_tables(files, &opts);
    let codes: Vec<&str> = read
        .issues
        .iter()
        .map(|i| i.code())
        .filter(|c| *c != "csv.encoding")
        .collect();
    assert_eq!(codes, ["csv.unknown-table", "csv.duplicate-table"]);
    assert_eq!(read.rejected_count(), 0);
    let mut rng = Rng(0xF01D_E125_EED5);
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut runs = 0u32;
    while runs < 1_500 && Instant::now() < deadline {
        let base = &folders[rng.below(folders.len())];
        let input = mutate(&mut rng, base);
        if let Err(broken) = csv_folder::check(&input) {
            panic!("run {runs}: {broken}\ninput: {input:?}");
        }
        runs += 1;
    }
    assert!(runs >= 100, "only {runs} runs in the time budget");
}
