//! [`App`]: pages and assets as an axum [`Router`].

use std::panic::{catch_unwind, AssertUnwindSafe};

use futures_util::future::{BoxFuture, FutureExt};
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::Router;

use crate::assets::{self, AssetTable};
use crate::chunk::{self, ChunkSource};
use crate::csp;
use crate::island::{self, IslandFiles};
use crate::panic_message::panic_message;
use crate::render::{render_document, Document};
use crate::serve_error::ServeError;
use crate::server_fn::shared::Shared;
use crate::server_fn::{self, Descriptor, Security, ServerFn};
use crate::view::IntoView;

/// Renders a page once its data is loaded.
type RenderFn = Box<dyn FnOnce(&Document<'_>) -> String + Send>;

/// Loads a page's data (asynchronously), then hands back its renderer. A
/// load error becomes a 500 page; its message is logged, never shown.
type PageFn = Arc<dyn Fn() -> BoxFuture<'static, Result<RenderFn, String>> + Send + Sync>;

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
    /// Where `resuma build` put the island files (crate::island).
    islands_dir: Option<std::path::PathBuf>,
    /// App states by type ([`App::with_state`]).
    states: axum::http::Extensions,
    /// Flow pages ([`App::flow`]).
    flow: Option<crate::flow::Routes>,
    /// The paths of the pages that need no request ([`App::page`]), for
    /// the static export (crate::export), which is native only.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    static_pages: Vec<String>,
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
            islands_dir: None,
            states: axum::http::Extensions::new(),
            flow: None,
            static_pages: Vec::new(),
        }
    }

    /// Make `state` (a database pool, a client, configuration) available to
    /// every page, loader and server function as
    /// [`resuma::context::state::<S>()`](crate::context::state), without a
    /// global. One value per type; a second `with_state` of the same type
    /// replaces the first. Cheap to clone is best (`Arc` inside, like a pool).
    ///
    /// ```
    /// use resuma::prelude::*;
    ///
    /// #[derive(Clone)]
    /// struct SiteName(&'static str);
    ///
    /// fn home() -> impl IntoView {
    ///     let SiteName(name) = resuma::context::state::<SiteName>().expect("App::with_state(SiteName)");
    ///     view! { <h1>{name}</h1> }
    /// }
    ///
    /// let app = App::new().with_state(SiteName("Resuma")).page("/", "Home", home);
    /// # let _ = app.into_router();
    /// ```
    pub fn with_state<S: Clone + Send + Sync + 'static>(mut self, state: S) -> Self {
        self.states.insert(state);
        self
    }

    /// Serve the view returned by `view` at `path` (an axum path) as a full
    /// HTML page titled `title`. The function runs once per request.
    /// `resuma build --static` writes such a page as an HTML file.
    pub fn page<V, F>(mut self, path: &str, title: &str, view: F) -> Self
    where
        V: IntoView,
        F: Fn() -> V + Send + Sync + 'static,
    {
        let view = Arc::new(view);
        let render: PageFn = Arc::new(move || {
            let view = view.clone();
            let render: RenderFn = Box::new(move |doc: &Document<'_>| render_document(doc, &*view));
            Box::pin(std::future::ready(Ok(render)))
        });
        self.pages.push((path.to_owned(), title.to_owned(), render));
        self.static_pages.push(path.to_owned());
        self
    }

    /// Serve a page whose data comes from an async source (a database, a
    /// service): `load` runs first, then `view` renders with its result.
    /// Rendering stays synchronous and in one pass; only the loading waits.
    /// An `Err` from `load` is logged and answered with a 500.
    ///
    /// ```
    /// use resuma::prelude::*;
    ///
    /// async fn names() -> Result<Vec<String>, std::io::Error> {
    ///     Ok(vec!["Ada".into(), "Grace".into()])
    /// }
    ///
    /// let app = App::new().page_with("/people", "People", names, |names: Vec<String>| {
    ///     view! { <ul>{names.into_iter().map(|n| view! { <li>{n}</li> }).collect::<Vec<_>>()}</ul> }
    /// });
    /// # let _ = app;
    /// ```
    pub fn page_with<D, E, Fut, L, V, F>(
        mut self,
        path: &str,
        title: &str,
        load: L,
        view: F,
    ) -> Self
    where
        L: Fn() -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = Result<D, E>> + Send + 'static,
        E: std::fmt::Display,
        D: Send + 'static,
        V: IntoView,
        F: Fn(D) -> V + Send + Sync + 'static,
    {
        let view = Arc::new(view);
        let render: PageFn = Arc::new(move || {
            let (loading, view) = (load(), view.clone());
            Box::pin(async move {
                let data = loading.await.map_err(|e| e.to_string())?;
                let render: RenderFn =
                    Box::new(move |doc: &Document<'_>| render_document(doc, || view(data)));
                Ok(render)
            })
        });
        self.pages.push((path.to_owned(), title.to_owned(), render));
        self
    }

    /// Serve a Flow route table ([`crate::flow`]): pages with typed path
    /// parameters and loaders, layouts, middleware, and the 404 page for
    /// every path no route answers. Built by hand or by `resuma::pages!`
    /// from the files under `src/pages/`. One table per app; pages added
    /// with [`App::page`] keep working beside it.
    ///
    /// ```
    /// use resuma::flow::{Page, Routes};
    /// use resuma::prelude::*;
    ///
    /// let app = App::new()
    ///     .page("/", "Home", || view! { <h1>"Home"</h1> })
    ///     .flow(Routes::new().page("/about", Page::new(|| view! { <h1>"About"</h1> }).title("About")));
    /// # let _ = app.into_router();
    /// ```
    pub fn flow(mut self, routes: crate::flow::Routes) -> Self {
        self.flow = Some(routes);
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

    /// Register the chunks of a component by hand: `#[component] fn Counter`
    /// exposes them as `CounterProps::CHUNKS`.
    ///
    /// ```
    /// use resuma::prelude::*;
    ///
    /// #[component]
    /// fn Counter() -> impl IntoView {
    ///     let n = use_signal(0);
    ///     view! { <button onClick={move |_| n.set(n.get() + 1)}>{n}</button> }
    /// }
    ///
    /// assert_eq!(CounterProps::CHUNKS.len(), 1);
    /// let app = App::new().register_chunks(CounterProps::CHUNKS);
    /// # let _ = app;
    /// ```
    pub fn register_chunks(mut self, chunks: &'static [&'static ChunkSource]) -> Self {
        self.extra_chunks.extend_from_slice(chunks);
        self
    }

    /// Register a `#[server]` function explicitly by its type:
    /// `.register::<AddTodo>()` for `#[server(AddTodo, ...)]`, else
    /// `.register::<add_todo>()` (the function's name).
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

    /// Serve the islands that `resuma build` wrote to `dir` (its
    /// `manifest.json` and the hashed files it names) under
    /// `/_resuma/islands/`, immutable, and give `#[island]` components their
    /// module URLs. Pages that render an island get `'wasm-unsafe-eval'` in
    /// their CSP; all other pages keep the strict policy.
    ///
    /// The directory is read once, when the router is built.
    pub fn islands_dir(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.islands_dir = Some(dir.into());
        self
    }

    /// Build the axum router: one GET route per page, `/_resuma/{file}`, the
    /// server-function routes (protocol.md §8), the session layer and the
    /// host check. [`App::try_into_router`] returns the start-up errors
    /// instead.
    ///
    /// Serve it with the client's address, as [`crate::serve`] does
    /// (`router.into_make_service_with_connect_info::<SocketAddr>()`):
    /// rate-limited server functions refuse calls (500 `client_unknown`)
    /// when they cannot tell clients apart.
    ///
    /// # Panics
    /// At start-up, with the message of the [`ServeError`], when the app's
    /// configuration is wrong (see [`App::try_into_router`]).
    pub fn into_router(self) -> Router {
        self.try_into_router().unwrap_or_else(|err| panic!("{err}"))
    }

    /// Build the axum router, or say what in the configuration is wrong: two
    /// pages or server functions on one path, a page path that is not
    /// absolute, a missing or short secret (production needs one), no
    /// allowed hosts in production, an unreadable [`App::islands_dir`].
    pub fn try_into_router(self) -> Result<Router, ServeError> {
        check_page_paths(&self.pages, self.flow.as_ref())?;
        let assets = self.asset_table();
        tracing::debug!(files = ?assets.names(), "resuma assets ready");
        let head: Arc<str> = self.head.into();
        let islands = match self.islands_dir.as_deref() {
            Some(dir) => Some(Arc::new(IslandFiles::load(dir).map_err(|err| {
                ServeError::start(format_args!("App::islands_dir: {err}"))
            })?)),
            None => None,
        };
        let shared = Arc::new(
            Shared::new(&self.server_fns, self.security, self.states).map_err(ServeError::start)?,
        );
        let states = shared.states.clone();
        let mut router = self.router;
        if let Some(routes) = self.flow {
            let env = crate::flow::respond::PageEnv {
                assets: assets.clone(),
                head: head.clone(),
                islands: islands.clone(),
                states: states.clone(),
            };
            router = routes.mount(router, env)?;
        }
        for (path, title, render) in self.pages {
            let assets = assets.clone();
            let head = head.clone();
            let islands = islands.clone();
            let states = states.clone();
            let title: Arc<str> = title.into();
            router = router.route(
                &path,
                get(move |request: axum::extract::Request| {
                    let (assets, head, title, render, islands) =
                        (assets.clone(), head.clone(), title.clone(), render.clone(), islands.clone());
                    let (parts, _) = request.into_parts();
                    // The loader and the render see the request and the app
                    // state (crate::context).
                    crate::context::scope(states.clone(), parts, async move {
                        // A panic while loading is a bug in the page, like one
                        // while rendering: a 500, and the server keeps serving.
                        match AssertUnwindSafe(render()).catch_unwind().await {
                            Ok(Ok(render)) => page_response(&assets, &head, &title, render, islands.as_ref()),
                            Ok(Err(message)) => {
                                tracing::error!(page = &*title, %message, "page data failed to load");
                                internal_error()
                            }
                            Err(panic) => {
                                let message = panic_message(&*panic);
                                tracing::error!(page = &*title, %message, "page data loading panicked");
                                internal_error()
                            }
                        }
                    })
                })
                // Pages are rendered per request, so they are compressed per
                // request (assets are served from precompressed copies).
                .layer(tower_http::compression::CompressionLayer::new().br(true).gzip(true)),
            );
        }
        let router = router.route("/_resuma/{file}", get(serve_asset).with_state(assets));
        let router = match islands {
            Some(files) => router.route(
                "/_resuma/islands/{file}",
                get(serve_island_file).with_state(files),
            ),
            None => router,
        };
        let router = server_fn::mount(router, shared.clone());
        Ok(crate::middleware::around(router, shared))
    }
}

impl App {
    /// Every script the app serves under `/_resuma/`.
    fn asset_table(&self) -> AssetTable {
        // `<Form>`'s chunk is Resuma's own: served on every target, also
        // where nothing registers at link time.
        AssetTable::new(
            chunk::registered_chunks()
                .chain(self.extra_chunks.iter().copied())
                .chain([&crate::form::CHUNK]),
        )
    }

    /// What `resuma build --static` writes (crate::export). An unreadable
    /// islands directory lists no files here; building the router then
    /// reports it.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn export_plan(&self) -> crate::export::Plan {
        let mut pages = self.static_pages.clone();
        pages.extend(self.flow.iter().flat_map(|f| f.prerendered_paths()));
        let island_files = self
            .islands_dir
            .as_deref()
            .and_then(|dir| IslandFiles::load(dir).ok())
            .map(|files| files.names())
            .unwrap_or_default();
        crate::export::Plan {
            pages,
            assets: self.asset_table().names().into_iter().map(str::to_owned).collect(),
            island_files,
            not_found_page: self.flow.is_some(),
        }
    }
}

/// Page paths are absolute, and each is used once (axum would panic);
/// Flow pages count too, named by their path.
fn check_page_paths(
    pages: &[(String, String, PageFn)],
    flow: Option<&crate::flow::Routes>,
) -> Result<(), ServeError> {
    let named: Vec<(&str, &str)> = pages
        .iter()
        .map(|(path, title, _)| (path.as_str(), title.as_str()))
        .chain(flow.into_iter().flat_map(|f| f.paths()).map(|p| (p, p)))
        .collect();
    for (i, &(path, title)) in named.iter().enumerate() {
        if !path.starts_with('/') {
            return Err(ServeError::start(format_args!(
                "the page {title:?} has the path {path:?}, which must start with `/`"
            )));
        }
        if path.starts_with("/_resuma/") {
            return Err(ServeError::start(format_args!("the page {title:?} uses {path:?}: `/_resuma/` is reserved for Resuma's assets and actions")));
        }
        if let Some((_, first)) = named[..i].iter().find(|(p, _)| *p == path) {
            return Err(ServeError::start(format_args!(
                "two pages are registered at `{path}` ({first:?} and {title:?}); remove or rename one"
            )));
        }
    }
    Ok(())
}

fn page_response(
    assets: &AssetTable,
    head: &str,
    title: &str,
    render: RenderFn,
    islands: Option<&Arc<IslandFiles>>,
) -> Response {
    let nonce = csp::new_nonce();
    let doc = Document {
        title,
        lang: "en",
        head,
        nonce: &nonce,
        core_url: assets.core_url(),
        lite_core_url: assets.lite_core_url(),
        loader: assets::LOADER_JS,
    };
    // A bug in one page must not take the connection (or the server) down:
    // turn a panic into a 500 and log it.
    let (rendered, has_islands) =
        island::render_with(islands, || catch_unwind(AssertUnwindSafe(|| render(&doc))));
    match rendered {
        Ok(html) => {
            let mut response = html.into_response();
            // The page carries this visitor's CSRF token (`<meta name="resuma-csrf">`):
            // no shared cache may keep it or hand it to someone else. Only
            // pages with islands may compile WebAssembly (§9, §10).
            crate::flow::respond::page_headers(response.headers_mut(), &nonce, has_islands, None);
            response
        }
        Err(panic) => {
            let message = panic_message(&*panic);
            tracing::error!(page = title, %message, "page render panicked");
            internal_error()
        }
    }
}

/// What a client sees of a bug in a page or route: only that it happened.
fn internal_error() -> Response {
    (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response()
}

pub(crate) fn route_panicked(panic: Box<dyn std::any::Any + Send>) -> Response {
    tracing::error!(message = %panic_message(&*panic), "a route panicked");
    internal_error()
}

/// The 404 of an unknown `/_resuma/` file. Without link-time registration a
/// chunk is unknown when its component was not registered: say how.
const UNKNOWN_ASSET: &str = if cfg!(target_os = "wasi") {
    "unknown Resuma asset: a wasi:http component serves only the chunks it registers; add \
     `.register_chunks(NameProps::CHUNKS)` to the App for each component with handlers"
} else {
    "unknown Resuma asset"
};

async fn serve_asset(
    State(assets): State<AssetTable>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    match assets.get(&file) {
        Some(asset) => immutable_response(asset, "text/javascript; charset=utf-8", &headers),
        None => (StatusCode::NOT_FOUND, UNKNOWN_ASSET).into_response(),
    }
}

async fn serve_island_file(
    State(files): State<Arc<IslandFiles>>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    match files.get(&file) {
        Some(asset) => immutable_response(asset, island::content_type(&file), &headers),
        None => (StatusCode::NOT_FOUND, "unknown island file").into_response(),
    }
}

/// A hashed file: precompressed copy picked from `Accept-Encoding`, cached
/// for a year (protocol.md §6).
fn immutable_response(
    asset: &assets::Asset,
    content_type: &'static str,
    headers: &HeaderMap,
) -> Response {
    let accept = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let encoding = assets::negotiate(accept);
    let mut response = encoding.pick(asset).to_vec().into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(coding) = encoding.header() {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    response
}
