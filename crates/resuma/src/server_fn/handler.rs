//! The action endpoint: every request to a server function goes through
//! [`dispatch`], which applies the defences in a fixed order and never lets a
//! client's input panic the server:
//!
//! 1. find the function (404 naming the fix);
//! 2. per-IP per-function rate limit (429 + `Retry-After`);
//! 3. method: `POST`, or `GET` when the function opted in (405);
//! 4. for `POST`: Origin check (403), content type (415), body size (413),
//!    CSRF token bound to the session cookie (403);
//! 5. decode the arguments (400 malformed / 422 wrong type, naming the
//!    argument), run the function inside `catch_unwind` (a panic is a 500),
//!    encode the result.
//!
//! Every refusal is a JSON error (protocol.md §8) and every response carries
//! strict security headers.

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use futures_util::FutureExt as _;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::config::{Rate, Security};
use super::csrf::{self, Secret};
use super::error::ServerFnError;
use super::origin::{self, Origin};
use super::rate_limit::RateLimiter;
use super::registry::{Descriptor, Entry, Table};
use super::wire::{self, Input, Output};
use super::DEFAULT_PREFIX;

/// One decoded-enough request, handed to the generated code.
pub struct Call {
    input: Input,
    body: Bytes,
    output: Output,
}

/// What the generated code returns: the encoded result, or an error.
pub type Reply = Pin<Box<dyn Future<Output = Result<(Vec<u8>, Output), ServerFnError>> + Send>>;

/// Decode `A` from `call`, run `f`, encode its result. `#[server]` generates
/// one call to this per function.
pub fn run<A, T, F, Fut>(call: Call, params: &'static [&'static str], f: F) -> Reply
where
    A: DeserializeOwned + Send + 'static,
    F: FnOnce(A) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, ServerFnError>> + Send + 'static,
    T: Serialize,
{
    Box::pin(async move {
        let args: A = wire::decode(call.input, &call.body, params)?;
        let value = f(args).await?;
        Ok((wire::encode(call.output, &value)?, call.output))
    })
}

/// What every request of the app shares: the secret and the checked
/// configuration.
pub(crate) struct Shared {
    pub(crate) table: Table,
    pub(crate) secret: Secret,
    pub(crate) https: bool,
    allowed: Vec<Origin>,
    default_rate: Option<Rate>,
    max_body: usize,
    trust_forwarded_for: bool,
    limiter: RateLimiter,
}

/// Check the functions and the security settings, mount the action routes
/// on `router` and wrap it in the session layer. A configuration error (two
/// functions with one path, a short secret) is a start-up error: it panics
/// here, before the server accepts a connection, with a message saying what
/// to fix.
pub(crate) fn mount(router: Router, explicit: &[&'static Descriptor], security: Security) -> Router {
    match try_mount(router, explicit, security) {
        Ok(router) => router,
        Err(message) => panic!("Resuma cannot start: {message}"),
    }
}

fn try_mount(mut router: Router, explicit: &[&'static Descriptor], security: Security) -> Result<Router, String> {
    let security = security.resolve_env();
    let table = Table::build(super::registry::registered().chain(explicit.iter().copied()))?;
    let allowed = security
        .allowed_origins
        .iter()
        .map(|o| Origin::parse(o).ok_or_else(|| format!("allowed origin {o:?} is not of the form scheme://host[:port]")))
        .collect::<Result<Vec<_>, _>>()?;
    let shared = Arc::new(Shared {
        secret: Secret::resolve(security.secret.clone())?,
        https: security.https.unwrap_or(false),
        allowed,
        default_rate: security.rate_limit,
        max_body: security.max_body,
        trust_forwarded_for: security.trust_forwarded_for,
        limiter: RateLimiter::default(),
        table,
    });
    tracing::debug!(functions = ?shared.table.by_name.keys().collect::<Vec<_>>(), "server functions ready");
    // Functions outside the default prefix get a route of their own.
    for entry in shared.table.by_name.values() {
        let path = entry.desc.path;
        if !path.starts_with(&format!("{DEFAULT_PREFIX}/")) {
            let (shared, name) = (shared.clone(), entry.desc.name);
            router = router.route(path, any(move |req: Request| dispatch(shared.clone(), Some(name), req)));
        }
    }
    // `{*rest}` needs at least one character: the bare prefix (with or
    // without its slash) gets the same JSON 404 as an unknown name.
    for path in [format!("{DEFAULT_PREFIX}/{{*rest}}"), format!("{DEFAULT_PREFIX}/"), DEFAULT_PREFIX.to_owned()] {
        let shared = shared.clone();
        router = router.route(&path, any(move |req: Request| dispatch(shared.clone(), None, req)));
    }
    Ok(router.layer(axum::middleware::from_fn_with_state(shared, super::session::session_layer)))
}

/// Answer one action request. `name` is set for functions mounted at their
/// own path; otherwise the function is found from the URL.
async fn dispatch(shared: Arc<Shared>, name: Option<&'static str>, req: Request) -> Response {
    let mut response = match find(&shared, name, &req) {
        Ok(entry) => match serve(&shared, entry, req).await {
            Ok(response) => response,
            Err(error) => {
                log_error(entry.desc.name, &error);
                error_response(&error)
            }
        },
        Err(error) => error_response(&error),
    };
    secure_headers(response.headers_mut(), shared.https);
    response
}

fn find<'a>(shared: &'a Shared, name: Option<&'static str>, req: &Request) -> Result<&'a Entry, ServerFnError> {
    let path = req.uri().path();
    let name = match name {
        Some(name) => name,
        None => match shared.table.by_path.get(path) {
            Some(name) => name,
            None => path.strip_prefix(DEFAULT_PREFIX).unwrap_or(path).trim_start_matches('/'),
        },
    };
    shared.table.by_name.get(name).ok_or_else(|| {
        let shown: String = name.chars().take(100).collect();
        ServerFnError::custom(
            "not_found",
            404,
            format!(
                "no server function named `{shown}` is registered. Check the name; if the function exists, make sure \
                 the crate that defines it is linked into this server (use something from it), or register it \
                 explicitly with `App::new().register::<{shown}>()` (needed on targets without link-time \
                 registration, such as WASI)"
            ),
        )
    })
}

async fn serve(shared: &Shared, entry: &Entry, req: Request) -> Result<Response, ServerFnError> {
    let desc = entry.desc;
    let headers = req.headers();

    let rate = entry.rate.map(|r| r.or(shared.default_rate)).unwrap_or(None);
    if let Some(rate) = rate {
        let ip = client_ip(&req, shared.trust_forwarded_for);
        if let Err(wait) = shared.limiter.take(ip, desc.name, rate) {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let error = ServerFnError::custom(
                "rate_limited",
                429,
                format!("too many calls to `{}`: at most {} per {:?}; retry in {seconds} s", desc.name, rate.burst, rate.per),
            );
            log_error(desc.name, &error);
            let mut response = error_response(&error);
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
            return Ok(response);
        }
    }

    let session = session_id(shared, headers);
    let (input, body, negotiated) = match *req.method() {
        Method::GET if desc.encodings.get => {
            // Reads only: no Origin or CSRF check, so links and caches work.
            let negotiated = negotiate(shared, headers, desc, Input::Query);
            (Input::Query, Bytes::copy_from_slice(req.uri().query().unwrap_or("").as_bytes()), negotiated)
        }
        Method::POST => {
            origin::check(headers, &shared.allowed, shared.https)?;
            let input = content_input(headers, desc)?;
            let negotiated = negotiate(shared, headers, desc, input);
            let limit = desc.max_body.unwrap_or(shared.max_body);
            let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
            if declared.is_some_and(|n| n > limit as u64) {
                return Err(too_large(limit));
            }
            let token = headers.get(csrf::CSRF_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
            let body = read_body(req.into_body(), limit).await?;
            let token = token.or_else(|| (input == Input::Form).then(|| form_token(&body)).flatten());
            check_csrf(shared, session.as_deref(), token.as_deref())?;
            (input, body, negotiated)
        }
        _ => {
            let allow = if desc.encodings.get { "GET, POST" } else { "POST" };
            let error = ServerFnError::custom("method_not_allowed", 405, format!("`{}` accepts {allow} only", desc.name));
            let mut response = error_response(&error);
            response.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
            return Ok(response);
        }
    };
    // The function can ask for the caller's session (server_fn::session_id).
    super::session::CURRENT_SESSION.scope(session, run_function(desc, input, body, negotiated)).await
}

/// What the response looks like, decided from the request headers before the
/// body is read.
struct Negotiated {
    output: Output,
    /// For a plain HTML form post (a navigation): where to send the browser
    /// back to once the function succeeded (`303 See Other`).
    redirect: Option<String>,
}

fn negotiate(shared: &Shared, headers: &HeaderMap, desc: &Descriptor, input: Input) -> Negotiated {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("");
    let wants_cbor = text(header::ACCEPT).contains("application/cbor");
    let output = if desc.encodings.cbor && (input == Input::Cbor || wants_cbor) { Output::Cbor } else { Output::Json };
    let navigation = text(HeaderName::from_static("sec-fetch-mode")) == "navigate"
        || text(header::ACCEPT).starts_with("text/html");
    let redirect = (input == Input::Form && navigation).then(|| back_to(shared, headers));
    Negotiated { output, redirect }
}

/// The page a form was posted from (its path and query), if the Referer is
/// this site; else `/`. Never an absolute URL, so never an open redirect.
fn back_to(shared: &Shared, headers: &HeaderMap) -> String {
    let referer = headers.get(header::REFERER).and_then(|v| v.to_str().ok()).unwrap_or("");
    let ours = origin::same_site_url(headers, referer, &shared.allowed, shared.https);
    let path = referer.parse::<axum::http::Uri>().ok().and_then(|u| u.path_and_query().map(|p| p.as_str().to_owned()));
    match path {
        Some(p) if ours && p.starts_with('/') && !p.starts_with("//") => p,
        _ => "/".to_owned(),
    }
}

async fn run_function(
    desc: &'static Descriptor,
    input: Input,
    body: Bytes,
    negotiated: Negotiated,
) -> Result<Response, ServerFnError> {
    let call = Call { input, body, output: negotiated.output };
    // The generated code only builds a future, but catch a panic there too.
    let future = std::panic::catch_unwind(AssertUnwindSafe(|| (desc.call)(call))).map_err(panic_error)?;
    let (bytes, output) = AssertUnwindSafe(future).catch_unwind().await.map_err(panic_error)??;
    if let Some(location) = negotiated.redirect {
        let mut response = StatusCode::SEE_OTHER.into_response();
        if let Ok(value) = HeaderValue::from_str(&location) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Ok(response);
    }
    let mut response = Response::new(Body::from(bytes));
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(output.content_type()));
    let cache = desc.cache_control.and_then(|c| HeaderValue::from_str(c).ok());
    h.insert(header::CACHE_CONTROL, cache.unwrap_or(HeaderValue::from_static("no-store")));
    Ok(response)
}

fn panic_error(panic: Box<dyn std::any::Any + Send>) -> ServerFnError {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(non-string panic)");
    tracing::error!(%message, "a server function panicked");
    // The panic's text may hold internals: the client only learns it happened.
    ServerFnError::custom("panic", 500, "the server function failed unexpectedly (it panicked); see the server log")
}

fn content_input(headers: &HeaderMap, desc: &Descriptor) -> Result<Input, ServerFnError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("application/json");
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/json" | "" => Ok(Input::Json),
        "application/x-www-form-urlencoded" if desc.encodings.form => Ok(Input::Form),
        "application/cbor" if desc.encodings.cbor => Ok(Input::Cbor),
        _ => {
            let mut accepted = vec!["application/json"];
            if desc.encodings.form {
                accepted.push("application/x-www-form-urlencoded");
            }
            if desc.encodings.cbor {
                accepted.push("application/cbor");
            }
            Err(ServerFnError::custom(
                "unsupported_media_type",
                415,
                format!("`{}` does not accept {essence:?} bodies; send {}", desc.name, accepted.join(" or ")),
            ))
        }
    }
}

async fn read_body(body: Body, limit: usize) -> Result<Bytes, ServerFnError> {
    axum::body::to_bytes(body, limit).await.map_err(|err| {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&err);
        while let Some(e) = source {
            if e.is::<http_body_util::LengthLimitError>() {
                return too_large(limit);
            }
            source = e.source();
        }
        ServerFnError::custom("bad_request", 400, format!("the request body could not be read: {err}"))
    })
}

fn too_large(limit: usize) -> ServerFnError {
    ServerFnError::custom("payload_too_large", 413, format!("the request body is larger than the limit of {limit} bytes"))
}

fn form_token(body: &[u8]) -> Option<String> {
    form_urlencoded::parse(body).find(|(k, _)| k == csrf::CSRF_FIELD).map(|(_, v)| v.into_owned())
}

fn session_id(shared: &Shared, headers: &HeaderMap) -> Option<String> {
    let name = csrf::cookie_name(shared.https);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| csrf::cookie_value(h, name))
        .and_then(|v| shared.secret.open_session(v))
}

fn check_csrf(shared: &Shared, session: Option<&str>, token: Option<&str>) -> Result<(), ServerFnError> {
    let refuse = |m: &str| Err(ServerFnError::custom("csrf", 403, m));
    match (session, token) {
        (_, None) => refuse(
            "missing CSRF token: send the page's token (<meta name=\"resuma-csrf\">) in the x-resuma-csrf header, \
             or a `_csrf` field in a form (resuma::server_fn::csrf_field())",
        ),
        (None, Some(_)) => refuse("no valid session cookie: load a page of this site first (or reload it) to get one"),
        (Some(sid), Some(token)) if shared.secret.check_token(sid, token) => Ok(()),
        (Some(_), Some(_)) => refuse("the CSRF token does not belong to this session; reload the page"),
    }
}

fn client_ip(req: &Request, trust_forwarded_for: bool) -> IpAddr {
    if trust_forwarded_for {
        let last = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .last()
            .and_then(|ip| ip.trim().parse().ok());
        if let Some(ip) = last {
            return ip;
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

pub(crate) fn error_response(error: &ServerFnError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, error.to_json()).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn log_error(function: &str, error: &ServerFnError) {
    if error.status() >= 500 {
        tracing::error!(function, kind = %error.kind, status = error.status(), message = %error.message, "server function failed");
    } else {
        tracing::warn!(function, kind = %error.kind, status = error.status(), message = %error.message, "server function call refused");
    }
}

/// Headers every action response carries: nothing in it may be sniffed,
/// framed, or embedded by another site.
fn secure_headers(h: &mut HeaderMap, https: bool) {
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(HeaderName::from_static("cross-origin-resource-policy"), HeaderValue::from_static("same-origin"));
    if https {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    }
}
