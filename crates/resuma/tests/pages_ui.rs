//! `resuma::pages!` misuse is a compile error in plain words: a page file
//! named outside the scheme, a loader that does not return
//! `Result<Data, E>`, a route parameter that no `Path(...)` argument of
//! the loader receives. Expected messages are in `pages_ui/*.stderr`;
//! regenerate them with `TRYBUILD=overwrite` and review.

#[test]
fn pages_compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/pages_ui/*.rs");
}
