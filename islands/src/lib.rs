//! # resuma-islands
//!
//! The crate an island's Wasm side depends on. An island is a component
//! marked `#[island(load = ...)]`: the server renders its HTML and props,
//! the page's boot script imports the island's module when the directive
//! fires and calls its exported `mount(root, props)`, which takes over the
//! subtree the server rendered (protocol.md §10).
//!
//! ```ignore
//! use resuma_islands::prelude::*;
//!
//! #[derive(serde::Deserialize)]
//! struct Props { start: i32 }
//!
//! // Defines the exported `mount(root: Element, props: JsValue)`.
//! resuma_islands::mount!(|root, props| {
//!     let props: Props = decode_props(props);
//!     let count = use_signal(props.start);
//!     bind_text(&find(&root, "output"), count);
//!     on(&find(&root, "button"), "click", move |_| count.update(|n| *n += 1));
//! });
//! ```
//!
//! The signal API has the names and meaning of the server's
//! (`use_signal`, `get`, `set`, `update`, `with`), plus [`effect`] which
//! re-runs a closure whenever a signal it read changes.
//!
//! ## Server functions
//!
//! With the feature `server-fn`, an island calls `#[server]` functions as
//! the server's Rust code does: `save_draft(text).await`, the same function
//! with the same types, from a crate that both sides compile (the island
//! crate itself, with `resuma` as a dependency). On `wasm32` `#[server]`
//! compiles the function into a stub that posts its arguments by name as
//! JSON (protocol.md §8); [`mount!`] installs the `fetch` transport it sends
//! through, which adds the page's CSRF token. Errors arrive as
//! `resuma::ServerFnError` (kind, message, status). Islands that call no
//! server function leave the feature off and link none of this.

// The allocator (feature `small-alloc`, on by default): on single-threaded
// wasm32, std's dlmalloc would be a third of a small island's code.
#[cfg(any(
    test,
    all(
        target_arch = "wasm32",
        feature = "small-alloc",
        not(target_feature = "atomics")
    )
))]
mod alloc;
#[cfg(all(
    target_arch = "wasm32",
    feature = "small-alloc",
    not(target_feature = "atomics")
))]
#[global_allocator]
static ALLOCATOR: alloc::WasmHeap = alloc::WasmHeap(alloc::SizeClasses::new(alloc::MemoryGrow));

mod dom;
mod mount;
mod props;
#[cfg(feature = "server-fn")]
mod server;
mod signal;

pub use dom::{bind_text, bind_value, find, on, set_html};
pub use props::{decode_props, prop_bool, prop_number, prop_string};
pub use signal::{effect, use_signal, Signal};

/// Re-exported so island crates need no direct dependency on them.
pub use {js_sys, wasm_bindgen, wasm_bindgen_futures, web_sys};

/// What [`mount!`] expands to. Not a public API.
#[doc(hidden)]
pub mod __private {
    /// Runs before the island's `mount` body.
    pub fn before_mount() {
        #[cfg(feature = "server-fn")]
        crate::server::install();
    }
}

/// What an island's `lib.rs` needs: `use resuma_islands::prelude::*;`.
pub mod prelude {
    pub use crate::{
        bind_text, bind_value, decode_props, effect, find, on, set_html, use_signal, Signal,
    };
    pub use crate::{prop_bool, prop_number, prop_string};
    pub use wasm_bindgen::prelude::*;
    pub use wasm_bindgen_futures::spawn_local;
    pub use web_sys::{Element, Event};
}
