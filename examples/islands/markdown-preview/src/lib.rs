//! The Markdown live preview island: real compute in Rust (pulldown-cmark)
//! on every keystroke, and a server function call to save the draft.
//!
//! The crate is compiled by both sides. The server renders the initial
//! preview with the same renderer ([`render_html`]), so the first paint and
//! the live preview agree, and serves [`save_draft`], which the island calls
//! through the stub `#[server]` makes of it for `wasm32`.

mod draft;
mod render;

pub use draft::{save_draft, SavedDraft, MAX_DRAFT};
pub use render::render_html;

#[cfg(target_arch = "wasm32")]
mod island;
