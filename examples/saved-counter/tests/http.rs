//! The saved counter over real HTTP, natively: clicks are saved to the
//! directory store and a new visitor sees them; a failing store is a 503
//! JSON error and the page still renders.

use resuma::kv::KeyValue;
use resuma_test_support as support;

fn temp_store(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("saved-counter-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[tokio::test]
async fn clicks_are_saved_and_survive_a_restart() {
    let dir = temp_store("persist");
    let addr = support::start(saved_counter::app_with(KeyValue::dir(&dir).unwrap())).await;
    let visitor = support::session(addr).await;
    for expected in 1..=3 {
        let reply = support::post_json(addr, &visitor, "/_resuma/action/save_click", b"[]").await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        assert_eq!(reply.text(), expected.to_string());
    }
    // Another server on the same directory (a restart, or another
    // instance) renders the saved count for a new visitor.
    let again = support::start(saved_counter::app_with(KeyValue::dir(&dir).unwrap())).await;
    let page = support::get(again, "/", &[]).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("<h1>Saved counter</h1>"), "{html}");
    assert!(
        html.contains("Click Me: <!--r:"),
        "the count is bound: {html}"
    );
    assert!(
        html.contains("-->3</button>"),
        "the saved count is rendered: {html}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_failing_store_is_a_503_and_the_page_still_renders() {
    let dir = temp_store("broken");
    let addr = support::start(saved_counter::app_with(KeyValue::dir(&dir).unwrap())).await;
    let visitor = support::session(addr).await;
    // The count's key is a directory: it can be neither read nor replaced.
    std::fs::create_dir_all(dir.join("clicks").join("blocker")).unwrap();
    std::fs::write(dir.join("clicks").join("blocker").join("x"), b"").unwrap();
    let reply = support::post_json(addr, &visitor, "/_resuma/action/save_click", b"[]").await;
    assert_eq!(reply.status, 503, "{}", reply.text());
    let error: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(error["error"]["kind"], "storage");
    assert!(
        !reply.text().contains(&*dir.to_string_lossy()),
        "no server path leaks: {}",
        reply.text()
    );
    let page = support::get(addr, "/", &[]).await;
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains("cannot be read right now"),
        "{}",
        page.text()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
