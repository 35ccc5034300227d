//! Runs the counter example on `HOST:PORT` (default `127.0.0.1:3000`).

#[cfg(not(target_os = "wasi"))]
#[tokio::main]
async fn main() -> Result<(), resuma::ServeError> {
    resuma::serve(counter::app()?).await
}

#[cfg(target_os = "wasi")]
resuma::wasi_http_component!(counter::app());
