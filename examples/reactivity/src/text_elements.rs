//! A signal shown in a `<textarea>`, where the browser reads the content as
//! text and no marker can stand (protocol.md §3, "Text elements"): the
//! signal is bound to the textarea's value. Typing updates the signal, a
//! button changes it from code, and a paragraph shows it.

use resuma::prelude::*;

/// A textarea and the length of what it holds.
#[component]
pub fn Draft() -> impl IntoView {
    let draft = use_signal("Dear <friend>,\n".to_owned());
    view! {
        <main>
            <textarea id="draft" rows="4" onInput={move |e| draft.set(e.value())}>{draft}</textarea>
            <p id="echo">{draft}</p>
            <button id="sign" type="button" onClick={move |_| draft.set(format!("{}Ada", draft.get()))}>"Sign"</button>
            <button id="clear" type="button" onClick={move |_| draft.set(String::new())}>"Clear"</button>
        </main>
    }
}
