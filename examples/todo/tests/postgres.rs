//! The todo server functions on PostgreSQL, through the `Any` driver and the
//! `migrations/postgres` schema, on a server this test starts itself:
//! `scripts/postgres-tmp` (Debian's `postgresql` package, which
//! `./scripts/setup` installs) runs a throwaway cluster in a temporary
//! directory, on 127.0.0.1 only, stopped and removed when the test ends
//! (also when it fails). With `TODO_TEST_POSTGRES_URL` set, the test uses
//! that scratch database instead (its `todos` table is dropped first).

use std::path::PathBuf;
use std::process::Command;

use todo::api::{add_todo, clear_completed, delete_todo, rename_todo, snapshot, toggle_todo};
use todo::db::Todo;

/// `scripts/postgres-tmp` at the repository's root.
fn script() -> PathBuf {
    resuma_test_support::repository_root().join("scripts/postgres-tmp")
}

/// A throwaway PostgreSQL server; dropping it stops the server and removes
/// its directory.
struct Cluster {
    dir: PathBuf,
}

impl Cluster {
    /// Starts a cluster in a new temporary directory; returns it and its URL.
    fn start() -> (Cluster, String) {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        // The guard exists before the server does, so that a half-started
        // cluster is cleaned up too.
        let cluster = Cluster {
            dir: std::env::temp_dir().join(format!(
                "resuma-todo-postgres-{}-{nanos}",
                std::process::id()
            )),
        };
        let out = Command::new(script())
            .arg("start")
            .arg(&cluster.dir)
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot run {}: {e}; run ./scripts/setup",
                    script().display()
                )
            });
        assert!(
            out.status.success(),
            "the todo PostgreSQL test needs a PostgreSQL server and could not start one:\n{}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
        let url = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        (cluster, url)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        match Command::new(script()).arg("stop").arg(&self.dir).output() {
            Ok(out) if out.status.success() => {}
            Ok(out) => eprintln!("{}", String::from_utf8_lossy(&out.stderr)),
            Err(e) => eprintln!("cannot stop the PostgreSQL server in {:?}: {e}", self.dir),
        }
    }
}

fn titles(list: &[Todo]) -> Vec<&str> {
    list.iter().map(|t| t.title.as_str()).collect()
}

/// Every row, read through a pool of its own (not the server functions').
async fn rows(pool: &sqlx::AnyPool) -> Vec<(i64, String, i64)> {
    sqlx::query_as("SELECT id, title, done FROM todos ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_todo_functions_work_on_postgres() {
    sqlx::any::install_default_drivers();
    let (_cluster, url) = match std::env::var("TODO_TEST_POSTGRES_URL") {
        Ok(url) => {
            let scratch = sqlx::AnyPool::connect(&url)
                .await
                .expect("the PostgreSQL server at TODO_TEST_POSTGRES_URL answers");
            for table in ["todos", "_sqlx_migrations"] {
                sqlx::query(&format!("DROP TABLE IF EXISTS {table}"))
                    .execute(&scratch)
                    .await
                    .unwrap();
            }
            (None, url)
        }
        Err(_) => {
            let (cluster, url) = Cluster::start();
            (Some(cluster), url)
        }
    };
    assert!(url.starts_with("postgres://"), "{url}");
    let pool = todo::db::connect(&url)
        .await
        .expect("migrations run on PostgreSQL");
    // The server functions find the pool as app state, as in the app.
    resuma::context::with_state(pool, exercise(&url)).await;
}

/// How many todos of `list` are not done (the page derives the same).
fn open(list: &[todo::db::Todo]) -> usize {
    list.iter().filter(|t| !t.done).count()
}

/// Every server function against the database at `url`.
async fn exercise(url: &str) {
    let list = snapshot().await.unwrap();
    let left = open(&list);
    assert_eq!((list.len(), left), (0, 0), "a new database has no todos");

    // Add: the list comes back oldest first, with the count of open items.
    let list = add_todo("first".into()).await.unwrap();
    let left = open(&list);
    assert_eq!((list.len(), left), (1, 1));
    add_todo("second".into()).await.unwrap();
    let tricky = "Write <tests> & \"docs\" – 'ü' 🚀";
    let list = add_todo(format!("  {tricky}  ")).await.unwrap();
    let left = open(&list);
    assert_eq!(
        titles(&list),
        ["first", "second", tricky],
        "oldest first, trimmed, text kept"
    );
    assert_eq!(left, 3);
    assert!(list.windows(2).all(|w| w[0].id < w[1].id), "{list:?}");
    let (first, second, third) = (list[0].id, list[1].id, list[2].id);

    // Toggle: on, off and on again (`done = 1 - done` on a BIGINT).
    let list = toggle_todo(first).await.unwrap();
    let left = open(&list);
    assert!(list[0].done && !list[1].done && left == 2, "{list:?}");
    let list = toggle_todo(third).await.unwrap();
    let left = open(&list);
    assert!(list[2].done && left == 1, "{list:?}");
    let list = toggle_todo(third).await.unwrap();
    let left = open(&list);
    assert!(!list[2].done && left == 2, "{list:?}");

    // Rename: trimmed, validated; the order stays by id.
    let list = rename_todo(second, "  second, renamed ".into())
        .await
        .unwrap();
    assert_eq!(titles(&list), ["first", "second, renamed", tricky]);
    assert_eq!(
        rename_todo(second, "x".repeat(201)).await.unwrap_err().kind,
        "invalid:title"
    );
    assert_eq!(
        add_todo(" ".into()).await.unwrap_err().kind,
        "invalid:title"
    );

    // Missing ids are a 404, for every function that takes one.
    assert_eq!(toggle_todo(9999).await.unwrap_err().status(), 404);
    assert_eq!(
        rename_todo(9999, "x".into()).await.unwrap_err().status(),
        404
    );
    assert_eq!(delete_todo(9999).await.unwrap_err().status(), 404);

    // Clear completed removes only the done one.
    let list = clear_completed().await.unwrap();
    let left = open(&list);
    assert_eq!(titles(&list), ["second, renamed", tricky]);
    assert_eq!((list[0].id, list[1].id, left), (second, third, 2));

    // Everything is in the database: a new pool (which runs the migrations
    // again, finding them applied) reads the same rows.
    let list = toggle_todo(second).await.unwrap();
    let again = todo::db::connect(url)
        .await
        .expect("migrations run again on the migrated database");
    assert_eq!(
        rows(&again).await,
        [
            (second, "second, renamed".to_owned(), 1),
            (third, tricky.to_owned(), 0)
        ]
    );
    assert_eq!(list.len(), 2);

    // Delete, then the list is empty; new ids keep growing.
    delete_todo(second).await.unwrap();
    let list = delete_todo(third).await.unwrap();
    assert!(list.is_empty(), "{list:?}");
    assert!(rows(&again).await.is_empty());
    let list = add_todo("after".into()).await.unwrap();
    assert!(list[0].id > third, "{list:?}");
    again.close().await;
}
