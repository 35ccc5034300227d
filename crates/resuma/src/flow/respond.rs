//! Answering a request for a Flow page: middleware, then the layouts' and
//! the page's loaders (together), then one render inside the layouts; or
//! the redirect or error page an `Err` asks for.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{header, Extensions, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::future::{join, join_all, BoxFuture, FutureExt};

use super::error::PageError;
use super::head::Head;
use super::page::{ErasedPage, Layout, LayoutFn, Loaded, Middleware};
use super::routes::ErrorView;
use crate::assets::{self, AssetTable};
use crate::island::{self, IslandFiles};
use crate::panic_message::panic_message;
use crate::render::{render_document, render_shell, Document};
use super::stream::{self, NotStreamed, Streamed, Tail};
use tower_http::compression::predicate::{And, DefaultPredicate, Predicate};
use tower_http::compression::CompressionLayer;
use crate::view::{AnyView, Children, IntoView};
use crate::{csp, security_headers};

/// What every page of an app is rendered with.
#[derive(Clone)]
pub(crate) struct PageEnv {
    pub(crate) assets: AssetTable,
    /// `App::head` markup.
    pub(crate) head: Arc<str>,
    pub(crate) islands: Option<Arc<IslandFiles>>,
    pub(crate) states: Arc<Extensions>,
}

/// A mounted route table.
pub(crate) struct Table {
    pub(crate) env: PageEnv,
    pub(crate) layouts: Vec<(String, Layout)>,
    pub(crate) middleware: Vec<(String, Middleware)>,
    pub(crate) not_found: Option<ErrorView>,
    pub(crate) error: Option<ErrorView>,
    pub(crate) lang: String,
    pub(crate) title: String,
}

/// Whether `prefix` covers `path`: itself and what is below it.
fn covers(prefix: &str, path: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Pages are rendered per request, so they are compressed per request;
/// streamed pages are not (the encoder would hold the shell back).
pub(crate) fn compression() -> CompressionLayer<And<DefaultPredicate, NotStreamed>> {
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .compress_when(DefaultPredicate::new().and(NotStreamed))
}

/// Answer `req` with `page`, or with the 404 page when there is none.
pub(crate) async fn serve(
    table: Arc<Table>,
    page: Option<Arc<dyn ErasedPage>>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let states = table.env.states.clone();
    crate::context::scope(states, parts.clone(), async move {
        let loaded = match &page {
            Some(page) => table.load(&**page, &parts).await,
            None => Err(PageError::not_found()),
        };
        match loaded {
            Ok((layouts, loaded)) => {
                let cache = page.as_ref().and_then(|p| p.cache_control());
                table.render(layouts, loaded, StatusCode::OK, cache)
            }
            Err(error) => table.error_page(error, &parts).await,
        }
    })
    .await
}

/// A loader's future with its panic turned into a 500.
async fn guarded<T>(future: BoxFuture<'static, Result<T, PageError>>) -> Result<T, PageError> {
    match AssertUnwindSafe(future).catch_unwind().await {
        Ok(result) => result,
        Err(panic) => Err(PageError::internal(format_args!(
            "a loader panicked: {}",
            panic_message(&*panic)
        ))),
    }
}

impl Table {
    fn layouts_for<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Layout> + 'a {
        self.layouts
            .iter()
            .filter(move |(p, _)| covers(p, path))
            .map(|(_, l)| l)
    }

    async fn load_layouts(&self, parts: &Parts) -> Result<Vec<LayoutFn>, PageError> {
        let path = parts.uri.path();
        join_all(self.layouts_for(path).map(|l| guarded(l.run(parts.clone()))))
            .await
            .into_iter()
            .collect()
    }

    /// Middleware in order, then every loader at once.
    async fn load(
        &self,
        page: &dyn ErasedPage,
        parts: &Parts,
    ) -> Result<(Vec<LayoutFn>, Loaded), PageError> {
        let path = parts.uri.path();
        for (_, check) in self.middleware.iter().filter(|(p, _)| covers(p, path)) {
            guarded(check.run(parts.clone())).await?;
        }
        let (layouts, loaded) = join(
            self.load_layouts(parts),
            guarded(page.run(parts.clone())),
        )
        .await;
        Ok((layouts?, loaded?))
    }

    /// A redirect, or the error page inside the layouts (those whose own
    /// loader works).
    async fn error_page(&self, error: PageError, parts: &Parts) -> Response {
        if let Some(location) = error.location() {
            let mut response = StatusCode::SEE_OTHER.into_response();
            let h = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(location) {
                h.insert(header::LOCATION, value);
            }
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            return response;
        }
        let path = parts.uri.path();
        if error.status().is_server_error() {
            tracing::error!(%path, cause = error.cause().unwrap_or(""), status = %error.status(), "page failed");
        } else {
            tracing::debug!(%path, %error, "error page");
        }
        // The layouts whose own loader works; one that fails too is left
        // out (and logged), the others still wrap the error page.
        let path_owned = path.to_owned();
        let layouts = join_all(self.layouts_for(path).map(|l| guarded(l.run(parts.clone()))))
            .await
            .into_iter()
            .filter_map(|layout| {
                layout
                    .map_err(|also| tracing::error!(path = %path_owned, error = %also, "a layout failed while rendering an error page"))
                    .ok()
            })
            .collect();
        let status = error.status();
        let view = self.error_view(status);
        let loaded = Loaded {
            head: Head::title(error.message()),
            body: Box::new(move || view(&error)),
        };
        self.render(layouts, loaded, status, None)
    }

    fn error_view(&self, status: StatusCode) -> ErrorView {
        let chosen = if status == StatusCode::NOT_FOUND {
            &self.not_found
        } else {
            &self.error
        };
        chosen.clone().unwrap_or_else(|| Arc::new(default_error_view))
    }

    /// One render of the page inside its layouts.
    fn render(
        &self,
        layouts: Vec<LayoutFn>,
        loaded: Loaded,
        status: StatusCode,
        cache_control: Option<&str>,
    ) -> Response {
        let Loaded { head, body } = loaded;
        let markup = format!("{}{}", self.env.head, head.meta_markup());
        let title = head.title_text().unwrap_or(&self.title);
        let nonce = csp::new_nonce();
        let doc = Document {
            title,
            lang: &self.lang,
            head: &markup,
            nonce: &nonce,
            core_url: self.env.assets.core_url(),
            lite_core_url: self.env.assets.lite_core_url(),
            loader: assets::LOADER_JS,
        };
        let compose = move || {
            let mut view = body();
            for wrap in layouts.into_iter().rev() {
                view = wrap(Children::new(view));
            }
            view
        };
        let ((rendered, parts, next_part), has_islands) =
            island::render_with(self.env.islands.as_ref(), || {
                stream::collect_parts(0, || {
                    catch_unwind(AssertUnwindSafe(|| render_shell(&doc, compose)))
                })
            });
        let end = Tail {
            nonce: nonce.clone(),
            core_url: doc.core_url.to_owned(),
            lite_core_url: doc.lite_core_url.to_owned(),
        };
        let (body, status, cache_control) = match rendered {
            Ok(shell) if parts.is_empty() => (stream::whole(shell, &end), status, cache_control),
            Ok(shell) => {
                let body = stream::streamed(shell, parts, next_part, end);
                let mut response = body.into_response();
                *response.status_mut() = status;
                response.extensions_mut().insert(Streamed);
                page_headers(response.headers_mut(), &nonce, has_islands, cache_control);
                return response;
            }
            Err(panic) => {
                let message = panic_message(&*panic);
                tracing::error!(%title, %message, "page render panicked");
                // The plain error page: the layouts may be what panicked.
                let error = PageError::internal(message);
                let doc = Document {
                    title: error.message(),
                    ..doc
                };
                let html = render_document(&doc, || default_error_view(&error));
                (html, error.status(), None)
            }
        };
        let mut response = body.into_response();
        *response.status_mut() = status;
        page_headers(response.headers_mut(), &nonce, has_islands, cache_control);
        response
    }
}

fn default_error_view(error: &PageError) -> AnyView {
    let message = error.message().to_owned();
    crate::view::ViewFn(move |out: &mut crate::Html| {
        out.raw("<h1>");
        out.text(&message);
        out.raw("</h1>");
    })
    .into_any()
}

/// Whether `value` lets a shared cache keep the response.
fn shared_cache_may_store(value: &str) -> bool {
    let value = value.to_ascii_lowercase();
    value.contains("public") || value.contains("s-maxage")
}

/// The headers of an HTML page: its type, its cache policy (protocol.md §9)
/// and its CSP with `nonce` (`has_islands`: may compile WebAssembly, §10).
///
/// A page carrying the visitor's CSRF token is `private, no-cache` with
/// `Vary: cookie` unless `cache_control` says otherwise; a value that
/// would let shared caches keep such a page is refused (and logged).
pub(crate) fn page_headers(
    h: &mut HeaderMap,
    nonce: &str,
    has_islands: bool,
    cache_control: Option<&str>,
) {
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    let personal = crate::server_fn::csrf_token().is_some();
    let default = if personal {
        "private, no-cache"
    } else {
        "no-cache"
    };
    let chosen = match cache_control {
        Some(value) if personal && shared_cache_may_store(value) => {
            tracing::warn!(cache_control = value, "a page with a CSRF token must not be kept by shared caches; sent `private, no-cache`");
            default
        }
        Some(value) => value,
        None => default,
    };
    let value = HeaderValue::from_str(chosen).unwrap_or(HeaderValue::from_static("no-cache"));
    h.insert(header::CACHE_CONTROL, value);
    if personal {
        h.insert(header::VARY, HeaderValue::from_static("cookie"));
    }
    security_headers::page(h, nonce, has_islands);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_covers_itself_and_below_only() {
        assert!(covers("/", "/"));
        assert!(covers("/", "/notes/1"));
        assert!(covers("/admin", "/admin"));
        assert!(covers("/admin/", "/admin/users"));
        assert!(!covers("/admin", "/administrator"));
        assert!(!covers("/admin", "/"));
    }

    #[test]
    fn shared_caches_are_told_apart() {
        assert!(shared_cache_may_store("public, max-age=60"));
        assert!(shared_cache_may_store("max-age=0, S-MAXAGE=60"));
        assert!(!shared_cache_may_store("private, max-age=60"));
        assert!(!shared_cache_may_store("no-store"));
    }
}
