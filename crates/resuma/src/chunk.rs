//! Handler chunks: the JS modules the macros produce at compile time.
//!
//! Each `view!` with event handlers compiles its closures (through `rs2js`)
//! into one ES module, names it by a content hash, and registers it here at
//! link time, so the server can serve `/_resuma/CHUNK.js` before any page has
//! rendered, and every replica serves the same bytes under the same name.

/// One compiled handler chunk.
#[derive(Debug)]
pub struct ChunkSource {
    /// `h` + 12 hex digits of the SHA-256 of `source` (protocol.md §4).
    pub name: &'static str,
    /// The ES module text.
    pub source: &'static str,
}

#[cfg(not(target_arch = "wasm32"))]
inventory::collect!(ChunkSource);

/// All chunks registered at link time by `view!` invocations in the binary.
///
/// A wasi:http component has no link-time registration (it would depend on
/// how each runtime runs constructors), so there this is empty and an app
/// registers its components' chunks with
/// [`App::register_chunks`](crate::App::register_chunks) instead.
pub fn registered_chunks() -> impl Iterator<Item = &'static ChunkSource> {
    #[cfg(not(target_arch = "wasm32"))]
    return inventory::iter::<ChunkSource>.into_iter();
    #[cfg(target_os = "wasi")]
    return std::iter::empty();
}
