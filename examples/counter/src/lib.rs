//! The counter example: `/` has a button bound to a signal, `/about` is a
//! static page that ships no JavaScript at all.

use resuma::prelude::*;

pub mod flaky;
pub mod guestbook;

/// A button that counts its clicks.
#[component]
pub fn Counter(
    /// The first value shown.
    #[prop(default = 0)]
    start: i32,
) -> impl IntoView {
    let count = use_signal(start);
    view! {
        <button type="button" onClick={move |_| count.set(count.get() + 1)}>"Count: " {count}</button>
    }
}

fn home() -> impl IntoView {
    view! {
        <main>
            <h1>"Resuma counter"</h1>
            <Counter />
            <flaky::Flaky />
            <guestbook::Guestbook />
            <p><a href="/about">"About this example"</a></p>
        </main>
    }
}

fn about() -> impl IntoView {
    view! {
        <main>
            <h1>"About"</h1>
            <p>"This page is rendered on the server and ships no JavaScript."</p>
            <p><a href="/">"Back to the counter"</a></p>
        </main>
    }
}

/// The example's app: both pages and their assets.
pub fn app() -> App {
    App::new()
        .page("/", "Resuma counter", home)
        .page("/about", "About", about)
}
