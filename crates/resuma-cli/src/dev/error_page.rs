//! While no build of the app has succeeded yet there is no server to show
//! the compile error over its page, so `resuma dev` answers on the app's
//! address itself: every request gets a 503 page with the error, its file
//! and line first. The page asks the address again twice a second and
//! reloads when the answer is the app (a 2xx) or another error; a refused
//! connection, between this server stopping and the app listening, is
//! only skipped, so the page never lands on the browser's own error page.
//!
//! Plain `std::net`: a page at a time on a development machine. The page
//! is served without a CSP, so its one inline script needs no nonce.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the accept loop looks whether it should stop.
const STOP_CHECK: Duration = Duration::from_millis(50);

/// The header that numbers the error shown, so the page can tell a new one.
const ERROR_HEADER: &str = "x-resuma-build-error";

/// The error on show: its number (one more for every failed build) and page.
struct Shown {
    number: u32,
    html: String,
}

/// The error server; [`ErrorPage::stop`] frees the address for the app.
pub struct ErrorPage {
    page: Arc<Mutex<Shown>>,
    stopping: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl ErrorPage {
    /// Serve `summary` and `details` on `addr` (`HOST:PORT`).
    pub fn start(addr: &str, summary: &str, details: &str) -> Result<ErrorPage, String> {
        let listener = TcpListener::bind(addr)
            .map_err(|e| format!("cannot listen on {addr} to show the build error: {e}"))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let page = Arc::new(Mutex::new(Shown {
            number: 1,
            html: render(1, summary, details),
        }));
        let stopping = Arc::new(AtomicBool::new(false));
        let thread = {
            let (page, stopping) = (page.clone(), stopping.clone());
            std::thread::spawn(move || accept_until_stopped(listener, &page, &stopping))
        };
        Ok(ErrorPage {
            page,
            stopping,
            thread: Some(thread),
        })
    }

    /// Show another error (a later build failed too).
    pub fn update(&self, summary: &str, details: &str) {
        let mut shown = self.page.lock().unwrap_or_else(|e| e.into_inner());
        shown.number += 1;
        shown.html = render(shown.number, summary, details);
    }

    /// Stop serving and close the listener.
    pub fn stop(mut self) {
        self.stopping.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn accept_until_stopped(listener: TcpListener, page: &Mutex<Shown>, stopping: &AtomicBool) {
    while !stopping.load(Ordering::Relaxed) {
        match listener.accept() {
            Ok((stream, _)) => {
                let (number, html) = {
                    let shown = page.lock().unwrap_or_else(|e| e.into_inner());
                    (shown.number, shown.html.clone())
                };
                // A client that goes away mid-answer is no concern here.
                let _ = answer(stream, number, &html);
            }
            // Nothing to accept yet (WouldBlock), or a failed accept: wait.
            Err(_) => std::thread::sleep(STOP_CHECK),
        }
    }
}

/// Read what the client sent (up to the end of its headers, or a moment),
/// then answer 503 with the page and close.
fn answer(mut stream: TcpStream, number: u32, html: &str) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_millis(500)))?;
    let mut request = Vec::new();
    let mut buf = [0u8; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 16 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    write!(
        stream,
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html; charset=utf-8\r\n\
         Content-Length: {}\r\nCache-Control: no-store\r\n{ERROR_HEADER}: {number}\r\n\
         Connection: close\r\n\r\n{html}",
        html.len()
    )?;
    stream.flush()
}

/// The page: the first error line, rustc's full text below it, both
/// escaped, and the script that reloads it when the answer changes.
fn render(number: u32, summary: &str, details: &str) -> String {
    let mut summary_html = String::new();
    resuma::escape::text_into(&mut summary_html, summary);
    let mut details_html = String::new();
    resuma::escape::text_into(&mut details_html, details);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <link rel=\"icon\" href=\"data:,\"><title>Build failed</title></head>\
         <body style=\"margin:0;background:#1a0000;color:#fff;font:14px/1.4 ui-monospace,monospace\">\
         <div id=\"resuma-dev-overlay\" role=\"alert\" style=\"padding:2rem\">\
         <h2>Build failed: the app has not built yet</h2><p>{summary_html}</p>\
         <pre>{details_html}</pre></div>\
         <script>setInterval(()=>fetch(location.href,{{cache:'no-store'}}).then(r=>{{\
         if(r.ok||r.headers.get('{ERROR_HEADER}')!=='{number}')location.reload()}},()=>{{}}),500)</script>\
         </body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_escapes_the_compiler_text_and_answers_503_until_stopped() {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr = format!("127.0.0.1:{port}");
        let server = ErrorPage::start(&addr, "src/lib.rs:3:5: <oops>", "details & more").unwrap();
        let get = || {
            let mut stream = TcpStream::connect(&addr).unwrap();
            stream
                .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                .unwrap();
            let mut response = String::new();
            stream.read_to_string(&mut response).unwrap();
            response
        };
        let response = get();
        assert!(response.starts_with("HTTP/1.1 503"), "{response}");
        assert!(
            response.contains("x-resuma-build-error: 1\r\n"),
            "{response}"
        );
        assert!(
            response.contains("src/lib.rs:3:5: &lt;oops&gt;"),
            "{response}"
        );
        assert!(response.contains("details &amp; more"), "{response}");

        server.update("src/main.rs:9:1: second", "");
        let response = get();
        assert!(response.contains("src/main.rs:9:1: second"), "{response}");
        assert!(
            response.contains("x-resuma-build-error: 2\r\n"),
            "{response}"
        );

        server.stop();
        // The address is free again for the app.
        TcpListener::bind(&addr).expect("the port is free after stop");
    }
}
