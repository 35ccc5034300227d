//! [`use_action`]: the three signals a handler needs to show a server call's
//! progress and outcome in the page.

use serde::Serialize;

use crate::signal::{use_signal, Signal};

/// The state of one server-function call site, as signals the page binds to.
///
/// Destructure it so a handler captures the signals themselves (handlers
/// capture signals, not structs), then set them around the call:
///
/// ```
/// use resuma::prelude::*;
///
/// #[server]
/// async fn roll() -> Result<i32, ServerFnError> { Ok(4) }
///
/// #[component]
/// fn Roller() -> impl IntoView {
///     let Action { pending, value, error } = use_action(0);
///     view! {
///         <button onClick={move |_| {
///             pending.set(true);
///             match roll().await {
///                 Ok(n) => { value.set(n); error.set(String::new()); }
///                 Err(e) => error.set(e.message),
///             }
///             pending.set(false);
///         }} disabled={pending}>"Roll"</button>
///         <output>{value}</output>
///         <p role="alert">{error}</p>
///     }
/// }
/// # let html = resuma::render_to_string(|| view! { <Roller /> });
/// # assert!(html.contains("role=\"alert\""));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Action<T: 'static> {
    /// `true` while a call is in flight.
    pub pending: Signal<bool>,
    /// The last successful result.
    pub value: Signal<T>,
    /// The last error's message; empty when the last call succeeded.
    pub error: Signal<String>,
}

/// Create the signals of an action whose value starts as `initial`.
pub fn use_action<T: Serialize + 'static>(initial: T) -> Action<T> {
    Action {
        pending: use_signal(false),
        value: use_signal(initial),
        error: use_signal(String::new()),
    }
}
