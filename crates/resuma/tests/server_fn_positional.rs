//! Leptos-style positional `#[server]` arguments over real HTTP on
//! 127.0.0.1 (protocol.md §8): `#[server(TypeName, "/prefix", "Encoding",
//! "endpoint")]`, every encoding's paths, methods and bodies, the type as
//! `App::register::<T>()` and `<Form action={T}>`.

use std::net::SocketAddr;

use resuma::prelude::*;
use resuma::server_fn::{Security, ServerFn};
use resuma_test_support as support;
use support::{session, Session};

#[server(Plain)]
async fn plain_fn(x: i32) -> Result<i32, ServerFnError> {
    Ok(x * 2)
}

#[server(AddTodo, "/api")]
async fn add_todo(title: String) -> Result<String, ServerFnError> {
    Ok(format!("added {title}"))
}

#[server(SignUrl, "/api", "Url")]
async fn sign_url(name: String) -> Result<String, ServerFnError> {
    Ok(format!("signed by {name}"))
}

#[server(
    Search,
    "/api",
    "GetJson",
    read_only,
    cache_control = "public, max-age=60"
)]
async fn search(q: String, page: u32) -> Result<Vec<String>, ServerFnError> {
    Ok(vec![format!("{q} #{page}")])
}

#[server(Binary, "/api", "Cbor")]
async fn binary(n: i32, label: String) -> Result<(i32, String), ServerFnError> {
    Ok((n + 1, label))
}

#[server(Lookup, "/api", "GetCbor", read_only)]
async fn lookup(id: u32) -> Result<Vec<u32>, ServerFnError> {
    Ok(vec![id, id * 2])
}

#[server(Hello, "/api", "Url", "hello")]
async fn say_hello(name: Option<String>) -> Result<String, ServerFnError> {
    Ok(format!("hello {}", name.unwrap_or_else(|| "you".into())))
}

#[server(Versioned, "/api", "Json", "v2/versioned")]
async fn versioned(n: u8) -> Result<u8, ServerFnError> {
    Ok(n)
}

/// A type name together with named options.
#[server(Mixed, encoding = "form", rate_limit = "off")]
async fn mixed(word: String) -> Result<usize, ServerFnError> {
    Ok(word.len())
}

const SECRET: &[u8] = b"test secret, 32 bytes or more, not for production";

fn app() -> App {
    App::new()
        .page("/", "Home", || view! { <p>"home"</p> })
        .security(Security::default().secret(SECRET.to_vec()))
}

/// POST `body` as `content_type` like a same-origin browser `fetch` with the
/// session's cookie and token, plus `extra` headers.
async fn post(
    addr: SocketAddr,
    s: &Session,
    path: &str,
    content_type: &str,
    body: &[u8],
    extra: &[(&str, &str)],
) -> support::Response {
    let origin = format!("http://{addr}");
    let mut headers = vec![
        ("content-type", content_type),
        ("cookie", &s.cookie),
        ("x-resuma-csrf", &s.token),
        ("origin", &origin),
    ];
    headers.extend_from_slice(extra);
    support::request(addr, "POST", path, &headers, body).await
}

/// A plain HTML form post: the token in the `_csrf` field, no header.
async fn post_form(addr: SocketAddr, s: &Session, path: &str, fields: &str) -> support::Response {
    let origin = format!("http://{addr}");
    let body = format!("{fields}&_csrf={}", s.token);
    support::request(
        addr,
        "POST",
        path,
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &s.cookie),
            ("origin", &origin),
        ],
        body.as_bytes(),
    )
    .await
}

fn json(r: &support::Response) -> serde_json::Value {
    assert_eq!(r.status, 200, "body: {}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("content-type"), Some("application/json"));
    serde_json::from_slice(&r.body).unwrap()
}

fn cbor<T: serde::de::DeserializeOwned>(r: &support::Response) -> T {
    assert_eq!(r.status, 200, "body: {}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("content-type"), Some("application/cbor"));
    ciborium::de::from_reader(&r.body[..]).expect("a CBOR body")
}

fn cbor_of<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::ser::into_writer(value, &mut out).unwrap();
    out
}

/// Asserts a JSON refusal of the given status and kind.
fn refused(r: &support::Response, status: u16, kind: &str) {
    assert_eq!(
        r.status,
        status,
        "body: {}",
        String::from_utf8_lossy(&r.body)
    );
    let v: serde_json::Value = serde_json::from_slice(&r.body).expect("JSON error body");
    assert_eq!(v["error"]["kind"], kind, "{v}");
}

/// Asserts a `405` whose `Allow` lists `allow`.
fn not_allowed(r: &support::Response, allow: &str) {
    refused(r, 405, "method_not_allowed");
    assert_eq!(r.header("allow"), Some(allow));
}

#[tokio::test]
async fn a_type_name_alone_keeps_the_default_path() {
    let addr = support::start(app()).await;
    let s = session(addr).await;
    let r = support::post_json(addr, &s, "/_resuma/action/plain_fn", br#"{"x":21}"#).await;
    assert_eq!(json(&r), 42);
    let r = support::post_json(addr, &s, "/_resuma/action/plain_fn", b"[4]").await;
    assert_eq!(json(&r), 8);
    // The type names the function; browsers still call it by its own name.
    refused(
        &support::post_json(addr, &s, "/_resuma/action/Plain", b"[4]").await,
        404,
        "not_found",
    );
    assert_eq!(Plain::DESCRIPTOR.name, "plain_fn");
    assert_eq!(Plain::DESCRIPTOR.path, "/_resuma/action/plain_fn");
}

#[tokio::test]
async fn a_prefix_puts_the_function_name_below_it() {
    let addr = support::start(app()).await;
    let s = session(addr).await;
    let r = support::post_json(addr, &s, "/api/add_todo", br#"{"title":"milk"}"#).await;
    assert_eq!(json(&r), "added milk");
    // Translated handlers call every function by name at /_resuma/action/NAME.
    let r = support::post_json(addr, &s, "/_resuma/action/add_todo", br#"["tea"]"#).await;
    assert_eq!(json(&r), "added tea");
    assert_eq!(AddTodo::DESCRIPTOR.path, "/api/add_todo");
    // JSON is the default encoding: no GET, no form bodies.
    not_allowed(
        &support::get(addr, "/api/add_todo?title=x", &[]).await,
        "POST",
    );
    refused(
        &post_form(addr, &s, "/api/add_todo", "title=x").await,
        415,
        "unsupported_media_type",
    );
}

#[tokio::test]
async fn url_takes_form_posts_and_answers_json() {
    let addr = support::start(app()).await;
    let s = session(addr).await;
    let r = post_form(addr, &s, "/api/sign_url", "name=Ada+L%C3%B6vl").await;
    assert_eq!(json(&r), "signed by Ada Lövl");
    // JSON posts (what translated handlers send) are still accepted.
    let r = support::post_json(addr, &s, "/_resuma/action/sign_url", br#"["Grace"]"#).await;
    assert_eq!(json(&r), "signed by Grace");
    let r = support::post_json(addr, &s, "/api/sign_url", br#"{"name":"Joan"}"#).await;
    assert_eq!(json(&r), "signed by Joan");
    // A form post still needs its CSRF token.
    let origin = format!("http://{addr}");
    let r = support::request(
        addr,
        "POST",
        "/api/sign_url",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &s.cookie),
            ("origin", &origin),
        ],
        b"name=Eve",
    )
    .await;
    refused(&r, 403, "csrf");
    let body = cbor_of(&("Ada",));
    let r = post(addr, &s, "/api/sign_url", "application/cbor", &body, &[]).await;
    refused(&r, 415, "unsupported_media_type");
    not_allowed(
        &support::get(addr, "/api/sign_url?name=x", &[]).await,
        "POST",
    );
}

#[tokio::test]
async fn get_json_answers_get_with_the_query() {
    let addr = support::start(app()).await;
    // No cookie, no token, no Origin: a link or a cache can send it.
    let r = support::get(addr, "/api/search?q=rust&page=2", &[]).await;
    assert_eq!(json(&r), serde_json::json!(["rust #2"]));
    assert_eq!(r.header("cache-control"), Some("public, max-age=60"));
    assert_eq!(r.header("vary"), None, "a JSON-only function never varies");
    refused(
        &support::get(addr, "/api/search?q=rust&page=x", &[]).await,
        422,
        "invalid_argument",
    );
    // POST JSON stays accepted, with the usual checks.
    let s = session(addr).await;
    let r = support::post_json(addr, &s, "/api/search", br#"{"q":"a","page":1}"#).await;
    assert_eq!(json(&r), serde_json::json!(["a #1"]));
    let r = support::post_json(addr, &s, "/_resuma/action/search", br#"["b",3]"#).await;
    assert_eq!(json(&r), serde_json::json!(["b #3"]));
    refused(
        &post_form(addr, &s, "/api/search", "q=a&page=1").await,
        415,
        "unsupported_media_type",
    );
    let r = support::request(addr, "PUT", "/api/search", &[], b"").await;
    not_allowed(&r, "GET, POST");
}

#[tokio::test]
async fn cbor_takes_and_answers_cbor() {
    let addr = support::start(app()).await;
    let s = session(addr).await;
    let body = cbor_of(&(41, "x"));
    let r = post(addr, &s, "/api/binary", "application/cbor", &body, &[]).await;
    assert_eq!(cbor::<(i32, String)>(&r), (42, "x".to_owned()));
    // By name too, and a map of the arguments by name.
    let body = cbor_of(&serde_json::json!({"n": 1, "label": "y"}));
    let r = post(
        addr,
        &s,
        "/_resuma/action/binary",
        "application/cbor",
        &body,
        &[],
    )
    .await;
    assert_eq!(cbor::<(i32, String)>(&r), (2, "y".to_owned()));
    // A JSON post gets JSON, unless it asks for CBOR; caches are told.
    let r = support::post_json(addr, &s, "/api/binary", br#"[1,"z"]"#).await;
    assert_eq!(json(&r), serde_json::json!([2, "z"]));
    assert_eq!(r.header("vary"), Some("accept"));
    let accept = [("accept", "application/cbor")];
    let r = post(
        addr,
        &s,
        "/api/binary",
        "application/json",
        br#"[5,"w"]"#,
        &accept,
    )
    .await;
    assert_eq!(cbor::<(i32, String)>(&r), (6, "w".to_owned()));
    // Malformed CBOR is a 400; a mistyped argument a 422.
    let r = post(
        addr,
        &s,
        "/api/binary",
        "application/cbor",
        &[0xbf, 0x61],
        &[],
    )
    .await;
    refused(&r, 400, "bad_request");
    let body = cbor_of(&("one", "x"));
    let r = post(addr, &s, "/api/binary", "application/cbor", &body, &[]).await;
    refused(&r, 422, "invalid_argument");
    not_allowed(
        &support::get(addr, "/api/binary?n=1&label=x", &[]).await,
        "POST",
    );
    refused(
        &post_form(addr, &s, "/api/binary", "n=1&label=x").await,
        415,
        "unsupported_media_type",
    );
}

#[tokio::test]
async fn get_cbor_answers_get_in_cbor() {
    let addr = support::start(app()).await;
    let r = support::get(addr, "/api/lookup?id=21", &[]).await;
    assert_eq!(cbor::<Vec<u32>>(&r), vec![21, 42]);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    // Always CBOR for GET, whatever `Accept` says: nothing to vary on.
    let r = support::get(addr, "/api/lookup?id=2", &[("accept", "application/json")]).await;
    assert_eq!(cbor::<Vec<u32>>(&r), vec![2, 4]);
    assert_eq!(r.header("vary"), None);
    // Errors stay JSON.
    refused(
        &support::get(addr, "/api/lookup?id=x", &[]).await,
        422,
        "invalid_argument",
    );
    // Translated handlers POST JSON by name and get JSON back.
    let s = session(addr).await;
    let r = support::post_json(addr, &s, "/_resuma/action/lookup", b"[5]").await;
    assert_eq!(json(&r), serde_json::json!([5, 10]));
    let body = cbor_of(&(7,));
    let r = post(addr, &s, "/api/lookup", "application/cbor", &body, &[]).await;
    assert_eq!(cbor::<Vec<u32>>(&r), vec![7, 14]);
    let r = support::request(addr, "DELETE", "/api/lookup?id=1", &[], b"").await;
    not_allowed(&r, "GET, POST");
}

#[tokio::test]
async fn the_fourth_argument_is_the_endpoint() {
    let addr = support::start(app()).await;
    let s = session(addr).await;
    let r = post_form(addr, &s, "/api/hello", "name=Ada").await;
    assert_eq!(json(&r), "hello Ada");
    let r = support::post_json(addr, &s, "/api/hello", b"{}").await;
    assert_eq!(json(&r), "hello you");
    // The endpoint replaces the function's name in the path...
    let r = support::post_json(addr, &s, "/api/say_hello", b"{}").await;
    assert_eq!(r.status, 404);
    // ...and the name still reaches it at /_resuma/action/NAME.
    let r = support::post_json(addr, &s, "/_resuma/action/say_hello", br#"["Bo"]"#).await;
    assert_eq!(json(&r), "hello Bo");
    assert_eq!(Hello::DESCRIPTOR.path, "/api/hello");
    let r = support::post_json(addr, &s, "/api/v2/versioned", b"[9]").await;
    assert_eq!(json(&r), 9);
    not_allowed(
        &support::get(addr, "/api/v2/versioned?n=1", &[]).await,
        "POST",
    );
}

#[tokio::test]
async fn a_type_name_combines_with_named_options() {
    let addr = support::start(app()).await;
    let s = session(addr).await;
    let r = post_form(addr, &s, "/_resuma/action/mixed", "word=four").await;
    assert_eq!(json(&r), 4);
    assert_eq!(Mixed::DESCRIPTOR.rate_limit, Some("off"));
}

#[tokio::test]
async fn the_type_registers_explicitly() {
    // Registering what is also registered at link time is no conflict.
    let app = app()
        .register::<Plain>()
        .register::<AddTodo>()
        .register::<SignUrl>()
        .register::<Search>()
        .register::<Binary>()
        .register::<Lookup>()
        .register::<Hello>();
    let addr = support::start(app).await;
    let s = session(addr).await;
    let r = support::post_json(addr, &s, "/api/add_todo", b"[\"x\"]").await;
    assert_eq!(json(&r), "added x");
    let r = support::get(addr, "/api/search?q=a&page=1", &[]).await;
    assert_eq!(json(&r), serde_json::json!(["a #1"]));
}

#[test]
fn the_type_is_a_form_action() {
    let html = resuma::render_to_string(|| {
        view! {
            <Form action={SignUrl} label="Sign">
                <input name="name">
                <button>"Sign"</button>
            </Form>
            <Form action={Hello} label="Greet"><button>"Hi"</button></Form>
        }
    });
    assert!(
        html.contains(r#"<form method="post" action="/api/sign_url""#),
        "{html}"
    );
    assert!(html.contains(r#"action="/api/hello""#), "{html}");
    // The form is named after the function, as with the named syntax.
    assert!(html.contains(r#"name="_form" value="sign_url""#), "{html}");
}

#[tokio::test]
async fn direct_calls_on_the_server_are_plain_async_calls() {
    assert_eq!(search("q".into(), 1).await, Ok(vec!["q #1".to_owned()]));
    assert_eq!(lookup(3).await, Ok(vec![3, 6]));
}
