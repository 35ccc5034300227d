//! The session layer wrapped around the whole app: it finds (or starts) the
//! visitor's session, makes the CSRF token available to the page render
//! (`<meta name="resuma-csrf">`, [`csrf_field`](super::csrf_field)), sets
//! the session cookie on the HTML page that started the session, and adds
//! strict security headers to every response.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use super::csrf;
use super::handler::Shared;

tokio::task_local! {
    /// The session id of the request being served.
    pub(crate) static CURRENT_SESSION: Option<String>;
}

/// The id of the visitor's session (32 hex digits) while a page renders or a
/// server function runs, when the request carries a valid session cookie
/// (pages always have one: the layer starts a session if needed). It is
/// stable across requests and replicas, so an app can key per-visitor data
/// by it; it is not a login.
pub fn session_id() -> Option<String> {
    CURRENT_SESSION.try_with(Clone::clone).ok().flatten()
}

pub(crate) async fn session_layer(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    // Assets and actions need no session from here: actions check theirs
    // themselves, and immutable assets must never carry a cookie.
    if req.uri().path().starts_with("/_resuma/") {
        let mut response = next.run(req).await;
        headers_for_all(response.headers_mut(), shared.https);
        return response;
    }
    let name = csrf::cookie_name(shared.https);
    let existing = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| csrf::cookie_value(h, name))
        .and_then(|v| shared.secret.open_session(v));
    let (sid, new_cookie) = match existing {
        Some(sid) => (sid, None),
        None => {
            let (sid, cookie) = shared.secret.new_session();
            (sid, Some(cookie))
        }
    };
    let token = shared.secret.token(&sid);
    let mut response = CURRENT_SESSION.scope(Some(sid), csrf::CURRENT_TOKEN.scope(token, next.run(req))).await;
    let h = response.headers_mut();
    let is_html = h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"));
    if let (Some(cookie), true) = (new_cookie, is_html) {
        if let Ok(value) = HeaderValue::from_str(&csrf::set_cookie(&cookie, shared.https)) {
            h.append(header::SET_COOKIE, value);
        }
    }
    headers_for_all(h, shared.https);
    response
}

/// Security headers for every response, added only where the route did not
/// set its own.
fn headers_for_all(h: &mut HeaderMap, https: bool) {
    let defaults = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
    ];
    for (name, value) in defaults {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    }
    if https && !h.contains_key(header::STRICT_TRANSPORT_SECURITY) {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    }
}
