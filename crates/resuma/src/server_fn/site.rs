//! Which requests and URLs belong to this site. One copy of each rule, used
//! by the action endpoint and by the no-JS re-render of a failed form post:
//!
//! - the **Origin check** of state-changing calls ([`Site::check_origin`]);
//! - whether a URL (a `Referer`) is **one of ours** ([`Site::is_own_url`]);
//! - whether a request is a **plain HTML form post** the browser navigates
//!   with ([`is_form_navigation`]);
//! - the **back path** a browser is sent (or a page rendered) for after a
//!   form post ([`Site::back_path`], [`is_page_path`]).
//!
//! The Origin check, in order:
//! 1. `Sec-Fetch-Site`, when present, must be `same-origin` (`same-site`
//!    would let a sibling subdomain in; `none` means the user did not come
//!    from a page; `cross-site` is an attack).
//! 2. `Origin`, when present, must equal an allowed origin, comparing
//!    scheme, host and port (default ports made explicit). `Origin: null`
//!    (sandboxed frames, some redirects) is refused.
//! 3. Without `Origin`, the origin part of `Referer` is compared instead.
//! 4. With neither, the call is refused.

use axum::http::{header, HeaderMap, HeaderName, StatusCode};

use super::error::ServerFnError;
use super::hosts::Hosts;
use super::origin::{authority_parts, parts, Origin, Parts};

// Constants, so that the names are checked at compile time, not per request.
const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");
const SEC_FETCH_MODE: HeaderName = HeaderName::from_static("sec-fetch-mode");

/// This site's origin rules: the configured origins (else the request's own
/// `Host`, which [`Hosts`] has checked), the host names it answers for, and
/// whether it is served over HTTPS.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    allowed: Vec<Origin>,
    hosts: Hosts,
    https: bool,
}

impl Site {
    /// The rules for `allowed` origins (`scheme://host[:port]` each; empty:
    /// the request's own `Host`) and `hosts` (see [`Hosts::new`]).
    pub(crate) fn new(
        allowed: &[String],
        hosts: &[String],
        https: bool,
        production: bool,
    ) -> Result<Site, String> {
        let allowed = allowed
            .iter()
            .map(|o| {
                Origin::parse(o).ok_or_else(|| {
                    format!("allowed origin {o:?} is not of the form scheme://host[:port]")
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let hosts = Hosts::new(hosts, &allowed, production, https)?;
        Ok(Site {
            allowed,
            hosts,
            https,
        })
    }

    /// The host names this site answers for.
    pub(crate) fn hosts(&self) -> &Hosts {
        &self.hosts
    }

    /// Whether the site is served over HTTPS.
    pub(crate) fn https(&self) -> bool {
        self.https
    }

    /// The request's own origin, when no origins are configured.
    fn own<'h>(&self, headers: &'h HeaderMap) -> Option<Parts<'h>> {
        let host = headers.get(header::HOST)?.to_str().ok()?;
        authority_parts(self.https, host)
    }

    /// Whether `claimed` (parsed from a header) is this site's origin: one
    /// of the configured origins, or else `own`, the request's own
    /// ([`Site::own`], parsed once by the caller).
    fn is_ours(&self, own: Option<&Parts<'_>>, claimed: &Parts<'_>) -> bool {
        if self.allowed.is_empty() {
            own.is_some_and(|own| claimed.matches(own))
        } else {
            self.allowed.iter().any(|o| claimed.matches_owned(o))
        }
    }

    /// Refuse a state-changing request that does not come from this site.
    pub(crate) fn check_origin(&self, headers: &HeaderMap) -> Result<(), ServerFnError> {
        let refuse = |why: String| Err(ServerFnError::custom("origin", StatusCode::FORBIDDEN, why));
        let text = |name: HeaderName| headers.get(name).map(|v| v.to_str().unwrap_or("\u{fffd}"));

        if let Some(site) = text(SEC_FETCH_SITE) {
            if !site.eq_ignore_ascii_case("same-origin") {
                return refuse(format!("cross-origin call refused: Sec-Fetch-Site is {site:?}, expected \"same-origin\""));
            }
        }
        let own = if self.allowed.is_empty() {
            match self.own(headers) {
                Some(own) => Some(own),
                None => {
                    return refuse(
                        "the request has no valid Host header to compare its Origin with".into(),
                    )
                }
            }
        } else {
            None
        };
        let (what, claimed) =
            match (text(header::ORIGIN), text(header::REFERER)) {
                (Some(origin), _) => ("Origin", origin),
                (None, Some(referer)) => ("Referer", referer),
                (None, None) => return refuse(
                    "a state-changing call needs an Origin or Referer header; neither was sent \
                     (browsers send them; check a proxy or a Referrer-Policy of no-referrer)"
                        .into(),
                ),
            };
        match parts(claimed) {
            Some(p) if self.is_ours(own.as_ref(), &p) => Ok(()),
            Some(p) => refuse(format!(
                "cross-origin call refused: {what} {}://{}:{} is not this site's origin",
                if p.https { "https" } else { "http" },
                p.host.to_ascii_lowercase(),
                p.port
            )),
            None => refuse(format!(
                "cross-origin call refused: {what} {claimed:?} is not a valid http(s) origin"
            )),
        }
    }

    /// Whether `url` (a Referer) is on this site, by the same rules as
    /// [`Site::check_origin`].
    pub(crate) fn is_own_url(&self, headers: &HeaderMap, url: &str) -> bool {
        parts(url).is_some_and(|p| self.is_ours(self.own(headers).as_ref(), &p))
    }

    /// Where to send the browser (or which page to render again) after a
    /// form post: the form's `_back` field when it is a page path, else the
    /// path of the `Referer` when that is a page of this site, else `/`.
    /// Never an absolute URL, so never an open redirect.
    pub(crate) fn back_path(&self, headers: &HeaderMap, back_field: Option<&str>) -> String {
        if let Some(back) = back_field.filter(|p| is_page_path(p)) {
            return back.to_owned();
        }
        let referer = headers
            .get(header::REFERER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let path = referer
            .parse::<axum::http::Uri>()
            .ok()
            .and_then(|u| u.path_and_query().map(|p| p.as_str().to_owned()));
        match path {
            Some(p) if is_page_path(&p) && self.is_own_url(headers, referer) => p,
            _ => "/".to_owned(),
        }
    }
}

/// A path of this site that can be a page to go back to: absolute, not
/// protocol-relative (`//host`, `/\host`), without a backslash, whitespace
/// or control character anywhere (browsers drop tabs and newlines from URLs,
/// so `/\t/evil.example/` would become `//evil.example/`), and not one of
/// Resuma's own URLs.
pub(crate) fn is_page_path(path: &str) -> bool {
    let mut bytes = path.bytes();
    bytes.next() == Some(b'/')
        && !path.starts_with("//")
        && !path.starts_with("/_resuma/")
        && !path
            .bytes()
            .any(|b| b == b'\\' || b.is_ascii_whitespace() || b.is_ascii_control())
}

/// A plain HTML form post: form-encoded, and a navigation (what a browser
/// sends when a `<form>` is submitted without JavaScript), as opposed to a
/// `fetch` from the runtime.
pub(crate) fn is_form_navigation(headers: &HeaderMap) -> bool {
    let text = |name: HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    let form = text(header::CONTENT_TYPE).starts_with("application/x-www-form-urlencoded");
    form && is_navigation(headers)
}

/// Whether the browser will show the response as a page.
pub(crate) fn is_navigation(headers: &HeaderMap) -> bool {
    let text = |name: HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    text(SEC_FETCH_MODE) == "navigate"
        || text(header::ACCEPT).starts_with("text/html")
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

    fn site(allowed: &[&str], https: bool) -> Site {
        Site::new(
            &allowed.iter().map(|o| o.to_string()).collect::<Vec<_>>(),
            &[],
            https,
            false,
        )
        .unwrap()
    }

    #[test]
    fn compares_scheme_host_and_port() {
        let ok =
            |p: &[(&'static str, &'static str)]| site(&[], false).check_origin(&headers(p)).is_ok();
        assert!(ok(&[
            ("host", "a.test:8080"),
            ("origin", "http://a.test:8080")
        ]));
        assert!(
            ok(&[("host", "a.test"), ("origin", "http://A.test:80")]),
            "default port, case"
        );
        assert!(
            !ok(&[("host", "a.test:8080"), ("origin", "https://a.test:8080")]),
            "scheme"
        );
        assert!(
            !ok(&[("host", "a.test:8080"), ("origin", "http://a.test:8081")]),
            "port"
        );
        assert!(
            !ok(&[("host", "a.test:8080"), ("origin", "http://b.test:8080")]),
            "host"
        );
        assert!(!ok(&[("host", "a.test:8080"), ("origin", "null")]), "null");
        assert!(
            ok(&[
                ("host", "a.test:8080"),
                ("referer", "http://a.test:8080/page?x")
            ]),
            "referer"
        );
        assert!(!ok(&[
            ("host", "a.test:8080"),
            ("referer", "http://a.test.evil:8080/")
        ]));
        assert!(!ok(&[("host", "a.test:8080")]), "neither");
        assert!(!ok(&[
            ("host", "a.test:8080"),
            ("origin", "http://a.test:8080"),
            ("sec-fetch-site", "cross-site")
        ]));
        assert!(ok(&[
            ("host", "a.test:8080"),
            ("origin", "http://a.test:8080"),
            ("sec-fetch-site", "same-origin")
        ]));
        assert!(!ok(&[
            ("host", "a.test:8080"),
            ("origin", "http://user@a.test:8080")
        ]));
        assert!(
            ok(&[("host", "[::1]:3000"), ("origin", "http://[::1]:3000")]),
            "IPv6"
        );
        assert!(!ok(&[
            ("host", "[::1]:3000"),
            ("origin", "http://[::2]:3000")
        ]));
        assert!(
            !ok(&[("host", "a.test:8080"), ("origin", "http://a.test:8080:1")]),
            "junk port"
        );
        assert!(
            !ok(&[("host", "a.test:8080"), ("origin", "ftp://a.test:8080")]),
            "scheme"
        );
        assert!(
            !ok(&[("host", "a.test:8080"), ("origin", "http://a.test :8080")]),
            "space"
        );
    }

    #[test]
    fn allowed_list_replaces_host() {
        let shop = site(&["https://shop.test"], true);
        assert!(shop
            .check_origin(&headers(&[
                ("host", "internal:3000"),
                ("origin", "https://shop.test")
            ]))
            .is_ok());
        assert!(shop
            .check_origin(&headers(&[
                ("host", "internal:3000"),
                ("origin", "http://internal:3000")
            ]))
            .is_err());
    }

    #[test]
    fn back_path_stays_on_this_site() {
        let s = site(&[], false);
        let h =
            |referer: &'static str| headers(&[("host", "127.0.0.1:3000"), ("referer", referer)]);
        assert_eq!(
            s.back_path(&h("http://127.0.0.1:3000/active?x=1"), None),
            "/active?x=1"
        );
        assert_eq!(s.back_path(&h("http://evil.example/x"), None), "/");
        assert_eq!(
            s.back_path(&h("https://127.0.0.1:3000/x"), None),
            "/",
            "another scheme is another origin"
        );
        assert_eq!(
            s.back_path(&h("http://127.0.0.1:3000/_resuma/action/add"), None),
            "/",
            "an action is not a page"
        );
        assert_eq!(
            s.back_path(&headers(&[("host", "127.0.0.1:3000")]), None),
            "/"
        );
        assert_eq!(
            s.back_path(&h("http://127.0.0.1:3000/a"), Some("/done?x=1")),
            "/done?x=1",
            "the field wins"
        );
        assert_eq!(
            s.back_path(&h("http://127.0.0.1:3000/a"), Some("//evil.example/")),
            "/a"
        );
    }

    #[test]
    fn page_paths_cannot_leave_the_site() {
        for ok in ["/", "/done", "/active?x=1#top", "/caf%C3%A9"] {
            assert!(is_page_path(ok), "{ok:?}");
        }
        // Each of these is resolved off-site by some browser, or is ours.
        for bad in [
            "",
            "done",
            "//evil.example/",
            "/\\evil.example/",
            "/\tevil",
            "/\t/evil.example/",
            "/\n/evil.example",
            "/a\\b",
            "http://x/",
            " /x",
            "/x y",
            "/_resuma/action/add",
            "/\u{7f}/x",
        ] {
            assert!(!is_page_path(bad), "{bad:?}");
        }
    }

    #[test]
    fn form_navigations_are_told_from_fetches() {
        let form = "application/x-www-form-urlencoded";
        assert!(is_form_navigation(&headers(&[
            ("content-type", form),
            ("sec-fetch-mode", "navigate")
        ])));
        assert!(is_form_navigation(&headers(&[
            ("content-type", form),
            ("accept", "text/html,*/*")
        ])));
        assert!(!is_form_navigation(&headers(&[
            ("content-type", form),
            ("sec-fetch-mode", "cors")
        ])));
        assert!(!is_form_navigation(&headers(&[
            ("content-type", "application/json"),
            ("sec-fetch-mode", "navigate")
        ])));
    }
}
