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

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use futures_util::FutureExt as _;

use super::call::Call;
use super::csrf;
use super::error::ServerFnError;
use super::rate_limit::client_address;
use super::registry::{Descriptor, Entry};
use super::shared::Shared;
use super::site::is_form_navigation;
use super::wire::{Input, Output};
use super::DEFAULT_PREFIX;

/// Mount the action routes on `router` (the session layer goes around the
/// whole app, crate::middleware).
pub(crate) fn mount(mut router: Router, shared: Arc<Shared>) -> Router {
    tracing::debug!(functions = ?shared.table.by_name.keys().collect::<Vec<_>>(), "server functions ready");
    // Every function gets a route of its own path, so that the router finds
    // it by itself: no catch-all parameter to extract, no table lookup.
    let mut routed = Vec::new();
    for &entry in shared.table.by_name.values() {
        let shared = shared.clone();
        router = router.route(
            entry.desc.path,
            any(move |req: Request| dispatch(shared.clone(), Ok(entry), req)),
        );
        routed.push(entry.desc.path);
    }
    // Any other name under the prefix gets the JSON 404. `{*rest}` needs at
    // least one character: the bare prefix (with or without its slash) gets
    // it too, unless a function took that path.
    for path in [
        format!("{DEFAULT_PREFIX}/{{*rest}}"),
        format!("{DEFAULT_PREFIX}/"),
        DEFAULT_PREFIX.to_owned(),
    ] {
        if routed.contains(&path.as_str()) {
            continue;
        }
        let shared = shared.clone();
        router = router.route(
            &path,
            any(move |req: Request| {
                let found = find(&shared, &req).copied();
                dispatch(shared.clone(), found, req)
            }),
        );
    }
    router
}

/// Answer one action request for `entry`, the function its route found
/// (or the 404 saying why none was).
async fn dispatch(
    shared: Arc<Shared>,
    entry: Result<Entry, ServerFnError>,
    req: Request,
) -> Response {
    let mut response = match entry {
        Ok(entry) => match serve(&shared, entry, req).await {
            Ok(response) => response,
            Err(error) => {
                log_error(entry.desc.name, &error);
                error.into_response()
            }
        },
        Err(error) => error.into_response(),
    };
    crate::security_headers::action(response.headers_mut());
    response
}

/// The function a URL under the prefix names, for the catch-all routes:
/// every function has a route of its own, so this finds one only for a
/// path the router did not match exactly; else the 404 naming the fix.
fn find<'a>(shared: &'a Shared, req: &Request) -> Result<&'a Entry, ServerFnError> {
    let path = req.uri().path();
    let name = match shared.table.by_path.get(path) {
        Some(name) => name,
        None => path
            .strip_prefix(DEFAULT_PREFIX)
            .unwrap_or(path)
            .trim_start_matches('/'),
    };
    shared.table.by_name.get(name).ok_or_else(|| {
        let shown: String = name.chars().take(100).collect();
        ServerFnError::custom(
            "not_found",
            StatusCode::NOT_FOUND,
            format!(
                "no server function named `{shown}` is registered. Check the name; if the function exists, make sure \
                 the crate that defines it is linked into this server (use something from it), or register it \
                 explicitly with `App::new().register::<{shown}>()`, or the type named in \
                 `#[server(TypeName, ...)]` (needed on targets without link-time registration, such as WASI)"
            ),
        )
    })
}

async fn serve(shared: &Shared, entry: Entry, req: Request) -> Result<Response, ServerFnError> {
    let desc = entry.desc;
    let headers = req.headers();

    // A wasi:http component is not told the client's address, and its
    // buckets would not outlive the request's instance: per-IP limits there
    // belong to the platform in front of it (crate::wasi).
    let rate = if cfg!(target_os = "wasi") {
        None
    } else {
        entry.rate.map(|r| r.or(shared.default_rate)).unwrap_or(None)
    };
    if let Some(rate) = rate {
        let ip = client_address(&req, shared.trust_forwarded_for)?;
        if let Err(wait) = shared.limiter.take(ip, desc.name, rate) {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let error = ServerFnError::custom(
                "rate_limited",
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "too many calls to `{}`: at most {} per {:?}; retry in {seconds} s",
                    desc.name, rate.burst, rate.per
                ),
            );
            log_error(desc.name, &error);
            let mut response = error.into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
            return Ok(response);
        }
    }

    let session = shared.session_of(headers);
    let (input, body, output, redirect, parts) = match *req.method() {
        Method::GET if desc.encodings.get => {
            // Reads only: no Origin or CSRF check, so links and caches work.
            let output = output_for(headers, desc, Input::Query);
            let query = Bytes::copy_from_slice(req.uri().query().unwrap_or("").as_bytes());
            let (parts, _) = req.into_parts();
            (Input::Query, query, output, None, parts)
        }
        Method::POST => {
            shared.site.check_origin(headers)?;
            let input = content_input(headers, desc)?;
            let output = output_for(headers, desc, input);
            let limit = desc.max_body.unwrap_or(shared.max_body);
            let declared = headers
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
            if declared.is_some_and(|n| n > limit as u64) {
                return Err(too_large(limit));
            }
            // A plain HTML form post goes back to its page once it succeeded.
            let navigation = input == Input::Form && is_form_navigation(headers);
            let (parts, body) = req.into_parts();
            let body = read_body(body, limit).await?;
            // The header (script calls), else the form's field (no-JS posts).
            let header_token = parts
                .headers
                .get(csrf::CSRF_HEADER)
                .and_then(|v| v.to_str().ok());
            let field_token = match header_token {
                None if input == Input::Form => form_field(&body, csrf::CSRF_FIELD),
                _ => None,
            };
            check_csrf(
                shared,
                session.as_deref(),
                header_token.or(field_token.as_deref()),
            )?;
            let redirect = navigation.then(|| {
                shared
                    .site
                    .back_path(&parts.headers, form_field(&body, "_back").as_deref())
            });
            (input, body, output, redirect, parts)
        }
        _ => {
            let allow = if desc.encodings.get {
                "GET, POST"
            } else {
                "POST"
            };
            let error = ServerFnError::custom(
                "method_not_allowed",
                StatusCode::METHOD_NOT_ALLOWED,
                format!("`{}` accepts {allow} only", desc.name),
            );
            let mut response = error.into_response();
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static(allow));
            return Ok(response);
        }
    };
    // A plain HTML form post that passed every defence and then failed
    // (bad arguments, the function's own error) gets its page rendered
    // again by crate::form with what the user typed; refusals stay cheap.
    let submitted = redirect.is_some().then(|| body.clone());
    let vary = varies_with_accept(desc, input);
    let call = Call {
        input,
        body,
        output,
    };
    // The function can ask for the caller's session (server_fn::session_id),
    // the request and the app state (crate::context); cookies it set
    // (crate::signed_cookie) go out with its answer.
    let run = run_function(desc, call, redirect);
    let (mut result, cookies) =
        crate::context::call_scope(shared.states.clone(), parts, session, run).await;
    if let Ok(response) = &mut result {
        for cookie in cookies {
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
        }
    }
    if let (true, Ok(response)) = (vary, &mut result) {
        response
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept"));
    }
    match (result, submitted) {
        (Err(error), Some(body)) => {
            log_error(desc.name, &error);
            let mut response = error.clone().into_response();
            response
                .extensions_mut()
                .insert(FailedFormPost { body, error });
            Ok(response)
        }
        (result, _) => result,
    }
}

/// Attached to the error response of a plain HTML form post that passed
/// the endpoint's defences (Origin, size, CSRF) and then failed: the fields
/// the user submitted and the error, for rendering the page again.
#[derive(Clone)]
pub(crate) struct FailedFormPost {
    /// The form-urlencoded body as posted.
    pub(crate) body: Bytes,
    pub(crate) error: ServerFnError,
}

/// How the result is encoded, decided from the request headers before the
/// body is read: CBOR for CBOR requests, for `GET` of a `GetCbor` function,
/// and for `Accept: application/cbor` where the function speaks CBOR;
/// otherwise JSON.
fn output_for(headers: &HeaderMap, desc: &Descriptor, input: Input) -> Output {
    if desc.encodings.get_cbor && input == Input::Query {
        return Output::Cbor;
    }
    let wants_cbor = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .contains("application/cbor");
    if desc.encodings.cbor && (input == Input::Cbor || wants_cbor) {
        Output::Cbor
    } else {
        Output::Json
    }
}

/// Whether `output_for` looked at `Accept` for this request, so that caches
/// must keep the JSON and CBOR answers apart (`Vary: Accept`).
fn varies_with_accept(desc: &Descriptor, input: Input) -> bool {
    desc.encodings.cbor
        && input != Input::Cbor
        && !(desc.encodings.get_cbor && input == Input::Query)
}

/// Run the function; answer with its result, or with `303 See Other` to
/// `redirect` (a plain HTML form post that succeeded).
async fn run_function(
    desc: &'static Descriptor,
    call: Call,
    redirect: Option<String>,
) -> Result<Response, ServerFnError> {
    // The generated code only builds a future, but catch a panic there too.
    let future =
        std::panic::catch_unwind(AssertUnwindSafe(|| (desc.call)(call))).map_err(panic_error)?;
    let (bytes, output) = AssertUnwindSafe(future)
        .catch_unwind()
        .await
        .map_err(panic_error)??;
    if let Some(location) = redirect {
        let mut response = StatusCode::SEE_OTHER.into_response();
        if let Ok(value) = HeaderValue::from_str(&location) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Ok(response);
    }
    let mut response = Response::new(Body::from(bytes));
    let h = response.headers_mut();
    // Room for every header the answer gets (these two, `Vary`, a cookie,
    // the security headers), so that the map is not grown and rehashed.
    *h = HeaderMap::with_capacity(12);
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(output.content_type()),
    );
    let cache = desc
        .cache_control
        .and_then(|c| HeaderValue::from_str(c).ok());
    h.insert(
        header::CACHE_CONTROL,
        cache.unwrap_or(HeaderValue::from_static("no-store")),
    );
    Ok(response)
}

fn panic_error(panic: Box<dyn std::any::Any + Send>) -> ServerFnError {
    let message = crate::panic_message::panic_message(&*panic);
    tracing::error!(%message, "a server function panicked");
    // The panic's text may hold internals: the client only learns it happened.
    ServerFnError::custom(
        "panic",
        StatusCode::INTERNAL_SERVER_ERROR,
        "the server function failed unexpectedly (it panicked); see the server log",
    )
}

fn content_input(headers: &HeaderMap, desc: &Descriptor) -> Result<Input, ServerFnError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    let is = |name: &str| essence.eq_ignore_ascii_case(name);
    if essence.is_empty() || is("application/json") {
        Ok(Input::Json)
    } else if desc.encodings.form && is("application/x-www-form-urlencoded") {
        Ok(Input::Form)
    } else if desc.encodings.cbor && is("application/cbor") {
        Ok(Input::Cbor)
    } else {
        let essence = essence.to_ascii_lowercase();
        let mut accepted = vec!["application/json"];
        if desc.encodings.form {
            accepted.push("application/x-www-form-urlencoded");
        }
        if desc.encodings.cbor {
            accepted.push("application/cbor");
        }
        Err(ServerFnError::custom(
            "unsupported_media_type",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "`{}` does not accept {essence:?} bodies; send {}",
                desc.name,
                accepted.join(" or ")
            ),
        ))
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
        ServerFnError::custom(
            "bad_request",
            StatusCode::BAD_REQUEST,
            format!("the request body could not be read: {err}"),
        )
    })
}

fn too_large(limit: usize) -> ServerFnError {
    ServerFnError::custom(
        "payload_too_large",
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("the request body is larger than the limit of {limit} bytes"),
    )
}

/// The first value of field `name` in a form-urlencoded body.
fn form_field(body: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

fn check_csrf(
    shared: &Shared,
    session: Option<&str>,
    token: Option<&str>,
) -> Result<(), ServerFnError> {
    let refuse = |m: &str| Err(ServerFnError::custom("csrf", StatusCode::FORBIDDEN, m));
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

fn log_error(function: &str, error: &ServerFnError) {
    let status = error.status().as_u16();
    if error.status().is_server_error() {
        tracing::error!(function, kind = %error.kind, status, message = %error.message, "server function failed");
    } else {
        tracing::warn!(function, kind = %error.kind, status, message = %error.message, "server function call refused");
    }
}
