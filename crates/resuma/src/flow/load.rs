//! [`Load`]: an async function of axum extractors that a page, a layout or
//! a middleware runs before the render, and [`AppState`], the extractor of
//! an app state.

use std::future::Future;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use futures_util::future::BoxFuture;

use super::error::PageError;

/// An `async fn` that takes axum extractors (`Path<T>`, `Query<T>`,
/// `HeaderMap`, `Uri`, [`AppState<S>`], …, up to eight) and returns
/// `Result<D, E>` with `E: Into<PageError>`. Pages, layouts and middleware
/// load their data with one.
///
/// ```
/// use resuma::axum::extract::{Path, Query};
/// use resuma::flow::{Load, PageError};
///
/// #[derive(serde::Deserialize)]
/// struct Paging { page: Option<u32> }
///
/// async fn note(Path(id): Path<u32>, Query(paging): Query<Paging>) -> Result<String, PageError> {
///     Ok(format!("note {id}, page {}", paging.page.unwrap_or(1)))
/// }
///
/// fn is_loader<A, D>(_: impl Load<A, D>) {}
/// is_loader(note);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a page loader",
    label = "a loader must be an `async fn` of extractors returning `Result<Data, E>`",
    note = "write it as `async fn load(Path(id): Path<u32>, ...) -> Result<Data, PageError>`: every argument an axum extractor (`Path`, `Query`, `HeaderMap`, `Uri`, `resuma::flow::AppState<S>`), the error any `E: Into<PageError>`"
)]
pub trait Load<Args, D>: Send + Sync + 'static {
    /// Run the loader on the request's `parts`.
    fn load(&self, parts: Parts) -> BoxFuture<'static, Result<D, PageError>>;
}

macro_rules! impl_load {
    ($($arg:ident),*) => {
        impl<F, Fut, D, E, $($arg,)*> Load<($($arg,)*), D> for F
        where
            F: Fn($($arg),*) -> Fut + Clone + Send + Sync + 'static,
            Fut: Future<Output = Result<D, E>> + Send + 'static,
            E: Into<PageError>,
            $($arg: FromRequestParts<()> + Send + 'static, $arg::Rejection: 'static,)*
        {
            #[allow(non_snake_case, unused_mut, unused_variables)]
            fn load(&self, parts: Parts) -> BoxFuture<'static, Result<D, PageError>> {
                let f = self.clone();
                Box::pin(async move {
                    let mut parts = parts;
                    $(
                        let $arg = $arg::from_request_parts(&mut parts, &())
                            .await
                            .map_err(PageError::rejected)?;
                    )*
                    f($($arg),*).await.map_err(Into::into)
                })
            }
        }
    };
}

impl_load!();
impl_load!(A1);
impl_load!(A1, A2);
impl_load!(A1, A2, A3);
impl_load!(A1, A2, A3, A4);
impl_load!(A1, A2, A3, A4, A5);
impl_load!(A1, A2, A3, A4, A5, A6);
impl_load!(A1, A2, A3, A4, A5, A6, A7);
impl_load!(A1, A2, A3, A4, A5, A6, A7, A8);

/// The extractor of the app state of type `S`
/// ([`App::with_state`](crate::App::with_state)), for loaders; the same
/// value as [`resuma::context::state`](crate::context::state). A missing
/// state is a 500 page (and a log line naming the type).
///
/// ```
/// use resuma::flow::{AppState, PageError};
///
/// #[derive(Clone)]
/// struct Db(&'static [&'static str]);
///
/// async fn load(AppState(Db(rows)): AppState<Db>) -> Result<usize, PageError> {
///     Ok(rows.len())
/// }
/// # let _ = load;
/// ```
#[derive(Debug, Clone)]
pub struct AppState<S>(pub S);

impl<S: Clone + Send + Sync + 'static> FromRequestParts<()> for AppState<S> {
    type Rejection = PageError;

    async fn from_request_parts(_: &mut Parts, _: &()) -> Result<Self, PageError> {
        Ok(AppState(crate::context::state::<S>()?))
    }
}
