//! `<For>` and `<Show>` on the server (protocol.md §10–11), and the client
//! templates compiled next to them.

use resuma::prelude::*;

#[derive(Clone, serde::Serialize)]
struct Todo {
    id: u32,
    title: String,
    done: bool,
}

fn todos() -> Vec<Todo> {
    vec![
        Todo {
            id: 1,
            title: "a <b>".into(),
            done: false,
        },
        Todo {
            id: 2,
            title: "c".into(),
            done: true,
        },
    ]
}

#[test]
fn keyed_rows_carry_their_key_and_the_item_capture() {
    let html = resuma::render_to_string(|| {
        let list = use_signal(todos());
        let picked = use_signal(0u32);
        view! {
            <ul>
                <For each={list} key={|t| t.id} let:todo>
                    <li class={if todo.done { "done" } else { "" }}>
                        {todo.title.clone()}
                        <button onClick={move |_| picked.set(todo.id)}>"pick"</button>
                    </li>
                </For>
            </ul>
        }
    });
    let chunk = resuma_test_support::list_chunk(&html, 0).to_owned();
    let expected = format!(
        "<ul><!--r-for:0|{chunk}#h1|1-->\
         <li data-r-k=\"1\" class=\"\">a &lt;b&gt;<button data-r-on:click=\"{chunk}#h0|1,~\">pick</button></li>\
         <li data-r-k=\"2\" class=\"done\">c<button data-r-on:click=\"{chunk}#h0|1,~\">pick</button></li>\
         <!----></ul>"
    );
    assert_eq!(html, expected);
    let source = resuma::chunk::registered_chunks()
        .find(|c| c.name == chunk)
        .expect("chunk registered")
        .source;
    assert!(source.contains("export const h1"), "{source}");
    if std::env::var("DUMP_CHUNK").is_ok() {
        println!("{source}");
    }
}

#[test]
fn show_renders_the_branch_that_holds() {
    let html = resuma::render_to_string(|| {
        let count = use_signal(5);
        view! {
            <Show when={move || count.get() > 3} fallback={view! { <p>"small"</p> }}>
                <p>"big: " {count}</p>
            </Show>
        }
    });
    let chunk = html
        .split("<!--r-show:")
        .nth(1)
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        html,
        format!("<!--r-show:{chunk}#h0|0|1--><p>big: <!--r:0n-->5</p><!---->")
    );
}

#[test]
fn show_on_a_bool_signal() {
    let html = resuma::render_to_string(|| {
        let open = use_signal(false);
        view! { <Show when={open} fallback={view! { "closed" }}>"open"</Show> }
    });
    assert!(html.ends_with("|0|0-->closed<!---->"), "{html}");
}

/// Rows of a list that starts empty, and a branch that is not rendered, get
/// their handlers in the browser later: the loader must already listen for
/// their event types (found by the todo app's first browser test).
#[test]
fn events_of_unrendered_rows_and_branches_are_listened_for() {
    use resuma::render::render_document;
    let doc = resuma_test_support::test_document();
    let html = render_document(&doc, || {
        let list = use_signal(Vec::<Todo>::new());
        let open = use_signal(false);
        view! {
            <ul><For each={list} key={|t| t.id} let:_todo><li><input onChange={move |_| open.set(true)}></li></For></ul>
            <Show when={open}><button onClick={move |_| open.set(false)}>"close"</button></Show>
        }
    });
    assert!(html.contains(r#"data-r-ev="change click""#), "{html}");
}
