//! The Markdown live preview island: real compute in Rust (pulldown-cmark)
//! on every keystroke, and a server function call to save the draft.
//!
//! The renderer ([`render_html`]) and the save result ([`SavedDraft`]) are
//! shared with the server, which renders the initial preview with the same
//! code, so the first paint and the live preview agree.

mod render;

pub use render::render_html;

/// What the `save_draft` server function answers.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SavedDraft {
    pub words: usize,
    pub bytes: usize,
    /// The first 12 hex digits of the draft's SHA-256, computed on the server.
    pub digest: String,
}

#[cfg(target_arch = "wasm32")]
mod island;
