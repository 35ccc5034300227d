//! The session layer wrapped around the whole app: it finds (or starts) the
//! visitor's session, makes the CSRF token available to the page render
//! (`<meta name="resuma-csrf">`, [`csrf_field`](super::csrf_field)), and
//! sets the session cookie on the HTML page that started the session.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use super::csrf;
use super::shared::Shared;

tokio::task_local! {
    /// The session id of the page being served (a server function's is in
    /// its request context, crate::context).
    pub(crate) static CURRENT_SESSION: Option<String>;
}

/// The id of the visitor's session (32 hex digits) while a page renders or a
/// server function runs, when the request carries a valid session cookie
/// (pages always have one: the layer starts a session if needed). It is
/// stable across requests and replicas, so an app can key per-visitor data
/// by it; it is not a login.
pub fn session_id() -> Option<String> {
    crate::context::call_session()
        .or_else(|| CURRENT_SESSION.try_with(Clone::clone).ok().flatten())
}

pub(crate) async fn session_layer(
    State(shared): State<Arc<Shared>>,
    req: Request,
    next: Next,
) -> Response {
    // Assets and actions need no session from here: actions check theirs
    // themselves, and immutable assets must never carry a cookie.
    if req.uri().path().starts_with("/_resuma/") {
        return next.run(req).await;
    }
    let (sid, new_cookie) = match shared.session_of(req.headers()) {
        Some(sid) => (sid, None),
        None => {
            let (sid, cookie) = shared.secret.new_session();
            (sid, Some(cookie))
        }
    };
    let token = shared.secret.token(&sid);
    let mut response = CURRENT_SESSION
        .scope(Some(sid), csrf::CURRENT_TOKEN.scope(token, next.run(req)))
        .await;
    let h = response.headers_mut();
    let is_html = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if let (Some(cookie), true) = (new_cookie, is_html) {
        if let Ok(value) = HeaderValue::from_str(&csrf::set_cookie(&cookie, shared.https())) {
            h.append(header::SET_COOKIE, value);
        }
    }
    response
}
