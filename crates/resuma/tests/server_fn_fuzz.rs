//! Bounded property tests over action request decoding: whatever the bytes,
//! decoding returns a value or a 400/422 error, and never panics. Run in CI
//! with the normal `cargo test` (each property has a fixed case count).
//!
//! The first properties call the decoder directly with many inputs; the last
//! sends random requests to a real server on 127.0.0.1 and checks that every
//! answer is a well-formed JSON error or success, never a 5xx.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::OnceLock;

use proptest::prelude::*;
use resuma::prelude::*;
use resuma::server_fn::wire::{decode, Input};
use resuma::server_fn::Security;
use resuma_test_support as support;
use serde::Deserialize;

/// Arguments with every shape serde handles differently: strings, integers
/// of several widths, floats, options, sequences, maps, nested structs and
/// enums.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Args {
    q: String,
    n: i32,
    big: Option<u64>,
    ratio: Option<f64>,
    tags: Option<Vec<String>>,
    map: Option<BTreeMap<String, i8>>,
    inner: Option<Inner>,
    mode: Option<Mode>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Inner {
    a: bool,
    b: Vec<Inner>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
enum Mode {
    Fast,
    Slow { level: u8 },
    Custom(String),
}

const NAMES: &[&str] = &["q", "n", "big", "ratio", "tags", "map", "inner", "mode"];

fn check(input: Input, bytes: &[u8]) {
    match decode::<Args>(input, bytes, NAMES) {
        Ok(_) => {}
        Err(e) => {
            assert!(
                matches!(e.status().as_u16(), 400 | 422),
                "{input:?} {bytes:?}: status {} ({})",
                e.status(),
                e.message
            );
            assert!(!e.message.is_empty());
            assert!(
                matches!(e.kind.as_str(), "bad_request" | "invalid_argument"),
                "{}",
                e.kind
            );
        }
    }
}

/// Random JSON values, nested a few levels.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        ".{0,12}".prop_map(serde_json::Value::from),
        prop_oneof![
            Just("Fast"),
            Just("Slow"),
            Just("Custom"),
            Just("q"),
            Just("n")
        ]
        .prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("q".to_owned()),
                    Just("n".to_owned()),
                    Just("big".to_owned()),
                    Just("ratio".to_owned()),
                    Just("tags".to_owned()),
                    Just("map".to_owned()),
                    Just("inner".to_owned()),
                    Just("mode".to_owned()),
                    Just("a".to_owned()),
                    Just("b".to_owned()),
                    Just("level".to_owned()),
                    ".{0,6}"
                ],
                inner,
                0..8
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        for input in [Input::Json, Input::Form, Input::Query, Input::Cbor] {
            check(input, &bytes);
        }
    }

    #[test]
    fn structured_json_never_panics(value in json_value()) {
        let text = serde_json::to_vec(&value).unwrap();
        check(Input::Json, &text);
        // The same tree as CBOR.
        let mut cbor = Vec::new();
        ciborium::ser::into_writer(&value, &mut cbor).unwrap();
        check(Input::Cbor, &cbor);
        // Cut short: truncated bodies are a 400.
        if text.len() > 1 {
            check(Input::Json, &text[..text.len() / 2]);
            check(Input::Cbor, &cbor[..cbor.len() / 2]);
        }
    }

    #[test]
    fn form_pairs_never_panic(pairs in prop::collection::vec((".{0,8}", ".{0,16}"), 0..10)) {
        let mut form = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &pairs {
            form.append_pair(k, v);
        }
        let body = form.finish();
        check(Input::Form, body.as_bytes());
        check(Input::Query, body.as_bytes());
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    for depth in [200, 10_000, 100_000] {
        let json = format!(
            "{{\"q\":{}{}, \"n\":1}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        check(Input::Json, json.as_bytes());
        let mut cbor = vec![0x81u8; depth]; // arrays of one element, nested
        cbor.push(0x00);
        check(Input::Cbor, &cbor);
    }
}

// --- the same over HTTP -------------------------------------------------------

#[server(encoding = "form, cbor, get")]
async fn fuzz_target(q: String, n: i32, tags: Option<Vec<String>>) -> Result<usize, ServerFnError> {
    Ok(q.len() + n.unsigned_abs() as usize + tags.map_or(0, |t| t.len()))
}

struct Server {
    addr: SocketAddr,
    cookie: String,
    token: String,
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                let app = App::new()
                    .page("/", "Home", || view! { <p>"home"</p> })
                    .security(
                        Security::default()
                            .secret(vec![9; 32])
                            .rate_limit(None)
                            .max_body(4096),
                    );
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                resuma::serve_on(listener, app).await.unwrap();
            });
        });
        let addr = rx.recv().unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let page = rt.block_on(support::get(addr, "/", &[]));
        let cookie = page
            .header("set-cookie")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let token = page
            .text()
            .split("name=\"resuma-csrf\" content=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        Server {
            addr,
            cookie,
            token,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_requests_get_json_answers_never_5xx(
        content_type in prop_oneof![
            Just("application/json"), Just("application/x-www-form-urlencoded"), Just("application/cbor"),
            Just("text/plain"), Just("application/json; charset=utf-8"), Just(""),
        ],
        body in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..64),
            json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
            Just(br#"{"q":"x","n":1}"#.to_vec()),
            Just(b"q=x&n=2&tags=a".to_vec()),
            prop::collection::vec(any::<u8>(), 4000..5000),
        ],
        with_token in any::<bool>(),
        with_origin in any::<bool>(),
        method in prop_oneof![Just("POST"), Just("GET"), Just("PUT")],
        name in prop_oneof![
            Just("fuzz_target".to_owned()),
            Just("nope".to_owned()),
            ".{0,10}".prop_map(|s| s.replace(|c: char| !c.is_ascii_alphanumeric(), "_")),
        ],
    ) {
        let s = server();
        let origin = format!("http://{}", s.addr);
        let mut headers: Vec<(&str, &str)> = vec![("cookie", &s.cookie)];
        if !content_type.is_empty() {
            headers.push(("content-type", content_type));
        }
        if with_token {
            headers.push(("x-resuma-csrf", &s.token));
        }
        if with_origin {
            headers.push(("origin", &origin));
        }
        let path = if method == "GET" {
            // Keep `&` and `=` so the query has structure; percent-encode the
            // rest so the URI is valid HTTP (hyper refuses raw `<` itself).
            let query: String = body
                .iter()
                .map(|&b| if b.is_ascii_alphanumeric() || b == b'&' || b == b'=' { (b as char).to_string() } else { format!("%{b:02X}") })
                .collect();
            format!("/_resuma/action/{name}?{query}")
        } else {
            format!("/_resuma/action/{name}")
        };
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let body = if method == "GET" { Vec::new() } else { body };
        let r = rt.block_on(support::request(s.addr, method, &path, &headers, &body));
        prop_assert!(r.status < 500, "status {} for {method} {path} {content_type}: {}", r.status, String::from_utf8_lossy(&r.body));
        if r.status >= 400 {
            let v: serde_json::Value = serde_json::from_slice(&r.body).map_err(|e| TestCaseError::fail(format!("{e}: {:?}", r.text())))?;
            prop_assert!(v["error"]["kind"].is_string() && v["error"]["message"].is_string(), "{v}");
            prop_assert_eq!(r.header("content-type"), Some("application/json"));
        }
    }
}
