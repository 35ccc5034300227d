//! What a page, a loader or a server function can ask about the request it
//! serves, without globals: the app state registered with
//! [`App::with_state`](crate::App::with_state), the request's headers and
//! cookies, and the visitor's session.
//!
//! ```
//! use resuma::prelude::*;
//!
//! #[derive(Clone)]
//! struct Greeting(&'static str);
//!
//! #[server]
//! async fn greet(name: String) -> Result<String, ServerFnError> {
//!     // `?` turns a missing state into an internal error (logged with an id).
//!     let Greeting(word) = resuma::context::state::<Greeting>()?;
//!     let language = resuma::context::header("accept-language").unwrap_or_default();
//!     Ok(format!("{word}, {name} ({language})"))
//! }
//!
//! let app = App::new().with_state(Greeting("Hello"));
//! # let _ = app.into_router();
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! // Outside a request (a test, a background job), provide the state yourself:
//! let text = resuma::context::with_state(Greeting("Hi"), greet("Ada".into())).await;
//! assert_eq!(text.unwrap(), "Hi, Ada ()");
//! # });
//! ```

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};

use axum::http::request::Parts;
use axum::http::{header, Extensions, HeaderMap};

use crate::server_fn::cookie_values;
pub use crate::server_fn::session_id;

/// The context of the request being served.
#[derive(Clone)]
pub(crate) struct RequestContext {
    /// The app's states, one per type.
    pub(crate) states: Arc<Extensions>,
    /// The request; `None` outside a request.
    pub(crate) request: Option<Arc<Served>>,
}

/// A request being served, as its page or server function sees it. One
/// allocation and one task-local scope carry all of it, because a server
/// function's call pays for every scope on its way in and out.
pub(crate) struct Served {
    /// The request without its body.
    parts: Parts,
    /// A server function's caller's session (the action endpoint checked
    /// it). `None` on pages, whose session the session layer provides.
    session: Option<String>,
    /// The `Set-Cookie` values a server function asked for
    /// (crate::signed_cookie); `None` on pages, which cannot set any.
    set_cookies: Option<Mutex<Vec<String>>>,
}

tokio::task_local! {
    static CONTEXT: RequestContext;
}

/// Run `future` (a page and its loaders) with `states` and the request
/// `parts` as its context.
pub(crate) async fn scope<F: Future>(
    states: Arc<Extensions>,
    parts: Parts,
    future: F,
) -> F::Output {
    let served = Served {
        parts,
        session: None,
        set_cookies: None,
    };
    CONTEXT
        .scope(
            RequestContext {
                states,
                request: Some(Arc::new(served)),
            },
            future,
        )
        .await
}

/// Run a server function's `future` with `states`, the request `parts` and
/// the caller's `session` as its context. Returns its output and the
/// `Set-Cookie` values it asked for (crate::signed_cookie), which go out
/// with its answer.
pub(crate) async fn call_scope<F: Future>(
    states: Arc<Extensions>,
    parts: Parts,
    session: Option<String>,
    future: F,
) -> (F::Output, Vec<String>) {
    let served = Arc::new(Served {
        parts,
        session,
        set_cookies: Some(Mutex::new(Vec::new())),
    });
    let context = RequestContext {
        states,
        request: Some(served.clone()),
    };
    let output = CONTEXT.scope(context, future).await;
    let cookies = served
        .set_cookies
        .as_ref()
        .map(|c| std::mem::take(&mut *c.lock().unwrap_or_else(|e| e.into_inner())))
        .unwrap_or_default();
    (output, cookies)
}

/// The session of the server-function call being served, if it has one.
pub(crate) fn call_session() -> Option<String> {
    CONTEXT
        .try_with(|c| c.request.as_ref()?.session.clone())
        .ok()
        .flatten()
}

/// Add `cookie` to the `Set-Cookie` values of the server-function call
/// being served; `false` outside one.
pub(crate) fn push_set_cookie(cookie: String) -> bool {
    CONTEXT
        .try_with(|c| match c.request.as_ref().and_then(|r| r.set_cookies.as_ref()) {
            Some(cookies) => {
                cookies.lock().unwrap_or_else(|e| e.into_inner()).push(cookie);
                true
            }
            None => false,
        })
        .unwrap_or(false)
}

/// The context of the request being served, to carry into a future that
/// runs later (a streamed part of a page, crate::flow).
pub(crate) fn current() -> Option<RequestContext> {
    CONTEXT.try_with(Clone::clone).ok()
}

/// Run `future` in a context taken with [`current`].
pub(crate) async fn rescope<F: Future>(context: RequestContext, future: F) -> F::Output {
    CONTEXT.scope(context, future).await
}

/// Run `future` (a server function called from Rust, a test, a background
/// job) with `state` available to [`state`], as if the app had been given
/// it with [`App::with_state`](crate::App::with_state). There is no request,
/// so [`header`] and [`cookie`] answer `None`.
pub async fn with_state<S: Clone + Send + Sync + 'static, F: Future>(
    state: S,
    future: F,
) -> F::Output {
    let mut states = CONTEXT
        .try_with(|c| (*c.states).clone())
        .unwrap_or_default();
    states.insert(state);
    let request = CONTEXT.try_with(|c| c.request.clone()).ok().flatten();
    CONTEXT
        .scope(
            RequestContext {
                states: Arc::new(states),
                request,
            },
            future,
        )
        .await
}

/// The app state of type `S` ([`App::with_state`](crate::App::with_state)).
///
/// Its error converts into a [`ServerFnError`](crate::ServerFnError) with
/// `?` (an internal error: the client sees an id, the log the message).
pub fn state<S: Clone + Send + Sync + 'static>() -> Result<S, MissingState> {
    CONTEXT
        .try_with(|c| c.states.get::<S>().cloned())
        .ok()
        .flatten()
        .ok_or(MissingState {
            type_name: std::any::type_name::<S>(),
        })
}

/// No app state of the asked-for type is available here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingState {
    type_name: &'static str,
}

impl fmt::Display for MissingState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no app state of type `{}` is available here: add it with `App::new().with_state(value)`, or run \
             the code inside `resuma::context::with_state(value, ...)`",
            self.type_name
        )
    }
}

impl std::error::Error for MissingState {}

/// Read something of the request being served; `None` outside a request.
fn with_parts<T>(read: impl FnOnce(&Parts) -> Option<T>) -> Option<T> {
    CONTEXT
        .try_with(|c| c.request.as_deref().and_then(|r| read(&r.parts)))
        .ok()
        .flatten()
}

/// The value of request header `name`, if it is present and text.
pub fn header(name: &str) -> Option<String> {
    with_parts(|p| p.headers.get(name)?.to_str().ok().map(str::to_owned))
}

/// All the request's headers (a copy).
pub fn headers() -> Option<HeaderMap> {
    with_parts(|p| Some(p.headers.clone()))
}

/// `read` the request's headers in place (no copy), for Resuma's own
/// readers such as crate::signed_cookie.
pub(crate) fn read_headers<T>(read: impl FnOnce(&HeaderMap) -> Option<T>) -> Option<T> {
    with_parts(|p| read(&p.headers))
}

/// The value of cookie `name` sent with the request (the first one, as a
/// browser sends the most specific first).
pub fn cookie(name: &str) -> Option<String> {
    with_parts(|p| {
        let mut values = p
            .headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok());
        values
            .find_map(|h| cookie_values(h, name).next())
            .map(str::to_owned)
    })
}

/// The path and query of the request (for a page rendered again after a
/// failed form post, the page's path).
pub fn uri() -> Option<axum::http::Uri> {
    with_parts(|p| Some(p.uri.clone()))
}
