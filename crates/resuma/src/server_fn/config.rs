//! [`Security`]: the knobs of the action endpoint's defences, with safe
//! defaults, read from the environment unless set in code.

use std::time::Duration;

/// A token-bucket rate: at most `burst` calls at once, refilled at `burst`
/// calls per `per`. Written `"N/s"`, `"N/min"` or `"N/h"` in `#[server]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Bucket size: calls allowed back to back.
    pub burst: u32,
    /// Time in which a whole bucket refills.
    pub per: Duration,
}

impl Rate {
    /// Parse `"N/s"`, `"N/min"`, `"N/h"`.
    ///
    /// ```
    /// use resuma::server_fn::Rate;
    /// assert_eq!(Rate::parse("3/min").unwrap().burst, 3);
    /// assert!(Rate::parse("3 per minute").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Rate, String> {
        let err = || {
            format!(
                "a rate is written `N/s`, `N/min` or `N/h` with N from 1 to 1000000, got {text:?}"
            )
        };
        let (n, unit) = text.split_once('/').ok_or_else(err)?;
        let burst: u32 = n.trim().parse().map_err(|_| err())?;
        if burst == 0 || burst > 1_000_000 {
            return Err(err());
        }
        let per = match unit.trim() {
            "s" => Duration::from_secs(1),
            "min" => Duration::from_secs(60),
            "h" => Duration::from_secs(3600),
            _ => return Err(err()),
        };
        Ok(Rate { burst, per })
    }
}

/// Defences of the server-function endpoints. Every one is on by default;
/// set with [`App::security`](crate::App::security).
///
/// ```
/// use resuma::server_fn::{Rate, Security};
/// let s = Security::default()
///     .secret(b"0123456789abcdef0123456789abcdef".to_vec())
///     .https(true)
///     .rate_limit(Some(Rate::parse("100/s").unwrap()));
/// # let _ = s;
/// ```
#[derive(Debug, Clone)]
pub struct Security {
    pub(crate) secret: Option<Vec<u8>>,
    pub(crate) https: Option<bool>,
    pub(crate) allowed_origins: Vec<String>,
    pub(crate) rate_limit: Option<Rate>,
    pub(crate) max_body: usize,
    pub(crate) trust_forwarded_for: bool,
    pub(crate) allowed_hosts: Vec<String>,
    pub(crate) production: Option<bool>,
}

/// Default per-IP per-function rate: 30 calls, refilled at 30 per second.
pub const DEFAULT_RATE: Rate = Rate {
    burst: 30,
    per: Duration::from_secs(1),
};
/// Default largest accepted request body: 64 KiB.
pub const DEFAULT_MAX_BODY: usize = 64 * 1024;

impl Default for Security {
    fn default() -> Self {
        Security {
            secret: None,
            https: None,
            allowed_origins: Vec::new(),
            rate_limit: Some(DEFAULT_RATE),
            max_body: DEFAULT_MAX_BODY,
            trust_forwarded_for: false,
            allowed_hosts: Vec::new(),
            production: None,
        }
    }
}

impl Security {
    /// The HMAC key for session cookies and CSRF tokens, at least 32 bytes.
    /// Default: the `RESUMA_SECRET` environment variable. In production (see
    /// [`Security::production`]) it is required: the app refuses to start
    /// without it. In development a random key is generated at start-up with
    /// a warning (tokens then die with the process, and replicas do not
    /// accept each other's).
    pub fn secret(mut self, key: Vec<u8>) -> Self {
        self.secret = Some(key);
        self
    }

    /// Whether the site is served over HTTPS (directly or behind a TLS
    /// proxy): cookies get `Secure` and the `__Host-` prefix, the expected
    /// Origin scheme is `https`, and responses carry HSTS. Default: the
    /// `RESUMA_HTTPS` environment variable (`1`/`true`), else whether the
    /// first allowed origin is `https://`.
    pub fn https(mut self, on: bool) -> Self {
        self.https = Some(on);
        self
    }

    /// Accept state-changing calls from this origin (`scheme://host[:port]`).
    /// Without any, the expected origin is the request's own `Host` with the
    /// scheme from [`Security::https`]. Default: the comma-separated
    /// `RESUMA_ORIGIN` environment variable.
    pub fn allow_origin(mut self, origin: &str) -> Self {
        self.allowed_origins
            .push(origin.trim_end_matches('/').to_owned());
        self
    }

    /// The default per-IP per-function rate (`None`: no limit). Functions
    /// can set their own with `#[server(rate_limit = "N/s")]`.
    pub fn rate_limit(mut self, rate: Option<Rate>) -> Self {
        self.rate_limit = rate;
        self
    }

    /// The default largest request body in bytes; larger ones get 413.
    /// Functions can set their own with `#[server(max_body = N)]`.
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Take the client IP for rate limits from the last `X-Forwarded-For`
    /// entry (the one your proxy appended). Only enable behind a proxy that
    /// sets it; otherwise clients choose their own IP. Default off.
    pub fn trust_forwarded_for(mut self, on: bool) -> Self {
        self.trust_forwarded_for = on;
        self
    }

    /// Answer requests for this host (`example.com`, or `example.com:8443`
    /// to also fix the port); requests naming any other host in `Host` get
    /// `421 Misdirected Request`, so a DNS-rebound name cannot reach the app.
    /// The hosts of the [allowed origins](Security::allow_origin) are always
    /// allowed. Default: the comma-separated `RESUMA_ALLOWED_HOSTS`
    /// environment variable; without any host or origin, development accepts
    /// `localhost` and IP addresses (names an attacker's DNS cannot rebind
    /// to), and production refuses to start.
    pub fn allow_host(mut self, host: &str) -> Self {
        self.allowed_hosts.push(host.trim().to_ascii_lowercase());
        self
    }

    /// Production (`true`) or development (`false`) rules: in production a
    /// secret and the site's hosts (or origins) must be configured, or the
    /// app refuses to start. Default: the `RESUMA_ENV` environment variable
    /// (`production` or `development`), else production in release builds
    /// and development in debug builds.
    pub fn production(mut self, on: bool) -> Self {
        self.production = Some(on);
        self
    }

    /// Fill what was not set in code from the environment. A variable that
    /// is set but unusable is an error, never silently ignored.
    pub(crate) fn resolve_env(mut self) -> Result<Self, String> {
        if self.secret.is_none() {
            self.secret = secret_from_env(std::env::var_os("RESUMA_SECRET"))?;
        }
        if self.production.is_none() {
            self.production = Some(production_from_env(std::env::var_os("RESUMA_ENV"))?);
        }
        if self.allowed_hosts.is_empty() {
            if let Ok(list) = std::env::var("RESUMA_ALLOWED_HOSTS") {
                for host in list.split(',').map(str::trim).filter(|h| !h.is_empty()) {
                    self = self.allow_host(host);
                }
            }
        }
        if self.allowed_origins.is_empty() {
            if let Ok(list) = std::env::var("RESUMA_ORIGIN") {
                for origin in list.split(',').map(str::trim).filter(|o| !o.is_empty()) {
                    self = self.allow_origin(origin);
                }
            }
        }
        if self.https.is_none() {
            let env = std::env::var("RESUMA_HTTPS")
                .ok()
                .map(|v| matches!(v.trim(), "1" | "true" | "yes"));
            let from_origin = self
                .allowed_origins
                .first()
                .map(|o| o.starts_with("https://"));
            self.https = Some(env.or(from_origin).unwrap_or(false));
        }
        Ok(self)
    }
}

/// `RESUMA_SECRET`'s bytes; a value that is not UTF-8 is an error (it is
/// never replaced by a random secret behind the user's back).
fn secret_from_env(value: Option<std::ffi::OsString>) -> Result<Option<Vec<u8>>, String> {
    let Some(value) = value else { return Ok(None) };
    let text = value.into_string().map_err(|_| {
        "RESUMA_SECRET is set but is not valid UTF-8; use 32 or more random bytes encoded as text, \
         e.g. `head -c 32 /dev/urandom | base64`"
            .to_owned()
    })?;
    Ok(Some(text.into_bytes()))
}

/// `RESUMA_ENV`: `production` or `development`; unset, production in
/// release builds.
fn production_from_env(value: Option<std::ffi::OsString>) -> Result<bool, String> {
    match value.as_ref().map(|v| v.to_str().map(str::trim)) {
        None => Ok(!cfg!(debug_assertions)),
        Some(Some("production")) => Ok(true),
        Some(Some("development")) => Ok(false),
        Some(other) => Err(format!(
            "RESUMA_ENV must be `production` or `development`, got {:?}",
            other.unwrap_or("(not UTF-8)")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    #[test]
    fn a_secret_that_is_not_utf8_is_an_error() {
        use std::os::unix::ffi::OsStringExt;
        let bad = OsString::from_vec(vec![0xff; 40]);
        let err = secret_from_env(Some(bad)).unwrap_err();
        assert!(err.contains("not valid UTF-8"), "{err}");
        assert_eq!(secret_from_env(None), Ok(None));
        assert_eq!(
            secret_from_env(Some("k".repeat(32).into())),
            Ok(Some(vec![b'k'; 32]))
        );
    }

    #[test]
    fn the_mode_is_named_or_follows_the_build() {
        assert_eq!(production_from_env(Some("production".into())), Ok(true));
        assert_eq!(production_from_env(Some(" development ".into())), Ok(false));
        assert_eq!(production_from_env(None), Ok(!cfg!(debug_assertions)));
        assert!(production_from_env(Some("prod".into()))
            .unwrap_err()
            .contains("`production` or `development`"));
    }
}
