//! In-process cost per request of each path, without the network: calls
//! the app's router directly, 200 000 requests per path and round, on one
//! thread. Separates the framework's CPU cost from socket and scheduling
//! noise. `cargo run --release --example inproc [bare|action]`.
//!
//! `INPROC_REQUESTS=N` changes the 200 000; with a small N under
//! `valgrind --tool=callgrind` the instruction count per request (the
//! difference of two N, divided) is repeatable on a busy machine.
use resuma::axum::body::Body;
use resuma::axum::http::Request;
use resuma::prelude::*;
use resuma::server_fn::Security;
use std::time::Instant;
use tower_service::Service;

#[server]
async fn add(a: i64, b: i64) -> Result<i64, ServerFnError> {
    Ok(a.wrapping_add(b))
}

#[derive(serde::Deserialize)]
struct AddArgs {
    a: i64,
    b: i64,
}
async fn bare_add(resuma::axum::Json(args): resuma::axum::Json<AddArgs>) -> resuma::axum::Json<i64> {
    resuma::axum::Json(args.a + args.b)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut router = App::new()
        .page("/", "B", || view! { <p>"b"</p> })
        .route("/bare/add", resuma::axum::routing::post(bare_add))
        .security(Security::default().secret(vec![42; 32]).allow_host("x").rate_limit(None))
        .into_router();
    let page = router
        .call(Request::get("/").header("host", "x:1").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let cookie = page
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let html = resuma::axum::body::to_bytes(page.into_body(), 1 << 20).await.unwrap();
    let html = String::from_utf8(html.to_vec()).unwrap();
    let token = html
        .split("name=\"resuma-csrf\" content=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let req = |path: &str| {
        Request::post(path)
            .header("host", "x:1")
            .header("origin", "http://x:1")
            .header("cookie", &cookie)
            .header("x-resuma-csrf", &token)
            .header("content-type", "application/json")
            .body(Body::from(r#"{"a":20,"b":22}"#))
            .unwrap()
    };
    for round in 0..3 {
        let only = std::env::args().nth(1);
        for path in ["/bare/add", "/_resuma/action/add"]
            .into_iter()
            .filter(|p| only.as_deref().is_none_or(|o| p.contains(o)))
        {
            let n: u32 = std::env::var("INPROC_REQUESTS")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(200_000);
            let t = Instant::now();
            for _ in 0..n {
                let r = router.call(req(path)).await.unwrap();
                assert_eq!(r.status(), 200);
                let _ = resuma::axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap();
            }
            println!(
                "round {round} {path:<22} {:.2} us/request",
                t.elapsed().as_secs_f64() * 1e6 / f64::from(n)
            );
        }
    }
}
