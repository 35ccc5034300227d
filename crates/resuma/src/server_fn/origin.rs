//! Origins as they appear in headers and in the configuration: parsing
//! `scheme://host[:port]` strictly (no userinfo, explicit default ports) and
//! comparing scheme, host and port case-insensitively. The rules that use
//! them are in [`super::site`].

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
    pub(crate) https: bool,
    pub(crate) host: &'a str,
    pub(crate) port: u16,
}

impl Parts<'_> {
    pub(crate) fn matches(&self, other: &Parts<'_>) -> bool {
        self.https == other.https
            && self.port == other.port
            && self.host.eq_ignore_ascii_case(other.host)
    }

    pub(crate) fn matches_owned(&self, origin: &Origin) -> bool {
        self.https == (origin.scheme == "https")
            && self.port == origin.port
            && self.host.eq_ignore_ascii_case(&origin.host)
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
        if !host[1..end]
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
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
    let plain_host = |h: &str| {
        !h.is_empty()
            && h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
    };
    if !(host.starts_with('[') || plain_host(host)) {
        return None;
    }
    Some(Parts { https, host, port })
}

impl Origin {
    /// The host, lowercase (an IPv6 address in brackets).
    pub(crate) fn host(&self) -> &str {
        &self.host
    }

    /// The port, explicit even when it is the scheme's default.
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// Parse an origin from the configuration.
    pub(crate) fn parse(text: &str) -> Option<Origin> {
        let p = parts(text)?;
        let scheme = if p.https { "https" } else { "http" };
        Some(Origin {
            scheme: scheme.into(),
            host: p.host.to_ascii_lowercase(),
            port: p.port,
        })
    }
}
