//! Generated programs: whatever rs2js is given, it must either translate
//! to JS that parses, or return an error — never panic, never emit broken
//! JS. Expressions are built from a small grammar of the supported subset
//! plus some unsupported pieces, then also mutated token by token, and fed
//! both as plain functions and as `view!` handlers (the path the macros
//! use). Bounded and seeded: the same cases run on every machine unless
//! `PROPTEST_RNG_SEED` says otherwise.

use proptest::prelude::*;
use proptest::test_runner::RngSeed;

/// `cases` cases from a fixed seed (or the one `PROPTEST_RNG_SEED` names).
fn config(cases: u32) -> ProptestConfig {
    let default = ProptestConfig::default();
    let rng_seed = match default.rng_seed {
        RngSeed::Random => RngSeed::Fixed(0x2a5_1e55),
        seed => seed,
    };
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed,
        ..default
    }
}

fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_string()),
        Just("b".to_string()),
        (-5i32..50).prop_map(|n| n.to_string()),
        Just("v.len() as i32".to_string()),
        Just("s.len() as i32".to_string()),
        Just("(a as u8) as i32".to_string()),
        Just("i32::MAX".to_string()),
        Just("o.unwrap_or(3)".to_string()),
    ]
}

fn int_expr() -> impl Strategy<Value = String> {
    leaf().prop_recursive(4, 40, 3, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"]),
                inner.clone()
            )
                .prop_map(|(x, op, y)| format!("({x} {op} {y})")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(c, x, y)| format!("(if {c} > 0 {{ {x} }} else {{ {y} }})")),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| format!(
                "(match {x} {{ 0 => {y}, 1..=9 => 2, n if n < 0 => -n, _ => {x} }})"
            )),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| format!("{{ let t = {x}; t * {y} }}")),
            inner
                .clone()
                .prop_map(|x| format!("v.iter().map(|e| e + {x}).sum::<i32>()")),
            inner
                .clone()
                .prop_map(|x| format!("(0..3).fold({x}, |acc, i| acc - i)")),
            inner.clone().prop_map(|x| format!("{x}.abs()")),
            inner.clone().prop_map(|x| format!("{x}.pow(2)")),
            inner
                .clone()
                .prop_map(|x| format!("format!(\"{{:>4}}\", {x}).len() as i32")),
            inner
                .clone()
                .prop_map(|x| format!("{{ let mut w = v.clone(); w.push({x}); w[0] }}")),
            inner
                .clone()
                .prop_map(|x| format!("loop {{ if {x} > 3 {{ break 1; }} break 2; }}")),
            inner
                .clone()
                .prop_map(|x| format!("Some({x}).map(|y| y * 2).unwrap_or(0)")),
            inner.clone().prop_map(|x| format!("(({x}, 1).0)")),
            inner
                .clone()
                .prop_map(|x| format!("{x}.sin_cos_is_not_supported()")),
            inner.prop_map(|x| format!("unsafe {{ {x} }}")),
        ]
    })
}

fn translate(body: &str) -> Result<String, String> {
    let src =
        format!("fn f(a: i32, b: i32, v: Vec<i32>, s: String, o: Option<i32>) -> i32 {{ {body} }}");
    let f: syn::ItemFn = match syn::parse_str(&src) {
        Ok(f) => f,
        Err(e) => return Err(format!("parse: {e}")),
    };
    let r = std::panic::catch_unwind(|| {
        rs2js::translate_fn(&f, &[]).map(|t| (t.module_source(), t.module_source_compact()))
    });
    match r {
        Err(_) => panic!("rs2js panicked on:\n{src}"),
        Ok(Err(e)) => Err(e.to_string()),
        Ok(Ok((js, min))) => {
            for m in [&js, &min] {
                if let Err(e) = rs2js::check_js(m) {
                    panic!("rs2js emitted invalid JS ({e}) for:\n{src}\n{m}");
                }
            }
            Ok(js)
        }
    }
}

/// The same expression as the body of a click handler, with the variables
/// the grammar uses declared inside it and a signal `n` captured.
fn translate_as_handler(body: &str) -> Result<String, String> {
    let src = format!(
        "move |_| {{ let a = 3; let b = -2; let v = vec![1, 2, 3]; let s = String::from(\"hi\"); \
         let o = Some(4); n.set({body}); }}"
    );
    let closure: syn::ExprClosure = match syn::parse_str(&src) {
        Ok(c) => c,
        Err(e) => return Err(format!("parse: {e}")),
    };
    let r = std::panic::catch_unwind(|| {
        rs2js::translate_handler(&closure).map(|h| (h.js, h.js_compact))
    });
    match r {
        Err(_) => panic!("rs2js panicked on the handler:\n{src}"),
        Ok(Err(e)) => Err(e.to_string()),
        Ok(Ok((js, compact))) => {
            for form in [&js, &compact] {
                if let Err(e) = rs2js::check_js(&format!("const h0 = {form};")) {
                    panic!("rs2js emitted an invalid handler ({e}) for:\n{src}\n{form}");
                }
            }
            Ok(js)
        }
    }
}

/// Pieces of Rust inserted at random places: each is valid somewhere, and
/// most make the program something rs2js must refuse cleanly.
const MUTATIONS: &[&str] = &[
    "?",
    ".await",
    "&mut ",
    "&",
    "*",
    "'a ",
    "::<i64>",
    "..",
    "..=",
    "|x| ",
    "as u64",
    "as f32",
    " as char",
    "!",
    "-",
    ";",
    ",",
    "(",
    ")",
    "{",
    "}",
    "[0]",
    ".0",
    ".clone()",
    ".unwrap()",
    "return ",
    "break ",
    "0u8",
    "1e9",
    "i64::MIN",
    "\"s\"",
    "'c'",
    "None",
    "Err(1)",
    "async ",
    "move ",
    "loop {}",
    "x",
    "_",
];

/// `body` with `edits` random (position, insertion or deletion) edits.
fn mutated() -> impl Strategy<Value = String> {
    (
        int_expr(),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                prop::option::of(prop::sample::select(MUTATIONS)),
            ),
            1..4,
        ),
    )
        .prop_map(|(body, edits)| {
            let mut text: Vec<char> = body.chars().collect();
            for (at, insert) in edits {
                let i = at.index(text.len() + 1);
                match insert {
                    Some(piece) => {
                        let tail = text.split_off(i);
                        text.extend(piece.chars());
                        text.extend(tail);
                    }
                    None if i < text.len() => {
                        text.remove(i);
                    }
                    None => {}
                }
            }
            text.into_iter().collect()
        })
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn never_panics_and_emits_valid_js(e in int_expr()) {
        let _ = translate(&e);
    }

    #[test]
    fn handlers_never_panic(e in int_expr()) {
        let _ = translate_as_handler(&e);
    }

    #[test]
    fn mutated_programs_never_panic_or_emit_broken_js(e in mutated()) {
        let _ = translate(&e);
        let _ = translate_as_handler(&e);
    }
}

/// Errors are plain sentences, not AST dumps.
#[test]
fn errors_are_sentences() {
    let e = translate("unsafe { a }").unwrap_err();
    assert!(
        e.starts_with("rs2js cannot translate an `unsafe` block"),
        "{e}"
    );
    assert!(!e.contains("Expr"), "{e}");
}

/// The grammar mostly produces programs rs2js accepts (so the property
/// above exercises the emitter, not just error paths).
#[test]
fn most_generated_programs_translate() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut ok, mut n) = (0, 0);
    for _ in 0..200 {
        let e = int_expr().new_tree(&mut runner).unwrap().current();
        n += 1;
        if translate(&e).is_ok() {
            ok += 1;
        }
    }
    eprintln!("{ok} of {n} generated programs translated");
    assert!(ok * 3 > n, "only {ok} of {n} translated");
}

/// Handlers built from the grammar mostly translate too, so the handler
/// property exercises the handler path, not just its error messages.
#[test]
fn most_generated_handlers_translate() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut ok, mut n) = (0, 0);
    for _ in 0..200 {
        let e = int_expr().new_tree(&mut runner).unwrap().current();
        n += 1;
        if translate_as_handler(&e).is_ok() {
            ok += 1;
        }
    }
    eprintln!("{ok} of {n} generated handlers translated");
    assert!(ok * 3 > n, "only {ok} of {n} translated");
}

/// A good part of the mutated programs still parse as Rust, so the
/// mutation property reaches the translator (not only syn's parser).
#[test]
fn many_mutated_programs_reach_the_translator() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut reached, n) = (0, 300);
    for _ in 0..n {
        let e = mutated().new_tree(&mut runner).unwrap().current();
        if !matches!(translate(&e), Err(m) if m.starts_with("parse:")) {
            reached += 1;
        }
    }
    eprintln!("{reached} of {n} mutated programs parsed and reached rs2js");
    assert!(
        reached * 5 > n,
        "only {reached} of {n} mutated programs parsed"
    );
}
