//! The benchmark page written with Resuma.

use resuma::prelude::*;
use resuma::render::Document;

use crate::{RowData, TITLE};

/// One table row. Its label, count and class are signals bound into the
/// row, but no client code can change them: the page writes them as plain
/// markup, without binding markers or state (protocol.md §2).
#[component]
fn Row(id: u32, label: String, count: i32, class: String) -> impl IntoView {
    let label = use_signal(label);
    let count = use_signal(count);
    let class = use_signal(class);
    view! {
        <tr class={class}><td>{id}</td><td>{label}</td><td class="num">{count}</td></tr>
    }
}

/// [`Row`] whose count cell has a click handler that changes all three
/// signals, so each row carries its binding markers (the two text cells
/// marked, `class` listed in the row's `data-r-b`) and its handler
/// attribute. The browser reads the three values back from that markup,
/// so none of them is in the page's state script (protocol.md §5).
#[component]
fn LiveRow(id: u32, label: String, count: i32, class: String) -> impl IntoView {
    let label = use_signal(label);
    let count = use_signal(count);
    let class = use_signal(class);
    view! {
        <tr class={class}><td>{id}</td><td>{label}</td><td class="num" onClick={move |_| {
            count.set(count.get() + 1);
            class.set(label.get());
        }}>{count}</td></tr>
    }
}

/// The page body: a heading, a button with a click handler (so the page
/// resumes and gets its state and loader scripts) and the table of `row`s.
fn body<V: IntoView>(rows: &[RowData], row: impl Fn(&RowData) -> V) -> impl IntoView {
    let clicks = use_signal(0);
    let rows = rows.iter().map(row).collect::<Vec<_>>();
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

// The rows take their data by value, so the views borrow nothing.
fn shown_row(r: &RowData) -> impl IntoView {
    let (id, label, count, class) = (r.id, r.label.clone(), r.count, r.class.clone());
    view! { <Row id={id} label={label} count={count} class={class} /> }
}

fn live_row(r: &RowData) -> impl IntoView {
    let (id, label, count, class) = (r.id, r.label.clone(), r.count, r.class.clone());
    view! { <LiveRow id={id} label={label} count={count} class={class} /> }
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
/// and loader script.
pub fn render_document(doc: &Document<'_>, rows: &[RowData]) -> String {
    resuma::render::render_document(doc, || body(rows, shown_row))
}

/// [`render_document`] with a click handler in every row ([`LiveRow`]).
pub fn render_live_document(doc: &Document<'_>, rows: &[RowData]) -> String {
    resuma::render::render_document(doc, || body(rows, live_row))
}

/// Only the body markup, without document shell or scripts. A fragment
/// keeps the binding markers of every signal (it may be shown next to code
/// this render cannot see).
pub fn render_fragment(rows: &[RowData]) -> String {
    resuma::render_to_string(|| body(rows, shown_row))
}
