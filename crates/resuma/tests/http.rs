//! The axum integration over real HTTP on 127.0.0.1.

use resuma_test_support as support;

use resuma::prelude::*;

#[component]
fn Clicker() -> impl IntoView {
    let n = use_signal(0);
    view! { <button onClick={move |_| n.set(n.get() + 1)}>{n}</button> }
}

fn app() -> App {
    App::new()
        .page("/", "Home", || view! { <Clicker /> })
        .page("/static", "Static", || view! { <p>"no js"</p> })
        .page("/boom", "Boom", || -> resuma::AnyView {
            panic!("render bug")
        })
}

#[tokio::test]
async fn page_has_html_type_and_strict_csp_with_fresh_nonce() {
    let addr = support::start(app()).await;
    let a = support::get(addr, "/", &[]).await;
    let b = support::get(addr, "/", &[]).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.header("content-type"), Some("text/html; charset=utf-8"));
    let csp = a.header("content-security-policy").unwrap();
    assert!(
        csp.starts_with("script-src 'nonce-") && csp.contains("'strict-dynamic'"),
        "{csp}"
    );
    // No unsafe-inline or unsafe-eval for scripts (styles may be inline).
    let scripts = csp.split(';').next().unwrap();
    assert!(!scripts.contains("unsafe"), "{csp}");
    for directive in [
        "default-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} missing: {csp}");
    }
    // The page carries this visitor's CSRF token: never a shared cache.
    assert_eq!(a.header("cache-control"), Some("private, no-cache"));
    assert!(
        a.header("vary")
            .is_some_and(|v| v.to_ascii_lowercase().contains("cookie")),
        "{:?}",
        a.header("vary")
    );
    assert_ne!(
        csp,
        b.header("content-security-policy").unwrap(),
        "nonce must change per response"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(a.text().contains(&format!("<script nonce=\"{nonce}\"")));
}

#[tokio::test]
async fn static_page_has_no_script() {
    let addr = support::start(app()).await;
    let page = support::get(addr, "/static", &[]).await;
    assert_eq!(page.status, 200);
    assert!(!page.text().contains("<script"));
}

#[tokio::test]
async fn assets_are_immutable_and_negotiate_encoding() {
    let addr = support::start(app()).await;
    let page = support::get(addr, "/", &[]).await.text();
    let core = attr_after(&page, "data-r-core=\"");
    let chunk = attr_after(&page, "data-r-on:click=\"")
        .split('#')
        .next()
        .unwrap()
        .to_owned();
    let chunk_url = format!("/_resuma/{chunk}.js");
    for url in [core.as_str(), chunk_url.as_str()] {
        let plain = support::get(addr, url, &[]).await;
        assert_eq!(plain.status, 200, "{url}");
        assert_eq!(
            plain.header("content-type"),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!(
            plain.header("cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(plain.header("content-encoding"), None);
        let br = support::get(addr, url, &[("accept-encoding", "gzip, br")]).await;
        assert_eq!(br.header("content-encoding"), Some("br"));
        let mut decoded = Vec::new();
        brotli_decompress(&br.body, &mut decoded);
        assert_eq!(
            decoded, plain.body,
            "{url}: brotli copy decodes to the same bytes"
        );
        let gz = support::get(addr, url, &[("accept-encoding", "gzip")]).await;
        assert_eq!(gz.header("content-encoding"), Some("gzip"));
        assert_eq!(gz.header("vary"), Some("accept-encoding"));
    }
}

#[tokio::test]
async fn unknown_asset_is_404() {
    let addr = support::start(app()).await;
    assert_eq!(
        support::get(addr, "/_resuma/hdeadbeef0000.js", &[])
            .await
            .status,
        404
    );
    assert_eq!(
        support::get(addr, "/_resuma/..%2fCargo.toml", &[])
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn panicking_page_is_500_and_server_keeps_serving() {
    let addr = support::start(app()).await;
    assert_eq!(support::get(addr, "/boom", &[]).await.status, 500);
    assert_eq!(support::get(addr, "/static", &[]).await.status, 200);
}

fn attr_after(page: &str, marker: &str) -> String {
    let start = page
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {page}"))
        + marker.len();
    page[start..].split('"').next().unwrap().to_owned()
}

fn brotli_decompress(data: &[u8], out: &mut Vec<u8>) {
    let mut reader = brotli::Decompressor::new(data, 4096);
    std::io::Read::read_to_end(&mut reader, out).unwrap();
}

static HAND_REGISTERED: resuma::chunk::ChunkSource = resuma::chunk::ChunkSource {
    name: "h0123456789ab",
    source: "export const h0 = () => {};\n",
};

#[tokio::test]
async fn explicitly_registered_chunks_are_served() {
    let addr = support::start(App::new().register_chunk(&HAND_REGISTERED)).await;
    let chunk = support::get(addr, "/_resuma/h0123456789ab.js", &[]).await;
    assert_eq!(chunk.status, 200);
    assert_eq!(chunk.text(), HAND_REGISTERED.source);
}

#[tokio::test]
async fn pages_are_compressed_when_the_client_accepts_it() {
    let addr = support::start(app()).await;
    let plain = support::get(addr, "/", &[]).await;
    let br = support::get(addr, "/", &[("accept-encoding", "br")]).await;
    assert_eq!(br.header("content-encoding"), Some("br"));
    let mut html = Vec::new();
    brotli_decompress(&br.body, &mut html);
    let html = String::from_utf8(html).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.len() >= plain.body.len() - 64,
        "{html}"
    );
    let gz = support::get(addr, "/static", &[("accept-encoding", "gzip")]).await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
}

#[tokio::test]
async fn pages_can_load_their_data_asynchronously() {
    async fn names() -> Result<Vec<String>, String> {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        Ok(vec!["Ada".into(), "<Grace>".into()])
    }
    async fn broken() -> Result<u32, String> {
        Err("database is down".into())
    }
    let app = App::new()
        .page_with("/people", "People", names, |names: Vec<String>| {
            let count = use_signal(names.len());
            view! { <p>{count}</p><ul>{names.into_iter().map(|n| view! { <li>{n}</li> }).collect::<Vec<_>>()}</ul> }
        })
        .page_with("/broken", "Broken", broken, |n: u32| view! { <p>{n}</p> });
    let addr = support::start(app).await;
    let people = support::get(addr, "/people", &[]).await;
    assert_eq!(people.status, 200);
    assert!(
        people
            .text()
            .contains("<p>2</p><ul><li>Ada</li><li>&lt;Grace&gt;</li></ul>"),
        "{}",
        people.text()
    );
    let broken = support::get(addr, "/broken", &[]).await;
    assert_eq!(broken.status, 500);
    assert!(
        !broken.text().contains("database is down"),
        "the error is logged, not shown"
    );
}
