//! What both bench targets share: the Leptos page and the one-time setup
//! that checks the two pages are equivalent before anything is timed.

pub mod leptos_page;

use resuma_bench_ssr::{normalize, resuma_page, rows, RowData};

/// Inputs of the timed renders.
pub struct Setup {
    /// The table data, built once.
    pub rows: Vec<RowData>,
    /// The core module URL written into Resuma's loader script.
    pub core_url: String,
    /// The sizes of the page whose rows only show their signals.
    pub shown: Sizes,
    /// The sizes of the page with a click handler in every row.
    pub live: Sizes,
}

/// One page's size from each renderer.
#[derive(Clone, Copy)]
pub struct Sizes {
    pub resuma: WireSize,
    pub leptos: WireSize,
}

/// A page's size on the wire: as rendered and compressed as a server
/// would send it (brotli quality 11 with a 4 MiB window, gzip level 9:
/// `resuma::assets`' settings for its own precompressed files).
#[derive(Clone, Copy)]
pub struct WireSize {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl WireSize {
    fn of(page: &str) -> WireSize {
        WireSize {
            raw: page.len(),
            gzip: resuma::assets::gzip_bytes(page.as_bytes()).len(),
            brotli: resuma::assets::brotli_bytes(page.as_bytes()).len(),
        }
    }
}

/// Build the inputs, render both variants of the page once with each
/// renderer, print their sizes and panic if the two renderers' pages do
/// not show the same markup (binding markers, scripts and Resuma's
/// `data-r-*` attributes aside).
pub fn setup() -> Setup {
    let rows = rows();
    let core_url = format!(
        "/_resuma/core-{}.js",
        resuma::assets::content_hash(resuma::assets::CORE_JS.as_bytes())
    );
    let doc = resuma_page::document(&core_url);
    let shown = compare(
        "",
        &resuma_page::render_document(&doc, &rows),
        &leptos_page::render_document(&rows),
    );
    let live = compare(
        "live-",
        &resuma_page::render_live_document(&doc, &rows),
        &leptos_page::render_live_document(&rows),
    );
    Setup {
        rows,
        core_url,
        shown,
        live,
    }
}

/// The sizes of one variant's two pages (`prefix` names the variant in
/// what is printed and dumped).
fn compare(prefix: &str, resuma: &str, leptos: &str) -> Sizes {
    let state_start = resuma
        .find("<script type=\"resuma/state\">")
        .expect("Resuma page has a state script");
    let state_len = resuma[state_start..]
        .find("</script>")
        .expect("state script is closed");
    println!(
        "{prefix}page output: Resuma {} bytes (of which state script {} bytes), Leptos {} bytes",
        resuma.len(),
        state_len + "</script>".len(),
        leptos.len()
    );
    // `SSR_DUMP_DIR=dir` keeps the pages for a look in a browser or diff.
    if let Ok(dir) = std::env::var("SSR_DUMP_DIR") {
        let dir = std::path::Path::new(&dir);
        for (name, html) in [("resuma.html", resuma), ("leptos.html", leptos)] {
            let path = dir.join(format!("{prefix}{name}"));
            std::fs::write(&path, html)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        }
    }
    let (a, b) = (normalize(resuma), normalize(leptos));
    if a != b {
        let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        let from = at.saturating_sub(80);
        panic!(
            "the two {prefix}pages differ at byte {at} of the normalised markup:\nResuma: {}\nLeptos: {}",
            a.get(from..(at + 80).min(a.len())).unwrap_or(&a),
            b.get(from..(at + 80).min(b.len())).unwrap_or(&b)
        );
    }
    Sizes {
        resuma: WireSize::of(resuma),
        leptos: WireSize::of(leptos),
    }
}
