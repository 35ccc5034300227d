//! The static export behind `resuma build --static OUT`: an app run by
//! [`crate::serve`] with `RESUMA_EXPORT=OUT` in its environment writes the
//! pages that need no request into `OUT`, with every script and island file
//! they load, under the URL paths the server uses, and exits.
//!
//! Which pages: those added with [`App::page`] (a view with no loader), and
//! the Flow pages marked [`Page::prerender`](crate::flow::Page::prerender).
//! Each is fetched from the app's own router, in-process, so the file is
//! byte for byte what the server would send: `/` goes to `OUT/index.html`,
//! `/about` to `OUT/about/index.html` (plain static servers answer `/about`
//! with a redirect to `/about/`, then that file). The chunks keep their
//! hashed names under `OUT/_resuma/`, the islands under
//! `OUT/_resuma/islands/`; a Flow app's 404 page becomes `OUT/404.html`.
//!
//! A static host sends no Content-Security-Policy header; the loader's
//! `nonce` attribute is then simply unused, and the page works the same.
//! Server functions have no server there: a call takes its error path
//! (`HTTP 405, response is not JSON` or the like, shown by the page).

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;

use crate::app::App;
use crate::serve_error::ServeError;

/// The environment variable that asks for an export, naming the directory.
pub(crate) const EXPORT_DIR: &str = "RESUMA_EXPORT";

/// The export directory, when the environment asks for an export.
pub(crate) fn requested() -> Option<PathBuf> {
    std::env::var_os(EXPORT_DIR)
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
}

/// Write the app's static pages and their assets into `out`.
pub(crate) async fn write(app: App, out: &Path) -> Result<(), ServeError> {
    let plan = app.export_plan();
    let router = app.try_into_router()?;
    let mut written = 0;
    for path in &plan.pages {
        let file = page_file(path)?;
        let page = fetch(&router, path).await?;
        if page.status != StatusCode::OK {
            return Err(ServeError::start(format_args!(
                "the static export of the page `{path}` got {} instead of a page: a page that needs a request (a cookie, a login) cannot be exported; remove its `prerender`",
                page.status
            )));
        }
        save(out, &file, &page.body)?;
        println!("  page {path:<24} {}", file);
        written += 1;
    }
    for name in &plan.assets {
        save_fetched(&router, out, &format!("/_resuma/{name}")).await?;
    }
    for name in &plan.island_files {
        save_fetched(&router, out, &format!("/_resuma/islands/{name}")).await?;
    }
    if plan.not_found_page {
        let missing = fetch(&router, "/_resuma-export/not-found").await?;
        if missing.status == StatusCode::NOT_FOUND && missing.html {
            save(out, "404.html", &missing.body)?;
        }
    }
    println!(
        "wrote {written} page(s), {} script(s) and {} island file(s) to {}",
        plan.assets.len(),
        plan.island_files.len(),
        out.display()
    );
    Ok(())
}

/// What to export, from the app's configuration (see `App::export_plan`).
pub(crate) struct Plan {
    /// Page paths.
    pub(crate) pages: Vec<String>,
    /// File names under `/_resuma/`.
    pub(crate) assets: Vec<String>,
    /// File names under `/_resuma/islands/`.
    pub(crate) island_files: Vec<String>,
    /// Whether the app renders its own 404 page (a Flow table).
    pub(crate) not_found_page: bool,
}

/// The file of the page at `path`, relative to the export directory.
fn page_file(path: &str) -> Result<String, ServeError> {
    if path.contains(['{', '}', '*']) {
        return Err(ServeError::start(format_args!(
            "the page `{path}` has a path parameter: a static export writes fixed paths only; remove its `prerender`"
        )));
    }
    let dir = path.trim_matches('/');
    if dir.split('/').any(|part| part == ".." || part == ".") {
        return Err(ServeError::start(format_args!(
            "the page path `{path}` cannot be a file path"
        )));
    }
    Ok(if dir.is_empty() {
        "index.html".to_owned()
    } else {
        format!("{dir}/index.html")
    })
}

struct Fetched {
    status: StatusCode,
    html: bool,
    body: Vec<u8>,
}

/// `GET path` from the router, uncompressed. The `Host` is `localhost`,
/// which a development configuration accepts.
async fn fetch(router: &Router, path: &str) -> Result<Fetched, ServeError> {
    let request = Request::get(path)
        .header(header::HOST, "localhost")
        .body(Body::empty())
        .map_err(|err| ServeError::start(format_args!("the page path `{path}`: {err}")))?;
    let mut service = router.clone();
    let response = tower_service::Service::call(&mut service, request)
        .await
        .unwrap_or_else(|never| match never {});
    let status = response.status();
    if status == StatusCode::MISDIRECTED_REQUEST {
        return Err(ServeError::start(format_args!(
            "the app refuses the host `localhost`, so it cannot be exported: run the export with RESUMA_ENV=development and no RESUMA_ALLOWED_HOSTS, or allow `localhost`"
        )));
    }
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|err| ServeError::start(format_args!("reading `{path}`: {err}")))?
        .to_bytes()
        .to_vec();
    Ok(Fetched { status, html, body })
}

async fn save_fetched(router: &Router, out: &Path, url: &str) -> Result<(), ServeError> {
    let fetched = fetch(router, url).await?;
    if fetched.status != StatusCode::OK {
        return Err(ServeError::start(format_args!(
            "the static export got {} for `{url}`",
            fetched.status
        )));
    }
    save(out, url.trim_start_matches('/'), &fetched.body)
}

fn save(out: &Path, relative: &str, bytes: &[u8]) -> Result<(), ServeError> {
    let file = out.join(relative);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|err| {
            ServeError::start(format_args!("cannot create {}: {err}", dir.display()))
        })?;
    }
    std::fs::write(&file, bytes)
        .map_err(|err| ServeError::start(format_args!("cannot write {}: {err}", file.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_become_index_files_under_their_paths() {
        assert_eq!(page_file("/").unwrap(), "index.html");
        assert_eq!(page_file("/about").unwrap(), "about/index.html");
        assert_eq!(page_file("/docs/intro/").unwrap(), "docs/intro/index.html");
        assert!(page_file("/notes/{id}").is_err());
        assert!(page_file("/files/{*rest}").is_err());
        assert!(page_file("/../etc").is_err());
    }
}
