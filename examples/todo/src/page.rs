//! The todo page. One page per filter (`/`, `/active`, `/done`), so the
//! filter links work without JavaScript; with it, a click only changes the
//! list's class (CSS hides the other rows) and the URL.
//!
//! Every change is a `<Form>` posting to a server function (api.rs):
//! - the new-todo form;
//! - the rows' toggle and delete buttons, which belong to the empty `rows`
//!   form through `form="rows"` and pick their function with `formaction`;
//! - "clear completed".
//!
//! Each result is the whole list, which the forms put into the `todos`
//! signal: the keyed `<For>` then moves, patches, adds and removes rows, and
//! what is derived from the list (the "left" count, the empty note) follows.
//! The filter is a signal too: the list's class and the links'
//! `aria-current` are derived from it. Editing a title is a translated
//! `on:change` handler that awaits `rename_todo` (JavaScript only).

use resuma::form::{field_failed, submitted_value};
use resuma::prelude::*;

use crate::api::{self, add_todo, clear_completed, rename_todo, toggle_todo};
use crate::db::Todo;

/// Which todos a page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, SignalData)]
pub enum Filter {
    /// Everything.
    All,
    /// Not done yet.
    Active,
    /// Done.
    Done,
}

/// The page for `filter`, showing `snapshot` (loaded by `App::page_with`
/// before the render starts).
#[component]
pub fn TodoPage(filter: Filter, snapshot: api::Snapshot) -> impl IntoView {
    let todos: Signal<Vec<Todo>> = use_signal(snapshot);
    let shown = use_signal(filter);
    let edit_error = use_signal(String::new());
    view! {
        <main class="todoapp">
            <h1>"Todos"</h1>
            <Form action={add_todo {}} result={todos} class="new-todo" label="Add a todo">
                <label for="new-title">"What needs doing?"</label>
                <input id="new-title" name="title" autocomplete="off" required aria-describedby="title-error"
                    value={submitted_value("title")} aria-invalid={if field_failed("title") { Some("true") } else { None }}>
                <button>"Add"</button>
                <FieldError name="title" />
            </Form>
            // The rows' buttons belong to this form (`form="rows"`).
            <Form action={toggle_todo {}} result={todos} id="rows" label="Change a todo"></Form>
            <Show when={move || todos.with(|v| v.is_empty())}>
                <p class="empty">"Nothing to do yet."</p>
            </Show>
            // Filtering is CSS (lib.rs): the class says which rows show.
            <ul aria-label="Todos" class={move || match shown.get() {
                Filter::All => "todo-list show-all",
                Filter::Active => "todo-list show-active",
                Filter::Done => "todo-list show-done",
            }}>
                <For each={todos} key={|t| t.id} let:todo>
                    <li class={if todo.done { "done" } else { "active" }}>
                        <button class="toggle" form="rows" formaction="/_resuma/action/toggle_todo" name="id" value={todo.id}
                            aria-pressed={if todo.done { "true" } else { "false" }}
                            aria-label={format!("Done: {}", todo.title)}>{if todo.done { "✓" } else { "" }}</button>
                        <input class="title" value={todo.title.clone()} aria-label={format!("Title of {}", todo.title)}
                            on:change={move |e| {
                                let title = e.value();
                                match rename_todo(todo.id, title).await {
                                    Ok(list) => { todos.set(list); edit_error.set(String::new()); }
                                    Err(err) => edit_error.set(err.message),
                                }
                            }}>
                        <button class="delete" form="rows" formaction="/_resuma/action/delete_todo" name="id" value={todo.id}
                            aria-label={format!("Delete {}", todo.title)}>"×"</button>
                    </li>
                </For>
            </ul>
            <p class="edit-error" role="alert">{edit_error}</p>
            <footer>
                <p class="count"><strong>{move || todos.with(|v| v.iter().filter(|t| !t.done).count())}</strong>" left"</p>
                <nav aria-label="Filter">
                    // The URL follows, so a reload shows the same filter.
                    <a href="/" aria-current={(shown.get() == Filter::All).then_some("page")} prevent:click on:click={move |e| {
                        shown.set(Filter::All);
                        e.replace_url_with_link();
                    }}>"All"</a>
                    <a href="/active" aria-current={(shown.get() == Filter::Active).then_some("page")} prevent:click on:click={move |e| {
                        shown.set(Filter::Active);
                        e.replace_url_with_link();
                    }}>"Active"</a>
                    <a href="/done" aria-current={(shown.get() == Filter::Done).then_some("page")} prevent:click on:click={move |e| {
                        shown.set(Filter::Done);
                        e.replace_url_with_link();
                    }}>"Done"</a>
                </nav>
                <Form action={clear_completed {}} result={todos} class="clear" label="Clear completed">
                    <button>"Clear completed"</button>
                </Form>
            </footer>
        </main>
    }
}
