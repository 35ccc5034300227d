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

/// `scheme://host:port` with every part lowercase and the port explicit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// Parse an origin or a URL (its path is ignored). `None` when it is not
    /// an absolute `http`/`https` URL.
    pub(crate) fn parse(text: &str) -> Option<Origin> {
        let uri: axum::http::Uri = text.trim().parse().ok()?;
        let scheme = uri.scheme_str()?.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        let authority = uri.authority()?;
        if authority.as_str().contains('@') {
            return None; // userinfo never appears in a browser's Origin
        }
        let host = authority.host().to_ascii_lowercase();
        if host.is_empty() {
            return None;
        }
        Some(Origin { scheme, host, port: authority.port_u16().unwrap_or(default_port) })
    }

    /// Our own origin as seen by this request: `scheme` plus its `Host`.
    pub(crate) fn from_host(https: bool, host: &str) -> Option<Origin> {
        let scheme = if https { "https" } else { "http" };
        Origin::parse(&format!("{scheme}://{host}"))
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
    let own;
    let allowed = if allowed.is_empty() {
        let Some(host) = text(header::HOST).and_then(|h| Origin::from_host(https, h)) else {
            return refuse("the request has no valid Host header to compare its Origin with".into());
        };
        own = [host];
        &own[..]
    } else {
        allowed
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
    match Origin::parse(claimed) {
        Some(origin) if allowed.contains(&origin) => Ok(()),
        Some(origin) => refuse(format!(
            "cross-origin call refused: {what} {}://{}:{} is not this site's origin",
            origin.scheme, origin.host, origin.port
        )),
        None => refuse(format!("cross-origin call refused: {what} {claimed:?} is not a valid http(s) origin")),
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
    }

    #[test]
    fn allowed_list_replaces_host() {
        let allowed = [Origin::parse("https://shop.test").unwrap()];
        assert!(check(&headers(&[("host", "internal:3000"), ("origin", "https://shop.test")]), &allowed, true).is_ok());
        assert!(check(&headers(&[("host", "internal:3000"), ("origin", "http://internal:3000")]), &allowed, true).is_err());
    }
}
