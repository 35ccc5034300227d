//! `/lab/keyed`: a small page for the browser tests of keyed lists. The todo
//! UI never reorders rows, so this page does: swap, reverse, rotate, insert
//! and remove, all in the browser (no server round trip), to show that a
//! keyed `<For>` moves existing row nodes instead of recreating them.

use resuma::prelude::*;

/// One row of the lab list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Letter {
    /// The key.
    pub id: u32,
    /// The text shown.
    pub name: String,
}

fn letters() -> Vec<Letter> {
    ["a", "b", "c", "d", "e"]
        .iter()
        .enumerate()
        .map(|(i, n)| Letter {
            id: i as u32 + 1,
            name: n.to_string(),
        })
        .collect()
}

/// The lab page.
pub fn keyed_lab() -> impl IntoView {
    let items = use_signal(letters());
    view! {
        <main>
            <h1>"Keyed list lab"</h1>
            <ul id="letters">
                <For each={items} key={|l| l.id} let:letter>
                    <li>{letter.name.clone()}</li>
                </For>
            </ul>
            <button type="button" id="swap" on:click={move |_| items.update(|v: &mut Vec<Letter>| v.swap(1, 3))}>"Swap 2 and 4"</button>
            <button type="button" id="reverse" on:click={move |_| items.update(|v: &mut Vec<Letter>| v.reverse())}>"Reverse"</button>
            <button type="button" id="rotate" on:click={move |_| items.update(|v: &mut Vec<Letter>| { let first = v.remove(0); v.push(first); })}>"Rotate"</button>
            <button type="button" id="drop-first" on:click={move |_| items.update(|v: &mut Vec<Letter>| { v.remove(0); })}>"Remove first"</button>
            <button type="button" id="clear" on:click={move |_| items.set(Vec::new())}>"Clear"</button>
        </main>
    }
}
