//! Serves the app on `HOST:PORT` (default `127.0.0.1:3000`) with the
//! database at `DATABASE_URL` (default `todo.db`, created on first run).

#[tokio::main]
async fn main() -> Result<(), resuma::ServeError> {
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| {{crate}}::db::DEFAULT_URL.to_owned());
    let pool = {{crate}}::db::connect(&url).await.map_err(|e| {
        resuma::ServeError::start(format_args!("cannot open the database {url}: {e}"))
    })?;
    resuma::serve({{crate}}::app(pool)).await
}
