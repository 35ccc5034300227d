use resuma::prelude::*;

#[derive(Clone, serde::Serialize, SignalData)]
struct Group {
    id: u32,
    name: String,
}

#[component]
fn Groups() -> impl IntoView {
    let groups: Signal<Vec<Group>> = use_signal(Vec::new());
    let marks: Signal<Vec<u32>> = use_signal(vec![1, 2]);
    view! {
        <ul>
            <For each={groups} key={|g| g.id} let:group>
                <li><ol>
                    <For each={marks} key={|m| *m} let:mark>
                        <li>{format!("{} {}", group.name, mark)}</li>
                    </For>
                </ol></li>
            </For>
        </ul>
    }
}

fn main() {
    let _ = resuma::render_to_string(|| view! { <Groups /> });
}
