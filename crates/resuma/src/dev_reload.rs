//! Live reload under `resuma dev`, in debug builds only: with
//! `RESUMA_DEV_RELOAD=FILE` in the environment, every HTML response gets a
//! small script (carrying the page's CSP nonce) that listens to
//! `GET /_resuma/dev/events`, a stream of server-sent events.
//!
//! The stream's first event names this server process; `resuma dev`
//! restarts the server after each good build, so a reconnecting page that
//! hears another name reloads itself. FILE is where `resuma dev` writes the
//! state of the last build: empty when it built, or the compile error (its
//! first line with the file and line, then rustc's text). The old server
//! keeps serving after a failed build and passes the error on, which the
//! script shows as an overlay over the page.
//!
//! A release build has none of this: [`layer`] returns the router as is.

use axum::Router;

/// The environment variable `resuma dev` sets: the build-status file.
#[cfg_attr(not(debug_assertions), allow(dead_code))]
const STATUS_FILE: &str = "RESUMA_DEV_RELOAD";

/// The router with live reload when `resuma dev` runs it (debug builds).
pub(crate) fn layer(router: Router) -> Router {
    #[cfg(debug_assertions)]
    {
        if let Some(file) = std::env::var_os(STATUS_FILE).filter(|f| !f.is_empty()) {
            return enabled::layer(router, file.into());
        }
    }
    router
}

#[cfg(debug_assertions)]
mod enabled {
    use std::convert::Infallible;
    use std::path::PathBuf;
    use std::sync::Arc;
    use std::time::Duration;

    use axum::body::{Body, Bytes};
    use axum::extract::Request;
    use axum::http::{header, HeaderValue};
    use axum::middleware::Next;
    use axum::response::Response;
    use axum::routing::get;
    use axum::Router;
    use futures_util::StreamExt;

    /// The page side: reconnects on its own (EventSource), reloads when the
    /// server changed, shows or hides the error overlay. `textContent`
    /// only: the compiler's text is never parsed as HTML.
    const SCRIPT: &str = r#"(()=>{let server=null,box=null;
const events=new EventSource('/_resuma/dev/events');
events.addEventListener('status',e=>{const s=JSON.parse(e.data);
if(server===null)server=s.server;else if(s.server!==server)return location.reload();
if(!s.error){if(box){box.remove();box=null}return}
if(!box){box=document.createElement('div');box.id='resuma-dev-overlay';box.setAttribute('role','alert');
Object.assign(box.style,{position:'fixed',inset:'0',zIndex:'2147483647',overflow:'auto',background:'rgba(20,0,0,.92)',color:'#fff',font:'14px/1.4 ui-monospace,monospace',padding:'2rem',margin:'0'});
document.body.append(box)}
box.replaceChildren();const title=document.createElement('h2');title.textContent='Build failed: the page shows the last good build';
const first=document.createElement('p');first.textContent=s.error;const details=document.createElement('pre');details.textContent=s.details||'';
box.append(title,first,details)})})();"#;

    pub(super) fn layer(router: Router, status_file: PathBuf) -> Router {
        let file = Arc::new(status_file);
        // A name no other process of this run has.
        let server: Arc<str> = format!(
            "{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        )
        .into();
        router
            .route(
                "/_resuma/dev/events",
                get(move || events(file.clone(), server.clone())),
            )
            .layer(axum::middleware::from_fn(add_script))
    }

    /// The event stream: the status now, then each change of it (polled:
    /// the file changes a few times a minute at most).
    async fn events(file: Arc<PathBuf>, server: Arc<str>) -> Response {
        let state = (file, server, None::<String>);
        let stream = futures_util::stream::unfold(state, |(file, server, last)| async move {
            loop {
                let status = status_json(&file, &server);
                if last.as_deref() != Some(status.as_str()) {
                    // `retry`: reconnect quickly once the next server is up.
                    let event = format!("retry: 250\nevent: status\ndata: {status}\n\n");
                    return Some((Ok::<_, Infallible>(Bytes::from(event)), (file, server, Some(status))));
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        });
        let mut response = Response::new(Body::from_stream(stream));
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }

    /// `{"server":…,"error":…,"details":…}`: the file holds the error's
    /// first line, then the details; empty after a good build.
    fn status_json(file: &std::path::Path, server: &str) -> String {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let (error, details) = text.split_once('\n').unwrap_or((&text, ""));
        let error = error.trim();
        serde_json::json!({
            "server": server,
            "error": (!error.is_empty()).then_some(error),
            "details": details,
        })
        .to_string()
    }

    /// Append the script to HTML responses that carry a CSP nonce. After
    /// the last chunk, so that streamed pages still stream; a script after
    /// `</html>` runs like one in `<body>`.
    async fn add_script(mut request: Request, next: Next) -> Response {
        // Uncompressed, so that the script can be appended as plain text.
        request.headers_mut().remove(header::ACCEPT_ENCODING);
        let response = next.run(request).await;
        let is_html = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        let nonce = response
            .headers()
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .and_then(|csp| csp.split("'nonce-").nth(1))
            .and_then(|rest| rest.split('\'').next())
            .map(str::to_owned);
        let (Some(nonce), true) = (nonce, is_html) else {
            return response;
        };
        let (mut parts, body) = response.into_parts();
        parts.headers.remove(header::CONTENT_LENGTH);
        let script = format!("<script nonce=\"{nonce}\">{SCRIPT}</script>");
        let stream = body
            .into_data_stream()
            .chain(futures_util::stream::once(async move {
                Ok::<_, axum::Error>(Bytes::from(script))
            }));
        Response::from_parts(parts, Body::from_stream(stream))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_status_names_the_server_and_the_error() {
            let file = std::env::temp_dir().join(format!("resuma-dev-status-{}", std::process::id()));
            std::fs::write(&file, "").unwrap();
            let ok: serde_json::Value = serde_json::from_str(&status_json(&file, "s1")).unwrap();
            assert_eq!(ok, serde_json::json!({ "server": "s1", "error": null, "details": "" }));
            std::fs::write(&file, "src/lib.rs:3:5: error: oops\nfull text").unwrap();
            let failed: serde_json::Value = serde_json::from_str(&status_json(&file, "s1")).unwrap();
            assert_eq!(failed["error"], "src/lib.rs:3:5: error: oops");
            assert_eq!(failed["details"], "full text");
            std::fs::remove_file(file).unwrap();
        }
    }
}
