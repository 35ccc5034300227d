//! The islands' memory allocator: one free list per power-of-two size class,
//! fresh memory from `memory.grow`.
//!
//! Why not the standard library's: on `wasm32` std allocates with dlmalloc,
//! which is about 7 KB of the counter island's 20 KB of code, more than
//! the island's own logic and its wasm-bindgen glue together. An island
//! allocates little, mostly small things (signals, closures, strings for
//! the DOM), and lives as long as its page, so a simpler scheme is enough:
//!
//! - a request of `n` bytes (aligned to `a`) takes a block of the next
//!   power of two at least `max(n, a, 8)`: every block is aligned to its own
//!   size, which satisfies any alignment up to it;
//! - a freed block goes to the front of its class's free list (its first
//!   word links to the next one), and the next request of that class takes
//!   it back; blocks are never split or merged, so there is no bookkeeping
//!   to get wrong, at the price of up to half a block of slack and memory
//!   that stays with the class it was first used for;
//! - blocks smaller than a page are carved from the current 64 KiB page,
//!   larger ones are whole pages straight from `memory.grow`.
//!
//! Memory is never returned to the host (wasm cannot shrink memory anyway).
//! An island whose allocations are large and varied for a long time can
//! turn the allocator off: `default-features = false` on `resuma-islands`
//! (the feature is `small-alloc`), and std's dlmalloc is used instead.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

/// The size of a WebAssembly page.
pub(crate) const PAGE: usize = 65536;

/// The smallest class, 8 bytes: room for the free-list link (a `usize`).
const MIN_CLASS: u32 = 3;

/// Where fresh memory comes from.
pub(crate) trait Pages {
    /// Adds `pages` pages of zeroed memory and returns the address of the
    /// first new byte (a multiple of [`PAGE`]), or `None` when there is no
    /// more memory. Addresses are never 0.
    fn grow(&self, pages: usize) -> Option<usize>;
}

/// The allocator over a source of pages.
pub(crate) struct SizeClasses<P> {
    heap: UnsafeCell<Heap>,
    pages: P,
}

struct Heap {
    /// The first free block of each class (0: none); class `c` holds blocks
    /// of `1 << c` bytes.
    free: [usize; usize::BITS as usize],
    /// The part of the current page not yet carved: `next..end`.
    next: usize,
    end: usize,
}

/// The class of a block that fits `size` bytes aligned to `align`; `None`
/// when no power of two of this address width is that large.
fn class_of(size: usize, align: usize) -> Option<u32> {
    let need = size.max(align).max(1 << MIN_CLASS);
    need.checked_next_power_of_two().map(usize::trailing_zeros)
}

impl<P: Pages> SizeClasses<P> {
    pub(crate) const fn new(pages: P) -> Self {
        SizeClasses {
            heap: UnsafeCell::new(Heap {
                free: [0; usize::BITS as usize],
                next: 0,
                end: 0,
            }),
            pages,
        }
    }

    /// A block of class `class`, or null when memory is exhausted.
    ///
    /// # Safety
    /// No other call on this allocator may be running (single thread).
    unsafe fn take(&self, class: u32) -> *mut u8 {
        let heap = &mut *self.heap.get();
        let head = heap.free[class as usize];
        if head != 0 {
            // SAFETY: a free block's first word is the link written by `give`.
            heap.free[class as usize] = *(head as *const usize);
            return head as *mut u8;
        }
        let block = 1usize << class;
        if block >= PAGE {
            return self
                .pages
                .grow(block / PAGE)
                .map_or(null_mut(), |a| a as *mut u8);
        }
        // `end` is a multiple of PAGE and `block` divides PAGE, so an aligned
        // start that does not fit before `end` fits in the next page.
        let mut start = heap.next.next_multiple_of(block);
        if start + block > heap.end {
            let Some(page) = self.pages.grow(1) else {
                return null_mut();
            };
            if page != heap.end {
                // Someone else grew memory in between (a large block):
                // the rest of the old page stays unused.
                heap.next = page;
            }
            heap.end = page + PAGE;
            start = heap.next.next_multiple_of(block);
        }
        heap.next = start + block;
        start as *mut u8
    }

    /// Puts `block` (of class `class`) on its free list.
    ///
    /// # Safety
    /// `block` came from [`Self::take`] with this class and is not in use;
    /// no other call on this allocator may be running.
    unsafe fn give(&self, block: *mut u8, class: u32) {
        let heap = &mut *self.heap.get();
        // SAFETY: every block is at least 8 bytes and aligned to its size.
        *(block as *mut usize) = heap.free[class as usize];
        heap.free[class as usize] = block as usize;
    }
}

// SAFETY: blocks are aligned to their size, which is at least the layout's
// alignment, and hold at least `layout.size()` bytes; a block is handed out
// again only after `dealloc` gave it back. Callers must not use one
// allocator from two threads at once (see `WasmHeap`).
unsafe impl<P: Pages> GlobalAlloc for SizeClasses<P> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class_of(layout.size(), layout.align()) {
            Some(class) => self.take(class),
            None => null_mut(),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(class) = class_of(layout.size(), layout.align()) {
            self.give(ptr, class);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = class_of(layout.size(), layout.align());
        if old.is_some() && old == class_of(new_size, layout.align()) {
            // The block already holds `new_size` bytes (a growing Vec or
            // String stays in place until it outgrows its power of two).
            return ptr;
        }
        // SAFETY: the caller guarantees that `new_size`, rounded up to the
        // alignment, does not overflow `isize`.
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let new = self.alloc(new_layout);
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}

/// Pages from the module's own memory (`memory.grow` on memory 0).
#[cfg(target_arch = "wasm32")]
pub(crate) struct MemoryGrow;

#[cfg(target_arch = "wasm32")]
impl Pages for MemoryGrow {
    fn grow(&self, pages: usize) -> Option<usize> {
        match core::arch::wasm32::memory_grow(0, pages) {
            usize::MAX => None,
            // The old size in pages is where the new memory starts; it is
            // never 0, since the module's data and stack come first.
            old => Some(old * PAGE),
        }
    }
}

/// The island's global allocator.
#[cfg(target_arch = "wasm32")]
pub(crate) struct WasmHeap(pub(crate) SizeClasses<MemoryGrow>);

// SAFETY: `wasm32-unknown-unknown` without the `atomics` feature (the only
// configuration this is compiled for, see lib.rs) has one thread, so no two
// calls can overlap.
#[cfg(target_arch = "wasm32")]
unsafe impl Sync for WasmHeap {}

#[cfg(target_arch = "wasm32")]
unsafe impl GlobalAlloc for WasmHeap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.0.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.0.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        self.0.realloc(ptr, layout, new_size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::cell::Cell;

    /// Pages from a fixed, page-aligned buffer, as `memory.grow` would give
    /// them; `limit` pages in all.
    struct Buffer {
        base: *mut u8,
        used: Cell<usize>,
        limit: usize,
    }

    impl Buffer {
        fn new(limit: usize) -> Self {
            let layout = Layout::from_size_align(limit * PAGE, PAGE).unwrap();
            // SAFETY: the layout has a non-zero size.
            let base = unsafe { std::alloc::alloc_zeroed(layout) };
            assert!(!base.is_null());
            Buffer {
                base,
                used: Cell::new(0),
                limit,
            }
        }
        fn range(&self) -> std::ops::Range<usize> {
            self.base as usize..self.base as usize + self.limit * PAGE
        }
    }

    impl Drop for Buffer {
        fn drop(&mut self) {
            let layout = Layout::from_size_align(self.limit * PAGE, PAGE).unwrap();
            // SAFETY: allocated in `new` with this layout.
            unsafe { std::alloc::dealloc(self.base, layout) }
        }
    }

    impl Pages for &Buffer {
        fn grow(&self, pages: usize) -> Option<usize> {
            let used = self.used.get();
            if used + pages > self.limit {
                return None;
            }
            self.used.set(used + pages);
            Some(self.base as usize + used * PAGE)
        }
    }

    #[derive(Debug, Clone)]
    enum Step {
        Alloc { size: usize, align_log2: u32 },
        Free(usize),
        Grow(usize, usize),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            4 => (1usize..3000, 0u32..7).prop_map(|(size, align_log2)| Step::Alloc { size, align_log2 }),
            1 => (70_000usize..140_000).prop_map(|size| Step::Alloc { size, align_log2: 3 }),
            3 => any::<usize>().prop_map(Step::Free),
            2 => (any::<usize>(), 1usize..5000).prop_map(|(i, size)| Step::Grow(i, size)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any sequence of allocations, frees and reallocations hands out
        /// aligned blocks inside the memory it was given that never overlap
        /// a live block, and keeps each block's bytes through a realloc.
        #[test]
        fn blocks_are_aligned_disjoint_and_keep_their_bytes(steps in proptest::collection::vec(step(), 1..120)) {
            let buffer = Buffer::new(64);
            let heap = SizeClasses::new(&buffer);
            // (address, layout, the byte written all over it)
            let mut live: Vec<(usize, Layout, u8)> = Vec::new();
            let mut fill = 0u8;
            for step in steps {
                match step {
                    Step::Alloc { size, align_log2 } => {
                        let layout = Layout::from_size_align(size, 1 << align_log2).unwrap();
                        // SAFETY: one thread; the layout is non-zero.
                        let ptr = unsafe { heap.alloc(layout) };
                        if ptr.is_null() {
                            continue; // the 64 pages are used up
                        }
                        let at = ptr as usize;
                        prop_assert_eq!(at % layout.align(), 0, "aligned");
                        prop_assert!(buffer.range().contains(&at) && at + size <= buffer.range().end, "inside");
                        for &(other, l, _) in &live {
                            prop_assert!(at + size <= other || other + l.size() <= at, "disjoint from a live block");
                        }
                        fill = fill.wrapping_add(1);
                        // SAFETY: the block holds `size` bytes.
                        unsafe { ptr.write_bytes(fill, size) };
                        live.push((at, layout, fill));
                    }
                    Step::Free(i) if !live.is_empty() => {
                        let (at, layout, byte) = live.swap_remove(i % live.len());
                        // SAFETY: the block is live and untouched by others.
                        let bytes = unsafe { std::slice::from_raw_parts(at as *const u8, layout.size()) };
                        prop_assert!(bytes.iter().all(|&b| b == byte), "a block keeps its bytes");
                        unsafe { heap.dealloc(at as *mut u8, layout) };
                    }
                    Step::Grow(i, new_size) if !live.is_empty() => {
                        let i = i % live.len();
                        let (at, layout, byte) = live[i];
                        // SAFETY: live block, this layout; new_size is small.
                        let ptr = unsafe { heap.realloc(at as *mut u8, layout, new_size) };
                        if ptr.is_null() {
                            continue;
                        }
                        let kept = layout.size().min(new_size);
                        let bytes = unsafe { std::slice::from_raw_parts(ptr, kept) };
                        prop_assert!(bytes.iter().all(|&b| b == byte), "realloc keeps the bytes");
                        unsafe { ptr.write_bytes(byte, new_size) };
                        live[i] = (ptr as usize, Layout::from_size_align(new_size, layout.align()).unwrap(), byte);
                        let at = ptr as usize;
                        for (j, &(other, l, _)) in live.iter().enumerate() {
                            prop_assert!(j == i || at + new_size <= other || other + l.size() <= at, "disjoint after realloc");
                        }
                    }
                    Step::Free(_) | Step::Grow(..) => {}
                }
            }
        }
    }

    #[test]
    fn a_freed_block_is_reused_by_its_class_and_memory_runs_out_cleanly() {
        let buffer = Buffer::new(2);
        let heap = SizeClasses::new(&buffer);
        let small = Layout::from_size_align(24, 8).unwrap();
        unsafe {
            let a = heap.alloc(small);
            heap.dealloc(a, small);
            // 24 bytes and 32 bytes share the 32-byte class.
            assert_eq!(heap.alloc(Layout::from_size_align(32, 4).unwrap()), a);
            // A page-sized block takes the second page; a third is refused.
            let page = Layout::from_size_align(PAGE, 8).unwrap();
            assert!(!heap.alloc(page).is_null());
            assert!(
                heap.alloc(page).is_null(),
                "out of pages: null, not a panic"
            );
            // A block larger than all memory is refused too.
            assert!(heap
                .alloc(Layout::from_size_align(isize::MAX as usize, 1).unwrap())
                .is_null());
        }
    }
}
