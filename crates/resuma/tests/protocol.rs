//! The renderer's output, checked against the examples of docs/protocol.md.

use resuma::prelude::*;
use resuma::render::{render_document, Document};
use resuma_test_support::state_script;

fn doc() -> Document<'static> {
    Document {
        title: "T",
        lang: "en",
        head: "",
        nonce: "NONCE",
        core_url: "/_resuma/core-abc.js",
        lite_core_url: "/_resuma/core-def.js",
        loader: "LOADER",
    }
}

#[test]
fn signal_ids_follow_call_order() {
    resuma::render_to_string(|| {
        let a = use_signal(1);
        let b = use_signal("x");
        assert_eq!((a.id(), b.id()), (0, 1));
    });
}

#[test]
fn bound_text_is_wrapped_in_markers() {
    // protocol.md §2
    let html = resuma::render_to_string(|| {
        let n = use_signal(5);
        let s = use_signal(String::new());
        view! { <p>"n=" {n} " items" {s}</p> }
    });
    // A number's id ends in `n`: the browser reads it back as a number (§5).
    // The second id is the first plus one, written as nothing. The first
    // text needs its `<!---->` (static text follows), the second not: the
    // end tag closes its text node.
    assert_eq!(html, "<p>n=<!--r:0n-->5<!----> items<!--r:--></p>");
}

#[test]
fn a_bound_text_keeps_its_end_marker_unless_an_end_tag_follows() {
    // protocol.md §2: text, a tag or a marker after the bound text.
    let html = resuma::render_to_string(|| {
        let a = use_signal("a");
        let b = use_signal("");
        view! { <p>{a}"."</p><p>{a}<br></p><p>{a}{b}</p><p>{b}</p> }
    });
    assert_eq!(
        html,
        "<p><!--r:0-->a<!---->.</p><p><!--r:0-->a<!----><br></p>\
         <p><!--r:0-->a<!----><!--r:--></p><p><!--r:1--></p>"
    );
}

#[test]
fn a_page_writes_no_binding_for_a_signal_no_handler_captures() {
    // protocol.md §2, §3, §5: nothing in the browser can change `title`, so
    // it is plain markup and stays out of the state; `count` is captured.
    let page = render_document(&doc(), || {
        let title = use_signal("Counter".to_owned());
        let ratio = use_signal(0.5f64);
        let count = use_signal(1);
        view! {
            <h1 title={title}>{title} ": " {ratio}</h1>
            <p title={title}>{count}</p>
            <button onClick={move |_| count.set(count.get() + 1)}>"+1"</button>
        }
    });
    assert!(
        page.contains(
            r#"<h1 title="Counter">Counter: 0.5</h1><p title="Counter"><!--r:2n-->1</p>"#
        ),
        "{page}"
    );
    assert_eq!(
        state_script(&page),
        r#"<script type="resuma/state">{"s":{}}</script>"#
    );
}

#[test]
fn bound_attributes_carry_their_initial_value() {
    // protocol.md §3
    let html = resuma::render_to_string(|| {
        let href = use_signal("/x");
        let class = use_signal("on".to_owned());
        let off = use_signal(false);
        view! { <a href={href} class={class} hidden={off}>"x"</a> }
    });
    assert_eq!(
        html,
        r#"<a href="/x" class="on" data-r-b="href=0 class= hidden=">x</a>"#
    );
}

#[test]
fn bound_ids_are_written_relative_to_the_one_before() {
    // protocol.md §2: in document order, text markers and `data-r-b`
    // entries give their id relative to the previous one's; the same id
    // again is written in full.
    let html = resuma::render_to_string(|| {
        let rows: Vec<_> = (0..2)
            .map(|i| (use_signal(format!("r{i}")), use_signal(i), use_signal("c")))
            .collect();
        let again = rows[1].1;
        view! {
            <table>{rows.into_iter().map(|(label, count, class)| view! {
                <tr class={class}><td>{label}</td><td>{count}</td></tr>
            }).collect::<Vec<_>>()}</table>
            <p>{again}{again}</p>
        }
    });
    assert_eq!(
        html,
        concat!(
            r#"<table><tr class="c" data-r-b="class=2"><td><!--r:-2-->r0</td><td><!--r:n-->0</td></tr>"#,
            r#"<tr class="c" data-r-b="class=+4"><td><!--r:-2-->r1</td><td><!--r:n-->1</td></tr></table>"#,
            r#"<p><!--r:4n-->1<!----><!--r:4n-->1</p>"#
        )
    );
}

#[test]
fn handler_attribute_names_chunk_symbol_and_captures() {
    // protocol.md §4
    let html = resuma::render_to_string(|| {
        let count = use_signal(0);
        view! { <button onClick={move |_| count.set(count.get() + 1)}>{count}</button> }
    });
    let re_start = html.find("data-r-on:click=\"h").expect("handler attribute");
    let value: String = html[re_start + 17..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let (chunk, rest) = value.split_once('#').unwrap();
    assert_eq!(chunk.len(), 13);
    assert!(chunk[1..]
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!(rest, "h0|0");
}

#[test]
fn modifiers_are_static_attributes() {
    let html = resuma::render_to_string(|| view! { <form prevent:submit stop:click></form> });
    assert_eq!(
        html,
        "<form data-r-prevent:submit data-r-stop:click></form>"
    );
}

#[test]
fn copy_captures_get_ids_in_the_same_sequence() {
    // protocol.md §1: a captured i32 becomes slot 1, after the signal. The
    // count is shown in the markup, so only the step is in the state (§5).
    let page = render_document(&doc(), || {
        let count = use_signal(10);
        let step = 3;
        view! { <button onClick={move |_| count.set(count.get() + step)}>{count}</button> }
    });
    assert!(page.contains("|0,1\""), "{page}");
    assert!(
        page.contains(r#"<script type="resuma/state">{"s":{"1":3}}</script>"#),
        "{page}"
    );
}

#[server]
async fn roll_dice(sides: i32) -> Result<i32, ServerFnError> {
    Ok(sides)
}

#[test]
fn a_captured_action_is_a_slot_of_its_signal_ids() {
    // protocol.md §8 "Actions": the capture holds [pending, value, error];
    // the value is shown as text, so the markup holds it (§5).
    let page = render_document(&doc(), || {
        let roll = use_action(7);
        view! {
            <button onClick={move |_| roll.dispatch(roll_dice(6))} disabled={roll.pending}>"Roll"</button>
            <output>{roll.value}</output>
        }
    });
    assert!(page.contains(r#"|3""#), "{page}");
    assert!(
        page.contains(
            r#"<script type="resuma/state">{"s":{"0":false,"2":"","3":[0,1,2]}}</script>"#
        ),
        "{page}"
    );
}

#[test]
fn page_with_handlers_ends_with_state_then_loader() {
    // protocol.md §5; a handler needs only the lite core (§6). The text is
    // only captured, not shown, so the state holds it, escaped.
    let page = render_document(&doc(), || {
        let text = use_signal("</script><!-- \u{2028}".to_owned());
        view! { <button onClick={move |_| text.set(String::new())}>"clear"</button> }
    });
    let tail = r#"<script type="resuma/state">{"s":{"0":"\u003c/script\u003e\u003c!-- \u2028"}}</script><script nonce="NONCE" data-r-core="/_resuma/core-def.js" data-r-ev="click">LOADER</script></body></html>"#;
    assert!(page.ends_with(tail), "{page}");
    assert_eq!(page.matches("<script").count(), 2);
}

/// The page's state script, from `<script type="resuma/state">` to `</script>`.

#[test]
fn values_the_markup_shows_are_left_out_of_the_state() {
    // protocol.md §5, "Values the markup shows".
    let page = render_document(&doc(), || {
        let label = use_signal("a & \"b\" <c>".to_owned());
        let count = use_signal(-3i64);
        let class = use_signal("row".to_owned());
        let width = use_signal(40u8);
        let ratio = use_signal(0.5f64);
        let done = use_signal(true);
        view! {
            <p class={class} width={width}>{label} {count} {ratio}</p>
            <input type="checkbox" checked={done} value={label}>
            <button onClick={move |_| {
                label.set(String::new());
                count.set(0);
                class.set(String::new());
                width.set(0);
                ratio.set(0.0);
                done.set(false);
            }}>"reset"</button>
        }
    });
    // Numbers get an `n`, strings none; a float and a boolean are not read
    // back from the markup, so they keep their place in the state.
    assert!(
        page.contains(r#"<p class="row" width="40" data-r-b="class=2 width=n"><!--r:-3-->a &amp; "b" &lt;c&gt;<!----><!--r:n-->-3<!----><!--r:+3-->0.5</p>"#),
        "{page}"
    );
    assert!(page.contains(r#"data-r-b="checked= value=-5""#), "{page}");
    assert_eq!(
        state_script(&page),
        r#"<script type="resuma/state">{"s":{"4":0.5,"5":true}}</script>"#
    );
}

#[test]
fn values_the_markup_does_not_show_exactly_stay_in_the_state() {
    // protocol.md §5: a carriage return or U+0000 is changed by the HTML
    // parser; a value changed after it was bound differs from the markup.
    let page = render_document(&doc(), || {
        let crlf = use_signal("a\r\nb".to_owned());
        let nul = use_signal("a\u{0}b".to_owned());
        let changed = use_signal(1);
        let set_first = use_signal(1);
        set_first.set(2);
        let view_box = use_signal("0 0 8 8".to_owned());
        view! {
            // `changed` is set after the markup shows 1: the browser must
            // start from 5. `set_first` changed before it was shown: the
            // markup shows its value.
            <p title={nul}>{crlf} {changed} {changed.set(5)} {set_first}</p>
            // A mixed-case attribute name may not be found again by
            // `getAttribute` on an SVG element.
            <svg viewBox={view_box}></svg>
            <button onClick={move |_| {
                crlf.set(String::new());
                nul.set(String::new());
                changed.set(0);
                set_first.set(0);
                view_box.set(String::new());
            }}>"reset"</button>
        }
    });
    assert!(
        page.contains("<!--r:+2n-->1<!----><!--r:n-->2</p>"),
        "{page}"
    );
    assert_eq!(
        state_script(&page),
        r#"<script type="resuma/state">{"s":{"0":"a\r\nb","1":"a\u0000b","2":5,"4":"0 0 8 8"}}</script>"#
    );
}

#[test]
fn page_without_handlers_has_no_script() {
    let page = render_document(&doc(), || {
        let n = use_signal(1);
        view! { <p>{n}</p> }
    });
    assert!(!page.contains("<script"), "{page}");
}

#[test]
fn events_are_listed_once_in_first_use_order() {
    let page = render_document(&doc(), || {
        let v = use_signal(String::new());
        view! {
            <input onInput={move |_| v.set(String::new())} />
            <button onClick={move |_| v.set(String::new())}>"a"</button>
            <button onClick={move |_| v.set(String::new())}>"b"</button>
        }
    });
    assert!(page.contains(r#"data-r-ev="input click""#), "{page}");
}

#[test]
fn void_elements_and_boolean_attributes() {
    let html = resuma::render_to_string(
        || view! { <input type="checkbox" checked disabled={true} required={false}><br/><hr> },
    );
    assert_eq!(html, r#"<input type="checkbox" checked disabled><br><hr>"#);
}

#[test]
fn fragments_and_nested_components_with_children() {
    #[component]
    fn Wrap(
        #[prop(into)] label: String,
        #[prop(optional)] extra: Option<i32>,
        children: Children,
    ) -> impl IntoView {
        view! { <div aria-label={label}>{children}{extra}</div> }
    }
    let html = resuma::render_to_string(|| {
        view! {
            <>
                <Wrap label="a"><b>"x"</b></Wrap>
                <Wrap label="b" extra={7} />
            </>
        }
    });
    assert_eq!(
        html,
        r#"<div aria-label="a"><b>x</b></div><div aria-label="b">7</div>"#
    );
}

#[test]
fn one_buffer_holds_the_whole_document() {
    let page = render_document(&doc(), || view! { <h1>"Hi"</h1> });
    assert_eq!(
        page,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>T</title><link rel=\"icon\" href=\"data:,\"></head><body><h1>Hi</h1></body></html>"
    );
}

#[test]
fn js_blocks_are_copied_into_the_chunk() {
    let html = resuma::render_to_string(|| {
        let n = use_signal(0);
        view! { <button onClick={move |_| { n.set(1); js!(r#"console.log("kept // as is")"#); }}>{n}</button> }
    });
    let start = html.find("data-r-on:click=\"").unwrap() + 17;
    let chunk = &html[start..start + 13];
    let source = resuma::chunk::registered_chunks()
        .find(|c| c.name == chunk)
        .unwrap()
        .source;
    assert!(
        source.contains(r#"console.log("kept // as is")"#),
        "{source}"
    );
}

#[test]
fn a_component_has_one_chunk_for_all_its_views() {
    #[component]
    fn Two() -> impl IntoView {
        let n = use_signal(0);
        let rows: Vec<_> = (0..2)
            .map(|_| view! { <i onClick={move |_| n.set(n.get() + 2)}>"row"</i> })
            .collect();
        view! { <div><b onClick={move |_| n.set(n.get() + 1)}>{n}</b>{rows}</div> }
    }
    let html = resuma::render_to_string(|| view! { <Two /> });
    assert_eq!(TwoProps::CHUNKS.len(), 1);
    let chunk = TwoProps::CHUNKS[0];
    assert_eq!(
        html.matches(&format!("\"{}#", chunk.name)).count(),
        3,
        "{html}"
    );
    assert!(
        chunk.source.contains("export const h0") && chunk.source.contains("export const h1"),
        "{}",
        chunk.source
    );
    assert!(
        resuma::chunk::registered_chunks().any(|c| c.name == chunk.name),
        "also registered at link time"
    );
}

#[test]
fn state_keeps_f32_digits_and_struct_values() {
    #[derive(serde::Serialize)]
    struct Point {
        x: f32,
        label: &'static str,
    }
    let page = render_document(&doc(), || {
        let p = use_signal(Point {
            x: 0.1,
            label: "a</script>",
        });
        let f = use_signal(0.1f32);
        view! { <button onClick={move |_| f.set(0.2)}>{f}</button><i onClick={move |_| p.with(|_| ())}>"p"</i> }
    });
    assert!(
        page.contains(r#""0":{"x":0.1,"label":"a\u003c/script\u003e"}"#),
        "{page}"
    );
    assert!(page.contains(r#""1":0.1"#), "{page}");
}

/// The chunk name in `html` replaced by the placeholder the doc uses.
fn with_doc_chunk(html: &str) -> String {
    let at = html.find("#h").expect("a chunk reference");
    let chunk = &html[at - 13..at];
    html.replace(chunk, "h0123456789ab")
}

#[component]
fn DerivedText() -> impl IntoView {
    let q = use_signal(String::from("abc"));
    let len = computed!([q], move || q.get().len());
    view! {
        <p>{move || format!("{} chars", q.get().len())}</p>
        <p>{format!("{} chars", len.get())}</p>
        <p>{"static".to_uppercase()}</p>
    }
}

#[test]
fn derived_text_names_its_body_and_captures() {
    // protocol.md §14, Text
    let html = with_doc_chunk(&resuma::render_to_string(|| view! { <DerivedText /> }));
    assert_eq!(
        html,
        "<p><!--r-d:h0123456789ab#h1|0-->3 chars<!----></p>\
         <p><!--r-d:h0123456789ab#h2|1-->3 chars<!----></p><p>STATIC</p>"
    );
}

#[component]
fn DerivedAttrs() -> impl IntoView {
    let q = use_signal(String::new());
    let len = computed!([q], move || q.get().len());
    view! {
        <p class={move || if q.get().len() > 5 { "long" } else { "short" }} hidden={len.get() == 0} title={q}>"x"</p>
    }
}

#[test]
fn derived_attributes_carry_their_value_and_are_listed_in_data_r_d() {
    // protocol.md §14, Attributes
    let html = with_doc_chunk(&resuma::render_to_string(|| view! { <DerivedAttrs /> }));
    assert_eq!(
        html,
        r#"<p class="short" hidden title="" data-r-b="title=0" data-r-d="class=h0123456789ab#h1|0 hidden=h0123456789ab#h2|1">x</p>"#
    );
}

#[component]
fn Reactions() -> impl IntoView {
    let q = use_signal(String::new());
    let len = computed!([q], move || q.get().len());
    let double = computed!([len], move || len.get() * 2);
    let saved = use_signal(0u32);
    debounce!(300, [q], move || {
        let n = q.get().len() as u32;
        saved.set(n);
    });
    view! { <input value={q} onInput={move |e| q.set(e.value())}>{double} }
}

#[test]
fn computeds_and_effects_are_the_states_reactions() {
    // protocol.md §14, Computeds and effects: the doc's state script.
    let html = with_doc_chunk(&render_document(&doc(), || view! { <Reactions /> }));
    let expected = r#"<script type="resuma/state">{"s":{"1":0,"3":0},"d":[[[0],"h0123456789ab#h0|0",1],[[1],"h0123456789ab#h1|1",2],[[0],"h0123456789ab#h2|0,3",null,300]]}</script>"#;
    assert!(html.contains(expected), "{html}");
    let protocol = include_str!("../../../docs/protocol.md");
    assert!(protocol.contains(expected), "the doc shows this script");
}
