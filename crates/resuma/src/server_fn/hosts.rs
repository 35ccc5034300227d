//! Which `Host` names this server answers for. A page or action reached
//! under any other name is refused with `421 Misdirected Request` before
//! anything runs: with DNS rebinding, an attacker's name resolves to this
//! server, and the browser then treats the attacker's page and ours as one
//! origin, so the Origin check alone (which compares with `Host` when no
//! origins are configured) would let it through.
//!
//! The names come from [`Security::allow_host`](super::Security::allow_host)
//! and from the allowed origins. Without any, development accepts
//! `localhost` and IP literals (an attacker cannot make a browser send
//! those for a name it controls) and production refuses to start.

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::origin::{authority_parts, Origin};
use super::shared::Shared;

/// One allowed name, with its port when the port is fixed too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AllowedHost {
    host: String,
    port: Option<u16>,
}

/// The names this server answers for.
#[derive(Debug, Clone)]
pub(crate) enum Hosts {
    /// Configured names (and the hosts of the allowed origins).
    Listed(Vec<AllowedHost>),
    /// Development without configuration: `localhost` and IP literals.
    Loopback,
}

impl Hosts {
    /// The allowed names from `hosts` (`name` or `name:port`) and `origins`.
    pub(crate) fn new(
        hosts: &[String],
        origins: &[Origin],
        production: bool,
        https: bool,
    ) -> Result<Hosts, String> {
        let mut listed = Vec::new();
        for text in hosts {
            let parts = authority_parts(https, text)
                .filter(|_| !text.is_empty())
                .ok_or_else(|| {
                    format!("allowed host {text:?} is not of the form `name` or `name:port`")
                })?;
            let port = text
                .rsplit_once(':')
                .filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit()))
                .map(|_| parts.port);
            listed.push(AllowedHost {
                host: parts.host.to_ascii_lowercase(),
                port,
            });
        }
        for origin in origins {
            listed.push(AllowedHost {
                host: origin.host().to_owned(),
                port: Some(origin.port()),
            });
        }
        match (listed.is_empty(), production) {
            (false, _) => Ok(Hosts::Listed(listed)),
            (true, false) => Ok(Hosts::Loopback),
            (true, true) => Err("no allowed hosts: in production set RESUMA_ORIGIN to the site's public origin(s) \
                 (e.g. https://example.com) or RESUMA_ALLOWED_HOSTS to its host names, so that requests for \
                 other names (DNS rebinding) are refused"
                .to_owned()),
        }
    }

    /// Whether a request whose `Host` is `authority` is for this server.
    pub(crate) fn allows(&self, authority: &str, https: bool) -> bool {
        let Some(parts) = authority_parts(https, authority) else {
            return false;
        };
        match self {
            Hosts::Listed(listed) => listed.iter().any(|allowed| {
                allowed.host.eq_ignore_ascii_case(parts.host)
                    && allowed.port.is_none_or(|port| port == parts.port)
            }),
            Hosts::Loopback => {
                let host = parts.host;
                let literal = host
                    .strip_prefix('[')
                    .and_then(|h| h.strip_suffix(']'))
                    .unwrap_or(host);
                host.eq_ignore_ascii_case("localhost") || literal.parse::<IpAddr>().is_ok()
            }
        }
    }
}

/// The layer in front of the whole app: requests for another host get 421.
///
/// A request that names its host only in the URI's authority (HTTP/2's
/// `:authority`; a wasi:http host hands the component its authority apart
/// from the headers) gets that name as its `Host` header here, so every
/// later check (the Origin check, the back path of a form) reads the one
/// name this guard allowed.
pub(crate) async fn host_guard(
    State(shared): State<Arc<Shared>>,
    mut req: Request,
    next: Next,
) -> Response {
    let allowed = |name: &str| shared.site.hosts().allows(name, shared.https());
    match req.headers().get(header::HOST) {
        Some(host) if host.to_str().is_ok_and(allowed) => return next.run(req).await,
        Some(_) => {}
        None => {
            let authority = req.uri().authority().map(|a| a.as_str().to_owned());
            if let Some(name) = authority.filter(|a| allowed(a)) {
                if let Ok(value) = HeaderValue::from_str(&name) {
                    req.headers_mut().insert(header::HOST, value);
                    return next.run(req).await;
                }
            }
        }
    }
    let authority = match req.headers().get(header::HOST) {
        Some(host) => host.to_str().ok(),
        None => req.uri().authority().map(|a| a.as_str()),
    };
    tracing::warn!(host = ?authority, "request for a host this server does not serve refused (421)");
    let mut response = (
        StatusCode::MISDIRECTED_REQUEST,
        "421 Misdirected Request: this server does not answer for that host name. Its operator can allow \
         it with RESUMA_ALLOWED_HOSTS or RESUMA_ORIGIN.\n",
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn development_without_configuration_answers_only_loopback_names_and_ip_literals() {
        let hosts = Hosts::new(&[], &[], false, false).unwrap();
        for ok in [
            "127.0.0.1:3000",
            "localhost:3000",
            "LOCALHOST",
            "[::1]:8080",
            "192.168.1.20:3000",
        ] {
            assert!(hosts.allows(ok, false), "{ok}");
        }
        for bad in [
            "evil.example:3000",
            "localhost.evil.example",
            "127.0.0.1.nip.io:3000",
            "",
            "a b",
        ] {
            assert!(!hosts.allows(bad, false), "{bad}");
        }
    }

    #[test]
    fn production_needs_a_list() {
        let err = Hosts::new(&[], &[], true, true).unwrap_err();
        assert!(
            err.contains("RESUMA_ORIGIN") && err.contains("RESUMA_ALLOWED_HOSTS"),
            "{err}"
        );
    }

    #[test]
    fn listed_names_with_and_without_ports() {
        let origins = [Origin::parse("https://shop.test").unwrap()];
        let hosts = Hosts::new(
            &["api.test".into(), "admin.test:8443".into()],
            &origins,
            true,
            true,
        )
        .unwrap();
        assert!(
            hosts.allows("shop.test", true),
            "the origin's host, default port"
        );
        assert!(hosts.allows("SHOP.test:443", true));
        assert!(
            !hosts.allows("shop.test:8080", true),
            "an origin fixes its port"
        );
        assert!(
            hosts.allows("api.test:1234", true),
            "a bare name allows any port"
        );
        assert!(hosts.allows("admin.test:8443", true) && !hosts.allows("admin.test", true));
        assert!(
            !hosts.allows("127.0.0.1:3000", true),
            "a list replaces the development default"
        );
        assert!(!hosts.allows("evil.example", true));
        assert!(Hosts::new(&["bad host".into()], &[], true, true).is_err());
    }
}
