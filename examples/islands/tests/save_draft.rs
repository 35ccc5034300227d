//! `save_draft` is defined in the island's crate (`markdown-preview`), which
//! the server only links: linking it must be enough to register the
//! function, and it answers over HTTP as the island's stub expects
//! (the browser side is tests/e2e/islands.test.mjs).

use resuma::App;
use resuma_test_support as support;

#[tokio::test]
async fn the_shared_save_draft_is_registered_and_answers_over_http() {
    let served = resuma::server_fn::registered()
        .find(|d| d.name == "save_draft")
        .expect("linking markdown-preview registers save_draft");
    assert_eq!(served.path, "/_resuma/action/save_draft");
    // The example's own app needs built islands; any app serves what is registered.
    let addr = support::start(App::new().page("/", "Home", || "home")).await;
    let session = support::session(addr).await;

    let saved = support::post_json(addr, &session, served.path, br#"{"markdown":"one two"}"#).await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let saved: islands_example::SavedDraft = serde_json::from_slice(&saved.body).unwrap();
    assert_eq!((saved.words, saved.bytes, saved.digest.len()), (2, 7, 12));

    let body = serde_json::to_vec(&serde_json::json!({ "markdown": "x".repeat(20_000) })).unwrap();
    let refused = support::post_json(addr, &session, served.path, &body).await;
    assert_eq!(refused.status, 413);
    assert_eq!(
        refused.text(),
        r#"{"error":{"kind":"too_large","message":"a draft holds at most 16384 bytes, this one has 20000"}}"#
    );
}
