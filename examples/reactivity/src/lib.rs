//! Client reactivity, one page per form (protocol.md §14, guide "Derived
//! views"): derived text and attributes, `computed!` chains, effects that
//! call the server, debounced effects, struct signals updated in place, and
//! integer semantics in derived values, rows whose ids come from a
//! `Signal<u32>`, rows and branches with components and nested blocks, and
//! rows whose values read their item and a page signal at once, and values
//! the browser reads from the markup instead of the state. The browser
//! tests in `tests/e2e/reactivity.test.mjs` drive these pages.

use resuma::prelude::*;

mod effects;
mod readback;
mod rows;
mod selection;
mod short_names;
mod structs;
mod text;
mod text_elements;

/// The example's app.
pub fn app() -> App {
    App::new()
        .page("/", "Reactivity", index)
        .page("/length", "Derived length", || view! { <text::Length /> })
        .page(
            "/division",
            "Integer division",
            || view! { <text::Division /> },
        )
        .page("/effects", "Effects", || view! { <effects::Search /> })
        .page(
            "/profile",
            "A struct signal",
            || view! { <structs::Profile /> },
        )
        .page("/items", "Ids into rows", || view! { <structs::Items /> })
        .page(
            "/tasks",
            "Components and blocks in rows",
            || view! { <rows::Tasks /> },
        )
        .page("/notes", "A list in a branch", || view! { <rows::Notes /> })
        .page(
            "/selection",
            "The selected row",
            || view! { <selection::Selection /> },
        )
        .page(
            "/readback",
            "Values read from the page",
            || view! { <readback::Readback /> },
        )
        .page(
            "/short-names",
            "A row item called n",
            || view! { <short_names::ShortNames /> },
        )
        .page(
            "/draft",
            "A signal in a textarea",
            || view! { <text_elements::Draft /> },
        )
}

fn index() -> impl IntoView {
    view! {
        <main>
            <h1>"Reactivity"</h1>
            <ul>
                <li><a href="/length">"A derived length"</a></li>
                <li><a href="/division">"Integer division"</a></li>
                <li><a href="/effects">"Effects and debounce"</a></li>
                <li><a href="/profile">"A struct signal"</a></li>
                <li><a href="/items">"Ids into rows"</a></li>
                <li><a href="/tasks">"Components and blocks in rows"</a></li>
                <li><a href="/notes">"A list in a branch"</a></li>
                <li><a href="/selection">"The selected row"</a></li>
                <li><a href="/readback">"Values read from the page"</a></li>
                <li><a href="/draft">"A signal in a textarea"</a></li>
                <li><a href="/short-names">"A row item called n"</a></li>
            </ul>
        </main>
    }
}
