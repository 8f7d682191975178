//! Stable stand-ins for the fuzz targets `document` and `registry` (`core/fuzz`,
//! issue 13): the same invariants (`core/fuzz/src/document.rs`,
//! `core/fuzz/src/registry.rs`) on the seed datasets and the committed seed
//! registries, mutated byte by byte with a fixed-seed PRNG. Bounded in count and time.

use oske::{datasets::Dataset, Registry};
use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../fuzz/src/document.rs"]
mod document;
#[path = "../fuzz/src/registry.rs"]
mod registry;

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

/// The committed seeds of a fuzz target.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn mutated_documents_never_panic_and_round_trip() {
    let mut inputs: Vec<Vec<u8>> = Dataset::ALL
        .iter()
        .map(|d| d.json().as_bytes().to_vec())
        .collect();
    let committed = seeds("document");
    assert!(committed.len() >= 5, "{} document seeds", committed.len());
    for (i, seed) in committed.iter().enumerate() {
        document::check(seed).unwrap_or_else(|e| panic!("seed {i}: {e}"));
    }
    inputs.extend(committed);
    let mut rng = Rng(0x0DDB_1A5E_5BAD_5EED);
    let start = Instant::now();
    let mut runs = 0;
    while runs < 600 && start.elapsed() < Duration::from_secs(20) {
        let seed = &inputs[rng.below(inputs.len())];
        let input = mutate(&mut rng, seed);
        if let Err(broken) = document::check(&input) {
            panic!(
                "run {runs}: {broken}\ninput: {}",
                String::from_utf8_lossy(&input)
            );
        }
        runs += 1;
    }
    assert!(runs >= 50, "only {runs} runs");
}

#[test]
fn mutated_registries_keep_the_reader_invariant() {
    let inputs = seeds("registry");
    assert!(inputs.len() >= 5, "{} registry seeds", inputs.len());
    for (i, seed) in inputs.iter().enumerate() {
        assert!(
            Registry::from_json(std::str::from_utf8(seed).unwrap()).is_ok(),
            "seed {i} loads"
        );
        registry::check(seed).unwrap_or_else(|e| panic!("seed {i}: {e}"));
    }
    // The embedded registry too, once: every look-up on its data.
    registry::check(Registry::embedded_json().as_bytes()).unwrap();
    let mut rng = Rng(0x5EED_0F4E_6157_4711);
    let start = Instant::now();
    let mut runs = 0;
    while runs < 400 && start.elapsed() < Duration::from_secs(15) {
        let base = &inputs[rng.below(inputs.len())];
        let input = mutate(&mut rng, base);
        if let Err(broken) = registry::check(&input) {
            panic!(
                "run {runs}: {broken}\ninput: {}",
                String::from_utf8_lossy(&input)
            );
        }
        runs += 1;
    }
    assert!(runs >= 50, "only {runs} runs");
}
