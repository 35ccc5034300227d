//! {{name}}: one page with a heading and a counter.

use resuma::prelude::*;

/// A button that counts its clicks. The closure runs in the browser: it is
/// translated to JavaScript when this crate compiles.
#[component]
pub fn Counter() -> impl IntoView {
    let count = use_signal(0);
    view! {
        <button type="button" onClick={move |_| count.set(count.get() + 1)}>"Count: " {count}</button>
    }
}

fn home() -> impl IntoView {
    view! {
        <main>
            <h1>"Welcome to {{name}}"</h1>
            <p>"Edit src/lib.rs and save: the page follows."</p>
            <Counter />
        </main>
    }
}

/// The app: its pages (and later its server functions and state).
pub fn app() -> App {
    App::new().page("/", "{{name}}", home)
}
