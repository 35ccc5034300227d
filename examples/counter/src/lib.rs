//! The counter example: `/` has a button bound to a signal and the demos
//! of server functions and forms, `/one-button` is a page with nothing but
//! the counter (it gets the lite core runtime: the size budget's
//! `one_button_first_interaction`), `/about` is a static page that ships no
//! JavaScript at all. It runs natively (`cargo run -p counter`) and as a
//! wasi:http component (`scripts/serve-wasi counter`).

use resuma::kv::KeyValue;
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

fn one_button() -> impl IntoView {
    view! {
        <main>
            <h1>"One button"</h1>
            <Counter />
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

/// The example's app: its pages and their assets. The server functions and
/// chunks are also registered explicitly, for the wasi:http component
/// (natively they are registered at link time too). The demos keep their
/// data in the key-value store `RESUMA_KV` names (`memory` by default;
/// `dir:PATH` where each request may be a new instance).
pub fn app() -> Result<App, resuma::ServeError> {
    let store =
        KeyValue::from_env_or(|| Ok(KeyValue::memory())).map_err(resuma::ServeError::start)?;
    Ok(App::new()
        .with_state(store)
        .register::<flaky::flaky>()
        .register::<guestbook::sign_guestbook>()
        .register_chunks(CounterProps::CHUNKS)
        .register_chunks(flaky::FlakyProps::CHUNKS)
        .register_chunks(guestbook::GuestbookProps::CHUNKS)
        .page("/", "Resuma counter", home)
        .page("/one-button", "One button", one_button)
        .page("/about", "About", about))
}

/// The demos' store (app state, set in [`app`]).
fn store() -> Result<KeyValue, ServerFnError> {
    resuma::context::state::<KeyValue>().map_err(|err| ServerFnError::internal(&err))
}
