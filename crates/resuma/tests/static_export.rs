//! The static export (`RESUMA_EXPORT=DIR`, what `resuma build --static`
//! sets): `resuma::serve` writes the pages that need no request and every
//! script they load, byte for byte what the server sends, and returns.
//!
//! One test in this binary: it sets the environment variable.

use resuma::axum::extract::Path;
use resuma::flow::{Page, PageError, Routes};
use resuma::prelude::*;

#[component]
fn Clicker() -> impl IntoView {
    let n = use_signal(0);
    view! { <button onClick={move |_| n.set(n.get() + 1)}>"Clicks: " {n}</button> }
}

async fn note(Path(id): Path<u32>) -> Result<u32, PageError> {
    Ok(id)
}

async fn loaded() -> Result<String, std::io::Error> {
    Ok("from a loader".into())
}

fn app() -> App {
    App::new()
        .page("/", "Home", || view! { <h1>"Home"</h1><Clicker /> })
        .page_with("/data", "Data", loaded, |s: String| view! { <p>{s}</p> })
        .flow(
            Routes::new()
                .page(
                    "/docs/intro",
                    Page::new(|| view! { <h1>"Intro"</h1> }).prerender(true),
                )
                .page("/docs/live", Page::new(|| view! { <h1>"Live"</h1> }))
                .page(
                    "/notes/{id}",
                    Page::with_load(note, |id: u32| view! { <h1>{id}</h1> }),
                )
                .not_found(|_: &PageError| view! { <h1>"Nothing here"</h1> }),
        )
}

#[tokio::test]
async fn writes_the_static_pages_and_their_scripts() {
    let out = std::env::temp_dir().join(format!("resuma-export-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    std::env::set_var("RESUMA_EXPORT", &out);
    resuma::serve(app()).await.expect("the export succeeds");

    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.starts_with("<!DOCTYPE html>") && home.contains("<h1>Home</h1>"),
        "{home}"
    );
    let intro = std::fs::read_to_string(out.join("docs/intro/index.html")).unwrap();
    assert!(intro.contains("<h1>Intro</h1>"), "{intro}");
    let not_found = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(not_found.contains("<h1>Nothing here</h1>"), "{not_found}");
    // Pages with a loader of their own, a parameter, or no prerender stay on the server.
    for absent in ["data/index.html", "docs/live/index.html", "notes"] {
        assert!(!out.join(absent).exists(), "{absent} was exported");
    }

    // Every script the home page names is there, as the server serves it.
    let router = app().into_router();
    let core = between(&home, "/_resuma/core-", ".js");
    let chunk = between(&home, "data-r-on:click=\"", "#");
    for name in [format!("core-{core}.js"), format!("{chunk}.js")] {
        let file = std::fs::read(out.join("_resuma").join(&name))
            .unwrap_or_else(|_| panic!("{name} missing"));
        let served = get(&router, &format!("/_resuma/{name}")).await;
        assert_eq!(file, served, "{name} differs from what the server sends");
    }
    std::fs::remove_dir_all(out).unwrap();
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in {text}"))
        + start.len();
    &text[from..from + text[from..].find(end).unwrap()]
}

async fn get(router: &resuma::axum::Router, path: &str) -> Vec<u8> {
    use http_body_util::BodyExt;
    let request = resuma::axum::http::Request::get(path)
        .header("host", "localhost")
        .body(resuma::axum::body::Body::empty())
        .unwrap();
    let mut service = router.clone();
    let response = tower_service::Service::call(&mut service, request)
        .await
        .unwrap();
    response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec()
}
