//! The Wasm side: the textarea drives a signal, an effect re-renders the
//! preview, and "Save" calls the server's `save_draft` (through the stub
//! `#[server]` compiles it to here).

use resuma_islands::prelude::*;

use crate::{render_html, save_draft};

#[derive(serde::Deserialize)]
struct Props {
    text: String,
}

resuma_islands::mount!(|root, props| {
    let props: Props = decode_props(props);
    let text = use_signal(props.text);
    let status = use_signal(String::new());
    let editor = find(&root, "textarea");
    let preview = find(&root, "[data-preview]");
    let words = find(&root, "[data-words]");

    effect(move || {
        let html = text.with(|t| render_html(t));
        set_html(&preview, &html);
    });
    let word_count = use_signal(0u32);
    effect(move || word_count.set(text.with(|t| t.split_whitespace().count() as u32)));
    bind_text(&words, word_count);
    bind_text(&find(&root, "[data-status]"), status);

    let input = editor.clone();
    on(&editor, "input", move |_| {
        let value = input
            .unchecked_ref::<resuma_islands::web_sys::HtmlTextAreaElement>()
            .value();
        text.set(value);
    });
    on(&find(&root, "[data-save]"), "click", move |_| {
        status.set("Saving…".into());
        let markdown = text.get();
        spawn_local(async move {
            status.set(match save_draft(markdown).await {
                Ok(saved) => format!(
                    "Saved: {} words, {} bytes, sha256 {}",
                    saved.words, saved.bytes, saved.digest
                ),
                Err(err) => format!("Not saved: {} ({})", err.message, err.kind),
            });
        });
    });
});
