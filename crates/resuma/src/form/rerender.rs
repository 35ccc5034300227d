//! Plain HTML form posts that fail: instead of the action's JSON error, the
//! page the form was on is rendered again (through the app's own router),
//! with [`FAILURE`] set so that `<Form>`, `<FieldError>` and
//! [`submitted_value`](super::submitted_value) show the error and what the
//! user typed (protocol.md §13).

use std::cell::Cell;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::field_of;
use crate::middleware::Pages;
use crate::server_fn::shared::Shared;
use crate::server_fn::site::{is_form_navigation, Site};
use crate::server_fn::{FailedFormPost, ServerFnError, DEFAULT_PREFIX};

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

/// A plain HTML form post to a server function from a page of this same
/// site. Cross-site posts are left alone: the action endpoint refuses them
/// with its JSON error, and no page of ours is rendered for another site's
/// form.
fn is_own_form_post(site: &Site, req: &Request) -> bool {
    req.method() == Method::POST
        && req.uri().path().starts_with(DEFAULT_PREFIX)
        && is_form_navigation(req.headers())
        && site.check_origin(req.headers()).is_ok()
}

/// The layer (crate::middleware) by which a plain HTML form post (a
/// navigation) that fails gets the page it came from rendered again, with
/// the error and the submitted values, instead of the action's JSON error.
/// `pages` is the app inside this layer, called for that page.
pub(crate) async fn rerender_on_failure(
    State((pages, shared)): State<(Arc<Pages>, Arc<Shared>)>,
    req: Request,
    next: Next,
) -> Response {
    if !is_own_form_post(&shared.site, &req) {
        return next.run(req).await;
    }
    let headers = req.headers().clone();
    // The endpoint reads (and limits) the body; only a post that passed its
    // defences and then failed comes back with the fields attached.
    let response = next.run(req).await;
    let Some(FailedFormPost { body, error }) =
        response.extensions().get::<FailedFormPost>().cloned()
    else {
        return response;
    };
    let status = error.status();
    let mut form = String::new();
    let mut back = None;
    let mut values = Vec::new();
    for (k, v) in form_urlencoded::parse(&body) {
        match &*k {
            "_form" => form = v.into_owned(),
            "_back" => back = Some(v.into_owned()),
            _ if k.starts_with('_') => {}
            _ => values.push((k.into_owned(), v.into_owned())),
        }
    }
    let back = shared.site.back_path(&headers, back.as_deref());
    let failure = Failure {
        form,
        back: back.clone(),
        field: field_of(&error),
        error,
        values,
        slot_shown: Cell::new(false),
    };
    let mut page = Request::builder().method(Method::GET).uri(back);
    for name in [
        header::COOKIE,
        header::HOST,
        header::ACCEPT_LANGUAGE,
        header::USER_AGENT,
    ] {
        for value in headers.get_all(&name) {
            page = page.header(&name, value);
        }
    }
    let Ok(page) = page.header(header::ACCEPT, "text/html").body(Body::empty()) else {
        return failure.error.into_response();
    };
    let mut service = Pages::clone(&pages);
    let rendered = FAILURE
        .scope(failure, tower_service::Service::call(&mut service, page))
        .await;
    let Ok(mut rendered) = rendered;
    let is_html = rendered
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if rendered.status() != StatusCode::OK || !is_html {
        return response;
    }
    // The page shows the refusal; its status says so too.
    *rendered.status_mut() = status;
    rendered
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    rendered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_origin_form_navigations_are_rendered_again() {
        let site = Site::new(&[], &[], false, false).unwrap();
        let post = |origin: &str, site_header: &str| {
            let mut req = Request::builder()
                .method(Method::POST)
                .uri("/_resuma/action/add")
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-mode", "navigate")
                .header(header::ORIGIN, origin);
            if !site_header.is_empty() {
                req = req.header("sec-fetch-site", site_header);
            }
            is_own_form_post(&site, &req.body(Body::empty()).unwrap())
        };
        assert!(post("http://127.0.0.1:3000", "same-origin"));
        assert!(post("http://127.0.0.1:3000", ""));
        assert!(
            !post("http://localhost:3000", "same-site"),
            "another origin gets the JSON refusal"
        );
        assert!(!post("null", "cross-site"));
    }
}
