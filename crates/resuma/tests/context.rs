//! Pages, loaders and server functions reach the app state, the request's
//! headers and cookies, and the session through `resuma::context`, over
//! real HTTP, without globals.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use resuma::prelude::*;
use resuma::server_fn::Security;
use resuma_test_support as support;

/// What a real app keeps as state: a shared counter standing in for a pool.
#[derive(Clone)]
struct Visits(Arc<AtomicU32>);

#[derive(Clone)]
struct SiteName(&'static str);

#[server]
async fn whoami() -> Result<String, ServerFnError> {
    let Visits(visits) = resuma::context::state::<Visits>()?;
    let n = visits.fetch_add(1, Ordering::SeqCst) + 1;
    let agent = resuma::context::header("user-agent").unwrap_or_default();
    let theme = resuma::context::cookie("theme").unwrap_or_default();
    let session = resuma::context::session_id().map(|s| s.len()).unwrap_or(0);
    Ok(format!(
        "call {n}; agent {agent}; theme {theme}; session of {session} digits"
    ))
}

/// Asks for a state the app was not given.
#[server]
async fn needs_missing_state() -> Result<u8, ServerFnError> {
    resuma::context::state::<u64>()?;
    Ok(0)
}

async fn load_name() -> Result<&'static str, std::io::Error> {
    let SiteName(name) = resuma::context::state::<SiteName>().map_err(std::io::Error::other)?;
    Ok(name)
}

fn app(visits: Visits) -> App {
    App::new()
        .with_state(visits)
        .with_state(SiteName("Context test"))
        .page_with("/", "Home", load_name, |name| {
            let path = resuma::context::uri()
                .map(|u| u.path().to_owned())
                .unwrap_or_default();
            view! { <h1>{name}</h1><p>{path}</p> }
        })
        .security(Security::default().secret(b"context test secret, 32 bytes or more".to_vec()))
}

#[tokio::test]
async fn server_functions_see_state_headers_cookies_and_session() {
    let visits = Visits(Arc::new(AtomicU32::new(0)));
    let addr = support::start(app(visits.clone())).await;
    let s = support::session(addr).await;
    let session = support::Session {
        cookie: format!("{}; theme=dark", s.cookie),
        token: s.token.clone(),
    };
    let origin = format!("http://{addr}");
    let headers = [
        ("content-type", "application/json"),
        ("cookie", session.cookie.as_str()),
        ("x-resuma-csrf", session.token.as_str()),
        ("origin", origin.as_str()),
        ("user-agent", "context-test/1"),
    ];
    let call = || support::request(addr, "POST", "/_resuma/action/whoami", &headers, b"");
    let first = call().await;
    assert_eq!(first.status, 200, "{}", first.text());
    assert_eq!(
        first.text(),
        "\"call 1; agent context-test/1; theme dark; session of 32 digits\""
    );
    assert!(
        call().await.text().starts_with("\"call 2;"),
        "the state is shared, not copied per call"
    );
    assert_eq!(
        visits.0.load(Ordering::SeqCst),
        2,
        "the app's own value, no global"
    );
}

#[tokio::test]
async fn pages_and_loaders_see_state_and_request() {
    let addr = support::start(app(Visits(Arc::new(AtomicU32::new(0))))).await;
    let page = support::get(addr, "/", &[]).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("<h1>Context test</h1><p>/</p>"), "{html}");
}

#[tokio::test]
async fn a_missing_state_is_an_internal_error_naming_the_fix_in_the_log_only() {
    let addr = support::start(app(Visits(Arc::new(AtomicU32::new(0))))).await;
    let s = support::session(addr).await;
    let r = support::post_json(addr, &s, "/_resuma/action/needs_missing_state", b"").await;
    assert_eq!(r.status, 500);
    let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(body["error"]["kind"], "internal", "{body}");
}

#[tokio::test]
async fn rust_callers_provide_the_state_themselves() {
    let visits = Visits(Arc::new(AtomicU32::new(41)));
    let text = resuma::context::with_state(visits, whoami()).await.unwrap();
    assert_eq!(
        text, "call 42; agent ; theme ; session of 0 digits",
        "no request outside one"
    );
    let missing = whoami().await.unwrap_err();
    assert_eq!(missing.kind, "internal");
}
