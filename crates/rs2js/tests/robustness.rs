//! Generated programs: whatever rs2js is given, it must either translate
//! to JS that parses, or return an error — never panic, never emit broken
//! JS. Expressions are built from a small grammar of the supported subset
//! plus some unsupported pieces.

use proptest::prelude::*;

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

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_emits_valid_js(e in int_expr()) {
        let _ = translate(&e);
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
