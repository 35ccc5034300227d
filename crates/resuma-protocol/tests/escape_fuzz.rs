//! Bounded property tests of the protocol's byte-level rules (protocol.md
//! §4–§7), run by the normal `cargo test`: a fixed case count and a fixed
//! seed per property (set `PROPTEST_RNG_SEED=N` to explore other inputs).
//!
//! - `escape::text` / `escape::attr`: the output holds none of the
//!   characters that end a text node or a double-quoted attribute, every `&`
//!   starts one of the entities the escaper writes, and unescaping gives back
//!   the input.
//! - `escape::script_json_into`: the JSON holds no `<`, `>`, `&`, U+2028,
//!   U+2029 and still parses to the same value.
//! - `content_hash` / `chunk_name` / `hex`: the shapes of names.

use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use resuma_protocol::{chunk_name, content_hash, escape, hex, hex_into};

/// `cases` cases, a fixed seed unless `PROPTEST_RNG_SEED` sets one, no
/// failure files.
fn config(cases: u32) -> ProptestConfig {
    let default = ProptestConfig::default();
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed: match default.rng_seed {
            RngSeed::Random => RngSeed::Fixed(0x00e5_ca9e),
            seed => seed,
        },
        ..default
    }
}

/// Strings rich in what matters to the escapers: markup characters, quotes,
/// entities (escaped or not), script-ending sequences, the line separators
/// and the characters sharing their UTF-8 prefix, control characters, and
/// any other `char`.
fn tricky_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => any::<char>().prop_map(String::from),
        4 => prop::sample::select(vec![
            "<", ">", "&", "\"", "'", "`", "=", "/", "\\", "\u{2028}", "\u{2029}", "\u{2026}",
            "\u{2027}", "\u{20ac}", "\u{e2}", "\0", "\r", "\n", "\t", "\u{7f}", "\u{feff}",
            "\u{fffd}", "\u{1f600}",
        ])
        .prop_map(str::to_owned),
        2 => prop::sample::select(vec![
            "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#x3c;", "&", "&amp", "&ltx", "</script>",
            "</SCRIPT ", "<!--", "-->", "<![CDATA[", "<script>", "\\u003c", "\\u2028", "{\"a\":",
        ])
        .prop_map(str::to_owned),
        1 => "[a-z ]{0,8}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn any_string() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), tricky_string()]
}

/// Undoes the escaper: every `&` must start one of `entities`, each of which
/// stands for its character. `None` when some `&` starts anything else.
fn unescape(escaped: &str, entities: &[(&str, char)]) -> Option<String> {
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let (entity, ch) = entities.iter().find(|(e, _)| rest[at..].starts_with(e))?;
        out.push(*ch);
        rest = &rest[at + entity.len()..];
    }
    out.push_str(rest);
    Some(out)
}

const TEXT_ENTITIES: &[(&str, char)] = &[("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>')];
const ATTR_ENTITIES: &[(&str, char)] = &[
    ("&amp;", '&'),
    ("&quot;", '"'),
    ("&lt;", '<'),
    ("&gt;", '>'),
];

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn text_escaping_is_safe_and_reversible(s in any_string()) {
        let escaped = escape::text(&s);
        prop_assert!(!escaped.contains(['<', '>']), "{escaped:?}");
        let back = unescape(&escaped, TEXT_ENTITIES);
        prop_assert_eq!(back.as_deref(), Some(s.as_str()), "{:?}", escaped);
        // Only `&`, `<`, `>` change: quotes and everything else stay as written.
        prop_assert_eq!(escaped == s, !s.contains(['&', '<', '>']));
        // The `_into` form appends to what is there.
        let mut out = String::from("<p>");
        escape::text_into(&mut out, &s);
        prop_assert_eq!(out, format!("<p>{escaped}"));
    }

    #[test]
    fn attribute_escaping_is_safe_and_reversible(s in any_string()) {
        let escaped = escape::attr(&s);
        prop_assert!(!escaped.contains(['<', '>', '"']), "{escaped:?}");
        let back = unescape(&escaped, ATTR_ENTITIES);
        prop_assert_eq!(back.as_deref(), Some(s.as_str()), "{:?}", escaped);
        prop_assert_eq!(escaped == s, !s.contains(['&', '<', '>', '"']));
        // An attribute's text can carry a text node's escaping only where
        // neither has anything to escape but `&`, `<`, `>`.
        if !s.contains('"') {
            prop_assert_eq!(&escaped, &escape::text(&s));
        }
        let mut out = String::from("<a title=\"");
        escape::attr_into(&mut out, &s);
        out.push('"');
        // One attribute value: the only `"` are the two quotes around it.
        prop_assert_eq!(out.matches('"').count(), 2);
        prop_assert_eq!(out, format!("<a title=\"{escaped}\""));
    }

    #[test]
    fn script_json_is_safe_and_parses_back(s in any_string()) {
        let json = serde_json::to_string(&s).unwrap();
        let mut out = String::new();
        escape::script_json_into(&mut out, &json);
        prop_assert!(!out.contains(['<', '>', '&', '\u{2028}', '\u{2029}']), "{out:?}");
        prop_assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s.clone(), "{:?}", out);
        // Nothing else changes: JSON without those characters is kept as is.
        let special = |c: char| matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}');
        prop_assert_eq!(out == json, !json.contains(special));
        // The state script's shape: an object of values, keys included.
        let mut signals = serde_json::Map::new();
        signals.insert(s.clone(), serde_json::json!([s, 1, null]));
        let state = serde_json::json!({ "s": signals });
        let mut out = String::from("<script type=\"resuma/state\">");
        escape::script_json_into(&mut out, &state.to_string());
        out.push_str("</script>");
        let body = &out["<script type=\"resuma/state\">".len()..out.len() - "</script>".len()];
        prop_assert!(!body.contains(['<', '>', '&', '\u{2028}', '\u{2029}']), "{body:?}");
        prop_assert_eq!(serde_json::from_str::<serde_json::Value>(body).unwrap(), state);
    }

    #[test]
    fn names_are_lowercase_hex_of_fixed_length(bytes in prop::collection::vec(any::<u8>(), 0..512), s in any_string()) {
        let lower_hex = |t: &str| t.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        let hash = content_hash(&bytes);
        prop_assert_eq!(hash.len(), 12);
        prop_assert!(lower_hex(&hash), "{}", hash);
        prop_assert_eq!(content_hash(&bytes.clone()), hash.clone());

        let name = chunk_name(&s);
        prop_assert_eq!(name.len(), 13);
        prop_assert!(name.starts_with('h') && lower_hex(&name[1..]), "{}", name);
        prop_assert_eq!(&name[1..], content_hash(s.as_bytes()));

        // `hex`: two lowercase digits per byte, in order.
        let h = hex(&bytes);
        prop_assert_eq!(h.len(), 2 * bytes.len());
        prop_assert!(lower_hex(&h));
        let back: Vec<u8> = (0..bytes.len())
            .map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        prop_assert_eq!(&back, &bytes);
        let mut out = String::from("h");
        hex_into(&mut out, &bytes);
        prop_assert_eq!(out, format!("h{h}"));
        // One more byte, another name (48 bits: no collision is expected in
        // a few thousand cases).
        let mut longer = bytes.clone();
        longer.push(0);
        prop_assert_ne!(content_hash(&longer), hash);
    }
}

/// Names found by the rule rather than by these tests' own arithmetic:
/// SHA-256 test vectors.
#[test]
fn content_hash_is_the_sha256_prefix() {
    assert_eq!(content_hash(b""), "e3b0c44298fc");
    assert_eq!(content_hash(b"abc"), "ba7816bf8f01");
    assert_eq!(chunk_name("abc"), "hba7816bf8f01");
}
