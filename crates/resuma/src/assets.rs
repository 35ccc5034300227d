//! The files served under `/_resuma/`: the core runtime and handler chunks,
//! each kept in three encodings (identity, brotli, gzip), each compressed
//! once: natively when the router is built, in a wasi:http component (which
//! may start fresh for every request) only when a request asks for it.

use std::collections::HashMap;
use std::io::Write as _;
use std::sync::{Arc, OnceLock};

use crate::chunk::ChunkSource;

/// The minified loader (built from `loader/` by `npm run build`).
pub const LOADER_JS: &str = include_str!("../assets/loader.js");
/// The core runtime module (built from `runtime/` by `npm run build`).
pub const CORE_JS: &str = include_str!("../assets/core.js");
/// The lite build of the core runtime: the same exports as [`CORE_JS`],
/// without lists, conditionals, derived values, computeds and effects, row
/// items and server calls. A page that uses none of them gets this one
/// ([`Html::needs_full_core`](crate::Html::needs_full_core), protocol.md §6):
/// a page of counters loads half the code before its first click.
pub const LITE_CORE_JS: &str = include_str!("../assets/core-lite.js");
/// Lists and conditionals, which core imports only on pages that have them.
/// Core names it `./blocks-HASH.js` (the build computes the same hash).
pub const BLOCKS_JS: &str = include_str!("../assets/blocks.js");

/// The first 12 hex digits of the SHA-256 of `bytes`: the content hash used
/// in every asset name (protocol.md §6).
///
/// ```
/// assert_eq!(resuma::assets::content_hash(b"").len(), 12);
/// ```
pub fn content_hash(bytes: &[u8]) -> String {
    resuma_protocol::content_hash(bytes)
}

/// One asset in every encoding we serve; the compressed copies are made on
/// first use ([`Asset::precompress`] makes them at once).
#[derive(Debug)]
pub struct Asset {
    identity: Vec<u8>,
    brotli: OnceLock<Vec<u8>>,
    gzip: OnceLock<Vec<u8>>,
}

impl Asset {
    /// An asset with these bytes.
    pub fn new(identity: Vec<u8>) -> Self {
        Asset {
            identity,
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
        }
    }

    /// The bytes as they are.
    pub fn identity(&self) -> &[u8] {
        &self.identity
    }

    /// The brotli copy (compressed now if it was not yet).
    pub fn brotli(&self) -> &[u8] {
        self.brotli.get_or_init(|| brotli_bytes(&self.identity))
    }

    /// The gzip copy (compressed now if it was not yet).
    pub fn gzip(&self) -> &[u8] {
        self.gzip.get_or_init(|| gzip_bytes(&self.identity))
    }

    /// Make both compressed copies now, so no request waits for them.
    pub fn precompress(&self) {
        self.brotli();
        self.gzip();
    }
}

/// Compress with brotli at the highest quality: done once per asset.
pub fn brotli_bytes(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)
        .expect("in-memory brotli cannot fail");
    out
}

/// Compress with gzip at the highest level: done once per asset.
pub fn gzip_bytes(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).expect("in-memory gzip cannot fail");
    enc.finish().expect("in-memory gzip cannot fail")
}

/// All assets of an app, by file name (`core-HASH.js`, `CHUNK.js`).
#[derive(Debug, Clone)]
pub struct AssetTable {
    files: Arc<HashMap<String, Asset>>,
    core_url: Arc<str>,
    lite_core_url: Arc<str>,
}

impl AssetTable {
    /// Build the table from the embedded core and the given chunks.
    pub fn new<'a>(chunks: impl IntoIterator<Item = &'a ChunkSource>) -> Self {
        let mut files = HashMap::new();
        let core_name = format!("core-{}.js", content_hash(CORE_JS.as_bytes()));
        files.insert(core_name.clone(), Asset::new(CORE_JS.into()));
        let lite_core_name = format!("core-{}.js", content_hash(LITE_CORE_JS.as_bytes()));
        files.insert(lite_core_name.clone(), Asset::new(LITE_CORE_JS.into()));
        files.insert(
            format!("blocks-{}.js", content_hash(BLOCKS_JS.as_bytes())),
            Asset::new(BLOCKS_JS.into()),
        );
        for chunk in chunks {
            files
                .entry(format!("{}.js", chunk.name))
                .or_insert_with(|| Asset::new(chunk.source.into()));
        }
        // A native server compresses everything before it serves anything.
        #[cfg(not(target_arch = "wasm32"))]
        files.values().for_each(Asset::precompress);
        AssetTable {
            files: Arc::new(files),
            core_url: format!("/_resuma/{core_name}").into(),
            lite_core_url: format!("/_resuma/{lite_core_name}").into(),
        }
    }

    /// The URL of the core module (its full build).
    pub fn core_url(&self) -> &str {
        &self.core_url
    }

    /// The URL of the lite build of the core module ([`LITE_CORE_JS`]).
    pub fn lite_core_url(&self) -> &str {
        &self.lite_core_url
    }

    /// Look up an asset by file name.
    pub fn get(&self, file: &str) -> Option<&Asset> {
        self.files.get(file)
    }

    /// File names, sorted (for logs and tests).
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.files.keys().map(String::as_str).collect();
        names.sort();
        names
    }
}

/// The encoding to answer with, from an `Accept-Encoding` header: brotli when
/// acceptable, else gzip, else identity. `q=0` means "not acceptable".
///
/// ```
/// use resuma::assets::{negotiate, Encoding};
/// assert_eq!(negotiate("gzip, deflate, br"), Encoding::Brotli);
/// assert_eq!(negotiate("br;q=0, gzip"), Encoding::Gzip);
/// assert_eq!(negotiate(""), Encoding::Identity);
/// ```
pub fn negotiate(accept_encoding: &str) -> Encoding {
    let mut brotli = false;
    let mut gzip = false;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q_zero = parts.any(|p| {
            let p = p.trim();
            p.strip_prefix("q=")
                .or_else(|| p.strip_prefix("Q="))
                .is_some_and(|q| q.trim().parse::<f32>().map(|q| q <= 0.0).unwrap_or(false))
        });
        if q_zero {
            continue;
        }
        match coding.as_str() {
            "br" => brotli = true,
            "gzip" | "x-gzip" => gzip = true,
            "*" => {
                brotli = true;
                gzip = true;
            }
            _ => {}
        }
    }
    if brotli {
        Encoding::Brotli
    } else if gzip {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// A content coding we can serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Brotli,
    Gzip,
}

impl Encoding {
    /// The `Content-Encoding` header value, if any.
    pub fn header(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gzip"),
        }
    }

    /// The bytes of `asset` in this encoding.
    pub fn pick(self, asset: &Asset) -> &[u8] {
        match self {
            Encoding::Identity => asset.identity(),
            Encoding::Brotli => asset.brotli(),
            Encoding::Gzip => asset.gzip(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_imports_the_blocks_module_the_table_serves() {
        let name = format!("blocks-{}.js", content_hash(BLOCKS_JS.as_bytes()));
        assert!(
            CORE_JS.contains(&format!("./{name}")),
            "core.js must import {name}: run `npm run build`"
        );
        assert!(AssetTable::new([]).get(&name).is_some());
    }

    #[test]
    fn the_table_serves_both_builds_of_core() {
        let table = AssetTable::new([]);
        assert_ne!(table.core_url(), table.lite_core_url());
        for (url, js) in [(table.core_url(), CORE_JS), (table.lite_core_url(), LITE_CORE_JS)] {
            let file = url.strip_prefix("/_resuma/").unwrap();
            assert_eq!(table.get(file).unwrap().identity(), js.as_bytes());
        }
        assert!(
            !LITE_CORE_JS.contains("blocks-") && !LITE_CORE_JS.contains("/_resuma/action/"),
            "the lite core has neither blocks nor server calls: run `npm run build`"
        );
    }
}
