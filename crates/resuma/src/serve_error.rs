//! [`ServeError`]: why an app could not start (or stopped) serving, as one
//! line that says what to fix.

use std::fmt;

/// A start-up error: a configuration problem found before the first request
/// (a weak or missing secret, two pages or server functions on one path, an
/// unreadable islands build, a port in use). Its `Debug` form is the same
/// single line as its `Display` form, so `main` returning
/// `Result<(), ServeError>` prints `Error: Resuma cannot start: …` and exits
/// with status 1, without a backtrace.
///
/// ```
/// use resuma::prelude::*;
///
/// let app = App::new().page("/", "A", || view! { <p>"a"</p> }).page("/", "B", || view! { <p>"b"</p> });
/// let err = app.try_into_router().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "Resuma cannot start: two pages are registered at `/` (\"A\" and \"B\"); remove or rename one"
/// );
/// ```
pub struct ServeError {
    message: String,
}

impl ServeError {
    /// A start-up error saying `message` (what is wrong and how to fix it);
    /// apps use it for their own start-up checks too (a database that
    /// cannot be opened), so that every such error reads the same.
    pub fn start(message: impl fmt::Display) -> Self {
        ServeError {
            message: format!("Resuma cannot start: {message}"),
        }
    }

    /// The server stopped because of an I/O error.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn stopped(error: std::io::Error) -> Self {
        ServeError {
            message: format!("the Resuma server stopped: {error}"),
        }
    }
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Debug for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ServeError {}
