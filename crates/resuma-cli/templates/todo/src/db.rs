//! The `todos` table in SQLite.

use serde::{Deserialize, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};

/// One todo, as the page state and the server functions carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, resuma::SignalData)]
pub struct Todo {
    /// Database id; the list's key.
    pub id: i64,
    /// What to do.
    pub title: String,
    /// Whether it is done.
    pub done: bool,
}

/// The database used when `DATABASE_URL` is not set: a file in the working
/// directory, created on first run.
pub const DEFAULT_URL: &str = "sqlite://todo.db";

/// Open (or create) the database at `url` and make sure the table exists.
pub async fn connect(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options: SqliteConnectOptions = url.parse()?;
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options.create_if_missing(true))
        .await?;
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS todos (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 0
        )",
    )
    .execute(&pool)
    .await?;
    Ok(pool)
}

/// The pool the app was given (`App::with_state` in `crate::app`).
fn pool() -> Result<SqlitePool, sqlx::Error> {
    resuma::context::state::<SqlitePool>()
        .map_err(|missing| sqlx::Error::Configuration(Box::new(missing)))
}

/// Every todo, oldest first.
pub async fn all() -> Result<Vec<Todo>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, title, done FROM todos ORDER BY id")
        .fetch_all(&pool()?)
        .await?;
    rows.iter()
        .map(|row| {
            Ok(Todo {
                id: row.try_get("id")?,
                title: row.try_get("title")?,
                done: row.try_get::<i64, _>("done")? != 0,
            })
        })
        .collect()
}

/// Add a todo that is not done yet.
pub async fn insert(title: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO todos (title) VALUES (?)")
        .bind(title)
        .execute(&pool()?)
        .await?;
    Ok(())
}

/// Flip `done`; false when there is no such todo.
pub async fn toggle(id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE todos SET done = 1 - done WHERE id = ?")
        .bind(id)
        .execute(&pool()?)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Delete a todo; false when there is no such todo.
pub async fn delete(id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM todos WHERE id = ?")
        .bind(id)
        .execute(&pool()?)
        .await?;
    Ok(done.rows_affected() == 1)
}
