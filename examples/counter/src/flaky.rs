//! The server-function demo: a button that calls the server, where every
//! third call of a visitor fails on purpose. The failure shows in the page
//! (no reload) and is logged by the server.

use std::collections::HashMap;

use resuma::prelude::*;

/// The store key of the calls so far, per visitor session (in the app's
/// key-value store, so that a wasi:http component, which starts fresh for
/// each request, counts too). Bounded: a demo must not grow without limit
/// however many visitors it sees.
const CALLS: &str = "flaky-calls";
const MAX_SESSIONS: usize = 10_000;

/// Counts the caller's calls; every third one fails with a 500.
#[server]
pub async fn flaky() -> Result<u32, ServerFnError> {
    let session = resuma::server_fn::session_id().unwrap_or_default();
    let mut n = 0;
    crate::store()?
        .update(CALLS, |calls: &mut HashMap<String, u32>| {
            if calls.len() >= MAX_SESSIONS && !calls.contains_key(&session) {
                calls.clear();
            }
            let count = calls.entry(session).or_insert(0);
            *count += 1;
            n = *count;
        })
        .map_err(|err| ServerFnError::internal(&err))?;
    if n % 3 == 0 {
        tracing::warn!(call = n, "flaky: failing on purpose");
        return Err(ServerFnError::new(format!(
            "call {n} failed on purpose: every third call fails"
        )));
    }
    Ok(n)
}

/// A button that calls [`flaky`] through an action, which shows the result
/// or the error and disables the button while the call is in flight.
#[component]
pub fn Flaky() -> impl IntoView {
    let call = use_action(0u32);
    view! {
        <section>
            <h2>"Server function"</h2>
            <button type="button" id="flaky" disabled={call.pending} onClick={move |_| call.dispatch(flaky())}>"Call the server"</button>
            <p>"Last successful call: " <output id="flaky-value">{call.value}</output></p>
            <p id="flaky-error" role="alert">{call.error}</p>
        </section>
    }
}
