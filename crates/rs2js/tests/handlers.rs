//! Handler closures end to end: translate, then run the JS against client
//! signals in Node and check the signal values.

mod common;

use rs2js::{translate_handler, CaptureKind, Chunk};

fn closure(src: &str) -> syn::ExprClosure {
    syn::parse_str(src).unwrap()
}

/// Translates the handlers, runs each with the given initial capture
/// values (JSON) `times` times, and returns the final values (JSON).
fn run(handlers: &[(&str, &[&str])], times: usize) -> Vec<String> {
    let mut chunk = Chunk::new();
    let mut driver = String::from("import { signal } from './signal.mjs';\nimport * as m from './chunk.mjs';\nconst out = [];\n");
    for (i, (src, init)) in handlers.iter().enumerate() {
        let h = translate_handler(&closure(src)).unwrap_or_else(|e| panic!("{src}: {e}"));
        assert_eq!(h.captures.len(), init.len(), "{src}");
        let name = chunk.add(h);
        let caps: Vec<String> = init.iter().map(|v| format!("signal({v})")).collect();
        driver.push_str(&format!(
            "{{ const c = [{}]; let err = null; try {{ for (let k = 0; k < {times}; k++) await m.{name}(c, {{ target: {{ value: 'x', checked: true }}, key: 'Enter', preventDefault() {{}} }}, null); }} catch (x) {{ err = x.message; }} out.push(JSON.stringify({{ v: c.map(s => s.v), err }})); }}\n",
            caps.join(", ")
        ));
    }
    driver.push_str("console.log(out.join('\\n'));\n");
    let src = chunk.module_source();
    rs2js::check_js(&src).unwrap();
    common::run_node(&[("signal.mjs", common::SIGNAL_JS.to_string()), ("chunk.mjs", src), ("main.mjs", driver)])
        .lines()
        .map(|s| s.to_string())
        .collect()
}

#[test]
fn counter_set_get_plus_one() {
    let h = translate_handler(&closure("move |_| count.set(count.get() + 1)")).unwrap();
    assert_eq!(h.captures.len(), 1);
    assert_eq!(h.captures[0].name.to_string(), "count");
    assert_eq!(h.captures[0].kind, CaptureKind::Signal);
    let t = h.captures[0].assumed_type.as_ref().expect("assumes i32");
    assert_eq!(quote::quote!(#t).to_string(), ":: resuma :: Signal < i32 >");
    assert!(h.js.starts_with("([count], e, r) =>"), "{}", h.js);
    let out = run(&[("move |_| count.set(count.get() + 1)", &["0"])], 3);
    assert_eq!(out, vec![r#"{"v":[3],"err":null}"#]);
}

#[test]
fn counter_update_in_place() {
    let out = run(&[("move |_| count.update(|n| *n += 1)", &["41"])], 1);
    assert_eq!(out, vec![r#"{"v":[42],"err":null}"#]);
}

#[test]
fn counter_times_step_i32_overflow_panics() {
    let h = translate_handler(&closure("move |_| count.set(count.get() * step)")).unwrap();
    assert_eq!(h.captures.len(), 2);
    assert_eq!(h.captures[0].kind, CaptureKind::Signal);
    assert_eq!(h.captures[1].kind, CaptureKind::Value);
    let t = h.captures[1].assumed_type.as_ref().expect("assumes i32");
    assert_eq!(quote::quote!(#t).to_string(), "i32");
    // Value captures are read through their client signal.
    assert!(h.js.contains("step.get()"), "{}", h.js);
    let out = run(
        &[
            ("move |_| count.set(count.get() * step)", &["3", "5"]),
            ("move |_| count.set(count.get() * step)", &["65536", "65536"]),
        ],
        1,
    );
    assert_eq!(out[0], r#"{"v":[15,5],"err":null}"#);
    assert_eq!(out[1], r#"{"v":[65536,65536],"err":"attempt to multiply with overflow"}"#);
}

#[test]
fn increment_overflow_at_i32_max() {
    let out = run(&[("move |_| count.update(|n| *n += 1)", &["2147483647"])], 1);
    assert_eq!(out, vec![r#"{"v":[2147483647],"err":"attempt to add with overflow"}"#]);
}

#[test]
fn chunk_emits_helpers_once() {
    let mut chunk = Chunk::new();
    for src in ["move |_| count.set(count.get() + 1)", "move |_| count.update(|n| *n += 2)"] {
        chunk.add(translate_handler(&closure(src)).unwrap());
    }
    let m = chunk.module_source();
    assert_eq!(m.matches("const $add_i32 =").count(), 1, "{m}");
    assert_eq!(m.matches("const $ck_i32 =").count(), 1, "{m}");
    assert!(m.contains("export const h0 = "));
    assert!(m.contains("export const h1 = "));
}
