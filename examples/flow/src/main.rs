//! Runs the Flow notes app on `HOST:PORT` (default `127.0.0.1:3000`).

#[tokio::main]
async fn main() -> Result<(), resuma::ServeError> {
    resuma::serve(flow::app()).await
}
