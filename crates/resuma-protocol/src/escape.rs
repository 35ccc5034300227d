//! HTML escaping (protocol.md §7), written straight into the output buffer.
//!
//! Both functions copy runs of harmless bytes in one `push_str` and only stop
//! at the few characters that matter, so escaping a clean string costs one
//! scan and one copy.

/// Append `text` escaped for an HTML text node: `&`, `<`, `>` become entities.
///
/// ```
/// let mut out = String::new();
/// resuma_protocol::escape::text_into(&mut out, "a < b & c");
/// assert_eq!(out, "a &lt; b &amp; c");
/// ```
pub fn text_into(out: &mut String, text: &str) {
    escape_into(out, text, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        _ => None,
    })
}

/// Append `value` escaped for a double-quoted attribute value: `&`, `"`, `<`,
/// `>` become entities.
///
/// ```
/// let mut out = String::new();
/// resuma_protocol::escape::attr_into(&mut out, r#"say "hi" <b>"#);
/// assert_eq!(out, "say &quot;hi&quot; &lt;b&gt;");
/// ```
pub fn attr_into(out: &mut String, value: &str) {
    escape_into(out, value, |b| match b {
        b'&' => Some("&amp;"),
        b'"' => Some("&quot;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        _ => None,
    })
}

/// Append `json` (the output of `serde_json`) so it is safe inside a
/// `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 become `\uXXXX`
/// escapes. Those characters can only appear inside JSON strings, where the
/// escape means the same character, so `JSON.parse` still returns the
/// original value (protocol.md §5).
///
/// ```
/// let mut out = String::new();
/// resuma_protocol::escape::script_json_into(&mut out, r#"{"a":"</script>"}"#);
/// assert_eq!(out, r#"{"a":"\u003c/script\u003e"}"#);
/// ```
pub fn script_json_into(out: &mut String, json: &str) {
    // A byte scan, not a char scan: every character to replace starts with a
    // byte that never occurs inside another UTF-8 sequence (`<`, `>`, `&` are
    // ASCII; U+2028/U+2029 are `E2 80 A8`/`E2 80 A9` and `E2` is only ever a
    // lead byte), so each match position is a char boundary.
    let bytes = json.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (escaped, len) = match bytes[i] {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0xA8) => ("\\u2028", 3),
                Some(0xA9) => ("\\u2029", 3),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&json[start..i]);
        out.push_str(escaped);
        i += len;
        start = i;
    }
    out.push_str(&json[start..]);
}

fn escape_into(out: &mut String, s: &str, replacement: impl Fn(u8) -> Option<&'static str>) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // Every byte we replace is ASCII, so `i` is always a char boundary.
        if let Some(rep) = replacement(b) {
            out.push_str(&s[start..i]);
            out.push_str(rep);
            start = i + 1;
        }
    }
    out.push_str(&s[start..]);
}

/// Escape text at compile time or in tests, returning a new string.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    text_into(&mut out, s);
    out
}

/// Escape an attribute value, returning a new string.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    attr_into(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_leaves_quotes_alone() {
        assert_eq!(text(r#"it's "fine""#), r#"it's "fine""#);
    }

    #[test]
    fn multibyte_text_survives() {
        assert_eq!(text("héllo <wörld> ✓"), "héllo &lt;wörld&gt; ✓");
    }

    #[test]
    fn script_json_escapes_line_separators() {
        let mut out = String::new();
        script_json_into(&mut out, "\"a\u{2028}b\u{2029}<!--\"");
        assert_eq!(out, "\"a\\u2028b\\u2029\\u003c!--\"");
    }

    #[test]
    fn script_json_keeps_other_characters_that_share_the_separator_prefix() {
        // U+2026 and U+2027 start with the same two bytes as U+2028/U+2029;
        // U+20AC starts with the same lead byte.
        let mut out = String::new();
        script_json_into(
            &mut out,
            "\"\u{2026}\u{2027}\u{20ac}\u{2028}&\u{2029}>\u{2028}\"",
        );
        assert_eq!(
            out,
            "\"\u{2026}\u{2027}\u{20ac}\\u2028\\u0026\\u2029\\u003e\\u2028\""
        );
    }
}
