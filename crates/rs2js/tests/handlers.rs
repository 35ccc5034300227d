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
    let mut driver = String::from(
        "import { signal } from './signal.mjs';\nimport * as m from './chunk.mjs';\nconst out = [];\nconst calls = [];\n\
         const runtime = { async call(name, args) { calls.push([name, args]); return name === 'fail' ? { Err: 'boom' } : { Ok: args.length ? args[0] : null }; } };\n",
    );
    for (src, init) in handlers.iter() {
        let h = translate_handler(&closure(src)).unwrap_or_else(|e| panic!("{src}: {e}"));
        assert_eq!(h.captures.len(), init.len(), "{src}");
        let name = chunk.add(h);
        let caps: Vec<String> = init.iter().map(|v| format!("signal({v})")).collect();
        driver.push_str(&format!(
            "{{ const c = [{}]; let err = null; try {{ for (let k = 0; k < {times}; k++) await m.{name}(c, {{ target: {{ value: 'x', checked: true }}, key: 'Enter', prevented: 0, preventDefault() {{ this.prevented++; }} }}, runtime); }} catch (x) {{ err = x.message; }} out.push(JSON.stringify({{ v: c.map(s => s.v), err }})); }}\n",
            caps.join(", ")
        ));
    }
    driver.push_str("out.push(JSON.stringify(calls));\nconsole.log(out.join('\\n'));\n");
    let src = chunk.module_source();
    rs2js::check_js(&src).unwrap();
    rs2js::check_js(&chunk.module_source_compact()).unwrap();
    common::run_node(&[
        ("signal.mjs", common::SIGNAL_JS.to_string()),
        ("chunk.mjs", src),
        ("main.mjs", driver),
    ])
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
    assert_eq!(out[0], r#"{"v":[3],"err":null}"#);
}

#[test]
fn counter_update_in_place() {
    let out = run(&[("move |_| count.update(|n| *n += 1)", &["41"])], 1);
    assert_eq!(out[0], r#"{"v":[42],"err":null}"#);
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
            (
                "move |_| count.set(count.get() * step)",
                &["65536", "65536"],
            ),
        ],
        1,
    );
    assert_eq!(out[0], r#"{"v":[15,5],"err":null}"#);
    assert_eq!(
        out[1],
        r#"{"v":[65536,65536],"err":"attempt to multiply with overflow"}"#
    );
}

#[test]
fn increment_overflow_at_i32_max() {
    let out = run(
        &[("move |_| count.update(|n| *n += 1)", &["2147483647"])],
        1,
    );
    assert_eq!(
        out[0],
        r#"{"v":[2147483647],"err":"attempt to add with overflow"}"#
    );
}

#[test]
fn chunk_emits_helpers_once() {
    let mut chunk = Chunk::new();
    for src in [
        "move |_| count.set(count.get() + 1)",
        "move |_| count.update(|n| *n += 2)",
    ] {
        chunk.add(translate_handler(&closure(src)).unwrap());
    }
    let m = chunk.module_source();
    assert_eq!(m.matches("const $add_i32 =").count(), 1, "{m}");
    assert_eq!(m.matches("const $ck_i32 =").count(), 1, "{m}");
    assert!(m.contains("export const h0 = "));
    assert!(m.contains("export const h1 = "));
}

#[test]
fn list_update_mutates_in_place_and_notifies() {
    let out = run(
        &[(
            "move |_| list.update(|v| { v.push(v.len() as i32); v.retain(|x| *x != 2); })",
            &["[0]"],
        )],
        3,
    );
    assert_eq!(out[0], r#"{"v":[[0,1]],"err":null}"#);
}

#[test]
fn update_is_written_in_place() {
    // `update` becomes `let v = s.get(); ...; s.set(v);` inside the handler,
    // so the loop lives in the handler itself and not in a closure made on
    // every call (which the engine would optimise afresh each time).
    let src = "move |_| list.update(|v| { for x in v.iter_mut() { *x *= 2; } v.push(1); })";
    let h = translate_handler(&closure(src)).unwrap();
    assert!(!h.js.contains(".update("), "{}", h.js);
    assert_eq!(h.js.matches("list.set(").count(), 1, "{}", h.js);
    let out = run(&[(src, &["[1,2]"])], 2);
    assert_eq!(out[0], r#"{"v":[[4,8,2,1]],"err":null}"#);
}

#[test]
fn update_written_in_place_runs_only_where_rust_reaches_it() {
    // The in-place `update` is statements: inside the right side of `||`
    // and in an `if` arm they must run only when Rust's would.
    let src = "move |_| { let ok = flag.get() || { n.update(|v| *v += 1); true }; if ok { n.update(|v| *v += 10) } }";
    let out = run(&[(src, &["true", "0"]), (src, &["false", "0"])], 1);
    assert_eq!(out[0], r#"{"v":[true,10],"err":null}"#);
    assert_eq!(out[1], r#"{"v":[false,11],"err":null}"#);
}

#[test]
fn update_with_an_early_return_stays_a_closure() {
    // `return` leaves the closure, not the handler: kept as a function.
    let src = "move |_| { count.update(|n| { if *n > 5 { return; } *n += 10; }); total.set(total.get() + 1); }";
    let h = translate_handler(&closure(src)).unwrap();
    assert!(h.js.contains("count.update("), "{}", h.js);
    let out = run(&[(src, &["0", "0"])], 3);
    assert_eq!(out[0], r#"{"v":[10,3],"err":null}"#);
}

#[test]
fn get_returns_a_copy() {
    // Rust's `get` clones: changing the copy must not change the signal.
    let out = run(
        &[(
            "move |_| { let mut v = list.get(); v.push(9); count.set(v.len() as i32); }",
            &["[1,2]", "0"],
        )],
        1,
    );
    assert_eq!(out[0], r#"{"v":[[1,2],3],"err":null}"#);
}

#[test]
fn captured_value_is_read_once_per_call() {
    // A value read in a loop (a row's item in a select-this-row handler)
    // is read from its client signal once, when the handler starts, not
    // once per iteration; the handler still sees it on every call.
    let src = "move |_| { for _ in 0..3 { total.set(total.get() + step) } }";
    let h = translate_handler(&closure(src)).unwrap();
    assert_eq!(h.js.matches("step.get()").count(), 1, "{}", h.js);
    let out = run(&[(src, &["0", "2"])], 2);
    assert_eq!(out[0], r#"{"v":[12,2],"err":null}"#);
}

#[test]
fn with_reads_without_copying() {
    let out = run(
        &[(
            "move |_| { let n = list.with(|v| v.iter().sum::<i32>()); total.set(n) }",
            &["[1,2,3]", "0"],
        )],
        1,
    );
    assert_eq!(out[0], r#"{"v":[[1,2,3],6],"err":null}"#);
}

#[test]
fn event_fields() {
    let out = run(
        &[
            (
                "move |e| { e.prevent_default(); text.set(e.value()); }",
                &["\"\""],
            ),
            ("move |e| on.set(e.checked())", &["false"]),
            (
                "move |ev| if ev.key() == \"Enter\" { n.update(|n| *n += 1) }",
                &["0"],
            ),
        ],
        1,
    );
    assert_eq!(out[0], r#"{"v":["x"],"err":null}"#);
    assert_eq!(out[1], r#"{"v":[true],"err":null}"#);
    assert_eq!(out[2], r#"{"v":[1],"err":null}"#);
}

#[test]
fn server_function_calls_are_positional_and_async() {
    let src = "move |e| { let q = e.value(); let r = search(q, 3).await; match r { Ok(x) => res.set(x), Err(_) => res.set(String::new()) } }";
    let h = translate_handler(&closure(src)).unwrap();
    assert!(h.js.starts_with("async ([res], e, r) =>"), "{}", h.js);
    assert!(
        h.js.contains("await r.call(\"search\", [q, 3])"),
        "{}",
        h.js
    );
    let out = run(
        &[
            (src, &["\"\""]),
            (
                "move |_| { if let Err(e) = fail().await { msg.set(e) } }",
                &["\"\""],
            ),
        ],
        1,
    );
    assert_eq!(out[0], r#"{"v":["x"],"err":null}"#);
    assert_eq!(out[1], r#"{"v":["boom"],"err":null}"#);
    assert_eq!(out[2], r#"[["search",["x",3]],["fail",[]]]"#);
}

#[test]
fn user_names_never_collide_with_e_r_or_helpers() {
    let src = "move |_| { let e = 5; let r = e + 1; let t0 = r * 2; count.set(t0) }";
    let h = translate_handler(&closure(src)).unwrap();
    assert!(!h.js.contains("let e ="), "{}", h.js);
    assert!(!h.js.contains("let r ="), "{}", h.js);
    let out = run(&[(src, &["0"])], 1);
    assert_eq!(out[0], r#"{"v":[12],"err":null}"#);
}

#[test]
fn js_macro_keeps_text_exactly() {
    let raw = "move |_| { js!(r#\"count.set(count.get() * 2); // twice\n/* keep 'this' */\"#); }";
    let h = translate_handler(&closure(raw)).unwrap();
    assert!(
        h.js.contains("count.set(count.get() * 2); // twice\n/* keep 'this' */"),
        "{}",
        h.js
    );
    let tokens = "move |_| { count.set(1); js! { count.set(count.get() + 41); // answer\n } }";
    let h2 = translate_handler(&closure(tokens)).unwrap();
    assert!(
        h2.js.contains("count.set(count.get() + 41); // answer"),
        "{}",
        h2.js
    );
    let out = run(&[(tokens, &["0"])], 1);
    assert_eq!(out[0], r#"{"v":[42],"err":null}"#);
}

#[test]
fn broken_js_block_is_caught_by_check_js() {
    let h = translate_handler(&closure("move |_| { js!(r#\"count.set(1 +);\"#); }")).unwrap();
    let mut chunk = Chunk::new();
    chunk.add(h);
    let e = rs2js::check_js(&chunk.module_source()).unwrap_err();
    assert!(e.contains("syntax error"), "{e}");
}

#[test]
fn one_bad_handler_does_not_affect_others() {
    // Translation is per handler: an error in one leaves the others intact.
    assert!(translate_handler(&closure("move |_| unsafe { count.set(1) }")).is_err());
    let ok = translate_handler(&closure("move |_| count.set(2)")).unwrap();
    let mut chunk = Chunk::new();
    chunk.add(ok);
    rs2js::check_js(&chunk.module_source()).unwrap();
}

#[test]
fn captures_in_first_use_order_with_types() {
    let h = translate_handler(&closure(
        "move |_| { let s = step; label.set(format!(\"{}\", count.get() + s)); }",
    ))
    .unwrap();
    let names: Vec<String> = h.captures.iter().map(|c| c.name.to_string()).collect();
    assert_eq!(names, ["step", "label", "count"]);
    assert_eq!(h.captures[0].kind, CaptureKind::Value);
    let ty = |i: usize| {
        h.captures[i]
            .assumed_type
            .as_ref()
            .map(|t| quote::quote!(#t).to_string())
    };
    assert_eq!(ty(0).as_deref(), Some("i32"));
    assert_eq!(ty(1).as_deref(), Some(":: resuma :: Signal < String >"));
    assert_eq!(ty(2).as_deref(), Some(":: resuma :: Signal < i32 >"));
}

#[test]
fn annotations_pick_types() {
    let h = translate_handler(&closure("move |_| count.update(|n: &mut u8| *n += 1)")).unwrap();
    let t = h.captures[0].assumed_type.as_ref().unwrap();
    assert_eq!(quote::quote!(#t).to_string(), ":: resuma :: Signal < u8 >");
    let out = run(
        &[("move |_| count.update(|n: &mut u8| *n += 1)", &["255"])],
        1,
    );
    assert_eq!(
        out[0],
        r#"{"v":[255],"err":"attempt to add with overflow"}"#
    );
}

#[test]
fn println_goes_to_console() {
    let h = translate_handler(&closure(
        "move |_| println!(\"n = {:>4}\", count.get() + 0)",
    ))
    .unwrap();
    assert!(h.js.contains("console.log("), "{}", h.js);
}

/// Handlers as the examples write them translate and parse.
#[test]
fn example_handlers_translate() {
    let srcs = [
        "move |_| count.set(count.get() + 1)",
        "move |_| items.update(|v: &mut Vec<Letter>| v.swap(1, 3))",
        "move |_| items.update(|v: &mut Vec<Letter>| { let first = v.remove(0); v.push(first); })",
        "move |_| items.set(Vec::new())",
        "move |_| list_class.set(\"todo-list show-all\".to_string())",
        "move |e| { let title = e.value(); match rename_todo(todo.id, title).await { Ok(snapshot) => { todos.set(snapshot.0); left.set(snapshot.1); edit_error.set(String::new()); } Err(err) => edit_error.set(err.message), } }",
        "move |_| { pending.set(true); match flaky().await { Ok(n) => { value.set(n); error.set(String::new()); } Err(e) => error.set(e.message), } pending.set(false); }",
    ];
    let mut chunk = Chunk::new();
    for s in srcs {
        chunk.add(translate_handler(&closure(s)).unwrap_or_else(|e| panic!("{s}: {e}")));
    }
    rs2js::check_js(&chunk.module_source()).unwrap();
}

#[test]
fn closures_return_their_value() {
    let h = translate_handler(&closure("move || todos.with(|v: &Vec<i32>| v.is_empty())")).unwrap();
    assert!(h.js.contains("=> todos.with("), "{}", h.js);
    let out = run(
        &[(
            "move || { if list.with(|v| v.is_empty()) { flag.set(true) } }",
            &["[]", "false"],
        )],
        1,
    );
    assert_eq!(out[0], r#"{"v":[[],true],"err":null}"#);
}

#[test]
fn question_mark_in_a_handler() {
    let src = "move |_| -> Option<()> { let x = list.with(|v: &Vec<i32>| v.first().copied())?; count.set(x); Some(()) }";
    let out = run(&[(src, &["[]", "0"]), (src, &["[7, 8]", "0"])], 1);
    assert_eq!(out[0], r#"{"v":[[],0],"err":null}"#);
    assert_eq!(out[1], r#"{"v":[[7,8],7],"err":null}"#);
}

#[test]
fn later_uses_fix_a_capture_type() {
    // `count + 1` alone would mean `i32`; the later `u8` annotation makes
    // the addition a `u8` one, as rustc would infer.
    let src =
        "move |_| { let x = count.get() + 1; count.set(x); let y: u8 = count.get(); let _ = y; }";
    let h = translate_handler(&closure(src)).unwrap();
    let t = h.captures[0].assumed_type.as_ref().unwrap();
    assert_eq!(quote::quote!(#t).to_string(), ":: resuma :: Signal < u8 >");
    let out = run(&[(src, &["255"])], 1);
    assert_eq!(
        out[0],
        r#"{"v":[255],"err":"attempt to add with overflow"}"#
    );
}

#[test]
fn fields_of_structs_rs2js_was_not_shown() {
    // `todo` and `t` are user structs whose definitions the `view!` macro
    // cannot see, so their fields have unknown types. rustc has checked the
    // closure, so `{}` and `!` are valid for them; the runtime helpers
    // reproduce Rust by the JSON value, and refuse what they cannot.
    let out = run(
        &[
            (
                "move |_| msg.set(format!(\"Done: {} ({:>4}) {}\", todo.title, todo.id, todo.done))",
                &["\"\"", r#"{"title":"Milk ✓ 😀","id":7,"done":true}"#],
            ),
            ("move |_| flag.set(!t.done)", &["null", r#"{"done":false}"#]),
            (
                "move |_| msg.set(todo.title.to_string() + &todo.price.to_string())",
                &["\"\"", r#"{"title":"x","price":1e21}"#],
            ),
            (
                "move |_| msg.set(format!(\"{:.2}\", todo.title))",
                &["\"\"", r#"{"title":"ünïcode"}"#],
            ),
            // A struct with its own `Display` impl: not reproducible.
            (
                "move |_| msg.set(format!(\"due {}\", todo.due))",
                &["\"\"", r#"{"due":{"day":3}}"#],
            ),
            // Bitwise `!` needs the integer's width.
            ("move |_| flag.set(!t.count)", &["null", r#"{"count":5}"#]),
            // A float's precision rounds, an integer's is ignored.
            (
                "move |_| msg.set(format!(\"{:.1}\", todo.amount))",
                &["\"\"", r#"{"amount":2}"#],
            ),
        ],
        1,
    );
    assert_eq!(
        out[0],
        r#"{"v":["Done: Milk ✓ 😀 (   7) true",{"title":"Milk ✓ 😀","id":7,"done":true}],"err":null}"#
    );
    assert_eq!(out[1], r#"{"v":[true,{"done":false}],"err":null}"#);
    assert_eq!(
        out[2],
        r#"{"v":["x1000000000000000000000",{"title":"x","price":1e+21}],"err":null}"#
    );
    assert_eq!(out[3], r#"{"v":["ün",{"title":"ünïcode"}],"err":null}"#);
    assert!(
        out[4].contains(r#""err":"rs2js: cannot display this value in the browser: {\"day\":3}""#),
        "{}",
        out[4]
    );
    assert!(out[5].contains("annotate its type"), "{}", out[5]);
    assert!(out[6].contains("annotate its type"), "{}", out[6]);
}
