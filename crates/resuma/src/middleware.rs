//! The layers every request of an app passes through, applied once around
//! the whole router.
//!
//! Why not `Router::layer`: it wraps each route separately, in a boxed
//! service per layer, and each request clones the boxes of its route — with
//! Resuma's layers that was about 70 allocations per request, before any
//! work was done. Here the layers form one stack of plain structs around
//! the finished router, so a request clones a few `Arc`s instead.
//!
//! From the outside in:
//! 1. a panic in any route (`App::route` included) is a 500, and the
//!    server keeps serving;
//! 2. the default security headers ([`security_headers::defaults`]);
//! 3. the host guard: a request for a host that is not ours is refused
//!    before anything else runs (crate::server_fn::hosts);
//! 4. a plain HTML form post that fails gets its page rendered again
//!    (crate::form), by calling the router *inside* this layer;
//! 5. the session layer: finds or starts the visitor's session, so that a
//!    page can render its CSRF token (crate::server_fn::session).

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::Request;
use axum::middleware::from_fn_with_state;
use axum::response::Response;
use axum::Router;
use tower::util::BoxCloneSyncService;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;

use crate::security_headers;
use crate::server_fn::shared::Shared;

/// What the form layer calls to render a page again: the router with its
/// session layer, as a page request from the browser would meet it.
pub(crate) type Pages = BoxCloneSyncService<Request, Response, Infallible>;

/// Wrap the app's finished `router` (every page, asset and server-function
/// route) in the layers above.
pub(crate) fn around(router: Router, shared: Arc<Shared>) -> Router {
    let https = shared.https();
    // `with_state` turns every handler into its final route once, here,
    // instead of on each request that a bare `Router` would be called with.
    let with_sessions = ServiceBuilder::new()
        .layer(from_fn_with_state(
            shared.clone(),
            crate::server_fn::session::session_layer,
        ))
        .service(router.with_state(()));
    let pages: Arc<Pages> = Arc::new(BoxCloneSyncService::new(with_sessions.clone()));
    let stack = ServiceBuilder::new()
        .layer(CatchPanicLayer::custom(crate::app::route_panicked))
        .map_response(move |mut response: Response| {
            security_headers::defaults(response.headers_mut(), https);
            response
        })
        .layer(from_fn_with_state(
            shared.clone(),
            crate::server_fn::hosts::host_guard,
        ))
        .layer(from_fn_with_state(
            (pages, shared),
            crate::form::rerender_on_failure,
        ))
        .service(with_sessions);
    // Every path goes to the stack, so that the app's router (and its own
    // 404) answers all of them. A fallback, not a `/{*path}` route: a route
    // would add its path parameter to those the inner routes extract.
    Router::new().fallback_service(stack)
}
