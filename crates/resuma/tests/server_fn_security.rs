//! Server functions over real HTTP on 127.0.0.1: the wire format
//! (protocol.md §8) and the attack list of issue 5. Every attack must be
//! refused with the right status and a JSON error.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};

use resuma::prelude::*;
use resuma::server_fn::Security;
use resuma_test_support as support;

#[server]
async fn echo(q: String, n: i32) -> Result<String, ServerFnError> {
    Ok(format!("{q}:{n}"))
}

#[server]
async fn boom() -> Result<i32, ServerFnError> {
    panic!("boom on purpose")
}

#[server]
async fn refuse() -> Result<(), ServerFnError> {
    Err(ServerFnError::custom(
        "not_today",
        StatusCode::CONFLICT,
        "refused on purpose",
    ))
}

#[server(rate_limit = "3/min")]
async fn limited() -> Result<u32, ServerFnError> {
    Ok(1)
}

#[server(max_body = 100)]
async fn small(data: String) -> Result<usize, ServerFnError> {
    Ok(data.len())
}

static SIGNED: AtomicU32 = AtomicU32::new(0);

#[server(encoding = "form")]
async fn sign(name: String) -> Result<String, ServerFnError> {
    SIGNED.fetch_add(1, Ordering::SeqCst);
    Ok(format!("signed by {name}"))
}

#[server(encoding = "get", read_only, cache_control = "public, max-age=60")]
async fn lookup(id: u32) -> Result<Vec<u32>, ServerFnError> {
    Ok(vec![id, id * 2])
}

#[server(encoding = "cbor")]
async fn binary(n: i32, label: String) -> Result<(i32, String), ServerFnError> {
    Ok((n + 1, label))
}

#[server(prefix = "/api", endpoint = "v2/hello")]
async fn hello(name: Option<String>) -> Result<String, ServerFnError> {
    Ok(format!("hello {}", name.unwrap_or_else(|| "you".into())))
}

const SECRET: &[u8] = b"test secret, 32 bytes or more, not for production";

fn app() -> App {
    App::new()
        .page("/", "Home", || view! { <p>"home"</p> })
        .security(Security::default().secret(SECRET.to_vec()))
}

async fn start() -> SocketAddr {
    support::start(app()).await
}

use support::{session, Session};

fn origin(addr: SocketAddr) -> String {
    format!("http://{addr}")
}

/// POST a JSON body as a same-origin browser `fetch` would.
async fn call(addr: SocketAddr, s: &Session, name: &str, body: &str) -> support::Response {
    support::post_json(addr, s, &format!("/_resuma/action/{name}"), body.as_bytes()).await
}

/// POST `["a",1]` to `echo` with exactly `headers` (the attacks below leave
/// out or forge one piece each).
async fn echo_with(addr: SocketAddr, headers: &[(&str, &str)]) -> support::Response {
    support::request(addr, "POST", "/_resuma/action/echo", headers, br#"["a",1]"#).await
}

/// Asserts a refusal: the status, a JSON error body of the given kind, and
/// returns its message.
fn refused(r: &support::Response, status: u16, kind: &str) -> String {
    assert_eq!(
        r.status,
        status,
        "status; body: {}",
        String::from_utf8_lossy(&r.body)
    );
    assert_eq!(
        r.header("content-type"),
        Some("application/json"),
        "refusals are JSON"
    );
    let v: serde_json::Value = serde_json::from_slice(&r.body).expect("JSON error body");
    assert_eq!(v["error"]["kind"], kind, "{v}");
    let message = v["error"]["message"]
        .as_str()
        .expect("error.message")
        .to_owned();
    assert!(!message.is_empty());
    message
}

fn json(r: &support::Response) -> serde_json::Value {
    assert_eq!(r.status, 200, "body: {}", String::from_utf8_lossy(&r.body));
    serde_json::from_slice(&r.body).unwrap()
}

// --- the wire format -------------------------------------------------------

#[tokio::test]
async fn json_by_name_and_by_position() {
    let addr = start().await;
    let s = session(addr).await;
    assert_eq!(
        json(&call(addr, &s, "echo", r#"{"q":"a","n":2}"#).await),
        "a:2"
    );
    assert_eq!(json(&call(addr, &s, "echo", r#"["b",-3]"#).await), "b:-3");
    let r = call(addr, &s, "echo", r#"["c",1]"#).await;
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
}

#[tokio::test]
async fn server_side_direct_call_is_a_plain_async_call() {
    assert_eq!(echo("x".into(), 1).await, Ok("x:1".to_owned()));
    assert_eq!(refuse().await.unwrap_err().status(), 409);
}

#[tokio::test]
async fn application_error_keeps_its_kind_and_status() {
    let addr = start().await;
    let s = session(addr).await;
    let message = refused(&call(addr, &s, "refuse", "").await, 409, "not_today");
    assert_eq!(message, "refused on purpose");
}

#[tokio::test]
async fn form_post_with_csrf_field() {
    let addr = start().await;
    let s = session(addr).await;
    let body = format!("name=Ada+L%C3%B6vl&_csrf={}", s.token);
    let o = origin(addr);
    let before = SIGNED.load(Ordering::SeqCst);
    let r = support::request(
        addr,
        "POST",
        "/_resuma/action/sign",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &s.cookie),
            ("origin", &o),
        ],
        body.as_bytes(),
    )
    .await;
    assert_eq!(json(&r), "signed by Ada Lövl");
    assert_eq!(SIGNED.load(Ordering::SeqCst), before + 1);
    // A browser navigation (no JavaScript) is sent back to the form's page.
    let referer = format!("{o}/guestbook?x=1");
    let r = support::request(
        addr,
        "POST",
        "/_resuma/action/sign",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &s.cookie),
            ("origin", &o),
            ("referer", &referer),
            ("sec-fetch-mode", "navigate"),
            ("accept", "text/html,*/*"),
        ],
        body.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/guestbook?x=1"));
    // A function without `encoding = "form"` refuses form bodies.
    let r = support::request(
        addr,
        "POST",
        "/_resuma/action/echo",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &s.cookie),
            ("origin", &o),
        ],
        format!("q=a&n=1&_csrf={}", s.token).as_bytes(),
    )
    .await;
    refused(&r, 415, "unsupported_media_type");
}

#[tokio::test]
async fn get_with_query_is_cacheable_and_needs_no_token() {
    let addr = start().await;
    let r = support::get(addr, "/_resuma/action/lookup?id=21", &[]).await;
    assert_eq!(json(&r), serde_json::json!([21, 42]));
    assert_eq!(r.header("cache-control"), Some("public, max-age=60"));
    let message = refused(
        &support::get(addr, "/_resuma/action/lookup?id=x", &[]).await,
        422,
        "invalid_argument",
    );
    assert!(message.contains("`id`"), "{message}");
    // GET is opt-in: other functions refuse it.
    let r = support::get(addr, "/_resuma/action/echo?q=a&n=1", &[]).await;
    refused(&r, 405, "method_not_allowed");
    assert_eq!(r.header("allow"), Some("POST"));
}

#[tokio::test]
async fn cbor_request_and_result() {
    let addr = start().await;
    let s = session(addr).await;
    let mut body = Vec::new();
    ciborium::ser::into_writer(&(41, "x"), &mut body).unwrap();
    let o = origin(addr);
    let r = support::request(
        addr,
        "POST",
        "/_resuma/action/binary",
        &[
            ("content-type", "application/cbor"),
            ("cookie", &s.cookie),
            ("x-resuma-csrf", &s.token),
            ("origin", &o),
        ],
        &body,
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/cbor"));
    let (n, label): (i32, String) = ciborium::de::from_reader(&r.body[..]).unwrap();
    assert_eq!((n, label.as_str()), (42, "x"));
    // Malformed CBOR is a 400, a mistyped argument a 422 naming it.
    let bad = support::request(
        addr,
        "POST",
        "/_resuma/action/binary",
        &[
            ("content-type", "application/cbor"),
            ("cookie", &s.cookie),
            ("x-resuma-csrf", &s.token),
            ("origin", &o),
        ],
        &[0xbf, 0x61],
    )
    .await;
    refused(&bad, 400, "bad_request");
    let mut body = Vec::new();
    ciborium::ser::into_writer(&("not a number", "x"), &mut body).unwrap();
    let bad = support::request(
        addr,
        "POST",
        "/_resuma/action/binary",
        &[
            ("content-type", "application/cbor"),
            ("cookie", &s.cookie),
            ("x-resuma-csrf", &s.token),
            ("origin", &o),
        ],
        &body,
    )
    .await;
    assert!(refused(&bad, 422, "invalid_argument").contains("`n`"));
}

#[tokio::test]
async fn custom_prefix_and_endpoint() {
    let addr = start().await;
    let s = session(addr).await;
    let o = origin(addr);
    let r = support::request(
        addr,
        "POST",
        "/api/v2/hello",
        &[
            ("content-type", "application/json"),
            ("cookie", &s.cookie),
            ("x-resuma-csrf", &s.token),
            ("origin", &o),
        ],
        br#"{"name":"Ada"}"#,
    )
    .await;
    assert_eq!(json(&r), "hello Ada");
    // Translated handlers call by name: that route reaches it too.
    assert_eq!(json(&call(addr, &s, "hello", "{}").await), "hello you");
}

#[tokio::test]
async fn session_cookie_attributes() {
    let addr = start().await;
    let page = support::get(addr, "/", &[]).await;
    let c = page.header("set-cookie").unwrap();
    assert!(c.starts_with("resuma-session="), "{c}");
    assert!(
        c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Path=/"),
        "{c}"
    );
    // A page request that already has a valid session gets no new cookie.
    let s = session(addr).await;
    let again = support::get(addr, "/", &[("cookie", &s.cookie)]).await;
    assert_eq!(again.header("set-cookie"), None);
    assert!(again.text().contains(&s.token), "same session, same token");
    // Assets never carry a cookie.
    let csp_page = again.text();
    let core = csp_page
        .split("data-r-core=\"")
        .nth(1)
        .map(|s| s.split('"').next().unwrap().to_owned());
    if let Some(core) = core {
        assert_eq!(
            support::get(addr, &core, &[]).await.header("set-cookie"),
            None
        );
    }
}

#[tokio::test]
async fn https_mode_uses_host_prefix_and_secure() {
    let app = App::new()
        .page("/", "Home", || view! { <p>"home"</p> })
        .security(Security::default().secret(SECRET.to_vec()).https(true));
    let addr = support::start(app).await;
    let page = support::get(addr, "/", &[]).await;
    let c = page.header("set-cookie").unwrap();
    assert!(
        c.starts_with("__Host-resuma-session=") && c.contains("; Secure") && c.contains("Path=/"),
        "{c}"
    );
    assert!(!c.contains("Domain"), "{c}");
    assert!(page.header("strict-transport-security").is_some());
    // Over HTTPS the expected origin is https://host:port.
    let cookie = c.split(';').next().unwrap();
    let token = support::page_token(&page.text());
    let ok = support::request(
        addr,
        "POST",
        "/_resuma/action/echo",
        &[
            ("content-type", "application/json"),
            ("cookie", cookie),
            ("x-resuma-csrf", &token),
            ("origin", &format!("https://{addr}")),
        ],
        br#"["s",1]"#,
    )
    .await;
    assert_eq!(json(&ok), "s:1");
    // The plain-HTTP cookie name is not accepted over HTTPS.
    let plain = cookie.replacen("__Host-resuma-session", "resuma-session", 1);
    let r = support::request(
        addr,
        "POST",
        "/_resuma/action/echo",
        &[
            ("content-type", "application/json"),
            ("cookie", &plain),
            ("x-resuma-csrf", &token),
            ("origin", &format!("https://{addr}")),
        ],
        br#"["s",1]"#,
    )
    .await;
    refused(&r, 403, "csrf");
}

#[tokio::test]
async fn strict_security_headers() {
    let addr = start().await;
    let s = session(addr).await;
    let r = call(addr, &s, "echo", r#"["a",1]"#).await;
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("x-frame-options"), Some("DENY"));
    assert_eq!(
        r.header("content-security-policy"),
        Some("default-src 'none'; frame-ancestors 'none'")
    );
    assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(
        r.header("cross-origin-resource-policy"),
        Some("same-origin")
    );
    let page = support::get(addr, "/", &[]).await;
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(
        page.header("cross-origin-opener-policy"),
        Some("same-origin")
    );
}

// --- the attack list ---------------------------------------------------------

#[tokio::test]
async fn attack_missing_token() {
    let addr = start().await;
    let s = session(addr).await;
    let o = origin(addr);
    let r = echo_with(
        addr,
        &[
            ("content-type", "application/json"),
            ("cookie", &s.cookie),
            ("origin", &o),
        ],
    )
    .await;
    assert!(refused(&r, 403, "csrf").contains("missing CSRF token"));
}

#[tokio::test]
async fn attack_missing_cookie() {
    let addr = start().await;
    let s = session(addr).await;
    let o = origin(addr);
    let r = echo_with(
        addr,
        &[
            ("content-type", "application/json"),
            ("x-resuma-csrf", &s.token),
            ("origin", &o),
        ],
    )
    .await;
    refused(&r, 403, "csrf");
}

#[tokio::test]
async fn attack_token_from_another_session() {
    let addr = start().await;
    let mine = session(addr).await;
    let theirs = session(addr).await;
    assert_ne!(mine.token, theirs.token);
    let stolen = Session {
        cookie: mine.cookie.clone(),
        token: theirs.token.clone(),
    };
    let message = refused(
        &call(addr, &stolen, "echo", r#"["a",1]"#).await,
        403,
        "csrf",
    );
    assert!(
        message.contains("does not belong to this session"),
        "{message}"
    );
}

#[tokio::test]
async fn attack_forged_cookie_and_header_pair() {
    let addr = start().await;
    // Double-submit style: an attacker who can plant a cookie picks a value
    // and sends the matching header. Without the server secret the pair
    // cannot be made valid.
    let sid = "0123456789abcdef0123456789abcdef";
    let forged_mac = "ab".repeat(32);
    let forged = Session {
        cookie: format!("resuma-session={sid}.{forged_mac}"),
        token: forged_mac.clone(),
    };
    refused(
        &call(addr, &forged, "echo", r#"["a",1]"#).await,
        403,
        "csrf",
    );
    let same = Session {
        cookie: format!("resuma-session={sid}"),
        token: sid.into(),
    };
    refused(&call(addr, &same, "echo", r#"["a",1]"#).await, 403, "csrf");
    // A pair signed with another secret (another deployment) is refused too.
    let other_app = App::new()
        .page("/", "Home", || view! { <p>"home"</p> })
        .security(Security::default().secret(b"a different secret, also 32 bytes long!".to_vec()));
    let other = session(support::start(other_app).await).await;
    refused(&call(addr, &other, "echo", r#"["a",1]"#).await, 403, "csrf");
}

#[tokio::test]
async fn attack_tampered_signature() {
    let addr = start().await;
    let s = session(addr).await;
    let flip = |text: &str| {
        let mut t = text.to_owned();
        let last = t.pop().unwrap();
        t.push(if last == '0' { '1' } else { '0' });
        t
    };
    let bad_token = Session {
        cookie: s.cookie.clone(),
        token: flip(&s.token),
    };
    refused(
        &call(addr, &bad_token, "echo", r#"["a",1]"#).await,
        403,
        "csrf",
    );
    let bad_cookie = Session {
        cookie: flip(&s.cookie),
        token: s.token.clone(),
    };
    refused(
        &call(addr, &bad_cookie, "echo", r#"["a",1]"#).await,
        403,
        "csrf",
    );
    let truncated = Session {
        cookie: s.cookie.clone(),
        token: s.token[..20].to_owned(),
    };
    refused(
        &call(addr, &truncated, "echo", r#"["a",1]"#).await,
        403,
        "csrf",
    );
    // And the genuine pair still works.
    assert_eq!(json(&call(addr, &s, "echo", r#"["a",1]"#).await), "a:1");
}

async fn with_origin_headers(
    addr: SocketAddr,
    s: &Session,
    extra: &[(&str, &str)],
) -> support::Response {
    let mut headers = vec![
        ("content-type", "application/json"),
        ("cookie", s.cookie.as_str()),
        ("x-resuma-csrf", s.token.as_str()),
    ];
    headers.extend_from_slice(extra);
    support::request(
        addr,
        "POST",
        "/_resuma/action/echo",
        &headers,
        br#"["a",1]"#,
    )
    .await
}

#[tokio::test]
async fn attack_wrong_origin_scheme_port_host() {
    let addr = start().await;
    let s = session(addr).await;
    let port = addr.port();
    for bad in [
        format!("https://127.0.0.1:{port}"),
        format!("http://127.0.0.1:{}", port.wrapping_add(1).max(1)),
        format!("http://evil.example:{port}"),
        format!("http://localhost:{port}"),
        "null".to_owned(),
    ] {
        let r = with_origin_headers(addr, &s, &[("origin", &bad)]).await;
        refused(&r, 403, "origin");
    }
    // The same checks apply to the Referer when Origin is absent.
    let r = with_origin_headers(
        addr,
        &s,
        &[("referer", &format!("https://127.0.0.1:{port}/"))],
    )
    .await;
    refused(&r, 403, "origin");
    let r = with_origin_headers(
        addr,
        &s,
        &[("referer", &format!("http://127.0.0.1:{port}/page"))],
    )
    .await;
    assert_eq!(json(&r), "a:1");
    // Sec-Fetch-Site is honoured: cross-site and same-site are refused.
    let o = origin(addr);
    for site in ["cross-site", "same-site", "none"] {
        let r = with_origin_headers(addr, &s, &[("origin", &o), ("sec-fetch-site", site)]).await;
        refused(&r, 403, "origin");
    }
    let r = with_origin_headers(
        addr,
        &s,
        &[("origin", &o), ("sec-fetch-site", "same-origin")],
    )
    .await;
    assert_eq!(json(&r), "a:1");
}

#[tokio::test]
async fn attack_missing_origin_and_referer() {
    let addr = start().await;
    let s = session(addr).await;
    let message = refused(&with_origin_headers(addr, &s, &[]).await, 403, "origin");
    assert!(message.contains("Origin or Referer"), "{message}");
}

#[tokio::test]
async fn attack_oversized_body() {
    let addr = start().await;
    let s = session(addr).await;
    // Over the app default (64 KiB).
    let big = format!(r#"["{}",1]"#, "x".repeat(70 * 1024));
    refused(
        &call(addr, &s, "echo", &big).await,
        413,
        "payload_too_large",
    );
    // Over a function's own limit.
    let r = call(addr, &s, "small", &format!(r#"["{}"]"#, "y".repeat(200))).await;
    refused(&r, 413, "payload_too_large");
    assert_eq!(json(&call(addr, &s, "small", r#"["yy"]"#).await), 2);
    // A body larger than its Content-Length claims is cut at the limit,
    // never read without bound: chunked upload without length.
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let head = format!(
        "POST /_resuma/action/small HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\
         content-type: application/json\r\ncookie: {}\r\nx-resuma-csrf: {}\r\norigin: {}\r\n\r\n",
        s.cookie,
        s.token,
        origin(addr)
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = "z".repeat(150);
    let _ = stream
        .write_all(format!("{:x}\r\n{chunk}\r\n0\r\n\r\n", chunk.len()).as_bytes())
        .await;
    let mut raw = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_end(&mut raw),
    )
    .await;
    let text = String::from_utf8_lossy(&raw);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.contains("payload_too_large"), "{text}");
}

#[tokio::test]
async fn attack_malformed_json() {
    let addr = start().await;
    let s = session(addr).await;
    for body in [r#"{"q":"a","#, "not json", r#"["a",1]]"#, "\u{0}\u{1}"] {
        let message = refused(&call(addr, &s, "echo", body).await, 400, "bad_request");
        assert!(message.contains("not valid JSON"), "{message}");
    }
}

#[tokio::test]
async fn attack_wrong_types() {
    let addr = start().await;
    let s = session(addr).await;
    let m = refused(
        &call(addr, &s, "echo", r#"{"q":"a","n":"one"}"#).await,
        422,
        "invalid_argument",
    );
    assert!(m.starts_with("argument `n`:"), "{m}");
    let m = refused(
        &call(addr, &s, "echo", r#"[1, 2]"#).await,
        422,
        "invalid_argument",
    );
    assert!(m.starts_with("argument `q`:"), "{m}");
    let m = refused(
        &call(addr, &s, "echo", r#"{"q":"a","n":3000000000}"#).await,
        422,
        "invalid_argument",
    );
    assert!(m.contains("`n`"), "{m}");
    let m = refused(
        &call(addr, &s, "echo", r#"{"q":"a"}"#).await,
        422,
        "invalid_argument",
    );
    assert!(m.contains("missing argument `n`"), "{m}");
    let m = refused(
        &call(addr, &s, "echo", r#"{"q":"a","n":1,"extra":true}"#).await,
        422,
        "invalid_argument",
    );
    assert!(m.contains("unknown argument `extra`"), "{m}");
    let m = refused(
        &call(addr, &s, "echo", r#"42"#).await,
        422,
        "invalid_argument",
    );
    assert!(m.contains("arguments of `echo`"), "{m}");
}

#[tokio::test]
async fn attack_unknown_function() {
    let addr = start().await;
    let s = session(addr).await;
    let m = refused(&call(addr, &s, "no_such_fn", "{}").await, 404, "not_found");
    assert!(
        m.contains("`no_such_fn`") && m.contains("register::<no_such_fn>()"),
        "{m}"
    );
    for bare in ["/_resuma/action/", "/_resuma/action"] {
        let r = support::request(
            addr,
            "POST",
            bare,
            &[("content-type", "application/json")],
            b"{}",
        )
        .await;
        refused(&r, 404, "not_found");
    }
}

#[tokio::test]
async fn attack_panicking_function_then_server_keeps_serving() {
    let addr = start().await;
    let s = session(addr).await;
    for _ in 0..3 {
        let m = refused(&call(addr, &s, "boom", "").await, 500, "panic");
        assert!(
            !m.contains("boom on purpose"),
            "panic text stays in the server log: {m}"
        );
    }
    assert_eq!(
        json(&call(addr, &s, "echo", r#"["still",1]"#).await),
        "still:1"
    );
    assert_eq!(support::get(addr, "/", &[]).await.status, 200);
}

#[tokio::test]
async fn attack_rate_limit_exceeded() {
    let addr = start().await;
    let s = session(addr).await;
    for _ in 0..3 {
        assert_eq!(json(&call(addr, &s, "limited", "").await), 1);
    }
    let r = call(addr, &s, "limited", "").await;
    refused(&r, 429, "rate_limited");
    let retry: u64 = r
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!(
        (1..=20).contains(&retry),
        "3/min refills one call every 20 s: {retry}"
    );
    // Other functions are unaffected.
    assert_eq!(json(&call(addr, &s, "echo", r#"["a",1]"#).await), "a:1");
}
