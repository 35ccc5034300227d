//! The client stub's half of the wire (what `#[server]` compiles to on
//! `wasm32`): `server_fn::client::call` posts the arguments by name as JSON
//! through an installed transport and decodes the result or the JSON error.
//! Here the transport is a plain TCP client to a real server on 127.0.0.1,
//! carrying the session cookie, CSRF token and Origin a browser would send.

use std::net::SocketAddr;
use std::sync::OnceLock;

use resuma::prelude::*;
use resuma::server_fn::client::{self, ClientRequest, TransportResult};
use resuma::server_fn::Security;
use resuma_test_support as support;

#[server]
async fn divide(a: i32, b: i32) -> Result<i32, ServerFnError> {
    if b == 0 {
        return Err(ServerFnError::custom(
            "division_by_zero",
            StatusCode::UNPROCESSABLE_ENTITY,
            "cannot divide by zero",
        ));
    }
    Ok(a / b)
}

#[derive(serde::Serialize)]
struct DivideArgs {
    a: i32,
    b: i32,
}

/// The server and the browser state the transport sends with each call.
static TARGET: OnceLock<(SocketAddr, String, String)> = OnceLock::new();

fn transport(
    request: ClientRequest,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = TransportResult>>> {
    Box::pin(async move {
        let (addr, cookie, token) = TARGET.get().ok_or("no server yet")?;
        let origin = format!("http://{addr}");
        let r = support::request(
            *addr,
            "POST",
            request.path,
            &[
                ("content-type", "application/json"),
                ("cookie", cookie),
                ("x-resuma-csrf", token),
                ("origin", &origin),
            ],
            request.body.as_bytes(),
        )
        .await;
        Ok((r.status, r.body))
    })
}

#[tokio::test]
async fn client_stub_round_trip_and_errors() {
    // Before a transport is installed the stub says how to fix it.
    let e = client::call::<_, i32>("/_resuma/action/divide", &DivideArgs { a: 1, b: 1 })
        .await
        .unwrap_err();
    assert_eq!(e.kind, "no_transport");

    let app = App::new()
        .page("/", "Home", || view! { <p>"home"</p> })
        .security(Security::default().secret(vec![5; 32]));
    let addr = support::start(app).await;
    let page = support::get(addr, "/", &[]).await;
    let support::Session { cookie, token } = support::Session::from_page(&page);
    TARGET.set((addr, cookie, token)).unwrap();
    client::set_transport(transport);

    let ok: Result<i32, ServerFnError> =
        client::call("/_resuma/action/divide", &DivideArgs { a: 7, b: 2 }).await;
    assert_eq!(ok, Ok(3));
    let err = client::call::<_, i32>("/_resuma/action/divide", &DivideArgs { a: 7, b: 0 })
        .await
        .unwrap_err();
    assert_eq!(
        (
            err.kind.as_str(),
            err.message.as_str(),
            err.status().as_u16()
        ),
        ("division_by_zero", "cannot divide by zero", 422)
    );
    let missing = client::call::<_, i32>("/_resuma/action/nope", &DivideArgs { a: 1, b: 1 })
        .await
        .unwrap_err();
    assert_eq!(
        (missing.kind.as_str(), missing.status().as_u16()),
        ("not_found", 404)
    );
    // A result of the wrong type is a decoding error on the client side.
    let wrong = client::call::<_, String>("/_resuma/action/divide", &DivideArgs { a: 1, b: 1 })
        .await
        .unwrap_err();
    assert_eq!(wrong.kind, "client");
}
