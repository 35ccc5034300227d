//! The counter's server-rendered pages pass the Nu HTML checker.
//!
//! Needs Java and the `vnu-jar` npm package (`npm ci` at the repository root;
//! `./scripts/test-all` does both).

use resuma_test_support as support;

#[tokio::test]
async fn pages_pass_the_nu_html_checker() {
    let addr = support::start(counter::app().unwrap()).await;
    let home = support::get(addr, "/", &[]).await;
    let one = support::get(addr, "/one-button", &[]).await;
    let about = support::get(addr, "/about", &[]).await;
    assert_eq!((home.status, one.status, about.status), (200, 200, 200));
    support::assert_valid_html(&[
        ("home.html", &home.body),
        ("one-button.html", &one.body),
        ("about.html", &about.body),
    ]);
}
