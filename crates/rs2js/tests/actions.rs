//! Handlers that dispatch through a `resuma::Action`: the translation, the
//! assumption the macro asserts, and the chunk's `$dispatch` run in Node
//! against a runtime whose server calls the test answers one by one.

mod common;

use rs2js::{translate_handler, CaptureKind, Chunk};

fn closure(src: &str) -> syn::ExprClosure {
    syn::parse_str(src).unwrap()
}

fn assumed(h: &rs2js::Handler, i: usize) -> Option<String> {
    h.captures[i]
        .assumed_type
        .as_ref()
        .map(|t| quote::quote!(#t).to_string())
}

fn error(src: &str) -> String {
    translate_handler(&closure(src))
        .map(|h| h.js)
        .expect_err(src)
        .to_string()
}

#[test]
fn dispatch_is_the_server_call_through_the_chunk_helper() {
    let h = translate_handler(&closure("move |_| roll.dispatch(roll_dice(6))")).unwrap();
    assert_eq!(h.captures.len(), 1);
    assert_eq!(h.captures[0].kind, CaptureKind::Value);
    assert_eq!(
        assumed(&h, 0).as_deref(),
        Some(":: resuma :: Action < _ >"),
        "rustc must confirm the capture is an action"
    );
    // Fire-and-forget: not awaited, so the handler is not async.
    assert!(h.js.starts_with("([roll], e, r) =>"), "{}", h.js);
    assert!(
        h.js.contains(r#"$dispatch(r, roll, "roll_dice", [6]);"#),
        "{}",
        h.js
    );
    assert_eq!(h.helpers, ["dispatch"]);
}

#[test]
fn awaited_dispatch_is_the_result_and_types_the_action() {
    let src = "move |_| { match roll.dispatch(roll_dice(sides, 2)).await { Ok(n) => total.set(n + 1), Err(e) => msg.set(e.message) } }";
    let h = translate_handler(&closure(src)).unwrap();
    assert!(
        h.js.starts_with("async ([roll, sides, total, msg], e, r) =>"),
        "{}",
        h.js
    );
    assert!(
        h.js.contains(r#"await $dispatch(r, roll, "roll_dice", [$clone(sides1), 2])"#),
        "{}",
        h.js
    );
    // The action is passed on as it is, never read as a value.
    assert!(!h.js.contains("roll.get()"), "{}", h.js);
    // The result's `Ok` is the action's value type.
    assert_eq!(
        assumed(&h, 0).as_deref(),
        Some(":: resuma :: Action < i32 >")
    );
    assert_eq!(
        assumed(&h, 2).as_deref(),
        Some(":: resuma :: Signal < i32 >")
    );
}

#[test]
fn what_is_not_a_server_call_through_a_captured_action_is_refused() {
    let form = "write `action.dispatch(server_fn(args))`";
    for (src, says) in [
        (
            "move |_| roll.dispatch(5)",
            "takes a call of a `#[server]` function",
        ),
        (
            "move |_| roll.dispatch(Some(5))",
            "takes a call of a `#[server]` function",
        ),
        (
            "move |_| { let f = |x: i32| x; roll.dispatch(f(1)) }",
            "takes a call of a `#[server]` function",
        ),
        (
            "move |_| roll.dispatch(roll_dice(6).await)",
            "pass it without `.await`",
        ),
        (
            "move |_| roll.dispatch(roll_dice(6), 1)",
            "takes a call of a `#[server]` function",
        ),
        (
            "move |_| { let a = 1; a.dispatch(roll_dice(6)) }",
            "is a variable of this handler",
        ),
        (
            "move |_| { roll.set(1); roll.dispatch(roll_dice(6)) }",
            "is used as a signal elsewhere",
        ),
    ] {
        let message = error(src);
        assert!(message.contains(says), "{src}: {message}");
        assert!(message.contains(form), "{src}: {message}");
    }
    let message = error("move |_| { let n = roll + 1; roll.dispatch(roll_dice(n)) }");
    assert!(
        message.contains("is used as a number elsewhere"),
        "{message}"
    );
    let message = error("move |_| roll.error.set(String::new())");
    assert!(
        message.contains(
            "destructure the action outside the handler (`let Action { error, .. } = roll;`)"
        ),
        "{message}"
    );
}

/// Runs `handler` in Node with a runtime like core's: client signals by id
/// (ids 0, 1, 2 are the action's `pending`, `value`, `error`; 3 and 4 are
/// two captures of the action, as two handlers would have), and server calls
/// that wait until `script` answers them with `answer(i, result)`. Returns
/// what `script` printed.
fn drive(handler: &str, script: &str) -> String {
    let mut chunk = Chunk::new();
    let h = translate_handler(&closure(handler)).unwrap_or_else(|e| panic!("{handler}: {e}"));
    chunk.add(h);
    let src = chunk.module_source();
    rs2js::check_js(&src).unwrap();
    rs2js::check_js(&chunk.module_source_compact()).unwrap();
    let driver = format!(
        r#"import * as m from './chunk.mjs';
const state = {{ 0: false, 1: 10, 2: "", 3: [0, 1, 2], 4: [0, 1, 2], 5: 0 }};
const signals = {{}};
const signal = id => (signals[id] ||= {{ v: state[id], get() {{ return this.v; }}, set(x) {{ this.v = x; }}, update(f) {{ this.v = f(this.v); }} }});
const calls = [];
const runtime = {{ signal, call: (name, args) => new Promise(done => calls.push({{ name, args, done }})) }};
const tick = () => new Promise(go => setTimeout(go, 0));
const click = async capture => {{ m.h0([signal(capture), signal(5)], {{}}, runtime); await tick(); }};
const answer = async (i, result) => {{ calls[i].done(result); await tick(); }};
const show = label => console.log(label, JSON.stringify([0, 1, 2, 5].map(id => signal(id).v)));
{script}
"#
    );
    common::run_node(&[("chunk.mjs", src), ("main.mjs", driver)])
}

#[test]
fn dispatch_sets_pending_then_the_value_or_the_error() {
    let out = drive(
        "move |_| roll.dispatch(roll_dice(6))",
        r#"await click(3);
show('in flight');
console.log('call', JSON.stringify([calls[0].name, calls[0].args]));
await answer(0, { Ok: 4 });
show('ok');
await click(3);
await answer(1, { Err: { kind: 'server', message: 'no dice', status: 500 } });
show('err');
await click(3);
await answer(2, { Ok: 5 });
show('ok again');"#,
    );
    assert_eq!(
        out,
        "in flight [true,10,\"\",0]\ncall [\"roll_dice\",[6]]\nok [false,4,\"\",0]\n\
         err [false,4,\"no dice\",0]\nok again [false,5,\"\",0]\n"
    );
}

#[test]
fn the_dispatch_started_last_wins() {
    // Answers in reverse order: the older answer arrives last and is dropped.
    let out = drive(
        "move |_| roll.dispatch(roll_dice(6))",
        r#"await click(3);
await click(4);
await answer(1, { Ok: 2 });
show('newer answered');
await answer(0, { Ok: 1 });
show('older answered');"#,
    );
    assert_eq!(
        out,
        "newer answered [false,2,\"\",0]\nolder answered [false,2,\"\",0]\n"
    );
    // Answers in order: pending stays until the newest is in.
    let out = drive(
        "move |_| roll.dispatch(roll_dice(6))",
        r#"await click(3);
await click(3);
await answer(0, { Err: { kind: 'server', message: 'old', status: 500 } });
show('older answered');
await answer(1, { Ok: 2 });
show('newer answered');"#,
    );
    assert_eq!(
        out,
        "older answered [true,10,\"\",0]\nnewer answered [false,2,\"\",0]\n"
    );
}

#[test]
fn awaited_dispatch_resolves_to_the_result_even_when_superseded() {
    let out = drive(
        "move |_| { if let Ok(n) = roll.dispatch(roll_dice(6)).await { seen.update(|s| *s += n) } }",
        r#"await click(3);
await click(3);
await answer(1, { Ok: 2 });
await answer(0, { Ok: 1 });
show('both answered');"#,
    );
    // The value is the newer call's; each handler still got its own result.
    assert_eq!(out, "both answered [false,2,\"\",3]\n");
}
