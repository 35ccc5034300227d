//! Server-function overhead benchmark (issue 5).
//!
//! `cargo run --release` (in bench/server_fn) starts this same binary a
//! second time as the server process (`server` argument), then loads it from
//! this process over keep-alive HTTP/1.1 connections on 127.0.0.1:
//!
//! - `bare`: `POST /bare/add`, a plain axum handler that decodes `{"a","b"}`,
//!   adds, and answers JSON;
//! - `server fn`: `POST /_resuma/action/add`, a `#[server]` function doing
//!   the same, through everything a browser call goes through (Origin check,
//!   session cookie and CSRF token verification, body limit, decoding,
//!   `catch_unwind`, security headers). Only the rate limit is off, since one
//!   client IP is the whole load.
//!
//! Short rounds alternate (bare, fn, bare, fn, …) so that drift in a shared
//! machine's load hits both alike; the summary is the median round of each
//! side (robust to a round that a neighbour's build slowed down), with the
//! mean next to it. Prints requests/s of each and the ratio.
//!
//! Arguments: `[SECONDS_PER_ROUND=0.5] [ROUNDS=12] [CONNECTIONS=16]`.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use resuma::prelude::*;
use resuma::server_fn::Security;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

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
    resuma::axum::Json(args.a.wrapping_add(args.b))
}

fn app() -> App {
    App::new()
        .page("/", "Bench", || view! { <p>"bench"</p> })
        .route("/bare/add", resuma::axum::routing::post(bare_add))
        .security(Security::default().secret(vec![42; 32]).allow_host("127.0.0.1").rate_limit(None))
}

async fn run_server() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    println!("{}", listener.local_addr().unwrap());
    // Serve without request logging: the benchmark measures the endpoint.
    resuma::axum::serve(
        listener,
        app().into_router().into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
    .expect("serve");
}

/// One keep-alive connection: send `request`, read one response, repeat
/// until `until`; returns the number of 200 responses.
async fn hammer(addr: SocketAddr, request: String, until: Instant) -> u64 {
    let stream = TcpStream::connect(addr).await.expect("connect");
    stream.set_nodelay(true).unwrap();
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    let mut done = 0;
    let mut line = String::new();
    let mut body = Vec::new();
    while Instant::now() < until {
        write.write_all(request.as_bytes()).await.expect("write");
        line.clear();
        read.read_line(&mut line).await.expect("status line");
        let ok = line.starts_with("HTTP/1.1 200");
        let mut length = 0usize;
        loop {
            line.clear();
            read.read_line(&mut line).await.expect("header");
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().expect("content-length");
                }
            }
        }
        body.resize(length, 0);
        read.read_exact(&mut body).await.expect("body");
        assert!(ok, "non-200 response: {}", String::from_utf8_lossy(&body));
        done += 1;
    }
    done
}

async fn round(addr: SocketAddr, request: &str, seconds: f64, connections: usize) -> f64 {
    let started = Instant::now();
    let until = started + Duration::from_secs_f64(seconds);
    let tasks: Vec<_> = (0..connections)
        .map(|_| tokio::spawn(hammer(addr, request.to_owned(), until)))
        .collect();
    let mut total = 0;
    for t in tasks {
        total += t.await.expect("client task");
    }
    total as f64 / started.elapsed().as_secs_f64()
}

/// The session cookie and CSRF token a browser would have after loading `/`.
async fn session(addr: SocketAddr) -> (String, String) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).await.unwrap();
    let cookie = raw
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .expect("session cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let token = raw
        .split("name=\"resuma-csrf\" content=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    (cookie, token)
}

fn post(addr: SocketAddr, path: &str, extra: &str, body: &str) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}\r\n{body}",
        body.len()
    )
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("server") {
        return run_server().await;
    }
    let arg = |i: usize, default: f64| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let (seconds, rounds, connections) = (arg(1, 0.5), arg(2, 12.0) as usize, arg(3, 16.0) as usize);

    let mut child = tokio::process::Command::new(std::env::current_exe().unwrap())
        .arg("server")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start the server process");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).await.unwrap();
    let addr: SocketAddr = line.trim().parse().expect("server address");

    let (cookie, token) = session(addr).await;
    let body = r#"{"a":20,"b":22}"#;
    // Both requests carry what a browser's call would: the session cookie,
    // the token and Origin (the bare handler ignores them), so both sides
    // parse and send the same bytes.
    let headers = format!("Cookie: {cookie}\r\nx-resuma-csrf: {token}\r\nOrigin: http://{addr}\r\n");
    let bare = post(addr, "/bare/add", &headers, body);
    let server_fn = post(addr, "/_resuma/action/add", &headers, body);
    // Warm up both paths (and check they answer 200).
    round(addr, &bare, 0.5, connections).await;
    round(addr, &server_fn, 0.5, connections).await;

    let (mut bare_rps, mut fn_rps) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        bare_rps.push(round(addr, &bare, seconds, connections).await);
        fn_rps.push(round(addr, &server_fn, seconds, connections).await);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let median = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        if v.len() % 2 == 1 {
            v[v.len() / 2]
        } else {
            (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0
        }
    };
    let (b, f) = (median(&bare_rps), median(&fn_rps));
    println!("server-function overhead: {connections} keep-alive connections, {rounds} alternating rounds of {seconds} s per side");
    println!("{:<30} {:>14} {:>12}", "requests/s", "median round", "mean");
    println!("{:<30} {:>14.0} {:>12.0}", "bare axum JSON handler", b, mean(&bare_rps));
    println!(
        "{:<30} {:>14.0} {:>12.0}",
        "#[server] fn (CSRF + Origin)",
        f,
        mean(&fn_rps)
    );
    println!(
        "ratio server fn / bare (medians): {:.3}  => overhead {:.1} %",
        f / b,
        (1.0 - f / b) * 100.0
    );
    child.kill().await.ok();
}
