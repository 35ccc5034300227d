//! [`Page`] and [`Layout`]: a view with its loader, head and cache policy,
//! and a view wrapping every page below a path.

use std::sync::Arc;

use axum::http::request::Parts;
use futures_util::future::BoxFuture;

use super::error::PageError;
use super::head::Head;
use super::load::Load;
use crate::view::{AnyView, Children, IntoView};

/// A loader after erasure: the request's parts in, data out.
type LoadFn<D> = Arc<dyn Fn(Parts) -> BoxFuture<'static, Result<D, PageError>> + Send + Sync>;

/// A page's view, after erasure.
type ViewOf<D> = Arc<dyn Fn(D) -> AnyView + Send + Sync>;

/// A page's head function, after erasure.
type HeadOf<D> = Arc<dyn Fn(&D) -> Head + Send + Sync>;

/// A loaded page: what the render needs, ready to be sent to the render.
pub(crate) struct Loaded {
    pub(crate) head: Head,
    pub(crate) body: Box<dyn FnOnce() -> AnyView + Send>,
}

/// A loaded layout: wraps the page (or the inner layout).
pub(crate) type LayoutFn = Box<dyn FnOnce(Children) -> AnyView + Send>;

fn erase<A, D, L: Load<A, D>>(load: L) -> LoadFn<D> {
    Arc::new(move |parts| load.load(parts))
}

/// A page of a [`Routes`](super::Routes) table: its view, and optionally a
/// loader that runs first (its `Err` renders the error page, or redirects),
/// a [`Head`] made from the data, and a `Cache-Control` value.
///
/// ```
/// use resuma::axum::extract::Path;
/// use resuma::flow::{Head, Page, PageError};
/// use resuma::prelude::*;
///
/// async fn load(Path(id): Path<u32>) -> Result<String, PageError> {
///     if id == 0 { return Err(PageError::not_found()) }
///     Ok(format!("Note {id}"))
/// }
///
/// let note = Page::with_load(load, |title: String| view! { <h1>{title}</h1> })
///     .head(|title: &String| Head::title(title.clone()));
/// let about = Page::new(|| view! { <p>"About us"</p> }).title("About");
/// # let _ = (note, about);
/// ```
pub struct Page<D = ()> {
    load: LoadFn<D>,
    view: ViewOf<D>,
    head: Option<HeadOf<D>>,
    title: Option<String>,
    cache_control: Option<String>,
    /// Read by the static export, which is native only.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    prerender: bool,
}

impl Page<()> {
    /// A page without data.
    pub fn new<V, F>(view: F) -> Self
    where
        V: IntoView + 'static,
        F: Fn() -> V + Send + Sync + 'static,
    {
        Page::with_load(no_data, move |()| view())
    }
}

async fn no_data() -> Result<(), PageError> {
    Ok(())
}

impl<D: Send + 'static> Page<D> {
    /// A page whose `view` renders what `load` returned.
    pub fn with_load<A, L, V, F>(load: L, view: F) -> Self
    where
        L: Load<A, D>,
        V: IntoView + 'static,
        F: Fn(D) -> V + Send + Sync + 'static,
    {
        Page {
            load: erase(load),
            view: Arc::new(move |data| view(data).into_any()),
            head: None,
            title: None,
            cache_control: None,
            prerender: false,
        }
    }

    /// The `<title>` and `<meta>` tags, from the loaded data.
    pub fn head<H: Fn(&D) -> Head + Send + Sync + 'static>(mut self, head: H) -> Self {
        self.head = Some(Arc::new(head));
        self
    }

    /// A fixed `<title>` (a `head` function, when given, wins).
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The page's `Cache-Control`. The default, `private, no-cache` with
    /// `Vary: cookie`, is right for every page that carries the visitor's
    /// CSRF token (all pages of an [`App`](crate::App)); a value that lets
    /// shared caches keep the page (`public`, `s-maxage`) is refused for
    /// such a page, which gets the default instead (protocol.md §9).
    pub fn cache_control(mut self, value: impl Into<String>) -> Self {
        self.cache_control = Some(value.into());
        self
    }

    /// Whether `resuma build --static` writes this page as an HTML file
    /// (default `false`). Only for a page whose path has no parameters and
    /// whose loader, layouts and middleware need nothing from the request:
    /// the export renders it once, for no visitor in particular. Its server
    /// functions answer nowhere on a static host; calls take their error
    /// path.
    ///
    /// ```
    /// use resuma::flow::{Page, Routes};
    /// use resuma::prelude::*;
    ///
    /// let routes = Routes::new().page("/about", Page::new(|| view! { <h1>"About"</h1> }).prerender(true));
    /// # let _ = App::new().flow(routes).into_router();
    /// ```
    pub fn prerender(mut self, on: bool) -> Self {
        self.prerender = on;
        self
    }
}

/// A page with its data type erased, as the route table keeps it.
pub(crate) trait ErasedPage: Send + Sync {
    fn run(&self, parts: Parts) -> BoxFuture<'static, Result<Loaded, PageError>>;
    fn cache_control(&self) -> Option<&str>;
    #[cfg(not(target_arch = "wasm32"))]
    fn prerendered(&self) -> bool;
}

impl<D: Send + 'static> ErasedPage for Page<D> {
    fn run(&self, parts: Parts) -> BoxFuture<'static, Result<Loaded, PageError>> {
        let loading = (self.load)(parts);
        let (view, head, title) = (self.view.clone(), self.head.clone(), self.title.clone());
        Box::pin(async move {
            let data = loading.await?;
            let head = match (head, title) {
                (Some(head), _) => head(&data),
                (None, Some(title)) => Head::title(title),
                (None, None) => Head::default(),
            };
            Ok(Loaded {
                head,
                body: Box::new(move || view(data)),
            })
        })
    }

    fn cache_control(&self) -> Option<&str> {
        self.cache_control.as_deref()
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn prerendered(&self) -> bool {
        self.prerender
    }
}

/// A view around every page below a path prefix (`children` is the page,
/// or the next layout inside), optionally with its own loader.
///
/// ```
/// use resuma::flow::{Layout, PageError};
/// use resuma::prelude::*;
///
/// let plain = Layout::new(|children: Children| view! { <main>{children}</main> });
///
/// async fn user() -> Result<String, PageError> { Ok("Ada".into()) }
/// let greeted = Layout::with_load(user, |name: String, children: Children| view! {
///     <header>"Hello, " {name}</header>{children}
/// });
/// # let _ = (plain, greeted);
/// ```
pub struct Layout {
    run: LoadFn<LayoutFn>,
}

impl Layout {
    /// A layout without data.
    pub fn new<V, F>(view: F) -> Self
    where
        V: IntoView + 'static,
        F: Fn(Children) -> V + Send + Sync + 'static,
    {
        Layout::with_load(no_data, move |(), children| view(children))
    }

    /// A layout whose `view` gets what `load` returned, and the children.
    pub fn with_load<A, D, L, V, F>(load: L, view: F) -> Self
    where
        D: Send + 'static,
        L: Load<A, D>,
        V: IntoView + 'static,
        F: Fn(D, Children) -> V + Send + Sync + 'static,
    {
        let load = erase(load);
        let view = Arc::new(view);
        Layout {
            run: Arc::new(move |parts| {
                let (loading, view) = (load(parts), view.clone());
                Box::pin(async move {
                    let data = loading.await?;
                    let wrap: LayoutFn =
                        Box::new(move |children| view(data, children).into_any());
                    Ok(wrap)
                })
            }),
        }
    }

    pub(crate) fn run(&self, parts: Parts) -> BoxFuture<'static, Result<LayoutFn, PageError>> {
        (self.run)(parts)
    }
}

/// A check that runs before every page below a path prefix: a loader
/// returning `Ok(())` lets the request through; an `Err` answers instead
/// (a redirect to the login page, a 403 page).
///
/// ```
/// use resuma::flow::{Middleware, PageError};
///
/// async fn signed_in() -> Result<(), PageError> {
///     match resuma::signed_cookie::get("user") {
///         Some(_) => Ok(()),
///         None => Err(PageError::redirect("/login")),
///     }
/// }
/// let gate = Middleware::new(signed_in);
/// # let _ = gate;
/// ```
pub struct Middleware {
    run: LoadFn<()>,
}

impl Middleware {
    /// A middleware running `check`.
    pub fn new<A, L: Load<A, ()>>(check: L) -> Self {
        Middleware { run: erase(check) }
    }

    pub(crate) fn run(&self, parts: Parts) -> BoxFuture<'static, Result<(), PageError>> {
        (self.run)(parts)
    }
}
