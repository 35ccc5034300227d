//! The "selected row" of every list UI: each row's class and marker read
//! both the row's item and a page signal in one expression, so selecting
//! a row re-evaluates each row's value with its own item (protocol.md §11,
//! the `~` id of a derived view).

use resuma::prelude::*;
use serde::Serialize;

/// One row of the list.
#[derive(Debug, Clone, Serialize, SignalData)]
pub struct Row {
    /// The key, from the `next` counter.
    pub id: u32,
    /// What the row shows.
    pub label: String,
    /// A done row shows no "selected" class and no marker even when it is
    /// selected: they read the item and the page signal.
    pub done: bool,
}

/// Rows with a select button; the selected row shows a marker and a class.
#[component]
pub fn Selection() -> impl IntoView {
    // 0 selects no row: ids start at 1.
    let selected = use_signal(1u32);
    let next = use_signal(4u32);
    let rows: Signal<Vec<Row>> = use_signal(
        (1..4)
            .map(|id| Row {
                id,
                label: format!("row {id}"),
                done: false,
            })
            .collect(),
    );
    view! {
        <main>
            <p>"Selected: " <output id="selected">{selected}</output></p>
            <button type="button" id="add-row" onClick={move |_| {
                let id = next.get();
                next.set(id + 1);
                rows.update(|v| v.push(Row { id, label: format!("row {}", id), done: false }));
            }}>"Add a row"</button>
            // One handler that changes the list and the signal the rows'
            // derived values read: those are evaluated once the rows are
            // the list's new rows, each with its own item.
            <button type="button" id="remove-selected" onClick={move |_| {
                let gone = selected.get();
                rows.update(|v| {
                    if let Some(i) = v.iter().position(|r| r.id == gone) {
                        v.remove(i);
                    }
                });
                selected.set(gone + 1);
            }}>"Remove the selected row, select the next id"</button>
            <ul id="rows">
                <For each={rows} key={|r| r.id} let:row>
                    <li data-id={row.id} class={move || if selected.get() == row.id && !row.done { "selected" } else { "" }}>
                        <span class="marker">{move || if selected.get() == row.id && !row.done { "*" } else { "-" }}</span>
                        <span class="label">{row.label.clone()}</span>
                        <button type="button" class="select" onClick={move |_| selected.set(row.id)}>"Select"</button>
                        <button type="button" class="done" onClick={move |_| rows.update(|v| {
                            for r in v.iter_mut() {
                                if r.id == row.id {
                                    r.done = !r.done;
                                }
                            }
                        })}>"Done"</button>
                    </li>
                </For>
            </ul>
        </main>
    }
}
