//! [`App`]: pages and assets as an axum [`Router`].

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::Router;

use crate::assets::{self, AssetTable};
use crate::chunk::{self, ChunkSource};
use crate::csp;
use crate::render::{render_document, Document};
use crate::server_fn::{self, Descriptor, Security, ServerFn};
use crate::view::IntoView;

type PageFn = Arc<dyn Fn(&Document<'_>) -> String + Send + Sync>;

/// A Resuma application: pages rendered from components, plus the
/// `/_resuma/*` assets they need. Turn it into an axum [`Router`] with
/// [`App::into_router`], or run it with [`crate::serve`].
///
/// ```
/// use resuma::prelude::*;
///
/// #[component]
/// fn Hello(name: &'static str) -> impl IntoView {
///     view! { <h1>"Hello, " {name}</h1> }
/// }
///
/// let app = App::new()
///     .page("/", "Home", || view! { <Hello name="world" /> })
///     .page("/about", "About", || view! { <p>"Static page"</p> });
/// let router: axum::Router = app.into_router();
/// ```
pub struct App {
    pages: Vec<(String, String, PageFn)>,
    extra_chunks: Vec<&'static ChunkSource>,
    router: Router,
    head: String,
    server_fns: Vec<&'static Descriptor>,
    security: Security,
}

impl Default for App {
    fn default() -> Self {
        App::new()
    }
}

impl App {
    /// An app with no pages yet.
    pub fn new() -> Self {
        App {
            pages: Vec::new(),
            extra_chunks: Vec::new(),
            router: Router::new(),
            head: String::new(),
            server_fns: Vec::new(),
            security: Security::default(),
        }
    }

    /// Serve the view returned by `view` at `path` (an axum path) as a full
    /// HTML page titled `title`. The function runs once per request.
    pub fn page<V, F>(mut self, path: &str, title: &str, view: F) -> Self
    where
        V: IntoView,
        F: Fn() -> V + Send + Sync + 'static,
    {
        let render: PageFn = Arc::new(move |doc: &Document<'_>| render_document(doc, &view));
        self.pages.push((path.to_owned(), title.to_owned(), render));
        self
    }

    /// Markup added to every page's `<head>` (stylesheet links, meta tags).
    /// It is trusted and written as is.
    pub fn head(mut self, markup: &str) -> Self {
        self.head.push_str(markup);
        self
    }

    /// Add a plain axum route (an API endpoint, a health check, ...).
    pub fn route(mut self, path: &str, method_router: MethodRouter) -> Self {
        self.router = self.router.route(path, method_router);
        self
    }

    /// Merge an axum router into the app.
    pub fn merge(mut self, router: Router) -> Self {
        self.router = self.router.merge(router);
        self
    }

    /// Register a handler chunk explicitly. Chunks are registered at link time
    /// on native targets; use this on targets without link-time registration.
    pub fn register_chunk(mut self, chunk: &'static ChunkSource) -> Self {
        self.extra_chunks.push(chunk);
        self
    }

    /// Register a `#[server]` function explicitly: `.register::<name>()`.
    /// Server functions are registered at link time on native targets; use
    /// this on targets without link-time registration (WASI servers).
    pub fn register<F: ServerFn>(mut self) -> Self {
        self.server_fns.push(F::DESCRIPTOR);
        self
    }

    /// The defences of the server-function endpoints (CSRF secret, HTTPS,
    /// allowed origins, rate and size limits); see [`Security`].
    pub fn security(mut self, security: Security) -> Self {
        self.security = security;
        self
    }

    /// Build the axum router: one GET route per page, `/_resuma/{file}`, the
    /// server-function routes (protocol.md §8) and the session layer.
    ///
    /// # Panics
    /// At start-up, with a message saying what to fix, when two server
    /// functions share a name or a path or the secret is too short.
    pub fn into_router(self) -> Router {
        let assets =
            AssetTable::new(chunk::registered_chunks().chain(self.extra_chunks.iter().copied()));
        tracing::debug!(files = ?assets.names(), "resuma assets ready");
        let head: Arc<str> = self.head.into();
        let mut router = self.router;
        for (path, title, render) in self.pages {
            let assets = assets.clone();
            let head = head.clone();
            let title: Arc<str> = title.into();
            router = router.route(
                &path,
                get(move || {
                    let (assets, head, title, render) =
                        (assets.clone(), head.clone(), title.clone(), render.clone());
                    async move { page_response(&assets, &head, &title, &render) }
                }),
            );
        }
        let router = router.route("/_resuma/{file}", get(serve_asset).with_state(assets));
        server_fn::mount(router, &self.server_fns, self.security)
    }
}

fn page_response(assets: &AssetTable, head: &str, title: &str, render: &PageFn) -> Response {
    let nonce = csp::new_nonce();
    let doc = Document {
        title,
        lang: "en",
        head,
        nonce: &nonce,
        core_url: assets.core_url(),
        loader: assets::LOADER_JS,
    };
    // A bug in one page must not take the connection (or the server) down:
    // turn a panic into a 500 and log it.
    match catch_unwind(AssertUnwindSafe(|| render(&doc))) {
        Ok(html) => {
            let mut response = html.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            let policy = HeaderValue::from_str(&csp::page_policy(&nonce)).expect("hex nonce is a valid header");
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
            headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
            response
        }
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(non-string panic)");
            tracing::error!(page = title, %message, "page render panicked");
            (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response()
        }
    }
}

async fn serve_asset(State(assets): State<AssetTable>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some(asset) = assets.get(&file) else {
        return (StatusCode::NOT_FOUND, "unknown Resuma asset").into_response();
    };
    let accept = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    let encoding = assets::negotiate(accept);
    let mut response = encoding.pick(asset).to_vec().into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Some(coding) = encoding.header() {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    response
}
