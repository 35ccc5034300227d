//! [`ServerFnError`]: what a server function returns when it fails, and what
//! every refused action request carries on the wire (protocol.md §8):
//! `{"error":{"kind":"…","message":"…"}}` with a 4xx or 5xx status.

use std::fmt;

use http::StatusCode;
use serde::{Deserialize, Serialize};

/// The error of a `#[server]` function, and of the action endpoint itself.
///
/// `kind` is a short machine-readable word (`"server"`, `"csrf"`,
/// `"invalid_argument"`, …), `message` a sentence for people. The HTTP status
/// travels in the response line, not in the body.
///
/// ```
/// use resuma::axum::http::StatusCode;
/// use resuma::ServerFnError;
///
/// let e = ServerFnError::new("the database is down");
/// assert_eq!(e.kind, "server");
/// assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
/// assert_eq!(e.to_string(), "the database is down");
///
/// let e = ServerFnError::custom("not_allowed", StatusCode::FORBIDDEN, "only admins may do this");
/// assert_eq!(e.status(), 403);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerFnError {
    /// A short machine-readable word naming the failure.
    pub kind: String,
    /// A human-readable sentence.
    pub message: String,
    /// The HTTP status to answer with; not part of the JSON body.
    #[serde(skip, default = "default_status")]
    status: StatusCode,
}

fn default_status() -> StatusCode {
    StatusCode::INTERNAL_SERVER_ERROR
}

impl ServerFnError {
    /// An application failure: kind `"server"`, status 500.
    pub fn new(message: impl Into<String>) -> Self {
        ServerFnError::custom("server", StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    /// A failure with its own kind and HTTP status. A status that is not an
    /// error (outside 400..=599) is replaced by 500: an error must never
    /// look like success.
    ///
    /// ```
    /// use resuma::axum::http::StatusCode;
    /// let e = resuma::ServerFnError::custom("odd", StatusCode::OK, "not a success");
    /// assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
    /// ```
    pub fn custom(kind: impl Into<String>, status: StatusCode, message: impl Into<String>) -> Self {
        let is_error = status.is_client_error() || status.is_server_error();
        let status = if is_error {
            status
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        ServerFnError {
            kind: kind.into(),
            message: message.into(),
            status,
        }
    }

    /// An internal failure (a database error, an I/O error): its text may
    /// hold internals (queries, paths, addresses), so it goes to the log
    /// with a short random id, and the client gets kind `"internal"`,
    /// status 500 and a message that only carries the id. This is what `?`
    /// does with any error type. (Server only: in the browser a `#[server]`
    /// function is a stub, and its body with its `?`s is not compiled.)
    ///
    /// ```
    /// let io = std::io::Error::other("connection to 10.0.0.5:5432 refused");
    /// let e = resuma::ServerFnError::internal(&io);
    /// assert_eq!(e.kind, "internal");
    /// assert!(!e.message.contains("10.0.0.5"));
    /// assert!(e.message.contains("error id "));
    /// ```
    #[cfg(any(not(target_arch = "wasm32"), target_os = "wasi"))]
    pub fn internal(error: &(dyn std::error::Error + 'static)) -> Self {
        let mut id = [0u8; 4];
        // Without randomness the id is still useful as a marker in the log.
        let _ = getrandom::fill(&mut id);
        let id = resuma_protocol::hex(&id);
        let mut detail = error.to_string();
        let mut source = error.source();
        while let Some(cause) = source {
            detail.push_str(": ");
            detail.push_str(&cause.to_string());
            source = cause.source();
        }
        tracing::error!(error_id = %id, error = %detail, "internal error in a server function");
        ServerFnError::custom(
            "internal",
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the server could not complete this request (error id {id}); the details are in the server log"),
        )
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The JSON body of the error response (protocol.md §8).
    ///
    /// ```
    /// let e = resuma::ServerFnError::custom("csrf", resuma::axum::http::StatusCode::FORBIDDEN, "bad \"token\"");
    /// assert_eq!(e.to_json(), r#"{"error":{"kind":"csrf","message":"bad \"token\""}}"#);
    /// ```
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Body<'a> {
            error: Inner<'a>,
        }
        #[derive(Serialize)]
        struct Inner<'a> {
            kind: &'a str,
            message: &'a str,
        }
        serde_json::to_string(&Body {
            error: Inner {
                kind: &self.kind,
                message: &self.message,
            },
        })
        .expect("two strings always serialise")
    }

    /// Parse an error response body (used by the client stub).
    pub fn from_json(status: StatusCode, body: &[u8]) -> Self {
        #[derive(Deserialize)]
        struct Body {
            error: ServerFnError,
        }
        match serde_json::from_slice::<Body>(body) {
            Ok(b) => ServerFnError::custom(b.error.kind, status, b.error.message),
            Err(_) => ServerFnError::custom(
                "http",
                status,
                format!(
                    "HTTP {}, and the response is not a Resuma JSON error",
                    status.as_u16()
                ),
            ),
        }
    }
}

/// The error response of the action endpoint (protocol.md §8): the status,
/// the JSON body, never cached.
#[cfg(any(not(target_arch = "wasm32"), target_os = "wasi"))]
impl axum::response::IntoResponse for ServerFnError {
    fn into_response(self) -> axum::response::Response {
        use axum::http::{header, HeaderValue};

        let mut response = (self.status, self.to_json()).into_response();
        let h = response.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

impl fmt::Display for ServerFnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Any error type converts into a `ServerFnError`, so `?` works in server
/// functions; see [`ServerFnError::internal`] for what the client sees (a
/// generic message with an id) and what the log gets (everything).
/// (`ServerFnError` itself deliberately does not implement
/// `std::error::Error`, or this conversion would overlap with the identity
/// one.)
#[cfg(any(not(target_arch = "wasm32"), target_os = "wasi"))]
impl<E: std::error::Error + Send + Sync + 'static> From<E> for ServerFnError {
    fn from(error: E) -> Self {
        ServerFnError::internal(&error)
    }
}
