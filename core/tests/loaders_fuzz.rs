//! Stable stand-ins for fuzz targets of the JSON document loader and the registry
//! reader (issue 13): the seed datasets and the embedded registry, mutated byte by
//! byte with a fixed-seed PRNG, must never panic; a document that loads validates,
//! round-trips through JSON unchanged and through CSV tables without a panic.
//! Bounded in count and time.

use oske::tables::{self, Dialect, ReadOptions};
use oske::{datasets::Dataset, Registry};
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

/// A few byte-level mutations that keep most of the text JSON-like: replace,
/// insert or delete a byte, duplicate or swap a slice, splice in a token that the
/// format finds hard (arrays for objects, huge numbers, odd dates, a BOM).
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    const TOKENS: &[&[u8]] = &[
        b"[]",
        b"{}",
        b"[1]",
        b"null",
        b"18446744073709551616",
        b"-9223372036854775809",
        b"\"+10000-01-01\"",
        b"\"0999-02-14\"",
        b"\"31.2.2020\"",
        b"\xEF\xBB\xBF",
        b"\"\\ud800\"",
        b"[[\"n\", {\"fi\": \"x\"}]]",
        b"1e400",
        b"\"\"",
        b"\" \"",
    ];
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if at < out.len() => out[at] = rng.next() as u8,
            1 => {
                let bytes = b"{}[],:\"0aZ ";
                out.insert(at, bytes[rng.below(bytes.len())]);
            }
            2 if at < out.len() => {
                out.remove(at);
            }
            3 => {
                let len = rng.below(64).min(out.len() - at.min(out.len()));
                let piece = out[at..at + len].to_vec();
                let to = rng.below(out.len() + 1);
                out.splice(to..to, piece);
            }
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let end = (at + rng.below(24)).min(out.len());
                out.splice(at..end, t.iter().copied());
            }
        }
    }
    out
}

fn check_document(text: &str) {
    let Ok(loaded) = oske::json::from_str(text) else {
        return;
    };
    let report = oske::validate(&loaded.document, Registry::embedded());
    let _ = report.records(oske::Lang::Fi);
    let json = oske::json::to_string(&loaded.document);
    let back = oske::json::from_str(&json).expect("a written document loads");
    assert_eq!(back.document, loaded.document, "JSON round trip of {text}");
    for dialect in [Dialect::STANDARD, Dialect::EXCEL_FI] {
        let files = tables::write_tables(&loaded.document, &dialect);
        let _ = tables::read_tables(
            files
                .iter()
                .map(|(n, b)| (n.to_string(), b.as_slice()))
                .collect(),
            &ReadOptions::default(),
        );
    }
}

#[test]
fn mutated_documents_never_panic_and_round_trip() {
    let seeds: Vec<Vec<u8>> = Dataset::ALL
        .iter()
        .map(|d| d.json().as_bytes().to_vec())
        .collect();
    let mut rng = Rng(0x0DDB_1A5E_5BAD_5EED);
    let start = Instant::now();
    let mut runs = 0;
    while runs < 600 && start.elapsed() < Duration::from_secs(20) {
        let seed = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, seed);
        if let Ok(text) = std::str::from_utf8(&input) {
            check_document(text);
        }
        runs += 1;
    }
    assert!(runs >= 50, "only {runs} runs");
}

#[test]
fn mutated_registries_never_panic() {
    let seed = Registry::embedded_json().as_bytes().to_vec();
    let mut rng = Rng(0x5EED_0F4E_6157_4711);
    let start = Instant::now();
    let mut runs = 0;
    while runs < 400 && start.elapsed() < Duration::from_secs(20) {
        let input = mutate(&mut rng, &seed);
        if let Ok(text) = std::str::from_utf8(&input) {
            if let Ok(reg) = Registry::from_json(text) {
                let doc = Dataset::ALL[runs % Dataset::ALL.len()].document();
                let _ = oske::validate(&doc, &reg);
            }
        }
        runs += 1;
    }
    assert!(runs >= 50, "only {runs} runs");
}
