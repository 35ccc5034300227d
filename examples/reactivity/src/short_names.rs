//! A `<For>` whose item has a one-letter name (`let:n`). The row template
//! the browser renders new rows with is a JavaScript function of the item
//! and of its own parameters, whose names start with `$` so that no name
//! from Rust can clash with them (protocol.md §11). Rows show a page
//! signal, and a handler after the list changes two signals shown before it.

use resuma::prelude::*;

/// Two signals shown, a list whose rows the browser adds, and two buttons.
#[component]
pub fn ShortNames() -> impl IntoView {
    let count = use_signal(0);
    let label = use_signal("x".to_owned());
    let items: Signal<Vec<u32>> = use_signal(Vec::new());
    let suffix = use_signal("·".to_owned());
    view! {
        <main>
            <p id="count">{count}</p>
            <p id="label">{label}</p>
            <ul id="items">
                <For each={items} key={|n| *n} let:n>
                    <li>{n} {suffix}</li>
                </For>
            </ul>
            <button id="bump" type="button" onClick={move |_| {
                count.set(count.get() + 1);
                label.set(format!("{}!", label.get()));
            }}>"Bump"</button>
            <button id="add" type="button" onClick={move |_| {
                items.update(|v| v.push(v.len() as u32 + 1));
                suffix.set("·".to_owned());
            }}>"Add"</button>
        </main>
    }
}
