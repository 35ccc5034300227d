//! Plain HTML form posts that fail: instead of the action's JSON error, the
//! page the form was on is rendered again (through the app's own router),
//! with [`FAILURE`] set so that `<Form>`, `<FieldError>` and
//! [`submitted_value`](super::submitted_value) show the error and what the
//! user typed (protocol.md §13).

use std::cell::Cell;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;

use super::field_of;
use crate::server_fn::{ServerFnError, DEFAULT_PREFIX};

/// A failed form post being rendered again.
pub(super) struct Failure {
    /// The `_form` field: which form failed.
    pub(super) form: String,
    /// The path of the page rendered again.
    pub(super) back: String,
    pub(super) error: ServerFnError,
    pub(super) field: Option<String>,
    /// The submitted fields, without Resuma's own (`_csrf`, `_form`).
    pub(super) values: Vec<(String, String)>,
    /// Whether a `<FieldError>` showed the error (else the form does).
    pub(super) slot_shown: Cell<bool>,
}

tokio::task_local! {
    pub(super) static FAILURE: Failure;
}

/// Largest form body kept for rendering the page again.
const MAX_FORM_BODY: usize = 1 << 20;

/// Wrap the app's router so that a plain HTML form post (a navigation) that
/// fails gets the page it came from rendered again, with the error and the
/// submitted values, instead of the action's JSON error.
pub(crate) fn rerender_failed_posts(router: Router) -> Router {
    let pages = router.clone();
    router.layer(axum::middleware::from_fn_with_state(pages, rerender_on_failure))
}

/// A plain HTML form post from a page of this same site. Cross-site posts
/// are left alone: the action endpoint refuses them with its JSON error, and
/// no page of ours is rendered for another site's form.
fn is_form_navigation(req: &Request) -> bool {
    let text = |name| req.headers().get(name).and_then(|v: &HeaderValue| v.to_str().ok()).unwrap_or("");
    let site = text(header::HeaderName::from_static("sec-fetch-site"));
    let same_origin = text(header::ORIGIN)
        .parse::<axum::http::Uri>()
        .ok()
        .and_then(|origin| origin.authority().map(|a| a.as_str().eq_ignore_ascii_case(text(header::HOST))))
        .unwrap_or(false);
    req.method() == Method::POST
        && req.uri().path().starts_with(DEFAULT_PREFIX)
        && text(header::CONTENT_TYPE).starts_with("application/x-www-form-urlencoded")
        && (text(header::HeaderName::from_static("sec-fetch-mode")) == "navigate" || text(header::ACCEPT).starts_with("text/html"))
        && same_origin
        && (site.is_empty() || site == "same-origin")
}

async fn rerender_on_failure(State(pages): State<Router>, req: Request, next: Next) -> Response {
    if !is_form_navigation(&req) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BODY).await else {
        let error = ServerFnError::custom("payload_too_large", 413, format!("a form body may be at most {MAX_FORM_BODY} bytes"));
        return (StatusCode::PAYLOAD_TOO_LARGE, error.to_json()).into_response();
    };
    let headers = parts.headers.clone();
    let mut form = String::new();
    let mut back = None;
    let mut values = Vec::new();
    for (k, v) in form_urlencoded::parse(&bytes) {
        match &*k {
            "_form" => form = v.into_owned(),
            "_back" => back = Some(v.into_owned()).filter(|p| is_page_path(p)),
            _ if k.starts_with('_') => {}
            _ => values.push((k.into_owned(), v.into_owned())),
        }
    }
    let mut response = next.run(Request::from_parts(parts, Body::from(bytes.clone()))).await;
    let status = response.status();
    if let (true, Some(back)) = (status.is_redirection(), &back) {
        // Posted from a page that was itself rendered after a failed post:
        // its Referer is the action's URL, so go back to the page instead.
        if let Ok(location) = HeaderValue::from_str(back) {
            response.headers_mut().insert(header::LOCATION, location);
        }
    }
    let is_json = response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || !is_json {
        return response;
    }
    let Ok(error_body) = axum::body::to_bytes(response.into_body(), 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let error = ServerFnError::from_json(status.as_u16(), &error_body);
    let back = back.unwrap_or_else(|| back_path(&headers));
    let failure = Failure { form, back: back.clone(), field: field_of(&error), error, values, slot_shown: Cell::new(false) };
    let mut page = Request::builder().method(Method::GET).uri(back);
    for name in [header::COOKIE, header::HOST, header::ACCEPT_LANGUAGE, header::USER_AGENT] {
        for value in headers.get_all(&name) {
            page = page.header(&name, value);
        }
    }
    let Ok(page) = page.header(header::ACCEPT, "text/html").body(Body::empty()) else {
        return error_response(&failure.error);
    };
    let mut service = pages;
    let rendered = FAILURE.scope(failure, tower_service::Service::call(&mut service, page)).await;
    let Ok(mut rendered) = rendered;
    let is_html = rendered.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if rendered.status() != StatusCode::OK || !is_html {
        return error_response(&ServerFnError::from_json(status.as_u16(), &error_body));
    }
    // The page shows the refusal; its status says so too.
    *rendered.status_mut() = status;
    rendered.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    rendered
}

fn error_response(error: &ServerFnError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, error.to_json()).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The path (and query) of the page the form was posted from, when the
/// Referer names this host; else `/`. Only ever used to render a page of
/// this app, never as a redirect.
fn back_path(headers: &axum::http::HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let referer = headers.get(header::REFERER).and_then(|v| v.to_str().ok()).unwrap_or("");
    let Ok(uri) = referer.parse::<axum::http::Uri>() else { return "/".into() };
    let same_host = uri.authority().is_some_and(|a| a.as_str().eq_ignore_ascii_case(host));
    match uri.path_and_query() {
        Some(p) if same_host && is_page_path(p.as_str()) => p.as_str().to_owned(),
        _ => "/".into(),
    }
}

/// A path of this site that can be a page: absolute, not protocol-relative,
/// not one of Resuma's own URLs.
fn is_page_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/_resuma/") && !path.contains('\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_origin_form_navigations_are_rendered_again() {
        let post = |origin: &str, site: &str| {
            let mut req = Request::builder()
                .method(Method::POST)
                .uri("/_resuma/action/add")
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-mode", "navigate")
                .header(header::ORIGIN, origin);
            if !site.is_empty() {
                req = req.header("sec-fetch-site", site);
            }
            is_form_navigation(&req.body(Body::empty()).unwrap())
        };
        assert!(post("http://127.0.0.1:3000", "same-origin"));
        assert!(post("http://127.0.0.1:3000", ""));
        assert!(!post("http://localhost:3000", "same-site"), "another origin gets the JSON refusal");
        assert!(!post("null", "cross-site"));
    }

    #[test]
    fn back_path_stays_on_this_site() {
        let mut h = axum::http::HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3000"));
        h.insert(header::REFERER, HeaderValue::from_static("http://127.0.0.1:3000/active?x=1"));
        assert_eq!(back_path(&h), "/active?x=1");
        h.insert(header::REFERER, HeaderValue::from_static("http://evil.example/x"));
        assert_eq!(back_path(&h), "/");
        h.insert(header::REFERER, HeaderValue::from_static("http://127.0.0.1:3000/_resuma/action/add"));
        assert_eq!(back_path(&h), "/", "an action's URL is not a page");
        h.remove(header::REFERER);
        assert_eq!(back_path(&h), "/");
        assert!(!is_page_path("//evil.example/") && !is_page_path("http://x/") && is_page_path("/done"));
    }
}
