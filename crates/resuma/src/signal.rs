//! Server-side signals: reactive values that the browser resumes.
//!
//! On the server a signal is a plain value in the current render scope. What
//! makes it a signal is what happens to it when it is rendered: placed in a
//! `view!` as text or as an attribute value, it is *bound* — the HTML carries
//! its value plus a marker — and its value goes into the page's state script,
//! so the browser's core can update exactly those nodes when a handler
//! changes it. The browser's signals (`runtime/signals.js`) have the same
//! four methods with the same meaning.

use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;

use crate::scope;

/// A reactive value, identified by a numeric id within one render.
///
/// `Signal` is `Copy`, so handlers and child components can take it by value.
///
/// ```
/// use resuma::prelude::*;
///
/// let html = resuma::render_to_string(|| {
///     let count = use_signal(1);
///     count.set(count.get() + 1);
///     count.update(|n| *n *= 10);
///     assert_eq!(count.with(|n| n.to_string()), "20");
///     view! { <p>{count}</p> }
/// });
/// assert!(html.contains("<p><!--r:0n-->20</p>"));
/// ```
pub struct Signal<T> {
    id: u32,
    // `fn() -> T` keeps `Signal<T>` `Copy + Send + Sync` whatever `T` is: the
    // handle holds no `T`, only an id into the render scope.
    _type: PhantomData<fn() -> T>,
}

/// Create a signal holding `initial` in the current render and return its
/// handle. Ids are given in call order, starting at 0 (protocol.md §1).
///
/// # Panics
/// When called outside a render (see [`crate::render_to_string`]).
pub fn use_signal<T: Serialize + 'static>(initial: T) -> Signal<T> {
    Signal {
        id: scope::push_slot(initial),
        _type: PhantomData,
    }
}

impl<T: 'static> Signal<T> {
    /// The signal's id in this render (protocol.md §1).
    pub fn id(&self) -> u32 {
        self.id
    }

    /// A clone of the current value.
    pub fn get(&self) -> T
    where
        T: Clone,
    {
        self.with(T::clone)
    }

    /// Replace the value.
    pub fn set(&self, value: T) {
        scope::with_slot_mut(self.id, |slot: &mut T| *slot = value);
    }

    /// Change the value in place. In the browser this always notifies the
    /// bound nodes, even if the closure leaves the value equal.
    pub fn update(&self, f: impl FnOnce(&mut T)) {
        scope::with_slot_mut(self.id, f);
    }

    /// Borrow the value without cloning it.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        scope::with_slot(self.id, f)
    }
}

impl<T> Clone for Signal<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Signal<T> {}

impl<T> fmt::Debug for Signal<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signal({})", self.id)
    }
}

impl<T> PartialEq for Signal<T> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl<T> Eq for Signal<T> {}
