//! `/`: a heading and a counter.

use resuma::prelude::*;

pub const PRERENDER: bool = true;

#[component]
fn Counter() -> impl IntoView {
    let count = use_signal(0);
    view! {
        <button type="button" onClick={move |_| count.set(count.get() + 1)}>"Count: " {count}</button>
    }
}

pub fn view() -> impl IntoView {
    view! {
        <h1>"Welcome to {{name}}"</h1>
        <p>"Add a file under src/pages/ to add a page."</p>
        <Counter />
    }
}
