//! Natively: serves the saved counter on `HOST:PORT` (default
//! `127.0.0.1:3000`). For `wasm32-wasip2`: a wasi:http component
//! (`scripts/serve-wasi saved-counter`).

#[cfg(not(target_os = "wasi"))]
#[tokio::main]
async fn main() -> Result<(), resuma::ServeError> {
    resuma::serve(saved_counter::app()?).await
}

#[cfg(target_os = "wasi")]
resuma::wasi_http_component!(saved_counter::app());
