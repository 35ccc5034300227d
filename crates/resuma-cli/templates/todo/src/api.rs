//! The server functions. Each accepts plain HTML form posts (`encoding =
//! "form"`), so the page works without JavaScript, and answers with the
//! whole list, which `<Form result={todos}>` puts into the page's signal.

use resuma::form::invalid_field;
use resuma::prelude::*;

use crate::db::{self, Todo};

/// The whole list, oldest first (also the page's data).
pub async fn list() -> Result<Vec<Todo>, ServerFnError> {
    Ok(db::all().await?)
}

fn missing(id: i64) -> ServerFnError {
    ServerFnError::custom(
        "not_found",
        StatusCode::NOT_FOUND,
        format!("there is no todo {id}; reload the page to see the current list"),
    )
}

/// Add a todo.
#[server(encoding = "form")]
pub async fn add_todo(title: String) -> Result<Vec<Todo>, ServerFnError> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(invalid_field("title", "A todo is 1 to 200 characters long."));
    }
    db::insert(title).await?;
    list().await
}

/// Mark a todo done, or not done again.
#[server(encoding = "form")]
pub async fn toggle_todo(id: i64) -> Result<Vec<Todo>, ServerFnError> {
    if !db::toggle(id).await? {
        return Err(missing(id));
    }
    list().await
}

/// Delete a todo.
#[server(encoding = "form")]
pub async fn delete_todo(id: i64) -> Result<Vec<Todo>, ServerFnError> {
    if !db::delete(id).await? {
        return Err(missing(id));
    }
    list().await
}
