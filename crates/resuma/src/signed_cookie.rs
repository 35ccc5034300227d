//! Signed cookies: a small value (a user name, a role) that the app stores
//! in the visitor's browser and can trust when it comes back, because it is
//! signed with HMAC-SHA256 under the app's secret (the one that signs the
//! session and CSRF tokens, `RESUMA_SECRET`). Any replica with the same
//! secret accepts it; a changed value or signature is ignored as if absent.
//!
//! [`set`] and [`remove`] work inside a `#[server]` function (the cookie
//! goes out with its response, a redirect after a plain form post
//! included); [`get`] works in pages, loaders, middleware and server
//! functions.
//!
//! ```
//! use resuma::prelude::*;
//!
//! #[server(encoding = "form")]
//! async fn log_in(name: String, password: String) -> Result<String, ServerFnError> {
//!     if (name.as_str(), password.as_str()) != ("admin", "admin") {
//!         return Err(resuma::form::invalid_field("password", "wrong name or password"));
//!     }
//!     resuma::signed_cookie::set("user", &name)?;
//!     Ok(name)
//! }
//!
//! async fn signed_in() -> Option<String> {
//!     resuma::signed_cookie::get("user")
//! }
//! # let _ = signed_in;
//! ```
//!
//! The cookie is `NAME=VALUE.MAC; Path=/; HttpOnly; SameSite=Lax` (with
//! `Secure` and the `__Host-` prefix over HTTPS) and lasts for the browser
//! session. The value is readable by whoever holds the cookie: sign, do not
//! hide, with it.

use axum::http::StatusCode;

use crate::server_fn::csrf::Secret;
use crate::ServerFnError;

/// The key and scheme, kept among the app states by the server-function
/// layer so that [`get`] finds them wherever the context is.
#[derive(Clone)]
pub(crate) struct SigningKey {
    pub(crate) secret: Secret,
    pub(crate) https: bool,
}

fn full_name(name: &str, https: bool) -> String {
    if https {
        format!("__Host-{name}")
    } else {
        name.to_owned()
    }
}

/// Cookie names and values are kept to characters that need no quoting.
fn is_plain(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 1024
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'@' | b'~'))
}

/// The value of signed cookie `name`, if the request carries one whose
/// signature verifies (the first such, when a browser sends several).
pub fn get(name: &str) -> Option<String> {
    let key = crate::context::state::<SigningKey>().ok()?;
    let full = full_name(name, key.https);
    crate::context::read_headers(|headers| {
        headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|h| crate::server_fn::cookie_values(h, &full))
            .find_map(|v| {
                let (value, mac) = v.rsplit_once('.')?;
                key.secret
                    .verify_cookie(name, value, mac)
                    .then(|| value.to_owned())
            })
    })
}

/// Send signed cookie `name` = `value` with the response of the server
/// function being run. Names and values are ASCII letters, digits and
/// `-_.@~` (at most 1024 bytes).
///
/// # Errors
/// Outside a server function, or for a name or value with other
/// characters: an internal error saying which.
pub fn set(name: &str, value: &str) -> Result<(), ServerFnError> {
    if !is_plain(name) || !is_plain(value) {
        return Err(ServerFnError::new(format!(
            "signed_cookie::set({name:?}, ..): names and values may hold ASCII letters, digits and `-_.@~` only"
        )));
    }
    let key = crate::context::state::<SigningKey>()?;
    let mac = key.secret.sign_cookie(name, value);
    push(format!(
        "{}={value}.{mac}; Path=/; HttpOnly; SameSite=Lax{}",
        full_name(name, key.https),
        if key.https { "; Secure" } else { "" }
    ))
}

/// Tell the browser to drop cookie `name` (log out).
///
/// # Errors
/// Outside a server function: an internal error.
pub fn remove(name: &str) -> Result<(), ServerFnError> {
    let key = crate::context::state::<SigningKey>()?;
    push(format!(
        "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
        full_name(name, key.https),
        if key.https { "; Secure" } else { "" }
    ))
}

fn push(cookie: String) -> Result<(), ServerFnError> {
    if crate::context::push_set_cookie(cookie) {
        return Ok(());
    }
    Err(ServerFnError::custom(
        "server",
        StatusCode::INTERNAL_SERVER_ERROR,
        "signed_cookie::set and remove work inside a #[server] function only",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_only() {
        assert!(is_plain("admin"));
        assert!(is_plain("ada@example.org"));
        assert!(!is_plain(""));
        assert!(!is_plain("a;b"));
        assert!(!is_plain("a b"));
        assert!(!is_plain(&"x".repeat(1025)));
    }
}
