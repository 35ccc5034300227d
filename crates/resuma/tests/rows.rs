//! What rows and branches with components and nested blocks look like on
//! the wire (protocol.md §11 "What a row may contain", §12), and the
//! component templates that `#[component]` registers for them.

use resuma::__private::BrowserTemplate;
use resuma::prelude::*;

#[derive(Clone, serde::Serialize, SignalData)]
struct Task {
    id: u32,
    name: String,
    done: bool,
}

#[component]
fn Chip(label: String, clicks: Signal<u32>) -> impl IntoView {
    view! { <b>{label}<button onClick={move |_| clicks.update(|n| *n += 1)}>"+1"</button></b> }
}

/// A component with a default prop has no browser template (and still
/// renders on the server).
#[component]
fn Plain(text: String, #[prop(default = 2)] level: u32) -> impl IntoView {
    view! { <i data-level={level}>{text}</i> }
}

fn chunk_of(reference: &str) -> &str {
    reference.split('#').next().unwrap()
}

fn source(chunk: &str) -> &'static str {
    resuma::chunk::registered_chunks()
        .find(|c| c.name == chunk)
        .unwrap_or_else(|| panic!("chunk {chunk} is registered"))
        .source
}

#[test]
fn a_component_in_a_row_is_listed_in_the_marker_and_has_its_own_chunk() {
    let html = resuma::render_to_string(|| {
        let clicks = use_signal(0u32);
        let tasks: Signal<Vec<Task>> = use_signal(vec![Task {
            id: 7,
            name: "a <b>".into(),
            done: true,
        }]);
        view! {
            <ul><For each={tasks} key={|t| t.id} let:task>
                <li><Chip label={task.name.clone()} clicks={clicks} /></li>
            </For></ul>
        }
    });
    let template = <ChipProps as BrowserTemplate>::TEMPLATE;
    let main = resuma_test_support::list_chunk(&html, 1);
    // The list's marker: its template, its captures (clicks), the component.
    assert!(
        html.starts_with(&format!("<ul><!--r-for:1|{main}#h0|0|{template}-->")),
        "{html}"
    );
    // The server renders the component as usual, with its own chunk's handler.
    let chip_chunk = html
        .split("data-r-on:click=\"")
        .nth(1)
        .unwrap()
        .split('#')
        .next()
        .unwrap();
    assert!(
        html.contains("<li data-r-k=\"7\"><b>a &lt;b&gt;<button data-r-on:click=\""),
        "{html}"
    );
    // The template is a chunk of its own that names the component's chunk.
    let template_source = source(chunk_of(template));
    assert!(
        template.ends_with("#h0") && chunk_of(template) != chip_chunk,
        "{template}"
    );
    assert!(
        template_source.contains(&format!("const $n = \"{chip_chunk}\";")),
        "{template_source}"
    );
    assert!(
        template_source.contains("export const h0 = "),
        "{template_source}"
    );
    // It loads nothing else: it evaluates no derived body.
    assert!(!template_source.contains("import"), "{template_source}");
    assert_eq!(<ChipProps as BrowserTemplate>::EVENTS, &["click"]);
    // And the row's template renders it through the marker's list.
    assert!(
        source(main).contains("h.c(0, { \"label\": "),
        "{}",
        source(main)
    );
}

#[test]
fn nested_blocks_in_a_row_have_their_own_markers() {
    let html = resuma::render_to_string(|| {
        let details = use_signal(true);
        let marks: Signal<Vec<u32>> = use_signal(vec![1, 2]);
        let tasks: Signal<Vec<Task>> = use_signal(vec![Task {
            id: 3,
            name: "x".into(),
            done: false,
        }]);
        view! {
            <For each={tasks} key={|t| t.id} let:task>
                <li>
                    <Show when={move || task.done} fallback={view! { "open" }}>"done"</Show>
                    <Show when={details}><b>{format!("#{}", task.id)}</b></Show>
                    <ol><For each={marks} key={|m| *m} let:mark><li>{mark}</li></For></ol>
                </li>
            </For>
        }
    });
    let chunk = resuma_test_support::list_chunk(&html, 2);
    assert_eq!(
        html,
        format!(
            "<!--r-for:2|{chunk}#h3|0,1-->\
             <li data-r-k=\"3\">\
             <!--r-show:{chunk}#h0||0-->open<!---->\
             <!--r-show:{chunk}#h1|0|1--><b>#3</b><!---->\
             <ol><!--r-for:1|{chunk}#h2|--><li data-r-k=\"1\">1</li><li data-r-k=\"2\">2</li><!----></ol>\
             </li><!---->"
        )
    );
    let source = source(chunk);
    // Both nested <Show>s read the row's item: the browser gives it to them.
    assert!(
        source.contains("export const h0 = { w: ") && source.contains(", i: 1 }"),
        "{source}"
    );
    // The row's template writes the nested blocks with the item and the ids.
    assert!(
        source.contains("$h.s(h0, $n + \"#h0\", [], task, [])"),
        "{source}"
    );
    assert!(
        source.contains("$h.s(h1, $n + \"#h1\", [$c[0]], task, [])"),
        "{source}"
    );
    assert!(
        source.contains("$h.l(h2, $n + \"#h2\", $c[1], [], [])"),
        "{source}"
    );
}

#[test]
fn a_component_without_a_template_still_renders_outside_rows() {
    let html = resuma::render_to_string(|| view! { <Plain text={"hi".to_string()} /> });
    assert_eq!(html, "<i data-level=\"2\">hi</i>");
}

/// A component's handlers in rows of a list that starts empty: the loader
/// must listen for their events before any row exists.
#[test]
fn events_of_components_in_empty_rows_are_listened_for() {
    use resuma::render::render_document;
    let doc = resuma_test_support::test_document();
    let html = render_document(&doc, || {
        let clicks = use_signal(0u32);
        let tasks: Signal<Vec<Task>> = use_signal(Vec::new());
        view! {
            <ul><For each={tasks} key={|t| t.id} let:task><li><Chip label={task.name.clone()} clicks={clicks} /></li></For></ul>
        }
    });
    assert!(html.contains(r#"data-r-ev="click""#), "{html}");
}

/// One expression that reads both the row's item and a page signal is a
/// derived view whose ids list the item as `~`: the server writes each
/// row's real value, and the template renders new rows' with their item.
#[test]
fn a_value_of_the_item_and_a_signal_is_derived_with_the_item_as_tilde() {
    let html = resuma::render_to_string(|| {
        let selected = use_signal(2u32);
        let details = use_signal(true);
        let tasks: Signal<Vec<Task>> = use_signal(vec![
            Task {
                id: 1,
                name: "a".into(),
                done: false,
            },
            Task {
                id: 2,
                name: "b".into(),
                done: false,
            },
        ]);
        view! {
            <For each={tasks} key={|t| t.id} let:task>
                <li class={move || if selected.get() == task.id { "selected" } else { "" }}>
                    {move || if selected.get() == task.id { "*" } else { "" }}
                    {task.name.clone()}
                    <Show when={details}><b>{if selected.get() == task.id { "on" } else { "off" }}</b></Show>
                </li>
            </For>
        }
    });
    let chunk = resuma_test_support::list_chunk(&html, 2);
    let row = |id: u32, class: &str, mark: &str, name: &str, on: &str| {
        format!(
            "<li data-r-k=\"{id}\"{class} data-r-d=\"class={chunk}#h0|0,~\">\
             <!--r-d:{chunk}#h1|0,~-->{mark}<!---->{name}\
             <!--r-show:{chunk}#h3|1,0|1--><b><!--r-d:{chunk}#h2|0,~-->{on}<!----></b><!---->\
             </li>"
        )
    };
    assert_eq!(
        html,
        format!(
            "<!--r-for:2|{chunk}#h4|0,1-->{}{}<!---->",
            row(1, " class=\"\"", "", "a", "off"),
            row(2, " class=\"selected\"", "*", "b", "on"),
        )
    );
    let source = source(chunk);
    // The row's template evaluates both with the row's item at `~`.
    assert!(
        source.contains("$h.a(\"class\", $h.x(h0, [$c[0], \"~\"], task))"),
        "{source}"
    );
    assert!(
        source.contains("$h.d(h1, $n + \"#h1\", [$c[0], \"~\"], task)"),
        "{source}"
    );
    // The branch reads the item too, so the browser gives it to the branch.
    assert!(
        source.contains("$h.d(h2, $n + \"#h2\", [$c[1], \"~\"], task)")
            && source.contains(", i: 1 }"),
        "{source}"
    );
}
