//! Derived text and attributes.

use resuma::prelude::*;

/// An input and what is derived from it: a `move ||` closure, a bare
/// expression of a computed, a computed of a computed, a derived class and
/// boolean attribute, and a static expression that never changes.
#[component]
pub fn Length() -> impl IntoView {
    let q = use_signal(String::new());
    let len = computed!([q], move || q.get().len());
    let double = computed!([len], move || len.get() * 2);
    view! {
        <main>
            <label for="q">"Text"</label>
            <input id="q" value={q} onInput={move |e| q.set(e.value())} placeholder="Filter…" />
            <p id="closure">{move || format!("{} chars", q.get().len())}</p>
            <p id="computed">{format!("{} chars", len.get())}</p>
            <p id="double">"Twice: " {double}</p>
            <p id="size" class={move || if q.get().len() > 5 { "long" } else { "short" }} hidden={len.get() == 0}>"Typed something"</p>
            <p id="static">{"never changes".to_uppercase()}</p>
        </main>
    }
}

/// Rust's integer division in a derived value: 7 / 2 is 3, and dividing
/// by zero panics (in the browser too).
#[component]
pub fn Division() -> impl IntoView {
    let n = use_signal(7);
    view! {
        <main>
            <p>"n = " <output id="n">{n}</output></p>
            // Divides by zero when n is 11: that value panics in the browser
            // (reported, the text keeps its last value) and the others
            // still update.
            <p>"100 / (n - 11) = " <output id="inverse">{move || 100 / (n.get() - 11)}</output></p>
            <p>"n / 2 = " <output id="half">{move || n.get() / 2}</output></p>
            <button type="button" id="add" onClick={move |_| n.set(n.get() + 2)}>"Add 2"</button>
        </main>
    }
}
