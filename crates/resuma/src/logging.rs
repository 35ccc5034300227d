//! The server's log: `tracing` to standard error, natively and in a wasi:http
//! component (where the runtime forwards the component's stderr).

/// Install a `tracing` subscriber reading `RUST_LOG` (default `info`), unless
/// one is installed already.
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}
