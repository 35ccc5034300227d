//! Rows and branches the browser renders itself: a component inside a
//! `<For>` row, a `<Show>` inside a row (on the row's item, and on a page
//! signal), a `<For>` and a component inside a `<Show>` branch, a `<For>`
//! inside a row, and rows that read page signals (bound text and
//! attributes, a derived value).

use resuma::prelude::*;
use serde::Serialize;

/// One task of the list.
#[derive(Debug, Clone, Serialize, SignalData)]
pub struct Task {
    /// The key, from the `next` counter.
    pub id: u32,
    /// Shown by the task's chip.
    pub name: String,
    /// Toggled by the row's button.
    pub done: bool,
}

/// One note of the list inside a branch.
#[derive(Debug, Clone, Serialize, SignalData)]
pub struct Note {
    /// The key.
    pub id: u32,
    /// The note's text.
    pub text: String,
}

/// A chip: a label from its row and a button that counts on a page signal.
/// Its template compiles to JavaScript, so rows the browser adds render it.
#[component]
pub fn Chip(label: String, clicks: Signal<u32>) -> impl IntoView {
    view! {
        <span class="chip"><b class="label">{label}</b>
            <button type="button" class="bump" onClick={move |_| clicks.update(|n| *n += 1)}>"+1"</button>
            <i class="seen">{move || clicks.get() * 10}</i>
        </span>
    }
}

/// Tasks with a chip, a done state and their page's marks in each row.
#[component]
pub fn Tasks() -> impl IntoView {
    let next = use_signal(3u32);
    let clicks = use_signal(0u32);
    let details = use_signal(false);
    let marks: Signal<Vec<u32>> = use_signal(vec![1]);
    let tasks: Signal<Vec<Task>> = use_signal(vec![
        Task {
            id: 1,
            name: "first".to_string(),
            done: false,
        },
        Task {
            id: 2,
            name: "second".to_string(),
            done: true,
        },
    ]);
    view! {
        <main>
            <p>"Clicks: " <output id="clicks">{clicks}</output></p>
            <button type="button" id="add" onClick={move |_| {
                let id = next.get();
                next.set(id + 1);
                tasks.update(|v| v.push(Task { id, name: format!("task {}", id), done: false }));
            }}>"Add a task"</button>
            <button type="button" id="details" onClick={move |_| details.update(|d| *d = !*d)}>"Details"</button>
            <button type="button" id="mark" onClick={move |_| marks.update(|v| { let n = v.len() as u32 + 1; v.push(n); })}>"Add a mark"</button>
            <ul id="tasks">
                <For each={tasks} key={|t| t.id} let:task>
                    <li data-id={task.id} data-clicks={clicks}>
                        <Chip label={task.name.clone()} clicks={clicks} />
                        <button type="button" class="toggle" onClick={move |_| tasks.update(|v| {
                            for t in v.iter_mut() {
                                if t.id == task.id {
                                    t.done = !t.done;
                                }
                            }
                        })}>"Toggle"</button>
                        <Show when={move || task.done} fallback={view! { <span class="state">"open"</span> }}>
                            <span class="state">"done"</span>
                        </Show>
                        <Show when={move || details.get()}>
                            <small class="detail">{format!("task #{}", task.id)}</small>
                        </Show>
                        <span class="twice">{move || clicks.get() * 2}</span>
                        <ol class="marks">
                            <For each={marks} key={|m| *m} let:mark>
                                <li>{format!("mark {}", mark)}</li>
                            </For>
                        </ol>
                    </li>
                </For>
            </ul>
        </main>
    }
}

/// A list and a component that exist only while their branch is shown.
#[component]
pub fn Notes() -> impl IntoView {
    let open = use_signal(false);
    let taps = use_signal(0u32);
    let next = use_signal(3u32);
    let notes: Signal<Vec<Note>> = use_signal(vec![
        Note {
            id: 1,
            text: "one".to_string(),
        },
        Note {
            id: 2,
            text: "two".to_string(),
        },
    ]);
    view! {
        <main>
            <button type="button" id="open" onClick={move |_| open.update(|o| *o = !*o)}>"Open or close"</button>
            <button type="button" id="add-note" onClick={move |_| {
                let id = next.get();
                next.set(id + 1);
                notes.update(|v| v.push(Note { id, text: format!("note {}", id) }));
            }}>"Add a note"</button>
            <p>"Taps: " <output id="taps">{taps}</output></p>
            <Show when={move || open.get()} fallback={view! { <p id="closed">"Closed"</p> }}>
                <div id="notes-chip"><Chip label={"in a branch".to_string()} clicks={taps} /></div>
                <ul id="notes">
                    <For each={notes} key={|n| n.id} let:note>
                        <li>{note.text.clone()}</li>
                    </For>
                </ul>
            </Show>
        </main>
    }
}
