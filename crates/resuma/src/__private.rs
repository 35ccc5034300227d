//! Support for the code the macros generate. Not a public API: names and
//! shapes here change whenever the macros need them to.

pub use crate::attr::AttrValue;
pub use crate::capture::Capture;
pub use crate::chunk::ChunkSource;
pub use crate::derived::{
    check_async_effect, check_effect, computed, dep_id, derived_attr, derived_text, effect, Body,
};
#[cfg(not(target_arch = "wasm32"))]
pub use inventory;
pub use resuma_macros::__component_with_types as component_with_types;
pub use serde;

use crate::event::Event;

/// Builder state of a required prop that was not given yet.
pub struct Unset;

/// Builder state of a required prop that was given.
pub struct Set<T>(pub T);

/// Type-check a handler closure without ever calling it: on the server a
/// handler is only compiled, its translation runs in the browser.
pub fn check_handler<F: FnOnce(Event) -> R, R>(_handler: F) {}

/// The same for `async` handlers (they may `.await` server functions).
pub fn check_async_handler<F: AsyncFnOnce(Event)>(_handler: F) {}

/// What `#[island]` expands to (crate::island).
pub use crate::island::{island_view, IslandProps, IslandSpec};

/// The id and a copy of the items of a `<For each={...}>` list.
pub fn list_items<T: Clone + 'static>(list: &crate::Signal<Vec<T>>) -> (u32, Vec<T>) {
    (list.id(), list.get())
}

/// Evaluate a `<Show when={move || ...}>` condition on the server.
pub fn show_condition(when: impl FnOnce() -> bool) -> bool {
    when()
}

/// Apply a `<For key={...}>` closure; the bound lets Rust infer its
/// parameter's type from the list.
pub fn key_of<T, K>(item: &T, key: impl FnOnce(&T) -> K) -> K {
    key(item)
}
