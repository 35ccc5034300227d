//! Calling `#[server]` functions from an island (feature `server-fn`).
//!
//! In a crate that both the server and the island compile, a `#[server]`
//! function is the real function on the server and, on `wasm32`, a stub
//! with the same signature that hands the request to
//! `resuma::server_fn::client` (protocol.md §8). That module encodes the
//! arguments and decodes the result or the error; this one is the
//! [`Transport`] it sends through: a `fetch` `POST` with the page's CSRF
//! token. [`mount!`](crate::mount) installs it before the island's code
//! runs, so the island just calls the function:
//!
//! ```ignore
//! let saved = save_draft(text).await?; // Result<SavedDraft, ServerFnError>
//! ```

use std::future::Future;
use std::pin::Pin;

use resuma::server_fn::client::{self, ClientRequest, TransportResult};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, Response, Window};

/// Install the `fetch` transport (the first call wins; later ones are free).
pub(crate) fn install() {
    client::set_transport(fetch);
}

fn fetch(request: ClientRequest) -> Pin<Box<dyn Future<Output = TransportResult>>> {
    Box::pin(async move { send(request).await.map_err(describe) })
}

/// `POST` the JSON body with the CSRF header; the status and the body bytes.
async fn send(request: ClientRequest) -> Result<(u16, Vec<u8>), JsValue> {
    let window = web_sys::window().ok_or("there is no window to fetch from")?;
    let headers = Headers::new()?;
    headers.set("content-type", "application/json")?;
    if let Some(token) = csrf_token(&window) {
        headers.set("x-resuma-csrf", &token)?;
    }
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&request.body));
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(request.path, &init))
        .await?
        .unchecked_into();
    let body = JsFuture::from(response.array_buffer()?).await?;
    Ok((response.status(), js_sys::Uint8Array::new(&body).to_vec()))
}

/// The page's CSRF token, `<meta name="resuma-csrf" content="…">`. Without
/// one the server answers `403 csrf`, and that error says what is missing.
fn csrf_token(window: &Window) -> Option<String> {
    let meta = window
        .document()?
        .query_selector("meta[name=resuma-csrf]")
        .ok()??;
    meta.get_attribute("content")
}

/// A thrown JS value as text: an `Error`'s message (`fetch` rejects with a
/// `TypeError` when the network fails), else the value itself.
fn describe(error: JsValue) -> String {
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}
