//! [`Routes`]: the route table of Flow pages, with layouts, middleware and
//! error pages, mounted into the app's router by [`App::flow`](crate::App::flow).

use std::sync::Arc;

use axum::extract::Request;
use axum::routing::get;
use axum::Router;

use super::error::PageError;
use super::page::{ErasedPage, Layout, Middleware, Page};
use super::respond::{self, PageEnv, Table};
use crate::serve_error::ServeError;
use crate::view::{AnyView, IntoView};

/// Renders an error page's content (inside the layouts).
pub(crate) type ErrorView = Arc<dyn Fn(&PageError) -> AnyView + Send + Sync>;

/// A table of pages (axum paths: `/notes/{id}`, `/files/{*rest}`), the
/// layouts and middleware that apply below a path prefix, and the 404 and
/// error pages. `resuma::pages!` builds one from the files under
/// `src/pages/`; it can also be written by hand.
///
/// ```
/// use resuma::axum::extract::Path;
/// use resuma::flow::{Layout, Page, PageError, Routes};
/// use resuma::prelude::*;
///
/// async fn load(Path(id): Path<u32>) -> Result<u32, PageError> {
///     if id > 2 { Err(PageError::not_found()) } else { Ok(id) }
/// }
///
/// let routes = Routes::new()
///     .layout("/", Layout::new(|children: Children| view! { <nav aria-label="Main"><a href="/">"Home"</a></nav><main>{children}</main> }))
///     .page("/", Page::new(|| view! { <h1>"Notes"</h1> }).title("Notes"))
///     .page("/notes/{id}", Page::with_load(load, |id: u32| view! { <h1>"Note " {id}</h1> }))
///     .not_found(|error: &PageError| {
///         let message = error.message().to_owned();
///         view! { <h1>{message}</h1> }
///     });
/// let app = App::new().flow(routes);
/// # let _ = app.into_router();
/// ```
pub struct Routes {
    pages: Vec<(String, Arc<dyn ErasedPage>)>,
    layouts: Vec<(String, Layout)>,
    middleware: Vec<(String, Middleware)>,
    not_found: Option<ErrorView>,
    error: Option<ErrorView>,
    lang: String,
    title: String,
}

impl Default for Routes {
    fn default() -> Self {
        Routes::new()
    }
}

impl Routes {
    /// An empty table: `lang="en"`, default title "Resuma".
    pub fn new() -> Self {
        Routes {
            pages: Vec::new(),
            layouts: Vec::new(),
            middleware: Vec::new(),
            not_found: None,
            error: None,
            lang: "en".to_owned(),
            title: "Resuma".to_owned(),
        }
    }

    /// Serve `page` at `path` (an axum path).
    pub fn page<D: Send + 'static>(mut self, path: &str, page: Page<D>) -> Self {
        self.pages.push((path.to_owned(), Arc::new(page)));
        self
    }

    /// Wrap every page at or below `prefix` (`/admin` covers `/admin` and
    /// `/admin/users`, not `/administrator`) in `layout`; outer prefixes
    /// wrap inner ones.
    pub fn layout(mut self, prefix: &str, layout: Layout) -> Self {
        self.layouts.push((prefix.to_owned(), layout));
        self
    }

    /// Run `middleware` before every page at or below `prefix`, outer
    /// prefixes first.
    pub fn middleware(mut self, prefix: &str, middleware: Middleware) -> Self {
        self.middleware.push((prefix.to_owned(), middleware));
        self
    }

    /// The content of the 404 page (unknown routes, `PageError::not_found`,
    /// a path parameter that does not parse), rendered inside the layouts.
    pub fn not_found<V, F>(mut self, view: F) -> Self
    where
        V: IntoView + 'static,
        F: Fn(&PageError) -> V + Send + Sync + 'static,
    {
        self.not_found = Some(Arc::new(move |e| view(e).into_any()));
        self
    }

    /// The content of every other error page (a loader's error, a panic),
    /// rendered inside the layouts.
    pub fn error<V, F>(mut self, view: F) -> Self
    where
        V: IntoView + 'static,
        F: Fn(&PageError) -> V + Send + Sync + 'static,
    {
        self.error = Some(Arc::new(move |e| view(e).into_any()));
        self
    }

    /// The `lang` of `<html>` (default `en`).
    pub fn lang(mut self, lang: &str) -> Self {
        lang.clone_into(&mut self.lang);
        self
    }

    /// The `<title>` of pages that set none (default `Resuma`).
    pub fn title(mut self, title: &str) -> Self {
        title.clone_into(&mut self.title);
        self
    }

    /// The page paths, for start-up checks.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &str> {
        self.pages.iter().map(|(p, _)| p.as_str())
    }

    /// The paths of the pages marked [`Page::prerender`], for the static
    /// export (crate::export).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn prerendered_paths(&self) -> Vec<String> {
        self.pages
            .iter()
            .filter(|(_, page)| page.prerendered())
            .map(|(path, _)| path.clone())
            .collect()
    }

    /// Add the pages to `router`, and a fallback that renders the 404 page.
    pub(crate) fn mount(self, router: Router, env: PageEnv) -> Result<Router, ServeError> {
        for prefix in self.layouts.iter().map(|(p, _)| p).chain(self.middleware.iter().map(|(p, _)| p)) {
            if !prefix.starts_with('/') {
                return Err(ServeError::start(format_args!(
                    "the layout or middleware prefix {prefix:?} must start with `/`"
                )));
            }
        }
        let mut layouts = self.layouts;
        let mut middleware = self.middleware;
        // Outer (shorter) prefixes first; a stable sort keeps the order of
        // registration among equal prefixes.
        layouts.sort_by_key(|(p, _)| p.trim_end_matches('/').len());
        middleware.sort_by_key(|(p, _)| p.trim_end_matches('/').len());
        let table = Arc::new(Table {
            env,
            layouts,
            middleware,
            not_found: self.not_found,
            error: self.error,
            lang: self.lang,
            title: self.title,
        });
        let mut router = router;
        for (path, page) in self.pages {
            let table = table.clone();
            router = router.route(
                &path,
                get(move |req: Request| respond::serve(table.clone(), Some(page.clone()), req))
                    .layer(respond::compression()),
            );
        }
        Ok(router.fallback(move |req: Request| respond::serve(table.clone(), None, req)))
    }
}
