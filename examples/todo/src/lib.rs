//! The Resuma todo app: a keyed list, forms that work with and without
//! JavaScript, and every change saved through a server function into SQLite
//! (or PostgreSQL) with sqlx.
//!
//! Run it with `cargo run -p todo`; `DATABASE_URL` picks the database
//! (default [`db::DEFAULT_URL`], a file created on first run).

pub mod api;
pub mod db;
mod lab;
mod page;

use resuma::{view, App};

use page::{Filter, TodoPage, TodoPageProps};

/// The page styles. Filtering is CSS: the list's class says which rows show,
/// so a filter change in the browser needs no re-render.
const STYLE: &str = "<style>\
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f5f5;color:#222}\
.todoapp{max-width:32rem;margin:2rem auto;padding:1rem 1.5rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px #0002}\
h1{margin:.2rem 0 1rem}\
.new-todo{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}\
.new-todo label{flex-basis:100%}\
.new-todo input{flex:1;padding:.4rem;font:inherit}\
button{font:inherit;cursor:pointer}\
.field-error,.form-error,.edit-error{color:#a00020;margin:.25rem 0;flex-basis:100%}\
.field-error:empty,.form-error:empty,.edit-error:empty{display:none}\
.todo-list{list-style:none;padding:0}\
.todo-list li{display:flex;gap:.5rem;align-items:center;padding:.25rem 0;border-bottom:1px solid #eee}\
.todo-list .title{flex:1;border:1px solid transparent;padding:.25rem;font:inherit}\
.todo-list .title:focus{border-color:#888}\
.todo-list li.done .title{text-decoration:line-through;color:#555}\
.toggle{width:1.8rem;height:1.8rem}\
.show-active li.done,.show-done li.active{display:none}\
footer{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}\
nav a{margin-right:.5rem;color:#0050a0}\
nav a[aria-current]{font-weight:bold;text-decoration:none}\
</style>";

/// The app: the list at `/`, `/active` and `/done`, and the keyed-list lab
/// page used by the browser tests. Server functions read and write through
/// `pool` (see [`db::connect`]).
pub fn app(pool: sqlx::AnyPool) -> App {
    App::new()
        .with_state(pool)
        .head(STYLE)
        .page_with("/", "Todos", api::snapshot, |s| {
            view! { <TodoPage filter={Filter::All} snapshot={s} /> }
        })
        .page_with("/active", "Todos: active", api::snapshot, |s| {
            view! { <TodoPage filter={Filter::Active} snapshot={s} /> }
        })
        .page_with("/done", "Todos: done", api::snapshot, |s| {
            view! { <TodoPage filter={Filter::Done} snapshot={s} /> }
        })
        .page("/lab/keyed", "Keyed list lab", lab::keyed_lab)
}
