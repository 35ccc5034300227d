//! The size budget (size-budget.json at the repository root), checked against
//! the bytes the counter example really serves.
//!
//! The app runs in-process on 127.0.0.1; the test fetches `/`,
//! `/one-button` and `/about`, takes the inline loader from a page, and
//! fetches the core it names and the counter's chunk with
//! `Accept-Encoding: br` and `gzip`, so the sizes are exactly what goes over
//! the wire. Run with `--nocapture` to see the table:
//!
//! ```text
//! cargo test -p counter --test size_budget -- --nocapture
//! ```

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;

/// Brotli as the server's precompressed assets use it (quality 11, 4 MiB window).
fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .expect("in-memory brotli cannot fail");
    out.len()
}

fn gzip_len(bytes: &[u8]) -> usize {
    resuma::assets::gzip_bytes(bytes).len()
}

/// Starts the counter app once, on a free port, in a background runtime.
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind 127.0.0.1:0");
                tx.send(listener.local_addr().unwrap()).unwrap();
                resuma::serve_on(listener, counter::app().unwrap())
                    .await
                    .expect("counter app serves");
            });
        });
        rx.recv().expect("server thread started")
    })
}

/// `GET path` over HTTP/1.1 with the given Accept-Encoding.
fn get(path: &str, accept_encoding: &str) -> resuma_test_support::Response {
    let addr = server();
    let mut stream = TcpStream::connect(addr).expect("connect to the counter app");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept-Encoding: {accept_encoding}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    resuma_test_support::parse_response(&raw)
}

fn get_text(path: &str) -> String {
    let response = get(path, "identity");
    assert_eq!(response.status, 200, "GET {path}");
    String::from_utf8(response.body).expect("UTF-8 page")
}

/// Text between `start` (after it) and the next `end` in `text`, from `from`.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let begin = text.find(start)? + start.len();
    let len = text[begin..].find(end)?;
    Some(&text[begin..begin + len])
}

/// The page's inline loader: the content of its nonced script element.
fn inline_loader(html: &str) -> &str {
    let tag_start = html
        .find("<script nonce=")
        .expect("the page has a loader script (protocol §5)");
    between(&html[tag_start..], ">", "</script>").expect("a closed loader script")
}

/// Sizes of an asset as served: (raw, gzip, brotli). Also checks that each
/// encoding is labelled and decodes back to the identity bytes.
fn served_sizes(url: &str) -> (usize, usize, usize) {
    let identity = get(url, "identity");
    assert_eq!(identity.status, 200, "GET {url}");
    let br = get(url, "br");
    assert_eq!(
        br.header("content-encoding"),
        Some("br"),
        "{url} with Accept-Encoding: br"
    );
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut &br.body[..], &mut decoded).expect("served brotli decodes");
    assert_eq!(
        decoded, identity.body,
        "{url}: brotli copy decodes to the identity bytes"
    );
    let gz = get(url, "gzip");
    assert_eq!(
        gz.header("content-encoding"),
        Some("gzip"),
        "{url} with Accept-Encoding: gzip"
    );
    (identity.body.len(), gz.body.len(), br.body.len())
}

#[derive(Default, Clone, Copy)]
struct Sizes {
    raw: usize,
    gzip: usize,
    brotli: usize,
}

impl std::ops::Add for Sizes {
    type Output = Sizes;
    fn add(self, o: Sizes) -> Sizes {
        Sizes {
            raw: self.raw + o.raw,
            gzip: self.gzip + o.gzip,
            brotli: self.brotli + o.brotli,
        }
    }
}

fn measured(bytes: &[u8]) -> Sizes {
    Sizes {
        raw: bytes.len(),
        gzip: gzip_len(bytes),
        brotli: brotli_len(bytes),
    }
}

fn budgets() -> serde_json::Value {
    let path = resuma_test_support::repository_root().join("size-budget.json");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str::<serde_json::Value>(&text).expect("size-budget.json is JSON")["budgets"]
        .clone()
}

/// What a first click on a page's first click handler loads: the page's
/// inline loader, the core it names and that handler's chunk, as served.
struct FirstClick {
    loader: Sizes,
    core: Sizes,
    chunk: Sizes,
}

impl FirstClick {
    fn on(page: &str) -> (FirstClick, String) {
        let html = get_text(page);
        let loader = measured(inline_loader(&html).as_bytes());
        let core_url = between(&html, "data-r-core=\"", "\"")
            .expect("data-r-core on the loader script")
            .to_owned();
        let (raw, gzip, brotli) = served_sizes(&core_url);
        let core = Sizes { raw, gzip, brotli };
        let chunk_name = html
            .match_indices("data-r-on:click=")
            .find_map(|(i, _)| between(&html[i..], "=\"", "#"))
            .unwrap_or_else(|| panic!("{page} has a click handler"));
        let (raw, gzip, brotli) = served_sizes(&format!("/_resuma/{chunk_name}.js"));
        let chunk = Sizes { raw, gzip, brotli };
        (
            FirstClick {
                loader,
                core,
                chunk,
            },
            core_url,
        )
    }

    fn total(&self) -> Sizes {
        self.loader + self.core + self.chunk
    }
}

#[test]
fn served_javascript_fits_the_size_budget() {
    // The first interaction on `/` is a click on the counter, the page's
    // first handler (the page's other demos have chunks of their own).
    let (home, core_url) = FirstClick::on("/");
    let (loader, core, chunk) = (home.loader, home.core, home.chunk);
    // `/one-button` is nothing but the counter: a page that gets the lite
    // core (protocol.md §6), the one-button counter of issue 17's goal.
    let (one_button, lite_core_url) = FirstClick::on("/one-button");
    assert_ne!(
        lite_core_url, core_url,
        "/one-button gets the lite core, / the full one (it has server calls)"
    );
    assert_eq!(
        one_button.loader.raw, loader.raw,
        "one loader for every page"
    );

    // Lists, conditionals and derived values (protocol §14) live in the
    // blocks module, which core imports only when a page has them and one
    // changes: not part of the counter's first interaction, shown for what
    // the derived views cost.
    let core_text = get_text(&core_url);
    let blocks_name =
        between(&core_text, "./blocks-", ".js").expect("core names the blocks module");
    let (raw, gzip, brotli) = served_sizes(&format!("/_resuma/blocks-{blocks_name}.js"));
    let blocks = Sizes { raw, gzip, brotli };

    let about = get_text("/about");
    let about_js = about
        .match_indices("<script")
        .map(|(i, _)| {
            measured(
                between(&about[i..], ">", "</script>")
                    .unwrap_or("")
                    .as_bytes(),
            )
        })
        .fold(Sizes::default(), |a, b| a + b);
    // Even an empty script element would be JS on a page that must have none.
    let about_js = Sizes {
        raw: about_js.raw + about.matches("<script").count(),
        ..about_js
    };

    let rows: [(&str, Sizes, bool); 9] = [
        ("loader", loader, true),
        ("core", core, true),
        ("blocks_module", blocks, false),
        ("counter_chunk", chunk, false),
        ("counter_first_interaction", home.total(), true),
        ("lite_core", one_button.core, true),
        ("one_button_chunk", one_button.chunk, false),
        ("one_button_first_interaction", one_button.total(), true),
        ("about_page_js", about_js, true),
    ];
    let budgets = budgets();
    let mut over = Vec::new();
    println!(
        "\n{:<30} {:>6} | {:>6} {:>7} {:>8} | {:>6} {:>7} {:>8}",
        "bytes", "raw", "gzip", "budget", "headroom", "brotli", "budget", "headroom"
    );
    for (name, sizes, budgeted) in rows {
        let budget = |enc: &str| {
            budgeted.then(|| {
                budgets[name][enc]
                    .as_u64()
                    .unwrap_or_else(|| panic!("size-budget.json has no budgets.{name}.{enc}"))
                    as usize
            })
        };
        let (gzip_budget, brotli_budget) = (budget("gzip"), budget("brotli"));
        let show = |b: Option<usize>| b.map_or("-".to_owned(), |b| b.to_string());
        let headroom = |b: Option<usize>, size: usize| {
            b.map_or("-".to_owned(), |b| (b as i64 - size as i64).to_string())
        };
        println!(
            "{:<30} {:>6} | {:>6} {:>7} {:>8} | {:>6} {:>7} {:>8}",
            name,
            sizes.raw,
            sizes.gzip,
            show(gzip_budget),
            headroom(gzip_budget, sizes.gzip),
            sizes.brotli,
            show(brotli_budget),
            headroom(brotli_budget, sizes.brotli)
        );
        for (enc, size, budget) in [
            ("gzip", sizes.gzip, gzip_budget),
            ("brotli", sizes.brotli, brotli_budget),
        ] {
            if let Some(budget) = budget.filter(|&b| size > b) {
                over.push(format!("{name}: {size} B {enc} > budget {budget} B"));
            }
        }
    }
    // about_page_js must be exactly zero in every form, raw included.
    if about_js.raw != 0 {
        over.push(format!(
            "about_page_js: /about has {} B of script (must have none)",
            about_js.raw
        ));
    }
    assert!(
        over.is_empty(),
        "over the size budget (size-budget.json):\n  {}",
        over.join("\n  ")
    );
}

/// Why the loader is inlined (protocol §5): the page with the loader inline is
/// smaller on the wire than the page with a `<script src>` plus the loader as
/// its own brotli'd file, even before counting that file's response headers
/// and the extra request.
#[test]
fn inline_loader_is_cheaper_than_an_external_file() {
    let home = get_text("/");
    let loader = inline_loader(&home);
    let inline_page = brotli_len(home.as_bytes());
    let external_tag = home.replacen(
        &format!(">{loader}</script>"),
        " src=\"/_resuma/loader-0123456789ab.js\"></script>",
        1,
    );
    let external_page = brotli_len(external_tag.as_bytes());
    let external_total = external_page + brotli_len(loader.as_bytes());
    println!(
        "\ncounter page, brotli: inline loader {inline_page} B; external: page {external_page} B + loader file {} B = {external_total} B (+ headers, + 1 request)",
        external_total - external_page
    );
    assert!(
        inline_page <= external_total,
        "inlining the loader costs more than a separate file: {inline_page} > {external_total}"
    );
}
