//! Rendering a view to HTML: a fragment, or a whole page with its scripts.

use crate::html::Html;
use crate::scope::RenderScope;
use crate::slot::Scalar;
use crate::view::IntoView;

/// Render a view to an HTML fragment, with no document shell and no scripts.
/// Useful in tests and for embedding; signals may be used inside `f`.
///
/// ```
/// use resuma::prelude::*;
///
/// let html = resuma::render_to_string(|| view! { <p class="x">"a & b"</p> });
/// assert_eq!(html, r#"<p class="x">a &amp; b</p>"#);
/// ```
pub fn render_to_string<V: IntoView>(f: impl FnOnce() -> V) -> String {
    let (out, _scope) = RenderScope::enter(|| {
        let mut out = Html::default();
        f().render(&mut out);
        out
    });
    // A fragment keeps every binding (crate::marks).
    out.into_string()
}

#[doc(hidden)]
/// What a page needs around its body.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    /// The `<title>`.
    pub title: &'a str,
    /// The `lang` of `<html>`.
    pub lang: &'a str,
    /// Extra markup for `<head>` (trusted: written as is).
    pub head: &'a str,
    /// The CSP nonce of this response.
    pub nonce: &'a str,
    /// The URL of the core module (protocol.md §6), its full build.
    pub core_url: &'a str,
    /// The URL of the lite build of core, for pages that need nothing
    /// more ([`Html::needs_full_core`](crate::Html::needs_full_core)).
    pub lite_core_url: &'a str,
    /// The loader's minified source, inlined in the loader script.
    pub loader: &'a str,
}

#[doc(hidden)]
/// Render a whole page: doctype, head, the body view, and, if the body has
/// any handler, the state and loader scripts (protocol.md §5).
///
/// ```
/// use resuma::prelude::*;
/// use resuma::render::{render_document, Document};
///
/// let doc = Document { title: "About", lang: "en", head: "", nonce: "n", core_url: "/c.js", lite_core_url: "/l.js", loader: "" };
/// let html = render_document(&doc, || view! { <h1>"About"</h1> });
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(!html.contains("<script"), "no handlers, no script");
/// ```
pub fn render_document<V: IntoView>(doc: &Document<'_>, body: impl FnOnce() -> V) -> String {
    let (mut out, scope) = render_body(doc, body);
    if !out.events().is_empty() {
        write_scripts(&mut out, &scope, doc);
    }
    out.raw("</body></html>");
    let page = out.into_string();
    LAST_PAGE_LEN.with(|len| len.set(page.len()));
    page
}

thread_local! {
    /// The length of the last page rendered on this thread: the next page
    /// starts with that much room, since a server thread mostly renders the
    /// same few pages and growing the buffer from a few KiB copied a large
    /// page several times over.
    static LAST_PAGE_LEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The first part of a streamed page (crate::flow::stream): the document up
/// to the end of the body's content, the state entries of its signals
/// (`"ID":VALUE` pairs, comma-separated), its event types and the first
/// signal id left for the parts that follow.
pub(crate) struct Shell {
    pub(crate) html: String,
    pub(crate) state: String,
    /// The shell's computeds and effects (the state's `d` items, §14).
    pub(crate) reactions: String,
    pub(crate) events: Vec<&'static str>,
    pub(crate) next_id: u32,
    /// Whether the shell needs the full core (crate::Html::needs_full_core).
    pub(crate) full_core: bool,
}

/// Render the shell of a streamed page; its scripts come at the end of the
/// response, after the streamed parts.
pub(crate) fn render_shell<V: IntoView>(doc: &Document<'_>, body: impl FnOnce() -> V) -> Shell {
    let (mut out, scope) = render_body(doc, body);
    let mut state = Html::default();
    let mut reactions = String::new();
    write_state_entries(&mut state, &mut reactions, &mut out, &scope, &mut true);
    Shell {
        events: out.events().to_vec(),
        next_id: scope.next_id(),
        full_core: out.needs_full_core(),
        state: state.into_string(),
        reactions,
        html: out.into_string(),
    }
}

/// Render a streamed part's `body` with signal ids from `first_id` on,
/// appending its state entries to `state` (`first`: none written yet) and
/// its computeds and effects to `reactions`.
pub(crate) fn render_part(
    first_id: u32,
    state: &mut Html,
    reactions: &mut String,
    first: &mut bool,
    body: impl FnOnce(&mut Html),
) -> (Html, u32) {
    let (mut out, scope) = RenderScope::enter_from(first_id, || {
        let mut out = Html::default();
        body(&mut out);
        out
    });
    write_captured_bindings(&mut out, &scope);
    write_state_entries(state, reactions, &mut out, &scope, first);
    (out, scope.next_id())
}

/// The doctype, the head and the body's content, with the render scope.
fn render_body<V: IntoView>(doc: &Document<'_>, body: impl FnOnce() -> V) -> (Html, RenderScope) {
    let (out, scope) = RenderScope::enter(|| {
        let mut out = Html::with_capacity(LAST_PAGE_LEN.with(|len| len.get()).max(4096));
        out.raw("<!DOCTYPE html><html lang=\"");
        out.attr_value(doc.lang);
        out.raw("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
        out.text(doc.title);
        out.raw("</title><link rel=\"icon\" href=\"data:,\">");
        // The CSRF token of this visitor's session, for server-function
        // calls (protocol.md §8); only present when served by an `App`.
        if let Some(token) = crate::server_fn::csrf_token() {
            out.raw("<meta name=\"resuma-csrf\" content=\"");
            out.attr_value(&token);
            out.raw("\">");
        }
        out.raw(doc.head);
        out.raw("</head><body>");
        body().render(&mut out);
        out
    });
    let mut out = out;
    write_captured_bindings(&mut out, &scope);
    if out.has_islands() {
        // Before the state and loader scripts, which end the body (§5, §10).
        out.raw("<script nonce=\"");
        out.attr_value(doc.nonce);
        out.raw("\">");
        out.raw(crate::island::ISLANDS_JS);
        out.raw("</script>");
    }
    (out, scope)
}

/// Write the bindings of the signals the browser can change into a page's
/// markup, and no others (crate::marks): those that client code captures,
/// which the page's computeds and effects (§14) do too.
fn write_captured_bindings(out: &mut Html, scope: &RenderScope) {
    for reaction in scope.reactions() {
        reaction.referenced().for_each(|id| out.reference(id));
    }
    out.write_bindings(false);
}

fn write_scripts(out: &mut Html, scope: &RenderScope, doc: &Document<'_>) {
    let mut state = Html::default();
    let mut reactions = String::new();
    write_state_entries(&mut state, &mut reactions, out, scope, &mut true);
    let events = out.events().join(" ");
    let full_core = out.needs_full_core();
    write_state_and_loader(out, state.as_str(), &reactions, &events, full_core, doc);
}

/// The state script holding `entries` (the `s` member) and `reactions` (the
/// `d` member, §14), and the loader script listening for `events`
/// (space-separated) and naming the full or the lite core (`full_core`),
/// which end a page's body (protocol.md §5, §6).
pub(crate) fn write_state_and_loader(
    out: &mut Html,
    entries: &str,
    reactions: &str,
    events: &str,
    full_core: bool,
    doc: &Document<'_>,
) {
    out.raw("<script type=\"resuma/state\">{\"s\":{");
    out.raw(entries);
    out.raw("}");
    // The page's computeds and effects (§14): digits and ASCII names only,
    // nothing the script escaping would change.
    if !reactions.is_empty() {
        out.raw(",\"d\":[");
        out.raw(reactions);
        out.raw("]");
    }
    out.raw("}");
    out.raw("</script><script nonce=\"");
    out.attr_value(doc.nonce);
    out.raw("\" data-r-core=\"");
    out.attr_value(if full_core {
        doc.core_url
    } else {
        doc.lite_core_url
    });
    out.raw("\" data-r-ev=\"");
    out.attr_value(events);
    out.raw("\">");
    out.raw(doc.loader);
    out.raw("</script>");
}

/// Append the `"ID":VALUE` state entries of the slots `marks` references to
/// `state`, comma-separated (`first`: nothing written before), and the
/// scope's computeds and effects to `reactions` (comma-separated too; the
/// slots they use count as referenced).
///
/// The state JSON goes into the page one value at a time: its keys and
/// punctuation never need the script escaping, so escaping each value on
/// its own gives the same bytes as escaping the whole object, without
/// building and copying a second page-sized string.
fn write_state_entries(
    state: &mut Html,
    reactions: &mut String,
    marks: &mut Html,
    scope: &RenderScope,
    first: &mut bool,
) {
    for reaction in scope.reactions() {
        // Computeds and effects run in the blocks module (§14); the slots
        // they use are referenced already (`write_captured_bindings`).
        marks.require_full_core();
        if !reactions.is_empty() {
            reactions.push(',');
        }
        reactions.push_str(&reaction.to_string());
    }
    let mut json = Vec::new();
    // Values the markup shows exactly are read back from it by the browser
    // (protocol.md §5, crate::shown).
    for id in marks
        .referenced_ids()
        .filter(|id| scope.holds(*id) && !scope.shown_in_markup(*id))
    {
        state.raw(if *first { "\"" } else { ",\"" });
        *first = false;
        state.id(id);
        state.raw("\":");
        if let Err(err) = write_state_value(state, scope, id, &mut json) {
            // A value that cannot be serialised is a programming error in the
            // page (e.g. a map with non-string keys): say which signal.
            panic!("signal {id} cannot be serialised to JSON for the page state: {err}")
        }
    }
}

/// Write slot `id`'s value as JSON escaped for the state script.
fn write_state_value(
    out: &mut Html,
    scope: &RenderScope,
    id: u32,
    scratch: &mut Vec<u8>,
) -> Result<(), serde_json::Error> {
    match scope.slot_scalar(id) {
        Some(Scalar::Str(s)) => write_json_str(out, s, scratch),
        // Digits and `-` need neither JSON nor script escaping.
        Some(Scalar::Int(n)) => out.int(n),
        Some(Scalar::UInt(n)) => out.uint(n),
        Some(Scalar::Bool(b)) => out.raw(if b { "true" } else { "false" }),
        None => {
            scratch.clear();
            scope.write_slot_json(id, scratch)?;
            out.script_json(std::str::from_utf8(scratch).expect("serde_json writes UTF-8"));
        }
    }
    Ok(())
}

/// Write `s` as a JSON string escaped for the state script. Most strings
/// contain nothing that JSON (`"`, `\\`, control characters) or the script
/// (`<`, `>`, `&`, U+2028/U+2029, whose UTF-8 starts with `E2`) escapes; those
/// are copied between quotes as they are, which is what `serde_json` would
/// write for them.
fn write_json_str(out: &mut Html, s: &str, scratch: &mut Vec<u8>) {
    let plain = |b: &u8| *b >= 0x20 && !matches!(b, b'"' | b'\\' | b'<' | b'>' | b'&' | 0xE2);
    if s.as_bytes().iter().all(plain) {
        out.raw("\"");
        out.raw(s);
        out.raw("\"");
    } else {
        scratch.clear();
        serde_json::to_writer(&mut *scratch, s).expect("writing a string into a Vec cannot fail");
        out.script_json(std::str::from_utf8(scratch).expect("serde_json writes UTF-8"));
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::scope::push_slot;

    /// The state script as it was first written: every value through
    /// `serde_json::Value`, the whole object escaped at once. The direct
    /// writer must give the same bytes.
    fn reference_state(scope: &RenderScope, ids: &[u32]) -> String {
        let mut state = String::from("{\"s\":{");
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                state.push(',');
            }
            let mut json = Vec::new();
            scope.write_slot_json(*id, &mut json).unwrap();
            state.push_str(&format!("\"{id}\":{}", String::from_utf8(json).unwrap()));
        }
        state.push_str("}}");
        let mut out = String::from("<script type=\"resuma/state\">");
        crate::escape::script_json_into(&mut out, &state);
        out.push_str("</script>");
        out
    }

    #[derive(serde::Serialize)]
    struct Todo {
        text: &'static str,
        done: bool,
        id: u8,
    }

    #[test]
    fn state_script_matches_the_value_round_trip_for_every_kind_of_value() {
        let hostile = [
            "",
            "plain",
            "a \"quoted\" \\ back",
            "</script><!--",
            "tom & jerry",
            "line\u{2028}para\u{2029}end",
            "ellipsis\u{2026} euro\u{20ac}",
            "tab\tnew\nline\u{1}\u{7f}",
            "h\u{e9}llo w\u{f6}rld \u{2713}",
        ];
        let (ids, scope) = RenderScope::enter(|| {
            let mut ids: Vec<u32> = hostile.iter().map(|s| push_slot(s.to_string())).collect();
            ids.extend(hostile.iter().map(|s| push_slot(*s)));
            ids.push(push_slot(i8::MIN));
            ids.push(push_slot(i16::MIN));
            ids.push(push_slot(-42i32));
            ids.push(push_slot(i64::MIN));
            ids.push(push_slot(isize::MAX));
            ids.push(push_slot(u8::MAX));
            ids.push(push_slot(u16::MAX));
            ids.push(push_slot(u32::MAX));
            ids.push(push_slot(u64::MAX));
            ids.push(push_slot(usize::MAX));
            ids.push(push_slot(true));
            ids.push(push_slot(false));
            ids.push(push_slot(2.0f64));
            ids.push(push_slot(-0.5f32));
            ids.push(push_slot('<'));
            ids.push(push_slot(Some("x<y".to_string())));
            ids.push(push_slot(None::<i32>));
            ids.push(push_slot(vec!["a&b", "c"]));
            ids.push(push_slot(Todo {
                text: "</b>",
                done: true,
                id: 3,
            }));
            ids.push(push_slot(BTreeMap::from([("z", 1), ("a", 2)])));
            ids
        });
        let mut out = Html::default();
        for id in &ids {
            out.reference(*id);
        }
        out.handler("click", "h000000000000", "h0", &[]);
        let doc = Document {
            title: "",
            lang: "en",
            head: "",
            nonce: "n",
            core_url: "/c.js",
            lite_core_url: "/l.js",
            loader: "",
        };
        write_scripts(&mut out, &scope, &doc);
        let html = out.into_string();
        let script = &html[html.find("<script type").unwrap()..];
        let script = &script[..script.find("</script>").unwrap() + "</script>".len()];
        assert_eq!(script, reference_state(&scope, &ids));
        // A struct is written by serde_json directly: fields in declaration order.
        assert!(
            script.contains(r#"{"text":"\u003c/b\u003e","done":true,"id":3}"#),
            "{script}"
        );
    }
}
