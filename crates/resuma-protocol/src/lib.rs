//! The byte-level rules of Resuma's wire protocol (`docs/protocol.md`) that
//! two crates must apply identically: `resuma-macros`, which escapes static
//! markup and names handler chunks at compile time, and `resuma`, which
//! escapes dynamic values and names assets at run time. Keeping one copy
//! here means the two can never disagree.
//!
//! ```
//! assert_eq!(resuma_protocol::escape::text("a < b"), "a &lt; b");
//! assert_eq!(resuma_protocol::content_hash(b"").len(), 12);
//! assert_eq!(resuma_protocol::hex(&[0xab, 0x01]), "ab01");
//! ```

pub mod escape;
mod event;
mod hash;
mod hex;

pub use event::{EventMethod, EVENT_METHODS};
pub use hash::{chunk_name, content_hash};
pub use hex::{hex, hex_into};
