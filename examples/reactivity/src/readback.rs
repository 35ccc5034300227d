//! Values the browser reads back from the markup (protocol.md §5, "Values
//! the markup shows"): a string shown as text (twice) and as an attribute,
//! and an integer shown as text are not in the state script; the handlers
//! start from what the page shows. Two more signals no handler captures
//! are plain markup, with no marker and no state entry (protocol.md §2), and
//! an empty bound text at the end of its element gets its text node from
//! the browser when a handler first fills it.

use resuma::prelude::*;

/// A label with characters the HTML escapes, a count, a class and a note,
/// changed by four buttons; a visit count and a ratio only shown.
#[component]
pub fn Readback() -> impl IntoView {
    let label = use_signal(r#"Tom & "Jerry" <3"#.to_owned());
    let count = use_signal(9);
    let class = use_signal("plain".to_owned());
    let note = use_signal(String::new());
    let visits = use_signal(3);
    let ratio = use_signal(0.25f64);
    view! {
        <main>
            <p id="label" class={class}>{label}</p>
            <p id="copy">"Again: " {label}</p>
            <p id="count">{count}</p>
            <p id="note">{note}</p>
            <p id="shown-only" title={visits}>"Visits: " {visits} ", ratio " {ratio}</p>
            <button id="louder" type="button" onClick={move |_| label.set(format!("{}!", label.get()))}>"Louder"</button>
            <button id="more" type="button" onClick={move |_| count.set(count.get() + 1)}>"+1"</button>
            <button id="mark" type="button" onClick={move |_| class.set(format!("{} marked", class.get()))}>"Mark"</button>
            <button id="note-it" type="button" onClick={move |_| note.set("noted".to_owned())}>"Note"</button>
        </main>
    }
}
