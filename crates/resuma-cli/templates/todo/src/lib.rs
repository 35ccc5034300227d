//! {{name}}: a todo list saved in SQLite.

pub mod api;
pub mod db;
mod page;

use resuma::{view, App};

use page::{TodoPage, TodoPageProps};

const STYLE: &str = "<style>\
body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}\
ul{list-style:none;padding:0}li{display:flex;gap:.5rem;align-items:center;padding:.25rem 0}\
li.done span{text-decoration:line-through;color:#555}.error{color:#a00020}\
</style>";

/// The app: the list at `/`; the server functions use `pool`.
pub fn app(pool: sqlx::SqlitePool) -> App {
    App::new()
        .with_state(pool)
        .head(STYLE)
        .page_with("/", "{{name}}", api::list, |todos| view! { <TodoPage todos={todos} /> })
}
