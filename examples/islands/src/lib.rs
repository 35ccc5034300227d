//! The islands example: Wasm islands next to ordinary resumable pages.
//!
//! - `/`: a counter island (`load = "interaction"`) at the top and a
//!   Markdown live preview below the fold (`load = "visible"`) that saves
//!   through the `save_draft` server function. That function lives in the
//!   island's crate (`markdown-preview`), which both sides compile: here it
//!   is the server function, in the island its typed stub.
//! - `/lab/load`, `/lab/idle`, `/lab/media`: the same counter module under
//!   the other directives (the browser tests check when each is fetched).
//! - `/plain`: a page without islands: no boot script, strict CSP.

mod islands;
mod pages;

pub use markdown_preview::{save_draft, SavedDraft};

use resuma::App;

/// The app, serving the islands `resuma build` wrote to `islands_dir`.
pub fn app(islands_dir: impl Into<std::path::PathBuf>) -> App {
    App::new()
        .head("<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}textarea{width:100%;min-height:8rem}.spacer{min-height:150vh}</style>")
        .page("/", "Islands", pages::home)
        .page("/lab/load", "load", pages::lab_load)
        .page("/lab/idle", "idle", pages::lab_idle)
        .page("/lab/media", "media", pages::lab_media)
        .page("/plain", "No islands", pages::plain)
        .islands_dir(islands_dir)
}
