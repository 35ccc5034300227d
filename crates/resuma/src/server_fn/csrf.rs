//! Sessions and CSRF tokens, both signed with HMAC-SHA256 under the server
//! secret, so that any replica holding the same secret accepts them and no
//! server keeps per-session state.
//!
//! - Session cookie: `SID.MAC` where `SID` is 32 random hex digits and `MAC`
//!   is `hex(HMAC(secret, "resuma-session\0" + SID))`. A cookie whose MAC
//!   does not verify is ignored, as if absent.
//! - CSRF token: `hex(HMAC(secret, "resuma-csrf\0" + SID))`. Only the server
//!   can compute it, so a forged cookie-and-header pair fails, and a token is
//!   only good with the session it was made for.
//!
//! The token reaches the page as `<meta name="resuma-csrf" content="…">` and,
//! for plain HTML forms, as a hidden `_csrf` field ([`csrf_field`]).

use hmac::{Hmac, Mac};
use resuma_protocol::hex;
use sha2::Sha256;

use crate::html::Html;
use crate::view::IntoView;

type HmacSha256 = Hmac<Sha256>;

/// Header that carries the CSRF token on `fetch` calls.
pub const CSRF_HEADER: &str = "x-resuma-csrf";
/// Form field that carries the CSRF token on plain HTML form posts.
pub const CSRF_FIELD: &str = "_csrf";
/// Session cookie name over plain HTTP.
pub const COOKIE_HTTP: &str = "resuma-session";
/// Session cookie name over HTTPS: the `__Host-` prefix makes the browser
/// refuse it unless it is `Secure`, has `Path=/` and no `Domain`, so a
/// sibling subdomain cannot plant one.
pub const COOKIE_HTTPS: &str = "__Host-resuma-session";

/// The HMAC key, shared by every replica that should accept the same tokens.
/// Kept as an HMAC state already keyed (the key's inner and outer blocks are
/// hashed once, not on every request).
#[derive(Clone)]
pub(crate) struct Secret(HmacSha256);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl Secret {
    /// The configured key (from code or `RESUMA_SECRET`); without one, a
    /// random key in development (logged) and an error in production.
    pub(crate) fn resolve(configured: Option<Vec<u8>>, production: bool) -> Result<Secret, String> {
        let key = match configured {
            Some(key) => key,
            // A wasi:http component may start a fresh instance per request:
            // a random secret would refuse every token it handed out.
            None if cfg!(target_os = "wasi") => {
                return Err("RESUMA_SECRET is not set: a wasi:http component starts fresh for each request, so \
                     it needs a fixed secret (32 or more random bytes, e.g. `head -c 32 /dev/urandom | base64`) \
                     passed in its environment (`wasmtime serve --env RESUMA_SECRET=...`)"
                    .to_owned())
            }
            None if production => {
                return Err("RESUMA_SECRET is not set: in production every replica needs the same secret \
                     (32 or more random bytes, e.g. `head -c 32 /dev/urandom | base64`) so that sessions \
                     survive restarts and replicas accept each other's tokens; set RESUMA_ENV=development \
                     to use a random one"
                    .to_owned())
            }
            None => {
                tracing::warn!(
                    "RESUMA_SECRET is not set: using a random secret for CSRF tokens (development only). \
                     Sessions end when the process restarts and replicas reject each other's tokens"
                );
                let mut key = vec![0u8; 32];
                getrandom::fill(&mut key).map_err(|e| format!("the OS random source failed: {e}"))?;
                key
            }
        };
        if key.len() < 32 {
            return Err(format!(
                "the Resuma secret (RESUMA_SECRET) must be at least 32 bytes long, got {}; generate one with \
                 `head -c 32 /dev/urandom | base64`",
                key.len()
            ));
        }
        Ok(Secret(
            HmacSha256::new_from_slice(&key).expect("HMAC takes keys of any length"),
        ))
    }

    fn mac(&self, domain: &str, sid: &str) -> HmacSha256 {
        let mut mac = self.0.clone();
        mac.update(domain.as_bytes());
        mac.update(&[0]);
        mac.update(sid.as_bytes());
        mac
    }

    fn sign(&self, domain: &str, sid: &str) -> String {
        hex(&self.mac(domain, sid).finalize().into_bytes())
    }

    /// Constant-time check of a hex MAC.
    fn verify(&self, domain: &str, sid: &str, mac_hex: &str) -> bool {
        match unhex32(mac_hex) {
            Some(bytes) => self.mac(domain, sid).verify_slice(&bytes).is_ok(),
            None => false,
        }
    }

    /// A new session: its id and the cookie value.
    pub(crate) fn new_session(&self) -> (String, String) {
        let mut raw = [0u8; 16];
        getrandom::fill(&mut raw).expect("the OS random source is unavailable");
        let sid = hex(&raw);
        let cookie = format!("{sid}.{}", self.sign("resuma-session", &sid));
        (sid, cookie)
    }

    /// The session id of a cookie value, if its signature verifies.
    pub(crate) fn open_session(&self, cookie: &str) -> Option<String> {
        let (sid, mac) = cookie.split_once('.')?;
        if sid.len() != 32 || !sid.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.verify("resuma-session", sid, mac)
            .then(|| sid.to_owned())
    }

    /// The CSRF token of session `sid`.
    pub(crate) fn token(&self, sid: &str) -> String {
        self.sign("resuma-csrf", sid)
    }

    /// The MAC of an app's signed cookie `name` holding `value`
    /// ([`crate::signed_cookie`]); the name is signed too, so a value made
    /// for one cookie is refused as another.
    pub(crate) fn sign_cookie(&self, name: &str, value: &str) -> String {
        self.sign("resuma-cookie", &format!("{name}\0{value}"))
    }

    /// Whether `mac` is [`Secret::sign_cookie`]'s (constant time).
    pub(crate) fn verify_cookie(&self, name: &str, value: &str, mac: &str) -> bool {
        self.verify("resuma-cookie", &format!("{name}\0{value}"), mac)
    }

    /// Whether `token` is the CSRF token of session `sid` (constant time).
    pub(crate) fn check_token(&self, sid: &str, token: &str) -> bool {
        self.verify("resuma-csrf", sid, token)
    }
}

/// Every value of cookie `name` in a `Cookie` request header, in order. A
/// browser sends several when several were set (a sibling subdomain or a
/// plain-HTTP page can add one), so the caller must not trust the first.
pub(crate) fn cookie_values<'a>(
    header: &'a str,
    name: &'a str,
) -> impl Iterator<Item = &'a str> + 'a {
    header.split(';').filter_map(move |pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then(|| v.trim_matches('"'))
    })
}

/// The `Set-Cookie` header value for a new session cookie.
pub(crate) fn set_cookie(value: &str, https: bool) -> String {
    if https {
        format!("{COOKIE_HTTPS}={value}; Path=/; HttpOnly; Secure; SameSite=Lax")
    } else {
        format!("{COOKIE_HTTP}={value}; Path=/; HttpOnly; SameSite=Lax")
    }
}

/// The name of the session cookie for this scheme.
pub(crate) fn cookie_name(https: bool) -> &'static str {
    if https {
        COOKIE_HTTPS
    } else {
        COOKIE_HTTP
    }
}

tokio::task_local! {
    /// The CSRF token of the request being served, for the page render.
    pub(crate) static CURRENT_TOKEN: String;
}

/// The CSRF token of the page being rendered, if the page is served by an
/// [`App`](crate::App) (it is `None` in `render_to_string`).
pub fn csrf_token() -> Option<String> {
    CURRENT_TOKEN.try_with(Clone::clone).ok()
}

/// A hidden `<input name="_csrf">` holding the page's CSRF token: put it in
/// every plain HTML `<form method="post">` that targets a server function,
/// so the form works without JavaScript.
///
/// ```
/// use resuma::prelude::*;
/// let html = resuma::render_to_string(|| view! {
///     <form method="post" action="/_resuma/action/sign">{resuma::server_fn::csrf_field()}</form>
/// });
/// // Outside a served request there is no session, hence no field.
/// assert_eq!(html, r#"<form method="post" action="/_resuma/action/sign"></form>"#);
/// ```
pub fn csrf_field() -> CsrfField {
    CsrfField(csrf_token())
}

/// The view returned by [`csrf_field`].
pub struct CsrfField(Option<String>);

impl IntoView for CsrfField {
    fn render(self, out: &mut Html) {
        if let Some(token) = self.0 {
            out.raw("<input type=\"hidden\" name=\"_csrf\" value=\"");
            out.attr_value(&token);
            out.raw("\">");
        }
    }
}

/// 64 hex digits (either case) to 32 bytes, without allocating.
fn unhex32(text: &str) -> Option<[u8; 32]> {
    let text = text.as_bytes();
    if text.len() != 64 {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = [0u8; 32];
    for (i, pair) in text.chunks_exact(2).enumerate() {
        out[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> Secret {
        Secret::resolve(Some(vec![7; 32]), true).unwrap()
    }

    #[test]
    fn session_roundtrip_and_tamper() {
        let s = secret();
        let (sid, cookie) = s.new_session();
        assert_eq!(s.open_session(&cookie).as_deref(), Some(sid.as_str()));
        let mut bad = cookie.clone();
        let last = bad.pop().unwrap();
        bad.push(if last == '0' { '1' } else { '0' });
        assert_eq!(s.open_session(&bad), None);
        assert_eq!(s.open_session("zz.zz"), None);
        assert_eq!(s.open_session(""), None);
    }

    #[test]
    fn token_bound_to_session() {
        let s = secret();
        let (a, _) = s.new_session();
        let (b, _) = s.new_session();
        assert!(s.check_token(&a, &s.token(&a)));
        assert!(!s.check_token(&b, &s.token(&a)));
        assert!(!s.check_token(&a, "not hex"));
        let other = Secret::resolve(Some(vec![8; 32]), true).unwrap();
        assert!(
            !s.check_token(&a, &other.token(&a)),
            "a token from another secret is refused"
        );
    }

    #[test]
    fn production_needs_a_secret_and_development_makes_one_up() {
        let err = Secret::resolve(None, true).unwrap_err();
        assert!(
            err.contains("RESUMA_SECRET is not set") && err.contains("RESUMA_ENV=development"),
            "{err}"
        );
        assert!(Secret::resolve(None, false).is_ok());
    }

    #[test]
    fn short_secret_refused() {
        assert!(Secret::resolve(Some(vec![1; 8]), false)
            .unwrap_err()
            .contains("at least 32 bytes"));
    }

    #[test]
    fn cookie_parsing() {
        let values = |h| cookie_values(h, "resuma-session").collect::<Vec<_>>();
        assert_eq!(values("a=1; resuma-session=x.y; b=2"), ["x.y"]);
        assert_eq!(
            values("resuma-session=forged; resuma-session=\"real\""),
            ["forged", "real"]
        );
        assert!(values("a=1").is_empty());
    }
}
