//! The Origin check for state-changing calls: the browser says which site
//! started the request, and only our own (or an allowed) origin may call.
//!
//! Rules, in order:
//! 1. `Sec-Fetch-Site`, when present, must be `same-origin` (`same-site`
//!    would let a sibling subdomain in; `none` means the user did not come
//!    from a page; `cross-site` is an attack).
//! 2. `Origin`, when present, must equal an allowed origin, comparing
//!    scheme, host and port (default ports made explicit). `Origin: null`
//!    (sandboxed frames, some redirects) is refused.
//! 3. Without `Origin`, the origin part of `Referer` is compared instead.
//! 4. With neither, the call is refused.

use axum::http::{header, HeaderMap};

use super::error::ServerFnError;

/// `scheme://host:port` with every part lowercase and the port explicit
/// (an allowed origin from the configuration).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

/// The parts of an origin as they appear in a header, borrowed (checking a
/// request allocates nothing). Compared case-insensitively.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Parts<'a> {
    https: bool,
    host: &'a str,
    port: u16,
}

impl Parts<'_> {
    fn matches(&self, other: &Parts<'_>) -> bool {
        self.https == other.https && self.port == other.port && self.host.eq_ignore_ascii_case(other.host)
    }

    fn matches_owned(&self, origin: &Origin) -> bool {
        self.https == (origin.scheme == "https") && self.port == origin.port && self.host.eq_ignore_ascii_case(&origin.host)
    }
}

/// Split `scheme://host[:port][/…]` (an Origin, or a URL such as a Referer).
/// `None` unless the scheme is `http` or `https` and the host is well formed;
/// userinfo (`user@`) is refused, since a browser's Origin never has one.
pub(crate) fn parts(text: &str) -> Option<Parts<'_>> {
    let (scheme, rest) = text.trim().split_once("://")?;
    let https = if scheme.eq_ignore_ascii_case("https") {
        true
    } else if scheme.eq_ignore_ascii_case("http") {
        false
    } else {
        return None;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    authority_parts(https, authority)
}

/// Split `host[:port]` (a `Host` header) for the given scheme.
pub(crate) fn authority_parts(https: bool, authority: &str) -> Option<Parts<'_>> {
    let default_port = if https { 443 } else { 80 };
    let (host, port) = if authority.starts_with('[') {
        // IPv6 literal: `[::1]` or `[::1]:8080`.
        let end = authority.find(']')?;
        let (host, after) = authority.split_at(end + 1);
        if !host[1..end].bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') {
            return None;
        }
        (host, after)
    } else {
        match authority.find(':') {
            Some(i) => authority.split_at(i),
            None => (authority, ""),
        }
    };
    let port = match port {
        "" => default_port,
        p => p.strip_prefix(':')?.parse().ok()?,
    };
    let plain_host = |h: &str| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    if !(host.starts_with('[') || plain_host(host)) {
        return None;
    }
    Some(Parts { https, host, port })
}

impl Origin {
    /// Parse an origin from the configuration.
    pub(crate) fn parse(text: &str) -> Option<Origin> {
        let p = parts(text)?;
        let scheme = if p.https { "https" } else { "http" };
        Some(Origin { scheme: scheme.into(), host: p.host.to_ascii_lowercase(), port: p.port })
    }
}

/// Refuse a state-changing request that does not come from an allowed origin.
pub(crate) fn check(headers: &HeaderMap, allowed: &[Origin], https: bool) -> Result<(), ServerFnError> {
    let refuse = |why: String| Err(ServerFnError::custom("origin", 403, why));
    let text = |name: header::HeaderName| headers.get(name).map(|v| v.to_str().unwrap_or("\u{fffd}"));

    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        if !site.eq_ignore_ascii_case("same-origin") {
            return refuse(format!("cross-origin call refused: Sec-Fetch-Site is {site:?}, expected \"same-origin\""));
        }
    }
    let own = if allowed.is_empty() {
        match text(header::HOST).and_then(|h| authority_parts(https, h)) {
            Some(own) => Some(own),
            None => return refuse("the request has no valid Host header to compare its Origin with".into()),
        }
    } else {
        None
    };
    let (what, claimed) = match (text(header::ORIGIN), text(header::REFERER)) {
        (Some(origin), _) => ("Origin", origin),
        (None, Some(referer)) => ("Referer", referer),
        (None, None) => {
            return refuse(
                "a state-changing call needs an Origin or Referer header; neither was sent \
                 (browsers send them; check a proxy or a Referrer-Policy of no-referrer)"
                    .into(),
            )
        }
    };
    match parts(claimed) {
        Some(p) if own.map_or_else(|| allowed.iter().any(|o| p.matches_owned(o)), |own| p.matches(&own)) => Ok(()),
        Some(p) => refuse(format!(
            "cross-origin call refused: {what} {}://{}:{} is not this site's origin",
            if p.https { "https" } else { "http" },
            p.host.to_ascii_lowercase(),
            p.port
        )),
        None => refuse(format!("cross-origin call refused: {what} {claimed:?} is not a valid http(s) origin")),
    }
}

/// Whether `url` (a Referer) is on this site, by the same rules as [`check`].
pub(crate) fn same_site_url(headers: &HeaderMap, url: &str, allowed: &[Origin], https: bool) -> bool {
    let Some(p) = parts(url) else { return false };
    if allowed.is_empty() {
        headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .and_then(|h| authority_parts(https, h))
            .is_some_and(|own| p.matches(&own))
    } else {
        allowed.iter().any(|o| p.matches_owned(o))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn compares_scheme_host_and_port() {
        let ok = |p: &[(&'static str, &'static str)]| check(&headers(p), &[], false).is_ok();
        assert!(ok(&[("host", "a.test:8080"), ("origin", "http://a.test:8080")]));
        assert!(ok(&[("host", "a.test"), ("origin", "http://A.test:80")]), "default port, case");
        assert!(!ok(&[("host", "a.test:8080"), ("origin", "https://a.test:8080")]), "scheme");
        assert!(!ok(&[("host", "a.test:8080"), ("origin", "http://a.test:8081")]), "port");
        assert!(!ok(&[("host", "a.test:8080"), ("origin", "http://b.test:8080")]), "host");
        assert!(!ok(&[("host", "a.test:8080"), ("origin", "null")]), "null");
        assert!(ok(&[("host", "a.test:8080"), ("referer", "http://a.test:8080/page?x")]), "referer");
        assert!(!ok(&[("host", "a.test:8080"), ("referer", "http://a.test.evil:8080/")]));
        assert!(!ok(&[("host", "a.test:8080")]), "neither");
        assert!(!ok(&[("host", "a.test:8080"), ("origin", "http://a.test:8080"), ("sec-fetch-site", "cross-site")]));
        assert!(ok(&[("host", "a.test:8080"), ("origin", "http://a.test:8080"), ("sec-fetch-site", "same-origin")]));
        assert!(!ok(&[("host", "a.test:8080"), ("origin", "http://user@a.test:8080")]));
        assert!(ok(&[("host", "[::1]:3000"), ("origin", "http://[::1]:3000")]), "IPv6");
        assert!(!ok(&[("host", "[::1]:3000"), ("origin", "http://[::2]:3000")]));
        assert!(!ok(&[("host", "a.test:8080"), ("origin", "http://a.test:8080:1")]), "junk port");
        assert!(!ok(&[("host", "a.test:8080"), ("origin", "ftp://a.test:8080")]), "scheme");
        assert!(!ok(&[("host", "a.test:8080"), ("origin", "http://a.test :8080")]), "space");
    }

    #[test]
    fn allowed_list_replaces_host() {
        let allowed = [Origin::parse("https://shop.test").unwrap()];
        assert!(check(&headers(&[("host", "internal:3000"), ("origin", "https://shop.test")]), &allowed, true).is_ok());
        assert!(check(&headers(&[("host", "internal:3000"), ("origin", "http://internal:3000")]), &allowed, true).is_err());
    }
}
