//! Which build of the core runtime a page names in its loader script
//! (protocol.md §6): the lite one unless the page has something only the
//! full one can do.

use resuma::prelude::*;
use resuma::render::{render_document, Document};

const FULL: &str = "/_resuma/core-full.js";
const LITE: &str = "/_resuma/core-lite.js";

/// The core URL the page's loader script names.
fn core_of<V: IntoView>(body: impl FnOnce() -> V) -> String {
    let doc = Document {
        title: "T",
        lang: "en",
        head: "",
        nonce: "n",
        core_url: FULL,
        lite_core_url: LITE,
        loader: "",
    };
    let page = render_document(&doc, body);
    let rest = page
        .split("data-r-core=\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no loader script: {page}"));
    rest[..rest.find('"').unwrap()].to_owned()
}

#[server]
async fn double(n: i32) -> Result<i32, ServerFnError> {
    Ok(n * 2)
}

#[test]
fn counters_get_the_lite_core() {
    let core = core_of(|| {
        let count = use_signal(0);
        let label = use_signal("a".to_owned());
        view! {
            <button title={label} onClick={move |_| count.set(count.get() + 1)}>"Count: " {count}</button>
            <button onClick={move |_| { label.set("b".to_owned()); js!("console.log(1)"); }}>"b"</button>
        }
    });
    assert_eq!(core, LITE);
}

#[test]
fn a_handler_awaiting_a_server_function_gets_the_full_core() {
    let core = core_of(|| {
        let n = use_signal(1);
        view! {
            <button onClick={move |_| {
                let r = double(n.get()).await;
                if let Ok(v) = r { n.set(v) }
            }}>{n}</button>
        }
    });
    assert_eq!(core, FULL);
}

#[test]
fn an_action_dispatch_gets_the_full_core() {
    let core = core_of(|| {
        let doubled = use_action(0);
        view! { <button onClick={move |_| doubled.dispatch(double(2))}>{doubled.value}</button> }
    });
    assert_eq!(core, FULL);
}

#[test]
fn js_text_that_mentions_call_gets_the_full_core() {
    let core = core_of(|| {
        let n = use_signal(1);
        view! { <button onClick={move |_| { n.set(2); js!(r#"r.call("double", [2])"#); }}>{n}</button> }
    });
    assert_eq!(core, FULL);
}

#[test]
fn lists_conditionals_and_derived_values_get_the_full_core() {
    let list = core_of(|| {
        let items = use_signal(vec![1u32, 2]);
        view! {
            <ul><For each={items} key={|i| *i} let:i><li>{i}</li></For></ul>
            <button onClick={move |_| items.update(|v| v.push(3))}>"add"</button>
        }
    });
    assert_eq!(list, FULL, "a <For>");
    let show = core_of(|| {
        let open = use_signal(false);
        view! {
            <Show when={move || open.get()}><p>"open"</p></Show>
            <button onClick={move |_| open.set(true)}>"open"</button>
        }
    });
    assert_eq!(show, FULL, "a <Show>");
    let text = core_of(|| {
        let n = use_signal(1);
        view! { <p>{move || n.get() * 2}</p><button onClick={move |_| n.set(2)}>"2"</button> }
    });
    assert_eq!(text, FULL, "a derived text");
    let attr = core_of(|| {
        let n = use_signal(1);
        view! { <p class={move || if n.get() > 1 { "big" } else { "" }}>"x"</p><button onClick={move |_| n.set(2)}>"2"</button> }
    });
    assert_eq!(attr, FULL, "a derived attribute");
    let computed = core_of(|| {
        let n = use_signal(1);
        let twice = computed!([n], move || n.get() * 2);
        view! { <p>{twice}</p><button onClick={move |_| n.set(2)}>"2"</button> }
    });
    assert_eq!(computed, FULL, "a computed");
}
