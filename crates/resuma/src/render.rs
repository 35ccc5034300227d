//! Rendering a view to HTML: a fragment, or a whole page with its scripts.

use std::fmt::Write as _;

use crate::html::Html;
use crate::scope::RenderScope;
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
    out.into_string()
}

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
    /// The URL of the core module (protocol.md §6).
    pub core_url: &'a str,
    /// The loader's minified source, inlined in the loader script.
    pub loader: &'a str,
}

/// Render a whole page: doctype, head, the body view, and, if the body has
/// any handler, the state and loader scripts (protocol.md §5).
///
/// ```
/// use resuma::prelude::*;
/// use resuma::render::{render_document, Document};
///
/// let doc = Document { title: "About", lang: "en", head: "", nonce: "n", core_url: "/c.js", loader: "" };
/// let html = render_document(&doc, || view! { <h1>"About"</h1> });
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(!html.contains("<script"), "no handlers, no script");
/// ```
pub fn render_document<V: IntoView>(doc: &Document<'_>, body: impl FnOnce() -> V) -> String {
    let (out, scope) = RenderScope::enter(|| {
        let mut out = Html::with_capacity(4096);
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
    if out.has_islands() {
        // Before the state and loader scripts, which end the body (§5, §10).
        out.raw("<script nonce=\"");
        out.attr_value(doc.nonce);
        out.raw("\">");
        out.raw(crate::island::ISLANDS_JS);
        out.raw("</script>");
    }
    if !out.events().is_empty() {
        write_scripts(&mut out, &scope, doc);
    }
    out.raw("</body></html>");
    out.into_string()
}

fn write_scripts(out: &mut Html, scope: &RenderScope, doc: &Document<'_>) {
    let mut state = String::from("{\"s\":{");
    let ids: Vec<u32> = out.referenced_ids().collect();
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            state.push(',');
        }
        let value = scope.slot_json(*id).unwrap_or_else(|err| {
            // A value that cannot be serialised is a programming error in the
            // page (e.g. a map with non-string keys): say which signal.
            panic!("signal {id} cannot be serialised to JSON for the page state: {err}")
        });
        let _ = write!(state, "\"{id}\":{value}");
    }
    state.push_str("}}");
    out.raw("<script type=\"resuma/state\">");
    out.script_json(&state);
    out.raw("</script><script nonce=\"");
    out.attr_value(doc.nonce);
    out.raw("\" data-r-core=\"");
    out.attr_value(doc.core_url);
    out.raw("\" data-r-ev=\"");
    let events = out.events().join(" ");
    out.attr_value(&events);
    out.raw("\">");
    out.raw(doc.loader);
    out.raw("</script>");
}
