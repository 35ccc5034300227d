//! Values the browser reads back from the markup (protocol.md §5, "Values
//! the markup shows"): a string shown as text (twice) and as an attribute,
//! and an integer shown as text are not in the state script; the handlers
//! start from what the page shows.

use resuma::prelude::*;

/// A label with characters the HTML escapes, a count and a class, changed
/// by three buttons.
#[component]
pub fn Readback() -> impl IntoView {
    let label = use_signal(r#"Tom & "Jerry" <3"#.to_owned());
    let count = use_signal(9);
    let class = use_signal("plain".to_owned());
    view! {
        <main>
            <p id="label" class={class}>{label}</p>
            <p id="copy">"Again: " {label}</p>
            <p id="count">{count}</p>
            <button id="louder" type="button" onClick={move |_| label.set(format!("{}!", label.get()))}>"Louder"</button>
            <button id="more" type="button" onClick={move |_| count.set(count.get() + 1)}>"+1"</button>
            <button id="mark" type="button" onClick={move |_| class.set(format!("{} marked", class.get()))}>"Mark"</button>
        </main>
    }
}
