//! [`ServerFnError`]: what a server function returns when it fails, and what
//! every refused action request carries on the wire (protocol.md §8):
//! `{"error":{"kind":"…","message":"…"}}` with a 4xx or 5xx status.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The error of a `#[server]` function, and of the action endpoint itself.
///
/// `kind` is a short machine-readable word (`"server"`, `"csrf"`,
/// `"invalid_argument"`, …), `message` a sentence for people. The HTTP status
/// travels in the response line, not in the body.
///
/// ```
/// use resuma::ServerFnError;
///
/// let e = ServerFnError::new("the database is down");
/// assert_eq!(e.kind, "server");
/// assert_eq!(e.status(), 500);
/// assert_eq!(e.to_string(), "the database is down");
///
/// let e = ServerFnError::custom("not_allowed", 403, "only admins may do this");
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
    status: u16,
}

fn default_status() -> u16 {
    500
}

impl ServerFnError {
    /// An application failure: kind `"server"`, status 500.
    pub fn new(message: impl Into<String>) -> Self {
        ServerFnError::custom("server", 500, message)
    }

    /// A failure with its own kind and HTTP status. A status outside
    /// 400..=599 is replaced by 500: an error must never look like success.
    pub fn custom(kind: impl Into<String>, status: u16, message: impl Into<String>) -> Self {
        let status = if (400..=599).contains(&status) { status } else { 500 };
        ServerFnError { kind: kind.into(), message: message.into(), status }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The JSON body of the error response (protocol.md §8).
    ///
    /// ```
    /// let e = resuma::ServerFnError::custom("csrf", 403, "bad \"token\"");
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
        serde_json::to_string(&Body { error: Inner { kind: &self.kind, message: &self.message } })
            .expect("two strings always serialise")
    }

    /// Parse an error response body (used by the client stub).
    pub fn from_json(status: u16, body: &[u8]) -> Self {
        #[derive(Deserialize)]
        struct Body {
            error: ServerFnError,
        }
        match serde_json::from_slice::<Body>(body) {
            Ok(b) => ServerFnError { status, ..b.error },
            Err(_) => ServerFnError::custom("http", status, format!("HTTP {status}, and the response is not a Resuma JSON error")),
        }
    }
}

impl fmt::Display for ServerFnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Any error type converts into a `ServerFnError` with kind `"server"`, so `?`
/// works in server functions. (`ServerFnError` itself deliberately does not
/// implement `std::error::Error`, or this conversion would overlap with the
/// identity one.)
impl<E: std::error::Error + Send + Sync + 'static> From<E> for ServerFnError {
    fn from(error: E) -> Self {
        ServerFnError::new(error.to_string())
    }
}
