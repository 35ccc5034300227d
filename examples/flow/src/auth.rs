//! Logging in: a form posting to [`log_in`], which marks the session with a
//! signed cookie (`resuma::signed_cookie`, HMAC under the app's secret).

use resuma::prelude::*;

/// The signed cookie holding the name of the visitor who logged in.
pub const USER_COOKIE: &str = "flow-user";

/// The demo account, stated on the login page.
pub const DEMO: (&str, &str) = ("admin", "admin");

/// The visitor who logged in, if any.
pub fn user() -> Option<String> {
    resuma::signed_cookie::get(USER_COOKIE)
}

/// Check the name and password; on success set the signed cookie. A
/// plain form post then goes back to the login page, which sends the
/// visitor on to `next`.
#[server(encoding = "form")]
pub async fn log_in(name: String, password: String) -> Result<String, ServerFnError> {
    if (name.as_str(), password.as_str()) != DEMO {
        return Err(resuma::form::invalid_field(
            "password",
            "Wrong name or password.",
        ));
    }
    resuma::signed_cookie::set(USER_COOKIE, &name)?;
    Ok(format!("Logged in as {name}."))
}

/// Forget the login.
#[server(encoding = "form")]
pub async fn log_out() -> Result<String, ServerFnError> {
    resuma::signed_cookie::remove(USER_COOKIE)?;
    Ok("Logged out.".to_owned())
}
