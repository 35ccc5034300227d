//! Effects: one that calls a server function whenever its signal changes,
//! and a debounced one that waits until typing stops.

use resuma::prelude::*;

/// Echoes the query back, as a search would answer it.
#[server]
pub async fn search(q: String) -> Result<String, ServerFnError> {
    Ok(format!("results for \"{q}\""))
}

/// Records that a query was settled on (the test counts these calls).
#[server]
pub async fn settle(q: String) -> Result<usize, ServerFnError> {
    Ok(q.len())
}

/// Two inputs: the first's effect searches on every change, the second's
/// debounced effect calls `settle` once typing has paused for 300 ms.
#[component]
pub fn Search() -> impl IntoView {
    let q = use_signal(String::new());
    let answer = use_signal(String::new());
    effect!([q], move || {
        match search(q.get()).await {
            Ok(text) => answer.set(text),
            Err(err) => answer.set(err.message),
        }
    });
    let draft = use_signal(String::new());
    let settled = use_signal(0u32);
    let settled_len = use_signal(0usize);
    debounce!(300, [draft], move || {
        // `update`, not `get`: reading `settled` would make it a dependency.
        settled.update(|n| *n += 1);
        if let Ok(n) = settle(draft.get()).await {
            settled_len.set(n);
        }
    });
    view! {
        <main>
            <label for="q">"Search"</label>
            <input id="q" value={q} onInput={move |e| q.set(e.value())} />
            <p id="answer">{answer}</p>
            <label for="draft">"Draft"</label>
            <input id="draft" value={draft} onInput={move |e| draft.set(e.value())} />
            <p>"Settled " <output id="settled">{settled}</output> " times, on " <output id="settled-len">{settled_len}</output> " chars"</p>
        </main>
    }
}
