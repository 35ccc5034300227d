//! The example's pages.

use resuma::prelude::*;

use crate::islands::*;

const DRAFT: &str = "# A draft\n\nType **Markdown** here: the preview is rendered by Rust compiled to Wasm.\n\n- lists\n- `code`\n";

pub fn home() -> impl IntoView {
    view! {
        <h1>"Islands"</h1>
        <p>"This counter is a Wasm island that loads on your first click:"</p>
        <CounterIsland start={0} />
        <p class="spacer">"Scroll down: the Markdown editor below loads its module only when it comes into view."</p>
        <h2>"Markdown preview"</h2>
        <MarkdownPreview text={DRAFT.to_owned()} />
    }
}

pub fn lab_load() -> impl IntoView {
    view! { <h1>"load"</h1><EagerCounter start={10} /> }
}

pub fn lab_idle() -> impl IntoView {
    view! { <h1>"idle"</h1><IdleCounter start={20} /> }
}

pub fn lab_media() -> impl IntoView {
    view! { <h1>"media"</h1><WideCounter start={30} /> }
}

pub fn plain() -> impl IntoView {
    view! { <h1>"No islands"</h1><p>"This page loads no Wasm and keeps the strict CSP."</p> }
}
