//! A minimal HTTP/1.1 client over a raw TCP stream, so HTTP tests exercise the
//! real server with no client library in between.

use std::collections::HashMap;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub struct Response {
    pub status: u16,
    /// Header names lowercased.
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("utf-8 body")
    }
}

/// Send `GET path` with extra headers and read the whole response.
pub async fn get(addr: std::net::SocketAddr, path: &str, headers: &[(&str, &str)]) -> Response {
    request(addr, "GET", path, headers, b"").await
}

/// Send a request and read the whole response (the server closes the connection).
pub async fn request(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut raw = Vec::new();
    tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_end(&mut raw),
    )
    .await
    .expect("response within 10 s")
    .unwrap();
    parse_response(&raw)
}

/// Parse a whole HTTP/1.1 response as read from the connection (a chunked
/// body is decoded). For tests that speak HTTP without tokio.
pub fn parse_response(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = std::str::from_utf8(&raw[..split]).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    // A header sent more than once is one comma-separated list (RFC 9110
    // §5.3), except `set-cookie`, where the last one is kept.
    let mut headers: HashMap<String, String> = HashMap::new();
    for (k, v) in lines.filter_map(|l| l.split_once(':')) {
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_owned());
        match headers.get_mut(&k) {
            Some(seen) if k != "set-cookie" => {
                seen.push_str(", ");
                seen.push_str(&v);
            }
            _ => {
                headers.insert(k, v);
            }
        }
    }
    let mut body = raw[split + 4..].to_vec();
    if headers
        .get("transfer-encoding")
        .is_some_and(|v| v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

/// Decodes a `Transfer-Encoding: chunked` body (chunk extensions ignored).
fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size line");
        let size_text = std::str::from_utf8(&data[..line_end])
            .unwrap()
            .split(';')
            .next()
            .unwrap();
        let size = usize::from_str_radix(size_text.trim(), 16).expect("hex chunk size");
        data = &data[line_end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

/// A visitor's session as a browser holds it: the cookie pair to send back
/// and the CSRF token of the page.
pub struct Session {
    /// `name=value` of the session cookie.
    pub cookie: String,
    /// The page's `<meta name="resuma-csrf">` token.
    pub token: String,
}

impl Session {
    /// The session a page started: its `Set-Cookie` and its CSRF token.
    pub fn from_page(page: &Response) -> Session {
        let cookie = page
            .header("set-cookie")
            .expect("the first page sets a session cookie")
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        Session {
            cookie,
            token: page_token(&page.text()),
        }
    }
}

/// The CSRF token of a page (`<meta name="resuma-csrf" content="…">`).
pub fn page_token(html: &str) -> String {
    html.split("<meta name=\"resuma-csrf\" content=\"")
        .nth(1)
        .expect("the page carries the CSRF token")
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

/// Load `/` like a first-time visitor and keep the session it starts.
pub async fn session(addr: std::net::SocketAddr) -> Session {
    let page = get(addr, "/", &[]).await;
    assert_eq!(page.status, 200, "{}", String::from_utf8_lossy(&page.body));
    Session::from_page(&page)
}

/// POST a JSON body to `path` as a same-origin browser `fetch` with the
/// session's cookie and token would.
pub async fn post_json(
    addr: std::net::SocketAddr,
    session: &Session,
    path: &str,
    body: &[u8],
) -> Response {
    let origin = format!("http://{addr}");
    request(
        addr,
        "POST",
        path,
        &[
            ("content-type", "application/json"),
            ("cookie", &session.cookie),
            ("x-resuma-csrf", &session.token),
            ("origin", &origin),
        ],
        body,
    )
    .await
}

/// Start `app` on 127.0.0.1 with a free port; the server lives as long as the test runtime.
pub async fn start(app: resuma::App) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(resuma::serve_on(listener, app));
    addr
}

/// The repository's root: the nearest directory above the running test's
/// package that holds `package.json`. Found at run time, not with `env!`,
/// because a compiled test is reused by a checkout at another path that
/// shares the cargo target directory (cargo keys workspace packages by
/// their path inside the workspace).
pub fn repository_root() -> std::path::PathBuf {
    let start = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::current_dir().expect("a current directory"));
    start
        .ancestors()
        .find(|dir| dir.join("package.json").is_file() && dir.join("Cargo.lock").is_file())
        .unwrap_or_else(|| {
            panic!(
                "no repository root (package.json + Cargo.lock) above {}",
                start.display()
            )
        })
        .to_path_buf()
}

/// Assert that every page passes the Nu HTML checker (`vnu-jar` from npm, run
/// with Java). `pages` are `(file name, HTML)` pairs; the file names appear in
/// the checker's report.
pub fn assert_valid_html(pages: &[(&str, &[u8])]) {
    let jar = repository_root().join("node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.exists(),
        "{} is missing: run `npm ci` at the repository root",
        jar.display()
    );
    let dir =
        std::env::temp_dir().join(format!("resuma-vnu-{}-{}", std::process::id(), pages.len()));
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<_> = pages
        .iter()
        .map(|(name, html)| {
            let file = dir.join(name);
            std::fs::write(&file, html).unwrap();
            file
        })
        .collect();
    let output = std::process::Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "text"])
        .args(&files)
        .output()
        .expect("java runs (install a JRE: ./scripts/setup does)");
    std::fs::remove_dir_all(&dir).ok();
    let report = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the Nu HTML checker found errors:\n{report}"
    );
}

/// The handler chunk a list's marker `<!--r-for:LIST|CHUNK#…-->` names in a
/// rendered page (protocol.md §11), so a test can spell out the markup it
/// expects with the real, content-hashed chunk name.
pub fn list_chunk(html: &str, list: u32) -> &str {
    let marker = format!("<!--r-for:{list}|");
    let after = html
        .split(marker.as_str())
        .nth(1)
        .unwrap_or_else(|| panic!("no {marker} in {html}"));
    after.split('#').next().expect("split yields a first part")
}

/// The `<script type="resuma/state">…</script>` of a rendered page
/// (protocol.md §5), whole, for a test to compare.
pub fn state_script(page: &str) -> &str {
    let start = page
        .find("<script type=\"resuma/state\">")
        .unwrap_or_else(|| panic!("no state script in {page}"));
    let len = page[start..]
        .find("</script>")
        .expect("the state script is closed")
        + "</script>".len();
    &page[start..start + len]
}

/// A page document with placeholder values (nonce `n`, core URLs `/c.js`
/// and `/l.js`, no loader), for tests that render a whole page.
pub fn test_document() -> resuma::render::Document<'static> {
    resuma::render::Document {
        title: "t",
        lang: "en",
        head: "",
        nonce: "n",
        core_url: "/c.js",
        lite_core_url: "/l.js",
        loader: "",
    }
}
