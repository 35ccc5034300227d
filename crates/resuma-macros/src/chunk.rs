//! Naming and registering the handler chunk of one `view!`.

use proc_macro2::TokenStream;
use quote::quote;
use sha2::{Digest, Sha256};

/// `h` + 12 hex digits of the SHA-256 of the module text (protocol.md §4):
/// stable across builds, machines and replicas, unlike `DefaultHasher`.
pub fn chunk_name(source: &str) -> String {
    let digest = Sha256::digest(source.as_bytes());
    let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    format!("h{hex}")
}

/// Items that name the chunk (`__RESUMA_CHUNK`) and register it at link time.
pub fn emit_registration(chunk: &rs2js::Chunk) -> TokenStream {
    let source = chunk.module_source();
    let name = chunk_name(&source);
    quote! {
        const __RESUMA_CHUNK: &str = #name;
        ::resuma::__private::inventory::submit! {
            ::resuma::__private::ChunkSource { name: #name, source: #source }
        }
    }
}
