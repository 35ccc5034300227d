//! # Resuma
//!
//! A full-stack web framework with **resumable** server rendering.
//! Components run once, on the server. The browser gets HTML, a loader of a
//! few hundred bytes and the signal values; event handlers written as Rust
//! closures are translated to small JavaScript chunks at compile time and
//! fetched on the first interaction.
//!
//! ```
//! use resuma::prelude::*;
//!
//! #[component]
//! fn Counter(#[prop(default = 0)] start: i32) -> impl IntoView {
//!     let count = use_signal(start);
//!     view! {
//!         <button onClick={move |_| count.set(count.get() + 1)}>"Count: " {count}</button>
//!     }
//! }
//!
//! let app = App::new().page("/", "Counter", || view! { <h1>"Counter"</h1><Counter /> });
//! # let _ = app;
//! ```
//!
//! The wire format between server and browser is specified in
//! `docs/protocol.md`.
//!
//! ## In the browser
//!
//! For `wasm32` the crate builds a small core: [`server`], [`ServerFnError`],
//! [`server_fn::client`] and a prelude of those (plus `StatusCode`). That is
//! what a crate shared by the server and a Wasm island needs: there each
//! `#[server]` function compiles into a typed stub that calls the server
//! (protocol.md §8), so the island calls `save_draft(text).await`, the same
//! function with the same types. Everything else here is the server's.

/// Marks items that exist only on the server: natively, and as a
/// `wasm32-wasip2` wasi:http component (every target but the browser's
/// `wasm32-unknown-unknown`).
macro_rules! server_only {
    ($($item:item)*) => { $( #[cfg(any(not(target_arch = "wasm32"), target_os = "wasi"))] $item )* };
}

/// Marks items that exist only natively: the tokio server.
macro_rules! native_only {
    ($($item:item)*) => { $( #[cfg(not(target_arch = "wasm32"))] $item )* };
}

/// Marks items that exist only in the browser (`wasm32-unknown-unknown`).
macro_rules! browser_only {
    ($($item:item)*) => { $( #[cfg(all(target_arch = "wasm32", not(target_os = "wasi")))] $item )* };
}

server_only! {
    mod app;
    #[doc(hidden)]
    pub mod assets;
    mod attr;
    mod capture;
    pub mod context;
    mod derived;
    #[doc(hidden)]
    pub mod chunk;
    #[doc(hidden)]
    pub mod csp;
    mod event;
    pub mod flow;
    pub mod form;
    mod html;
    pub mod island;
    pub mod kv;
    mod logging;
    mod marks;
    mod middleware;
    mod panic_message;
    /// Rendering outside an [`App`]: [`render_to_string`].
    pub mod render;
    mod scope;
    mod security_headers;
    mod serve_error;
    mod shown;
    mod slot;
    pub mod signed_cookie;
    mod signal;
    mod text_element;
    mod view;
}
pub mod server_fn;

native_only! {
    mod dev_reload;
    mod export;
    mod serve;
    pub use serve::{serve, serve_on};
}
#[cfg(all(target_arch = "wasm32", target_os = "wasi"))]
pub mod wasi;

server_only! {
    #[doc(hidden)]
    pub mod __private;
}
browser_only! {
    /// What the stubs `#[server]` generates for the browser use. Not a public API.
    #[doc(hidden)]
    pub mod __private {
        pub use serde;
    }
}

server_only! {
    pub use app::App;
    pub use attr::AttrValue;
    pub use capture::Capture;
    pub use event::Event;
    pub use html::Html;
    pub use render::render_to_string;
    pub use resuma_macros::island;
    pub use resuma_macros::{component, computed, debounce, effect, js, pages, view, SignalData};
    /// HTML escaping as the renderer does it (protocol.md §7).
    pub use resuma_protocol::escape;
    pub use logging::init_tracing;
    pub use serve_error::ServeError;
    pub use server_fn::{use_action, Action};
    pub use signal::{use_signal, Signal};
    pub use view::{AnyView, Children, IntoView, ViewFn};

    /// Re-exported so apps need no direct axum or tokio dependency for `main`.
    pub use axum;
    pub use tokio;
}
pub use resuma_macros::server;
pub use server_fn::ServerFnError;

/// Everything a component file needs: `use resuma::prelude::*;`.
#[cfg(any(not(target_arch = "wasm32"), target_os = "wasi"))]
pub mod prelude {
    pub use crate::form::{FieldError, FieldErrorProps, Form, FormProps};
    pub use crate::island;
    pub use crate::{component, computed, debounce, effect, js, use_signal, view, SignalData};
    pub use crate::{server, use_action, Action, ServerFnError};
    pub use crate::{App, Children, Event, IntoView, Signal};
    /// For [`ServerFnError::custom`] and plain axum routes.
    pub use axum::http::StatusCode;
}

/// What a file of `#[server]` functions needs in the browser:
/// `use resuma::prelude::*;` compiles on both sides.
#[cfg(all(target_arch = "wasm32", not(target_os = "wasi")))]
pub mod prelude {
    pub use crate::{server, ServerFnError};
    /// For [`ServerFnError::custom`].
    pub use http::StatusCode;
}
