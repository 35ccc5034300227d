//! Saving a draft: the `save_draft` server function and its result type,
//! compiled by both sides. On the server `save_draft` is the function below,
//! registered at link time; in the island (`wasm32`) `#[server]` turns it
//! into a stub with the same signature that posts the arguments to the
//! server, so the island calls `save_draft(text).await` too.

use resuma::prelude::*;
#[cfg(not(target_arch = "wasm32"))]
use sha2::{Digest, Sha256};

/// The most a draft may hold; longer ones are refused by the function
/// (with `413 too_large`), well below the server's body limit.
pub const MAX_DRAFT: usize = 16 * 1024;

/// What the `save_draft` server function answers.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SavedDraft {
    pub words: usize,
    pub bytes: usize,
    /// The first 12 hex digits of the draft's SHA-256, computed on the server.
    pub digest: String,
}

/// "Save" a draft: count it and fingerprint it on the server. (The example
/// keeps no storage: the server holds no per-user state.)
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let saved = markdown_preview::save_draft("two words".into()).await.unwrap();
/// assert_eq!((saved.words, saved.bytes), (2, 9));
/// let too_long = markdown_preview::save_draft("x".repeat(20_000)).await.unwrap_err();
/// assert_eq!((too_long.kind.as_str(), too_long.status().as_u16()), ("too_large", 413));
/// # });
/// ```
#[server]
pub async fn save_draft(markdown: String) -> Result<SavedDraft, ServerFnError> {
    if markdown.len() > MAX_DRAFT {
        return Err(ServerFnError::custom(
            "too_large",
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "a draft holds at most {MAX_DRAFT} bytes, this one has {}",
                markdown.len()
            ),
        ));
    }
    let digest = Sha256::digest(markdown.as_bytes());
    Ok(SavedDraft {
        words: markdown.split_whitespace().count(),
        bytes: markdown.len(),
        digest: digest[..6].iter().map(|b| format!("{b:02x}")).collect(),
    })
}
