//! Compile-fail tests: every construct rs2js cannot translate is a compile
//! error with a plain sentence at the exact span (checked by trybuild
//! against the `.stderr` files in `tests/ui`).

#[test]
fn unsupported_constructs_are_compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
