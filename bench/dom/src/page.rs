//! The Resuma side of the benchmark: one `Signal<Vec<Row>>` rendered with a
//! keyed `<For>`, and buttons whose handlers change the list the way the
//! js-framework-benchmark operations do.
//!
//! Rows are generated in the browser by `js!` blocks: the labels come from
//! [`LABEL_JS`]'s function of the row id, which the vanilla page and the
//! runner (`run.mjs`) compute the same way, so the runner can check every
//! label on either page.

// The generating handlers name the list only inside their `js!` text, which
// Rust does not see.
#![allow(unused_variables)]

use resuma::prelude::*;
use serde::Serialize;

/// One table row, in the shape the benchmark uses.
#[derive(Clone, Serialize, SignalData)]
pub struct Row {
    /// Unique, increasing over the page's life; the `<For>` key.
    pub id: u32,
    /// Three words chosen from the id, plus " !!!" per "update" pass.
    pub label: String,
    /// Whether the row is the selected one (rendered as `class="danger"`).
    pub selected: bool,
}

/// The label generator, for reference: `js!` needs its text inline, so each
/// generating handler below carries a copy of this exact code (checked by a
/// test in `main.rs`).
#[cfg_attr(not(test), allow(dead_code))]
pub const LABEL_JS: &str = r#"const A = "bright quiet rapid gentle bold shiny tiny vast humble lucky fuzzy brave calm eager fancy grand jolly noble proud silly witty zesty cozy dusty sleek".split(" "), C = "red orange yellow green blue indigo violet white black grey brown".split(" "), N = "lamp river garden bicycle kettle window ladder pencil rocket teapot violin wagon harbour".split(" "); const label = id => { const h = Math.imul(id, 0x9e3779b1) >>> 0; return A[h % 25] + " " + C[(h >>> 5) % 11] + " " + N[(h >>> 11) % 13]; };"#;

/// The benchmark page.
#[component]
pub fn Page() -> impl IntoView {
    let rows: Signal<Vec<Row>> = use_signal(Vec::new());
    // The id of the next row to create.
    let next = use_signal(1u32);
    view! {
        <div class="container">
            <div class="jumbotron">
                <h1>"Resuma keyed"</h1>
                <div class="buttons">
                    <button type="button" id="run" onClick={move |_| {
                        let first: u32 = next.get();
                        next.set(first + 1000);
                        rows.update(|list| {
                            js!(r#"const A = "bright quiet rapid gentle bold shiny tiny vast humble lucky fuzzy brave calm eager fancy grand jolly noble proud silly witty zesty cozy dusty sleek".split(" "), C = "red orange yellow green blue indigo violet white black grey brown".split(" "), N = "lamp river garden bicycle kettle window ladder pencil rocket teapot violin wagon harbour".split(" "); const label = id => { const h = Math.imul(id, 0x9e3779b1) >>> 0; return A[h % 25] + " " + C[(h >>> 5) % 11] + " " + N[(h >>> 11) % 13]; };
                            list.length = 0;
                            for (let id = first; id < first + 1000; id++) list.push({ id, label: label(id), selected: false });"#);
                        });
                    }}>"Create 1,000 rows"</button>
                    <button type="button" id="runlots" onClick={move |_| {
                        let first: u32 = next.get();
                        next.set(first + 10000);
                        rows.update(|list| {
                            js!(r#"const A = "bright quiet rapid gentle bold shiny tiny vast humble lucky fuzzy brave calm eager fancy grand jolly noble proud silly witty zesty cozy dusty sleek".split(" "), C = "red orange yellow green blue indigo violet white black grey brown".split(" "), N = "lamp river garden bicycle kettle window ladder pencil rocket teapot violin wagon harbour".split(" "); const label = id => { const h = Math.imul(id, 0x9e3779b1) >>> 0; return A[h % 25] + " " + C[(h >>> 5) % 11] + " " + N[(h >>> 11) % 13]; };
                            list.length = 0;
                            for (let id = first; id < first + 10000; id++) list.push({ id, label: label(id), selected: false });"#);
                        });
                    }}>"Create 10,000 rows"</button>
                    <button type="button" id="add" onClick={move |_| {
                        let first: u32 = next.get();
                        next.set(first + 1000);
                        rows.update(|list| {
                            js!(r#"const A = "bright quiet rapid gentle bold shiny tiny vast humble lucky fuzzy brave calm eager fancy grand jolly noble proud silly witty zesty cozy dusty sleek".split(" "), C = "red orange yellow green blue indigo violet white black grey brown".split(" "), N = "lamp river garden bicycle kettle window ladder pencil rocket teapot violin wagon harbour".split(" "); const label = id => { const h = Math.imul(id, 0x9e3779b1) >>> 0; return A[h % 25] + " " + C[(h >>> 5) % 11] + " " + N[(h >>> 11) % 13]; };
                            for (let id = first; id < first + 1000; id++) list.push({ id, label: label(id), selected: false });"#);
                        });
                    }}>"Append 1,000 rows"</button>
                    <button type="button" id="update" onClick={move |_| {
                        rows.update(|list| {
                            let mut i = 0;
                            while i < list.len() {
                                let label: String = list[i].label.clone();
                                list[i].label = label + " !!!";
                                i += 10;
                            }
                        });
                    }}>"Update every 10th row"</button>
                    <button type="button" id="clear" onClick={move |_| rows.update(|list| list.clear())}>"Clear"</button>
                    <button type="button" id="swaprows" onClick={move |_| {
                        rows.update(|list| {
                            if list.len() > 998 {
                                list.swap(1, 998);
                            }
                        });
                    }}>"Swap rows"</button>
                </div>
            </div>
            <table class="table">
                <tbody id="tbody">
                    <For each={rows} key={|row| row.id} let:row>
                        <tr class={if row.selected { "danger" } else { "" }}>
                            <td class="col-md-1">{row.id}</td>
                            <td class="col-md-4">
                                <a class="lbl" onClick={move |_| rows.update(|list| {
                                    for r in list.iter_mut() {
                                        r.selected = r.id == row.id;
                                    }
                                })}>{row.label.clone()}</a>
                            </td>
                            <td class="col-md-1">
                                <a class="remove" onClick={move |_| rows.update(|list| {
                                    if let Some(i) = list.iter().position(|r| r.id == row.id) {
                                        list.remove(i);
                                    }
                                })}><span class="remove glyphicon" aria-hidden="true">"×"</span></a>
                            </td>
                            <td class="col-md-6"></td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}
