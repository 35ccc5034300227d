//! Naming, checking and registering the handler chunk of one `view!` or
//! one component.

use proc_macro2::TokenStream;
use quote::quote;

/// `h` + 12 hex digits of the SHA-256 of the module text (protocol.md §4):
/// stable across builds, machines and replicas, unlike `DefaultHasher`.
pub fn chunk_name(source: &str) -> String {
    resuma_protocol::chunk_name(source)
}

/// A finished chunk, ready to be emitted.
pub struct ChunkCode {
    name: String,
    source: String,
}

impl ChunkCode {
    /// Finish `chunk`. Every chunk is parsed here, at compile time, so a
    /// broken `js!` block or a translator bug is a build error, never a page
    /// whose handlers fail to load.
    pub fn new(chunk: &rs2js::Chunk) -> Result<Self, TokenStream> {
        Self::with_prelude(chunk, "")
    }

    /// Finish `chunk` with `prelude` (imports, constants) before its
    /// exports.
    pub fn with_prelude(chunk: &rs2js::Chunk, prelude: &str) -> Result<Self, TokenStream> {
        // Readable JS where the macro itself is a debug build (`cargo build`),
        // compact JS in release builds (`cargo build --release`).
        let exports = if cfg!(debug_assertions) {
            chunk.module_source()
        } else {
            chunk.module_source_compact()
        };
        let source = format!("{prelude}{exports}");
        if let Err(err) = rs2js::check_js(&source) {
            let message = format!("the JavaScript generated for this view does not parse: {err}\n--- chunk ---\n{source}");
            return Err(quote!(::core::compile_error!(#message);));
        }
        Ok(ChunkCode {
            name: chunk_name(&source),
            source,
        })
    }

    /// The chunk's name (`h` + 12 hex digits).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `const __RESUMA_CHUNK: &str = "h…";`, the name the generated view
    /// code writes into handler attributes.
    pub fn name_const(&self) -> TokenStream {
        let name = &self.name;
        quote!(const __RESUMA_CHUNK: &str = #name;)
    }

    /// The chunk as a `ChunkSource` constant expression.
    pub fn source_expr(&self) -> TokenStream {
        let (name, source) = (&self.name, &self.source);
        quote!(::resuma::__private::ChunkSource { name: #name, source: #source })
    }

    /// Link-time registration, so the server serves the chunk before any
    /// page has rendered. Native servers only: a wasi:http component
    /// registers chunks explicitly (`App::register_chunks`).
    pub fn registration(&self) -> TokenStream {
        let source = self.source_expr();
        quote! {
            #[cfg(not(target_arch = "wasm32"))]
            ::resuma::__private::inventory::submit! { #source }
        }
    }
}
