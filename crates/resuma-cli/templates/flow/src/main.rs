//! Serves the app on `HOST:PORT` (default `127.0.0.1:3000`).

#[tokio::main]
async fn main() -> Result<(), resuma::ServeError> {
    resuma::serve({{crate}}::app()).await
}
