//! Random programs: 300 functions generated at compile time by
//! `rs2js_testmacro::random_programs!` from a grammar of the supported
//! subset, compiled as Rust and translated from the same text.

use proptest::prelude::*;

use crate::harness::{run_group, run_rust, Case};

rs2js_testmacro::random_programs!(300, 2026);

fn edge() -> impl Strategy<Value = i32> {
    prop_oneof![
        -20i32..20,
        any::<i32>(),
        Just(i32::MIN),
        Just(i32::MAX),
        Just(0)
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-c ,0-9-]{0,8}", " *-?[0-9]{1,4} *", "\\PC{0,5}"]
}

pub fn cases() -> Vec<Case> {
    GENERATED
        .iter()
        .map(|&(name, src, f)| Case {
            name,
            src,
            run: Box::new(move |runner, n| {
                run_rust(runner, n, (edge(), edge(), text()), move |(a, b, s)| {
                    f(a, b, s)
                })
            }),
        })
        .collect()
}

#[test]
fn generated() {
    run_group("generated", "", cases(), 64);
}
