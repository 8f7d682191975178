//! The extension's allocator (src/alloc.rs), tested from Rust with it as this test
//! binary's global allocator: blocks below and above the mapped threshold (1 MiB)
//! and the huge-page one (2 MiB), at every alignment up to a page and beyond,
//! allocated, zeroed, grown and shrunk across both thresholds with their contents
//! kept, and their memory returned to the kernel when freed.
//!
//! (The Python tests, bindings-python/tests, drive it through the extension; the
//! extension itself has no Rust test harness.)

#![allow(unsafe_code)]

#[path = "../src/alloc.rs"]
mod alloc;

use std::alloc::{GlobalAlloc, Layout};

#[global_allocator]
static GLOBAL: alloc::Allocator = alloc::Allocator;

/// The tests run one at a time: one of them measures the process's resident memory.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

const KIB: usize = 1 << 10;
const MIB: usize = 1 << 20;

/// The byte that fills the page `k` of a block under `seed`.
fn byte(k: usize, seed: u8) -> u8 {
    (k % 251) as u8 ^ seed
}

/// Fills `size` bytes at `p`, each 4 KiB page with its own byte (memset: fast in
/// the unoptimised test build too).
///
/// # Safety
/// `p` is valid for `size` bytes of writes.
unsafe fn fill(p: *mut u8, size: usize, seed: u8) {
    for (k, at) in (0..size).step_by(4096).enumerate() {
        // SAFETY: within the `size` bytes (the caller's contract).
        unsafe { std::ptr::write_bytes(p.add(at), byte(k, seed), (size - at).min(4096)) };
    }
}

/// The first offset below `size` where the fill is not found, if any: every page's
/// first, middle and last byte, and the block's last.
///
/// # Safety
/// `p` is valid for `size` bytes of reads.
unsafe fn first_wrong(p: *const u8, size: usize, seed: u8) -> Option<usize> {
    let offsets = (0..size)
        .step_by(4096)
        .flat_map(|at| [at, at + 2049, at + 4095])
        .chain([size.saturating_sub(1)])
        .filter(|&i| i < size);
    // SAFETY: every offset is below `size` (the caller's contract).
    offsets
        .into_iter()
        .find(|&i| unsafe { *p.add(i) } != byte(i / 4096, seed))
}

/// Sizes on both sides of each threshold, and far past them.
const SIZES: [usize; 14] = [
    1,
    100,
    4 * KIB,
    4 * KIB + 1,
    MIB - 1,
    MIB,
    MIB + 1,
    MIB + 4 * KIB + 3,
    2 * MIB - 1,
    2 * MIB,
    2 * MIB + 1,
    3 * MIB + 5,
    8 * MIB,
    33 * MIB + 17,
];

const ALIGNS: [usize; 6] = [1, 8, 64, 4096, 8192, 2 * MIB];

#[test]
fn every_block_is_aligned_writable_and_freed() {
    let _serial = serial();
    for &size in &SIZES {
        for &align in &ALIGNS {
            let layout = Layout::from_size_align(size, align).unwrap();
            // SAFETY: a non-zero size; the block is used within its layout and
            // freed with it.
            unsafe {
                let p = GLOBAL.alloc(layout);
                assert!(!p.is_null(), "{size} bytes aligned {align}");
                assert_eq!(p as usize % align, 0, "{size} bytes aligned {align}");
                fill(p, size, 7);
                assert_eq!(
                    first_wrong(p, size, 7),
                    None,
                    "{size} bytes aligned {align}"
                );
                GLOBAL.dealloc(p, layout);
            }
        }
    }
}

#[test]
fn zeroed_blocks_are_zero_even_where_memory_was_used_before() {
    let _serial = serial();
    for &size in &SIZES {
        for &align in &ALIGNS {
            let layout = Layout::from_size_align(size, align).unwrap();
            // SAFETY: as above; the first block is written then freed, so that a
            // reused one would show its bytes.
            unsafe {
                let dirty = GLOBAL.alloc(layout);
                fill(dirty, size, 0xA5);
                GLOBAL.dealloc(dirty, layout);
                let p = GLOBAL.alloc_zeroed(layout);
                assert!(!p.is_null());
                assert_eq!(p as usize % align, 0);
                let s = std::slice::from_raw_parts(p, size);
                assert_eq!(
                    s.iter().position(|&b| b != 0),
                    None,
                    "{size} bytes aligned {align}"
                );
                GLOBAL.dealloc(p, layout);
            }
        }
    }
}

#[test]
fn realloc_keeps_the_contents_across_every_threshold_both_ways() {
    let _serial = serial();
    // Every pair of sizes: growing and shrinking, within one allocator and across.
    for &align in &[1, 8, 64, 4096, 2 * MIB] {
        for &from in &SIZES {
            for &to in &SIZES {
                let layout = Layout::from_size_align(from, align).unwrap();
                // SAFETY: the block is reallocated with the layout it was made
                // with and freed with its new size.
                unsafe {
                    let p = GLOBAL.alloc(layout);
                    assert!(!p.is_null());
                    fill(p, from, 3);
                    let q = GLOBAL.realloc(p, layout, to);
                    assert!(!q.is_null(), "{from} -> {to} aligned {align}");
                    assert_eq!(q as usize % align, 0, "{from} -> {to} aligned {align}");
                    let kept = from.min(to);
                    assert_eq!(
                        first_wrong(q, kept, 3),
                        None,
                        "{from} -> {to} aligned {align}"
                    );
                    // The new part is writable.
                    fill(q, to, 4);
                    assert_eq!(first_wrong(q, to, 4), None);
                    GLOBAL.dealloc(q, Layout::from_size_align(to, align).unwrap());
                }
            }
        }
    }
}

#[test]
fn a_vector_grown_by_pushes_to_many_megabytes_keeps_every_value() {
    let _serial = serial();
    // The growth reading a table makes: doublings from a few bytes to 16 MiB,
    // through the threshold, moved by `mremap` as its neighbours take the space
    // after it.
    let mut v: Vec<u64> = Vec::new();
    let mut others = Vec::new();
    for i in 0..1_500_000u64 {
        v.push(i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        if i % 125_000 == 0 {
            others.push(vec![i as u8; 3 * MIB]);
        }
    }
    assert!(v
        .iter()
        .enumerate()
        .all(|(i, &x)| x == (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)));
    for (k, o) in others.iter().enumerate() {
        let i = k as u64 * 125_000;
        assert!(o.iter().all(|&b| b == i as u8));
    }
    v.truncate(10);
    v.shrink_to_fit();
    assert_eq!(v[9], 9u64.wrapping_mul(0x9E37_79B9_7F4A_7C15));
}

/// This process's resident memory, in bytes (Linux).
#[cfg(target_os = "linux")]
fn resident() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    let kib: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * KIB
}

/// The `VmFlags` of the mapping holding `addr` (Linux).
#[cfg(target_os = "linux")]
fn vm_flags(addr: usize) -> String {
    let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
    let mut inside = false;
    for line in smaps.lines() {
        if let Some((range, _)) = line.split_once(' ') {
            if let Some((a, b)) = range.split_once('-') {
                if let (Ok(a), Ok(b)) = (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16))
                {
                    inside = a <= addr && addr < b;
                    continue;
                }
            }
        }
        if inside {
            if let Some(flags) = line.strip_prefix("VmFlags:") {
                return flags.trim().to_owned();
            }
        }
    }
    panic!("no mapping holds {addr:#x}");
}

#[cfg(target_os = "linux")]
#[test]
fn large_blocks_start_at_a_huge_page_and_ask_for_huge_pages() {
    let _serial = serial();
    for size in [2 * MIB, 3 * MIB + 5, 40 * MIB] {
        let layout = Layout::from_size_align(size, 64).unwrap();
        // SAFETY: used within its layout, freed with it.
        unsafe {
            let p = GLOBAL.alloc(layout);
            assert_eq!(p as usize % (2 * MIB), 0, "{size}");
            assert!(
                vm_flags(p as usize).split(' ').any(|f| f == "hg"),
                "{size}: {}",
                vm_flags(p as usize)
            );
            // Grown past where it stands: moved to a huge page boundary.
            let q = GLOBAL.realloc(p, layout, 4 * size);
            assert_eq!(q as usize % (2 * MIB), 0, "{size} grown");
            assert!(vm_flags(q as usize).split(' ').any(|f| f == "hg"));
            GLOBAL.dealloc(q, Layout::from_size_align(4 * size, 64).unwrap());
        }
    }
    // A block grown from below 2 MiB asks for them once it is that large.
    let layout = Layout::from_size_align(MIB + 1, 8).unwrap();
    // SAFETY: as above.
    unsafe {
        let p = GLOBAL.alloc(layout);
        assert!(!vm_flags(p as usize).split(' ').any(|f| f == "hg"));
        let q = GLOBAL.realloc(p, layout, 16 * MIB);
        assert!(vm_flags(q as usize).split(' ').any(|f| f == "hg"));
        GLOBAL.dealloc(q, Layout::from_size_align(16 * MIB, 8).unwrap());
    }
}

#[cfg(target_os = "linux")]
#[test]
fn freed_large_blocks_go_back_to_the_kernel() {
    let _serial = serial();
    // Twenty rounds of a block grown by doubling from 1 MiB to 128 MiB, written
    // and freed (as a read table's vectors are): resident memory must come back
    // each time, not grow.
    let base = resident();
    let mut peak_after = 0;
    for round in 0..20u8 {
        // SAFETY: each block is used within its size and freed with its layout.
        unsafe {
            let mut size = MIB;
            let mut p = GLOBAL.alloc(Layout::from_size_align(size, 8).unwrap());
            fill(p, size, round);
            while size < 128 * MIB {
                p = GLOBAL.realloc(p, Layout::from_size_align(size, 8).unwrap(), 2 * size);
                assert!(!p.is_null());
                size *= 2;
                fill(p, size, round);
            }
            assert!(
                resident() >= base + 120 * MIB,
                "round {round}: the pages are touched"
            );
            assert_eq!(first_wrong(p, size, round), None);
            GLOBAL.dealloc(p, Layout::from_size_align(size, 8).unwrap());
        }
        peak_after = peak_after.max(resident());
    }
    assert!(
        peak_after < base + 8 * MIB,
        "resident after freeing: {} MiB, before: {} MiB",
        peak_after / MIB,
        base / MIB
    );
}
