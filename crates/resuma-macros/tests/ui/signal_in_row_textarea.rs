use resuma::prelude::*;

#[derive(Clone, serde::Serialize, SignalData)]
struct Note {
    id: u32,
    text: String,
}

#[component]
fn Notes() -> impl IntoView {
    let notes = use_signal(vec![Note { id: 1, text: "a".into() }]);
    let draft = use_signal(String::new());
    view! {
        <For each={notes} key={|n| n.id} let:note>
            <li><textarea>{draft}</textarea>{note.text.clone()}</li>
        </For>
    }
}

fn main() {
    let _ = resuma::render_to_string(|| view! { <Notes /> });
}
