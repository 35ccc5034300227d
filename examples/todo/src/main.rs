//! Runs the todo app on `HOST:PORT` (default `127.0.0.1:3000`) with the
//! database at `DATABASE_URL` (default: `todo.db` in the working directory,
//! created on first run; a `postgres://` URL works too).

#[tokio::main]
async fn main() -> Result<(), resuma::ServeError> {
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| todo::db::DEFAULT_URL.to_owned());
    let pool = todo::db::connect(&url).await.map_err(|e| {
        resuma::ServeError::start(format_args!("cannot open the todo database {url}: {e}"))
    })?;
    resuma::serve(todo::app(pool)).await
}
