use resuma::prelude::*;

#[derive(Clone, serde::Serialize, SignalData)]
struct Task {
    id: u32,
}

#[component]
fn List() -> impl IntoView {
    let selected = use_signal(1u32);
    let tasks: Signal<Vec<Task>> = use_signal(vec![Task { id: 1 }]);
    view! {
        <ul>
            <For each={tasks} key={|t| t.id} let:task>
                <li>{move || if selected.get() == task.id { "*" } else { "" }}</li>
            </For>
        </ul>
    }
}

fn main() {
    let _ = resuma::render_to_string(|| view! { <List /> });
}
