//! Differential tests: Rust and its rs2js translation agree on generated
//! inputs. One test per group; each group runs its JS in one Node process.

#[path = "../common/mod.rs"]
mod common;
#[macro_use]
mod harness;

mod control;
mod derived;
mod floats;
mod fmt;
mod generated;
mod ints;
mod iters;
mod more;
mod options;
mod rows;
mod strings;
mod types;
mod unknown;
mod vecs;

/// The total number of distinct cases (the issue asks for at least 150).
#[test]
fn case_count() {
    let n = control::cases().len()
        + derived::cases().len()
        + rows::cases().len()
        + floats::cases().len()
        + fmt::cases().len()
        + ints::cases().len()
        + iters::cases().len()
        + more::cases().len()
        + options::cases().len()
        + strings::cases().len()
        + strings::char_cases().len()
        + types::cases().len()
        + unknown::cases().len()
        + vecs::cases().len();
    eprintln!("{n} differential cases");
    assert!(n >= 150, "only {n} differential cases");
}

/// The harness itself must catch a disagreement: here the Rust function
/// that runs is not the one whose source is translated.
#[test]
fn harness_detects_a_mismatch() {
    use proptest::prelude::*;
    fn real(a: i32) -> i32 {
        a / 2
    }
    let case = harness::Case {
        name: "halve",
        src: "fn halve(a: i32) -> i32 { a * 2 }",
        run: Box::new(|runner, n| harness::run_rust(runner, n, (1i32..100,), |(a,)| real(a))),
    };
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        harness::run_group("self-test", "", vec![case], 8)
    }));
    assert!(r.is_err(), "a wrong translation must fail the group");
    let _ = any::<i32>();
}
