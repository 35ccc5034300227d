//! Running an [`App`] as a `wasm32-wasip2` component that exports
//! `wasi:http/incoming-handler`, the world `wasmtime serve` and Spin run.
//!
//! The router is the same axum [`Router`](axum::Router) the native server
//! runs, with the same pages, chunk URLs, server functions, CSRF and CSP; only
//! the transport differs. Requests arrive through wasi:http (via `wstd` and
//! `wstd-axum`, which adapt them to axum types): there is no tokio runtime and
//! no socket in the component.
//!
//! What is different from a native server, and why:
//! - **Registration is explicit.** A component has no link-time registration
//!   that every runtime honours, so chunks and server functions are listed in
//!   the app: `App::register::<T>()` for each `#[server]` function and
//!   `App::register_chunks(NameProps::CHUNKS)` for each component with
//!   handlers. A call to a function that is not registered is a 404 naming
//!   the fix; so is a chunk request.
//! - **Each request may start a fresh instance** (`wasmtime serve` and Spin
//!   do), so nothing lives in memory between requests: `RESUMA_SECRET` is
//!   required (a random per-instance secret would refuse every CSRF token),
//!   and per-IP rate limits are not enforced here (wasi:http does not tell the
//!   component the client's address, and buckets would not outlive the
//!   request): rate-limit at the platform in front of the component.
//! - **Panics abort the instance** (`panic = "abort"` on wasm): the runtime
//!   answers that one request with a 500 and the next request gets a new
//!   instance.
//!
//! ```ignore
//! // src/main.rs of an app that also runs natively
//! #[cfg(target_os = "wasi")]
//! resuma::wasi_http_component!(my_app::app());
//! ```

use std::sync::OnceLock;

use axum::Router;

use crate::app::App;
use crate::serve_error::ServeError;

/// The router of this instance, built on its first request. An instance that
/// serves several requests (a runtime may reuse one) builds it once.
static ROUTER: OnceLock<Result<Router, String>> = OnceLock::new();

/// Export `wasi:http/incoming-handler` from this component, serving the
/// [`App`] that `$app` builds: an expression of type `App` or
/// `Result<App, ServeError>`, evaluated once per instance (an `Err` answers
/// every request with a 500 and logs the one-line reason).
///
/// Use it once, at the crate root of a `wasm32-wasip2` binary; it also
/// defines the `fn main` that a binary needs (never called: a wasi:http
/// component is entered through its handler).
#[macro_export]
macro_rules! wasi_http_component {
    ($app:expr) => {
        struct __ResumaHttpComponent;

        impl $crate::wasi::__private::Guest for __ResumaHttpComponent {
            fn handle(
                request: $crate::wasi::__private::IncomingRequest,
                response_out: $crate::wasi::__private::ResponseOutparam,
            ) {
                $crate::wasi::__private::handle(|| $app, request, response_out)
            }
        }

        $crate::wasi::__private::wasip2::http::proxy::export!(
            __ResumaHttpComponent with_types_in $crate::wasi::__private::wasip2
        );

        fn main() {
            unreachable!("a wasi:http component is entered through wasi:http/incoming-handler, not main")
        }
    };
}

/// What [`wasi_http_component!`] expands to. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use wstd::__internal::wasip2;
    pub use wstd::__internal::wasip2::exports::http::incoming_handler::Guest;
    pub use wstd::__internal::wasip2::http::types::{IncomingRequest, ResponseOutparam};

    use super::*;

    /// Serve one request: build the router on the instance's first request,
    /// hand the request to it, write its response.
    pub fn handle<A: IntoApp>(
        app: impl FnOnce() -> A,
        request: IncomingRequest,
        out: ResponseOutparam,
    ) {
        let responder = wstd::http::server::Responder::new(out);
        wstd::runtime::block_on(async move {
            let request = match wstd::http::request::try_from_incoming(request) {
                Ok(request) => request,
                Err(err) => return responder.fail(err),
            };
            let router = ROUTER.get_or_init(|| {
                crate::logging::init_tracing();
                app()
                    .into_app()
                    .and_then(App::try_into_router)
                    .map_err(|err| err.to_string())
            });
            let response = match router {
                Ok(router) => match wstd_axum::serve(request, router.clone()).await {
                    Ok(response) => response,
                    Err(err) => return responder.fail(err),
                },
                // The same one line a native server prints when it cannot
                // start; here every request answers with it, since there is
                // no start-up to fail.
                Err(message) => {
                    tracing::error!("{message}");
                    not_started()
                }
            };
            if let Err(err) = responder.respond(response).await {
                tracing::error!("cannot send the response: {err}");
            }
        })
    }

    /// What [`wasi_http_component!`] accepts: an app, or the result of
    /// building one.
    pub trait IntoApp {
        fn into_app(self) -> Result<App, ServeError>;
    }

    impl IntoApp for App {
        fn into_app(self) -> Result<App, ServeError> {
            Ok(self)
        }
    }

    impl IntoApp for Result<App, ServeError> {
        fn into_app(self) -> Result<App, ServeError> {
            self
        }
    }

    /// A 500 for an app whose configuration is wrong (the reason is logged).
    fn not_started() -> wstd::http::Response<wstd::http::Body> {
        let mut response = wstd::http::Response::new(wstd::http::Body::from(
            "Internal Server Error: the app cannot start (see the server log)",
        ));
        *response.status_mut() = axum::http::StatusCode::INTERNAL_SERVER_ERROR;
        response
    }
}
