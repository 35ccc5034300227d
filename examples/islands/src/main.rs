//! Runs the islands example on `HOST:PORT` (default `127.0.0.1:3000`).
//! Build the islands first: `cargo run -p resuma-cli -- build --manifest-path examples/islands/Cargo.toml`.

#[tokio::main]
async fn main() -> Result<(), resuma::ServeError> {
    let dist = std::env::var("ISLANDS_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/dist/islands").to_owned());
    resuma::serve(islands_example::app(dist)).await
}
