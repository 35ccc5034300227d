//! The app over real HTTP, on a fresh database file: the list page, and a
//! todo added by a plain form post (as a browser without JavaScript does).

use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn send(addr: std::net::SocketAddr, request: String) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

async fn get(addr: std::net::SocketAddr, path: &str) -> String {
    send(addr, format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")).await
}

#[tokio::test]
async fn the_list_page_answers_and_shows_an_added_todo() {
    let file = std::env::temp_dir().join(format!("{{crate}}-test-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&file);
    let pool = {{crate}}::db::connect(&format!("sqlite://{}", file.display())).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(resuma::serve_on(listener, {{crate}}::app(pool)));

    let page = get(addr, "/").await;
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("<h1>Todos</h1>"), "{page}");

    // The form carries the CSRF token bound to the session cookie.
    let cookie = page
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("a session cookie");
    let token = page
        .split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF field in the form");
    let body = format!("_csrf={token}&title=Water+the+plants");
    let posted = send(
        addr,
        format!(
            "POST /_resuma/action/add_todo HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nCookie: {cookie}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
    .await;
    let status = posted.get(9..10).unwrap_or_default();
    assert!(status == "2" || status == "3", "{posted}");

    let page = get(addr, "/").await;
    assert!(page.contains("Water the plants"), "{page}");
    let _ = std::fs::remove_file(&file);
}
