//! [`PageError`]: what a loader, a layout or a middleware answers instead of
//! data: a redirect, or an error page with a status.

use std::fmt;

use axum::http::StatusCode;
use axum::response::IntoResponse;

/// Why a page is not rendered with its data: a redirect (`303 See Other`),
/// or an error shown by the app's error page inside its layouts, with the
/// error's status.
///
/// Any `std::error::Error` converts into an internal error with `?`: its
/// message goes to the log and the visitor sees a plain 500 page.
///
/// ```
/// use resuma::flow::PageError;
/// use resuma::prelude::*;
///
/// fn find(id: u32) -> Result<&'static str, PageError> {
///     match id {
///         1 => Ok("first"),
///         0 => Err(PageError::redirect("/notes/1")),
///         _ => Err(PageError::not_found()),
///     }
/// }
/// assert_eq!(find(7).unwrap_err().status(), StatusCode::NOT_FOUND);
/// assert_eq!(find(0).unwrap_err().location(), Some("/notes/1"));
/// let parse: Result<u32, PageError> = "x".parse::<u32>().map_err(PageError::from);
/// assert_eq!(parse.unwrap_err().status(), StatusCode::INTERNAL_SERVER_ERROR);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageError {
    status: StatusCode,
    /// Shown on the error page (never the cause of a 5xx).
    message: String,
    /// For the log only.
    cause: Option<String>,
    location: Option<String>,
}

impl PageError {
    /// An error page with `status` showing `message` (written as text, so
    /// it may contain anything).
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        PageError {
            status,
            message: message.into(),
            cause: None,
            location: None,
        }
    }

    /// The 404 page: no such record or route.
    pub fn not_found() -> Self {
        PageError::new(StatusCode::NOT_FOUND, "Not found")
    }

    /// A 500 page; `cause` is logged, never shown.
    pub fn internal(cause: impl fmt::Display) -> Self {
        PageError {
            cause: Some(cause.to_string()),
            ..PageError::new(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong")
        }
    }

    /// Send the browser to `path` with `303 See Other`. Only a path of this
    /// site is followed (`/login?next=/admin`); anything else (an absolute
    /// URL, `//host`) would be an open redirect and becomes a redirect to `/`.
    pub fn redirect(path: impl Into<String>) -> Self {
        let path = path.into();
        let location = if crate::server_fn::site::is_page_path(&path) {
            path
        } else {
            tracing::warn!(refused = %path, "redirect to a non-page path refused; sent to `/` instead");
            "/".to_owned()
        };
        PageError {
            location: Some(location),
            ..PageError::new(StatusCode::SEE_OTHER, "See other")
        }
    }

    /// The status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// What the error page shows.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where a redirect goes.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// What went wrong, for the log.
    pub(crate) fn cause(&self) -> Option<&str> {
        self.cause.as_deref()
    }

    /// An extractor refused the request: a path parameter that does not
    /// parse means there is no such page (404); other refusals keep their
    /// status (a bad query string is a 400), shown on the error page.
    pub(crate) fn rejected<R: IntoResponse + 'static>(rejection: R) -> Self {
        let any: &dyn std::any::Any = &rejection;
        if let Some(error) = any.downcast_ref::<PageError>() {
            return error.clone();
        }
        if any.is::<axum::extract::rejection::PathRejection>() {
            return PageError::not_found();
        }
        let status = rejection.into_response().status();
        if status.is_server_error() {
            PageError::internal(format_args!("an extractor failed with {status}"))
        } else {
            let text = status.canonical_reason().unwrap_or("Bad request");
            PageError::new(status, text)
        }
    }
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.location, &self.cause) {
            (Some(to), _) => write!(f, "redirect to {to}"),
            (None, Some(cause)) => write!(f, "{}: {cause}", self.status),
            (None, None) => write!(f, "{}: {}", self.status, self.message),
        }
    }
}

/// Any error (a database error, a missing app state) is a 500 page.
impl<E: std::error::Error> From<E> for PageError {
    fn from(error: E) -> Self {
        PageError::internal(error)
    }
}

/// As an extractor's rejection ([`AppState`](super::AppState)): the status
/// and the message, as text. Flow turns it into the error page.
impl IntoResponse for PageError {
    fn into_response(self) -> axum::response::Response {
        (self.status, self.message).into_response()
    }
}
