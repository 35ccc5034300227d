//! Struct signals: a struct updated in place shows in a derived text, and a
//! `Signal<u32>` id written into a struct of a list row. The types derive
//! `SignalData`, so translated closures read their fields with their real
//! types (`age: u32` is `u32` arithmetic in the browser).

use resuma::prelude::*;
use serde::Serialize;

/// A person.
#[derive(Debug, Clone, Serialize, SignalData)]
pub struct User {
    /// Shown first.
    pub name: String,
    /// Grows by one per birthday.
    pub age: u32,
}

/// One row of the list.
#[derive(Debug, Clone, Serialize, SignalData)]
pub struct Item {
    /// The key, from the `next` counter.
    pub id: u32,
    /// The text typed when it was added.
    pub name: String,
}

/// "Ada is 36", and a button that makes it 37 in place.
#[component]
pub fn Profile() -> impl IntoView {
    let user = use_signal(User {
        name: "Ada".to_string(),
        age: 36,
    });
    view! {
        <main>
            <p id="user">{move || user.with(|u| format!("{} is {}", u.name, u.age))}</p>
            <button type="button" id="birthday" onClick={move |_| user.update(|u| u.age += 1)}>"Birthday"</button>
        </main>
    }
}

/// A list whose new rows take their id from a `Signal<u32>`.
#[component]
pub fn Items() -> impl IntoView {
    let next = use_signal(3u32);
    let name = use_signal(String::new());
    let items: Signal<Vec<Item>> = use_signal(vec![
        Item {
            id: 1,
            name: "first".to_string(),
        },
        Item {
            id: 2,
            name: "second".to_string(),
        },
    ]);
    view! {
        <main>
            <label for="name">"Name"</label>
            <input id="name" value={name} onInput={move |e| name.set(e.value())} />
            <button type="button" id="add" onClick={move |_| {
                let id = next.get();
                next.set(id + 1);
                items.update(|v| v.push(Item { id, name: name.get() }));
            }}>"Add"</button>
            <p>"Next id: " <output id="next">{next}</output></p>
            <ul id="items">
                <For each={items} key={|i| i.id} let:item>
                    <li data-id={item.id}>{format!("#{} {}", item.id, item.name)}</li>
                </For>
            </ul>
        </main>
    }
}
