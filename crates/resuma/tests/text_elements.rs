//! `<textarea>` and `<title>` hold text, not markup (protocol.md §3, "Text
//! elements"): a signal shown there is written without markers, and a
//! textarea's signal is bound to its `value`.

use resuma::prelude::*;
use resuma::render::render_document;
use resuma_test_support::{state_script, test_document};

#[test]
fn a_captured_signal_that_is_a_textarea_s_content_binds_its_value() {
    let page = render_document(&test_document(), || {
        let note = use_signal("a < b".to_owned());
        view! {
            <textarea name="note" rows="3">{note}</textarea>
            <button onClick={move |_| note.set(String::new())}>"Clear"</button>
        }
    });
    // No marker inside the element: the browser would show it as text.
    assert!(
        page.contains(r#"<textarea name="note" rows="3" data-r-b="value=0">a &lt; b</textarea>"#),
        "{page}"
    );
    // The browser cannot read a textarea's value back from a `value`
    // attribute, so the state carries it.
    assert_eq!(
        state_script(&page),
        r#"<script type="resuma/state">{"s":{"0":"a \u003c b"}}</script>"#
    );
}

#[test]
fn the_value_joins_the_textarea_s_other_bound_attributes() {
    let page = render_document(&test_document(), || {
        let note = use_signal("x".to_owned());
        let rows = use_signal(4);
        view! {
            <textarea rows={rows}>{note}</textarea>
            <button onClick={move |_| { note.set(String::new()); rows.set(2) }}>"Reset"</button>
        }
    });
    assert!(
        page.contains(r#"<textarea rows="4" data-r-b="rows=1n value=-1">x</textarea>"#),
        "{page}"
    );
}

#[test]
fn a_textarea_keeps_the_line_break_its_text_starts_with() {
    // The HTML parser drops one line break right after `<textarea>`.
    let html = resuma::render_to_string(|| {
        let note = use_signal("\nsecond line".to_owned());
        view! {
            <textarea>{note}</textarea>
            <textarea>"\nliteral"</textarea>
            <textarea>"no break"</textarea>
        }
    });
    assert_eq!(
        html,
        "<textarea data-r-b=\"value=0\">\n\nsecond line</textarea>\
         <textarea>\n\nliteral</textarea><textarea>no break</textarea>"
    );
}

#[test]
fn a_title_or_a_textarea_with_other_text_shows_the_signal_as_plain_text() {
    let page = render_document(&test_document(), || {
        let unread = use_signal(3);
        let name = use_signal("Ada".to_owned());
        view! {
            <title>"Inbox (" {unread} ")"</title>
            <textarea>"Dear " {name}</textarea>
            <button onClick={move |_| { unread.set(0); name.set(String::new()) }}>"Read"</button>
        }
    });
    assert!(
        page.contains("<title>Inbox (3)</title><textarea>Dear Ada</textarea>"),
        "{page}"
    );
    // Captured, so their values are in the state for the handler.
    assert_eq!(
        state_script(&page),
        r#"<script type="resuma/state">{"s":{"0":3,"1":"Ada"}}</script>"#
    );
}

#[test]
fn a_shown_only_signal_in_a_textarea_is_plain_text() {
    let page = render_document(&test_document(), || {
        let note = use_signal("kept".to_owned());
        let count = use_signal(0);
        view! {
            <textarea>{note}</textarea>
            <button onClick={move |_| count.set(1)}>"+"</button>
        }
    });
    assert!(page.contains("<textarea>kept</textarea>"), "{page}");
    assert_eq!(
        state_script(&page),
        r#"<script type="resuma/state">{"s":{"1":0}}</script>"#
    );
}

#[test]
fn markup_inside_a_textarea_keeps_its_bindings_in_place() {
    // Markup in a textarea is shown as its text: a template mistake, but
    // the render must stay well-formed, and moving the recorded places by
    // the extra line break would cut the page at the wrong bytes.
    let html = resuma::render_to_string(|| {
        let class = use_signal("on");
        view! { <textarea>"\n" <b class={class}>"é"</b></textarea> }
    });
    assert_eq!(
        html,
        "<textarea>\n<b class=\"on\" data-r-b=\"class=0\">é</b></textarea>"
    );
}

#[test]
fn an_svg_title_is_markup_and_keeps_its_markers() {
    // In SVG (foreign content) a <title> is an ordinary element: comments
    // in it are comments, so a bound text works as anywhere else.
    let html = resuma::render_to_string(|| {
        let tip = use_signal("3 items".to_owned());
        view! {
            <svg><rect><title>{tip}</title></rect><foreignObject><textarea>{tip}</textarea></foreignObject></svg>
        }
    });
    assert_eq!(
        html,
        "<svg><rect><title><!--r:0-->3 items</title></rect>\
         <foreignObject><textarea data-r-b=\"value=0\">3 items</textarea></foreignObject></svg>"
    );
}
