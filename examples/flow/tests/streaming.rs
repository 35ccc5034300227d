//! `/slow` streams: the layout and the fallback arrive at once, the slow
//! block about a second later in the same response, placed by a script
//! carrying the page's CSP nonce; the state and loader scripts come last.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn the_shell_arrives_well_before_the_slow_part() {
    let addr = resuma_test_support::start(flow::app()).await;
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    // Accept-Encoding as a browser sends it: a streamed page must not be
    // held back by the compression layer.
    let request = format!(
        "GET /slow HTTP/1.1\r\nHost: {addr}\r\nAccept-Encoding: gzip, br\r\nConnection: close\r\n\r\n"
    );
    let sent = Instant::now();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    let mut first_part = None;
    let mut buf = [0u8; 16384];
    loop {
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf))
            .await
            .expect("the response ends within 10 s")
            .unwrap();
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        if first_part.is_none() && String::from_utf8_lossy(&raw).contains("Loading the slow data") {
            first_part = Some((sent.elapsed(), raw.clone()));
        }
    }
    let total = sent.elapsed();
    let (shell_at, shell) = first_part.expect("the fallback arrives");
    let shell = String::from_utf8_lossy(&shell).into_owned();
    println!("/slow: shell after {shell_at:?}, whole response after {total:?}");
    assert!(
        shell_at < Duration::from_millis(400),
        "shell after {shell_at:?}"
    );
    assert!(
        total >= Duration::from_millis(950),
        "the slow part waits for its data: {total:?}"
    );
    assert!(
        total - shell_at >= Duration::from_millis(500),
        "{shell_at:?} vs {total:?}"
    );
    assert!(
        shell.contains("<nav aria-label=\"Main\">"),
        "the layout is in the shell"
    );
    assert!(
        !shell.contains("slow data loaded"),
        "the slow part is not in the shell"
    );
    assert!(
        !shell.to_ascii_lowercase().contains("content-encoding"),
        "not compressed: {shell}"
    );

    let page = resuma_test_support::parse_response(&raw);
    assert_eq!(page.status, 200);
    let html = page.text();
    let nonce = page
        .header("content-security-policy")
        .unwrap()
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_owned();
    // The fallback's placeholder, the part, its placing script, in order;
    // then the state and the loader, which end the body.
    let at = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} in {html}"))
    };
    let placeholder = at("<div id=\"r-p0\"><p class=\"fallback\">");
    let part = at("<div id=\"r-c0\"><section aria-label=\"Slow data\"><p>slow data loaded: alpha, beta, gamma</p>");
    let place = at(&format!(
        "<script nonce=\"{nonce}\">document.getElementById(\"r-p0\").replaceWith(document.getElementById(\"r-c0\"))</script>"
    ));
    // The part shows its count (`<!--r:0n-->0`), so the browser reads it
    // from there and the state holds nothing (protocol.md §5).
    let state = at("<script type=\"resuma/state\">{\"s\":{}}</script>");
    let loader = at("data-r-ev=\"click\"");
    assert!(
        placeholder < part && part < place && place < state && state < loader,
        "{html}"
    );
    assert!(html.ends_with("</script></body></html>"), "{html}");
    assert_eq!(
        html.matches("<script type=\"resuma/state\">").count(),
        1,
        "one state script"
    );
}
