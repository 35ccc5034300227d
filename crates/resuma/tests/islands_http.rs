//! Islands over real HTTP on 127.0.0.1 (protocol.md §9, §10): the wrapper
//! markup, the boot script, the CSP of pages with and without islands, and
//! the built island files served from an `App::islands_dir`. The "build" is
//! a hand-written manifest with stand-in files; the browser tests run real
//! Wasm (tests/e2e/islands.test.mjs).

use std::path::PathBuf;

use resuma::prelude::*;
use resuma_test_support as support;

const WASM_BYTES: &[u8] =
    b"\0asm\x01\0\0\0 stand-in module bytes, repeated repeated repeated repeated";

#[island(load = "idle")]
fn Demo(text: String) -> impl IntoView {
    view! { <p class="demo">{text}</p> }
}

#[island(load = "media(min-width: 40em)", module = "missing_build")]
fn Unbuilt(n: i32) -> impl IntoView {
    view! { <p>{n}</p> }
}

/// A directory laid out as `resuma build` writes it.
fn islands_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("resuma-islands-http-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("manifest.json"),
        r#"{"islands":{"demo":{"js":"demo-0123456789ab.js","wasm":"demo-ba9876543210.wasm"}}}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("demo-0123456789ab.js"),
        "export default async function init() {}\nexport function mount() {}\n",
    )
    .unwrap();
    std::fs::write(dir.join("demo-ba9876543210.wasm"), WASM_BYTES).unwrap();
    dir
}

fn app() -> App {
    App::new()
        .page(
            "/",
            "Island",
            || view! { <Demo text={"</script><!-- & ok".to_owned()} /> },
        )
        .page("/unbuilt", "Unbuilt", || view! { <Unbuilt n={3} /> })
        .page("/plain", "Plain", || view! { <p>"no islands"</p> })
        .islands_dir(islands_dir())
}

#[tokio::test]
async fn island_page_has_wrapper_props_boot_script_and_wasm_csp() {
    let addr = support::start(app()).await;
    let page = support::get(addr, "/", &[]).await;
    assert_eq!(page.status, 200);
    let csp = page.header("content-security-policy").unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert_eq!(
        csp,
        format!(
            "script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; default-src 'self'; \
             style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
             form-action 'self'"
        )
    );
    let html = page.text();
    assert!(
        html.contains(
            "<resuma-island data-r-island=\"/_resuma/islands/demo-0123456789ab.js\" data-r-load=\"idle\" style=\"display:contents\">\
             <script type=\"resuma/props\">{\"text\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 ok\"}</script>\
             <p class=\"demo\">&lt;/script&gt;&lt;!-- &amp; ok</p></resuma-island>"
        ),
        "{html}"
    );
    let boot = format!(
        "<script nonce=\"{nonce}\">{}</script>",
        resuma::island::ISLANDS_JS
    );
    assert!(html.contains(&boot), "the boot script, nonced, inline");
    assert!(html.ends_with("</script></body></html>"));
}

#[tokio::test]
async fn pages_without_islands_keep_the_strict_csp_and_get_no_script() {
    let addr = support::start(app()).await;
    let page = support::get(addr, "/plain", &[]).await;
    let csp = page.header("content-security-policy").unwrap();
    let scripts = csp.split(';').next().unwrap();
    assert!(
        !csp.contains("wasm-unsafe-eval") && !scripts.contains("unsafe"),
        "{csp}"
    );
    assert!(!page.text().contains("<script"));
}

#[tokio::test]
async fn an_island_without_a_build_renders_inert() {
    let addr = support::start(app()).await;
    let html = support::get(addr, "/unbuilt", &[]).await.text();
    assert!(html.contains(
        "<resuma-island data-r-island=\"\" data-r-load=\"media\" data-r-media=\"(min-width: 40em)\" style=\"display:contents\">"
    ), "{html}");
}

#[tokio::test]
async fn island_files_are_served_immutable_typed_and_compressed() {
    let addr = support::start(app()).await;
    let wasm = support::get(addr, "/_resuma/islands/demo-ba9876543210.wasm", &[]).await;
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(
        wasm.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(wasm.body, WASM_BYTES);
    let js = support::get(
        addr,
        "/_resuma/islands/demo-0123456789ab.js",
        &[("accept-encoding", "gzip, br")],
    )
    .await;
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(js.header("content-encoding"), Some("br"));
    for bad in [
        "/_resuma/islands/nope.wasm",
        "/_resuma/islands/manifest.json",
        "/_resuma/islands/..%2Fmanifest.json",
    ] {
        assert_eq!(support::get(addr, bad, &[]).await.status, 404, "{bad}");
    }
}

#[test]
#[should_panic(expected = "resuma build")]
fn a_missing_build_is_reported_at_start_up() {
    let _ = App::new()
        .islands_dir("/nonexistent/resuma/islands")
        .into_router();
}
