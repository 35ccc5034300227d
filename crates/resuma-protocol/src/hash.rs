//! Content-hash names (protocol.md §4 and §6): the name of every chunk and
//! asset is derived from its bytes, so it is the same on every build,
//! machine and replica, and a changed file always gets a new URL.

use sha2::{Digest, Sha256};

/// How many bytes of the SHA-256 digest a name keeps (12 hex digits).
const HASH_BYTES: usize = 6;

/// The first 12 hex digits of the SHA-256 of `bytes`.
///
/// ```
/// assert_eq!(resuma_protocol::content_hash(b"abc"), "ba7816bf8f01");
/// ```
pub fn content_hash(bytes: &[u8]) -> String {
    crate::hex(&Sha256::digest(bytes)[..HASH_BYTES])
}

/// The name of a handler chunk: `h` followed by the content hash of its
/// module text.
///
/// ```
/// assert_eq!(resuma_protocol::chunk_name("export const h0 = () => {};\n").len(), 13);
/// assert!(resuma_protocol::chunk_name("").starts_with('h'));
/// ```
pub fn chunk_name(source: &str) -> String {
    let mut name = String::with_capacity(1 + 2 * HASH_BYTES);
    name.push('h');
    crate::hex_into(&mut name, &Sha256::digest(source.as_bytes())[..HASH_BYTES]);
    name
}
