//! The pages over real HTTP: the app on a free port, one GET per page.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test]
async fn pages_answer_inside_the_layout() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(resuma::serve_on(listener, {{crate}}::app()));

    let home = get(addr, "/").await;
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    assert!(home.contains("<h1>Welcome to {{name}}</h1>"), "{home}");
    assert!(home.contains("aria-label=\"Main\""), "{home}");

    let about = get(addr, "/about").await;
    assert!(about.starts_with("HTTP/1.1 200"), "{about}");
    assert!(about.contains("<title>About</title>"), "{about}");

    let missing = get(addr, "/no-such-page").await;
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
}
