//! Two server functions with the same path are a start-up error with a clear
//! message (its own test binary: link-time registration is per binary, and
//! this conflict would stop every other test's app from starting).

use resuma::prelude::*;

#[server(endpoint = "shared")]
async fn first() -> Result<u8, ServerFnError> {
    Ok(1)
}

#[server(endpoint = "shared")]
async fn second() -> Result<u8, ServerFnError> {
    Ok(2)
}

#[test]
fn duplicate_paths_stop_the_app_from_starting() {
    let panic = std::panic::catch_unwind(|| App::new().register::<first>().into_router())
        .expect_err("must not start");
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.starts_with("Resuma cannot start:"), "{message}");
    assert!(
        message.contains("both use the path /_resuma/action/shared"),
        "{message}"
    );
    assert!(
        message.contains("`first`") && message.contains("`second`"),
        "{message}"
    );
}

#[tokio::test]
async fn direct_calls_still_work() {
    assert_eq!(first().await, Ok(1));
    assert_eq!(second().await, Ok(2));
}
