//! The findings of the security review (docs/security.md), each over real
//! HTTP on 127.0.0.1, each a test that failed before its fix: rebound host
//! names, limits applied before a no-JS form body is read, cheap refusals,
//! an off-site `_back`, cookie tossing, internal error text, and rate limits
//! without a client address.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use resuma::prelude::*;
use resuma::server_fn::Security;
use resuma_test_support as support;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SECRET: &[u8] = b"security review secret, 32 bytes or more";

#[server(encoding = "form")]
async fn rename(title: String) -> Result<String, ServerFnError> {
    if title.is_empty() {
        return Err(resuma::form::invalid_field("title", "a title is needed"));
    }
    Ok(title)
}

#[server(encoding = "form", rate_limit = "1/min")]
async fn once_a_minute(title: String) -> Result<String, ServerFnError> {
    Ok(title)
}

#[server]
async fn leaky() -> Result<(), ServerFnError> {
    // What a database driver's error looks like: internals a visitor must
    // never see.
    Err(std::io::Error::other(
        "password authentication failed for user \"app\" at 10.0.0.5:5432",
    ))?
}

#[server(rate_limit = "5/s")]
async fn limited() -> Result<u8, ServerFnError> {
    Ok(1)
}

fn app() -> App {
    app_counting_loads(Arc::new(AtomicUsize::new(0)))
}

/// The app, counting how often its page's data is loaded (a refusal must
/// not load it); each test that counts has its own counter.
fn app_counting_loads(loads: Arc<AtomicUsize>) -> App {
    let load = move || {
        let loads = loads.clone();
        async move {
            loads.fetch_add(1, Ordering::SeqCst);
            Ok::<(), std::io::Error>(())
        }
    };
    App::new()
        .page_with("/", "Form", load, |()| {
            view! {
                <Form action={rename {}} label="Rename">
                    <input name="title" value={resuma::form::submitted_value("title")}>
                    <FieldError name="title" />
                    <button>"Save"</button>
                </Form>
            }
        })
        .security(Security::default().secret(SECRET.to_vec()))
}

use support::{session, Session};

/// Send `head` (a request line and headers, without the final blank line)
/// and `body`, and read the response for at most `wait`; `None` when the
/// server has not answered by then.
async fn raw(addr: SocketAddr, head: &str, body: &[u8], wait: Duration) -> Option<(u16, String)> {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(format!("{head}\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .unwrap();
    stream.write_all(body).await.unwrap();
    let mut response = Vec::new();
    let mut buf = [0u8; 4096];
    let read = async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => response.extend_from_slice(&buf[..n]),
            }
            if response.windows(4).any(|w| w == b"\r\n\r\n") && !head.starts_with("GET") {
                break;
            }
        }
    };
    tokio::time::timeout(wait, read).await.ok()?;
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text.split(' ').nth(1)?.parse().ok()?;
    Some((status, text))
}

/// The headers of a plain HTML form post (no JavaScript) from this site.
fn form_post_head(addr: SocketAddr, path: &str, s: &Session, length: usize) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nReferer: http://{addr}/\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Site: same-origin\r\n\
         Accept: text/html\r\nCookie: {}\r\nContent-Length: {length}",
        s.cookie
    )
}

// --- 2. DNS rebinding: only our host names are served ----------------------

#[tokio::test]
async fn a_rebound_host_name_gets_421_and_reaches_nothing() {
    let loads = Arc::new(AtomicUsize::new(0));
    let addr = support::start(app_counting_loads(loads.clone())).await;
    let port = addr.port();
    let get = |host: String| async move {
        raw(
            addr,
            &format!("GET / HTTP/1.1\r\nHost: {host}"),
            b"",
            Duration::from_secs(5),
        )
        .await
        .unwrap()
        .0
    };
    assert_eq!(get(format!("127.0.0.1:{port}")).await, 200);
    assert_eq!(get(format!("localhost:{port}")).await, 200);
    assert_eq!(
        get(format!("evil.example:{port}")).await,
        421,
        "a name that resolves here by DNS rebinding"
    );
    // The rebound page's own fetch: Origin and Host agree, so without the
    // host check only the CSRF token would stand in the way.
    let head = format!(
        "POST /_resuma/action/rename HTTP/1.1\r\nHost: evil.example:{port}\r\nOrigin: http://evil.example:{port}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7"
    );
    let (status, _) = raw(addr, &head, b"title=x", Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(status, 421);
    assert_eq!(
        loads.load(Ordering::SeqCst),
        2,
        "only the pages asked for under our own names ran"
    );
}

/// A request whose host is only in its URI (`POST http://host/path`, no
/// `Host` header: what HTTP/2 and wasi:http hosts deliver) is judged by that
/// name everywhere: the host guard allows our name and refuses a rebound
/// one, and the Origin check compares with the same name.
#[tokio::test]
async fn a_host_named_only_in_the_uri_is_the_host_for_every_check() {
    let addr = support::start(app()).await;
    let s = session(addr).await;
    let body = format!("title=from+the+authority&_csrf={}", s.token);
    let post = |authority: String, origin: String| {
        let head = format!(
            "POST http://{authority}/_resuma/action/rename HTTP/1.1\r\nOrigin: {origin}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nCookie: {}\r\nContent-Length: {}",
            s.cookie,
            body.len()
        );
        let body = body.clone();
        async move {
            raw(addr, &head, body.as_bytes(), Duration::from_secs(5))
                .await
                .unwrap()
        }
    };
    let (status, text) = post(addr.to_string(), format!("http://{addr}")).await;
    assert_eq!(status, 200, "our own name, our own origin: {text}");

    let (status, text) = post(
        addr.to_string(),
        format!("http://evil.example:{}", addr.port()),
    )
    .await;
    assert_eq!(status, 403, "another origin than the URI's host: {text}");

    let rebound = format!("evil.example:{}", addr.port());
    let (status, _) = post(rebound.clone(), format!("http://{rebound}")).await;
    assert_eq!(status, 421, "a rebound name in the URI");
}

#[tokio::test]
async fn production_refuses_to_start_without_hosts_or_secret() {
    let no_hosts =
        App::new().security(Security::default().secret(SECRET.to_vec()).production(true));
    let err = no_hosts.try_into_router().unwrap_err().to_string();
    assert!(
        err.starts_with("Resuma cannot start: no allowed hosts") && err.contains("RESUMA_ORIGIN"),
        "{err}"
    );
    let no_secret = App::new().security(
        Security::default()
            .allow_host("example.com")
            .production(true),
    );
    let err = no_secret.try_into_router().unwrap_err().to_string();
    assert!(err.contains("RESUMA_SECRET is not set"), "{err}");
    let configured = Security::default()
        .secret(SECRET.to_vec())
        .allow_origin("https://example.com")
        .production(true);
    assert!(App::new().security(configured).try_into_router().is_ok());
}

// --- 3. limits before a no-JS form body is read -----------------------------

#[tokio::test]
async fn an_oversized_form_post_is_refused_before_its_body_arrives() {
    let addr = support::start(app()).await;
    let s = session(addr).await;
    // Declares 500 kB (over the 64 KiB limit) and sends none of it: the
    // answer must come from the headers alone, with nothing buffered.
    let head = form_post_head(addr, "/_resuma/action/rename", &s, 500_000);
    let answer = raw(addr, &head, b"", Duration::from_secs(3)).await;
    let (status, text) = answer.expect("answered without waiting for the body");
    assert_eq!(status, 413, "{text}");
}

#[tokio::test]
async fn a_rate_limited_form_post_is_refused_before_its_body_arrives() {
    let addr = support::start(app()).await;
    let s = session(addr).await;
    let body = format!("title=a&_csrf={}", s.token);
    let head = form_post_head(addr, "/_resuma/action/once_a_minute", &s, body.len());
    let (status, _) = raw(addr, &head, body.as_bytes(), Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(status, 303, "the first call goes through");
    let head = form_post_head(addr, "/_resuma/action/once_a_minute", &s, 1000);
    let (status, _) = raw(addr, &head, b"", Duration::from_secs(3))
        .await
        .expect("answered from the headers");
    assert_eq!(status, 429);
}

// --- 4. refusals are cheap ---------------------------------------------------

#[tokio::test]
async fn refused_form_posts_render_no_page_and_failed_ones_do() {
    let page_loads = Arc::new(AtomicUsize::new(0));
    let addr = support::start(app_counting_loads(page_loads.clone())).await;
    let s = session(addr).await;
    let loads = page_loads.load(Ordering::SeqCst);
    let forged = "title=x&_csrf=0000000000000000000000000000000000000000000000000000000000000000";
    let head = form_post_head(addr, "/_resuma/action/rename", &s, forged.len());
    let (status, text) = raw(addr, &head, forged.as_bytes(), Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(status, 403);
    assert!(
        text.contains("application/json"),
        "a refusal is the endpoint's JSON error: {text}"
    );
    assert_eq!(
        page_loads.load(Ordering::SeqCst),
        loads,
        "a refused post loads no page data"
    );
    // A post that passed the defences and failed validation shows the page again.
    let body = format!("title=&_csrf={}", s.token);
    let head = form_post_head(addr, "/_resuma/action/rename", &s, body.len());
    let (status, text) = raw(addr, &head, body.as_bytes(), Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(status, 422);
    assert!(text.contains("text/html"), "{text}");
    assert_eq!(page_loads.load(Ordering::SeqCst), loads + 1);
}

// --- 9. the back path stays on this site -------------------------------------

#[tokio::test]
async fn a_back_field_with_a_tab_cannot_redirect_off_site() {
    let addr = support::start(app()).await;
    let s = session(addr).await;
    for back in [
        "/%09/evil.example/",
        "/%0a/evil.example/",
        "//evil.example/",
        "/%5Cevil.example/",
    ] {
        let body = format!("title=ok&_back={back}&_csrf={}", s.token);
        let head = form_post_head(addr, "/_resuma/action/rename", &s, body.len());
        let (status, text) = raw(addr, &head, body.as_bytes(), Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(status, 303, "{text}");
        let location = text
            .lines()
            .find_map(|l| l.strip_prefix("location: "))
            .expect("a Location");
        assert_eq!(location, "/", "{back} must not become {location:?}");
    }
}

// --- 11. cookie tossing -------------------------------------------------------

#[tokio::test]
async fn a_planted_cookie_before_the_real_one_does_not_hide_the_session() {
    let addr = support::start(app()).await;
    let s = session(addr).await;
    let planted = "resuma-session=00000000000000000000000000000000.0000000000000000000000000000000000000000000000000000000000000000";
    let cookies = format!("{planted}; {}", s.cookie);
    let r = support::post_json(
        addr,
        &Session {
            cookie: cookies,
            token: s.token.clone(),
        },
        "/_resuma/action/rename",
        br#"{"title":"kept"}"#,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.text(), "\"kept\"");
}

// --- 6. internal error text stays in the log -----------------------------------

/// Everything the server logs in this test binary.
fn log() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = log.clone();
        let writer = move || LogWriter(sink.clone());
        tracing_subscriber::fmt()
            .with_writer(writer)
            .with_ansi(false)
            .init();
        log
    })
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_database_error_reaches_the_client_only_as_an_id_that_is_in_the_log() {
    let log = log();
    let addr = support::start(app()).await;
    let s = session(addr).await;
    let r = support::post_json(addr, &s, "/_resuma/action/leaky", b"").await;
    assert_eq!(r.status, 500);
    let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(body["error"]["kind"], "internal");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        !message.contains("password") && !message.contains("10.0.0.5"),
        "{message}"
    );
    let id = message
        .split("error id ")
        .nth(1)
        .expect("an error id")
        .split(')')
        .next()
        .unwrap();
    assert_eq!(id.len(), 8, "{message}");
    let logged = String::from_utf8(log.lock().unwrap().clone()).unwrap();
    let line = logged
        .lines()
        .find(|l| l.contains(id))
        .unwrap_or_else(|| panic!("id {id} not in the log:\n{logged}"));
    assert!(
        line.contains("password authentication failed") && line.contains("10.0.0.5:5432"),
        "{line}"
    );
}

// --- 5. rate limits need to know who is calling ------------------------------

#[tokio::test]
async fn rate_limits_without_a_client_address_refuse_instead_of_sharing_one_bucket() {
    // Served by hand, without ConnectInfo: the server cannot tell clients apart.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app().into_router();
    tokio::spawn(async move { resuma::axum::serve(listener, router).await });
    let s = session(addr).await;
    let r = support::post_json(addr, &s, "/_resuma/action/limited", b"").await;
    assert_eq!(r.status, 500, "{}", r.text());
    assert!(r.text().contains("client_unknown"), "{}", r.text());
}
