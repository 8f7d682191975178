//! A stable-Rust stand-in for the cargo-fuzz target (`core/fuzz`): thousands of
//! random and mutated byte sequences through the same entry point,
//! `oske::tables::fuzz_entry`, which must neither panic nor lose a row. The
//! generator is a fixed-seed PRNG, so a failure reproduces; the run is bounded in
//! count and time.

use oske::tables::{self, Dialect, Encoding, TABLES};
use std::time::{Duration, Instant};

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
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
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
