//! The islands' server side: each renders its initial HTML like any
//! component; the Wasm module named by `module` takes it over in the browser.
//! The counter's directives differ only to show when each one loads.

use resuma::prelude::*;

/// The counter markup the Wasm side (`counter-island`) expects.
fn counter_markup(start: i32) -> impl IntoView {
    view! {
        <p class="counter"><button type="button">"Add one"</button> " Count: " <output>{start}</output></p>
    }
}

/// A counter that boots on the first click or key press inside it.
#[island(load = "interaction")]
pub fn CounterIsland(start: i32) -> impl IntoView {
    counter_markup(start)
}

/// The same module, booted as soon as the page has loaded.
#[island(load = "load", module = "counter_island")]
pub fn EagerCounter(start: i32) -> impl IntoView {
    counter_markup(start)
}

/// The same module, booted when the browser is idle.
#[island(load = "idle", module = "counter_island")]
pub fn IdleCounter(start: i32) -> impl IntoView {
    counter_markup(start)
}

/// The same module, booted only on wide screens.
#[island(load = "media(min-width: 900px)", module = "counter_island")]
pub fn WideCounter(start: i32) -> impl IntoView {
    counter_markup(start)
}

/// The Markdown live preview, booted when it scrolls into view.
#[island(load = "visible", margin = "0px")]
pub fn MarkdownPreview(text: String) -> impl IntoView {
    // The server runs the same renderer as the island, so the first paint
    // already shows the preview.
    let preview = Trusted(markdown_preview::render_html(&text));
    let words = text.split_whitespace().count();
    view! {
        <section class="markdown">
            <textarea aria-label="Markdown">{text}</textarea>
            <p>"Words: " <output data-words>{words}</output> " " <button type="button" data-save>"Save draft"</button> " " <output data-status></output></p>
            <div data-preview>{preview}</div>
        </section>
    }
}

/// Markup the page vouches for: the Markdown renderer escapes raw HTML.
struct Trusted(String);

impl IntoView for Trusted {
    fn render(self, out: &mut resuma::Html) {
        out.raw(&self.0);
    }
}
