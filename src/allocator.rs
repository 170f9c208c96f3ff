//! The binary's allocator: mimalloc, asked for a plain block when the alignment wanted is one
//! every block has.
//!
//! `mimalloc::MiMalloc` asks for every block by mimalloc's aligned entry point, which takes
//! three to four times the instructions of the plain one: `check` of one letter allocates about
//! 200,000 times (mostly compiling patterns), and went 135.1 -> 127.2 M instructions with this
//! (docs/measurements/performance.md). Every mimalloc block is a whole number of words from a
//! start aligned to 16 bytes, so a plain block is aligned to a word at least; a wider alignment
//! still goes the aligned way. Unsafe code, as the library's loading of the DFAs built at compile
//! time is (`src/pattern/prebuilt.rs`); everything else denies it.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout};

use mimalloc::MiMalloc;

/// mimalloc, by its plain entry points where a word's alignment will do.
pub struct Allocator;

/// The alignment every mimalloc block has.
const WORD: usize = std::mem::size_of::<usize>();

/// Whether a plain block serves `layout`.
fn plain(layout: Layout) -> bool {
    layout.align() <= WORD
}

// SAFETY: a request of at most a word's alignment is handed to mimalloc's plain functions, which
// return blocks of at least the size asked (or null) aligned to a word, as `GlobalAlloc`
// requires; a wider one to `MiMalloc`, whose aligned functions honour it. `mi_free` (which
// `MiMalloc::dealloc` calls) and `mi_realloc` take blocks from either path.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if plain(layout) {
            // SAFETY: see the impl.
            unsafe { libmimalloc_sys::mi_malloc(layout.size()).cast() }
        } else {
            // SAFETY: the caller's promises, passed on.
            unsafe { MiMalloc.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if plain(layout) {
            // SAFETY: see the impl.
            unsafe { libmimalloc_sys::mi_zalloc(layout.size()).cast() }
        } else {
            // SAFETY: the caller's promises, passed on.
            unsafe { MiMalloc.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's promises, passed on.
        unsafe { MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if plain(layout) {
            // SAFETY: see the impl; `ptr` is a block of this allocator, of `layout`.
            unsafe { libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast() }
        } else {
            // SAFETY: the caller's promises, passed on.
            unsafe { MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fills a block with a pattern of its offsets.
    ///
    /// # Safety
    /// `p` is a block of at least `size` bytes.
    unsafe fn fill(p: *mut u8, size: usize) {
        for i in 0..size {
            // SAFETY: within the block.
            unsafe { p.add(i).write(i as u8) };
        }
    }

    /// Whether a block's first `size` bytes hold the pattern of [`fill`].
    ///
    /// # Safety
    /// `p` is a block of at least `size` bytes.
    unsafe fn filled(p: *const u8, size: usize) -> bool {
        // SAFETY: within the block.
        (0..size).all(|i| unsafe { p.add(i).read() } == i as u8)
    }

    /// Every size up to a few pages, every alignment up to 4 KiB: each block is aligned as
    /// asked, a zeroed block is zeros, and a grown or shrunk block keeps its bytes and its
    /// alignment.
    #[test]
    fn blocks_are_aligned_zeroed_and_kept_as_asked() {
        let sizes = (1..=257).chain([500, 1000, 1024, 4000, 4096, 10_000, 70_000, 1 << 20]);
        for size in sizes {
            for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
                let layout = Layout::from_size_align(size, align).expect("a valid layout");
                for new_size in [size / 2 + 1, size * 3 + 5] {
                    // SAFETY: no size is zero; each block is used within its size and freed once,
                    // with the layout it has.
                    unsafe {
                        let p = Allocator.alloc(layout);
                        assert!(!p.is_null() && (p as usize).is_multiple_of(align), "size {size}, align {align}");
                        fill(p, size);
                        let q = Allocator.realloc(p, layout, new_size);
                        assert!(
                            !q.is_null() && (q as usize).is_multiple_of(align),
                            "{size} -> {new_size}, align {align}"
                        );
                        assert!(filled(q, size.min(new_size)), "{size} -> {new_size}, align {align}");
                        Allocator.dealloc(q, Layout::from_size_align(new_size, align).expect("a valid layout"));
                    }
                }
                // SAFETY: as above.
                unsafe {
                    let z = Allocator.alloc_zeroed(layout);
                    assert!(!z.is_null() && (z as usize).is_multiple_of(align), "zeroed size {size}, align {align}");
                    assert!((0..size).all(|i| z.add(i).read() == 0), "zeroed size {size}, align {align}");
                    Allocator.dealloc(z, layout);
                }
            }
        }
    }
}
