//! The extension's global allocator: mimalloc for every block below 1 MiB, and on
//! Linux pages mapped straight from the kernel for the blocks above, grown and
//! shrunk with `mremap`.
//!
//! Why: reading a large table grows a few vectors to tens of megabytes (the
//! measures of a section, the source map, Arrow buffers). mimalloc's `realloc` of
//! such a block allocates a fresh one, copies the old one into it and frees it, so
//! the kernel zero-fills new pages for every doubling and the copy runs over all of
//! them (28 % of reading a 200 000-row measures folder, BENCHMARKS.md). `mremap`
//! moves the pages instead of their contents: a vector that doubles costs page
//! faults for its new half only, as it does under glibc's malloc.
//!
//! Sound because Rust hands `dealloc` and `realloc` the layout the block was made
//! with: the size alone says which of the two allocators owns a block.

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

    /// Fresh zeroed pages for `size` bytes, or null.
    pub unsafe fn map(size: usize) -> *mut u8 {
        // SAFETY: an anonymous private mapping at an address the kernel picks
        // touches no existing memory.
        let p = unsafe {
            libc::mmap(
                null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
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

    /// Returns the pages of a block [`map`] gave for `size` bytes.
    pub unsafe fn unmap(p: *mut u8, size: usize) {
        // SAFETY: `p` and `size` are those of a live mapping (the caller's
        // contract), which nothing uses afterwards.
        unsafe { libc::munmap(p.cast(), size) };
    }

    /// Resizes a mapping, moving it when it cannot grow in place; null when the
    /// kernel refuses (the old mapping is then untouched).
    pub unsafe fn remap(p: *mut u8, old: usize, new: usize) -> *mut u8 {
        // SAFETY: `p` and `old` are those of a live mapping; MREMAP_MAYMOVE lets
        // the kernel move it, and the caller uses only the returned address.
        let q = unsafe { libc::mremap(p.cast(), old, new, libc::MREMAP_MAYMOVE) };
        if q == libc::MAP_FAILED {
            null_mut()
        } else {
            q.cast()
        }
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
