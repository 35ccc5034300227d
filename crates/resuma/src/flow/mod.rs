//! Flow: the pages of an app as a route table. Routes with typed
//! parameters (axum extractors), loaders that run before the one-pass
//! render, layouts, middleware, error pages, a head per page and cache
//! headers. `resuma::pages!` turns the files under `src/pages/` into a
//! [`Routes`] table at compile time; [`App::flow`](crate::App::flow) serves
//! it.
//!
//! ```
//! use resuma::axum::extract::Path;
//! use resuma::flow::{Head, Layout, Middleware, Page, PageError, Routes};
//! use resuma::prelude::*;
//!
//! struct Note { title: String }
//!
//! // A path parameter that does not parse as `u32` is the 404 page.
//! async fn note(Path(id): Path<u32>) -> Result<Note, PageError> {
//!     match id {
//!         1 => Ok(Note { title: "Groceries".into() }),
//!         _ => Err(PageError::not_found()),
//!     }
//! }
//!
//! async fn admins_only() -> Result<(), PageError> {
//!     Err(PageError::redirect("/login?next=/admin"))
//! }
//!
//! let routes = Routes::new()
//!     .layout("/", Layout::new(|children: Children| view! { <nav aria-label="Main"></nav><main>{children}</main> }))
//!     .page("/notes/{id}", Page::with_load(note, |n: Note| view! { <h1>{n.title}</h1> })
//!         .head(|n: &Note| Head::title(n.title.clone())))
//!     .middleware("/admin", Middleware::new(admins_only))
//!     .page("/admin", Page::new(|| view! { <h1>"Admin"</h1> }));
//! let app = App::new().flow(routes);
//! # let _ = app.into_router();
//! ```

mod error;
mod head;
mod load;
mod page;
pub(crate) mod respond;
mod routes;
mod stream;

pub use error::PageError;
pub use head::Head;
pub use load::{AppState, Load};
pub use page::{Layout, Middleware, Page};
pub use routes::Routes;
pub use stream::deferred;
