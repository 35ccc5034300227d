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
//! Each result is `(list, open count)`, which the forms put into the `todos`
//! and `left` signals: the keyed `<For>` then moves, patches, adds and
//! removes rows. Editing a title is a translated `on:change` handler that
//! awaits `rename_todo` (JavaScript only).

use resuma::form::{field_failed, submitted_value};
use resuma::prelude::*;

use crate::api::{self, add_todo, clear_completed, rename_todo, toggle_todo};
use crate::db::Todo;

/// Which todos a page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Everything.
    All,
    /// Not done yet.
    Active,
    /// Done.
    Done,
}

impl Filter {
    /// The list's class: the CSS in lib.rs hides rows by it.
    fn class(self) -> &'static str {
        match self {
            Filter::All => "todo-list show-all",
            Filter::Active => "todo-list show-active",
            Filter::Done => "todo-list show-done",
        }
    }
}

/// The page for `filter`, showing `snapshot` (loaded by `App::page_with`
/// before the render starts).
pub fn todo_page(filter: Filter, snapshot: api::Snapshot) -> impl IntoView {
    let (items, open) = snapshot;
    let todos = use_signal(items);
    let left = use_signal(open);
    let list_class = use_signal(filter.class().to_string());
    let edit_error = use_signal(String::new());
    // `aria-current="page"` on the link of the filter shown.
    let current = |f: Filter| {
        use_signal(if f == filter {
            Some("page".to_string())
        } else {
            None
        })
    };
    let (on_all, on_active, on_done) = (
        current(Filter::All),
        current(Filter::Active),
        current(Filter::Done),
    );
    view! {
        <main class="todoapp">
            <h1>"Todos"</h1>
            <Form action={add_todo {}} result={(todos, left)} class="new-todo" label="Add a todo">
                <label for="new-title">"What needs doing?"</label>
                <input id="new-title" name="title" autocomplete="off" required aria-describedby="title-error"
                    value={submitted_value("title")} aria-invalid={if field_failed("title") { Some("true") } else { None }}>
                <button>"Add"</button>
                <FieldError name="title" />
            </Form>
            // The rows' buttons belong to this form (`form="rows"`).
            <Form action={toggle_todo {}} result={(todos, left)} id="rows" label="Change a todo"></Form>
            <Show when={move || todos.with(|v: &Vec<Todo>| v.is_empty())}>
                <p class="empty">"Nothing to do yet."</p>
            </Show>
            <ul class={list_class} aria-label="Todos">
                <For each={todos} key={|t| t.id} let:todo>
                    <li class={if todo.done { "done" } else { "active" }}>
                        <button class="toggle" form="rows" formaction="/_resuma/action/toggle_todo" name="id" value={todo.id}
                            aria-pressed={if todo.done { "true" } else { "false" }}
                            aria-label={{ let title: &String = &todo.title; format!("Done: {}", title) }}>{if todo.done { "✓" } else { "" }}</button>
                        <input class="title" value={todo.title.clone()} aria-label={{ let title: &String = &todo.title; format!("Title of {}", title) }}
                            on:change={move |e| {
                                let title = e.value();
                                match rename_todo(todo.id, title).await {
                                    Ok((list, open)) => { todos.set(list); left.set(open); edit_error.set(String::new()); }
                                    Err(err) => edit_error.set(err.message),
                                }
                            }}>
                        <button class="delete" form="rows" formaction="/_resuma/action/delete_todo" name="id" value={todo.id}
                            aria-label={{ let title: &String = &todo.title; format!("Delete {}", title) }}>"×"</button>
                    </li>
                </For>
            </ul>
            <p class="edit-error" role="alert">{edit_error}</p>
            <footer>
                <p class="count"><strong>{left}</strong>" left"</p>
                <nav aria-label="Filter">
                    // The URL follows, so a reload shows the same filter.
                    <a href="/" aria-current={on_all} prevent:click on:click={move |_e| {
                        list_class.set("todo-list show-all".to_string());
                        on_all.set(Some("page".to_string())); on_active.set(None); on_done.set(None);
                        js!(r#"history.replaceState(null, "", e.target.closest("a").href)"#);
                    }}>"All"</a>
                    <a href="/active" aria-current={on_active} prevent:click on:click={move |_e| {
                        list_class.set("todo-list show-active".to_string());
                        on_all.set(None); on_active.set(Some("page".to_string())); on_done.set(None);
                        js!(r#"history.replaceState(null, "", e.target.closest("a").href)"#);
                    }}>"Active"</a>
                    <a href="/done" aria-current={on_done} prevent:click on:click={move |_e| {
                        list_class.set("todo-list show-done".to_string());
                        on_all.set(None); on_active.set(None); on_done.set(Some("page".to_string()));
                        js!(r#"history.replaceState(null, "", e.target.closest("a").href)"#);
                    }}>"Done"</a>
                </nav>
                <Form action={clear_completed {}} result={(todos, left)} class="clear" label="Clear completed">
                    <button>"Clear completed"</button>
                </Form>
            </footer>
        </main>
    }
}
