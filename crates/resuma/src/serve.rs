//! Running an [`App`] as a server.

use std::net::SocketAddr;

use crate::app::App;
use crate::logging::init_tracing;
use crate::serve_error::ServeError;

/// Serve `app` on `HOST:PORT` (defaults `127.0.0.1:3000`), logging requests
/// with `tracing`, until Ctrl-C or SIGTERM. With `RESUMA_EXPORT=DIR` in the
/// environment (`resuma build --static DIR` sets it) it writes the app's
/// static pages and their scripts into `DIR` instead, and returns.
///
/// The app's configuration is checked first, then the port is bound, and
/// only then is `listening on …` logged. A start-up problem (a bad secret,
/// a port in use, …) is a [`ServeError`] of one line; returned from `main`
/// it is printed as `Error: Resuma cannot start: …` with exit status 1.
///
/// ```no_run
/// use resuma::prelude::*;
///
/// #[tokio::main]
/// async fn main() -> Result<(), resuma::ServeError> {
///     resuma::serve(App::new().page("/", "Hi", || view! { <p>"hi"</p> })).await
/// }
/// ```
pub async fn serve(app: App) -> Result<(), ServeError> {
    init_tracing();
    // `resuma build --static` runs the app to write its static pages.
    if let Some(dir) = crate::export::requested() {
        return crate::export::write(app, &dir).await;
    }
    let router = app.try_into_router()?;
    let host = std::env::var("HOST").unwrap_or_else(|_| "127.0.0.1".into());
    let port: u16 = match std::env::var("PORT") {
        Ok(p) => p.parse().map_err(|_| {
            ServeError::start(format_args!(
                "PORT must be a number from 0 to 65535, got {p:?}"
            ))
        })?,
        Err(_) => 3000,
    };
    let addr: SocketAddr = format!("{host}:{port}")
        .parse()
        .map_err(|_| ServeError::start(format_args!("HOST must be an IP address, got {host:?}")))?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::AddrInUse => ServeError::start(format_args!(
                "{addr} is already in use: stop the other server or set PORT to a free port"
            )),
            _ => ServeError::start(format_args!("cannot listen on {addr}: {err}")),
        })?;
    let local = listener.local_addr().map_err(ServeError::stopped)?;
    tracing::info!("listening on http://{local}");
    run(listener, router).await
}

/// Serve `app` on an already bound listener (tests bind port 0).
pub async fn serve_on(listener: tokio::net::TcpListener, app: App) -> Result<(), ServeError> {
    run(listener, app.try_into_router()?).await
}

async fn run(listener: tokio::net::TcpListener, router: axum::Router) -> Result<(), ServeError> {
    // Under `resuma dev` (debug builds only): the live-reload script.
    let router = crate::dev_reload::layer(router).layer(request_log());
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(ServeError::stopped)
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
