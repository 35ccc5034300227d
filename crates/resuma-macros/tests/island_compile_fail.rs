//! Compile-fail tests of `#[island]`: an unknown directive (the message
//! lists the valid ones), a missing one, and a `children` prop (which cannot
//! be sent to the browser) are errors at the offending token. Expected messages are in `ui-island/*.stderr`; regenerate them with
//! `TRYBUILD=overwrite` and review.

#[test]
fn island_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui-island/*.rs");
}
