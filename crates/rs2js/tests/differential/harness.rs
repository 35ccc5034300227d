//! The differential harness: each case is a Rust function compiled into
//! this test binary *and* translated by rs2js from the same source text.
//! Both run on the same proptest-generated inputs (the JS in one Node
//! process per group); results, including panics versus thrown errors,
//! must agree exactly.

use std::panic::AssertUnwindSafe;

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::Value;

/// Outcome of one call: a JSON value or a panic.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Ok(Value),
    Panic,
}

/// Runs a case's Rust function on `n` generated inputs.
pub type RunRust = Box<dyn Fn(&mut TestRunner, usize) -> Vec<(Value, Outcome)>>;

/// One differential case.
pub struct Case {
    pub name: &'static str,
    pub src: &'static str,
    /// Runs the Rust function on `n` generated inputs.
    pub run: RunRust,
}

/// Generates `n` inputs from `strat` and runs `f` on each, catching panics.
pub fn run_rust<T, S, R>(
    runner: &mut TestRunner,
    n: usize,
    strat: S,
    f: impl Fn(T) -> R,
) -> Vec<(Value, Outcome)>
where
    S: Strategy<Value = T>,
    T: serde::Serialize + Clone,
    R: serde::Serialize,
{
    let mut rows = Vec::new();
    for _ in 0..n {
        let input = strat.new_tree(runner).expect("strategy").current();
        let json = serde_json::to_value(&input).expect("inputs serialise");
        let out = std::panic::catch_unwind(AssertUnwindSafe(|| f(input.clone())));
        let outcome = match out {
            Ok(v) => Outcome::Ok(serde_json::to_value(&v).expect("results serialise")),
            Err(_) => Outcome::Panic,
        };
        rows.push((json, outcome));
    }
    rows
}

/// Defines a case: the function is compiled as Rust and its source text
/// is kept for translation.
#[macro_export]
macro_rules! case {
    ($strat:expr, fn $name:ident($($arg:ident : $t:ty),* $(,)?) -> $ret:ty $body:block) => {{
        #[allow(unused_mut, unused_variables, for_loops_over_fallibles, clippy::all)]
        fn $name($($arg: $t),*) -> $ret $body
        $crate::harness::Case {
            name: stringify!($name),
            src: stringify!(fn $name($($arg: $t),*) -> $ret $body),
            run: Box::new(move |runner, n| {
                $crate::harness::run_rust(runner, n, $strat, |($($arg,)*)| $name($($arg),*))
            }),
        }
    }};
}

/// Numbers compare by value (Rust prints `1.0`, JS `1`); everything else
/// structurally.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// Runs a group of cases: translate all, run all JS in one Node process,
/// compare. Panics with a report of every failing case.
pub fn run_group(group: &str, items_src: &str, cases: Vec<Case>, inputs_per_case: usize) {
    // `RS2JS_DIFF_SCALE=20 cargo test ...` runs 20 times more inputs.
    let scale: usize = std::env::var("RS2JS_DIFF_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let inputs_per_case = inputs_per_case * scale.max(1);
    let items: Vec<syn::Item> = syn::parse_file(items_src).expect("items parse").items;
    let mut runner = TestRunner::deterministic();
    let mut failures = Vec::new();
    let mut files: Vec<(String, String)> = Vec::new();
    let mut driver = String::from("const results = [];\nconst enc = v => JSON.parse(JSON.stringify(v, (k, x) => x === undefined ? null : x));\n");
    let mut expected = Vec::new();
    let mut names = std::collections::HashSet::new();
    for (i, case) in cases.iter().enumerate() {
        assert!(names.insert(case.name), "duplicate case name {}", case.name);
        let f: syn::ItemFn =
            syn::parse_str(case.src).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let t = match rs2js::translate_fn(&f, &items) {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!("{}: translation failed: {e}", case.name));
                expected.push(None);
                driver.push_str("results.push(null, null);\n");
                continue;
            }
        };
        let module = t.module_source();
        let compact = t.module_source_compact();
        for m in [&module, &compact] {
            if let Err(e) = rs2js::check_js(m) {
                failures.push(format!(
                    "{}: emitted JS does not parse: {e}\n{m}",
                    case.name
                ));
            }
        }
        let rows = (case.run)(&mut runner, inputs_per_case);
        let inputs: Vec<&Value> = rows.iter().map(|(i, _)| i).collect();
        files.push((format!("c{i}.mjs"), module));
        files.push((format!("m{i}.mjs"), compact));
        // Both the readable and the compact form run on every input.
        for file in [format!("c{i}.mjs"), format!("m{i}.mjs")] {
            driver.push_str(&format!(
                "{{ const m = await import('./{file}'); const ins = {}; results.push(ins.map(a => {{ try {{ return {{ ok: enc(m.{}(...a)) }}; }} catch (x) {{ return x && x.constructor === Error ? {{ panic: x.message }} : {{ jserror: String(x) }}; }} }})); }}\n",
                serde_json::to_string(&inputs).unwrap(),
                case.name
            ));
        }
        expected.push(Some(rows));
    }
    driver.push_str("console.log(JSON.stringify(results));\n");
    let mut all: Vec<(&str, String)> = files.iter().map(|(n, s)| (n.as_str(), s.clone())).collect();
    all.push(("main.mjs", driver));
    let out = crate::common::run_node(&all);
    let results: Vec<Value> = serde_json::from_str(out.trim()).expect("driver output is JSON");
    let mut checked = 0;
    for (i, case) in cases.iter().enumerate() {
        let Some(rows) = &expected[i] else { continue };
        for (k, form) in ["c", "m"].iter().enumerate() {
            let got = results[2 * i + k].as_array().expect("per-case results");
            let module = &files
                .iter()
                .find(|(n, _)| *n == format!("{form}{i}.mjs"))
                .unwrap()
                .1;
            for ((input, want), g) in rows.iter().zip(got) {
                let ok = match (want, g.get("ok"), g.get("panic")) {
                    (Outcome::Ok(w), Some(v), _) => same(w, v),
                    (Outcome::Panic, _, Some(_)) => true,
                    _ => false,
                };
                if !ok {
                    failures.push(format!(
                        "{}: input {input}: Rust gave {want:?}, JS gave {g}\n--- JS ---\n{module}",
                        case.name
                    ));
                    break;
                }
                checked += 1;
            }
        }
    }
    eprintln!(
        "[{group}] {} cases, {checked} input rows agree",
        cases.len()
    );
    if !failures.is_empty() {
        panic!(
            "{} of {} cases in {group} failed:\n\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n\n")
        );
    }
}
