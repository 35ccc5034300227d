//! The benchmark page written with Leptos, rendered with its SSR to a string.
//! Same structure, same text and the same signals as `src/resuma_page.rs`.

use leptos::prelude::*;
use resuma_bench_ssr::{RowData, TITLE};

/// One table row, its label, count and class held in signals.
#[component]
fn Row(id: u32, label: String, count: i32, class: String) -> impl IntoView {
    let label = RwSignal::new(label);
    let count = RwSignal::new(count);
    let class = RwSignal::new(class);
    view! {
        <tr class=class><td>{id}</td><td>{label}</td><td class="num">{count}</td></tr>
    }
}

/// `Row` with the click handler of the Resuma page's `LiveRow`.
#[component]
fn LiveRow(id: u32, label: String, count: i32, class: String) -> impl IntoView {
    let label = RwSignal::new(label);
    let count = RwSignal::new(count);
    let class = RwSignal::new(class);
    let bump = move |_| {
        count.update(|n| *n += 1);
        class.set(label.get());
    };
    view! {
        <tr class=class><td>{id}</td><td>{label}</td><td class="num" on:click=bump>{count}</td></tr>
    }
}

/// The whole document. Leptos writes the doctype and the `<html>` shell as
/// part of the view, the way a Leptos server app's shell does.
fn page<V: IntoView>(rows: &[RowData], row: impl Fn(&RowData) -> V) -> impl IntoView {
    let clicks = RwSignal::new(0);
    let rows = rows.iter().map(row).collect_view();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{TITLE}</title>
                <link rel="icon" href="data:," />
            </head>
            <body>
                <main>
                    <h1>"Rows"</h1>
                    <button type="button" on:click=move |_| clicks.update(|n| *n += 1)>"Clicked " {clicks}</button>
                    <table>
                        <thead><tr><th>"#"</th><th>"Label"</th><th>"Count"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </main>
            </body>
        </html>
    }
}

/// Render the page to a string. The signals live in a fresh reactive owner
/// that is dropped afterwards, as a server does per request; without it
/// every render would leak its 3001 signals into the global arena.
pub fn render_document(rows: &[RowData]) -> String {
    render(|| {
        page(
            rows,
            |r| view! { <Row id=r.id label=r.label.clone() count=r.count class=r.class.clone() /> },
        )
        .to_html()
    })
}

/// [`render_document`] with a click handler in every row (`LiveRow`).
pub fn render_live_document(rows: &[RowData]) -> String {
    render(|| {
        page(rows, |r| view! { <LiveRow id=r.id label=r.label.clone() count=r.count class=r.class.clone() /> })
            .to_html()
    })
}

fn render(page: impl FnOnce() -> String) -> String {
    let owner = Owner::new();
    let html = owner.with(page);
    drop(owner);
    html
}
