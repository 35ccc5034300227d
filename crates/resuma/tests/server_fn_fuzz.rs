//! Bounded property tests over action request decoding: whatever the bytes,
//! decoding returns a value or a 400/422 error, and never panics. Run in CI
//! with the normal `cargo test`: each property has a fixed case count and a
//! fixed seed (set `PROPTEST_RNG_SEED=N` to explore other inputs), so a run
//! takes a few seconds and fails the same way every time.
//!
//! The first properties call the decoder directly, for each wire format
//! (JSON, form-urlencoded, URL query, CBOR), with arbitrary bytes and with
//! structure-aware inputs: argument objects and arrays of right and wrong
//! shapes, raw JSON text with huge numbers and bad escapes, CBOR items of
//! every major type (tags, byte strings, non-text keys, huge lengths,
//! indefinite lengths), form fields with invalid UTF-8 and percent escapes,
//! and byte-level mutations of valid calls. `generators_reach_every_outcome`
//! checks that those inputs reach success as well as both errors, so the
//! properties exercise the argument decoding and not only the syntax errors.
//! The last property sends random requests to a real server on 127.0.0.1
//! and checks that every answer is a well-formed JSON error or success,
//! never a 5xx.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::{RngSeed, TestRunner};
use resuma::prelude::*;
use resuma::server_fn::wire::{decode, Input};
use resuma::server_fn::Security;
use resuma_test_support as support;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

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

/// What decoding made of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Decoded,
    BadRequest,
    InvalidArgument,
}

/// Decodes `bytes` as the arguments `A` (named `names`): a value, or a
/// 400/422 error with a kind and a message. Never a panic or another status.
fn check_as<A: DeserializeOwned>(input: Input, bytes: &[u8], names: &[&str]) -> Outcome {
    match decode::<A>(input, bytes, names) {
        Ok(_) => Outcome::Decoded,
        Err(e) => {
            assert!(
                matches!(e.status().as_u16(), 400 | 422),
                "{input:?} {bytes:?}: status {} ({})",
                e.status(),
                e.message
            );
            assert!(!e.message.is_empty());
            match (e.status().as_u16(), e.kind.as_str()) {
                (400, "bad_request") => Outcome::BadRequest,
                (422, "invalid_argument") => Outcome::InvalidArgument,
                (status, kind) => panic!("{input:?} {bytes:?}: status {status} with kind {kind}"),
            }
        }
    }
}

fn check(input: Input, bytes: &[u8]) -> Outcome {
    check_as::<Args>(input, bytes, NAMES)
}

/// Flat arguments, the shapes a form or a query can carry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct FormArgs {
    q: String,
    n: i32,
    big: Option<u64>,
    ratio: Option<f64>,
    flag: Option<bool>,
    ch: Option<char>,
    mode: Option<Plain>,
}

#[derive(Debug, Deserialize)]
enum Plain {
    Fast,
    Slow,
}

const FORM_NAMES: &[&str] = &["q", "n", "big", "ratio", "flag", "ch", "mode"];

/// Decodes a form body (and the same bytes as a query) as both argument
/// types; returns the outcome for [`FormArgs`].
fn check_form(bytes: &[u8]) -> Outcome {
    check(Input::Form, bytes);
    check(Input::Query, bytes);
    check_as::<FormArgs>(Input::Query, bytes, FORM_NAMES);
    check_as::<FormArgs>(Input::Form, bytes, FORM_NAMES)
}

/// A deterministic run configuration: `cases` cases, a fixed seed unless
/// `PROPTEST_RNG_SEED` sets one, no failure files.
fn config(cases: u32) -> ProptestConfig {
    let default = ProptestConfig::default();
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed: match default.rng_seed {
            RngSeed::Random => RngSeed::Fixed(0x5e7f_f022),
            seed => seed,
        },
        ..default
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

/// A value for argument `name`: mostly of its type (edges included: out of
/// range integers, every enum form), sometimes of another shape.
fn arg_value(name: &str) -> BoxedStrategy<Value> {
    let right = match name {
        "q" => prop_oneof![
            ".{0,12}".prop_map(Value::from),
            Just(json!("\u{0}\u{2028}"))
        ]
        .boxed(),
        "n" => prop_oneof![
            8 => any::<i32>().prop_map(Value::from),
            1 => Just(json!(i64::from(i32::MAX) + 1)),
            1 => Just(json!(i64::from(i32::MIN) - 1)),
            1 => Just(json!(1.5)),
        ]
        .boxed(),
        "big" => prop_oneof![
            4 => any::<u64>().prop_map(Value::from),
            4 => Just(Value::Null),
            1 => Just(json!(-1)),
        ]
        .boxed(),
        "ratio" => prop_oneof![
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            Just(json!(u64::MAX)),
        ]
        .boxed(),
        "tags" => prop::collection::vec(".{0,4}", 0..4)
            .prop_map(|v| json!(v))
            .boxed(),
        "map" => prop::collection::btree_map(".{0,3}", -130i16..130, 0..3)
            .prop_map(|m| json!(m))
            .boxed(),
        "inner" => Just(json!({"a": true, "b": []}))
            .prop_recursive(4, 16, 3, |inner| {
                (any::<bool>(), prop::collection::vec(inner, 0..3))
                    .prop_map(|(a, b)| json!({"a": a, "b": b}))
            })
            .boxed(),
        "mode" => prop_oneof![
            Just(json!("Fast")),
            Just(json!("Slow")),
            any::<u16>().prop_map(|level| json!({"Slow": {"level": level}})),
            ".{0,4}".prop_map(|s| json!({"Custom": s})),
            Just(json!({"Fast": null})),
            Just(json!({"Fast": 1, "Slow": 2})),
            Just(json!({"Slow": {}})),
        ]
        .boxed(),
        _ => json_value().boxed(),
    };
    prop_oneof![12 => right, 1 => json_value()].boxed()
}

/// Argument lists of [`Args`], valid or nearly: by name (some left out,
/// maybe an unknown one) or by position (maybe too few or too many).
fn json_args() -> impl Strategy<Value = Value> {
    let values: Vec<_> = NAMES.iter().map(|n| arg_value(n)).collect();
    (
        values,
        prop::collection::vec(prop::bool::weighted(0.6), NAMES.len()),
        any::<bool>(),
        0..=NAMES.len() + 1,
        prop::option::weighted(0.1, (".{0,4}", json_value())),
    )
        .prop_map(|(values, present, by_position, count, extra)| {
            if by_position {
                let mut list: Vec<Value> = values.into_iter().take(count).collect();
                if count > NAMES.len() {
                    list.push(Value::Null);
                }
                Value::Array(list)
            } else {
                let mut map: serde_json::Map<String, Value> = NAMES
                    .iter()
                    .zip(values)
                    .zip(present)
                    .enumerate()
                    .filter(|(i, (_, present))| *present || *i < 2 && count > 0)
                    .map(|(_, ((name, value), _))| ((*name).to_owned(), value))
                    .collect();
                if let Some((k, v)) = extra {
                    map.insert(k, v);
                }
                Value::Object(map)
            }
        })
}

/// JSON-ish text: valid JSON grammar around numbers no Rust type holds,
/// bad escapes and lone surrogates, duplicate keys, trailing commas,
/// unterminated strings.
fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        prop::sample::select(vec![
            "null",
            "true",
            "false",
            "-0",
            "1e400",
            "-1e400",
            "1e-400",
            "18446744073709551616",
            "-9223372036854775809",
            "123456789012345678901234567890.5e-3",
            "0.1e",
            "01",
            "-",
            "NaN",
            "Infinity",
            "\"\\ud800\"",
            "\"\\udc00\\ud800x\"",
            "\"\\u00\"",
            "\"\\x\"",
            "\"\\u0000\"",
            "\"unterminated",
            "\"Fast\"",
            "\"Slow\"",
        ])
        .prop_map(str::to_owned),
        (1usize..400).prop_map(|n| "9".repeat(n)),
        (1usize..400).prop_map(|n| format!("0.{}1", "0".repeat(n))),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| format!("{f:e}")),
        ".{0,8}".prop_map(|s| serde_json::to_string(&s).unwrap()),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        let key = prop_oneof![
            prop::sample::select(NAMES.to_vec()).prop_map(|k| format!("\"{k}\"")),
            Just("\"a\"".to_owned()),
            Just("\"b\"".to_owned()),
            Just("\"level\"".to_owned()),
            ".{0,4}".prop_map(|s| serde_json::to_string(&s).unwrap()),
            inner.clone(),
        ];
        let sep = prop::sample::select(vec![",", ", ", ",\n\t", ",,"]);
        prop_oneof![
            (
                prop::collection::vec(inner.clone(), 0..6),
                sep.clone(),
                any::<bool>()
            )
                .prop_map(|(items, sep, trailing)| {
                    format!("[{}{}]", items.join(sep), if trailing { "," } else { "" })
                }),
            (
                prop::collection::vec((key, inner), 0..8),
                sep,
                any::<bool>()
            )
                .prop_map(|(pairs, sep, trailing)| {
                    let pairs: Vec<String> =
                        pairs.iter().map(|(k, v)| format!("{k}:{v}")).collect();
                    format!("{{{}{}}}", pairs.join(sep), if trailing { "," } else { "" })
                }),
        ]
    })
}

/// `text` where each kind of argument is expected: the whole body, a
/// string (`q`), an integer (`n`), a float (`ratio`), an enum (`mode`), a
/// nested struct's list (`inner.b`).
fn json_text_slots(text: &str) -> [String; 6] {
    [
        text.to_owned(),
        format!("{{\"q\":{text},\"n\":1}}"),
        format!("{{\"q\":\"x\",\"n\":{text}}}"),
        format!("{{\"q\":\"x\",\"n\":1,\"ratio\":{text}}}"),
        format!("{{\"q\":\"x\",\"n\":1,\"mode\":{text}}}"),
        format!("{{\"q\":\"x\",\"n\":1,\"inner\":{{\"a\":true,\"b\":{text}}}}}"),
    ]
}

/// Byte-level edits of a body: overwrite, insert, delete, truncate,
/// duplicate a range. Indices wrap around the body's length.
#[derive(Debug, Clone)]
enum Edit {
    Set(prop::sample::Index, u8),
    Insert(prop::sample::Index, u8),
    Delete(prop::sample::Index),
    Truncate(prop::sample::Index),
    Repeat(prop::sample::Index, prop::sample::Index),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Insert(i, b)),
        any::<prop::sample::Index>().prop_map(Edit::Delete),
        any::<prop::sample::Index>().prop_map(Edit::Truncate),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Edit::Repeat(a, b)),
    ];
    prop::collection::vec(edit, 1..5)
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        if bytes.is_empty() {
            bytes.push(b'{');
        }
        let n = bytes.len();
        match edit {
            Edit::Set(i, b) => bytes[i.index(n)] = *b,
            Edit::Insert(i, b) => bytes.insert(i.index(n + 1), *b),
            Edit::Delete(i) => {
                bytes.remove(i.index(n));
            }
            Edit::Truncate(i) => bytes.truncate(i.index(n)),
            Edit::Repeat(a, b) => {
                let (a, b) = (a.index(n), b.index(n));
                let range = bytes[a.min(b)..=a.max(b)].to_vec();
                bytes.splice(a.max(b) + 1..a.max(b) + 1, range);
            }
        }
    }
    bytes
}

/// CBOR values of every kind `ciborium` models: integers down to -2^64,
/// every float (NaN and infinities too), byte strings, tags (bignums,
/// self-describe, arbitrary), maps with keys that are not text.
fn cbor_value() -> impl Strategy<Value = ciborium::Value> {
    use ciborium::value::{Integer, Value as C};
    let leaf = prop_oneof![
        any::<i64>().prop_map(|i| C::Integer(i.into())),
        any::<u64>().prop_map(|u| C::Integer(u.into())),
        any::<u64>().prop_map(|u| C::Integer(Integer::try_from(-1 - i128::from(u)).unwrap())),
        any::<f64>().prop_map(C::Float),
        prop::sample::select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
            1e300
        ])
        .prop_map(C::Float),
        prop::collection::vec(any::<u8>(), 0..16).prop_map(C::Bytes),
        ".{0,12}".prop_map(C::Text),
        prop::sample::select(NAMES.to_vec()).prop_map(|k| C::Text(k.to_owned())),
        any::<bool>().prop_map(C::Bool),
        Just(C::Null),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let key = prop_oneof![
            4 => prop::sample::select(NAMES.to_vec()).prop_map(|k| C::Text(k.to_owned())),
            1 => inner.clone(),
        ];
        let tag = prop_oneof![
            prop::sample::select(vec![0u64, 1, 2, 3, 24, 32, 55799]),
            any::<u64>()
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(C::Array),
            prop::collection::vec((key, inner.clone()), 0..8).prop_map(C::Map),
            (tag, inner).prop_map(|(t, v)| C::Tag(t, Box::new(v))),
        ]
    })
}

/// Raw CBOR: a run of item heads of any major type and additional info
/// (reserved values, indefinite lengths, breaks, lengths up to 2^64-1),
/// some followed by a matching payload.
fn cbor_raw() -> impl Strategy<Value = Vec<u8>> {
    let head = (
        0u8..8,
        0u8..32,
        prop_oneof![0u64..24, any::<u64>()],
        prop::collection::vec(any::<u8>(), 0..8),
    )
        .prop_map(|(major, info, arg, payload)| {
            let mut out = vec![major << 5 | info];
            let width = match info {
                24 => 1,
                25 => 2,
                26 => 4,
                27 => 8,
                _ => 0,
            };
            out.extend_from_slice(&arg.to_be_bytes()[8 - width..]);
            if matches!(major, 2 | 3) {
                out.extend_from_slice(&payload);
            }
            out
        });
    prop::collection::vec(head, 0..24).prop_map(|heads| heads.concat())
}

/// CBOR bytes of a value (`ciborium` writes every value it models).
fn cbor_bytes<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::ser::into_writer(value, &mut out).unwrap();
    out
}

/// One form value: edges of every argument type, raw bytes (invalid UTF-8,
/// `&`, `=`, `%`), percent escapes of arbitrary bytes, bad escapes.
fn form_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            "0",
            "-0",
            "x",
            "2147483648",
            "-2147483649",
            "99999999999999999999999",
            "1e400",
            "NaN",
            "inf",
            "-inf",
            "true",
            "on",
            "1.5",
            "Fast",
            "Slow",
            "Custom",
            "%FF",
            "%C3%28",
            "%ED%A0%80",
            "%F4%90%80%80",
            "%",
            "%G1",
            "%4",
            "a+b",
            "%00",
            "\u{feff}",
            "é",
            "ab",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..12),
        prop::collection::vec(any::<u8>(), 0..6).prop_map(|b| b
            .iter()
            .map(|b| format!("%{b:02X}"))
            .collect::<String>()
            .into_bytes()),
        any::<i64>().prop_map(|n| n.to_string().into_bytes()),
        any::<u64>().prop_map(|n| n.to_string().into_bytes()),
        any::<f64>().prop_map(|f| f.to_string().into_bytes()),
        any::<char>().prop_map(|c| c.to_string().into_bytes()),
    ]
}

/// Form bodies: fields named like the arguments (right values mostly),
/// Resuma's own `_` fields, duplicates, unknown and non-UTF-8 names, and
/// separators of every kind.
fn form_body() -> impl Strategy<Value = Vec<u8>> {
    let right: Vec<BoxedStrategy<Vec<u8>>> = FORM_NAMES
        .iter()
        .map(|name| {
            let right = match *name {
                "q" => ".{0,8}".prop_map(|s| s.into_bytes()).boxed(),
                "n" => any::<i32>()
                    .prop_map(|n| n.to_string().into_bytes())
                    .boxed(),
                "big" => any::<u64>()
                    .prop_map(|n| n.to_string().into_bytes())
                    .boxed(),
                "ratio" => any::<f64>()
                    .prop_map(|f| f.to_string().into_bytes())
                    .boxed(),
                "flag" => any::<bool>()
                    .prop_map(|b| b.to_string().into_bytes())
                    .boxed(),
                "ch" => any::<char>()
                    .prop_map(|c| c.to_string().into_bytes())
                    .boxed(),
                _ => prop::sample::select(vec!["Fast", "Slow"])
                    .prop_map(|s| s.as_bytes().to_vec())
                    .boxed(),
            };
            prop_oneof![3 => right, 1 => form_value()].boxed()
        })
        .collect();
    let extra_name = prop_oneof![
        prop::sample::select(vec!["_csrf", "_form", "_", "", "q", "n", "tags", "zz", "Q"])
            .prop_map(|s| s.as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..6),
    ];
    (
        right,
        prop::collection::vec(prop::bool::weighted(0.8), FORM_NAMES.len()),
        prop::collection::vec((extra_name, form_value()), 0..3),
        prop::sample::select(vec!["&", "&", "&&", ";", "&amp;"]),
        any::<bool>(),
    )
        .prop_map(|(values, present, extra, sep, raw)| {
            let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = FORM_NAMES
                .iter()
                .zip(values)
                .zip(present)
                .filter(|(_, present)| *present)
                .map(|((name, value), _)| (name.as_bytes().to_vec(), value))
                .collect();
            pairs.extend(extra);
            if raw {
                // As written: invalid UTF-8 and stray `%`, `&`, `=` stay.
                let fields: Vec<Vec<u8>> =
                    pairs.into_iter().map(|(k, v)| [k, v].join(&b'=')).collect();
                fields.join(sep.as_bytes())
            } else {
                // As a browser encodes it (the bytes lossily as UTF-8).
                let mut form = form_urlencoded::Serializer::new(String::new());
                for (k, v) in &pairs {
                    form.append_pair(&String::from_utf8_lossy(k), &String::from_utf8_lossy(v));
                }
                form.finish().into_bytes()
            }
        })
}

/// Valid calls of [`Args`] in each encoding, to mutate.
fn valid_bodies() -> [(Input, Vec<u8>); 5] {
    let named = json!({"q": "x", "n": 1, "big": 2, "ratio": 0.5, "tags": ["a"], "map": {"k": 1},
        "inner": {"a": true, "b": [{"a": false, "b": []}]}, "mode": {"Slow": {"level": 3}}});
    let positional = json!(["x", 1, null, null, ["a", "b"], null, null, "Fast"]);
    [
        (Input::Json, serde_json::to_vec(&named).unwrap()),
        (Input::Json, serde_json::to_vec(&positional).unwrap()),
        (Input::Cbor, cbor_bytes(&named)),
        (Input::Cbor, cbor_bytes(&positional)),
        (Input::Form, b"q=a+b%21&n=-3&_csrf=abc".to_vec()),
    ]
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn json_arguments_of_right_and_wrong_shapes_never_panic(args in json_args()) {
        let text = serde_json::to_vec(&args).unwrap();
        check(Input::Json, &text);
        // Pretty-printed: whitespace between every token.
        check(Input::Json, &serde_json::to_vec_pretty(&args).unwrap());
        check(Input::Cbor, &cbor_bytes(&args));
        // Followed by more data.
        let mut trailing = text.clone();
        trailing.extend_from_slice(b" {}");
        check(Input::Json, &trailing);
    }

    #[test]
    fn json_text_never_panics(text in json_text(), edits in prop::option::of(edits())) {
        check(Input::Json, text.as_bytes());
        let wrapped = format!("{{\"q\":{text},\"n\":{text}}}");
        check(Input::Json, wrapped.as_bytes());
        check(Input::Json, format!("[\"x\",1,{text},{text}]").as_bytes());
        for body in json_text_slots(&text) {
            check(Input::Json, body.as_bytes());
        }
        if let Some(edits) = edits {
            // Possibly no longer UTF-8.
            check(Input::Json, &apply(wrapped.into_bytes(), &edits));
        }
    }

    #[test]
    fn cbor_items_never_panic(value in cbor_value(), raw in cbor_raw()) {
        let bytes = cbor_bytes(&value);
        check(Input::Cbor, &bytes);
        check(Input::Cbor, &raw);
        // Inside an argument map, and as the body's prefix.
        let wrapped = ciborium::Value::Map(vec![
            (ciborium::Value::Text("q".into()), value.clone()),
            (ciborium::Value::Text("n".into()), value),
        ]);
        check(Input::Cbor, &cbor_bytes(&wrapped));
        let mut concat = bytes;
        concat.extend_from_slice(&raw);
        check(Input::Cbor, &concat);
        // The raw heads as the value of an argument of a definite map.
        let mut inside = vec![0xa2, 0x61, b'q'];
        inside.extend_from_slice(&raw);
        inside.extend_from_slice(&[0x61, b'n', 0x01]);
        check(Input::Cbor, &inside);
    }

    #[test]
    fn form_and_query_fields_never_panic(body in form_body()) {
        check_form(&body);
    }

    #[test]
    fn mutated_valid_calls_never_panic(which in 0usize..5, edits in edits()) {
        let (input, body) = valid_bodies()[which].clone();
        let mutated = apply(body, &edits);
        check(input, &mutated);
        if input == Input::Form {
            check_form(&mutated);
        } else {
            // Each encoding's bytes given to the others as well.
            for other in [Input::Json, Input::Form, Input::Query, Input::Cbor] {
                check(other, &mutated);
            }
        }
    }
}

/// The structure-aware inputs reach the argument decoding: each generator
/// yields well-formed calls as well as the errors it is meant to provoke.
#[test]
fn generators_reach_every_outcome() {
    use std::collections::BTreeMap;

    use proptest::strategy::ValueTree;
    fn tally<T: std::fmt::Debug>(
        strategy: impl Strategy<Value = T>,
        mut outcome: impl FnMut(&T) -> Outcome,
    ) -> BTreeMap<Outcome, usize> {
        let mut runner = TestRunner::new(config(1));
        let mut counts = BTreeMap::new();
        for _ in 0..600 {
            let value = strategy.new_tree(&mut runner).unwrap().current();
            *counts.entry(outcome(&value)).or_insert(0) += 1;
        }
        counts
    }
    let all = [
        Outcome::Decoded,
        Outcome::BadRequest,
        Outcome::InvalidArgument,
    ];
    let json = tally(json_args(), |v| {
        check(Input::Json, &serde_json::to_vec(v).unwrap())
    });
    let cbor = tally(json_args(), |v| check(Input::Cbor, &cbor_bytes(v)));
    let text = tally((json_text(), 0usize..6), |(t, slot)| {
        check(Input::Json, json_text_slots(t)[*slot].as_bytes())
    });
    let raw = tally(cbor_raw(), |b| check(Input::Cbor, b));
    let form = tally(form_body(), |b| check_form(b));
    let mutated = tally((0usize..5, edits()), |(which, edits)| {
        let (input, body) = valid_bodies()[*which].clone();
        check(input, &apply(body, edits))
    });
    eprintln!("json {json:?}\ncbor {cbor:?}\ntext {text:?}\nraw {raw:?}\nform {form:?}\nmutated {mutated:?}");
    for (name, counts, wanted) in [
        (
            "json_args as JSON",
            &json,
            &[Outcome::Decoded, Outcome::InvalidArgument][..],
        ),
        (
            "json_args as CBOR",
            &cbor,
            &[Outcome::Decoded, Outcome::InvalidArgument][..],
        ),
        ("json_text", &text, &all[..]),
        (
            "cbor_raw",
            &raw,
            &[Outcome::BadRequest, Outcome::InvalidArgument][..],
        ),
        (
            "form_body",
            &form,
            &[Outcome::Decoded, Outcome::InvalidArgument][..],
        ),
        ("mutated valid calls", &mutated, &all[..]),
    ] {
        for outcome in wanted {
            assert!(
                counts.get(outcome).is_some_and(|&n| n >= 5),
                "{name} rarely gives {outcome:?}: {counts:?}"
            );
        }
    }
}

/// Numbers at and beyond the edges of the argument types: valid JSON, so a
/// 422 naming the argument (integers out of the argument's range, numbers no
/// float holds), never a wrap-around.
#[test]
fn huge_numbers_are_refused() {
    for (body, status) in [
        (r#"{"q":"x","n":2147483648}"#, 422),
        (r#"{"q":"x","n":-2147483649}"#, 422),
        (r#"{"q":"x","n":1,"big":18446744073709551616}"#, 422),
        (r#"{"q":"x","n":1,"big":-1}"#, 422),
        (r#"{"q":"x","n":1,"map":{"k":128}}"#, 422),
        (r#"{"q":"x","n":1e400}"#, 422),
        (r#"{"q":"x","n":1,"ratio":-1e400}"#, 422),
    ] {
        let e = decode::<Args>(Input::Json, body.as_bytes(), NAMES).unwrap_err();
        assert_eq!(e.status().as_u16(), status, "{body}: {}", e.message);
    }
    // Digits beyond u64 are read as a float, and beyond f64 refused as 1e400.
    let long = format!(r#"{{"q":"x","n":{}}}"#, "9".repeat(100_000));
    assert_eq!(
        check(Input::Json, long.as_bytes()),
        Outcome::InvalidArgument
    );
    let long = format!(r#"{{"q":"x","n":{}}}"#, "9".repeat(300));
    assert_eq!(
        check(Input::Json, long.as_bytes()),
        Outcome::InvalidArgument
    );
    for query in [
        "q=x&n=2147483648",
        "q=x&n=1&big=18446744073709551616",
        "q=x&n=1e3",
    ] {
        assert_eq!(
            check_form(query.as_bytes()),
            Outcome::InvalidArgument,
            "{query}"
        );
    }
    // CBOR: a negative integer below i64, a bignum beyond u64.
    let mut below = vec![0xa2, 0x61, b'q', 0x61, b'x', 0x61, b'n', 0x3b];
    below.extend_from_slice(&u64::MAX.to_be_bytes());
    assert_eq!(check(Input::Cbor, &below), Outcome::InvalidArgument);
    let mut bignum = vec![0xa2, 0x61, b'q', 0x61, b'x', 0x61, b'n', 0xc2, 0x50];
    bignum.extend_from_slice(&[0xff; 16]);
    assert_eq!(check(Input::Cbor, &bignum), Outcome::InvalidArgument);
}

/// Invalid UTF-8 in a form field, raw or percent-encoded, is decoded
/// lossily (U+FFFD) or refused; never a panic.
#[test]
fn invalid_utf8_in_form_fields() {
    for body in [
        &b"q=%FF%FE&n=1"[..],
        b"q=\xff\xfe&n=1",
        b"q=%C3%28&n=1",
        b"q=%ED%A0%80&n=1",
        b"\xff=1&q=x&n=1",
        b"q=x&n=1&ch=%FF",
        b"q=x&n=%FF1",
    ] {
        check_form(body);
    }
    assert_eq!(check_form(b"q=%FF&n=1"), Outcome::Decoded);
    assert_eq!(check_form(b"q=x&n=%FF1"), Outcome::InvalidArgument);
    assert_eq!(check_form(b"q=x&n=1&\xff=1"), Outcome::InvalidArgument);
}

/// Byte-string and array lengths announced up to 2^64-1 with nothing
/// behind them: a 400 without allocating the announced size.
#[test]
fn announced_cbor_lengths_are_not_trusted() {
    for head in [0x5bu8, 0x7b, 0x9b, 0xbb] {
        let mut body = vec![0xa1, 0x61, b'q', head];
        body.extend_from_slice(&u64::MAX.to_be_bytes());
        assert_eq!(check(Input::Cbor, &body), Outcome::BadRequest, "{body:?}");
        let mut top = vec![head];
        top.extend_from_slice(&(u64::MAX / 2).to_be_bytes());
        assert_eq!(check(Input::Cbor, &top), Outcome::BadRequest, "{top:?}");
    }
    // Indefinite-length items without their break.
    for body in [
        &[0x9fu8][..],
        &[0xbf],
        &[0x5f, 0x41, 0x00],
        &[0x7f],
        &[0xff],
    ] {
        assert_eq!(check(Input::Cbor, body), Outcome::BadRequest, "{body:?}");
    }
}

proptest! {
    #![proptest_config(config(2000))]

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
    for depth in [129, 200, 257, 10_000, 100_000] {
        let json = format!(
            "{{\"q\":{}{}, \"n\":1}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        // `q` is a string: the first `[` is already a type error.
        assert_eq!(
            check(Input::Json, json.as_bytes()),
            Outcome::InvalidArgument
        );
        let objects = format!(
            "{{\"q\":\"x\",\"n\":1,\"map\":{}1{}}}",
            "{\"a\":".repeat(depth),
            "}".repeat(depth)
        );
        assert_eq!(
            check(Input::Json, objects.as_bytes()),
            Outcome::InvalidArgument
        );
        // Unclosed: the parser must stop at the limit, not at the end.
        check(Input::Json, "[".repeat(depth).as_bytes());
        check(Input::Json, "{\"q\":".repeat(depth).as_bytes());
        // CBOR: arrays of one element, maps of one pair, tags, indefinite
        // arrays, each nested `depth` deep around one integer.
        for (open, close) in [
            (&[0x81u8][..], &[][..]),
            (&[0xa1, 0x61, b'a'], &[]),
            (&[0xc6], &[]),
            (&[0x9f], &[0xff]),
        ] {
            let mut cbor = vec![0xa2, 0x61, b'n', 0x01, 0x61, b'q'];
            for _ in 0..depth {
                cbor.extend_from_slice(open);
            }
            cbor.push(0x00);
            for _ in 0..depth {
                cbor.extend_from_slice(close);
            }
            assert_ne!(
                check(Input::Cbor, &cbor),
                Outcome::Decoded,
                "{open:?} x {depth}"
            );
            check(Input::Cbor, &cbor[6..]);
        }
    }
    // Nesting the argument types allow, around the limits: an `Inner` level
    // is an object and an array, so 63 levels are accepted, 65 are not
    // (JSON's limit counts the body's own object, CBOR's does not).
    for (levels, json_ok, cbor_ok) in [
        (1, true, true),
        (63, true, true),
        (64, false, true),
        (65, false, false),
        (100, false, false),
        (5000, false, false),
    ] {
        // Written out directly: a deep `serde_json::Value` would itself
        // overflow the test's stack when serialised or dropped.
        let mut json = String::from(r#"{"q":"x","n":1,"inner":"#);
        let mut cbor = vec![0xa3, 0x61, b'q', 0x61, b'x', 0x61, b'n', 0x01];
        cbor.extend_from_slice(&[0x65, b'i', b'n', b'n', b'e', b'r']);
        for _ in 1..levels {
            json.push_str(r#"{"a":false,"b":["#);
            // {"a": false, "b": [ ...one element... ]}
            cbor.extend_from_slice(&[0xa2, 0x61, b'a', 0xf4, 0x61, b'b', 0x81]);
        }
        json.push_str(r#"{"a":true,"b":[]}"#);
        cbor.extend_from_slice(&[0xa2, 0x61, b'a', 0xf5, 0x61, b'b', 0x80]);
        json.push_str(&"]}".repeat(levels - 1));
        json.push('}');
        let outcome = check(Input::Json, json.as_bytes());
        assert_eq!(
            outcome == Outcome::Decoded,
            json_ok,
            "{levels} levels of JSON: {outcome:?}"
        );
        let outcome = check(Input::Cbor, &cbor);
        assert_eq!(
            outcome == Outcome::Decoded,
            cbor_ok,
            "{levels} levels of CBOR: {outcome:?}"
        );
    }
}

// --- the same over HTTP -------------------------------------------------------

#[server(encoding = "form, cbor, get", read_only)]
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
        let support::Session { cookie, token } = support::Session::from_page(&page);
        Server {
            addr,
            cookie,
            token,
        }
    })
}

proptest! {
    #![proptest_config(config(128))]

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
            json_args().prop_map(|v| serde_json::to_vec(&v).unwrap()),
            json_args().prop_map(|v| cbor_bytes(&v)),
            cbor_value().prop_map(|v| cbor_bytes(&v)),
            cbor_raw(),
            form_body(),
            json_text().prop_map(String::into_bytes),
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
