//! The server functions: every change to the list goes through one of
//! these. Each accepts plain HTML form posts (`encoding = "form"`), so the
//! page works without JavaScript, and answers with the whole list, which a
//! `<Form result={todos}>` puts straight into the page's signal (the page
//! derives the count of open items from it).

use resuma::form::invalid_field;
use resuma::prelude::*;

use crate::db::{self, Todo};

/// The whole list, oldest first.
pub type Snapshot = Vec<Todo>;

/// Longest title accepted.
pub const MAX_TITLE: usize = 200;

/// The current list, for pages and results.
pub async fn snapshot() -> Result<Snapshot, ServerFnError> {
    Ok(db::list().await?)
}

fn missing(id: i64) -> ServerFnError {
    ServerFnError::custom(
        "not_found",
        StatusCode::NOT_FOUND,
        format!("there is no todo {id}; reload the page to see the current list"),
    )
}

/// A title as stored: trimmed, not empty, at most [`MAX_TITLE`] characters.
/// `TODO_FAIL_ON` (for tests) makes saving any title containing it fail like
/// a database error would.
fn checked_title(title: &str) -> Result<String, ServerFnError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(invalid_field("title", "Write what needs doing first."));
    }
    if title.chars().count() > MAX_TITLE {
        return Err(invalid_field(
            "title",
            format!("A todo is at most {MAX_TITLE} characters long."),
        ));
    }
    if std::env::var("TODO_FAIL_ON").is_ok_and(|bad| !bad.is_empty() && title.contains(&bad)) {
        return Err(ServerFnError::new(
            "The todo could not be saved (the database refused the write). Try again.",
        ));
    }
    Ok(title.to_owned())
}

/// Add a todo.
#[server(encoding = "form")]
pub async fn add_todo(title: String) -> Result<Snapshot, ServerFnError> {
    db::insert(&checked_title(&title)?).await?;
    snapshot().await
}

/// Mark a todo done, or not done again.
#[server(encoding = "form")]
pub async fn toggle_todo(id: i64) -> Result<Snapshot, ServerFnError> {
    if !db::toggle(id).await? {
        return Err(missing(id));
    }
    snapshot().await
}

/// Change a todo's title.
#[server(encoding = "form")]
pub async fn rename_todo(id: i64, title: String) -> Result<Snapshot, ServerFnError> {
    if !db::rename(id, &checked_title(&title)?).await? {
        return Err(missing(id));
    }
    snapshot().await
}

/// Delete a todo.
#[server(encoding = "form")]
pub async fn delete_todo(id: i64) -> Result<Snapshot, ServerFnError> {
    if !db::delete(id).await? {
        return Err(missing(id));
    }
    snapshot().await
}

/// Delete every done todo.
#[server(encoding = "form")]
pub async fn clear_completed() -> Result<Snapshot, ServerFnError> {
    db::clear_done().await?;
    snapshot().await
}
