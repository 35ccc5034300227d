//! `#[server]` misuse is a compile error that says what to write instead.

#[test]
fn server_fn_compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/server_fn_ui/*.rs");
}
