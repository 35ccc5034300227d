//! Calling `#[server]` functions from an island: `POST` the arguments as JSON
//! to the function's path with the page's CSRF token, decode the JSON result
//! or the JSON error (protocol.md §8).
//!
//! `#[server]` also generates a Wasm stub with the function's own signature,
//! but it lives in the `resuma` crate, which does not build for `wasm32` yet;
//! until it does, islands call the endpoint through [`call_server`].

use std::fmt;

use js_sys::{Reflect, JSON};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, Response};

/// Why a server-function call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerError {
    /// The HTTP status, or 0 when the server could not be reached.
    pub status: u16,
    /// The error's kind as the server named it (`"validation"`, …), or
    /// `"network"` / `"decode"` for failures on this side.
    pub kind: String,
    /// A message for people.
    pub message: String,
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.kind, self.status, self.message)
    }
}

impl std::error::Error for ServerError {}

fn local_error(kind: &str, detail: JsValue) -> ServerError {
    let message = detail
        .as_string()
        .or_else(|| JSON::stringify(&detail).ok().and_then(|s| s.as_string()));
    ServerError {
        status: 0,
        kind: kind.to_owned(),
        message: message.unwrap_or_default(),
    }
}

/// `POST path` with `args` (a struct of the arguments by name) and decode
/// the result.
///
/// ```ignore
/// #[derive(serde::Serialize)]
/// struct Args<'a> { markdown: &'a str }
/// let saved: Saved = call_server("/_resuma/action/save_draft", &Args { markdown: &text }).await?;
/// ```
pub async fn call_server<A: Serialize, T: DeserializeOwned>(
    path: &str,
    args: &A,
) -> Result<T, ServerError> {
    let window = web_sys::window().ok_or_else(|| local_error("network", "no window".into()))?;
    let args = serde_wasm_bindgen::to_value(args).map_err(|e| local_error("encode", e.into()))?;
    let body = JSON::stringify(&args).map_err(|e| local_error("encode", e))?;
    let headers = Headers::new().map_err(|e| local_error("network", e))?;
    let _ = headers.set("content-type", "application/json");
    if let Some(token) = csrf_token(&window) {
        let _ = headers.set("x-resuma-csrf", &token);
    }
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&body);
    let response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .map_err(|e| local_error("network", e))?;
    let response: Response = response.unchecked_into();
    let status = response.status();
    let json = match response.json() {
        Ok(promise) => JsFuture::from(promise).await.map_err(|e| ServerError {
            status,
            ..local_error("decode", e)
        })?,
        Err(e) => {
            return Err(ServerError {
                status,
                ..local_error("decode", e)
            })
        }
    };
    if response.ok() {
        return serde_wasm_bindgen::from_value(json).map_err(|e| ServerError {
            status,
            ..local_error("decode", e.into())
        });
    }
    // `{"error":{"kind":"…","message":"…"}}`
    let error = Reflect::get(&json, &"error".into()).unwrap_or(JsValue::UNDEFINED);
    let field = |name: &str| {
        Reflect::get(&error, &name.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    Err(ServerError {
        status,
        kind: field("kind"),
        message: field("message"),
    })
}

/// The page's CSRF token, `<meta name="resuma-csrf" content="…">`.
fn csrf_token(window: &web_sys::Window) -> Option<String> {
    let meta = window
        .document()?
        .query_selector("meta[name=resuma-csrf]")
        .ok()??;
    meta.get_attribute("content")
}
