//! The same server functions on PostgreSQL, through the `Any` driver and the
//! `migrations/postgres` schema. Runs only when `TODO_TEST_POSTGRES_URL`
//! names a scratch database (its `todos` table is dropped first), e.g.
//! `TODO_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres cargo test -p todo --test postgres -- --ignored`.

use todo::api::{add_todo, clear_completed, delete_todo, rename_todo, toggle_todo};

// Ignored by default (it needs a PostgreSQL server): run it with
// `cargo test -p todo --test postgres -- --ignored` and the variable set.
#[tokio::test]
#[ignore = "needs a PostgreSQL server: set TODO_TEST_POSTGRES_URL and pass --ignored"]
async fn the_todo_functions_work_on_postgres() {
    let url = std::env::var("TODO_TEST_POSTGRES_URL")
        .expect("set TODO_TEST_POSTGRES_URL to a scratch PostgreSQL database");
    sqlx::any::install_default_drivers();
    let scratch = sqlx::AnyPool::connect(&url).await.expect("the PostgreSQL server answers");
    for table in ["todos", "_sqlx_migrations"] {
        sqlx::query(&format!("DROP TABLE IF EXISTS {table}")).execute(&scratch).await.unwrap();
    }
    todo::db::install(todo::db::connect(&url).await.expect("migrations run on PostgreSQL"));

    let (list, left) = add_todo("first".into()).await.unwrap();
    assert_eq!((list.len(), left), (1, 1));
    let (list, _) = add_todo("second".into()).await.unwrap();
    let (first, second) = (list[0].id, list[1].id);
    let (list, left) = toggle_todo(first).await.unwrap();
    assert!(list[0].done && !list[1].done && left == 1, "{list:?}");
    let (list, _) = rename_todo(second, "  second, renamed ".into()).await.unwrap();
    assert_eq!(list[1].title, "second, renamed");
    assert_eq!(add_todo(" ".into()).await.unwrap_err().kind, "invalid:title");
    assert_eq!(delete_todo(9999).await.unwrap_err().status(), 404);
    let (list, left) = clear_completed().await.unwrap();
    assert_eq!((list.len(), left, list[0].id), (1, 1, second));
    let (list, _) = delete_todo(second).await.unwrap();
    assert!(list.is_empty());
}
