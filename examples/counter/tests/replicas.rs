//! Replicas: two counter processes started with the same `RESUMA_SECRET`
//! accept each other's sessions and CSRF tokens, and serve every asset and
//! chunk under the same URL with the same bytes (protocol.md §6, §8).
//!
//! The tests run the real `counter` binary (not the app in-process), so
//! nothing is shared between the replicas but the secret. A third process
//! with another secret shows that tokens are checked, not accepted blindly.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use resuma_test_support::{get, request, Response};

const SECRET: &str = "replica-test-secret-0123456789abcdef";
const OTHER_SECRET: &str = "another-secret-for-replica-tests-fedcba9876543210";

/// A running `counter` process, killed when dropped.
struct Replica {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the counter binary on a free port with `secret`, and waits until
/// it answers `GET /`.
async fn start(secret: &str) -> Replica {
    // The free port is found by binding and releasing it; another process
    // could take it in between, so a replica that exits is started again.
    for _attempt in 0..5 {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port on 127.0.0.1")
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_counter"))
            .env("HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .env("RESUMA_SECRET", secret)
            .env_remove("RESUMA_ORIGIN")
            .env_remove("RESUMA_HTTPS")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the counter binary starts");
        let mut replica = Replica {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = replica.child.try_wait().unwrap() {
                eprintln!("counter on port {port} exited ({status}); retrying on another port");
                break;
            }
            if tokio::net::TcpStream::connect(replica.addr).await.is_ok() {
                let page = get(replica.addr, "/", &[]).await;
                // Still our process (not another one that took the port), and
                // the counter's page.
                if replica.child.try_wait().unwrap().is_none()
                    && page.status == 200
                    && page.text().contains("<title>Resuma counter</title>")
                {
                    return replica;
                }
            }
            assert!(
                Instant::now() < deadline,
                "counter on port {port} did not answer within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    panic!("the counter binary did not start (5 attempts)");
}

/// The session cookie (`resuma-session=SID.MAC`) a response sets, if any.
fn session_cookie(r: &Response) -> Option<String> {
    let set = r.header("set-cookie")?;
    let pair = set.split(';').next().unwrap().trim();
    assert!(pair.starts_with("resuma-session="), "Set-Cookie: {set}");
    Some(pair.to_owned())
}

/// The CSRF token of a page: `<meta name="resuma-csrf" content="TOKEN">`.
fn csrf_token(page: &str) -> String {
    let token = page
        .split("<meta name=\"resuma-csrf\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no CSRF meta tag in the page:\n{page}"))
        .to_owned();
    assert_eq!(token.len(), 64, "{token}");
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()), "{token}");
    token
}

/// A new visitor of `replica`: its cookie and token.
async fn visit(replica: &Replica) -> (String, String) {
    let page = get(replica.addr, "/", &[]).await;
    assert_eq!(page.status, 200);
    let cookie = session_cookie(&page).expect("a first visit sets the session cookie");
    (cookie, csrf_token(&page.text()))
}

/// POST a JSON call of server function `name` to `to`, as a page of `to`
/// would (same Origin).
async fn call(to: &Replica, name: &str, cookie: &str, token: &str, body: &str) -> Response {
    let origin = format!("http://{}", to.addr);
    let mut headers = vec![
        ("origin", origin.as_str()),
        ("content-type", "application/json"),
        ("cookie", cookie),
    ];
    if !token.is_empty() {
        headers.push(("x-resuma-csrf", token));
    }
    request(
        to.addr,
        "POST",
        &format!("/_resuma/action/{name}"),
        &headers,
        body.as_bytes(),
    )
    .await
}

/// Asserts a refusal: `403` with the JSON error `kind`.
fn assert_refused(r: &Response, kind: &str, what: &str) {
    assert_eq!(
        r.status,
        403,
        "{what}: {}",
        String::from_utf8_lossy(&r.body)
    );
    let v: serde_json::Value = serde_json::from_slice(&r.body).expect("a JSON error body");
    assert_eq!(v["error"]["kind"], kind, "{what}: {v}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_and_token_from_one_replica_are_accepted_by_the_other() {
    let (a, b) = tokio::join!(start(SECRET), start(SECRET));
    let (cookie, token) = visit(&a).await;

    // B renders the page for A's visitor: the session is kept (no new
    // cookie) and the token is the same, in the meta tag and the form field.
    let page = get(b.addr, "/", &[("cookie", &cookie)]).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("set-cookie"),
        None,
        "B replaced a session cookie of A"
    );
    let html = page.text();
    assert_eq!(csrf_token(&html), token);
    assert!(
        html.contains(&format!(
            "<input type=\"hidden\" name=\"_csrf\" value=\"{token}\">"
        )),
        "{html}"
    );

    // B accepts calls made with A's session and token: JSON by name, JSON by
    // position, and the plain form post with the `_csrf` field.
    let r = call(&b, "flaky", &cookie, &token, "").await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.text(), "1", "the first call of this session on B");
    let r = call(
        &b,
        "sign_guestbook",
        &cookie,
        &token,
        r#"{"name":"replica A"}"#,
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.text(), "null");
    let r = call(
        &b,
        "sign_guestbook",
        &cookie,
        &token,
        r#"["replica A again"]"#,
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let origin = format!("http://{}", b.addr);
    let form = format!("name=by+form&_csrf={token}");
    let r = request(
        b.addr,
        "POST",
        "/_resuma/action/sign_guestbook",
        &[
            ("origin", &origin),
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &cookie),
        ],
        form.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let page = get(b.addr, "/", &[("cookie", &cookie)]).await.text();
    for name in ["replica A", "replica A again", "by form"] {
        assert!(page.contains(&format!("<li>{name}</li>")), "{page}");
    }

    // And the other way round: a visitor of B is accepted by A.
    let (cookie_b, token_b) = visit(&b).await;
    assert_ne!(cookie_b, cookie);
    let r = call(&a, "flaky", &cookie_b, &token_b, "[]").await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_tokens_and_other_secrets_are_refused() {
    let (a, b, c) = tokio::join!(start(SECRET), start(SECRET), start(OTHER_SECRET));
    let (cookie, token) = visit(&a).await;
    let (cookie_c, token_c) = visit(&c).await;
    let body = r#"{"name":"intruder"}"#;

    // A token changed in one digit.
    let mut forged = token.clone().into_bytes();
    forged[10] = if forged[10] == b'0' { b'1' } else { b'0' };
    let forged = String::from_utf8(forged).unwrap();
    let r = call(&b, "sign_guestbook", &cookie, &forged, body).await;
    assert_refused(&r, "csrf", "a forged token");
    // A well-formed token that is nobody's.
    let r = call(&b, "sign_guestbook", &cookie, &"ab".repeat(32), body).await;
    assert_refused(&r, "csrf", "a made-up token");
    // No token at all.
    let r = call(&b, "sign_guestbook", &cookie, "", body).await;
    assert_refused(&r, "csrf", "no token");
    // A's token without its cookie.
    let r = call(&b, "sign_guestbook", "", &token, body).await;
    assert_refused(&r, "csrf", "a token without its session cookie");
    // A's token with another (valid) session of B.
    let (cookie_b, _) = visit(&b).await;
    let r = call(&b, "sign_guestbook", &cookie_b, &token, body).await;
    assert_refused(&r, "csrf", "a token of another session");
    // A session cookie with a tampered signature.
    let mut tampered = cookie.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == '0' { '1' } else { '0' });
    let r = call(&b, "sign_guestbook", &tampered, &token, body).await;
    assert_refused(&r, "csrf", "a tampered session cookie");

    // A session and token from a server with a different secret.
    let r = call(&b, "sign_guestbook", &cookie_c, &token_c, body).await;
    assert_refused(&r, "csrf", "a cookie and token of another secret");
    // ... which B does not take as a session either: it starts a new one.
    let page = get(b.addr, "/", &[("cookie", &cookie_c)]).await;
    let fresh = session_cookie(&page).expect("B replaces a cookie it cannot verify");
    assert_ne!(fresh, cookie_c);
    assert_ne!(csrf_token(&page.text()), token_c);
    // Symmetrically, C refuses A's pair.
    let r = call(&c, "sign_guestbook", &cookie, &token, body).await;
    assert_refused(&r, "csrf", "A's pair sent to C");

    // A page of A calling B (Origin of A) is cross-origin for B.
    let origin_a = format!("http://{}", a.addr);
    let r = request(
        b.addr,
        "POST",
        "/_resuma/action/sign_guestbook",
        &[
            ("origin", &origin_a),
            ("content-type", "application/json"),
            ("cookie", &cookie),
            ("x-resuma-csrf", &token),
        ],
        body.as_bytes(),
    )
    .await;
    assert_refused(&r, "origin", "Origin of another replica");

    // None of the refused calls signed the guestbook.
    for replica in [&a, &b, &c] {
        let page = get(replica.addr, "/", &[]).await.text();
        assert!(!page.contains("intruder"), "{page}");
    }
    // The same pair is accepted once the token is right (so the refusals
    // above are about the token, not the request).
    let r = call(
        &b,
        "sign_guestbook",
        &cookie,
        &token,
        r#"{"name":"friend"}"#,
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
}

/// `/_resuma/…` URLs a page references: the core (`data-r-core`) and the
/// handler chunks (`data-r-on:EVENT="CHUNK#SYMBOL|IDS"`).
fn page_asset_urls(html: &str) -> BTreeSet<String> {
    let mut urls = BTreeSet::new();
    for rest in html.split(" data-r-core=\"").skip(1) {
        urls.insert(rest.split('"').next().unwrap().to_owned());
    }
    for rest in html.split(" data-r-on:").skip(1) {
        let value = rest
            .split_once("=\"")
            .expect("data-r-on:EVENT has a value")
            .1;
        let chunk = value.split('#').next().unwrap();
        assert!(is_chunk_name(chunk), "handler chunk {chunk:?} in {html}");
        urls.insert(format!("/_resuma/{chunk}.js"));
    }
    urls
}

fn is_chunk_name(name: &str) -> bool {
    name.len() == 13
        && name.starts_with('h')
        && name[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The modules a module imports by relative URL (`"./blocks-HASH.js"`),
/// resolved against `/_resuma/`.
fn imported_urls(js: &str) -> BTreeSet<String> {
    js.split("\"./")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|path| path.ends_with(".js"))
        .map(|path| format!("/_resuma/{path}"))
        .collect()
}

/// Every asset URL `replica` references from `/`, `/one-button` and
/// `/about`, with the modules the cores import, and the forms chunk every
/// app serves.
async fn asset_urls(replica: &Replica) -> BTreeSet<String> {
    let mut urls = BTreeSet::new();
    for page in ["/", "/one-button", "/about"] {
        let r = get(replica.addr, page, &[]).await;
        assert_eq!(r.status, 200, "{page}");
        urls.extend(page_asset_urls(&r.text()));
    }
    let cores: Vec<String> = urls
        .iter()
        .filter(|u| u.starts_with("/_resuma/core-"))
        .cloned()
        .collect();
    assert_eq!(
        cores.len(),
        2,
        "the full core (/) and the lite one (/one-button): {urls:?}"
    );
    let mut imports = BTreeSet::new();
    for core in &cores {
        let core = get(replica.addr, core, &[]).await;
        assert_eq!(core.status, 200);
        imports.extend(imported_urls(&core.text()));
    }
    assert!(
        imports.iter().any(|u| u.starts_with("/_resuma/blocks-")),
        "the full core imports the blocks module: {imports:?}"
    );
    urls.extend(imports);
    let forms = include_str!("../../../crates/resuma/assets/forms.js");
    urls.insert(format!(
        "/_resuma/{}.js",
        resuma_protocol::chunk_name(forms)
    ));
    urls
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_asset_url_and_byte_is_identical_on_both_replicas() {
    let (a, b) = tokio::join!(start(SECRET), start(SECRET));
    let urls = asset_urls(&a).await;
    assert_eq!(urls, asset_urls(&b).await, "A and B reference other URLs");
    // core, blocks, the forms chunk and at least the two handler chunks of `/`.
    assert!(urls.len() >= 5, "{urls:?}");

    for url in &urls {
        let identity_a = get(a.addr, url, &[]).await;
        let identity_b = get(b.addr, url, &[]).await;
        let br_a = get(a.addr, url, &[("accept-encoding", "br")]).await;
        let br_b = get(b.addr, url, &[("accept-encoding", "br")]).await;
        for (r, what) in [
            (&identity_a, "identity from A"),
            (&identity_b, "identity from B"),
            (&br_a, "br from A"),
            (&br_b, "br from B"),
        ] {
            assert_eq!(r.status, 200, "{url} ({what})");
            assert_eq!(
                r.header("cache-control"),
                Some("public, max-age=31536000, immutable"),
                "{url} ({what})"
            );
            assert_eq!(
                r.header("content-type"),
                Some("text/javascript; charset=utf-8"),
                "{url} ({what})"
            );
        }
        assert_eq!(identity_a.header("content-encoding"), None, "{url}");
        assert_eq!(br_a.header("content-encoding"), Some("br"), "{url}");
        assert_eq!(br_b.header("content-encoding"), Some("br"), "{url}");
        assert!(
            identity_a.body == identity_b.body,
            "{url}: A and B serve different bytes"
        );
        assert!(
            br_a.body == br_b.body,
            "{url}: A and B serve different brotli bytes"
        );
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &br_a.body[..], &mut decoded).expect("valid brotli");
        assert!(
            decoded == identity_a.body,
            "{url}: the brotli copy is not the file"
        );

        // The name is the content hash of those bytes.
        let name = url
            .strip_prefix("/_resuma/")
            .and_then(|n| n.strip_suffix(".js"))
            .unwrap();
        let hash = match name.rsplit_once('-') {
            Some((_, hash)) => hash.to_owned(),
            None => name.strip_prefix('h').unwrap().to_owned(),
        };
        assert_eq!(
            hash,
            resuma_protocol::content_hash(&identity_a.body),
            "{url} is not named by its content hash"
        );
    }
}
