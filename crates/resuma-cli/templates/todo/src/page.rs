//! The page: the new-todo form and the list. The rows' buttons belong to
//! the empty `rows` form (`form="rows"`) and pick their server function
//! with `formaction`.

use resuma::form::submitted_value;
use resuma::prelude::*;

use crate::api::{add_todo, toggle_todo};
use crate::db::Todo;

/// The list, starting from `todos` (loaded before the render).
#[component]
pub fn TodoPage(todos: Vec<Todo>) -> impl IntoView {
    let todos: Signal<Vec<Todo>> = use_signal(todos);
    view! {
        <main>
            <h1>"Todos"</h1>
            <Form action={add_todo {}} result={todos} label="Add a todo">
                <label for="new-title">"What needs doing? "</label>
                <input id="new-title" name="title" autocomplete="off" required value={submitted_value("title")}>
                <button>"Add"</button>
                <FieldError name="title" />
            </Form>
            <Form action={toggle_todo {}} result={todos} id="rows" label="Change a todo"></Form>
            <ul aria-label="Todos">
                <For each={todos} key={|t| t.id} let:todo>
                    <li class={if todo.done { "done" } else { "active" }}>
                        <button form="rows" formaction="/_resuma/action/toggle_todo" name="id" value={todo.id}
                            aria-pressed={if todo.done { "true" } else { "false" }}>"Done"</button>
                        <span>{todo.title.clone()}</span>
                        <button form="rows" formaction="/_resuma/action/delete_todo" name="id" value={todo.id}
                            aria-label={format!("Delete {}", todo.title)}>"×"</button>
                    </li>
                </For>
            </ul>
        </main>
    }
}
