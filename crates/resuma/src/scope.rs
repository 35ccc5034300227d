//! The render scope: where the values of one page render's signals live.
//!
//! Component functions take no context parameter, so `use_signal` finds the
//! current render through a thread-local. A render is synchronous and runs on
//! one thread, which makes that safe; [`RenderScope::enter`] makes the scope
//! current for the duration of one render and restores the previous one after
//! (so a render can even happen inside another, e.g. in tests).

use std::cell::{Cell, RefCell};

use crate::shown::Readback;
use crate::slot::{Scalar, SlotValue};

/// The slots of one render, indexed by id (protocol.md §1). A streamed
/// part of a page (crate::flow) is rendered later in a scope of its own
/// whose ids start at `base`, after the ids of what was sent before it, so
/// that ids never collide within one page.
#[derive(Default)]
pub(crate) struct RenderScope {
    base: u32,
    slots: Vec<SlotValue>,
    /// For each slot, whether the markup shows its value so the state
    /// script can leave it out (crate::shown). A `Cell`, so that binding a
    /// slot can record it under the shared borrow that reads the value.
    readback: Vec<Cell<Readback>>,
    /// The page's computeds and effects (protocol.md §14).
    reactions: Vec<crate::derived::Reaction>,
}

thread_local! {
    static CURRENT: RefCell<Option<RenderScope>> = const { RefCell::new(None) };
}

impl RenderScope {
    /// Run `f` with a fresh scope as the current one; returns `f`'s result and
    /// the scope so the caller can serialise the referenced slots.
    pub(crate) fn enter<R>(f: impl FnOnce() -> R) -> (R, RenderScope) {
        RenderScope::enter_from(0, f)
    }

    /// [`RenderScope::enter`] with ids from `base` on.
    pub(crate) fn enter_from<R>(base: u32, f: impl FnOnce() -> R) -> (R, RenderScope) {
        let fresh = RenderScope {
            base,
            ..RenderScope::default()
        };
        let previous = CURRENT.with(|c| c.borrow_mut().replace(fresh));
        // Restore the previous scope even if `f` panics, so a panicking render
        // never leaves a stale scope behind on a pooled worker thread.
        struct Restore(Option<Option<RenderScope>>);
        impl Drop for Restore {
            fn drop(&mut self) {
                if let Some(prev) = self.0.take() {
                    CURRENT.with(|c| *c.borrow_mut() = prev);
                }
            }
        }
        let mut restore = Restore(Some(previous));
        let result = f();
        let scope = CURRENT
            .with(|c| c.borrow_mut().take())
            .expect("render scope vanished during render");
        CURRENT.with(|c| *c.borrow_mut() = restore.0.take().unwrap());
        (result, scope)
    }

    /// The first id after this scope's.
    pub(crate) fn next_id(&self) -> u32 {
        self.base + self.slots.len() as u32
    }

    /// Whether slot `id` is one of this scope's.
    pub(crate) fn holds(&self, id: u32) -> bool {
        self.index(id).is_some()
    }

    fn index(&self, id: u32) -> Option<usize> {
        let i = id.checked_sub(self.base)? as usize;
        (i < self.slots.len()).then_some(i)
    }

    /// Whether the markup shows slot `id`'s value exactly, so the browser
    /// reads it from there and the state script leaves it out (protocol.md §5).
    pub(crate) fn shown_in_markup(&self, id: u32) -> bool {
        self.index(id)
            .is_some_and(|i| self.readback[i].get() == Readback::Shown)
    }

    /// Append slot `id`'s JSON to `out`.
    pub(crate) fn write_slot_json(
        &self,
        id: u32,
        out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        self.slots[self.index(id).unwrap_or_else(|| stale_signal(id))].write_json(out)
    }

    /// Slot `id` as the state script needs it: strings, integers and
    /// booleans, the values most signals hold, are read in place (building
    /// a `serde_json::Value` for each, a copy of every string, cost more
    /// than writing the JSON); `None` for every other type, which
    /// [`Self::write_slot_json`] writes with `serde_json`.
    pub(crate) fn slot_scalar(&self, id: u32) -> Option<Scalar<'_>> {
        Scalar::of(self.slots[self.index(id).unwrap_or_else(|| stale_signal(id))].as_any())
    }
}

/// Record one of the page's computeds or effects.
pub(crate) fn push_reaction(reaction: crate::derived::Reaction) {
    with_current(|scope| scope.reactions.push(reaction));
}

impl RenderScope {
    /// The page's computeds and effects, in creation order.
    pub(crate) fn reactions(&self) -> &[crate::derived::Reaction] {
        &self.reactions
    }
}

/// Store a new value in the current scope and return its id.
pub(crate) fn push_slot<T: serde::Serialize + 'static>(value: T) -> u32 {
    with_current(|scope| {
        let id = u32::try_from(scope.slots.len())
            .ok()
            .and_then(|n| n.checked_add(scope.base))
            .expect("more than u32::MAX signals in one render");
        scope.slots.push(SlotValue::new(value));
        scope.readback.push(Cell::default());
        id
    })
}

/// Borrow slot `id` as a `T`.
pub(crate) fn with_slot<T: 'static, R>(id: u32, f: impl FnOnce(&T) -> R) -> R {
    // A shared borrow, so reading one signal inside another's `with` works.
    with_current_ref(|scope| {
        let slot = scope
            .index(id)
            .map(|i| &scope.slots[i])
            .unwrap_or_else(|| stale_signal(id));
        let value = slot
            .as_any()
            .downcast_ref::<T>()
            .unwrap_or_else(|| stale_signal(id));
        f(value)
    })
}

/// Bind slot `id` into the markup: `f` writes the value and says whether
/// it showed it in a form the browser reads back exactly (crate::shown).
pub(crate) fn bind_slot<T: 'static>(id: u32, f: impl FnOnce(&T) -> bool) {
    with_current_ref(|scope| {
        let i = scope.index(id).unwrap_or_else(|| stale_signal(id));
        let value = scope.slots[i]
            .as_any()
            .downcast_ref::<T>()
            .unwrap_or_else(|| stale_signal(id));
        let exactly = f(value);
        let readback = &scope.readback[i];
        readback.set(readback.get().bound(exactly));
    })
}

/// Mutably borrow slot `id` as a `T`.
pub(crate) fn with_slot_mut<T: 'static, R>(id: u32, f: impl FnOnce(&mut T) -> R) -> R {
    with_current(|scope| {
        let slot = match scope.index(id) {
            Some(i) => {
                // The markup bound so far may now show an older value.
                let readback = scope.readback[i].get_mut();
                *readback = readback.changed();
                &mut scope.slots[i]
            }
            None => stale_signal(id),
        };
        let value = slot
            .as_any_mut()
            .downcast_mut::<T>()
            .unwrap_or_else(|| stale_signal(id));
        f(value)
    })
}

fn with_current<R>(f: impl FnOnce(&mut RenderScope) -> R) -> R {
    CURRENT.with(|c| {
        let mut guard = c.try_borrow_mut().unwrap_or_else(|_| {
            panic!(
                "a signal was changed (or created) inside another signal's `with` closure; \
                 finish reading first, then call `set`/`update`/`use_signal`."
            )
        });
        f(guard.as_mut().unwrap_or_else(|| outside_render()))
    })
}

fn with_current_ref<R>(f: impl FnOnce(&RenderScope) -> R) -> R {
    CURRENT.with(|c| {
        let guard = c.try_borrow().unwrap_or_else(|_| {
            panic!("a signal was read inside another signal's `update` closure; read it before")
        });
        f(guard.as_ref().unwrap_or_else(|| outside_render()))
    })
}

fn outside_render() -> ! {
    panic!(
        "a signal was used outside a page render. Signals live for one render: call \
         `use_signal` inside a component or a page function served by `App`, or inside \
         `resuma::render_to_string`."
    )
}

fn stale_signal(id: u32) -> ! {
    panic!(
        "signal {id} does not belong to the current render. A `Signal` is only valid during \
         the render that created it; do not keep signals in statics or across requests."
    )
}
