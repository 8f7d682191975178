//! The extension's global allocator: mimalloc for every block below 1 MiB, and on
//! Linux pages mapped straight from the kernel for the blocks above, grown and
//! shrunk with `mremap`; from 2 MiB on, those pages are transparent huge pages.
//!
//! Why: reading a large table grows a few vectors to tens of megabytes (the
//! measures of a section, the source map, Arrow buffers). mimalloc's `realloc` of
//! such a block allocates a fresh one, copies the old one into it and frees it, so
//! the kernel zero-fills new pages for every doubling and the copy runs over all of
//! them (28 % of reading a 200 000-row measures folder, BENCHMARKS.md). `mremap`
//! moves the pages instead of their contents: a vector that doubles costs page
//! faults for its new half only, as it does under glibc's malloc.
//!
//! Huge pages: each first touch of a 4 KiB page is a page fault (a trap, a zeroed
//! page, a memory-cgroup charge, page-table locks), some 15 % of reading,
//! validating and handing over a 200 000-row measures folder. A block of 2 MiB or
//! more is mapped in whole 2 MiB pages, starting at a 2 MiB boundary, and advised
//! `MADV_HUGEPAGE`: where the kernel's transparent huge pages are in `madvise`
//! mode (a common default, and this machine's) or `always`, one fault then maps
//! 2 MiB. A block that grows is moved to a 2 MiB boundary, where the kernel moves
//! its huge pages whole. mimalloc asks for huge pages for its own arenas already.
//! The cost: a block's last huge page is whole, up to 2 MiB of memory more per
//! block (a handful of blocks are that large), returned with the block.
//!
//! Sound because Rust hands `dealloc` and `realloc` the layout the block was made
//! with: the size alone says which of the two allocators owns a block, and how
//! many bytes were mapped for it.

#![allow(unsafe_code)]

use mimalloc::MiMalloc;
use std::alloc::{GlobalAlloc, Layout};

/// mimalloc, with large blocks mapped (see the module documentation).
pub struct Allocator;

/// Blocks of at least this many bytes are mapped.
#[cfg(target_os = "linux")]
const MAPPED: usize = 1 << 20;

/// True when a block of this layout is mapped: large, and aligned no more than a
/// page (4 KiB, the smallest page size of Linux; mappings start at a page).
#[cfg(target_os = "linux")]
#[inline]
fn mapped(size: usize, align: usize) -> bool {
    size >= MAPPED && align <= 4096
}

#[cfg(not(target_os = "linux"))]
#[inline]
fn mapped(_size: usize, _align: usize) -> bool {
    false
}

#[cfg(target_os = "linux")]
mod pages {
    use std::ptr::null_mut;

    /// The smallest page of Linux; mappings start at one.
    const PAGE: usize = 4096;
    /// A transparent huge page of x86-64 and arm64 (4 KiB base pages): one page
    /// fault and one zero-fill for 512 small pages.
    pub(super) const HUGE: usize = 2 << 20;

    fn round_up(n: usize, to: usize) -> usize {
        n.div_ceil(to) * to
    }

    /// The bytes mapped for a block of `size` bytes: whole pages, and from
    /// [`HUGE`] on whole huge pages, so that the block's last part is a huge page
    /// too. A function of the size alone: `dealloc` and `realloc` find the
    /// mapping's length from the layout they are given.
    pub(super) fn span(size: usize) -> usize {
        if size >= HUGE {
            round_up(size, HUGE)
        } else {
            round_up(size, PAGE)
        }
    }

    /// A fresh anonymous mapping of `len` bytes (`prot` access), or null.
    fn mmap(len: usize, prot: libc::c_int, flags: libc::c_int) -> *mut u8 {
        // SAFETY: an anonymous private mapping at an address the kernel picks
        // touches no existing memory.
        let p = unsafe {
            libc::mmap(
                null_mut(),
                len,
                prot,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | flags,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            null_mut()
        } else {
            p.cast()
        }
    }

    /// Returns `len` bytes at `p` to the kernel (any whole pages of a mapping
    /// this module made); false if the kernel refused.
    ///
    /// # Safety
    /// Nothing may use those pages afterwards.
    unsafe fn munmap(p: *mut u8, len: usize) -> bool {
        // SAFETY: the caller's contract.
        len == 0 || unsafe { libc::munmap(p.cast(), len) } == 0
    }

    /// Asks for transparent huge pages over a mapping of whole huge pages that
    /// starts at a huge page: the kernel's default mode on many distributions
    /// (and here) is `madvise`, which gives them only to ranges that ask. Only
    /// advice: a kernel without them refuses and small pages serve.
    fn advise_huge(p: *mut u8, len: usize) {
        // SAFETY: MADV_HUGEPAGE changes how the range's future faults are served,
        // never its contents.
        unsafe { libc::madvise(p.cast(), len, libc::MADV_HUGEPAGE) };
    }

    /// Takes a range of `len + HUGE` bytes just mapped at `raw`, keeps the `len`
    /// bytes that start at its first huge page boundary and unmaps the rest.
    ///
    /// # Safety
    /// `raw` is a mapping of `len + HUGE` bytes that nothing else uses.
    unsafe fn trim_to_huge(raw: *mut u8, len: usize) -> *mut u8 {
        let head = round_up(raw as usize, HUGE) - raw as usize;
        // SAFETY: `head < HUGE`, so the kept range lies inside the mapping.
        let start = unsafe { raw.add(head) };
        // SAFETY: the head and the tail (`HUGE - head` bytes after the kept
        // range) are the parts of the mapping outside the kept range. Unmapping
        // a part of a fresh mapping can fail only by running out of mappings;
        // the part then stays mapped and unused (address space, no memory).
        unsafe {
            munmap(raw, head);
            munmap(start.add(len), HUGE - head);
        }
        start
    }

    /// Fresh zeroed pages for a block of `size` bytes, or null. From [`HUGE`] on
    /// the block starts at a huge page boundary and asks for huge pages.
    pub unsafe fn map(size: usize) -> *mut u8 {
        let len = span(size);
        if len < HUGE {
            return mmap(len, libc::PROT_READ | libc::PROT_WRITE, 0);
        }
        // A huge page boundary lies within the first HUGE bytes of any mapping.
        let Some(room) = len.checked_add(HUGE) else {
            return null_mut();
        };
        let raw = mmap(room, libc::PROT_READ | libc::PROT_WRITE, 0);
        if raw.is_null() {
            return raw;
        }
        // SAFETY: `raw` was just mapped for `len + HUGE` bytes.
        let start = unsafe { trim_to_huge(raw, len) };
        advise_huge(start, len);
        start
    }

    /// Returns the pages of a block [`map`] (or [`remap`]) gave for `size` bytes.
    ///
    /// # Safety
    /// `p` is such a block, which nothing uses afterwards.
    pub unsafe fn unmap(p: *mut u8, size: usize) {
        // SAFETY: `p` and `span(size)` are those of a live mapping (the caller's
        // contract).
        unsafe { munmap(p, span(size)) };
    }

    /// Resizes a block from `old` to `new` bytes: in place when it shrinks, stays
    /// within its pages, or the pages after it are free; else moved (its pages,
    /// not their contents) to a fresh place, which from [`HUGE`] on starts at a
    /// huge page boundary so that the kernel moves and keeps its huge pages.
    /// Null when the kernel refuses; the old block is then untouched.
    ///
    /// # Safety
    /// `p` is a live block [`map`] or [`remap`] gave for `old` bytes.
    pub unsafe fn remap(p: *mut u8, old: usize, new: usize) -> *mut u8 {
        let (old_len, new_len) = (span(old), span(new));
        if new_len == old_len {
            return p;
        }
        if new_len < old_len {
            // SAFETY: the tail past `new_len` is the block's and is given up.
            return if unsafe { munmap(p.add(new_len), old_len - new_len) } {
                p
            } else {
                null_mut()
            };
        }
        // SAFETY: `p` and `old_len` are those of a live mapping; without
        // MREMAP_MAYMOVE the kernel grows it where it stands or fails.
        let q = unsafe { libc::mremap(p.cast(), old_len, new_len, 0) };
        if q != libc::MAP_FAILED {
            if old_len < HUGE && new_len >= HUGE {
                advise_huge(p, new_len);
            }
            return p;
        }
        if new_len < HUGE {
            // SAFETY: as above; MREMAP_MAYMOVE lets the kernel move it, and the
            // caller uses only the returned address.
            let q = unsafe { libc::mremap(p.cast(), old_len, new_len, libc::MREMAP_MAYMOVE) };
            return if q == libc::MAP_FAILED {
                null_mut()
            } else {
                q.cast()
            };
        }
        // A place starting at a huge page boundary: reserved (no access, no
        // memory), then the block is moved onto it, which replaces the
        // reservation there.
        let Some(room) = new_len.checked_add(HUGE) else {
            return null_mut();
        };
        let raw = mmap(room, libc::PROT_NONE, libc::MAP_NORESERVE);
        if raw.is_null() {
            return raw;
        }
        // SAFETY: `raw` was just mapped for `new_len + HUGE` bytes.
        let start = unsafe { trim_to_huge(raw, new_len) };
        // SAFETY: `p` and `old_len` are those of a live mapping, `start` and
        // `new_len` the reserved range, which MREMAP_FIXED replaces; the caller
        // uses only the returned address.
        let q = unsafe {
            libc::mremap(
                p.cast(),
                old_len,
                new_len,
                libc::MREMAP_MAYMOVE | libc::MREMAP_FIXED,
                start,
            )
        };
        if q == libc::MAP_FAILED {
            // SAFETY: the reservation, unused.
            unsafe { munmap(start, new_len) };
            return null_mut();
        }
        if old_len < HUGE {
            advise_huge(start, new_len);
        }
        start
    }
}

// SAFETY: every block is served and returned by one allocator, chosen by its
// layout's size and alignment, which Rust passes unchanged to `dealloc` and
// `realloc`; mapped blocks are page-aligned, so any alignment up to a page holds.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        #[cfg(target_os = "linux")]
        if mapped(layout.size(), layout.align()) {
            // SAFETY: a size above zero.
            return unsafe { pages::map(layout.size()) };
        }
        // SAFETY: forwarded contract.
        unsafe { MiMalloc.alloc(layout) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        #[cfg(target_os = "linux")]
        if mapped(layout.size(), layout.align()) {
            // SAFETY: fresh anonymous pages are zero.
            return unsafe { pages::map(layout.size()) };
        }
        // SAFETY: forwarded contract.
        unsafe { MiMalloc.alloc_zeroed(layout) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        #[cfg(target_os = "linux")]
        if mapped(layout.size(), layout.align()) {
            // SAFETY: a block `alloc` mapped for this size.
            return unsafe { pages::unmap(ptr, layout.size()) };
        }
        // SAFETY: forwarded contract.
        unsafe { MiMalloc.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let (old_mapped, new_mapped) = (
            mapped(layout.size(), layout.align()),
            mapped(new_size, layout.align()),
        );
        #[cfg(target_os = "linux")]
        if old_mapped && new_mapped {
            // SAFETY: a block `alloc` mapped for the old size.
            return unsafe { pages::remap(ptr, layout.size(), new_size) };
        }
        if !old_mapped && !new_mapped {
            // SAFETY: forwarded contract.
            return unsafe { MiMalloc.realloc(ptr, layout, new_size) };
        }
        // Across the threshold: a new block from the other allocator, the
        // contents copied, the old block returned.
        // SAFETY: `new_size` is above zero and, rounded up to the alignment, does
        // not overflow (the caller's contract).
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: a non-zero size.
        let q = unsafe { self.alloc(new_layout) };
        if !q.is_null() {
            // SAFETY: both blocks hold at least the bytes copied and do not overlap.
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, q, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        q
    }
}
