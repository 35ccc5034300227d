//! The saved counter: a heading and a button "Click Me: N". Every click runs
//! [`save_click`], a server function that adds one to the count in a
//! key-value store ([`resuma::kv::KeyValue`]), so a reload shows the last
//! count. The same code runs natively (`cargo run -p saved-counter`, the
//! store in a local directory) and as a wasi:http component
//! (`scripts/serve-wasi saved-counter`, the store in a directory the runtime
//! preopens).

use resuma::kv::KeyValue;
use resuma::prelude::*;

/// The store key of the count.
const CLICKS: &str = "clicks";

/// Adds one click to the saved count and returns the new count. A store that
/// fails (full disk, missing directory) is a 503 whose message the page
/// shows; the cause goes to the server log.
#[server]
pub async fn save_click() -> Result<u32, ServerFnError> {
    let store = store()?;
    store
        .update(CLICKS, |n: &mut u32| *n = n.saturating_add(1))
        .map_err(|err| {
            tracing::error!(%err, "saving a click failed");
            ServerFnError::custom(
                "storage",
                StatusCode::SERVICE_UNAVAILABLE,
                "the click could not be saved: the store is unavailable",
            )
        })
}

/// The app's store (app state, set in [`app`]).
fn store() -> Result<KeyValue, ServerFnError> {
    resuma::context::state::<KeyValue>().map_err(|err| ServerFnError::internal(&err))
}

/// The button, starting from the saved count.
#[component]
pub fn SavedCounter(
    /// The count saved so far.
    start: u32,
) -> impl IntoView {
    let clicks = use_action(start);
    view! {
        <button type="button" id="save-click" disabled={clicks.pending} onClick={move |_| clicks.dispatch(save_click())}>
            "Click Me: " {clicks.value}
        </button>
        <p id="save-error" role="alert">{clicks.error}</p>
    }
}

fn home() -> impl IntoView {
    // A store that cannot be read shows 0 and says so; the page still works.
    let (start, problem) = match store().map(|s| s.get_json::<u32>(CLICKS)) {
        Ok(Ok(count)) => (count.unwrap_or(0), None),
        Ok(Err(err)) => {
            tracing::error!(%err, "reading the saved count failed");
            (0, Some("The saved count cannot be read right now."))
        }
        Err(_) => (0, Some("The store is not configured.")),
    };
    view! {
        <main>
            <h1>"Saved counter"</h1>
            <p>"Every click is saved on the server; reload the page and the count is still there."</p>
            <SavedCounter start={start} />
            {problem.map(|p| view! { <p id="load-error">{p}</p> })}
        </main>
    }
}

/// The app: one page, its server function and its chunks registered
/// explicitly (a wasi:http component has no link-time registration), and
/// the store that `RESUMA_KV` names (`dir:PATH` or `memory`; by default the
/// directory `saved-counter.kv`).
pub fn app() -> Result<App, resuma::ServeError> {
    let store = KeyValue::from_env_or(|| KeyValue::dir("saved-counter.kv"))
        .map_err(resuma::ServeError::start)?;
    Ok(app_with(store))
}

/// The app on a given store (the tests use a temporary directory).
pub fn app_with(store: KeyValue) -> App {
    App::new()
        .with_state(store)
        .register::<save_click>()
        .register_chunks(SavedCounterProps::CHUNKS)
        .page("/", "Saved counter", home)
}
