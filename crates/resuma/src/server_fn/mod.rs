//! Server functions: `#[server] async fn` callable from the browser as
//! `POST /_resuma/action/NAME` (protocol.md §8), from Rust on the server as a
//! plain async call, and from Wasm islands through a generated client stub.
//!
//! ```
//! use resuma::prelude::*;
//!
//! #[server]
//! async fn add(a: i32, b: i32) -> Result<i32, ServerFnError> {
//!     a.checked_add(b).ok_or_else(|| ServerFnError::custom("overflow", StatusCode::UNPROCESSABLE_ENTITY, "the sum overflows"))
//! }
//!
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! // On the server it is an ordinary async function.
//! assert_eq!(add(2, 3).await, Ok(5));
//! # });
//! // Registered at link time; `register` is for targets without that (WASI).
//! let app = App::new().register::<add>();
//! # let _ = app.into_router();
//! ```
//!
//! Leptos-style positional arguments give the function a type name, a URL
//! prefix, an encoding and an endpoint (protocol.md §8):
//!
//! ```
//! use resuma::prelude::*;
//! use resuma::server_fn::ServerFn;
//!
//! // GET /api/search?q=rust answers JSON; GETs skip the CSRF check, so the
//! // function must change nothing and say so.
//! #[server(Search, "/api", "GetJson", read_only)]
//! async fn search(q: String) -> Result<Vec<String>, ServerFnError> {
//!     Ok(vec![q])
//! }
//!
//! assert_eq!(Search::DESCRIPTOR.path, "/api/search");
//! assert_eq!(Search::DESCRIPTOR.name, "search");
//! let app = App::new().register::<Search>();
//! # let _ = app.into_router();
//! ```
//!
//! Security is on by default (see [`Security`]): HMAC-signed CSRF tokens bound
//! to a session cookie, an Origin check, per-IP rate limits, a body size
//! limit, and strict response headers. A panic inside a function becomes a
//! 500 JSON error.
//!
//! On `wasm32` only [`client`], [`ServerFnError`] and [`DEFAULT_PREFIX`]
//! exist: what the typed stubs of `#[server]` call in the browser.

server_only! {
    mod action;
    mod call;
    mod config;
    pub(crate) mod csrf;
    mod handler;
    pub(crate) mod hosts;
    mod origin;
    mod rate_limit;
    mod registry;
    pub(crate) mod session;
    pub(crate) mod shared;
    pub(crate) mod site;
    pub mod wire;

    pub use action::{use_action, Action};
    pub use config::{Rate, Security, DEFAULT_MAX_BODY, DEFAULT_RATE};
    pub use csrf::{
        csrf_field, csrf_token, CsrfField, COOKIE_HTTP, COOKIE_HTTPS, CSRF_FIELD, CSRF_HEADER,
    };
    pub use registry::{registered, Descriptor, Registration, ServerFn};
    pub use session::session_id;

    pub(crate) use csrf::cookie_values;
    pub(crate) use handler::{mount, FailedFormPost};

    /// Support for the code `#[server]` generates. Not a public API.
    #[doc(hidden)]
    pub mod __private {
        pub use super::call::{run, Call, Reply};
        pub use super::registry::{Descriptor, Encodings, Registration};
    }
}
pub mod client;
mod error;

pub use error::ServerFnError;

/// The URL prefix of server functions unless `#[server(prefix = ...)]` says
/// otherwise.
pub const DEFAULT_PREFIX: &str = "/_resuma/action";
