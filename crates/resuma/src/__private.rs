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

/// A component the browser can render itself, inside the `<For>` rows and
/// `<Show>` branches it inserts (protocol.md §11, "Components in rows").
/// `#[component]` implements it on the props type when the component's
/// template compiles to JavaScript.
#[diagnostic::on_unimplemented(
    message = "this component cannot be rendered by the browser, so it cannot be used inside `<For>` or `<Show>`",
    label = "used inside a row or branch here",
    note = "`{Self}` is the props type of a component the browser cannot render: a component inside `<For>`/`<Show>` \
            must have a body that is one `view!`, plain props (no `#[prop(..)]` defaults, no children), no components \
            of its own, and handlers that capture only its `Signal` props (see the guide, \"Components and blocks in rows\")"
)]
pub trait BrowserTemplate {
    /// `CHUNK#SYMBOL` of the component's template.
    const TEMPLATE: &'static str;
    /// The event types its handlers listen to.
    const EVENTS: &'static [&'static str];
}
