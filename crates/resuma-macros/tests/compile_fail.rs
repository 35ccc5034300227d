//! Compile-fail tests: every template error is reported at the offending
//! token with a plain sentence. Expected messages live next to each case in
//! `ui/*.stderr`; regenerate them with `TRYBUILD=overwrite` and review.

#[test]
fn view_and_component_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
