use resuma::prelude::*;

// `Label` takes a prop with a default, so it has no browser template: it
// cannot be used where the browser renders rows itself.
#[component]
fn Label(text: String, #[prop(default = 1)] size: u32) -> impl IntoView {
    view! { <b data-size={size}>{text}</b> }
}

#[component]
fn List() -> impl IntoView {
    let names: Signal<Vec<String>> = use_signal(vec!["a".to_string()]);
    view! {
        <ul>
            <For each={names} key={|n| n.clone()} let:name>
                <li><Label text={name.clone()} /></li>
            </For>
        </ul>
    }
}

fn main() {
    let _ = resuma::render_to_string(|| view! { <List /> });
}
