//! The benchmark page written with Resuma.

use resuma::prelude::*;
use resuma::render::Document;

use crate::{RowData, TITLE};

/// One table row. Its label, count and class are signals, so the HTML marks
/// the two text cells as bound and lists `class` in the row's `data-r-b`;
/// the browser reads all three values back from that markup, so none of
/// them is in the page's state script (protocol.md §5).
#[component]
fn Row(id: u32, label: String, count: i32, class: String) -> impl IntoView {
    let label = use_signal(label);
    let count = use_signal(count);
    let class = use_signal(class);
    view! {
        <tr class={class}><td>{id}</td><td>{label}</td><td class="num">{count}</td></tr>
    }
}

/// The page body: a heading, a button with a click handler (so the page
/// resumes and gets its state and loader scripts) and the table.
fn body(rows: &[RowData]) -> impl IntoView + '_ {
    let clicks = use_signal(0);
    let rows = rows
        .iter()
        .map(|r| {
            view! { <Row id={r.id} label={r.label.clone()} count={r.count} class={r.class.clone()} /> }
        })
        .collect::<Vec<_>>();
    view! {
        <main>
            <h1>"Rows"</h1>
            <button type="button" onClick={move |_| clicks.set(clicks.get() + 1)}>"Clicked " {clicks}</button>
            <table>
                <thead><tr><th>"#"</th><th>"Label"</th><th>"Count"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </main>
    }
}

/// The document settings a served Resuma page would use (the real loader
/// source is inlined, as `App` does).
pub fn document(core_url: &str) -> Document<'_> {
    Document {
        title: TITLE,
        lang: "en",
        head: "",
        nonce: "bench-nonce",
        core_url,
        // Both builds of core have names of the same length, so the page's
        // size does not depend on which one it names.
        lite_core_url: core_url,
        loader: resuma::assets::LOADER_JS,
    }
}

/// The whole page as a response body: doctype, head, table, state script
/// (empty here: the markup shows every value) and loader script.
pub fn render_document(doc: &Document<'_>, rows: &[RowData]) -> String {
    resuma::render::render_document(doc, || body(rows))
}

/// Only the body markup, without document shell or scripts.
pub fn render_fragment(rows: &[RowData]) -> String {
    resuma::render_to_string(|| body(rows))
}
