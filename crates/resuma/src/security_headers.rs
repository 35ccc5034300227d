//! Every security header Resuma sets, in one place (protocol.md §9):
//!
//! - [`defaults`]: on every response of the app, unless the route set its
//!   own: no sniffing, no framing, a strict referrer policy, a separate
//!   browsing context group, and HSTS when the site is HTTPS;
//! - [`page`]: an HTML page's nonce-based Content-Security-Policy;
//! - [`action`]: the stricter set of server-function responses, which are
//!   data and must never be rendered, framed or embedded by another site.

use axum::http::{header, HeaderMap, HeaderName, HeaderValue};

// Constants, so that names and values are checked once, at compile time,
// and not on every response.
const NOSNIFF: HeaderValue = HeaderValue::from_static("nosniff");
const DENY: HeaderValue = HeaderValue::from_static("DENY");
const HSTS: HeaderValue = HeaderValue::from_static("max-age=63072000; includeSubDomains");
const CROSS_ORIGIN_RESOURCE_POLICY: HeaderName =
    HeaderName::from_static("cross-origin-resource-policy");
const CROSS_ORIGIN_OPENER_POLICY: HeaderName =
    HeaderName::from_static("cross-origin-opener-policy");
const STRICT_ORIGIN_WHEN_CROSS_ORIGIN: HeaderValue =
    HeaderValue::from_static("strict-origin-when-cross-origin");
const SAME_ORIGIN: HeaderValue = HeaderValue::from_static("same-origin");
const ACTION_CSP: HeaderValue =
    HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'");
const NO_REFERRER: HeaderValue = HeaderValue::from_static("no-referrer");

/// Give `h`, a response's headers, each default header it lacks (a route
/// may set its own). Run on every response by crate::middleware.
pub(crate) fn defaults(h: &mut HeaderMap, https: bool) {
    let defaults = [
        (header::X_CONTENT_TYPE_OPTIONS, NOSNIFF),
        (header::X_FRAME_OPTIONS, DENY),
        (header::REFERRER_POLICY, STRICT_ORIGIN_WHEN_CROSS_ORIGIN),
        (CROSS_ORIGIN_OPENER_POLICY, SAME_ORIGIN),
    ];
    for (name, value) in defaults {
        h.entry(name).or_insert(value);
    }
    if https {
        h.entry(header::STRICT_TRANSPORT_SECURITY).or_insert(HSTS);
    }
}

/// The headers of an HTML page whose scripts carry `nonce`; `wasm` when the
/// page renders an island and so may compile WebAssembly (§10).
pub(crate) fn page(h: &mut HeaderMap, nonce: &str, wasm: bool) {
    let policy = if wasm {
        crate::csp::page_policy_with_wasm(nonce)
    } else {
        crate::csp::page_policy(nonce)
    };
    let policy = HeaderValue::from_str(&policy).expect("a hex nonce makes a valid header");
    h.insert(header::CONTENT_SECURITY_POLICY, policy);
}

/// The headers of a server-function response: nothing in it may be
/// sniffed, rendered with scripts, framed, or read by another site.
pub(crate) fn action(h: &mut HeaderMap) {
    h.insert(header::X_CONTENT_TYPE_OPTIONS, NOSNIFF);
    h.insert(header::CONTENT_SECURITY_POLICY, ACTION_CSP);
    h.insert(header::X_FRAME_OPTIONS, DENY);
    h.insert(header::REFERRER_POLICY, NO_REFERRER);
    h.insert(CROSS_ORIGIN_RESOURCE_POLICY, SAME_ORIGIN);
}
