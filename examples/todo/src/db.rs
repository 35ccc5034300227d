//! The todo table, through sqlx's `Any` driver: SQLite by default, PostgreSQL
//! when `DATABASE_URL` says `postgres://…`. The queries are plain SQL that
//! both understand (`$N` parameters, `RETURNING`, `done` as 0/1); only the
//! migrations differ (`migrations/sqlite`, `migrations/postgres`).

use serde::{Deserialize, Serialize};
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Row};

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

/// The database URL used when `DATABASE_URL` is not set: a SQLite file in
/// the working directory, created on first run.
pub const DEFAULT_URL: &str = "sqlite://todo.db?mode=rwc";

/// Connect to `url` and bring the schema up to date.
pub async fn connect(url: &str) -> Result<AnyPool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(4)
        .connect(url)
        .await?;
    let migrator = if url.starts_with("postgres") {
        sqlx::migrate!("migrations/postgres")
    } else {
        sqlx::migrate!("migrations/sqlite")
    };
    migrator.run(&pool).await?;
    Ok(pool)
}

/// The pool the app was given ([`crate::app`] registers it with
/// `App::with_state`); no global.
fn pool() -> Result<AnyPool, sqlx::Error> {
    resuma::context::state::<AnyPool>()
        .map_err(|missing| sqlx::Error::Configuration(Box::new(missing)))
}

/// Every todo, oldest first.
pub async fn list() -> Result<Vec<Todo>, sqlx::Error> {
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
    sqlx::query("INSERT INTO todos (title, done) VALUES ($1, 0)")
        .bind(title)
        .execute(&pool()?)
        .await?;
    Ok(())
}

/// Flip `done`; false when there is no such todo.
pub async fn toggle(id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE todos SET done = 1 - done WHERE id = $1")
        .bind(id)
        .execute(&pool()?)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Change the title; false when there is no such todo.
pub async fn rename(id: i64, title: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE todos SET title = $1 WHERE id = $2")
        .bind(title)
        .bind(id)
        .execute(&pool()?)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Delete a todo; false when there is no such todo.
pub async fn delete(id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM todos WHERE id = $1")
        .bind(id)
        .execute(&pool()?)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Delete every done todo.
pub async fn clear_done() -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM todos WHERE done = 1")
        .execute(&pool()?)
        .await?;
    Ok(())
}
