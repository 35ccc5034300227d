//! The home page over real HTTP: the app on a free port, one GET of `/`.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn home_page_has_the_heading_and_the_counter() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(resuma::serve_on(listener, {{crate}}::app()));

    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();

    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("<h1>Welcome to {{name}}</h1>"), "{response}");
    assert!(response.contains("Count: "), "{response}");
}
