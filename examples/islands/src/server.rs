//! The server function the Markdown island calls.

use markdown_preview::SavedDraft;
use resuma::prelude::*;
use sha2::{Digest, Sha256};

/// The most a draft may hold.
const MAX_DRAFT: usize = 64 * 1024;

/// "Save" a draft: count it and fingerprint it on the server. (The example
/// keeps no storage: the server holds no per-user state.)
#[server]
pub async fn save_draft(markdown: String) -> Result<SavedDraft, ServerFnError> {
    if markdown.len() > MAX_DRAFT {
        return Err(ServerFnError::custom(
            "too_large",
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("a draft holds at most {MAX_DRAFT} bytes"),
        ));
    }
    let digest = Sha256::digest(markdown.as_bytes());
    Ok(SavedDraft {
        words: markdown.split_whitespace().count(),
        bytes: markdown.len(),
        digest: digest[..6].iter().map(|b| format!("{b:02x}")).collect(),
    })
}
