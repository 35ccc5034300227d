//! Forms that work before any JavaScript has loaded, and without it
//! (protocol.md §13).
//!
//! [`Form`] renders a real `<form method="post">` that targets a server
//! function, with the CSRF field the action endpoint checks. Without
//! JavaScript the browser posts it: on success the server runs the function
//! and redirects back to the page (`303`); on failure it renders the page
//! again, with the submitted values ([`submitted_value`]) and the error next
//! to its field ([`FieldError`]). With JavaScript the loader intercepts the
//! submit, a small handler chunk (`runtime/forms.js`) posts the same fields
//! with `fetch`, puts the result into the form's `result` signals, and on
//! failure leaves the typed text alone and shows the error in place.
//!
//! ```
//! use resuma::prelude::*;
//!
//! #[server(encoding = "form")]
//! async fn subscribe(email: String) -> Result<usize, ServerFnError> {
//!     if !email.contains('@') {
//!         return Err(resuma::form::invalid_field("email", "an e-mail address has an @"));
//!     }
//!     Ok(1)
//! }
//!
//! #[component]
//! fn Subscribe() -> impl IntoView {
//!     let count = use_signal(0usize);
//!     view! {
//!         <Form action={subscribe {}} result={count} label="Subscribe">
//!             <label for="email">"E-mail"</label>
//!             <input id="email" name="email" value={resuma::form::submitted_value("email")}>
//!             <FieldError name="email" />
//!             <button>"Subscribe"</button>
//!         </Form>
//!         <p>{count} " subscribers"</p>
//!     }
//! }
//! # let html = resuma::render_to_string(|| view! { <Subscribe /> });
//! # assert!(html.contains(r#"<form method="post" action="/_resuma/action/subscribe""#), "{html}");
//! ```
//!
//! The function must accept form bodies: `#[server(encoding = "form")]`.

use std::cell::Cell;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::html::Html;
use crate::server_fn::{csrf_field, Descriptor, ServerFn, ServerFnError, DEFAULT_PREFIX};
use crate::signal::Signal;
use crate::view::{Children, IntoView};

/// The handler chunk every `<Form>` uses: `runtime/forms.js`, minified by
/// `npm run build` into `assets/forms.js`. Its name is its content hash
/// (protocol.md §4); the `chunk_name_is_the_content_hash` test below fails
/// with the right name when the file changes.
const CHUNK_NAME: &str = "hcb630572d6a6";
const CHUNK_SOURCE: &str = include_str!("../assets/forms.js");

inventory::submit! { crate::chunk::ChunkSource { name: CHUNK_NAME, source: CHUNK_SOURCE } }

/// What `<Form action={...}>` accepts: a server function's marker type
/// (`add_todo {}`: `#[server]` generates a unit struct with the function's
/// name) or its [`Descriptor`].
pub trait FormAction {
    /// The function's descriptor (its name and URL).
    fn descriptor(&self) -> &'static Descriptor;
}

impl<F: ServerFn> FormAction for F {
    fn descriptor(&self) -> &'static Descriptor {
        F::DESCRIPTOR
    }
}

impl FormAction for &'static Descriptor {
    fn descriptor(&self) -> &'static Descriptor {
        self
    }
}

/// Where a `<Form>` puts a successful result in the browser: one signal
/// (set to the result), or a tuple of signals (the function returns a tuple
/// and each signal gets its element).
pub trait FormResult {
    /// The signals' ids, in order.
    fn ids(&self) -> Vec<u32>;
}

impl<T: 'static> FormResult for Signal<T> {
    fn ids(&self) -> Vec<u32> {
        vec![self.id()]
    }
}

impl<A: 'static, B: 'static> FormResult for (Signal<A>, Signal<B>) {
    fn ids(&self) -> Vec<u32> {
        vec![self.0.id(), self.1.id()]
    }
}

impl<A: 'static, B: 'static, C: 'static> FormResult for (Signal<A>, Signal<B>, Signal<C>) {
    fn ids(&self) -> Vec<u32> {
        vec![self.0.id(), self.1.id(), self.2.id()]
    }
}

/// Props of [`Form`]; `view!` builds them from `<Form action={..} ...>`.
pub struct FormProps {
    action: &'static Descriptor,
    result: Vec<u32>,
    id: Option<&'static str>,
    class: Option<&'static str>,
    label: Option<&'static str>,
    children: Children,
}

/// A required prop not given yet (the builder's type state).
#[doc(hidden)]
pub struct NoAction;

/// Builder of [`FormProps`]; `build()` compiles once `action` is set.
pub struct FormPropsBuilder<A> {
    action: A,
    result: Vec<u32>,
    id: Option<&'static str>,
    class: Option<&'static str>,
    label: Option<&'static str>,
    children: Children,
}

impl FormProps {
    /// Start building the props.
    pub fn builder() -> FormPropsBuilder<NoAction> {
        FormPropsBuilder { action: NoAction, result: Vec::new(), id: None, class: None, label: None, children: Children::default() }
    }
}

impl<A> FormPropsBuilder<A> {
    /// The server function the form posts to (required).
    pub fn action(self, action: impl FormAction) -> FormPropsBuilder<&'static Descriptor> {
        let FormPropsBuilder { result, id, class, label, children, .. } = self;
        FormPropsBuilder { action: action.descriptor(), result, id, class, label, children }
    }

    /// The signal(s) a successful result goes into, in the browser.
    pub fn result(mut self, result: impl FormResult) -> Self {
        self.result = result.ids();
        self
    }

    /// The form's `id` (other elements join it with `form="ID"`). It also
    /// names the form when the page is rendered again after a failed post.
    pub fn id(mut self, id: &'static str) -> Self {
        self.id = Some(id);
        self
    }

    /// The form's `class`.
    pub fn class(mut self, class: &'static str) -> Self {
        self.class = Some(class);
        self
    }

    /// An accessible name (`aria-label`).
    pub fn label(mut self, label: &'static str) -> Self {
        self.label = Some(label);
        self
    }

    /// The form's content.
    pub fn children(mut self, children: Children) -> Self {
        self.children = children;
        self
    }
}

impl FormPropsBuilder<&'static Descriptor> {
    /// Finish the props.
    pub fn build(self) -> FormProps {
        let FormPropsBuilder { action, result, id, class, label, children } = self;
        FormProps { action, result, id, class, label, children }
    }
}

/// A form posting to a server function, with or without JavaScript (see
/// the [module docs](self)). Props: `action` (required), `result`, `id`,
/// `class`, `label`.
#[allow(non_snake_case)]
pub fn Form(props: FormProps) -> impl IntoView {
    FormView(props)
}

/// The view [`Form`] returns.
pub struct FormView(FormProps);

impl IntoView for FormView {
    fn render(self, out: &mut Html) {
        let FormProps { action, result, id, class, label, children } = self.0;
        let key = id.unwrap_or(action.name);
        out.raw("<form method=\"post\"");
        out.attr("action", &action.path);
        if let Some(id) = id {
            out.attr("id", &id);
        }
        if let Some(class) = class {
            out.attr("class", &class);
        }
        if let Some(label) = label {
            out.attr("aria-label", &label);
        }
        out.handler("submit", CHUNK_NAME, "h0", &result);
        out.raw(" data-r-prevent:submit>");
        csrf_field().render(out);
        out.raw("<input type=\"hidden\" name=\"_form\"");
        out.attr("value", &key);
        out.raw(">");
        // A page rendered again after a failed post has the action's URL in
        // the address bar: remember the real page, for the next post's
        // redirect or re-render.
        if let Ok(back) = FAILURE.try_with(|f| f.back.clone()) {
            out.raw("<input type=\"hidden\" name=\"_back\"");
            out.attr("value", &back);
            out.raw(">");
        }
        children.render(out);
        // Errors that belong to no field (or to a field without a
        // `<FieldError>`) are shown here.
        let general = FAILURE
            .try_with(|f| {
                let mine = f.form == key;
                (mine && !f.slot_shown.get()).then(|| f.error.message.clone())
            })
            .ok()
            .flatten();
        out.raw("<p class=\"form-error\" role=\"alert\" data-r-form-error>");
        out.text(general.as_deref().unwrap_or(""));
        out.raw("</p></form>");
    }
}

/// Props of [`FieldError`].
pub struct FieldErrorProps {
    name: &'static str,
}

/// Builder of [`FieldErrorProps`].
pub struct FieldErrorPropsBuilder<N>(N);

impl FieldErrorProps {
    /// Start building the props.
    pub fn builder() -> FieldErrorPropsBuilder<NoAction> {
        FieldErrorPropsBuilder(NoAction)
    }
}

impl<N> FieldErrorPropsBuilder<N> {
    /// The field's `name` (required).
    pub fn name(self, name: &'static str) -> FieldErrorPropsBuilder<&'static str> {
        FieldErrorPropsBuilder(name)
    }
}

impl FieldErrorPropsBuilder<&'static str> {
    /// Finish the props.
    pub fn build(self) -> FieldErrorProps {
        FieldErrorProps { name: self.0 }
    }
}

/// Where the error of field `name` is shown, inside a [`Form`]:
/// `<p class="field-error" id="NAME-error" data-r-field-error="NAME">`.
/// Point the input's `aria-describedby` at `NAME-error`.
#[allow(non_snake_case)]
pub fn FieldError(props: FieldErrorProps) -> impl IntoView {
    FieldErrorView(props.name)
}

/// The view [`FieldError`] returns.
pub struct FieldErrorView(&'static str);

impl IntoView for FieldErrorView {
    fn render(self, out: &mut Html) {
        let name = self.0;
        let message = FAILURE
            .try_with(|f| {
                (f.field.as_deref() == Some(name)).then(|| {
                    f.slot_shown.set(true);
                    f.error.message.clone()
                })
            })
            .ok()
            .flatten();
        out.raw("<p class=\"field-error\"");
        out.attr("id", &format_args!("{name}-error"));
        out.attr("data-r-field-error", &name);
        out.raw(">");
        out.text(message.as_deref().unwrap_or(""));
        out.raw("</p>");
    }
}

/// A validation error for form field `field`: status 422, kind
/// `invalid:FIELD`. A `<Form>` shows `message` in that field's
/// [`FieldError`] and marks the input `aria-invalid`.
pub fn invalid_field(field: &str, message: impl Into<String>) -> ServerFnError {
    ServerFnError::custom(format!("invalid:{field}"), 422, message)
}

/// The field an error is about: `invalid:FIELD` errors, and the endpoint's
/// own "argument `FIELD`: …" decoding errors. `runtime/forms.js` does the same.
fn field_of(error: &ServerFnError) -> Option<String> {
    if let Some(field) = error.kind.strip_prefix("invalid:") {
        return Some(field.to_owned());
    }
    if error.kind == "invalid_argument" {
        let rest = error.message.strip_prefix("argument `")?;
        let end = rest.find(['`', '.', '['])?;
        return Some(rest[..end].to_owned());
    }
    None
}

/// While a page is rendered again after a failed post without JavaScript:
/// the value the user submitted in field `name`, so the form keeps it. `None`
/// otherwise (then an input's `value={...}` renders no attribute).
pub fn submitted_value(name: &str) -> Option<String> {
    FAILURE.try_with(|f| f.values.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())).ok().flatten()
}

/// Whether the page is being rendered again because field `name` was
/// refused (for `aria-invalid={resuma::form::field_failed("title")}`).
pub fn field_failed(name: &str) -> bool {
    FAILURE.try_with(|f| f.field.as_deref() == Some(name)).unwrap_or(false)
}

/// A failed form post being rendered again.
struct Failure {
    /// The `_form` field: which form failed.
    form: String,
    /// The path of the page rendered again.
    back: String,
    error: ServerFnError,
    field: Option<String>,
    /// The submitted fields, without Resuma's own (`_csrf`, `_form`).
    values: Vec<(String, String)>,
    /// Whether a `<FieldError>` showed the error (else the form does).
    slot_shown: Cell<bool>,
}

tokio::task_local! {
    static FAILURE: Failure;
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
    fn chunk_name_is_the_content_hash() {
        let expected = format!("h{}", crate::assets::content_hash(CHUNK_SOURCE.as_bytes()));
        assert_eq!(CHUNK_NAME, expected, "assets/forms.js changed: set CHUNK_NAME in form.rs to {expected}");
    }

    #[test]
    fn errors_name_their_field() {
        assert_eq!(field_of(&invalid_field("title", "too long")).as_deref(), Some("title"));
        let e = ServerFnError::custom("invalid_argument", 422, "argument `id`: invalid digit");
        assert_eq!(field_of(&e).as_deref(), Some("id"));
        assert_eq!(field_of(&ServerFnError::new("down")), None);
    }

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
