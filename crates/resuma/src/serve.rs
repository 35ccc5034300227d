//! Running an [`App`] as a server.

use std::net::SocketAddr;

use crate::app::App;

/// Serve `app` on `HOST:PORT` (defaults `127.0.0.1:3000`), logging requests
/// with `tracing`, until Ctrl-C or SIGTERM.
///
/// ```no_run
/// use resuma::prelude::*;
///
/// #[tokio::main]
/// async fn main() -> std::io::Result<()> {
///     resuma::serve(App::new().page("/", "Hi", || view! { <p>"hi"</p> })).await
/// }
/// ```
pub async fn serve(app: App) -> std::io::Result<()> {
    init_tracing();
    let host = std::env::var("HOST").unwrap_or_else(|_| "127.0.0.1".into());
    let port: u16 = match std::env::var("PORT") {
        Ok(p) => p.parse().map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("PORT must be a number from 0 to 65535, got {p:?}"),
            )
        })?,
        Err(_) => 3000,
    };
    let addr: SocketAddr = format!("{host}:{port}").parse().map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("HOST must be an IP address, got {host:?}"),
        )
    })?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    serve_on(listener, app).await
}

/// Serve `app` on an already bound listener (tests bind port 0).
pub async fn serve_on(listener: tokio::net::TcpListener, app: App) -> std::io::Result<()> {
    let router = app.into_router().layer(request_log());
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

/// One `info` line per request: method, path, status and latency.
fn request_log() -> tower_http::trace::TraceLayer<
    tower_http::classify::SharedClassifier<tower_http::classify::ServerErrorsAsFailures>,
> {
    use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
    TraceLayer::new_for_http()
        .make_span_with(DefaultMakeSpan::new().level(tracing::Level::INFO))
        .on_response(
            DefaultOnResponse::new()
                .level(tracing::Level::INFO)
                .latency_unit(tower_http::LatencyUnit::Micros),
        )
}

/// Install a `tracing` subscriber reading `RUST_LOG` (default `info`), unless
/// one is installed already.
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
