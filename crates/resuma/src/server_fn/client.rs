//! The client side of server functions, for Rust code that runs in the
//! browser (Wasm islands). On `wasm32`, `#[server]` replaces the function's
//! body with a call to [`call`], which posts the arguments as JSON to the
//! function's path and decodes the JSON result or error.
//!
//! This module builds for every target and has no server dependency: the
//! HTTP request itself is made by a [`Transport`] installed once with
//! [`set_transport`]. In islands that is `resuma-islands` (feature
//! `server-fn`, at mount): a `fetch` that sends the page's CSRF token,
//! `<meta name="resuma-csrf">`, in the `x-resuma-csrf` header. Tests on
//! native targets install one over a plain TCP client.
//!
//! [`call`] is also the untyped way in, for an endpoint whose `#[server]`
//! function is not in a crate the island compiles:
//! `call::<_, Saved>("/_resuma/action/save_draft", &Args { markdown })`.

use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

use http::StatusCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::ServerFnError;

/// One request the stub wants sent: `POST path` with a JSON body.
#[derive(Debug, Clone)]
pub struct ClientRequest {
    /// The function's path, e.g. `/_resuma/action/search`.
    pub path: &'static str,
    /// The JSON body (arguments by name).
    pub body: String,
}

/// The status and body of the response, or a network error message.
pub type TransportResult = Result<(u16, Vec<u8>), String>;

/// Sends a [`ClientRequest`]. The future need not be `Send` (browser futures
/// are not).
pub type Transport = fn(ClientRequest) -> Pin<Box<dyn Future<Output = TransportResult>>>;

static TRANSPORT: OnceLock<Transport> = OnceLock::new();

/// Install the transport; only the first call has an effect.
pub fn set_transport(transport: Transport) {
    let _ = TRANSPORT.set(transport);
}

/// Call the server function at `path` with `args` (a struct of the
/// arguments by name) and decode its result.
pub async fn call<A: Serialize, T: DeserializeOwned>(
    path: &'static str,
    args: &A,
) -> Result<T, ServerFnError> {
    let transport = TRANSPORT.get().ok_or_else(|| {
        ServerFnError::custom(
            "no_transport",
            StatusCode::INTERNAL_SERVER_ERROR,
            "no transport for server-function calls is installed; call resuma::server_fn::client::set_transport first",
        )
    })?;
    let body = serde_json::to_string(args).map_err(|e| {
        ServerFnError::custom(
            "client",
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the arguments could not be encoded: {e}"),
        )
    })?;
    let (status, bytes) = transport(ClientRequest { path, body }).await.map_err(|e| {
        ServerFnError::custom(
            "network",
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the server could not be reached: {e}"),
        )
    })?;
    if (200..300).contains(&status) {
        serde_json::from_slice(&bytes).map_err(|e| {
            ServerFnError::custom(
                "client",
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the result could not be decoded: {e}"),
            )
        })
    } else {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
        Err(ServerFnError::from_json(status, &bytes))
    }
}
