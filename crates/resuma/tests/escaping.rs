//! Property tests: no generated string can open a tag, end an attribute or
//! break out of the state script.

use proptest::prelude::*;
use resuma::prelude::*;

/// Strings rich in the characters that matter.
fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("<".to_owned()),
            Just(">".to_owned()),
            Just("\"".to_owned()),
            Just("'".to_owned()),
            Just("&".to_owned()),
            Just("</script>".to_owned()),
            Just("<!--".to_owned()),
            Just("-->".to_owned()),
            Just("\u{2028}".to_owned()),
            Just("\u{2029}".to_owned()),
            Just("&amp;".to_owned()),
            any::<String>(),
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn text_never_opens_a_tag(s in hostile()) {
        let text = s.clone();
        let html = resuma::render_to_string(|| view! { <p>{text}</p> });
        let inner = html.strip_prefix("<p>").and_then(|h| h.strip_suffix("</p>")).unwrap();
        prop_assert!(!inner.contains('<'), "unescaped < in {inner:?}");
        prop_assert!(!inner.contains('>'));
        prop_assert_eq!(unescape(inner), s);
    }

    #[test]
    fn attribute_never_ends_early(s in hostile()) {
        let title = s.clone();
        let html = resuma::render_to_string(|| view! { <div title={title}></div> });
        let value = html.strip_prefix("<div title=\"").and_then(|h| h.strip_suffix("\"></div>")).unwrap();
        prop_assert!(!value.contains('"'), "unescaped quote in {value:?}");
        prop_assert!(!value.contains('<') && !value.contains('>'));
        prop_assert_eq!(unescape(value), s);
    }

    #[test]
    fn bound_text_stays_inside_its_markers(s in hostile()) {
        let initial = s.clone();
        let html = resuma::render_to_string(|| {
            let sig = use_signal(initial);
            view! { <p>{sig}</p> }
        });
        let inner = html.strip_prefix("<p><!--r:0-->").and_then(|h| h.strip_suffix("</p>")).unwrap();
        prop_assert!(!inner.contains('<'));
        prop_assert_eq!(unescape(inner), s);
    }

    #[test]
    fn state_json_cannot_break_out_and_round_trips(s in hostile()) {
        let mut out = String::new();
        let json = serde_json::to_string(&s).unwrap();
        resuma::escape::script_json_into(&mut out, &json);
        let lower = out.to_ascii_lowercase();
        prop_assert!(!lower.contains("</script"));
        prop_assert!(!lower.contains("<!--"));
        let has_line_separator = out.contains(['\u{2028}', '\u{2029}']);
        prop_assert!(!has_line_separator);
        let back: String = serde_json::from_str(&out).unwrap();
        prop_assert_eq!(back, s);
    }
}

/// Reverse our escaping (only the four entities we emit).
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn style_and_script_text_is_written_as_it_is() {
    // The browser decodes no entities in these elements: `&gt;` would
    // break the CSS selector, `&quot;` the JSON.
    let html = resuma::render_to_string(|| {
        view! {
            <style>"ul > li::after { content: \"&\" }"</style>
            <script type="application/ld+json">"{\"name\": \"a < b\"}"</script>
        }
    });
    assert_eq!(
        html,
        "<style>ul > li::after { content: \"&\" }</style>\
         <script type=\"application/ld+json\">{\"name\": \"a < b\"}</script>"
    );
}
